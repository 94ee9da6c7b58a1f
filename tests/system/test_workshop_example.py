"""The weighting workshop example (examples/workshop-weights) shows what its README says.

Expectations worked by hand in the README: the participants' medians, group by group, and the
public health lead's eigenvector (64.8%, 23.0%, 12.2%; consistency ratio 0.003).
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO, run_appraise

FOLDER = REPO / "examples" / "workshop-weights"


def test_every_weight_is_the_participants_median() -> None:
    data = json.loads(run_appraise("weights", FOLDER, "--format", "json").out)
    assert data["combined"]["rule"] == "median"
    assert data["agreed"] == pytest.approx(data["combined"]["weights"])
    assert data["agreed"]["cost"] == pytest.approx(0.29117, abs=1e-5)
    assert data["agreed"]["quality"] == pytest.approx(0.55813, abs=1e-5)
    assert data["agreed"]["outcomes"] == pytest.approx(0.55813 * 0.5625, abs=1e-5)
    assert sorted(data["filled"]) == ["cost", "deliverability", "outcomes", "quality", "reach"]
    health = next(p for p in data["participants"] if p["id"] == "public-health")
    assert health["weights"]["quality"] == pytest.approx(0.6483, abs=1e-4)
    assert health["consistency"]["root"] == pytest.approx(0.0032, abs=1e-4)
    assert data["spread"]["reach"] == pytest.approx({"min": 0.35 * 0.5, "max": 0.6111 * 0.75}, abs=1e-4)


def test_the_example_is_marked_illustrative() -> None:
    assert "Illustrative" in (FOLDER / "criteria.yaml").read_text(encoding="utf-8")
    for path in sorted((FOLDER / "weights").glob("*.yaml")):
        assert "Illustrative" in path.read_text(encoding="utf-8"), path.name


def test_the_readme_states_the_panel_sensitivity_share() -> None:
    run = run_appraise("sensitivity", FOLDER, "--weights", "panel", "--format", "json")
    data = json.loads(run.out)
    assert f"stays preferred in {data['preferred_probability']:.1%}" in (FOLDER / "README.md").read_text(
        encoding="utf-8")

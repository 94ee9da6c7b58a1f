"""Value for money divides cost by benefit points, not by points that already count cost
(contract 13): criteria measured from a cost figure are left out and the other weights rescaled
to 100, within their parents; every output names what was left out."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, make_appraisal, run_appraise
from hypothesis import given, settings
from hypothesis import strategies as st

SCIM = REPO / "tests" / "data" / "scim-option-appraisal"

NESTED: dict[str, Any] = {
    "title": "Nested",
    "scale": {"min": 0, "max": 5},
    "finance": {"years": 1, "discount_rate": 0},
    "criteria": [
        {"id": "value", "name": "Value", "weight": 40, "criteria": [
            {"id": "price", "name": "Price", "weight": 50, "measure": "annual_cost", "direction": "lower",
             "value_function": "relative"},
            {"id": "social", "name": "Social value", "weight": 50},
        ]},
        {"id": "quality", "name": "Quality", "weight": 40, "criteria": [
            {"id": "method", "name": "Method", "weight": 1},
            {"id": "staff", "name": "Staffing", "weight": 1},
        ]},
        {"id": "costs", "name": "Costs", "weight": 20, "criteria": [
            {"id": "yearly", "name": "Yearly cost", "weight": 1, "measure": "annual_cost", "direction": "lower"},
            {"id": "whole", "name": "Whole-life cost", "weight": 1, "measure": "whole_life_cost",
             "direction": "lower"},
        ]},
    ],
}
"""Left out: Price (its parent Value keeps Social value alone), and Costs, all of whose
sub-criteria are cost-measured. Kept: Value and Quality, 40 and 40, so half each; Social value
0.5, Method 0.25, Staffing 0.25."""

OPTIONS: dict[str, dict[str, Any]] = {
    # X: 0.5 x 4/5 + 0.25 x 2/5 + 0.25 x 5/5 = 0.75 -> 75 benefit points; cost 150,000
    "x": {"name": "X", "costs": {"annual": 150_000}, "scores": {"social": 4, "method": 2, "staff": 5}},
    # Y: 0.5 x 1/5 + 0.25 x 5/5 + 0.25 x 3/5 = 0.50 -> 50 benefit points; cost 100,000
    "y": {"name": "Y", "costs": {"annual": 100_000}, "scores": {"social": 1, "method": 5, "staff": 3}},
}


def vfm_json(folder: Path, *args: str) -> dict[str, Any]:
    run = run_appraise("vfm", folder, "--format", "json", *args)
    assert run.code == 0, run.err
    return dict(json.loads(run.out))


def test_benefit_points_leave_out_cost_within_each_parent(tmp_path: Path) -> None:
    doc = vfm_json(make_appraisal(tmp_path / "a", NESTED, OPTIONS), "--against", "next-cheapest")
    by_id = {o["id"]: o for o in doc["options"]}
    assert doc["excluded_criteria"] == ["price", "costs", "yearly", "whole"]
    assert by_id["x"]["benefit_points"] == pytest.approx(75)
    assert by_id["y"]["benefit_points"] == pytest.approx(50)
    assert by_id["x"]["cost_per_point"] == pytest.approx(150_000 / 75)
    assert by_id["y"]["cost_per_point"] == pytest.approx(100_000 / 50)
    # X over Y: 50,000 more for 25 more benefit points
    assert by_id["x"]["incremental"]["cost_per_extra_point"] == pytest.approx(2_000)
    # the total still counts everything (global weights: Price 20, Social value 20, Method 20,
    # Staffing 20, Yearly cost 10, Whole-life cost 10): Y, the cheaper, gets every cost point
    # (40) and 20 x 1/5 + 20 x 5/5 + 20 x 3/5 = 36 from the rest
    assert by_id["y"]["points"] == pytest.approx(76)


def test_every_human_output_names_the_criteria_left_out(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", NESTED, OPTIONS)
    for fmt in ("table", "markdown"):
        run = run_appraise("vfm", folder, "--format", fmt, "--against", "next-cheapest")
        assert run.code == 0, run.err
        text = " ".join(run.out.replace("\\", "").split())
        assert "Benefit points" in text
        assert "'Price', 'Costs', 'Yearly cost' and 'Whole-life cost' left out" in text, text
    for fmt, name in (("markdown", "a.md"), ("html", "a.html")):
        run = run_appraise("report", folder, "--format", fmt, "--output", tmp_path / name)
        assert run.code == 0, run.err
        text = " ".join((tmp_path / name).read_text(encoding="utf-8").split()).replace("&#39;", "'")
        section = text.split("Value for money", 1)[1]
        assert "Benefit points" in section and "'Yearly cost' and 'Whole-life cost' left out" in section


def scim_with_price(root: Path, price_weight: int) -> Path:
    """SCIM's example with a price criterion on the net present cost added beside its benefits."""
    shutil.copytree(SCIM, root)
    criteria = yaml.safe_load((root / "criteria.yaml").read_text(encoding="utf-8"))
    criteria["criteria"][0]["weight"] = 100 - price_weight
    criteria["criteria"].append({"id": "price", "name": "Price", "weight": price_weight, "measure": "npv_cost",
                                 "direction": "lower", "value_function": "relative"})
    (root / "criteria.yaml").write_text(yaml.safe_dump(criteria), encoding="utf-8")
    return root


def test_scim_with_a_price_criterion_still_gives_scims_published_figures(tmp_path: Path) -> None:
    # SCIM (Option Appraisal Guide) divides each option's net present cost by its weighted
    # benefit score alone: P 3.0m / 790 = 3,797; R 4.0m / 1,250 = 3,200; S 5.0m / 1,480 = 3,378;
    # Q dominated by R; against P: R 1.0m / 460 = 2,174, S 2.0m / 690 = 2,899. A price criterion
    # in the scoring must not change them (before: points counted the price too, so P, the
    # cheapest, came out the best value for money).
    doc = vfm_json(scim_with_price(tmp_path / "scim", 30))
    by_id = {o["id"]: o for o in doc["options"]}
    assert doc["excluded_criteria"] == ["price"]
    assert {k: round(o["benefit_points"]) for k, o in by_id.items()} == {"p": 790, "q": 1010, "r": 1250, "s": 1480}
    assert {k: round(o["cost_per_point"]) for k, o in by_id.items()} == {"p": 3797, "q": 4455, "r": 3200, "s": 3378}
    assert by_id["q"]["dominated_by"] == ["r"] and doc["frontier"] == ["p", "r", "s"]
    assert round(by_id["r"]["versus_baseline"]["cost_per_extra_point"]) == 2174
    assert round(by_id["s"]["versus_baseline"]["cost_per_extra_point"]) == 2899


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 99), st.integers(1, 99))
def test_the_weight_of_a_cost_criterion_never_moves_value_for_money(first: int, second: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = vfm_json(scim_with_price(Path(tmp) / "one", first))
        two = vfm_json(scim_with_price(Path(tmp) / "two", second))
    for a, b in zip(one["options"], two["options"], strict=True):
        assert a["id"] == b["id"]
        assert a["benefit_points"] == pytest.approx(b["benefit_points"], rel=1e-12)
        assert a["cost_per_point"] == pytest.approx(b["cost_per_point"], rel=1e-12)
    assert one["frontier"] == two["frontier"]


def test_without_a_cost_criterion_nothing_changes(tmp_path: Path) -> None:
    doc = vfm_json(SCIM)
    assert "excluded_criteria" not in doc and all("benefit_points" not in o for o in doc["options"])
    run = run_appraise("vfm", SCIM, "--format", "markdown")
    assert "Benefit points" not in run.out and "left out" not in run.out


def test_only_cost_criteria_is_refused_with_a_located_message(tmp_path: Path) -> None:
    criteria = {"title": "Price only", "criteria": [
        {"id": "price", "name": "Price", "weight": 100, "measure": "annual_cost", "direction": "lower"}]}
    options = {"a": {"name": "A", "costs": {"annual": 1}}, "b": {"name": "B", "costs": {"annual": 2}}}
    run = run_appraise("vfm", make_appraisal(tmp_path / "a", criteria, options))
    assert run.code == 2
    assert "criteria.yaml:" in run.err and "every criterion is measured from a cost figure" in run.err

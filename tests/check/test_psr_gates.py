"""Basic selection criteria are gates (contract section 18, docs/psr.md): under the competitive or
most suitable provider process, ``appraise validate`` warns, at the process line, when there are none."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise

KEYS = ["quality_innovation", "value", "integration", "access", "social_value"]
OPTIONS = {"a": {"name": "Provider A", "scores": {k: 3 for k in KEYS}}}


def criteria(**extra: Any) -> dict[str, Any]:
    return {"title": "Health visiting", "regime": "psr", "process": "competitive",
            "criteria": [{"id": k, "name": k, "weight": 20} for k in KEYS], **extra}


def warnings(run: Any) -> list[str]:
    return [line for line in run.err.splitlines() if ": warning: " in line]


@pytest.mark.parametrize("process", ["competitive", "most_suitable_provider"])
def test_no_gates_is_warned_of_at_the_process_line(tmp_path: Path, process: str) -> None:
    run = run_appraise("validate", make_appraisal(tmp_path / "a", criteria(process=process), OPTIONS))
    assert run.code == 0, run.err  # a warning, not an error
    [warning] = [w for w in warnings(run) if "basic selection criteria" in w]
    lines = (tmp_path / "a" / "criteria.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("process:"))
    assert re.search(rf"/a/criteria\.yaml:{line}:\d+: warning: no gates", warning)
    assert "regulation 19 and Schedule 16" in warning and "under 'gates:'" in warning


def test_gates_direct_award_and_other_regimes_are_not_warned_of(tmp_path: Path) -> None:
    gated = criteria(gates=[{"id": "standing", "name": "Economic and financial standing"}])
    options = {"a": {**OPTIONS["a"], "gates": {"standing": True}}}
    cases = {"gated": (gated, options), "direct": (criteria(process="direct_award_c"), OPTIONS),
             "act": ({k: v for k, v in criteria().items() if k not in ("regime", "process")}, OPTIONS)}
    for name, (frame, opts) in cases.items():
        run = run_appraise("validate", make_appraisal(tmp_path / name, frame, opts))
        assert run.code == 0, run.err
        assert not [w for w in warnings(run) if "basic selection" in w], name


def test_providers_are_not_a_green_book_short_list(tmp_path: Path) -> None:
    """Under the regime the options are providers' offers, with or without 'supplier:', so the Green Book's
    warnings about business as usual and the do-minimum do not apply (as for a tender evaluation)."""
    gated = criteria(gates=[{"id": "standing", "name": "Economic and financial standing"}])
    options = {k: {"name": f"Provider {k.upper()}", "scores": {c: 3 for c in KEYS}, "gates": {"standing": True}}
               for k in ("a", "b")}
    run = run_appraise("validate", make_appraisal(tmp_path / "a", gated, options))
    assert run.code == 0, run.err
    assert "baseline" not in run.err and "do_minimum" not in run.err
    act = {k: v for k, v in gated.items() if k not in ("regime", "process")}
    plain = run_appraise("validate", make_appraisal(tmp_path / "b", act, options))
    assert "baseline" in plain.err and "do_minimum" in plain.err  # as before, outside the regime

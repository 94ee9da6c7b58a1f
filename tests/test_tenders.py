"""Tender evaluations: suppliers on options, thresholds on criteria, and tender wording (docs/tenders.md)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from conftest import make_appraisal, run_appraise

CRITERIA: dict[str, Any] = {
    "title": "Small tender",
    "organisation": "Example Council",
    "scale": {"min": 0, "max": 5, "labels": {1: "Poor", 4: "Good", 5: "Excellent"}},
    "criteria": [
        {"id": "price", "name": "Price", "weight": 30, "measure": "annual_cost",
         "direction": "lower", "value_function": "relative"},
        {"id": "quality", "name": "Quality", "weight": 70, "criteria": [
            {"id": "method", "name": "Method statement", "weight": 3, "threshold": 2},
            {"id": "staff", "name": "Staffing", "weight": 4},
        ]},
    ],
}


def tender(name: str, identifier: str, annual: float, method: float, staff: float, **contact: str) -> dict[str, Any]:
    word = name.split()[0].lower()
    return {
        "name": f"{name} tender",
        "supplier": {"name": name, "identifier": identifier, **(contact or {"email": f"bids@{word}.example"})},
        "costs": {"annual": annual},
        "scores": {
            "method": {"score": method, "rationale": f"{word} method: the plan sets out each stage in weeks."},
            "staff": {"score": staff, "rationale": f"{word} staffing: named leads with stated hours."},
        },
    }


OPTIONS: dict[str, dict[str, Any]] = {
    "alpha": tender("Alpha Services Ltd", "GB-COH-0001", 100, 4, 3, address="1 High Street, Town",
                    email="bids@alpha.example"),
    "beta": tender("Beta Care", "GB-COH-0002", 80, 1, 5),
    "gamma": tender("Gamma Trust", "GB-CHC-0003", 125, 5, 4, email="g@gamma.example", address="2 Low Road"),
}
"""Hand-worked (global weights price 0.3, method 0.3, staff 0.4; scores / 5): beta scores 1 on
the method, below its threshold of 2, so it is disqualified and the lowest price among the
tenders that pass is alpha's 100. alpha 30 + 30 x 0.8 + 40 x 0.6 = 78; gamma 30 x 100/125 +
30 + 40 x 0.8 = 86; beta 30 (100/80, held at 1) + 30 x 0.2 + 40 = 76, unranked."""


def folder(root: Path, options: dict[str, dict[str, Any]] | None = None,
           criteria: dict[str, Any] | None = None) -> Path:
    return make_appraisal(root, criteria or CRITERIA, copy.deepcopy(options or OPTIONS))


def scored(root: Path) -> dict[str, Any]:
    run = run_appraise("score", root, "--format", "json")
    assert run.code == 0, run.err
    result: dict[str, Any] = json.loads(run.out)
    return result


def test_a_score_below_the_threshold_disqualifies_the_tender_by_hand(tmp_path: Path) -> None:
    result = scored(folder(tmp_path / "t"))
    got = {o["id"]: (o["rank"], round(o["total"], 6), o["failed_gates"]) for o in result["options"]}
    assert got == {"gamma": (1, 86.0, []), "alpha": (2, 78.0, []), "beta": (None, 76.0, ["threshold:method"])}
    assert result["preferred"] == "gamma"


def test_without_the_threshold_the_cheapest_tender_sets_the_price_and_is_ranked(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    del criteria["criteria"][1]["criteria"][0]["threshold"]
    result = scored(folder(tmp_path / "t", criteria=criteria))
    # best price 80: alpha 24 + 24 + 24 = 72; gamma 30 x 0.64 + 30 + 32 = 81.2; beta 76
    got = {o["id"]: (o["rank"], round(o["total"], 6)) for o in result["options"]}
    assert got == {"gamma": (1, 81.2), "beta": (2, 76.0), "alpha": (3, 72.0)}


def test_a_score_equal_to_the_threshold_passes(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["beta"]["scores"]["method"]["score"] = 2
    result = scored(folder(tmp_path / "t", options))
    assert next(o for o in result["options"] if o["id"] == "beta")["failed_gates"] == []


def test_the_threshold_gate_is_named_in_the_score_table_and_the_report(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    table = run_appraise("score", root)
    assert table.code == 0, table.err
    header = table.out.splitlines()[2]
    assert header.split()[:3] == ["Rank", "Tender", "Total"]
    assert "failed: threshold:method" in table.out
    report = run_appraise("report", root, "--format", "markdown")
    assert report.code == 0, report.err
    assert "Threshold on Method statement (at least 2)" in report.out
    assert "Threshold: Method statement" in report.out  # the method section's list of gates


def test_without_suppliers_the_table_still_speaks_of_options(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    table = run_appraise("score", folder(tmp_path / "t", options))
    assert table.out.splitlines()[2].split()[:3] == ["Rank", "Option", "Total"]


def test_a_tender_evaluation_is_not_asked_for_a_baseline_or_do_minimum(tmp_path: Path) -> None:
    run = run_appraise("validate", folder(tmp_path / "t"))
    assert run.code == 0, run.err
    assert "warning" not in run.err
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    run = run_appraise("validate", folder(tmp_path / "o", options))
    assert "baseline: true" in run.err and "do_minimum" in run.err


def test_a_threshold_on_a_parent_or_outside_the_scale_is_refused(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["threshold"] = 2
    run = run_appraise("validate", folder(tmp_path / "p", criteria=criteria))
    assert run.code == 2
    assert "criteria.yaml:" in run.err and "applies to a judged score" in run.err
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["criteria"][0]["scale"] = {"min": 0, "max": 3}
    criteria["criteria"][1]["criteria"][0]["threshold"] = 4
    run = run_appraise("validate", folder(tmp_path / "s", criteria=criteria))
    assert run.code == 2 and "threshold 4 of 'method' lies outside its scale, 0 to 3" in run.err
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["criteria"][0]["threshold"] = 6  # the default scale is 0 to 5
    run = run_appraise("validate", folder(tmp_path / "d", criteria=criteria))
    assert run.code == 2
    assert re.search(r"criteria\.yaml:\d+:\d+: error: the threshold 6 of 'method' lies outside its scale, 0 to 5", run.err)

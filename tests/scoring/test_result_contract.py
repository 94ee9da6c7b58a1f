"""The Result is the contract between stages: scoring computes once what later stages need.

First the figures scoring puts in the Result (worked out by hand); then that Monte Carlo, value
for money and the report's numbers come from the Result alone: given a Result whose
``appraisal`` back-reference holds other numbers, they give the same answers.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from conftest import make_appraisal

from appraisal.analysis.montecarlo import Settings, simulate
from appraisal.analysis.vfm import value_for_money
from appraisal.load.folder import load
from appraisal.report import build_context
from appraisal.report.provenance import Provenance
from appraisal.scoring.weighted_sum import Result, score

CRITERIA = {
    "title": "Contract",
    "criteria": [{"id": "q", "name": "Quality", "weight": 90}, {"id": "c", "name": "Cost", "weight": 10,
                                                                  "measure": "npv_cost", "direction": "lower"}],
    "finance": {"years": 2, "discount_rate": 0, "budget": 500},
}


def _options(*, ranges: bool, one_off: float, uplift: bool, roles: bool) -> dict[str, dict[str, Any]]:
    def score_(s: float) -> Any:
        return {"score": s, "low": s - 1, "high": s + 1, "rationale": "r"} if ranges else {"score": s, "rationale": "r"}
    a: dict[str, Any] = {"name": "A", "costs": {"one_off": one_off, "annual": 100}, "scores": {"q": score_(3)}}
    b: dict[str, Any] = {"name": "B", "costs": {"annual": 150}, "scores": {"q": score_(4)}}
    if uplift:
        a["optimism_bias"] = {"annual": 0.5}
    if roles:
        a["baseline"] = True
        b["role"] = "do_minimum"
    return {"a": a, "b": b}


def _scored(root: Path, **kwargs: Any) -> Result:
    return score(load(make_appraisal(root, CRITERIA, _options(**kwargs))))


def test_scoring_puts_lines_uplifts_roles_ranges_and_budget_in_the_result(tmp_path: Path) -> None:
    result = _scored(tmp_path / "a", ranges=True, one_off=40, uplift=True, roles=True)
    a, b = result.option("a"), result.option("b")
    # a: one-off 40 in year 0, annual 100 in each of 2 years; nothing else stated
    assert a.cost_lines == {"one_off": [40, 0], "capital": [0, 0], "annual": [100, 100], "operating": [0, 0]}
    # a 50% uplift on the annual line, undiscounted: 0.5 x (100 + 100) = 100; b has none
    assert a.optimism_bias == {"annual": 100} and b.optimism_bias == {}
    assert a.roles == ("business_as_usual",) and b.roles == ("do_minimum",)
    assert (a.cells["q"].low, a.cells["q"].score, a.cells["q"].high) == (2, 3, 4)
    assert a.cells["c"].low is None and a.cells["c"].high is None  # measured: no judged range
    assert result.budget == 500


def test_an_unstated_range_is_the_score_itself(tmp_path: Path) -> None:
    result = _scored(tmp_path / "a", ranges=False, one_off=0, uplift=False, roles=False)
    cell = result.option("b").cells["q"]
    assert (cell.low, cell.high) == (4, 4)


def test_later_stages_take_their_numbers_from_the_result_not_the_inputs(tmp_path: Path) -> None:
    result = _scored(tmp_path / "a", ranges=True, one_off=40, uplift=True, roles=True)
    other = _scored(tmp_path / "b", ranges=False, one_off=90, uplift=False, roles=True).appraisal
    swapped = dataclasses.replace(result, appraisal=other)

    settings = Settings(samples=200, seed=3)
    # a: 0.9 x 3/5 x 100 + 10 = 64, b: 0.9 x 4/5 x 100 = 72; scores drawn within +-1 (18 points) flip them
    varied = simulate(result, settings)
    assert 0 < varied.rank_probabilities["a"][0] < 0.5
    assert simulate(swapped, settings) == varied
    assert value_for_money(swapped) == value_for_money(result)
    assert value_for_money(result).option("a").optimism_bias == {"annual": 100}
    provenance = Provenance(version="x", files=(), digest="", command="")
    finance = build_context(swapped, provenance)["section"]["finance"]
    assert finance == build_context(result, provenance)["section"]["finance"]
    assert [(r["option"]["id"], r["one_off"]) for r in finance["rows"]] == [("b", "£0"), ("a", "£40")]

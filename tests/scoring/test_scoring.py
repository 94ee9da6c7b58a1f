"""The weighted-sum engine (README.md, Scoring rules), against expectations worked out by hand.

Every expected number below is computed in the comments from the scoring rules, never
taken from the engine's own output. The pure functions (:mod:`appraisal.scoring.weighted_sum`,
:mod:`appraisal.finance.costs`) are tested directly; the same cases are then checked through the
command line's JSON, so the CLI cannot drift from the engine.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise

from appraisal.finance.costs import (
    annual_profile,
    derived_measures,
    discount_factor,
    option_measures,
)
from appraisal.load.folder import load
from appraisal.model.criteria import Points, Scale
from appraisal.model.finance import Finance
from appraisal.model.option import Option
from appraisal.scoring.weighted_sum import (
    TIE_TOLERANCE,
    CriterionInfo,
    Result,
    judged_value,
    measured_value,
    rank,
    score,
)

APPROX = 1e-9


def frame(criteria: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A criteria.yaml body with a title."""
    return {"title": "Hand-computed", "criteria": criteria, **extra}


def judged(cid: str, weight: float, **extra: Any) -> dict[str, Any]:
    return {"id": cid, "name": cid.title(), "weight": weight, **extra}


def measured(cid: str, weight: float, measure: str, direction: str = "higher",
             value_function: Any = "linear") -> dict[str, Any]:
    return {"id": cid, "name": cid.title(), "weight": weight, "measure": measure,
            "direction": direction, "value_function": value_function}


def scored(tmp_path: Path, criteria: dict[str, Any], options: dict[str, dict[str, Any]]) -> Result:
    """Write the folder, load it and score it (load -> score, as the CLI does)."""
    return score(load(make_appraisal(tmp_path / "a", criteria, options)))


def cli_json(tmp_path: Path, criteria: dict[str, Any], options: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The same folder through ``appraise score --format json``."""
    folder = make_appraisal(tmp_path / "cli", criteria, options)
    run = run_appraise("score", folder, "--format", "json")
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def info(value_function: str | Points = "linear", direction: str = "higher") -> CriterionInfo:
    """A measured leaf as the engine sees it, for the pure value-function tests."""
    return CriterionInfo(id="m", name="M", parent=None, depth=0, local_weight=1.0, weight=1.0,
                         children=(), measure="x", direction=direction, value_function=value_function,
                         scale=None)


# --- the criteria tree ---------------------------------------------------------------------

TREE = frame([
    judged("a", 2),
    {**judged("b", 6), "criteria": [judged("b1", 1), judged("b2", 3)]},
    {**judged("c", 2), "criteria": [
        {**judged("c1", 1), "criteria": [judged("c1x", 1), judged("c1y", 4)]},
        judged("c2", 1),
    ]},
    judged("d", 10, scale={"min": 1, "max": 10}),
])
TREE_SCORES = {"a": 5, "b1": 0, "b2": 4, "c1x": 1, "c1y": 3, "c2": 5, "d": 7}
# Top level: a 2, b 6, c 2, d 10 of 20 -> local 0.1, 0.3, 0.1, 0.5.
# b: b1 1, b2 3 -> local 0.25, 0.75 -> global 0.3*0.25 = 0.075, 0.3*0.75 = 0.225.
# c: c1 1, c2 1 -> 0.5 each -> global 0.05 each; c1: c1x 1, c1y 4 -> 0.2, 0.8
#    -> global 0.05*0.2 = 0.01, 0.05*0.8 = 0.04.
TREE_GLOBAL = {"a": 0.1, "b": 0.3, "b1": 0.075, "b2": 0.225, "c": 0.1, "c1": 0.05,
               "c1x": 0.01, "c1y": 0.04, "c2": 0.05, "d": 0.5}
TREE_LOCAL = {"a": 0.1, "b": 0.3, "b1": 0.25, "b2": 0.75, "c": 0.1, "c1": 0.5,
              "c1x": 0.2, "c1y": 0.8, "c2": 0.5, "d": 0.5}
# Values on the default 0..5 scale: a 5/5 = 1, b1 0, b2 4/5 = 0.8, c1x 0.2, c1y 0.6, c2 1;
# d on its own 1..10 scale: (7 - 1) / (10 - 1) = 2/3.
# b  = 0.25*0 + 0.75*0.8 = 0.6;  c1 = 0.2*0.2 + 0.8*0.6 = 0.52;  c = 0.5*0.52 + 0.5*1 = 0.76.
TREE_VALUES = {"a": 1.0, "b": 0.6, "b1": 0.0, "b2": 0.8, "c": 0.76, "c1": 0.52, "c1x": 0.2,
               "c1y": 0.6, "c2": 1.0, "d": 2 / 3}
# Total = 100 * (0.1*1 + 0.3*0.6 + 0.1*0.76 + 0.5*2/3) = 10 + 18 + 7.6 + 33.333... = 68.9333...
TREE_TOTAL = 10 + 18 + 7.6 + 100 / 3
# Contributions = value * global weight * 100: a 10, b 18 (b1 0 + b2 0.8*0.225*100 = 18),
# c 7.6 (c1x 0.2*0.01*100 = 0.2, c1y 0.6*0.04*100 = 2.4, c1 = 2.6; c2 1*0.05*100 = 5), d 33.33.
TREE_CONTRIBUTIONS = {"a": 10.0, "b": 18.0, "b1": 0.0, "b2": 18.0, "c": 7.6, "c1": 2.6, "c1x": 0.2,
                      "c1y": 2.4, "c2": 5.0, "d": 100 / 3}


def test_tree_weights_are_normalised_per_level_and_global_weights_multiply(tmp_path: Path) -> None:
    result = scored(tmp_path, TREE, {"x": {"name": "X", "scores": TREE_SCORES}})
    assert [c.id for c in result.criteria] == ["a", "b", "b1", "b2", "c", "c1", "c1x", "c1y", "c2", "d"]
    for c in result.criteria:
        assert c.weight == pytest.approx(TREE_GLOBAL[c.id], abs=APPROX), c.id
        assert c.local_weight == pytest.approx(TREE_LOCAL[c.id], abs=APPROX), c.id
    assert {c.id: c.parent for c in result.criteria if c.parent} == {
        "b1": "b", "b2": "b", "c1": "c", "c1x": "c1", "c1y": "c1", "c2": "c"}
    # Leaves: 0.1 + 0.075 + 0.225 + 0.01 + 0.04 + 0.05 + 0.5 = 1.
    assert sum(c.weight for c in result.leaves) == pytest.approx(1.0, abs=APPROX)


def test_tree_values_totals_and_contributions(tmp_path: Path) -> None:
    result = scored(tmp_path, TREE, {"x": {"name": "X", "scores": TREE_SCORES}})
    x = result.option("x")
    assert x.total == pytest.approx(TREE_TOTAL, abs=APPROX)
    for cid, cell in x.cells.items():
        assert cell.value == pytest.approx(TREE_VALUES[cid], abs=APPROX), cid
        assert cell.contribution == pytest.approx(TREE_CONTRIBUTIONS[cid], abs=APPROX), cid
    assert x.cells["b2"].score == 4 and x.cells["b"].score is None
    # Contributions add up to the total, over the leaves and over the top level alike.
    assert sum(x.cells[c.id].contribution for c in result.leaves) == pytest.approx(x.total, abs=APPROX)
    assert sum(x.cells[c].contribution for c in ("a", "b", "c", "d")) == pytest.approx(x.total, abs=APPROX)


def test_tree_through_the_cli_json(tmp_path: Path) -> None:
    data = cli_json(tmp_path, TREE, {"x": {"name": "X", "scores": TREE_SCORES}})
    assert {c["id"]: c["weight"] for c in data["criteria"]} == pytest.approx(TREE_GLOBAL, abs=APPROX)
    (x,) = data["options"]
    assert x["total"] == pytest.approx(TREE_TOTAL, abs=APPROX)
    assert {k: v["contribution"] for k, v in x["criteria"].items()} == pytest.approx(TREE_CONTRIBUTIONS, abs=APPROX)
    assert {k: v["value"] for k, v in x["criteria"].items()} == pytest.approx(TREE_VALUES, abs=APPROX)
    assert x["criteria"]["d"]["score"] == 7 and x["criteria"]["c"]["score"] is None
    assert data["preferred"] == "x" and x["rank"] == 1


def test_judged_value_on_any_scale() -> None:
    # (s - min) / (max - min)
    assert judged_value(3, Scale(min=0, max=5)) == pytest.approx(0.6)
    assert judged_value(0, Scale(min=0, max=5)) == 0.0
    assert judged_value(5, Scale(min=0, max=5)) == 1.0
    assert judged_value(7, Scale(min=1, max=10)) == pytest.approx(6 / 9)
    assert judged_value(-1, Scale(min=-2, max=2)) == pytest.approx(0.25)


# --- value functions -----------------------------------------------------------------------


def test_linear_higher_and_lower() -> None:
    reference = [100.0, 200.0, 400.0]
    # higher: worst 100 -> 0, best 400 -> 1; 200 -> (200-100)/(400-100) = 1/3
    higher = info("linear", "higher")
    assert [measured_value(x, reference, higher) for x in reference] == pytest.approx([0, 1 / 3, 1])
    # lower: best 100 -> 1, worst 400 -> 0; 200 -> (200-400)/(100-400) = 2/3
    lower = info("linear", "lower")
    assert [measured_value(x, reference, lower) for x in reference] == pytest.approx([1, 2 / 3, 0])


def test_linear_all_equal_gives_one() -> None:
    for direction in ("higher", "lower"):
        assert measured_value(5.0, [5.0, 5.0, 5.0], info("linear", direction)) == 1.0


def test_linear_clamps_an_option_outside_the_reference_range() -> None:
    # reference 100..200 (lower is better): 50 would be (50-200)/(100-200) = 1.5 -> 1;
    # 300 would be (300-200)/(100-200) = -1 -> 0.
    lower = info("linear", "lower")
    assert measured_value(50.0, [100.0, 200.0], lower) == 1.0
    assert measured_value(300.0, [100.0, 200.0], lower) == 0.0


def test_relative_lower_is_the_price_formula() -> None:
    # best/x with best = the lowest: 100/100 = 1, 100/200 = 0.5, 100/400 = 0.25
    lower = info("relative", "lower")
    assert [measured_value(x, [100.0, 200.0, 400.0], lower) for x in (100.0, 200.0, 400.0)] == \
        pytest.approx([1, 0.5, 0.25])
    # an option cheaper than every reference option: 100/50 = 2 -> clamped to 1
    assert measured_value(50.0, [100.0, 200.0], lower) == 1.0


def test_relative_higher() -> None:
    # x/best with best = the highest (80): 50/80 = 0.625, 80/80 = 1; 100/80 = 1.25 -> 1
    higher = info("relative", "higher")
    assert measured_value(50.0, [50.0, 80.0], higher) == pytest.approx(0.625)
    assert measured_value(80.0, [50.0, 80.0], higher) == 1.0
    assert measured_value(100.0, [50.0, 80.0], higher) == 1.0


def test_points_interpolate_and_clamp_at_both_ends() -> None:
    rising = info(Points(points=[(10, 0), (20, 0.5), (40, 1)]))
    # below the first point -> 0; on points -> their values; 15 -> 0.25; 30 -> 0.5 + 0.5*(10/20) = 0.75;
    # above the last point -> 1.  The reference set plays no part.
    cases = {5: 0, 10: 0, 15: 0.25, 20: 0.5, 30: 0.75, 40: 1, 50: 1}
    for x, expected in cases.items():
        assert measured_value(float(x), [999.0], rising) == pytest.approx(expected), x
    falling = info(Points(points=[(0, 1), (100, 0.2)]))
    # 25 -> 1 + (0.2 - 1) * 25/100 = 0.8; -10 -> 1 (first point); 150 -> 0.2 (last point)
    assert measured_value(25.0, [0.0], falling) == pytest.approx(0.8)
    assert measured_value(-10.0, [0.0], falling) == 1.0
    assert measured_value(150.0, [0.0], falling) == pytest.approx(0.2)


GATED = frame(
    [measured("price", 50, "annual_cost", "lower", "relative"),
     measured("reach", 30, "families", "higher", "relative"),
     measured("speed", 20, "weeks", "lower", "linear")],
    gates=[{"id": "legal", "name": "Lawful"}],
)


def gated_option(annual: float, families: float, weeks: float, legal: bool) -> dict[str, Any]:
    return {"name": "O", "costs": {"annual": annual}, "measures": {"families": families, "weeks": weeks},
            "gates": {"legal": legal}}


def test_relative_and_linear_reference_set_is_the_options_passing_every_gate(tmp_path: Path) -> None:
    options = {
        "a": gated_option(100, 50, 10, True),
        "b": gated_option(200, 80, 20, True),
        "c": gated_option(50, 100, 5, False),    # best on everything, but fails the gate
        "d": gated_option(400, 10, 30, False),   # worst on everything, fails too
    }
    result = scored(tmp_path, GATED, options)
    values = {o.id: {k: o.cells[k].value for k in ("price", "reach", "speed")} for o in result.options}
    # price, relative lower over {a, b}: best 100 -> a 1, b 0.5, c 100/50 = 2 -> 1, d 100/400 = 0.25
    # reach, relative higher over {a, b}: best 80 -> a 50/80 = 0.625, b 1, c 100/80 -> 1, d 10/80 = 0.125
    # speed, linear lower over {a, b}: best 10, worst 20 -> a 1, b 0, c (5-20)/(10-20) = 1.5 -> 1,
    #        d (30-20)/(10-20) = -1 -> 0
    assert values == {
        "a": pytest.approx({"price": 1, "reach": 0.625, "speed": 1}),
        "b": pytest.approx({"price": 0.5, "reach": 1, "speed": 0}),
        "c": pytest.approx({"price": 1, "reach": 1, "speed": 1}),
        "d": pytest.approx({"price": 0.25, "reach": 0.125, "speed": 0}),
    }
    # totals: a 50 + 18.75 + 20 = 88.75; b 25 + 30 + 0 = 55; c 100; d 12.5 + 3.75 + 0 = 16.25
    totals = {o.id: o.total for o in result.options}
    assert totals == pytest.approx({"a": 88.75, "b": 55, "c": 100, "d": 16.25})
    # ranked a, b; then the unranked by total: c (100), d
    assert [(o.id, o.rank) for o in result.options] == [("a", 1), ("b", 2), ("c", None), ("d", None)]
    assert result.option("c").failed_gates == ("legal",) and not result.option("c").eligible
    assert result.preferred == "a"


def test_reference_set_is_every_shortlisted_option_when_none_passes(tmp_path: Path) -> None:
    options = {
        "a": gated_option(100, 50, 10, False),
        "b": gated_option(200, 80, 20, False),
        "c": gated_option(50, 100, 5, False),
    }
    result = scored(tmp_path, GATED, options)
    # price: best 50 -> a 0.5, b 0.25, c 1; reach: best 100 -> a 0.5, b 0.8, c 1;
    # speed linear lower, best 5 worst 20 -> a (10-20)/(5-20) = 2/3, b 0, c 1
    # totals: a 25 + 15 + 13.333 = 53.333; b 12.5 + 24 + 0 = 36.5; c 100
    totals = {o.id: o.total for o in result.options}
    assert totals == pytest.approx({"a": 25 + 15 + 40 / 3, "b": 36.5, "c": 100})
    # nothing ranked: no preferred; listed by total, highest first
    assert [(o.id, o.rank) for o in result.options] == [("c", None), ("a", None), ("b", None)]
    assert result.preferred is None


# --- gates and the budget ------------------------------------------------------------------

BUDGETED = frame([judged("q", 1)], gates=[{"id": "legal", "name": "Lawful"}],
                 finance={"budget": 100, "years": 3})


def budget_option(annual: Any, legal: bool = True, q: float = 3) -> dict[str, Any]:
    return {"name": "O", "costs": {"annual": annual}, "scores": {"q": q}, "gates": {"legal": legal}}


def test_budget_gate_fails_only_when_annual_cost_exceeds_the_budget(tmp_path: Path) -> None:
    options = {
        "at": budget_option(100),                  # 100 is not > 100: passes
        "over": budget_option(100.01),              # fails within_budget
        "mean-over": budget_option([80, 120, 130]),  # mean 110 > 100: fails, though year 1 is 80
        "mean-under": budget_option([150, 50, 70]),  # mean 90: passes, though year 1 is 150
        "both": budget_option(120, legal=False),     # custom gate first, then the budget gate
    }
    result = scored(tmp_path, BUDGETED, options)
    failed = {o.id: o.failed_gates for o in result.options}
    assert failed == {"at": (), "over": ("within_budget",), "mean-over": ("within_budget",),
                      "mean-under": (), "both": ("legal", "within_budget")}
    assert result.option("mean-over").measures["annual_cost"] == pytest.approx(110)
    # all score 3/5 = 60: "at" and "mean-under" tie at rank 1 (id order), so no preferred;
    # the three failing options are unranked but keep their totals, then id order.
    assert [(o.id, o.rank) for o in result.options] == [
        ("at", 1), ("mean-under", 1), ("both", None), ("mean-over", None), ("over", None)]
    assert [o.total for o in result.options] == pytest.approx([60] * 5)
    assert result.preferred is None


def test_gates_through_the_cli_json(tmp_path: Path) -> None:
    options = {"in": budget_option(90, q=4), "out": budget_option(90, legal=False, q=5),
               "dear": budget_option(101, q=5)}
    data = cli_json(tmp_path, BUDGETED, options)
    got = [(o["id"], o["rank"], o["eligible"], o["failed_gates"], o["total"]) for o in data["options"]]
    # in: 4/5 -> 80, ranked 1; out and dear 5/5 -> 100 but unranked (dear before out by id)
    assert got == [("in", 1, True, [], pytest.approx(80)),
                   ("dear", None, False, ["within_budget"], pytest.approx(100)),
                   ("out", None, False, ["legal"], pytest.approx(100))]
    assert data["preferred"] == "in"


# --- ties, discounted options, baseline ----------------------------------------------------


def test_rank_is_competition_ranking_with_ties_within_tolerance_in_id_order() -> None:
    half = TIE_TOLERANCE / 2
    totals = [
        ("e", 40.0, True),
        ("d", 60.0 + half, True),  # within 1e-9 of b: a tie, listed after b by id
        ("b", 60.0, True),
        ("a", 80.0, True),
        ("f", 99.0, False),
        ("c", 60.0 - 3 * TIE_TOLERANCE, True),  # more than 1e-9 below: not a tie
        ("g", 99.0, False),
        ("h", 99.5, False),
    ]
    ranked = [(totals[i][0], place) for i, place in rank(totals)]
    assert ranked == [("a", 1), ("b", 2), ("d", 2), ("c", 4), ("e", 5), ("h", None), ("f", None), ("g", None)]
    assert TIE_TOLERANCE == 1e-9


def test_ties_one_two_two_four_through_the_engine(tmp_path: Path) -> None:
    criteria = frame([judged("p", 1), judged("q", 1)])
    options = {
        "w": {"name": "W", "scores": {"p": 5, "q": 3}},  # (1 + 0.6)/2 = 0.8 -> 80
        "z": {"name": "Z", "scores": {"p": 3, "q": 1}},  # (0.6 + 0.2)/2 -> 40 (0.3 + 0.1 in floats)
        "y": {"name": "Y", "scores": {"p": 1, "q": 3}},  # (0.2 + 0.6)/2 -> 40 (0.1 + 0.3)
        "x": {"name": "X", "scores": {"p": 0, "q": 1}},  # 0.2/2 -> 10
    }
    result = scored(tmp_path, criteria, options)
    assert [(o.id, o.rank) for o in result.options] == [("w", 1), ("y", 2), ("z", 2), ("x", 4)]
    assert result.preferred == "w"


def test_equal_bare_scores_share_one_cell_and_one_json_mapping(tmp_path: Path) -> None:
    from appraisal.render.machine import result_to_dict

    criteria = frame([judged("p", 1), judged("q", 1)])
    options = {"a": {"name": "A", "scores": {"p": 4, "q": {"score": 2, "rationale": "Why."}}},
               "b": {"name": "B", "scores": {"p": 4.0, "q": {"score": 2, "rationale": "Why."}}}}
    result = scored(tmp_path, criteria, options)
    a, b = result.option("a").cells, result.option("b").cells
    assert a["p"] is b["p"] and a["p"].shared  # bare 4 and 4.0: one Score, so one cell
    assert a["q"] is not b["q"] and not a["q"].shared and a["q"] == b["q"]  # a rationale: each its own
    first, second = result_to_dict(result)["options"]
    assert first["criteria"]["p"] is second["criteria"]["p"]
    assert first["criteria"]["q"] is not second["criteria"]["q"] and first["criteria"]["q"] == second["criteria"]["q"]
    assert first["criteria"]["p"] == {"score": 4.0, "value": 0.8, "contribution": 40.0}


def test_tie_at_rank_one_has_no_preferred_option(tmp_path: Path) -> None:
    criteria = frame([judged("p", 1)])
    options = {"b": {"name": "B", "scores": {"p": 4}}, "a": {"name": "A", "scores": {"p": 4}},
               "c": {"name": "C", "scores": {"p": 2}}}
    result = scored(tmp_path, criteria, options)
    assert [(o.id, o.rank) for o in result.options] == [("a", 1), ("b", 1), ("c", 3)]
    assert result.preferred is None
    data = cli_json(tmp_path, criteria, options)
    assert data["preferred"] is None and [o["rank"] for o in data["options"]] == [1, 1, 3]


def test_none_ranked_when_every_option_fails_a_gate(tmp_path: Path) -> None:
    options = {"a": budget_option(90, legal=False, q=5), "b": budget_option(500, q=1)}
    result = scored(tmp_path, BUDGETED, options)
    assert [(o.id, o.rank) for o in result.options] == [("a", None), ("b", None)]
    assert result.preferred is None


def test_discounted_options_are_not_scored_and_are_listed_with_reasons(tmp_path: Path) -> None:
    criteria = frame([judged("p", 1)], gates=[{"id": "legal", "name": "Lawful"}])
    options: dict[str, dict[str, Any]] = {
        "keep": {"name": "Keep", "scores": {"p": 4}, "gates": {"legal": True}},
        # no scores, no gates: not needed for a discounted option
        "zeta": {"name": "Zeta", "status": "discounted", "reason": "Out of scope."},
        "alpha": {"name": "Alpha", "status": "discounted", "reason": "Too slow."},
    }
    result = scored(tmp_path, criteria, options)
    assert [o.id for o in result.options] == ["keep"]
    assert [(d.id, d.name, d.reason) for d in result.discounted] == [
        ("alpha", "Alpha", "Too slow."), ("zeta", "Zeta", "Out of scope.")]
    data = cli_json(tmp_path, criteria, options)
    assert data["discounted"] == [{"id": "alpha", "name": "Alpha", "reason": "Too slow."},
                                  {"id": "zeta", "name": "Zeta", "reason": "Out of scope."}]
    assert [o["id"] for o in data["options"]] == ["keep"]


def test_baseline_flag(tmp_path: Path) -> None:
    criteria = frame([judged("p", 1)])
    options: dict[str, dict[str, Any]] = {"bau": {"name": "BAU", "baseline": True, "scores": {"p": 2}},
               "new": {"name": "New", "scores": {"p": 4}}}
    result = scored(tmp_path, criteria, options)
    assert {o.id: o.baseline for o in result.options} == {"bau": True, "new": False}
    data = cli_json(tmp_path, criteria, options)
    assert {o["id"]: o["baseline"] for o in data["options"]} == {"bau": True, "new": False}


def test_contributions_sum_to_the_total_for_every_option_of_the_reference_example() -> None:
    from conftest import REPO

    result = score(load(REPO))
    for o in result.options:
        top = sum(o.cells[c.id].contribution for c in result.criteria if c.parent is None)
        leaves = sum(o.cells[c.id].contribution for c in result.leaves)
        assert top == pytest.approx(o.total, abs=APPROX) and leaves == pytest.approx(o.total, abs=APPROX)
        assert 0 <= o.total <= 100


# --- derived measures ----------------------------------------------------------------------


def option(**data: Any) -> Option:
    return Option.model_validate({"id": "o", "name": "O", **data})


def test_annual_cost_is_the_mean_of_the_years() -> None:
    finance = Finance(years=3)
    # one figure repeats for every year: 150, 150, 150 -> mean 150
    assert derived_measures(option(costs={"annual": 150}), finance)["annual_cost"] == 150
    # a list: (100 + 200 + 300) / 3 = 200
    assert derived_measures(option(costs={"annual": [100, 200, 300]}), finance)["annual_cost"] == 200
    costs = option(costs={"annual": 7}).costs
    assert costs is not None and annual_profile(costs, Finance()) == [7]  # no finance.years: one year


def test_whole_life_cost_adds_one_off_to_every_year() -> None:
    # 50 + 100 * 3 = 350
    assert derived_measures(option(costs={"one_off": 50, "annual": 100}), Finance(years=3))["whole_life_cost"] == 350
    # 50 + (100 + 200 + 300) = 650
    assert derived_measures(option(costs={"one_off": 50, "annual": [100, 200, 300]}),
                            Finance(years=3))["whole_life_cost"] == 650
    # no finance.years: a single figure counts once: 50 + 100 = 150
    assert derived_measures(option(costs={"one_off": 50, "annual": 100}), Finance())["whole_life_cost"] == 150


def test_npv_cost_discounts_from_year_zero_with_one_off_in_year_zero() -> None:
    assert discount_factor(0, 0.035) == 1.0
    assert discount_factor(2, 0.035) == pytest.approx(1 / 1.071225)  # 1.035^2 = 1.071225
    finance = Finance(years=3, discount_rate=0.1)
    # 50 (one-off, year 0) + 100/1.1^0 + 100/1.1^1 + 100/1.1^2
    # = 50 + 100 + 90.9090909... + 82.6446281... = 323.5537190...
    npv = derived_measures(option(costs={"one_off": 50, "annual": 100}), finance)["npv_cost"]
    assert npv == pytest.approx(50 + 100 + 100 / 1.1 + 100 / 1.21, abs=1e-9)
    assert npv == pytest.approx(323.5537190, abs=1e-6)
    # yearly list at the Green Book rate: 1000 + 1100/1.035 + 1200/1.035^2
    #   = 1000 + 1062.8019324 + 1120.2128404 = 3183.0147728  (1200 / 1.071225 = 1120.2128...)
    green = derived_measures(option(costs={"annual": [1000, 1100, 1200]}), Finance(years=3))["npv_cost"]
    assert green == pytest.approx(3183.0147728, abs=1e-6)


def test_risk_exposure_sums_likelihood_times_impact() -> None:
    risks = [{"risk": "R1", "likelihood": 2, "impact": 4}, {"risk": "R2", "likelihood": 3, "impact": 5}]
    # 2*4 + 3*5 = 23
    assert derived_measures(option(risks=risks), Finance())["risk_exposure"] == 23
    assert derived_measures(option(), Finance()) == {"risk_exposure": 0}  # no costs: no cost measures


def test_option_measures_merge_own_and_derived() -> None:
    measured_ = option_measures(option(costs={"annual": 10}, measures={"families": 1850}), Finance())
    assert measured_ == {"families": 1850, "risk_exposure": 0, "annual_cost": 10,
                         "whole_life_cost": 10, "npv_cost": 10}


def test_derived_measures_drive_measured_criteria_through_the_cli(tmp_path: Path) -> None:
    criteria = frame(
        [measured("npv", 1, "npv_cost", "lower", "relative"),
         measured("risk", 1, "risk_exposure", "lower", "linear")],
        finance={"years": 2, "discount_rate": 0.25},
    )
    options = {
        # npv: 0 + 100 + 100/1.25 = 180; risk 1*1 = 1
        "cheap": {"name": "Cheap", "costs": {"annual": 100}, "risks": [{"risk": "r", "likelihood": 1, "impact": 1}]},
        # npv: 60 + 100 + 150/1.25 = 280; risk 3*3 + 1*1 = 10
        "dear": {"name": "Dear", "costs": {"one_off": 60, "annual": [100, 150]},
                 "risks": [{"risk": "r", "likelihood": 3, "impact": 3}, {"risk": "s", "likelihood": 1, "impact": 1}]},
    }
    data = cli_json(tmp_path, criteria, options)
    by_id = {o["id"]: o for o in data["options"]}
    assert by_id["cheap"]["measures"]["npv_cost"] == pytest.approx(180)
    assert by_id["dear"]["measures"]["npv_cost"] == pytest.approx(280)
    assert by_id["dear"]["measures"]["whole_life_cost"] == pytest.approx(310)  # 60 + 100 + 150
    assert by_id["dear"]["measures"]["annual_cost"] == pytest.approx(125)      # (100 + 150) / 2
    assert by_id["dear"]["criteria"]["risk"]["measure"] == 10
    # cheap: npv 180/180 = 1, risk best -> 1: total 100.  dear: npv 180/280 = 0.642857, risk worst -> 0:
    # total 50 * 0.642857 = 32.142857
    assert by_id["cheap"]["total"] == pytest.approx(100)
    assert by_id["dear"]["total"] == pytest.approx(50 * 180 / 280)
    assert math.isclose(sum(v["contribution"] for v in by_id["dear"]["criteria"].values()), by_id["dear"]["total"])


def test_nothing_shortlisted_scores_to_an_empty_ranking(tmp_path: Path) -> None:
    # A measured criterion has no reference set at all: that must not crash the engine.
    criteria = frame([measured("price", 1, "annual_cost", "lower", "relative"), judged("q", 1)])
    options = {"gone": {"name": "Gone", "status": "discounted", "reason": "Withdrawn."}}
    result = scored(tmp_path, criteria, options)
    assert result.options == () and result.preferred is None
    assert [d.id for d in result.discounted] == ["gone"]
    data = cli_json(tmp_path, criteria, options)
    assert (data["options"], data["preferred"]) == ([], None)
    assert data["discounted"] == [{"id": "gone", "name": "Gone", "reason": "Withdrawn."}]
    run = run_appraise("score", tmp_path / "cli", "--format", "markdown")
    assert run.code == 0 and "No option is shortlisted" in run.out


def test_a_loaded_option_always_has_its_id(tmp_path: Path) -> None:
    # named by its file, or by its own 'id:'; the schema of a file still lets 'id' be left out
    from appraisal.model.option import OptionFile
    from appraisal.render.schema import SCHEMAS

    folder = make_appraisal(tmp_path / "a", frame([judged("q", 1)]),
                            {"from-name": {"name": "A", "scores": {"q": 3}},
                             "file": {"id": "own-id", "name": "B", "scores": {"q": 4}}})
    options = load(folder).options
    assert [o.id for o in options] == ["from-name", "own-id"]
    assert all(type(o) is Option for o in options)
    assert OptionFile.model_validate({"name": "x"}).id is None
    assert "id" not in SCHEMAS["option"].model_json_schema()["required"]
    with pytest.raises(ValueError, match="id"):
        Option.model_validate({"name": "x"})

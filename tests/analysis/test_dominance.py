"""Dominance: hand-built cases, agreement with a pairwise check, and its place in score output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import REPO, run_appraise
from hypothesis import HealthCheck, given, settings
from random_appraisals import appraisals, build

from appraisal.analysis.dominance import dominators
from appraisal.model.appraisal import Appraisal
from appraisal.scoring.weighted_sum import score

CRITERIA = {"title": "Dominance", "criteria": [
    {"id": "x", "name": "X", "weight": 1}, {"id": "y", "name": "Y", "weight": 1}, {"id": "z", "name": "Z",
                                                                                   "weight": 1}]}
OPTIONS = {
    "a": {"name": "A", "scores": {"x": 4, "y": 4, "z": 3}},
    "b": {"name": "B", "scores": {"x": 4, "y": 2, "z": 3}},   # A is as good on x and z, better on y
    "c": {"name": "C", "scores": {"x": 5, "y": 0, "z": 0}},   # best on x: nobody dominates it
    "d": {"name": "D", "scores": {"x": 4, "y": 4, "z": 3}},   # the same as A: equal is not dominated
    "e": {"name": "E", "scores": {"x": 3, "y": 2, "z": 3}},   # A, B and D are at least as good everywhere
}


def test_hand_built_case() -> None:
    appraisal = build(CRITERIA["criteria"], OPTIONS)  # type: ignore[arg-type]
    assert dominators(score(appraisal)) == {
        # dominators are listed in rank order: a and d tie first (11 of 15 points), then b (9)
        "a": (), "d": (), "b": ("a", "d"), "c": (), "e": ("a", "d", "b"),
    }


def test_an_option_that_fails_a_gate_dominates_nothing_but_can_be_dominated() -> None:
    gated = {**{k: {**v, "gates": {"g": True}} for k, v in OPTIONS.items()},
             "f": {"name": "F", "scores": {"x": 5, "y": 5, "z": 5}, "gates": {"g": False}},
             "h": {"name": "H", "scores": {"x": 1, "y": 1, "z": 1}, "gates": {"g": False}}}
    found = dominators(score(build(CRITERIA["criteria"], gated, gates=("g",))))  # type: ignore[arg-type]
    assert found["a"] == () and found["c"] == ()  # F beats them everywhere, but fails the gate
    assert found["h"] == ("a", "d", "b", "e")  # every eligible option but C (better on x only)
    assert found["f"] == ()


def test_score_output_flags_dominated_options(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(CRITERIA, OPTIONS)
    data = json.loads(run_appraise("score", folder, "--format", "json").out)
    assert {o["id"]: o["dominated_by"] for o in data["options"]} == {
        "a": [], "d": [], "b": ["a", "d"], "c": [], "e": ["a", "d", "b"]}
    table = run_appraise("score", folder)
    assert table.code == 0
    assert "E [dominated by A, D, B]" in table.out  # by name on the terminal
    markdown = run_appraise("score", folder, "--format", "markdown")
    assert "B (b) \\[dominated by a, d\\]" in markdown.out


def test_reference_example_ycyw_is_dominated_by_in_house() -> None:
    # In the bundled example, in-house scores at least as well as ycyw on every objective and is
    # cheaper (GBP 1.64m against 1.65m a year): every value of ycyw is matched or beaten.
    data = json.loads(run_appraise("score", REPO, "--format", "json").out)
    by_id = {o["id"]: o for o in data["options"]}
    assert by_id["ycyw"]["dominated_by"] == ["in-house"]
    for cid, cell in by_id["ycyw"]["criteria"].items():
        assert by_id["in-house"]["criteria"][cid]["value"] >= cell["value"], cid


def _pairwise(appraisal: Appraisal) -> dict[str, tuple[str, ...]]:
    result = score(appraisal)
    leaves = [c.id for c in result.leaves]

    def dominates(a: str, b: str) -> bool:
        va = [result.option(a).cells[c].value for c in leaves]
        vb = [result.option(b).cells[c].value for c in leaves]
        return all(x >= y for x, y in zip(va, vb, strict=True)) and any(x > y for x, y in zip(va, vb, strict=True))

    ids = [o.id for o in result.options]
    eligible = [o.id for o in result.options if o.eligible]
    return {b: tuple(a for a in eligible if dominates(a, b)) for b in ids}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(appraisals(max_options=8))
def test_bit_sets_agree_with_comparing_every_pair(appraisal: Appraisal) -> None:
    assert dominators(score(appraisal)) == _pairwise(appraisal)


def test_report_lists_the_dominated_options_it_shows(appraisal_dir: Callable[..., Path]) -> None:
    # 60 options on one criterion, scores 5, 4.5, ..., 0 repeating (i % 11): six score 5 (i = 0,
    # 11, ..., 55) and dominate every other option. The report details the top 50 options only.
    criteria = {"title": "Many", "criteria": [{"id": "x", "name": "X", "weight": 1}]}
    options = {f"o{i:02d}": {"name": f"Option {i:02d}", "scores": {"x": 5 - (i % 11) / 2}} for i in range(60)}
    run = run_appraise("report", appraisal_dir(criteria, options))
    assert run.code == 0, run.err
    line = next(x for x in run.out.splitlines() if x.startswith("Dominated options"))
    # 54 of the 60 are dominated; the 50 shown hold the six on 5 and 44 dominated ones.
    assert line.count(" (by ") == 44
    assert line.endswith(" 10 more among the options not shown.")
    # Option 01 (4.5) is dominated by the six on 5: three named, three more
    assert "Option 01 (by Option 00, Option 11, Option 22 and 3 more)" in line

"""Switching values: published and hand-derived cases, and a brute-force cross-check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from random_appraisals import appraisals, reweighted

from appraisal.analysis.switching import switching_values
from appraisal.model.appraisal import Appraisal
from appraisal.scoring.weighted_sum import score

# The weighted sum model example of E. Triantaphyllou, *Multi-Criteria Decision Making Methods:
# A Comparative Study* (Kluwer, 2000), ch. 2, as reproduced in Wikipedia's "Weighted sum model"
# article: criteria C1..C4 weighted 0.20, 0.15, 0.40, 0.25 and alternatives
#   A1: 25 20 15 30  ->  WSM score 21.50
#   A2: 10 30 20 30  ->  22.00
#   A3: 30 10 30 10  ->  22.00
# (Some copies print 20.00 for A3; 30x0.20 + 10x0.15 + 30x0.40 + 10x0.25 = 6 + 1.5 + 12 + 2.5 = 22.)
# On a 0-100 scale a score s has value s/100 and the total is 100 x sum(w x s/100) = the WSM score.
WSM_CRITERIA = {
    "title": "Weighted sum model example (Triantaphyllou 2000)",
    "scale": {"min": 0, "max": 100},
    "criteria": [
        {"id": "c1", "name": "C1", "weight": 20},
        {"id": "c2", "name": "C2", "weight": 15},
        {"id": "c3", "name": "C3", "weight": 40},
        {"id": "c4", "name": "C4", "weight": 25},
    ],
    "gates": [{"id": "ok", "name": "Passes the gate"}],
}


def wsm_options(a3_passes: bool) -> dict[str, dict[str, Any]]:
    rows = {"a1": (25, 20, 15, 30, True), "a2": (10, 30, 20, 30, True), "a3": (30, 10, 30, 10, a3_passes)}
    return {
        oid: {"name": oid.upper(), "scores": {f"c{k + 1}": s for k, s in enumerate(row[:4])}, "gates": {"ok": row[4]}}
        for oid, row in rows.items()
    }


def sensitivity_json(folder: Path, *args: str) -> dict[str, Any]:
    run = run_appraise("sensitivity", folder, "--format", "json", "--samples", "200", *args)
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


def by_criterion(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {s["criterion"]: s for s in data["switching"]}


def test_published_wsm_case_with_a3_gated_out(appraisal_dir: Callable[..., Path]) -> None:
    # A3 fails the gate, so only A1 (21.5) and A2 (22.0) are ranked: A2 is preferred.
    data = sensitivity_json(appraisal_dir(WSM_CRITERIA, wsm_options(a3_passes=False)))
    assert data["preferred"] == "a2"
    assert list(data["rank_probabilities"]) == ["a2", "a1"]  # A3 takes no part
    s = by_criterion(data)
    # T(w) = 100 w V + (1 - w)/(1 - w0) x R, with R = total - 100 w0 V (the rest of the total).
    # C1, w0 = 0.20. A2: V = .10, R = 22.0 - 2.0 = 20.0 -> T = 10w + 25(1 - w) = 25 - 15w.
    #                A1: V = .25, R = 21.5 - 5.0 = 16.5 -> T = 25w + 20.625(1 - w) = 20.625 + 4.375w.
    # Equal when 4.375 = 19.375w: w = 4.375/19.375 = 7/31 = 0.2258, above 0.20: A1 takes over above.
    assert s["c1"]["weight"] == pytest.approx(0.20)
    assert s["c1"]["upper"] == pytest.approx(7 / 31, abs=1e-12) and s["c1"]["above"] == "a1"
    assert s["c1"]["lower"] is None and s["c1"]["below"] is None
    # C2, w0 = 0.15. A2: V = .30, R = 17.5; A1: V = .20, R = 18.5. Margin A2 - A1:
    # D(w) = 100w(.30 - .20) + (1 - w)/.85 x (17.5 - 18.5) = 10w - (1 - w)/.85; zero when
    # 8.5w = 1 - w: w = 1/9.5 = 2/19 = 0.1053, below 0.15: A1 takes over below.
    assert s["c2"]["lower"] == pytest.approx(2 / 19, abs=1e-12) and s["c2"]["below"] == "a1"
    assert s["c2"]["upper"] is None and s["c2"]["above"] is None
    # C3, w0 = 0.40. A2: V = .20, R = 14.0; A1: V = .15, R = 15.5.
    # D(w) = 5w - (1 - w) x 1.5/.6 = 5w - 2.5(1 - w); zero when 7.5w = 2.5: w = 1/3, below 0.40.
    assert s["c3"]["lower"] == pytest.approx(1 / 3, abs=1e-12) and s["c3"]["below"] == "a1"
    assert s["c3"]["upper"] is None
    # C4, w0 = 0.25. Both score 30 (V = .30), R: A2 14.5, A1 14.0.
    # D(w) = 0 x w + (1 - w) x 0.5/.75: zero only at w = 1, a tie there, which is not a switch.
    assert s["c4"]["lower"] is None and s["c4"]["upper"] is None
    assert s["c4"]["below"] is None and s["c4"]["above"] is None


def test_published_wsm_case_tie_means_no_preferred_and_null_switching(appraisal_dir: Callable[..., Path]) -> None:
    # With A3 ranked, A2 and A3 tie at 22.00: no preferred option, so nothing can switch.
    folder = appraisal_dir(WSM_CRITERIA, wsm_options(a3_passes=True))
    data = sensitivity_json(folder)
    assert data["preferred"] is None
    assert data["preferred_probability"] is None
    assert [s["criterion"] for s in data["switching"]] == ["c1", "c2", "c3", "c4"]
    for s in data["switching"]:
        assert (s["lower"], s["upper"], s["below"], s["above"]) == (None, None, None, None)
    for fmt in ("table", "markdown"):
        run = run_appraise("sensitivity", folder, "--format", fmt, "--samples", "10")
        assert run.code == 0
        tie = "A2 and A3" if fmt == "table" else "a2 and a3"  # the terminal names options by name
        assert f"There is no preferred option ({tie} tie for first)" in run.out


HIERARCHY = {
    "title": "Hand-derived hierarchy",
    "scale": {"min": 0, "max": 4},
    "criteria": [
        {"id": "p", "name": "Parent", "weight": 3, "criteria": [
            {"id": "x", "name": "X", "weight": 1}, {"id": "y", "name": "Y", "weight": 1}]},
        {"id": "z", "name": "Z", "weight": 1},
    ],
}


def test_hand_derived_hierarchy_parent_and_children(appraisal_dir: Callable[..., Path]) -> None:
    # Global weights: p .75 (x .375, y .375), z .25. Values on the 0-4 scale are s/4.
    # A: x 4 (1), y 0 (0), z 2 (.5): p value .5;   total 100(.375 + 0 + .125) = 50.
    # B: x 1 (.25), y 2 (.5), z 4 (1): p value .375; total 100(.09375 + .1875 + .25) = 53.125.
    options = {"a": {"name": "A", "scores": {"x": 4, "y": 0, "z": 2}},
               "b": {"name": "B", "scores": {"x": 1, "y": 2, "z": 4}}}
    data = sensitivity_json(appraisal_dir(HIERARCHY, options))
    assert data["preferred"] == "b"
    s = by_criterion(data)
    # p (w0 .75), x and y keep their proportions inside it. R_B = 53.125 - 28.125 = 25, R_A = 12.5.
    # T_B = 37.5w + 100(1 - w), T_A = 50w + 50(1 - w); D = 50 - 62.5w = 0 at w = 0.8.
    # Check: at p = .8 (x = y = .4, z = .2): A = 40 + 0 + 10 = 50, B = 10 + 20 + 20 = 50.
    assert s["p"]["upper"] == pytest.approx(0.8, abs=1e-12) and s["p"]["above"] == "a"
    assert s["p"]["lower"] is None
    # z (w0 .25) is p's mirror: R_B = 28.125, R_A = 37.5. D(0) = (28.125 - 37.5)/.75 = -12.5,
    # D(1) = 100(1 - .5) = 50; zero at -12.5/(-12.5 - 50) = 0.2, below .25.
    assert s["z"]["lower"] == pytest.approx(0.2, abs=1e-12) and s["z"]["below"] == "a"
    assert s["z"]["upper"] is None
    # x (w0 .375): R_B = 53.125 - 9.375 = 43.75, R_A = 50 - 37.5 = 12.5; D(0) = 31.25/.625 = 50,
    # D(1) = 100(.25 - 1) = -75; zero at 50/125 = 0.4. Check at x = .4 (y .36, z .24):
    # A = 40 + 0 + 12 = 52, B = 10 + 18 + 24 = 52.
    assert s["x"]["upper"] == pytest.approx(0.4, abs=1e-12) and s["x"]["above"] == "a"
    # y (w0 .375): R_B = 34.375, R_A = 50; D(0) = -15.625/.625 = -25, D(1) = 100(.5 - 0) = 50;
    # zero at -25/(-25 - 50) = 1/3, below .375.
    assert s["y"]["lower"] == pytest.approx(1 / 3, abs=1e-12) and s["y"]["below"] == "a"
    assert s["y"]["upper"] is None


def test_a_criterion_holding_the_whole_weight_cannot_switch(appraisal_dir: Callable[..., Path]) -> None:
    # One top-level criterion: its global weight is 1, every total is 100 w V, nothing switches.
    # Inside it, x and y (w0 .5 each): A (1, 0) totals 50, B (.25, .5) totals 37.5; A preferred.
    # x: R_A = 0, R_B = 25: D(0) = -25/.5 = -50, D(1) = 75; zero at 50/125 = 0.4 (below: B).
    # y: R_A = 50, R_B = 12.5: D(0) = 75, D(1) = -50; zero at 75/125 = 0.6 (above: B).
    criteria = {"title": "One at the top", "scale": {"min": 0, "max": 4}, "criteria": [
        {"id": "all", "name": "All", "weight": 5, "criteria": [
            {"id": "x", "name": "X", "weight": 1}, {"id": "y", "name": "Y", "weight": 1}]}]}
    options = {"a": {"name": "A", "scores": {"x": 4, "y": 0}}, "b": {"name": "B", "scores": {"x": 1, "y": 2}}}
    s = by_criterion(sensitivity_json(appraisal_dir(criteria, options)))
    assert s["all"]["weight"] == 1.0
    assert (s["all"]["lower"], s["all"]["upper"]) == (None, None)
    assert s["x"]["lower"] == pytest.approx(0.4, abs=1e-12) and s["x"]["below"] == "b"
    assert s["y"]["upper"] == pytest.approx(0.6, abs=1e-12) and s["y"]["above"] == "b"


def test_a_tie_at_weight_zero_is_not_a_switch(appraisal_dir: Callable[..., Path]) -> None:
    # A and B differ only on c1 (A better): at w(c1) = 0 they tie, and a tie is not a switch.
    # On c2 they are equal: the margin is 0 at w(c2) = 1, again only a tie.
    criteria = {"title": "Ties at the ends", "criteria": [
        {"id": "c1", "name": "C1", "weight": 1}, {"id": "c2", "name": "C2", "weight": 1}]}
    options = {"a": {"name": "A", "scores": {"c1": 4, "c2": 2}}, "b": {"name": "B", "scores": {"c1": 2, "c2": 2}}}
    data = sensitivity_json(appraisal_dir(criteria, options))
    assert data["preferred"] == "a"
    for s in data["switching"]:
        assert (s["lower"], s["upper"]) == (None, None)


def test_plain_words_in_table_and_markdown(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(WSM_CRITERIA, wsm_options(a3_passes=False))
    md = run_appraise("sensitivity", folder, "--format", "markdown", "--samples", "10")
    assert md.code == 0
    # 7/31 = 22.58%, 2/19 = 10.53%, 1/3 = 33.33%.
    assert ("a2 stays preferred unless the weight on C1 rises above 22.6% (now 20.0%); above it, a1 is "
            "preferred.") in md.out
    assert ("a2 stays preferred unless the weight on C2 falls below 10.5% (now 15.0%); below it, a1 is "
            "preferred.") in md.out
    assert "a2 stays preferred unless the weight on C3 falls below 33.3% (now 40.0%)" in md.out
    assert "a2 stays preferred whatever the weight on any other criterion." in md.out
    table = run_appraise("sensitivity", folder, "--samples", "10")
    assert table.code == 0
    assert "22.6%" in table.out and "10.5%" in table.out and "33.3%" in table.out


def _preferred_at(appraisal: Appraisal, criterion: str, w: float) -> tuple[str | None, dict[str, float]]:
    result = score(reweighted(appraisal, score(appraisal), criterion, w))
    return result.preferred, {o.id: o.total for o in result.options if o.rank is not None}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(appraisals(ranges=False), st.data())
def test_switching_values_agree_with_rescoring_either_side(appraisal: Appraisal, data: st.DataObject) -> None:
    """Re-score the appraisal with the weight moved (through the real scoring, not the formula):
    inside [lower, upper] the preferred option stays; just past a switching value it does not,
    and the option named leads."""
    result = score(appraisal)
    assume(result.preferred is not None)
    ranked = [o for o in result.options if o.rank is not None]
    assume(ranked[0].total - ranked[1].total > 1e-6 if len(ranked) > 1 else True)
    p = result.preferred
    switch = data.draw(st.sampled_from(switching_values(result)))
    assume(switch.weight < 1.0)
    w0 = switch.weight
    for side, edge in ((switch.lower, 0.0), (switch.upper, 1.0)):
        end = edge if side is None else side
        for t in (1e-3, 0.5, 1 - 1e-3):  # strictly between the current weight and the switch
            w = w0 + (end - w0) * t
            if 0 < w < 1:
                assert _preferred_at(appraisal, switch.criterion, w)[0] == p
    h = 1e-7
    if switch.lower is not None:
        assert 0 < switch.lower < w0
        w = switch.lower - min(h, switch.lower / 2)
        preferred, totals = _preferred_at(appraisal, switch.criterion, w)
        assert preferred != p
        assert switch.below is not None and totals[switch.below] >= max(totals.values()) - 1e-9
    if switch.upper is not None:
        assert w0 < switch.upper < 1
        w = switch.upper + min(h, (1 - switch.upper) / 2)
        preferred, totals = _preferred_at(appraisal, switch.criterion, w)
        assert preferred != p
        assert switch.above is not None and totals[switch.above] >= max(totals.values()) - 1e-9


def test_every_criterion_has_an_entry_and_the_reference_example_works() -> None:
    run = run_appraise("sensitivity", REPO, "--format", "json", "--samples", "100")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["preferred"] == "in-house"
    assert [s["criterion"] for s in data["switching"]][:3] == ["financial", "benefits", "outcomes"]
    assert len(data["switching"]) == 14  # 6 top-level criteria and 8 objectives under benefits


def test_report_has_a_sensitivity_section_in_plain_words(appraisal_dir: Callable[..., Path], tmp_path: Path) -> None:
    folder = appraisal_dir(WSM_CRITERIA, wsm_options(a3_passes=False))
    md = run_appraise("report", folder)
    assert md.code == 0, md.err
    section = md.out[md.out.index("## Sensitivity"):]
    # the switching values of the published case above, with the options' names
    assert ("A2 stays preferred unless the weight on C1 rises above 22.6% (now 20.0%); above it, A1 is "
            "preferred.") in section
    assert "A2 stays preferred unless the weight on C3 falls below 33.3% (now 40.0%)" in section
    assert "| C4 | 25.0% | – | – | – | – |" in section
    assert "Rank-probability chart (in the HTML report): A horizontal bar for each ranked option" in section
    out = tmp_path / "report.html"
    html = run_appraise("report", folder, "--format", "html", "--output", out)
    assert html.code == 0, html.err
    text = out.read_text(encoding="utf-8")
    chart = text[text.index('id="sensitivity-chart-title"') - 300:]
    assert "Share of samples in which each option took each place" in chart
    assert 'aria-describedby="sensitivity-chart-desc"' in chart and "<script" not in text
    assert "A2 stays preferred unless the weight on C2 falls below 10.5% (now 15.0%)" in text

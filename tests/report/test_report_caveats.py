"""The recommendation's warnings, on appraisals built by hand: a fragile preferred option (few
Monte Carlo firsts, or a switching value within 5 percentage points) and a robust one; the note
that measured scores are relative to the options that pass the gates; and, under a scenario,
what the scenario changed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import REPO, make_appraisal

from appraisal.load.folder import load
from appraisal.render.jinja import UserTemplates, render
from appraisal.report import build_context, provenance
from appraisal.report.provenance import digest_of
from appraisal.scenario.overlay import apply, read_scenario
from appraisal.scoring.weighted_sum import score

NO_FILES = provenance(digest_of("criteria.yaml", b""), [])


def _criteria(**extra: Any) -> dict[str, Any]:
    return {"title": "T", "scale": {"min": 0, "max": 5},
            "criteria": [{"id": "a", "name": "Access", "weight": 50}, {"id": "b", "name": "Benefit", "weight": 50}],
            **extra}


def _recommendation(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = build_context(score(load(folder)), NO_FILES)["section"]["recommendation"]
    return data


def test_a_switching_value_within_5_points_and_few_firsts_are_both_warned_of(tmp_path: Path) -> None:
    # X = 100 w_a; Y = 96 (1 - w_a): they cross at w_a = 0.96 / 1.96 = 48.98%, 1.02 points below
    # 50%; on b, at 100 / 196 = 51.02%. With the weights varied around 50/50 X is first about half the time.
    folder = make_appraisal(tmp_path / "f", _criteria(), {
        "x": {"name": "Xavier", "scores": {"a": 5, "b": 0}},
        "y": {"name": "Yvonne", "scores": {"a": 0, "b": 4.8}}})
    context = build_context(score(load(folder)), NO_FILES)
    fragile = context["section"]["recommendation"]["fragile"]
    share = re.fullmatch(r"Xavier comes first in only (\d+\.\d)% of the 10,000 samples .*at least 80%\)\.", fragile[0])
    assert share and float(share[1]) < 80
    # the same number as the sensitivity section's, from the one analysis
    assert context["section"]["sensitivity"]["robustness"] == (f"Xavier stays preferred in {share[1]}% of 10,000 "
                                                               f"samples.")
    assert fragile[1].startswith("It loses first place to Yvonne if ")
    assert "the weight on Access moves from 50.0% to 49.0%" in fragile[1]
    assert "the weight on Benefit from 50.0% to 51.0%" in fragile[1] or \
        "the weight on Benefit moves from 50.0% to 51.0%" in fragile[1]
    assert len(fragile) == 2
    md = render(context, "markdown", UserTemplates())
    assert "**Caution: this recommendation is fragile.**\n\n- Xavier comes first in only" in md
    assert 'class="inset inset-warning fragile"' in render(context, "html", UserTemplates())


def test_a_switching_value_more_than_5_points_away_is_not_named(tmp_path: Path) -> None:
    # Y's b is worth 0.8: the crossing is at w_a = 0.8 / 1.8 = 44.4%, 5.6 points from 50%
    folder = make_appraisal(tmp_path / "f", _criteria(), {
        "x": {"name": "Xavier", "scores": {"a": 5, "b": 0}},
        "y": {"name": "Yvonne", "scores": {"a": 0, "b": 4}}})
    fragile = _recommendation(folder)["fragile"]
    assert not any("loses first place" in w for w in fragile)


def test_few_firsts_alone_are_warned_of(tmp_path: Path) -> None:
    # no switching value (X leads by 2 points x w_b whatever the weights), but X's score on a is
    # triangular(0, 3, 5): X is first when it exceeds about 2.9, P = 1 - 2.9^2 / 15 = 44%
    folder = make_appraisal(tmp_path / "f", _criteria(), {
        "x": {"name": "Xavier", "scores": {"a": {"score": 3, "low": 0, "high": 5}, "b": 3}},
        "y": {"name": "Yvonne", "scores": {"a": 3, "b": 2.9}}})
    fragile = _recommendation(folder)["fragile"]
    assert len(fragile) == 1
    share = re.match(r"Xavier comes first in only (\d+\.\d)%", fragile[0])
    assert share and 40 < float(share[1]) < 48


def test_a_robust_recommendation_carries_no_warning(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "r", _criteria(), {
        "x": {"name": "Xavier", "scores": {"a": 5, "b": 5}},
        "y": {"name": "Yvonne", "scores": {"a": 1, "b": 1}}})
    context = build_context(score(load(folder)), NO_FILES)
    assert context["section"]["recommendation"]["fragile"] == []
    assert "fragile" not in render(context, "markdown", UserTemplates())


def _costed(folder: Path, function: str, gamma_cost: int) -> dict[str, Any]:
    """Cost (linear or relative) and quality; Gamma fails the gate 'lawful'."""
    criteria = {"title": "T", "scale": {"min": 0, "max": 4}, "gates": [{"id": "lawful", "name": "Lawful"}],
                "criteria": [{"id": "cost", "name": "Cost", "weight": 40, "measure": "annual_cost",
                              "direction": "lower", "value_function": function},
                             {"id": "quality", "name": "Quality", "weight": 60}]}
    options = {oid: {"name": oid.capitalize(), "costs": {"annual": cost}, "scores": {"quality": 2},
                     "gates": {"lawful": oid != "gamma"}}
               for oid, cost in (("alpha", 800), ("beta", 900), ("gamma", gamma_cost))}
    return _recommendation(make_appraisal(folder, criteria, options))


def test_a_gate_failure_that_moves_the_scale_is_explained(tmp_path: Path) -> None:
    # linear cost over Alpha (800) and Beta (900): Gamma's 1,200 would have been the worst,
    # and its 700 the best; either way counting it would have moved every option's points
    worst = _costed(tmp_path / "w", "linear", 1200)["gate_note"]
    assert "scored against the options that pass every gate" in worst
    assert "on Cost, the highest annual cost that counts is £900, not Gamma's £1,200." in worst
    best = _costed(tmp_path / "b", "linear", 700)["gate_note"]
    assert "on Cost, the lowest annual cost that counts is £800, not Gamma's £700." in best
    relative = _costed(tmp_path / "r", "relative", 700)["gate_note"]
    assert "the lowest annual cost that counts is £800, not Gamma's £700" in relative


def test_no_gate_note_when_the_failing_option_would_not_move_the_scale(tmp_path: Path) -> None:
    assert _costed(tmp_path / "in", "linear", 850)["gate_note"] == ""  # inside 800 to 900
    assert _costed(tmp_path / "rel", "relative", 1200)["gate_note"] == ""  # relative: only the best counts


def test_the_reference_scenario_block_says_what_changed(tmp_path: Path) -> None:
    base = load(REPO)
    source, scenario = read_scenario(REPO / "scenarios" / "finance-led.yaml")
    context = build_context(score(apply(base, source, scenario)), NO_FILES, scenario=(base, scenario))
    assert context["scenario_description"].startswith("Financial assessment weighted at 50 out of 100")
    assert context["scenario_changes"][0] == ("Weight of Financial assessment (the costed impact of each option): 50 "
                                              "(was 30)")
    assert "Weight of Impact on the Council (risk and reputation): 10 (unchanged)" in context["scenario_changes"]
    md = render(context, "markdown", UserTemplates())
    assert "**What this scenario changes.** Financial assessment weighted" in md
    assert "\n\n- Weight of Financial assessment (the costed impact of each option): 50 (was 30)\n" in md
    html = render(context, "html", UserTemplates())
    assert "<li>Weight of Non-financial benefits: 20 (was 25)</li>" in html


def test_every_kind_of_scenario_change_is_put_in_words(tmp_path: Path) -> None:
    criteria = {"title": "T", "currency": "GBP", "scale": {"min": 0, "max": 5},
                "gates": [{"id": "lawful", "name": "Lawful"}], "finance": {"budget": 1000, "years": 2},
                "criteria": [{"id": "q", "name": "Quality", "weight": 60},
                             {"id": "reach", "name": "Reach", "weight": 40, "measure": "families",
                              "direction": "higher"}]}
    options = {"a": {"name": "Ann", "costs": {"annual": 900}, "measures": {"families": 1850},
                     "scores": {"q": 3}, "gates": {"lawful": True}},
               "b": {"name": "Bob", "costs": {"annual": 800}, "measures": {"families": 1000},
                     "scores": {"q": 2}, "gates": {"lawful": True}}}
    scenario = {"name": "Everything", "weights": {"q": 50}, "scores": {"a": {"q": 4}},
                "costs": {"b": {"annual": [800, 850]}}, "measures": {"a": {"families": 1700}},
                "gates": {"b": {"lawful": False}}, "finance": {"budget": 1200, "discount_rate": 0.03}}
    folder = make_appraisal(tmp_path / "s", criteria, options, {"all": scenario})
    base = load(folder)
    source, overlay = read_scenario(folder / "scenarios" / "all.yaml")
    context = build_context(score(apply(base, source, overlay)), NO_FILES, scenario=(base, overlay))
    assert context["scenario_description"] == ""
    assert context["scenario_changes"] == [
        "Weight of Quality: 50 (was 60)",
        "Score of Ann on Quality: 4 (was 3)",
        "Annual cost of Bob: £800, £850 (one a year) (was £800)",
        "Families of Ann: 1,700 (was 1,850)",
        "Bob, gate Lawful: fails (was passes)",
        "Annual budget: £1,200 a year (was £1,000 a year)",
        "Discount rate: 3.0% (was 3.5%)",
    ]

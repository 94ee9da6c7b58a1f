"""Scenarios (docs/file-formats.md, docs/diff.md): each section's effect, worked by hand, and located errors.

The appraisal below is small enough to score on paper. Leaves and their global weights:
cost 0.4 (measured: annual_cost, lower is better, linear), staff 0.3 (judged, scale 0 to 4)
and reach 0.3 (measured: families, higher is better, linear); staff and reach are the two
equal children of quality (weight 60). Budget 1000 a year, 2 years, no discounting.

    option  annual  staff  families | cost  staff  reach | quality | total
    a        600     4      100     | 1     1      0     | 0.5     | 40 + 30   = 70
    b        800     2      300     | 0.5   0.5    1     | 0.75    | 20 + 45   = 65
    c       1000     3      200     | 0     0.75   0.5   | 0.625   |  0 + 37.5 = 37.5

(linear: cost value = (1000 - x) / (1000 - 600); reach value = (x - 100) / (300 - 100).)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, make_appraisal, run_appraise
from helpers import SCENARIO_CRITERIA as CRITERIA
from helpers import SCENARIO_OPTIONS as OPTIONS

from appraisal.errors import InputError
from appraisal.load.folder import load
from appraisal.scenario.overlay import apply, read_scenario
from appraisal.scoring.weighted_sum import Result, score


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_appraisal(tmp_path / "a", CRITERIA, OPTIONS)


def scenario_file(folder: Path, text: str, name: str = "what-if.yaml") -> Path:
    path = folder / "scenarios" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def scored(folder: Path, text: str) -> Result:
    return score(apply(load(folder), *read_scenario(scenario_file(folder, text))))


def totals(result: Result) -> dict[str, float]:
    return {o.id: o.total for o in result.options}


def ranks(result: Result) -> dict[str, int | None]:
    return {o.id: o.rank for o in result.options}


def test_no_scenario_is_the_hand_computed_base(folder: Path) -> None:
    result = score(load(folder))
    assert totals(result) == pytest.approx({"a": 70, "b": 65, "c": 37.5})
    assert result.preferred == "a" and result.scenario is None


def test_weights_of_top_level_criteria(folder: Path) -> None:
    # cost 20, quality 80: a 20*1 + 80*0.5 = 60; b 20*0.5 + 80*0.75 = 70; c 0 + 80*0.625 = 50.
    result = scored(folder, "name: Quality-led\nweights: {cost: 20, quality: 80}\n")
    assert totals(result) == pytest.approx({"a": 60, "b": 70, "c": 50})
    assert result.preferred == "b" and result.scenario == "Quality-led"


def test_weight_of_a_sub_criterion(folder: Path) -> None:
    # staff 3 : reach 1 under quality: quality a 0.75, b 0.625, c 0.6875;
    # totals a 40 + 45 = 85, b 20 + 37.5 = 57.5, c 0 + 41.25 = 41.25.
    result = scored(folder, "name: Staff first\nweights: {staff: 3}\n")
    assert totals(result) == pytest.approx({"a": 85, "b": 57.5, "c": 41.25})


def test_scores(folder: Path) -> None:
    # c's staff 3 -> 0: quality (0 + 0.5) / 2 = 0.25, total 60 * 0.25 = 15; the others unchanged.
    result = scored(folder, "name: Staff leave\nscores: {c: {staff: 0}}\n")
    assert totals(result) == pytest.approx({"a": 70, "b": 65, "c": 15})
    assert result.option("c").cells["staff"].score == 0


def test_a_scenario_score_replaces_the_rationale_and_range(folder: Path) -> None:
    appraisal = apply(load(folder), *read_scenario(scenario_file(folder, "name: s\nscores: {a: {staff: 1}}\n")))
    assert appraisal.options[0].scores["staff"].rationale is None


def test_costs_change_key_by_key(folder: Path) -> None:
    # b's annual cost 800 -> 600: cost best 600, worst 1000, so a 1, b 1, c 0;
    # b 40 + 45 = 85 overtakes a (70). The one-off cost stays as it was.
    result = scored(folder, "name: Cheaper B\ncosts: {b: {annual: 600}}\n")
    assert totals(result) == pytest.approx({"a": 70, "b": 85, "c": 37.5})
    assert result.preferred == "b"


def test_a_cost_rise_pushes_an_option_over_budget(folder: Path) -> None:
    # a's annual cost 1200 > budget 1000: a fails within_budget and is not ranked. Best and worst
    # are now taken over b and c only: cost b 1, c 0, a clamped to 0 from (1200-1000)/(800-1000);
    # reach (300 best, 200 worst) b 1, c 0, a clamped to 0. Quality a 0.5, b 0.75, c 0.375.
    # Totals a 0 + 30 = 30, b 40 + 45 = 85, c 0 + 22.5 = 22.5.
    result = scored(folder, "name: A over budget\ncosts: {a: {annual: 1200}}\n")
    assert totals(result) == pytest.approx({"a": 30, "b": 85, "c": 22.5})
    assert ranks(result) == {"b": 1, "c": 2, "a": None}
    assert result.option("a").failed_gates == ("within_budget",)


def test_measures(folder: Path) -> None:
    # a reaches 300 families: reach best 300, worst 200, so a 1, b 1, c 0;
    # quality a 1, b 0.75, c 0.375; totals a 40 + 60 = 100, b 65, c 22.5.
    result = scored(folder, "name: A reaches more\nmeasures: {a: {families: 300}}\n")
    assert totals(result) == pytest.approx({"a": 100, "b": 65, "c": 22.5})


def test_gates(folder: Path) -> None:
    # a fails 'legal': best and worst over b and c. Cost b 1, c 0, a clamped to 1;
    # reach b 1, c 0, a clamped to 0. Totals a 40 + 30 = 70, b 40 + 45 = 85, c 0 + 22.5 = 22.5.
    result = scored(folder, "name: A unlawful\ngates: {a: {legal: false}}\n")
    assert totals(result) == pytest.approx({"a": 70, "b": 85, "c": 22.5})
    assert ranks(result) == {"b": 1, "c": 2, "a": None}
    assert result.option("a").failed_gates == ("legal",)


def test_finance_budget(folder: Path) -> None:
    # budget 700: b (800) and c (1000) fail within_budget, so only a sets best and worst, which
    # are equal: every option's cost and reach value is 1. a 40 + 60 = 100 (rank 1);
    # b 40 + 60 * (0.5 + 1) / 2 = 85 and c 40 + 60 * (0.75 + 1) / 2 = 92.5, both unranked.
    result = scored(folder, "name: Tight budget\nfinance: {budget: 700}\n")
    assert totals(result) == pytest.approx({"a": 100, "b": 85, "c": 92.5})
    assert ranks(result) == {"a": 1, "c": None, "b": None}


def test_finance_years_and_discount_rate(folder: Path) -> None:
    # 4 years at 10%: a's npv_cost = 600 * (1 + 1/1.1 + 1/1.21 + 1/1.331) = 600 * 3.4868520 = 2092.11;
    # whole_life_cost 600 * 4 = 2400. The budget and totals are unchanged.
    result = scored(folder, "name: Longer\nfinance: {years: 4, discount_rate: 0.1}\n")
    assert result.option("a").measures["whole_life_cost"] == pytest.approx(2400)
    assert result.option("a").measures["npv_cost"] == pytest.approx(2092.111, abs=1e-3)
    assert totals(result) == pytest.approx({"a": 70, "b": 65, "c": 37.5})


def test_apply_changes_nothing_in_place(folder: Path) -> None:
    base = load(folder)
    apply(base, *read_scenario(scenario_file(folder, "name: s\nweights: {cost: 1}\ncosts: {a: {annual: 5}}\n")))
    assert base.frame.criteria[0].weight == 40 and base.options[0].costs is not None
    assert base.options[0].costs.annual == 600 and base.scenario is None


BAD = """\
name: Everything wrong
weights: {cots: 30, legal: 5}
scores:
  d: {staff: 1}
  gone: {staff: 1}
  a: {staf: 2, quality: 3, cost: 1, staff: 9}
costs:
  bb: {annual: 1}
measures:
  c: {familes: 250, annual_cost: 3}
gates:
  b: {legl: true, within_budget: true}
"""


def test_unknown_ids_anywhere_are_located_with_did_you_mean(folder: Path) -> None:
    path = scenario_file(folder, BAD)
    with pytest.raises(InputError) as caught:
        apply(load(folder), *read_scenario(path))
    got = [str(p).replace(str(path), "S") for p in caught.value.problems]
    assert got == [
        "S:2:11: error: no criterion 'cots' (did you mean 'cost'?)",
        "S:2:21: error: no criterion 'legal'",
        "S:4:3: error: no option 'd'",
        "S:5:3: error: option 'gone' is discounted, so it is not scored",
        f"S:6:7: error: no criterion 'staf' in {folder}/criteria.yaml (did you mean 'staff'?)",
        "S:6:16: error: 'quality' takes its value from its sub-criteria (staff, reach): score those instead",
        "S:6:28: error: 'cost' is scored from the measure 'annual_cost', not judged: remove this score",
        "S:6:44: error: score 9 for 'staff' is outside the scale 0 to 4",
        "S:8:3: error: no option 'bb' (did you mean 'b'?)",
        f"S:10:7: error: no measure 'familes' in option 'c' or in {folder}/criteria.yaml (did you mean 'families'?)",
        "S:10:21: error: 'annual_cost' is derived from the option's costs and risks: remove it from measures",
        f"S:12:7: error: no gate 'legl' in {folder}/criteria.yaml (did you mean 'legal'?)",
        "S:12:19: error: 'within_budget' is decided by the budget, not stated",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("name: x\nwieghts: {cost: 1}\n", "S:2:1: error: unknown key 'wieghts' (did you mean 'weights'?)"),
    ("name: x\nweights: {cost: -1}\n", "S:2:17: error: 'cost' must be at least 0.0, not -1"),
    ("name: x\ncosts: {a: {anual: 1}}\n", "S:2:13: error: unknown key 'anual' (did you mean 'annual'?)"),
    ("name: x\nfinance: {budjet: 1}\n", "S:2:11: error: unknown key 'budjet' (did you mean 'budget'?)"),
    ("weights: {cost: 1}\n", "S:1:1: error: missing required key 'name'"),
])
def test_malformed_scenarios_are_located(folder: Path, text: str, expected: str) -> None:
    path = scenario_file(folder, text)
    with pytest.raises(InputError) as caught:
        read_scenario(path)
    got = [str(p).replace(str(path), "S") for p in caught.value.problems]
    assert len(got) == 1 and got[0].startswith(expected)  # the wording of a bound may go on


def test_a_list_of_annual_costs_must_match_the_scenario_years(folder: Path) -> None:
    path = scenario_file(folder, "name: x\nfinance: {years: 3}\ncosts: {a: {annual: [1, 2]}}\n")
    with pytest.raises(InputError) as caught:
        apply(load(folder), *read_scenario(path))
    assert [str(p).replace(str(path), "S") for p in caught.value.problems] == [
        "S:3:21: error: 2 years of annual costs given, but finance.years is 3"
    ]


def test_score_with_scenario_through_the_cli(folder: Path) -> None:
    path = scenario_file(folder, "name: A over budget\ncosts: {a: {annual: 1200}}\n")
    run = run_appraise("score", folder, "--scenario", path, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["scenario"] == "A over budget" and data["preferred"] == "b"
    assert [(o["id"], o["rank"], o["failed_gates"]) for o in data["options"]] == [
        ("b", 1, []), ("c", 2, []), ("a", None, ["within_budget"])]
    assert [o["total"] for o in data["options"]] == pytest.approx([85, 22.5, 30])


def test_score_with_a_bad_scenario_exits_2_and_writes_nothing(folder: Path, tmp_path: Path) -> None:
    path = scenario_file(folder, "name: x\nweights: {cots: 30}\n")
    out = tmp_path / "out.json"
    run = run_appraise("score", folder, "--scenario", path, "--output", out)
    assert run.code == 2 and not out.exists() and run.out == ""
    assert run.err == f"{path}:2:11: error: no criterion 'cots' (did you mean 'cost'?)\n"
    missing = run_appraise("score", folder, "--scenario", folder / "nope.yaml")
    assert (missing.code, missing.err) == (2, f"{folder / 'nope.yaml'}:1:1: error: no such scenario file\n")


def test_validate_checks_every_scenario(folder: Path) -> None:
    scenario_file(folder, "name: fine\nweights: {cost: 10}\n", "fine.yaml")
    scenario_file(folder, "name: broken\nscores: {a: {staf: 2}}\n", "broken.yaml")
    run = run_appraise("validate", folder)
    assert run.code == 2
    errors = [line for line in run.err.splitlines() if ": error: " in line]  # warnings ride along
    assert errors == [(f"{folder}/scenarios/broken.yaml:2:14: error: no criterion 'staf' in "
                       f"{folder}/criteria.yaml (did you mean 'staff'?)")]


REFERENCE_SCENARIOS = {
    # The reference example's own scenarios and what each does to the preferred option.
    "finance-led.yaml": "in-house",
    "in-house-cost-rise.yaml": "mixed-economy",
    "stability-first.yaml": "mixed-economy",
}


@pytest.mark.parametrize(("name", "preferred"), sorted(REFERENCE_SCENARIOS.items()))
def test_reference_scenarios_apply(name: str, preferred: str) -> None:
    result = score(apply(load(REPO), *read_scenario(REPO / "scenarios" / name)))
    assert result.preferred == preferred


def test_in_house_cost_rise_takes_in_house_over_the_budget() -> None:
    # 1,640,000 * 1.1 = 1,804,000 > the GBP 1.7m budget (para 3.1 of the paper).
    result = score(apply(load(REPO), *read_scenario(REPO / "scenarios" / "in-house-cost-rise.yaml")))
    in_house = result.option("in-house")
    assert in_house.measures["annual_cost"] == 1_804_000 and in_house.failed_gates == ("within_budget",)
    assert in_house.rank is None


def test_report_and_sensitivity_take_the_scenario_too(folder: Path) -> None:
    # Both load through cli.common.load_appraisal, as score does: under "A over budget" b is
    # preferred (85, see above) and a is not ranked.
    path = scenario_file(folder, "name: A over budget\ncosts: {a: {annual: 1200}}\n")
    sensitivity = run_appraise("sensitivity", folder, "--scenario", path, "--samples", "50", "--format", "json")
    assert sensitivity.code == 0, sensitivity.err
    data = json.loads(sensitivity.out)
    assert data["preferred"] == "b" and "a" not in data["rank_probabilities"]
    report = run_appraise("report", folder, "--scenario", path, "--format", "markdown")
    assert report.code == 0, report.err
    assert "A over budget" in report.out
    bad = scenario_file(folder, "name: x\nweights: {cots: 30}\n", "bad.yaml")
    for command in ("sensitivity", "report"):
        run = run_appraise(command, folder, "--scenario", bad)
        assert (run.code, run.out) == (2, "") and f"{bad}:2:11: error: no criterion 'cots'" in run.err


def test_a_scenario_may_weigh_a_criterion_at_zero_but_not_a_whole_group(tmp_path: Path) -> None:
    """"What if cost did not count?": weight 0 is a what-if (the explore page writes it); a group
    whose every weight is 0 has nothing to share out, and is refused at the scenario's line."""
    folder = make_appraisal(tmp_path / "a", CRITERIA, OPTIONS)
    zero = folder / "scenarios" / "zero.yaml"
    zero.parent.mkdir()
    zero.write_text("name: No cost\nweights: {cost: 0}\n", encoding="utf-8")
    data = json.loads(run_appraise("score", folder, "--scenario", zero, "-f", "json").out)
    assert {c["id"]: c["weight"] for c in data["criteria"]}["cost"] == 0
    assert {c["id"]: c["weight"] for c in data["criteria"]}["quality"] == 1
    both = folder / "scenarios" / "both.yaml"
    both.write_text("name: Nothing counts\nweights: {staff: 0, reach: 0}\n", encoding="utf-8")
    run = run_appraise("score", folder, "--scenario", both)
    assert run.code == 2
    assert ("scenarios/both.yaml:2:11: error: staff and reach are weighed together, and this scenario sets all of "
            "their weights to 0: at least one must be above 0") in run.err

"""Malformed input: every problem gets a plain message at FILE:LINE:COL, exit 2, no traceback
and no output file (README.md, Hostile and broken input; "every malformed file gets a message that
says where the problem is").

Each case starts from a valid folder written as text (so lines and columns are known by
reading it), changes one thing, runs ``appraise score . --output FILE`` through the console
script and expects exact lines on standard error. An expected line ending in "..." is a
prefix (used only where the wording comes from libyaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import run_appraise
from helpers import ALPHA, BETA, write_folder
from helpers import BAD_INPUT_CRITERIA as CRITERIA

# Variants of the base files used by several cases.
TWO_MORE_JUDGED = CRITERIA.replace("gates:\n", (
    "  - {id: speed, name: Speed, weight: 10}\n"
    "  - {id: reach, name: Reach, weight: 10}\n"
    "gates:\n"))
QUALITY_WITH_SUBS = CRITERIA.replace("    weight: 60\n", (
    "    weight: 60\n"
    "    criteria:\n"
    "      - {id: staff, name: Staff, weight: 1}\n"
    "      - {id: premises, name: Premises, weight: 1}\n"))
SUB_SCORES = "scores:\n  staff: 3\n  premises: 4\n"
NO_COST_CRITERION = """\
title: Budget only
criteria:
  - {id: quality, name: Quality, weight: 1}
finance: {budget: 1000}
"""
ALIAS_BOMB = "".join(
    f"{k}: &{k} [{', '.join([f'*{prev}'] * 10) if prev else 'x, x, x, x, x, x, x, x, x, x'}]\n"
    for prev, k in zip(["", "a", "b", "c", "d"], ["a", "b", "c", "d", "e"], strict=True)
) + "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"


@dataclass(frozen=True)
class Case:
    files: dict[str, str | bytes | None]
    """Paths under the folder and their new contents (None deletes the file)."""
    expected: list[str]
    """Lines expected on standard error, with ``error:`` and the location."""
    args: tuple[str, ...] = ()
    exact_count: bool = True
    """The errors are exactly these (no others)."""
    extra: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {
    # --- YAML itself ---
    "yaml-syntax": Case(
        {"options/alpha.yaml": "name: Alpha\nscores: {quality: 4\n"},
        ["options/alpha.yaml:2:9: error: the '{' here is not closed on its line: end it with '}'"]),
    "tab-indent": Case(
        {"options/alpha.yaml": ALPHA.replace("  quality:", "\tquality:")},
        ["options/alpha.yaml:5:1: error: invalid YAML: a tab character cannot indent YAML: use spaces"]),
    "tab-after-indent": Case(
        {"options/alpha.yaml": ALPHA.replace("  quality:", "  \tquality:")},
        ["options/alpha.yaml:5:3: error: invalid YAML: a tab character cannot indent YAML: use spaces"]),
    "duplicate-key": Case(
        {"options/alpha.yaml": ALPHA + "name: Alpha again\n"},
        ["options/alpha.yaml:7:1: error: duplicate key 'name' (first given on line 1)"]),
    "duplicate-nested-key": Case(
        {"options/beta.yaml": BETA.replace("  quality: {score: 3, rationale: Fair.}",
                                           "  quality: {score: 3, score: 2}")},
        ["options/beta.yaml:4:23: error: duplicate key 'score' (first given on line 4)"]),
    "python-object-tag": Case(
        {"options/alpha.yaml": "name: !!python/object/apply:os.system ['touch pwned']\n"},
        [("options/alpha.yaml:1:7: error: the tag '!!python/object/apply:os.system' is not allowed: "
         "appraise reads plain YAML (text, numbers, true/false, dates, lists and mappings)")]),
    "empty-file": Case({"options/alpha.yaml": ""}, ["options/alpha.yaml:1:1: error: the file is empty"]),
    "comments-only": Case({"options/alpha.yaml": "# to do\n"}, ["options/alpha.yaml:1:1: error: the file is empty"]),
    "top-level-list": Case(
        {"options/alpha.yaml": "- name: Alpha\n"},
        ["options/alpha.yaml:1:1: error: the file must be a mapping of keys to values ('key: value' lines), not a "
         "list"]),
    "non-utf8": Case(
        {"options/alpha.yaml": ALPHA.replace("name: Alpha", "name: Caf\xe9").encode("latin-1")},
        ["options/alpha.yaml:1:10: error: the file is not UTF-8 text: save it as UTF-8"]),
    "binary": Case(
        {"options/alpha.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        ["options/alpha.yaml:3:1: error: this is a binary file, not YAML text (it contains a NUL byte)"]),
    "alias-bomb": Case(
        {"options/alpha.yaml": ALIAS_BOMB},
        ["options/alpha.yaml:1:1: error: the file expands to more than 100,000 values (aliases repeated too often)"]),
    "too-deep": Case(
        {"options/alpha.yaml": "name: " + "[" * 50 + "]" * 50 + "\n"},
        ["options/alpha.yaml:1:47: error: the file is nested more than 40 levels deep"]),  # the 41st "["
    "too-big": Case(
        {"options/alpha.yaml": ALPHA + "summary: " + "x" * (1024 * 1024) + "\n"},
        ["options/alpha.yaml:1:1: error: the file is 1,048,716 bytes; appraise reads files up to 1,048,576 bytes"]),
    # --- keys and types ---
    "unknown-key-did-you-mean": Case(
        {"options/alpha.yaml": ALPHA.replace("baseline: true", "baselin: true")},
        ["options/alpha.yaml:2:1: error: unknown key 'baselin' (did you mean 'baseline'?)"]),
    "unknown-criterion-key": Case(
        {"criteria.yaml": CRITERIA.replace("    weight: 60", "    wieght: 60")},
        ["criteria.yaml:9:5: error: missing required key 'weight'...",
         "criteria.yaml:11:5: error: unknown key 'wieght' (did you mean 'weight'?)"]),
    "missing-title": Case(
        {"criteria.yaml": CRITERIA.replace("title: Bad input base\n", "")},
        ["criteria.yaml:1:1: error: missing required key 'title'"]),
    "name-not-text": Case(
        {"options/alpha.yaml": ALPHA.replace("name: Alpha", "name: [Alpha]")},
        ["options/alpha.yaml:1:7: error: 'name' must be text, not list"]),
    "criterion-name-not-text": Case(
        {"criteria.yaml": CRITERIA.replace("name: Quality", "name: 5")},
        ["criteria.yaml:10:11: error: 'name' must be text, not 5"]),
    "string-for-number": Case(
        {"options/alpha.yaml": ALPHA.replace("annual: 500", "annual: '500'")},
        [("options/alpha.yaml:3:30: error: 'annual' must be a number: write 500 without quotes (in quotes, YAML "
          "reads it as text)")]),
    "string-in-yearly-list": Case(
        {"options/beta.yaml": BETA.replace("[400, 500, 600]", "[400, lots, 600]")},
        ["options/beta.yaml:2:23: error: 'annual' must be a number, not 'lots'"]),
    "bool-for-number": Case(
        {"criteria.yaml": CRITERIA.replace("weight: 40", "weight: true")},
        ["criteria.yaml:5:13: error: 'weight' must be a number, not True"]),
    "string-score": Case(
        {"options/alpha.yaml": ALPHA.replace("quality: {score: 4, rationale: Good.}", "quality: four")},
        ["options/alpha.yaml:5:12: error: a score must be a number, or a mapping with 'score:', not 'four'"]),
    "nan": Case(
        {"options/alpha.yaml": ALPHA.replace("annual: 500", "annual: .nan")},
        ["options/alpha.yaml:3:30: error: 'annual' must be a finite number, not nan"]),
    "inf": Case(
        {"options/alpha.yaml": ALPHA.replace("score: 4", "score: .inf")},
        ["options/alpha.yaml:5:20: error: 'score' must be a finite number, not inf"]),
    "negative-weight": Case(
        {"criteria.yaml": CRITERIA.replace("weight: 60", "weight: -60")},
        ["criteria.yaml:11:13: error: 'weight' must be more than 0.0, not -60"]),
    "negative-cost": Case(
        {"options/alpha.yaml": ALPHA.replace("one_off: 10", "one_off: -10")},
        ["options/alpha.yaml:3:18: error: 'one_off' must be at least 0.0, not -10"]),
    "bad-status": Case(
        {"options/alpha.yaml": ALPHA + "status: maybe\n"},
        ["options/alpha.yaml:7:9: error: 'status' should be 'shortlisted' or 'discounted'"]),
    "bad-value-function": Case(
        {"criteria.yaml": CRITERIA.replace("value_function: relative", "value_function: exponential")},
        ["criteria.yaml:8:21: error: 'value_function' should be 'linear' or 'relative'"]),
    "points-not-increasing": Case(
        {"criteria.yaml": CRITERIA.replace("value_function: relative",
                                           "value_function: {points: [[100, 1], [50, 0]]}")},
        ["criteria.yaml:8:30: error: the points' x values must increase strictly from one point to the next"]),
    "points-value-above-one": Case(
        {"criteria.yaml": CRITERIA.replace("value_function: relative",
                                           "value_function: {points: [[100, 1], [500, 2]]}")},
        ["criteria.yaml:8:47: error: 'points' must be at most 1.0, not 2"]),
    "scale-upside-down": Case(
        {"criteria.yaml": CRITERIA.replace("criteria:\n", "scale: {min: 5, max: 0}\ncriteria:\n", 1)},
        ["criteria.yaml:2:8: error: the scale's max (0) must be above its min (5)"]),
    "bad-date": Case(
        {"criteria.yaml": CRITERIA.replace("criteria:\n", "date: 14 March 2017\ncriteria:\n", 1)},
        ["criteria.yaml:2:7: error: 'date' must be a date written YYYY-MM-DD, not '14 March 2017'"]),
    "risk-out-of-range": Case(
        {"options/alpha.yaml": ALPHA + "risks:\n  - {risk: Delay, likelihood: 6, impact: 2}\n"},
        ["options/alpha.yaml:8:31: error: 'likelihood' must be at most 5, not 6"]),
    # --- scores ---
    "score-out-of-scale": Case(
        {"options/alpha.yaml": ALPHA.replace("score: 4", "score: 7")},
        ["options/alpha.yaml:5:20: error: score 7 for 'quality' is outside the scale 0 to 5"]),
    "low-above-score": Case(
        {"options/alpha.yaml": ALPHA.replace("score: 4,", "score: 3, low: 4,")},
        ["options/alpha.yaml:5:12: error: low (4) is above the score (3)"]),
    "missing-scores-all-reported": Case(
        {"criteria.yaml": TWO_MORE_JUDGED},
        ["options/alpha.yaml:4:1: error: no score for criterion 'reach' (Reach)",
         "options/alpha.yaml:4:1: error: no score for criterion 'speed' (Speed)",
         "options/beta.yaml:3:1: error: no score for criterion 'reach' (Reach)",
         "options/beta.yaml:3:1: error: no score for criterion 'speed' (Speed)"]),
    "no-scores-key-at-all": Case(
        {"options/beta.yaml": "name: Beta\ncosts: {annual: 500}\ngates: {legal: true}\n"},
        ["options/beta.yaml:1:1: error: no score for criterion 'quality' (Quality)"]),
    "unknown-criterion-in-scores": Case(
        {"options/alpha.yaml": ALPHA.replace("gates:", "  qualty: 3\ngates:")},
        ["options/alpha.yaml:6:3: error: no criterion 'qualty' in criteria.yaml (did you mean 'quality'?)"]),
    "score-for-parent": Case(
        {"criteria.yaml": QUALITY_WITH_SUBS,
         "options/alpha.yaml": ALPHA.replace("scores:\n", SUB_SCORES),
         "options/beta.yaml": BETA.replace("scores:\n  quality: {score: 3, rationale: Fair.}\n", SUB_SCORES)},
        [("options/alpha.yaml:7:3: error: 'quality' takes its value from its sub-criteria (staff, premises): "
         "score those instead")]),
    "score-for-measured": Case(
        {"options/alpha.yaml": ALPHA.replace("gates:", "  cost: 5\ngates:")},
        ["options/alpha.yaml:6:3: error: 'cost' is scored from the measure 'annual_cost', not judged: remove this "
         "score"]),
    # --- gates ---
    "missing-gate": Case(
        {"options/beta.yaml": BETA.replace("gates: {legal: true}\n", "")},
        ["options/beta.yaml:1:1: error: gate 'legal' (Lawful) is not stated: give true or false"]),
    "unknown-gate": Case(
        {"options/beta.yaml": BETA.replace("{legal: true}", "{legal: true, lega: false}")},
        ["options/beta.yaml:5:22: error: no gate 'lega' in criteria.yaml (did you mean 'legal'?)"]),
    "gate-not-bool": Case(
        {"options/beta.yaml": BETA.replace("{legal: true}", "{legal: yes please}")},
        ["options/beta.yaml:5:16: error: 'legal' must be true or false, not 'yes please'"]),
    "budget-gate-stated": Case(
        {"options/beta.yaml": BETA.replace("{legal: true}", "{legal: true, within_budget: true}")},
        ["options/beta.yaml:5:22: error: 'within_budget' is decided by the budget, not stated"]),
    # --- options ---
    "discounted-without-reason": Case(
        {"options/beta.yaml": "name: Beta\nstatus: discounted\n"},
        ["options/beta.yaml:1:1: error: a discounted option needs a 'reason:' saying why it was not taken forward"]),
    "bare-no-as-text": Case(
        {"options/beta.yaml": "name: Beta\nstatus: discounted\nreason: no\n"},
        [("options/beta.yaml:3:9: error: 'reason' must be text, not False (YAML reads a bare yes, no, on or off "
         "as true or false: put the text in quotes)")]),
    "two-baselines": Case(
        {"options/beta.yaml": "baseline: true\n" + BETA},
        ["options/beta.yaml:1:1: error: only one option can be the baseline; 'alpha' is marked already"]),
    # --- ids ---
    "duplicate-criterion-id": Case(
        {"criteria.yaml": CRITERIA.replace("id: quality", "id: cost")},
        ["criteria.yaml:9:9: error: the id 'cost' is already used by a criterion"], exact_count=False),
    "gate-id-used-by-criterion": Case(
        {"criteria.yaml": CRITERIA.replace("{id: legal, name: Lawful}", "{id: quality, name: Lawful}")},
        ["criteria.yaml:13:10: error: the id 'quality' is already used by a criterion"], exact_count=False),
    "option-id-used-by-criterion": Case(
        {"options/quality.yaml": BETA},
        ["options/quality.yaml:1:1: error: the option id 'quality' is already used by a criterion in criteria.yaml"]),
    "duplicate-option-id": Case(
        {"options/gamma.yaml": "id: beta\n" + BETA},
        [("options/gamma.yaml:1:5: error: option id 'beta' is already used by options/beta.yaml (from its file "
          "name): give each option its own id")]),
    "bad-slug": Case(
        {"options/gamma.yaml": "id: Gamma!\n" + BETA},
        [("options/gamma.yaml:1:5: error: 'Gamma!' is not a valid id: use lower-case letters, digits, '-' and '_', "
         "starting with a letter or digit")]),
    "bad-criterion-slug": Case(
        {"criteria.yaml": CRITERIA.replace("id: cost", "id: Cost Centre")},
        [("criteria.yaml:3:9: error: 'Cost Centre' is not a valid id: use lower-case letters, digits, '-' and '_', "
         "starting with a letter or digit")]),
    "file-name-not-a-slug": Case(
        {"options/Gamma Option.yaml": BETA},
        [("options/Gamma Option.yaml:1:1: error: the file name 'Gamma Option.yaml' is not a valid option id: rename "
         "the file (up to 64 lower-case letters, digits, '-' and '_', and nothing else) or give 'id:' in it")]),
    # --- costs and measures ---
    "missing-costs-with-budget": Case(
        {"criteria.yaml": NO_COST_CRITERION,
         "options/alpha.yaml": "name: Alpha\nscores: {quality: 4}\n",
         "options/beta.yaml": "name: Beta\ncosts: {annual: 10}\nscores: {quality: 4}\n"},
        ["options/alpha.yaml:1:1: error: missing 'costs' (needed for the budget gate)"]),
    "missing-costs-for-cost-criterion": Case(
        {"options/alpha.yaml": ALPHA.replace("costs: {one_off: 10, annual: 500}\n", "")},
        ["options/alpha.yaml:1:1: error: missing 'costs' (needed for the criterion measure annual_cost)"]),
    "yearly-list-length": Case(
        {"options/beta.yaml": BETA.replace("[400, 500, 600]", "[400, 500]")},
        ["options/beta.yaml:2:17: error: 2 years of annual costs given, but finance.years is 3"]),
    "relative-zero-cost": Case(
        {"options/alpha.yaml": ALPHA.replace("one_off: 10, annual: 500", "annual: 0")},
        [("options/alpha.yaml:3:17: error: 'cost' uses the relative value function, which divides by annual_cost; "
         "annual_cost must be above 0, not 0")]),
    "missing-measure": Case(
        {"criteria.yaml": CRITERIA.replace("gates:\n",
                                           "  - {id: reach, name: Reach, weight: 10, measure: families}\ngates:\n"),
         "options/beta.yaml": BETA + "measures: {famillies: 120}\n"},
        ["options/alpha.yaml:1:1: error: missing measure 'families' (criterion reach is scored from it)",
         ("options/beta.yaml:6:1: error: missing measure 'families' (criterion reach is scored from it) "
         "(did you mean 'famillies'?)")]),
    "derived-measure-given": Case(
        {"options/beta.yaml": BETA + "measures: {annual_cost: 12}\n"},
        [("options/beta.yaml:6:12: error: 'annual_cost' is derived from the option's costs and risks: remove it "
         "from measures")]),
    # --- scenarios ---
    "scenario-unknown-ids": Case(
        {"scenarios/what-if.yaml": (
            "name: What if\n"
            "weights: {qualty: 10}\n"
            "scores:\n"
            "  gamma: {quality: 3}\n"
            "gates: {beta: {lega: true}}\n")},
        ["scenarios/what-if.yaml:2:11: error: no criterion 'qualty' (did you mean 'quality'?)",
         "scenarios/what-if.yaml:4:3: error: no option 'gamma'",
         "scenarios/what-if.yaml:5:16: error: no gate 'lega' in criteria.yaml (did you mean 'legal'?)"],
        args=("--scenario", "scenarios/what-if.yaml")),
    "scenario-makes-relative-divide-by-zero": Case(
        {"scenarios/what-if.yaml": "name: What if\ncosts: {alpha: {annual: 0}}\n"},
        [("scenarios/what-if.yaml:2:25: error: 'cost' uses the relative value function, which divides by "
          "annual_cost; annual_cost must be above 0, not 0")],
        args=("--scenario", "scenarios/what-if.yaml")),
    "scenario-unknown-key": Case(
        {"scenarios/what-if.yaml": "name: What if\nweight: {quality: 10}\n"},
        ["scenarios/what-if.yaml:2:1: error: unknown key 'weight' (did you mean 'weights'?)"],
        args=("--scenario", "scenarios/what-if.yaml")),
}


def test_the_base_folder_is_valid(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {})
    run = run_appraise("validate", ".", cwd=folder)
    assert run.code == 0 and " error:" not in run.err, run.err


def test_there_are_at_least_25_distinct_malformations() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    folder = write_folder(tmp_path / "a", case.files)
    output = tmp_path / "result.json"
    run = run_appraise("score", ".", *case.args, "--format", "json", "--output", output, cwd=folder)
    assert run.code == 2, run.err
    assert "Traceback" not in run.err
    assert run.out == ""
    assert not output.exists(), "an output file was written despite bad input"
    assert [p.name for p in tmp_path.iterdir()] == ["a"], "something was left beside the output"
    errors = [line for line in run.err.splitlines() if ": error: " in line]
    for want in case.expected:
        if want.endswith("..."):
            assert any(line.startswith(want[:-3]) for line in errors), (want, run.err)
        else:
            assert want in errors, (want, run.err)
    if case.exact_count:
        assert len(errors) == len(case.expected), run.err
    assert not (folder / "pwned").exists()  # no YAML tag ever runs anything


def test_validate_reports_the_same_problems(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", CASES["missing-scores-all-reported"].files)
    run = run_appraise("validate", ".", cwd=folder)
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    errors = [line for line in run.err.splitlines() if ": error: " in line]
    assert errors == CASES["missing-scores-all-reported"].expected


def test_problems_in_several_files_are_all_reported_in_one_run(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {
        "criteria.yaml": CRITERIA.replace("title:", "titel:"),
        "options/alpha.yaml": "name: Alpha\nscores: {quality: 4\n",
        "options/beta.yaml": BETA.replace("score: 3", "score: three"),
        "options/gamma.yaml": "name: Gamma\nname: Gamma\n",
    })
    output = tmp_path / "out.csv"
    run = run_appraise("score", ".", "--format", "csv", "--output", output, cwd=folder)
    assert run.code == 2 and not output.exists() and "Traceback" not in run.err
    lines = run.err.splitlines()
    assert lines[0] == "criteria.yaml:1:1: error: missing required key 'title'"
    assert lines[1] == "criteria.yaml:1:1: error: unknown key 'titel' (did you mean 'title'?)"
    assert lines[2] == "options/alpha.yaml:2:9: error: the '{' here is not closed on its line: end it with '}'"
    assert lines[3] == "options/beta.yaml:4:20: error: 'score' must be a number, not 'three'"
    assert lines[4] == "options/gamma.yaml:2:1: error: duplicate key 'name' (first given on line 1)"
    assert len(lines) == 5


def test_missing_criteria_file_is_a_usage_error(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {"criteria.yaml": None})
    output = tmp_path / "out.json"
    run = run_appraise("score", ".", "--output", output, cwd=folder)
    assert run.code == 2 and not output.exists() and "Traceback" not in run.err
    assert run.err.startswith("criteria.yaml: no criteria file here; give the appraisal folder, its options/ "
                              "folder, or --criteria FILE")


def test_missing_scenario_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {})
    run = run_appraise("score", ".", "--scenario", "scenarios/nope.yaml", cwd=folder)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err == "scenarios/nope.yaml:1:1: error: no such scenario file\n"


def test_bad_input_leaves_an_existing_output_file_untouched(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", CASES["nan"].files)
    output = tmp_path / "keep.json"
    output.write_text("previous result\n", encoding="utf-8")
    run = run_appraise("score", ".", "--output", output, cwd=folder)
    assert run.code == 2
    assert output.read_text(encoding="utf-8") == "previous result\n"


def test_loading_returns_warnings_rather_than_filling_a_list(tmp_path: Path) -> None:
    from conftest import make_appraisal

    from appraisal.errors import InputError
    from appraisal.load.folder import load, load_with_warnings

    criteria = {"title": "T", "criteria": [{"id": "q", "name": "Q", "weight": 100}]}
    folder = make_appraisal(tmp_path / "a", criteria, {"a": {"name": "A", "baseline": True, "scores": {"q": 3}}})
    appraisal, warnings = load_with_warnings(folder)
    assert [o.id for o in appraisal.options] == ["a"]
    assert [(Path(w.file).name, w.severity) for w in warnings] == [("a.yaml", "warning"), ("criteria.yaml", "warning")]
    assert "no rationale" in warnings[0].message and "do_minimum" in warnings[1].message
    assert load(folder).options == appraisal.options
    broken = make_appraisal(tmp_path / "b", criteria, {"a": {"name": "A", "baseline": True, "scores": {"q": 9}}})
    with pytest.raises(InputError) as raised:
        load_with_warnings(broken)
    assert [p.severity for p in raised.value.problems].count("warning") == 2

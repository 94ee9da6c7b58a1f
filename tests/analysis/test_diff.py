"""``appraise diff`` between two folders and against a scenario: what changes, and how it is shown.

The appraisal is the hand-computed one of ``test_scenario.py``: totals a 70, b 65, c 37.5.
Git refs are tested in ``test_diff_git.py``.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_appraisal, run_appraise, spawn_appraise
from helpers import SCENARIO_CRITERIA as CRITERIA
from helpers import SCENARIO_OPTIONS as OPTIONS

from appraisal.analysis.diff import OptionChange, Side, compare
from appraisal.load.folder import load
from appraisal.render.diff import COMMENT_LIMIT, describe, option_cells, to_markdown
from appraisal.render.machine import diff_to_dict
from appraisal.scoring.weighted_sum import score


def build(root: Path, criteria: dict[str, Any] | None = None, options: dict[str, Any] | None = None) -> Path:
    return make_appraisal(root, criteria or CRITERIA, OPTIONS if options is None else options)


def changed_options(**changes: dict[str, Any]) -> dict[str, Any]:
    """OPTIONS with some options replaced (a value of None removes the option)."""
    options = copy.deepcopy(OPTIONS)
    for oid, data in changes.items():
        if data is None:
            del options[oid]
        else:
            options[oid] = data
    return options


def diff_of(tmp_path: Path, criteria: dict[str, Any] | None = None, options: dict[str, Any] | None = None) -> dict[str,
                                                                                                                   Any]:
    old = build(tmp_path / "old")
    new = build(tmp_path / "new", criteria, options)
    return diff_to_dict(compare(Side("old", score(load(old))), Side("new", score(load(new)))))


def inputs(data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(i["path"], i["old"], i["new"]) for i in data["inputs"]]


def test_reformatting_and_reordering_is_not_a_change(tmp_path: Path) -> None:
    old = build(tmp_path / "old")
    new = tmp_path / "new"
    (new / "options").mkdir(parents=True)
    # The same criteria: block style, keys and criteria in another order, comments, quotes.
    (new / "criteria.yaml").write_text("""\
# reordered and reformatted
finance:
  discount_rate: 0.0
  years: 2
  budget: 1000.0
gates:
  - name: "Lawful"
    id: legal
criteria:
  - id: quality
    weight: 60
    name: Quality
    criteria:
      - {id: reach, name: Reach, weight: 1, measure: families, direction: higher}
      - {id: staff, weight: 1, name: 'Staff'}
  - name: Cost
    id: cost
    measure: annual_cost
    direction: lower
    weight: 40.0
    value_function: linear
scale: {max: 4, min: 0}
title: Scenario test
currency: GBP
""", encoding="utf-8")
    for oid, given in OPTIONS.items():
        data = {**given, "id": oid, "baseline": False}  # defaults written out, file renamed
        if "costs" in data:
            data["costs"] = {"one_off": 0, **data["costs"]}
            data["status"] = "shortlisted"
        (new / "options" / f"renamed-{oid}.yaml").write_text(
            yaml.safe_dump(dict(reversed(list(data.items()))), default_flow_style=True), encoding="utf-8")
    data = diff_to_dict(compare(Side("old", score(load(old))), Side("new", score(load(new)))))
    assert data["inputs"] == []
    assert not data["preferred_changed"] and not data["ranking_changed"]
    assert [o["changed"] for o in data["options"]] == [False] * 4


def test_weights_change_the_preferred_option(tmp_path: Path) -> None:
    # cost 20, quality 80: a 60, b 70, c 50 (see test_scenario.py).
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"] = 20
    criteria["criteria"][1]["weight"] = 80
    data = diff_of(tmp_path, criteria)
    assert data["old"]["preferred"] == "a" and data["new"]["preferred"] == "b"
    assert data["preferred_changed"] and data["ranking_changed"]
    assert [(o["id"], o["old_rank"], o["new_rank"], o["old_total"], o["new_total"]) for o in data["options"]] == [
        ("b", 2, 1, pytest.approx(65), pytest.approx(70)),
        ("a", 1, 2, pytest.approx(70), pytest.approx(60)),
        ("c", 3, 3, pytest.approx(37.5), pytest.approx(50)),
        ("gone", None, None, None, None),
    ]
    assert inputs(data) == [("criteria.cost.weight", 40, 20), ("criteria.quality.weight", 60, 80)]
    assert {i["file"] for i in data["inputs"]} == {f"{tmp_path}/new/criteria.yaml"}


def test_option_inputs_have_paths_files_and_lines(tmp_path: Path) -> None:
    b = copy.deepcopy(OPTIONS["b"])
    b["scores"]["staff"] = {"score": 3, "rationale": "New staff plan."}
    b["costs"]["annual"] = [700, 750]
    b["gates"]["legal"] = False
    b["measures"]["families"] = 310
    data = diff_of(tmp_path, options=changed_options(b=b))
    assert sorted(inputs(data)) == sorted([
        ("options.b.costs.annual", 800, [700, 750]),
        ("options.b.measures.families", 300, 310),
        ("options.b.scores.staff.score", 2, 3),
        ("options.b.scores.staff.rationale", "r", "New staff plan."),
        ("options.b.gates.legal", True, False),
    ])
    # listed as a reader meets them: file by file, line by line
    assert [e["line"] for e in data["inputs"]] == sorted(e["line"] for e in data["inputs"])
    file = f"{tmp_path}/new/options/b.yaml"
    lines = (tmp_path / "new" / "options" / "b.yaml").read_text().splitlines()
    for entry in data["inputs"]:
        assert entry["file"] == file
        key = entry["path"].rsplit(".", 1)[1]
        assert lines[entry["line"] - 1].lstrip().startswith(f"{key}:")
    # b fails 'legal' now, so it is not ranked and the ranking changes, but a stays preferred.
    assert not data["preferred_changed"] and data["ranking_changed"]
    b_entry = next(o for o in data["options"] if o["id"] == "b")
    assert (b_entry["old_status"], b_entry["new_status"], b_entry["new_failed_gates"]) == ("ranked", "unranked",
                                                                                           ["legal"])


def test_added_removed_discounted_and_reinstated_options(tmp_path: Path) -> None:
    d = {"name": "Option D", "costs": {"annual": 700}, "scores": {"staff": 1}, "measures": {"families": 100},
         "gates": {"legal": True}}
    options = changed_options(c=None, d=d, b={**OPTIONS["b"], "status": "discounted", "reason": "Too slow."},
                              gone={"name": "Gone", "costs": {"annual": 900}, "scores": {"staff": 4},
                                    "measures": {"families": 100}, "gates": {"legal": True}})
    data = diff_of(tmp_path, options=options)
    got = {path: (old, new) for path, old, new in inputs(data)}
    assert got["options.b.status"] == ("shortlisted", "discounted")
    assert got["options.b.reason"] == (None, "Too slow.")
    assert got["options.gone.status"] == ("discounted", "shortlisted")
    assert got["options.gone.reason"] == ("Ruled out early.", None)
    assert got["options.c"][1] is None and got["options.c"][0]["name"] == "Option C"
    assert got["options.d"][0] is None and got["options.d"][1]["name"] == "Option D"
    files = {i["path"]: i["file"] for i in data["inputs"]}
    assert files["options.c"] == f"{tmp_path}/old/options/c.yaml"  # removed: the old side's file
    assert files["options.d"] == f"{tmp_path}/new/options/d.yaml"
    status = {o["id"]: (o["old_status"], o["new_status"]) for o in data["options"]}
    assert status == {"a": ("ranked", "ranked"), "gone": ("discounted", "ranked"), "d": (None, "ranked"),
                      "b": ("ranked", "discounted"), "c": ("ranked", None)}


def test_adding_a_discounted_option_does_not_change_the_ranking(tmp_path: Path) -> None:
    options = changed_options(late={"name": "Late idea", "status": "discounted", "reason": "Out of time."})
    data = diff_of(tmp_path, options=options)
    assert not data["ranking_changed"] and not data["preferred_changed"]
    assert inputs(data) == [("options.late", None, {"name": "Late idea", "status": "discounted",
                                                    "reason": "Out of time.", "baseline": False,
                                                    "measures": {}, "scores": {}, "gates": {},
                                                    "advantages": [], "disadvantages": [], "risks": []})]


def test_moving_a_criterion_to_another_parent_is_a_change(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    reach = criteria["criteria"][1]["criteria"].pop()
    criteria["criteria"].append({**reach, "weight": 30})
    data = diff_of(tmp_path, criteria)
    assert inputs(data) == [("criteria.reach.weight", 1, 30), ("criteria.reach.parent", "quality", None)]


def test_frame_changes(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    criteria["finance"]["budget"] = 900
    criteria["title"] = "Renamed"
    criteria["gates"].append({"id": "safe", "name": "Safe"})
    options = {k: ({**v, "gates": {"legal": True, "safe": True}} if k != "gone" else v) for k, v in OPTIONS.items()}
    data = diff_of(tmp_path, criteria, options)
    got = inputs(data)
    assert ("title", "Scenario test", "Renamed") in got
    assert ("finance.budget", 1000, 900) in got
    assert ("gates.safe", None, {"name": "Safe"}) in got
    assert ("options.a.gates.safe", None, True) in got
    # c (annual 1000) is now over the 900 budget: unranked.
    c = next(o for o in data["options"] if o["id"] == "c")
    assert (c["new_rank"], c["new_failed_gates"]) == (None, ["within_budget"])


def test_reordering_advantages_and_risks_is_not_a_change(tmp_path: Path) -> None:
    risks = [{"risk": "One", "likelihood": 1, "impact": 2}, {"risk": "Two", "likelihood": 3, "impact": 3}]
    before = changed_options(a={**OPTIONS["a"], "advantages": ["x", "y"], "risks": risks})
    after = changed_options(a={**OPTIONS["a"], "advantages": ["y", "x"], "risks": risks[::-1]})
    old, new = build(tmp_path / "old", options=before), build(tmp_path / "new", options=after)
    assert compare(Side("o", score(load(old))), Side("n", score(load(new)))).inputs == ()
    edited = build(tmp_path / "edited", options=changed_options(a={**OPTIONS["a"], "advantages": ["x", "z"]}))
    changes = compare(Side("o", score(load(old))), Side("n", score(load(edited)))).inputs
    assert [(c.path, c.old, c.new) for c in changes] == [  # in the file's line order
        ("options.a.risks", risks, []), ("options.a.advantages", ["x", "y"], ["x", "z"])]
    assert [c.line for c in changes] == sorted(c.line for c in changes)


# --- through the command line -----------------------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"] = 20
    criteria["criteria"][1]["weight"] = 80
    return build(tmp_path / "old"), build(tmp_path / "new", criteria)


def test_json_follows_contract_section_8(pair: tuple[Path, Path]) -> None:
    old, new = pair
    run = run_appraise("diff", old, new, "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert list(data) == ["old", "new", "preferred_changed", "ranking_changed", "options", "inputs"]
    assert data["old"]["label"] == str(old) and data["new"]["label"] == str(new)
    assert (data["old"]["preferred"], data["new"]["preferred"]) == ("a", "b")
    assert data["preferred_changed"] is True and data["ranking_changed"] is True
    assert data["inputs"][0] == {"file": f"{new}/criteria.yaml", "line": 8, "path": "criteria.cost.weight",
                                 "old": 40, "new": 20, "old_share": 0.4, "new_share": 0.2}
    again = run_appraise("diff", old, new, "--format", "json")
    assert again.out == run.out  # same inputs, same bytes


@pytest.mark.parametrize(("fail_on", "code"), [("none", 0), ("preferred", 1), ("rank", 1)])
def test_fail_on_exits_1_after_writing_the_output(pair: tuple[Path, Path], tmp_path: Path, fail_on: str,
                                                  code: int) -> None:
    old, new = pair
    out = tmp_path / "diff.md"
    run = run_appraise("diff", old, new, "--format", "markdown", "--fail-on", fail_on, "--output", out)
    assert run.code == code
    assert out.read_text(encoding="utf-8").startswith("### appraise diff: Scenario test\n")
    assert run.err == ("" if code == 0 else {"preferred": "appraise: the preferred option changes (--fail-on "
                                             "preferred)\n",
                                               "rank": "appraise: the ranking changes (--fail-on rank)\n"}[fail_on])


def test_fail_on_rank_passes_when_only_totals_move(tmp_path: Path) -> None:
    # c's staff 3 -> 4: c 37.5 + 60 * 0.25 / 2 = 45, still third.
    c = copy.deepcopy(OPTIONS["c"])
    c["scores"]["staff"]["score"] = 4
    old, new = build(tmp_path / "old"), build(tmp_path / "new", options=changed_options(c=c))
    run = run_appraise("diff", old, new, "--fail-on", "rank", "--format", "json")
    assert run.code == 0, run.err
    c_entry = next(o for o in json.loads(run.out)["options"] if o["id"] == "c")
    assert c_entry["new_total"] == pytest.approx(45) and c_entry["changed"] is True
    assert run_appraise("diff", old, new, "--fail-on", "preferred").code == 0


def test_markdown_comment(pair: tuple[Path, Path]) -> None:
    run = run_appraise("diff", "old", "new", "--format", "markdown", cwd=pair[0].parent)
    assert run.code == 0, run.err
    assert run.out == """\
### appraise diff: Scenario test

**The preferred option changes from Option A (a) to Option B (b).**

Old: `old`, new: `new`. 3 options change rank, total or status; 2 inputs change.

| Option | Rank | Total | Change |
|---|---|---:|---:|
| Option B (b) | 2 → 1 | 65.00 → 70.00 | +5.00 |
| Option A (a) | 1 → 2 | 70.00 → 60.00 | -10.00 |
| Option C (c) | 3 | 37.50 → 50.00 | +12.50 |

<details>
<summary>2 changed inputs</summary>

| File | Input | Change | Old | New |
|---|---|---|---|---|
| new/criteria.yaml:8 | weight of criterion Cost | changed | 40 (40.0%) | 20 (20.0%) |
| new/criteria.yaml:13 | weight of criterion Quality | changed | 60 (60.0%) | 80 (80.0%) |

</details>
"""


def test_markdown_escapes_user_text(tmp_path: Path) -> None:
    a = {**OPTIONS["a"], "name": "A | <script>alert(1)</script> *bold*"}
    old, new = build(tmp_path / "old"), build(tmp_path / "new", options=changed_options(a=a))
    run = run_appraise("diff", old, new, "--format", "markdown")
    assert run.code == 0, run.err
    assert "<script>" not in run.out and "A \\| &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\*" in run.out


def test_markdown_stays_under_the_comment_limit(tmp_path: Path) -> None:
    # 200 options whose long rationales all change: far more than 65,536 characters of rows.
    many_old = {f"o{i:03d}": {**copy.deepcopy(OPTIONS["a"]), "name": f"Option {i}"} for i in range(200)}
    many_new = copy.deepcopy(many_old)
    for i, data in enumerate(many_new.values()):
        data["scores"]["staff"] = {"score": i % 5, "rationale": "Because " + "very " * 100 + "good."}
    old, new = build(tmp_path / "old", options=many_old), build(tmp_path / "new", options=many_new)
    diff = compare(Side("old", score(load(old))), Side("new", score(load(new))))
    text = to_markdown(diff)
    assert len(text) <= COMMENT_LIMIT - 1000
    assert "more changed inputs (a pull-request comment holds at most 65,536 characters)" in text
    assert text.rstrip().endswith("lists them all._") and "</details>" in text
    small = to_markdown(diff, limit=3000)
    assert len(small) <= 3000 and "more changed options and " in small
    shown = len(re.findall(r"^\| Option \d+ ", small, re.MULTILINE))
    assert f"_Not shown: {len([o for o in diff.options if o.changed]) - shown} more changed options" in small


def test_table_format(pair: tuple[Path, Path]) -> None:
    old, new = pair
    run = run_appraise("diff", old, new)
    assert run.code == 0, run.err
    assert "The preferred option changes from Option A (a) to Option B (b)." in run.out
    assert "weight of criterion Cost" in run.out and "65.00 → 70.00" in run.out
    assert "criteria.cost.weight" not in run.out  # the dotted path is for the JSON


def test_scenario_form(tmp_path: Path) -> None:
    folder = build(tmp_path / "a")
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "cheap-b.yaml").write_text("name: Cheaper B\ncosts:\n  b: {annual: 600}\n")
    run = run_appraise("diff", "--scenario", "scenarios/cheap-b.yaml", "--format", "json", cwd=folder)
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["new"] == {"label": "scenarios/cheap-b.yaml", "preferred": "b", "title": "Scenario test",
                           "scenario": "Cheaper B", "commit": None}
    assert data["old"]["label"] == "." and data["old"]["scenario"] is None
    # b 800 -> 600: b 85 overtakes a 70 (test_scenario.py).
    assert data["inputs"] == [{"file": "scenarios/cheap-b.yaml", "line": 3, "path": "options.b.costs.annual",
                               "old": 800, "new": 600}]
    from_options = run_appraise("diff", "options", "--scenario", "scenarios/cheap-b.yaml", "-f", "json", cwd=folder)
    assert json.loads(from_options.out)["inputs"] == data["inputs"]


@pytest.mark.parametrize("args", [
    ["only-one"],
    ["a", "b", "c"],
    ["--against", "HEAD", "--scenario", "x.yaml"],
    ["--against", "HEAD", "a", "b"],
    ["a", "b", "--criteria", "c.yaml"],
    ["a", "b", "--format", "csv"],
    ["a", "b", "--fail-on", "total"],
])
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    run = run_appraise("diff", *args, cwd=tmp_path)
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err and run.err


def test_bad_input_on_either_side_is_located_and_writes_nothing(tmp_path: Path) -> None:
    old, new = build(tmp_path / "old"), build(tmp_path / "new")
    (new / "options" / "b.yaml").write_text("name: B\nscores: {staff: 9}\n")
    out = tmp_path / "diff.json"
    run = run_appraise("diff", old, new, "--format", "json", "--output", out)
    assert run.code == 2 and not out.exists() and run.out == ""
    assert f"{new}/options/b.yaml:2:17: error: score 9 for 'staff' is outside the scale 0 to 4" in run.err


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_same_bytes_under_different_hash_seeds(pair: tuple[Path, Path], fmt: str) -> None:
    old, new = pair
    outs = {spawn_appraise("diff", old, new, "--format", fmt, env={"PYTHONHASHSEED": seed}).out for seed in ("1", "2")}
    assert len(outs) == 1


# --- words in the human formats ----------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "shown"), [
    (50.0, 50.0, "no change"), (50.0, 50.0 + 1e-12, "no change"), (50.0, 50.004, "under +0.01"),
    (50.0, 49.996, "under -0.01"), (50.0, 52.5, "+2.50"), (50.0, 40.0, "-10.00"),
])
def test_a_total_that_does_not_move_says_so(old: float, new: float, shown: str) -> None:
    change = OptionChange("a", "Option A", 1, 2, old, new, "ranked", "ranked", (), ())
    assert option_cells(change)[3] == shown


def test_changed_inputs_are_described_in_words(tmp_path: Path) -> None:
    a = copy.deepcopy(OPTIONS["a"])
    a["scores"]["staff"] = {"score": 2, "rationale": "Better staff plan."}
    a["costs"]["annual"] = 650
    old, new = build(tmp_path / "old"), build(tmp_path / "new", options=changed_options(a=a))
    diff = compare(Side("old", score(load(old))), Side("new", score(load(new))))
    described = {i.path: describe(diff, i) for i in diff.inputs}
    assert described == {
        "options.a.costs.annual": "Option A: annual cost",
        "options.a.scores.staff.score": "Option A: score on Staff",
        "options.a.scores.staff.rationale": "Option A: score on Staff (reason)",
    }
    assert "options.a." not in to_markdown(diff)


def test_money_in_the_inputs_carries_the_currency() -> None:
    """``diff`` showed a cost as 1,640,000 (issue 31): the human formats say £, the JSON keeps the number."""
    from conftest import REPO, run_appraise

    scenario = REPO / "scenarios" / "in-house-cost-rise.yaml"
    for shown in ("table", "markdown"):
        out = run_appraise("diff", "--scenario", scenario, REPO, "-f", shown).out
        assert "£1,640,000" in out and "£1,804,000" in out, out
    data = run_appraise("diff", "--scenario", scenario, REPO, "-f", "json").out
    assert '"old": 1640000' in data and "£" not in data
    weights = run_appraise("diff", "--scenario", REPO / "scenarios" / "finance-led.yaml", REPO).out
    assert "£" not in weights  # a weight is no sum of money


def test_a_figure_with_pence_keeps_them() -> None:
    from appraisal.text import money

    assert money(1640000.5, exact=True) == "£1,640,000.5"
    assert money(1640000.0, exact=True) == money(1640000.5) == "£1,640,000"

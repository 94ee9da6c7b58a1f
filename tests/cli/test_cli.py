"""The command line (run in this process as the console script runs it; a few runs through the
script itself): formats, output files, PATH forms, validate's warnings, schemas and init
(README.md, docs/file-formats.md)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, make_appraisal, run_appraise, spawn_appraise

from appraisal import __version__

# A small folder whose results are worked out by hand:
#   quality (weight 3, 0..5) and cost (weight 1, relative, lower) -> global 0.75 and 0.25.
#   good:  quality 4 -> 0.8;  cost 100 (best) -> 1     total 100*(0.75*0.8 + 0.25*1)   = 85
#   fair:  quality 3 -> 0.6;  cost 200 -> 100/200=0.5  total 100*(0.75*0.6 + 0.25*0.5) = 57.5
#   risky: quality 5 -> 1;    cost 100 -> 1, fails 'legal', total 100 but unranked
#   dropped: discounted, with a reason
SMALL_CRITERIA = {
    "title": "Small | appraisal",
    "criteria": [
        {"id": "quality", "name": "Quality", "weight": 3},
        {"id": "cost", "name": "Cost", "weight": 1, "measure": "annual_cost", "direction": "lower",
         "value_function": "relative"},
    ],
    "gates": [{"id": "legal", "name": "Lawful"}],
}
SMALL_OPTIONS: dict[str, dict[str, Any]] = {
    "good": {"name": "Good option", "baseline": True, "costs": {"annual": 100},
             "scores": {"quality": {"score": 4, "rationale": "r"}}, "gates": {"legal": True}},
    "fair": {"name": "Fair option", "costs": {"annual": 200},
             "scores": {"quality": {"score": 3, "rationale": "r"}}, "gates": {"legal": True}},
    "risky": {"name": "Risky option", "costs": {"annual": 100},
              "scores": {"quality": {"score": 5, "rationale": "r"}}, "gates": {"legal": False}},
    "dropped": {"name": "Dropped option", "status": "discounted", "reason": "Not lawful, see para 2."},
}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return make_appraisal(tmp_path / "small", SMALL_CRITERIA, SMALL_OPTIONS)


def ok(*args: Any, cwd: Path | None = None) -> str:
    run = run_appraise(*args, cwd=cwd)
    assert run.code == 0, run.err
    return run.out


# --- top level -----------------------------------------------------------------------------


def test_version() -> None:
    run = spawn_appraise("--version")  # the console script itself
    assert (run.code, run.out, run.err) == (0, f"appraise {__version__}\n", "")


def test_help_lists_every_contract_command() -> None:
    run = run_appraise("--help")
    assert run.code == 0 and run.err == ""
    assert "Usage: appraise" in run.out
    for command in ("score", "validate", "schema", "init"):
        assert f"\n  {command} " in run.out, command
    for command in ("score", "validate", "schema", "init"):
        sub = run_appraise(command, "--help")
        assert sub.code == 0 and f"Usage: appraise {command}" in sub.out


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (("score", "--format", "xml"), ("schema", "bogus"), ("no-such-command",),
                 ("score", tmp_path / "missing")):
        run = run_appraise(*args, cwd=REPO)
        assert run.code == 2, args
        assert "Traceback" not in run.err and run.out == ""
    assert "no such folder" in run_appraise("score", tmp_path / "missing").err


# --- score: every format -------------------------------------------------------------------


def test_score_json_hand_computed(small: Path) -> None:
    data = json.loads(ok("score", small, "--format", "json"))
    assert [(o["id"], o["rank"], o["eligible"], o["failed_gates"]) for o in data["options"]] == [
        ("good", 1, True, []), ("fair", 2, True, []), ("risky", None, False, ["legal"])]
    assert [o["total"] for o in data["options"]] == pytest.approx([85, 57.5, 100])
    assert data["preferred"] == "good"
    assert data["discounted"] == [{"id": "dropped", "name": "Dropped option", "reason": "Not lawful, see para 2."}]


def test_score_csv_hand_computed(small: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok("score", small, "--format", "csv").removeprefix("\ufeff"))))
    assert [r["id"] for r in rows] == ["good", "fair", "risky", "dropped"]
    assert [r["rank"] for r in rows] == ["1", "2", "", ""]
    assert [r["status"] for r in rows] == ["shortlisted", "shortlisted", "shortlisted", "discounted"]
    assert [float(r["total"]) for r in rows[:3]] == pytest.approx([85, 57.5, 100])
    assert rows[3]["reason"] == "Not lawful, see para 2." and rows[3]["total"] == ""
    assert rows[2]["failed_gates"] == "legal"
    # per leaf: score, value, contribution (fair: quality 3 -> 0.6 -> 45; cost 0.5 -> 12.5)
    assert float(rows[1]["quality.score"]) == 3
    assert float(rows[1]["quality.value"]) == pytest.approx(0.6)
    assert float(rows[1]["quality.contribution"]) == pytest.approx(45)
    assert rows[1]["cost.score"] == "" and float(rows[1]["cost.contribution"]) == pytest.approx(12.5)


def test_score_markdown_hand_computed(small: Path) -> None:
    out = ok("score", small, "--format", "markdown")
    lines = out.splitlines()
    assert lines[0] == r"# Small \| appraisal"  # user text is escaped for Markdown
    table = [line for line in lines if line.startswith("| ")]
    assert table[0].startswith("| Rank | Option | Total |")
    # rows in rank order, unranked last; totals to two decimals; contributions 60 + 25 = 85
    assert table[1].startswith(r"| 1 | Good option (good) \[baseline\] | 85.00 | 60.00 | 25.00 |")
    # fair is worse than good on both criteria, so it is marked as dominated
    assert table[2].startswith(r"| 2 | Fair option (fair) \[dominated by good\] | 57.50 | 45.00 | 12.50 |")
    assert table[3].startswith("| - | Risky option (risky) | 100.00 |") and "failed: Lawful" in table[3]
    assert "- Dropped option (dropped): Not lawful, see para 2." in lines


def test_score_table_hand_computed(small: Path) -> None:
    out = ok("score", small)  # the default format; stdout is a pipe here, not a terminal
    assert out.startswith("Small | appraisal")
    assert "\x1b[" not in out  # no colour codes when not writing to a terminal
    positions = [out.index(name) for name in ("Good option", "Fair option", "Risky option")]
    assert positions == sorted(positions)
    assert "(good)" not in out.split("Preferred")[0]  # the table names options, without their ids
    for number in ("85.00", "57.50", "100.00"):
        assert number in out
    assert "Preferred: Good option (good)" in out
    assert "Dropped option: Not lawful, see para 2." in out


def test_every_format_of_the_reference_example_exits_0() -> None:
    for fmt in ("table", "json", "csv", "markdown"):
        out = ok("score", "options/", "--format", fmt, cwd=REPO)
        assert "in-house" in out, fmt


# --- score: the JSON contract (section 6) ---------------------------------------------------


def check_contract(data: dict[str, Any]) -> None:
    """Every rule of the score JSON (README.md), checked without trusting the engine's own numbers."""
    assert {"title", "scenario", "criteria", "options", "discounted", "preferred"} <= set(data)
    assert isinstance(data["title"], str)
    assert data["scenario"] is None or isinstance(data["scenario"], str)
    ids = [c["id"] for c in data["criteria"]]
    for c in data["criteria"]:
        assert {"id", "name", "parent", "weight"} <= set(c)
        assert isinstance(c["id"], str) and isinstance(c["name"], str)
        assert c["parent"] is None or c["parent"] in ids
        assert isinstance(c["weight"], float) and 0 < c["weight"] <= 1
    parents = {c["parent"] for c in data["criteria"]}
    leaves = [c for c in data["criteria"] if c["id"] not in parents]
    assert sum(c["weight"] for c in leaves) == pytest.approx(1.0, abs=1e-12)
    for c in data["criteria"]:  # a parent's global weight is the sum of its children's
        children = [k["weight"] for k in data["criteria"] if k["parent"] == c["id"]]
        if children:
            assert sum(children) == pytest.approx(c["weight"], abs=1e-12)
    ranked_done = False
    previous: tuple[int, float] | None = None
    for o in data["options"]:
        assert {"id", "name", "rank", "total", "eligible", "failed_gates", "criteria"} <= set(o)
        assert isinstance(o["id"], str) and isinstance(o["name"], str)
        assert isinstance(o["total"], float) and 0 <= o["total"] <= 100
        assert isinstance(o["eligible"], bool) and isinstance(o["failed_gates"], list)
        assert o["eligible"] == (o["failed_gates"] == []) == (o["rank"] is not None)
        assert set(o["criteria"]) == set(ids)
        for cell in o["criteria"].values():
            assert set(cell) >= {"score", "value", "contribution"}
            assert cell["score"] is None or isinstance(cell["score"], (int, float))
            assert 0 <= cell["value"] <= 1
        top = sum(o["criteria"][c["id"]]["contribution"] for c in data["criteria"] if c["parent"] is None)
        assert top == pytest.approx(o["total"], abs=1e-9)
        if o["rank"] is None:
            ranked_done = True
            continue
        assert not ranked_done, "a ranked option after an unranked one"
        assert isinstance(o["rank"], int)
        if previous is not None:
            assert o["rank"] >= previous[0] and o["total"] <= previous[1] + 1e-9
        previous = (o["rank"], o["total"])
    for d in data["discounted"]:
        assert set(d) >= {"id", "name", "reason"} and d["reason"]
    firsts = [o["id"] for o in data["options"] if o["rank"] == 1]
    assert data["preferred"] == (firsts[0] if len(firsts) == 1 else None)


def test_reference_json_follows_contract_section_6() -> None:
    data = json.loads(ok("score", "options/", "--format", "json", cwd=REPO))
    check_contract(data)
    assert data["title"] == "Children's Centre services commissioning options"
    assert data["scenario"] is None
    assert [d["id"] for d in data["discounted"]] == ["integrated-0-19", "partnership"]
    assert sorted(o["id"] for o in data["options"]) == [
        "in-house", "mixed-economy", "tender-one", "tender-two", "ycyw"]
    top = {c["id"]: c["weight"] for c in data["criteria"] if c["parent"] is None}
    # criteria.yaml: 30, 25, 15, 10, 10, 10 of 100
    assert top == pytest.approx({"financial": 0.30, "benefits": 0.25, "users": 0.15, "providers": 0.10,
                                 "council_risk": 0.10, "social_value": 0.10})
    # the eight objectives share benefits' 25% equally: 0.03125 each
    assert [c["weight"] for c in data["criteria"] if c["parent"] == "benefits"] == pytest.approx([0.03125] * 8)


def test_json_with_a_scenario_and_unranked_options_follows_the_contract(reference_copy: Path) -> None:
    scenario = reference_copy / "tight.yaml"
    scenario.write_text("name: Tight budget\nfinance: {budget: 1650000}\n", encoding="utf-8")
    data = json.loads(ok("score", reference_copy, "--scenario", scenario, "--format", "json"))
    check_contract(data)
    assert data["scenario"] == "Tight budget"
    # annual costs: mixed-economy 1,690,000 and tender-two 1,665,000 exceed 1,650,000; ycyw's
    # 1,650,000 does not.
    unranked = [o["id"] for o in data["options"] if o["rank"] is None]
    assert sorted(unranked) == ["mixed-economy", "tender-two"]
    assert all(o["failed_gates"] == ["within_budget"] for o in data["options"] if o["id"] in unranked)


# --- --output ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_output_writes_the_file_and_nothing_on_stdout(small: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / ("out." + {"table": "txt", "markdown": "md"}.get(fmt, fmt))
    run = run_appraise("score", small, "--format", fmt, "--output", target)
    assert (run.code, run.out) == (0, "")
    assert run.err == f"{small / 'criteria.yaml'}:2:1: warning: " + (  # the folder's weights are 3 and 1
        "the top-level weights add up to 4, not 100; they are used as proportions: quality 3 counts as 75.0%, "
        "cost 1 counts as 25.0%\n")
    assert target.read_text(encoding="utf-8") == ok("score", small, "--format", fmt)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_output_into_a_missing_folder_is_exit_2(small: Path, tmp_path: Path) -> None:
    run = run_appraise("score", small, "--output", tmp_path / "nope" / "out.json")
    assert run.code == 2 and "does not exist" in run.err and "Traceback" not in run.err


# --- PATH forms ----------------------------------------------------------------------------


def test_path_forms_give_the_same_result(reference_copy: Path) -> None:
    expected = ok("score", reference_copy, "--format", "json")
    assert ok("score", reference_copy / "options", "--format", "json") == expected
    assert ok("score", "--format", "json", cwd=reference_copy) == expected            # no PATH: .
    assert ok("score", ".", "--format", "json", cwd=reference_copy) == expected
    assert ok("score", "options/", "--format", "json", cwd=reference_copy) == expected
    assert ok("score", "--format", "json", cwd=reference_copy / "options") == expected  # . is options/
    # --criteria FILE overrides: move the criteria file away from the folder
    shutil.move(reference_copy / "criteria.yaml", reference_copy / "frame.yaml")
    frame = reference_copy / "frame.yaml"
    assert ok("score", reference_copy, "--criteria", frame, "--format", "json") == expected
    assert ok("score", reference_copy / "options", "--criteria", frame, "--format", "json") == expected
    run = run_appraise("score", reference_copy)
    assert run.code == 2 and "no criteria file here" in run.err and "--criteria FILE" in run.err


def test_problem_locations_name_files_as_the_path_was_given(reference_copy: Path) -> None:
    bad = reference_copy / "options" / "ycyw.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8")
    from_folder = run_appraise("score", ".", cwd=reference_copy)
    from_options = run_appraise("score", "options/", cwd=reference_copy)
    from_inside = run_appraise("score", cwd=reference_copy / "options")
    for run in (from_folder, from_options, from_inside):
        assert run.code == 2 and "unknown key 'nmae' (did you mean 'name'?)" in run.err
    assert from_folder.err.startswith("options/ycyw.yaml:")
    assert from_options.err.startswith("options/ycyw.yaml:")
    assert from_inside.err.startswith("ycyw.yaml:")


def test_validate_with_criteria_file_and_scenarios(reference_copy: Path) -> None:
    shutil.move(reference_copy / "criteria.yaml", reference_copy / "frame.yaml")
    out = ok("validate", reference_copy, "--criteria", reference_copy / "frame.yaml")
    assert out.startswith("ok: ") and "3 scenarios" in out


# --- validate ------------------------------------------------------------------------------


def test_validate_reference_example() -> None:
    run = spawn_appraise("validate", ".", cwd=REPO)  # end to end, through the console script
    assert run.code == 0, run.err
    assert run.out.startswith("ok: criteria.yaml and 7 options (5 shortlisted), 3 scenarios; ")
    assert " error:" not in run.err


def test_validate_reports_the_three_warnings_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "options").mkdir()
    (folder / "criteria.yaml").write_text(
        "title: Warnings\n"
        "criteria:\n"
        "  - {id: quality, name: Quality, weight: 60}\n"
        "  - {id: speed, name: Speed, weight: 30}\n", encoding="utf-8")
    (folder / "options" / "only.yaml").write_text(
        "name: Only option\n"
        "scores:\n"
        "  quality: {score: 3, rationale: Meets the standard.}\n"
        "  speed: 4\n", encoding="utf-8")
    run = run_appraise("validate", folder)
    assert run.code == 0 and " error:" not in run.err
    criteria, option = folder / "criteria.yaml", folder / "options" / "only.yaml"
    lines = run.err.splitlines()
    # weights 60 + 30 = 90: pointed at the 'criteria' key (line 2)
    assert (f"{criteria}:2:1: warning: the top-level weights add up to 90, not 100; they are used as "
            f"proportions: quality 60 counts as 66.7%, speed 30 counts as 33.3%") in lines
    # the shorthand score has no rationale: pointed at its key (line 4, column 3)
    assert f"{option}:4:3: warning: the score for 'speed' has no rationale: say why it was given" in lines
    assert any(line.startswith(f"{criteria}:1:1: warning: no option is marked 'baseline: true'") for line in lines)
    assert run.out == f"ok: {criteria} and 1 option (1 shortlisted), 0 scenarios; 4 warnings\n"


# --- schema --------------------------------------------------------------------------------


def as_json_data(path: Path) -> Any:
    """A YAML file as an editor's language server sees it: dates are strings, keys are strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


SCHEMA_FILES = {
    "criteria": [REPO / "criteria.yaml", *(REPO / "examples").glob("*/criteria.yaml")],
    "option": [*(REPO / "options").glob("*.yaml"), *(REPO / "examples").glob("*/options/*.yaml")],
    "scenario": [*(REPO / "scenarios").glob("*.yaml")],
}


@pytest.mark.parametrize("kind", ["criteria", "option", "scenario"])
def test_schema_is_valid_json_schema_and_accepts_the_examples(kind: str) -> None:
    schema = json.loads(ok("schema", kind))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"urn:appraise:schema:{kind}:v1"
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(SCHEMA_FILES[kind])
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(as_json_data(path))]
        assert errors == [], path


def test_schema_rejects_broken_files() -> None:
    validators = {k: jsonschema.Draft202012Validator(json.loads(ok("schema", k))) for k in SCHEMA_FILES}
    option = as_json_data(REPO / "options" / "in-house.yaml")
    assert validators["option"].is_valid(option)
    assert not validators["option"].is_valid({**option, "baselin": True})          # unknown key
    assert not validators["option"].is_valid({k: v for k, v in option.items() if k != "name"})  # required
    assert not validators["option"].is_valid({**option, "status": "maybe"})
    criteria = as_json_data(REPO / "criteria.yaml")
    broken = json.loads(json.dumps(criteria))
    broken["criteria"][0]["weight"] = "30"                                           # a string, not a number
    assert not validators["criteria"].is_valid(broken)
    assert not validators["scenario"].is_valid({"name": "x", "weights": {"financial": -1}})


def test_schema_default_kind_is_criteria() -> None:
    assert ok("schema") == ok("schema", "criteria")


# --- init ----------------------------------------------------------------------------------


def test_init_creates_a_folder_that_validates_and_scores(tmp_path: Path) -> None:
    target = tmp_path / "new"
    out = ok("init", target)
    assert str(target) in out
    for name in ("criteria.yaml", "criteria.schema.json", "option.schema.json", "scenario.schema.json"):
        assert (target / name).is_file(), name
    assert sorted(p.name for p in (target / "options").iterdir()) == ["do-nothing.yaml", "new-provider.yaml"]
    run = run_appraise("validate", target)
    assert run.code == 0 and " error:" not in run.err, run.err
    data = json.loads(ok("score", target, "--format", "json"))
    check_contract(data)
    assert len(data["options"]) == 2
    for scenario in (target / "scenarios").glob("*.yaml"):
        check_contract(json.loads(ok("score", target, "--scenario", scenario, "--format", "json")))
    # the schemas init writes are the ones `appraise schema` prints
    assert (target / "option.schema.json").read_text(encoding="utf-8") == ok("schema", "option")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine", encoding="utf-8")
    run = run_appraise("init", tmp_path / "full")
    assert run.code == 2 and "already exists and is not an empty folder" in run.err
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["keep.txt"]

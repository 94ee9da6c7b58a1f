"""While a file cannot be read, nothing is said about the set of files as a whole (issue 23).

"No option is marked baseline" when the baseline is in the broken file, "no do-minimum",
"no option 'x'" for an assessor's score of the option whose file is broken, "the panel's
scores were far apart" when an assessor's file is broken: each would send the officer after
a problem that is not there. The mechanism is tested as a property: breaking any one file of
a real appraisal adds no problem anywhere else.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, make_appraisal, run_appraise

from appraisal.errors import InputError, Problem
from appraisal.load.folder import load_with_warnings

CRITERIA = {"title": "T", "criteria": [{"id": "q", "name": "Q", "weight": 100}],
            "panel": {"agreement": "moderated"}}
GOOD = {"name": "Good", "scores": {"q": {"score": 3, "rationale": "Fair."}}}
BROKEN = "name: Broken\nscores: [\n"  # a YAML syntax error


def _options(**roles: dict[str, object]) -> dict[str, dict[str, object]]:
    return {"a": {**GOOD, **roles.get("a", {})}, "b": {**GOOD, **roles.get("b", {})}}


def _assessor(folder: Path, who: str, scores: str) -> None:
    """``assessments/<who>.yaml`` scoring as ``scores`` says (YAML, one option a line)."""
    lines = "".join(f"  {line}\n" for line in scores.split("; "))
    (folder / "assessments" / f"{who}.yaml").write_text(
        f"name: {who}\ninterests: None declared\nscores:\n{lines}", encoding="utf-8")


def _validate(folder: Path) -> tuple[int, list[str]]:
    run = run_appraise("validate", folder)
    return run.code, run.err.splitlines()


@pytest.mark.parametrize(("marked", "said"), [
    ({"baseline": True}, "no option is marked 'baseline: true'"),
    ({"role": "do_minimum"}, "no shortlisted option has 'role: do_minimum'"),
])
def test_a_role_held_by_the_broken_file_is_not_said_to_be_missing(tmp_path: Path, marked: dict[str, object],
                                                                   said: str) -> None:
    folder = make_appraisal(tmp_path / "a", CRITERIA, _options(a=marked))
    (folder / "options" / "a.yaml").write_text(BROKEN, encoding="utf-8")
    code, lines = _validate(folder)
    assert code == 2
    assert [line for line in lines if said in line] == []
    assert all("/options/a.yaml:" in line for line in lines), lines


@pytest.mark.parametrize(("marked", "said"), [
    ({"baseline": True}, "no option is marked 'baseline: true'"),
    ({"role": "do_minimum"}, "no shortlisted option has 'role: do_minimum'"),
])
def test_control_with_every_file_read_a_missing_role_is_still_said(tmp_path: Path, marked: dict[str, object],
                                                                     said: str) -> None:
    folder = make_appraisal(tmp_path / "a", CRITERIA, _options())
    code, lines = _validate(folder)
    assert code == 0
    assert [line for line in lines if said in line] != []


def test_an_assessors_score_of_the_broken_option_is_not_an_unknown_option(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", CRITERIA, _options(a={"baseline": True}))
    (folder / "assessments").mkdir()
    _assessor(folder, "jo", "a: {q: 3}; b: {q: 3}")
    (folder / "options" / "b.yaml").write_text(BROKEN, encoding="utf-8")
    code, lines = _validate(folder)
    assert code == 2
    assert [line for line in lines if "no option 'b'" in line] == []
    assert all("/options/b.yaml:" in line for line in lines), lines


def test_control_an_assessors_score_of_an_option_with_no_file_is_an_error(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", CRITERIA, _options(a={"baseline": True}))
    (folder / "assessments").mkdir()
    _assessor(folder, "jo", "c: {q: 3}")
    code, lines = _validate(folder)
    assert code == 2 and any("no option 'c'" in line for line in lines)


def test_the_panels_spread_is_not_judged_without_every_assessor(tmp_path: Path) -> None:
    """Two assessors 1 and 5, agreed 3 with no moderation note: a warning, but not while a third
    assessor's file is broken (their score may close the gap, or the note be needed for them)."""
    options = _options(a={"baseline": True, "scores": {"q": {"score": 3, "rationale": "Agreed."}}})
    folder = make_appraisal(tmp_path / "a", CRITERIA, options)
    (folder / "assessments").mkdir()
    _assessor(folder, "jo", "a: {q: 1}")
    _assessor(folder, "sam", "a: {q: 5}")
    code, lines = _validate(folder)
    assert code == 0 and any("far apart" in line for line in lines), lines
    (folder / "assessments" / "kim.yaml").write_text(BROKEN, encoding="utf-8")
    code, lines = _validate(folder)
    assert code == 2
    assert all("/assessments/kim.yaml:" in line for line in lines), lines


def _problems(folder: Path) -> set[Problem]:
    try:
        return set(load_with_warnings(folder)[1])
    except InputError as exc:
        return set(exc.problems)


FOLDERS = [REPO, *(p.parent for p in sorted((REPO / "examples").glob("*/assessments")))]


@pytest.mark.parametrize("source", FOLDERS, ids=lambda p: "reference" if p == REPO else p.name)
def test_breaking_any_one_file_adds_no_problem_in_any_other_file(source: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The property: for each option or assessor's file in turn, a syntax error in it leaves every
    other file's problems as they were, or fewer (roll-ups withheld), never more."""
    folder = tmp_path / "a"
    folder.mkdir()
    for part in ("criteria.yaml", "options", "assessments"):
        if (source / part).is_dir():
            shutil.copytree(source / part, folder / part)
        elif (source / part).exists():
            shutil.copy(source / part, folder / part)
    monkeypatch.chdir(folder)
    before = _problems(Path("."))
    files = sorted([*Path("options").glob("*.yaml"), *Path("assessments").glob("*.yaml")])
    assert files
    for file in files:
        text = file.read_text(encoding="utf-8")
        file.write_text(BROKEN, encoding="utf-8")
        try:
            after = _problems(Path("."))
        finally:
            file.write_text(text, encoding="utf-8")
        elsewhere = {p for p in after if Path(p.file) != file}
        assert elsewhere - before == set(), f"breaking {file} added: {sorted(elsewhere - before)}"
        assert any(Path(p.file) == file and p.severity == "error" for p in after)


def test_a_role_in_a_notepad_named_file_is_not_said_to_be_missing(tmp_path: Path) -> None:
    """The baseline and do-minimum saved by Notepad as b.yaml.txt: the one error says so; nothing
    says the appraisal has neither."""
    folder = make_appraisal(tmp_path / "a", CRITERIA, _options())
    marked = (folder / "options" / "b.yaml").read_text(encoding="utf-8") + "baseline: true\nrole: do_minimum\n"
    (folder / "options" / "b.yaml").unlink()
    (folder / "options" / "b.yaml.txt").write_text(marked, encoding="utf-8")
    code, lines = _validate(folder)
    assert code == 2
    assert len(lines) == 1 and "/options/b.yaml.txt:1:1: error: this file is named 'b.yaml.txt'" in lines[0], lines


def test_a_broken_criteria_file_gives_no_weights_warning(tmp_path: Path) -> None:
    criteria = {**CRITERIA, "criteria": [{"id": "q", "name": "Q", "weight": 30}, {"id": "r", "name": "R",
                                                                                  "weight": 50, "wieght": 1}]}
    folder = make_appraisal(tmp_path / "a", criteria, _options())
    for command in ("validate", "score"):
        run = run_appraise(command, folder)
        assert run.code == 2
        assert "add up to" not in run.err and "wieght" in run.err

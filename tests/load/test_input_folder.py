"""What the loader makes of an appraisal folder as a whole (issue 12): an options folder with
no option files is refused by every command, files it does not read are named in a warning,
and two options with one id are reported at the ``id:`` that repeats it, naming both files.

Runs are in process from inside the folder, so file names read as a user types them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_appraise
from helpers import BETA, write_folder


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid base folder of test_bad_input, as the current directory."""
    root = write_folder(tmp_path / "a", {})
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("command", ["score", "validate", "report", "sensitivity", "vfm"])
def test_an_options_folder_without_option_files_is_refused_by_every_command(folder: Path, command: str) -> None:
    for name in ("alpha.yaml", "beta.yaml"):
        (folder / "options" / name).unlink()
    (folder / "options" / ".gitkeep").touch()
    out = "out.md" if command == "report" else "out.txt"
    run = run_appraise(command, ".", *(["--output", out] if command != "validate" else []))
    assert (run.code, run.out) == (2, ""), run.err
    assert run.err == ("options: no option files here: each option is a YAML file in this folder, with a name "
                       "ending in .yaml\n")
    assert not (folder / out).exists()


def test_the_refusal_names_the_files_that_look_like_options_but_are_not_read(folder: Path) -> None:
    (folder / "options" / "alpha.yaml").rename(folder / "options" / "alpha - Copy.yaml.bak")
    (folder / "options" / "beta.yaml").rename(folder / "options" / "beta - Copy.yml.bak")
    run = run_appraise("score", ".")
    assert run.code == 2
    assert run.err == ("options: no option files here: each option is a YAML file in this folder, with a name "
                       "ending in .yaml (alpha - Copy.yaml.bak and beta - Copy.yml.bak are not read, as the name "
                       "does not end in .yaml or .yml)\n")


def test_options_notepad_misnamed_are_an_error_at_each_file_not_no_options(folder: Path) -> None:
    (folder / "options" / "alpha.yaml").rename(folder / "options" / "alpha.yaml.txt")
    (folder / "options" / "beta.yaml").rename(folder / "options" / "beta.yml.TXT")
    run = run_appraise("score", ".")
    assert (run.code, run.out) == (2, "")
    assert [line.split(": error: ")[0] for line in run.err.splitlines()] == [
        "options/alpha.yaml.txt:1:1", "options/beta.yml.TXT:1:1"]
    assert "Rename it to alpha.yaml" in run.err and "Rename it to beta.yml " in run.err


def test_files_that_are_not_read_get_a_warning_each(folder: Path) -> None:
    (folder / "options" / "gamma.yaml.bak").write_text(BETA, encoding="utf-8")
    (folder / "options" / "README.md").write_text("notes\n", encoding="utf-8")
    (folder / "options" / ".DS_Store").write_text("", encoding="utf-8")
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "what-if.yml.bak").write_text("name: What if\n", encoding="utf-8")
    (folder / "assessments").mkdir()
    (folder / "assessments" / "jo.yaml~").write_text("name: Jo\n", encoding="utf-8")
    (folder / "assessments" / ".gitkeep").write_text("", encoding="utf-8")
    run = run_appraise("validate", ".")
    assert run.code == 0, run.err
    warned = [line for line in run.err.splitlines() if "is not read" in line]
    assert warned == [
        ("assessments/jo.yaml~:1:1: warning: this file is not read: only files whose names end in .yaml or .yml "
         "are assessors' files; if it is one, rename it to end in .yaml, and if not, move it out of assessments/"),
        ("options/README.md:1:1: warning: this file is not read: only files whose names end in .yaml or .yml are "
        "options; if it is one, rename it to end in .yaml, and if not, move it out of options/"),
        ("options/gamma.yaml.bak:1:1: warning: this file is not read: only files whose names end in .yaml or .yml "
        "are options; if it is one, rename it to end in .yaml, and if not, move it out of options/"),
        ("scenarios/what-if.yml.bak:1:1: warning: this file is not read: only files whose names end in .yaml or "
        ".yml are scenarios; if it is one, rename it to end in .yaml, and if not, move it out of scenarios/"),
    ]


@pytest.mark.parametrize("command", ["score", "report", "sensitivity", "vfm"])
def test_every_command_says_what_it_did_not_read(folder: Path, command: str) -> None:
    """Not only validate: the officer who runs ``score`` is told of the file left out and of the
    text a comment cut, and still gets the result."""
    (folder / "options" / "gamma - Copy.yml.bak").write_text(BETA, encoding="utf-8")
    beta = folder / "options" / "beta.yaml"
    beta.write_text(BETA.replace("  quality: {score: 3, rationale: Fair.}", (
        "  quality:\n    score: 3\n    rationale: Fair #2 overall")), encoding="utf-8")
    run = run_appraise(command, ".", "--format", "markdown")
    assert run.code == 0, run.err
    assert run.out.startswith(("#", "|")), run.out[:80]
    said = sorted(line.split(": warning: ")[0] for line in run.err.splitlines() if ": warning: " in line)
    assert said == ["options/beta.yaml:6:16", "options/gamma - Copy.yml.bak:1:1"], run.err


def test_a_repeated_id_is_reported_at_the_id_line_that_repeats_it(folder: Path) -> None:
    """aaa.yaml says ``id: beta`` (line 2), which beta.yaml has from its file name: the later
    file has no ``id:``, so the place is aaa.yaml's, and the message names beta.yaml."""
    (folder / "options" / "aaa.yaml").write_text("name: A\nid: beta\n" + BETA.split("\n", 1)[1], encoding="utf-8")
    run = run_appraise("score", ".")
    assert run.code == 2
    assert run.err == ("options/aaa.yaml:2:5: error: option id 'beta' is also the id of options/beta.yaml "
                       "(from its file name): give each option its own id\n")


def test_a_repeated_id_in_the_later_file_names_the_first(folder: Path) -> None:
    (folder / "options" / "gamma.yaml").write_text("name: G\nid: beta\n" + BETA.split("\n", 1)[1], encoding="utf-8")
    run = run_appraise("score", ".")
    assert run.err == ("options/gamma.yaml:2:5: error: option id 'beta' is already used by options/beta.yaml "
                       "(from its file name): give each option its own id\n")


def test_two_files_of_one_name_are_told_to_rename(folder: Path) -> None:
    (folder / "options" / "beta.yml").write_text(BETA, encoding="utf-8")
    run = run_appraise("score", ".")
    assert run.err == ("options/beta.yml:1:1: error: option id 'beta' comes from the file name, and "
                       "options/beta.yaml has the same name: rename one of the files, or give 'id:' in it\n")


def test_a_relative_folder_means_the_current_directory_of_each_run(folder: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``.`` resolved once and remembered made a second folder's files links out of the first."""
    assert run_appraise("validate", ".").code == 0
    monkeypatch.chdir(write_folder(tmp_path / "b", {}))
    run = run_appraise("validate", ".")
    assert run.code == 0, run.err

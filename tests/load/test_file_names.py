"""Which files in options/, scenarios/ and assessments/ are read, by name (appraisal.load.names):
what an officer's tools make of a YAML file's name is decided, never skipped without a word.

Notepad's ``x.yaml.txt`` is an error at the file, on every command and in all three folders
(and in a git revision); another file is a warning; a hidden or system file is passed over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_appraise
from helpers import BETA, GIT_ENV, commit, git, write_folder
from hypothesis import given
from hypothesis import strategies as st

from appraisal.load.names import verdict


@pytest.mark.parametrize(("name", "kind"), [
    ("alpha.yaml", "read"), ("alpha.yml", "read"), ("alpha.YAML", "read"), ("Alpha.Yml", "read"),
    ("alpha.yaml.txt", "error"), ("alpha.yml.txt", "error"), ("alpha.YAML.TXT", "error"), ("alpha.yaml.text", "error"),
    ("alpha.yaml.rtf", "error"), ("alpha.yaml.docx", "error"), ("alpha.yaml.odt", "error"),
    ("alpha.yaml ", "error"), ("alpha.yaml.", "error"), ("alpha.yml  ", "error"), ("alpha.yaml.txt ", "error"),
    ("alpha.yaml .txt", "error"), ("alpha.yaml.txt.", "error"),
    ("~$alpha.yaml", "warning"), ("alpha.yaml.bak", "warning"), ("alpha.yaml~", "warning"),
    ("alpha.yaml.orig", "warning"), ("notes.docx", "warning"), ("alpha.txt", "warning"), ("#alpha.yaml#", "warning"),
    (".gitkeep", "quiet"), (".DS_Store", "quiet"), (".~lock.alpha.yaml#", "quiet"), (".alpha.yaml.swp", "quiet"),
    ("Thumbs.db", "quiet"), ("desktop.ini", "quiet"), ("alpha.yaml:Zone.Identifier", "quiet"),
])
def test_each_name_an_officers_tools_make_is_decided(name: str, kind: str) -> None:
    assert verdict(name, "options", "options").kind == kind


def test_the_notepad_error_says_what_happened_and_how_to_fix_it() -> None:
    said = verdict("in-house.yaml.txt", "options", "options").message
    assert "Notepad" in said and "added .txt" in said
    assert "Rename it to in-house.yaml" in said and "File name extensions" in said


def test_a_word_processors_document_is_told_to_be_saved_as_plain_text() -> None:
    said = verdict("in-house.yaml.docx", "options", "options").message
    assert "plain text" in said and "in-house.yaml" in said


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=30),
       st.sampled_from([".yaml", ".yml", ".YAML", ".Yml"]),
       st.sampled_from([".txt", ".TXT", ".text", ".rtf", ".docx", " ", ".", " .", "  "]))
def test_any_yaml_name_with_an_editors_ending_is_an_error(stem: str, yaml: str, added: str) -> None:
    """The mechanism, not the examples: whatever the stem, a YAML name with what an editor adds
    after it is refused, unless the file is hidden or a lock file (never input)."""
    name = stem + yaml + added
    expected = "quiet" if name.startswith(".") else "warning" if name.startswith("~$") else "error"
    assert verdict(name, "options", "options").kind == expected


@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\0"), min_size=1, max_size=40))
def test_a_name_is_read_exactly_when_it_ends_in_a_yaml_ending(name: str) -> None:
    said = verdict(name, "options", "options")
    yaml = name.lower().endswith((".yaml", ".yml")) and not name.startswith((".", "~$"))
    assert (said.kind == "read") == (yaml and not name.endswith(":Zone.Identifier"))
    assert said.kind in ("read", "quiet") or said.message


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = write_folder(tmp_path / "a", {})
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("where", ["options", "scenarios", "assessments"])
@pytest.mark.parametrize("command", ["score", "validate", "report", "diff"])
def test_a_notepad_name_in_any_folder_stops_every_command(folder: Path, where: str, command: str) -> None:
    (folder / where).mkdir(exist_ok=True)
    (folder / where / "extra.yaml.txt").write_text("name: Extra\n", encoding="utf-8")
    args = ["--scenario", "scenarios/none.yaml"] if command == "diff" else []
    run = run_appraise(command, ".", *args)
    assert (run.code, run.out) == (2, "")
    assert run.err.startswith(f"{where}/extra.yaml.txt:1:1: error: this file is named 'extra.yaml.txt'"), run.err


def test_an_option_named_in_capitals_is_read(folder: Path) -> None:
    (folder / "options" / "gamma.YAML").write_text(BETA.replace("name: Beta", "name: Gamma"), encoding="utf-8")
    run = run_appraise("score", ".", "--format", "json")
    assert run.code == 0, run.err
    assert '"gamma"' in run.out


def test_a_notepad_name_in_a_git_revision_is_an_error_there(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    write_folder(root, {})
    (root / "options" / "gamma.yaml.txt").write_text(BETA, encoding="utf-8")
    commit(root, "with a misnamed option")
    (root / "options" / "gamma.yaml.txt").rename(root / "options" / "gamma.yaml")
    run = run_appraise("diff", "--against", "main", ".", cwd=root, env=GIT_ENV)
    assert run.code == 2
    where, said = run.err.split(":", 1)  # the revision's short commit, then the file in it
    assert said.startswith("options/gamma.yaml.txt:1:1: error: this file is named 'gamma.yaml.txt'"), run.err

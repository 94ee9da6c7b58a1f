"""The output format follows --output's file name, through one table of formats per command.

``-o ranking.csv`` writes CSV without ``--format``; a name whose ending no format of the
command writes, or that contradicts ``--format``, is a usage error (exit 2) that lists what the
command writes, and no file is written. See docs/output.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, run_appraise

# (command and its arguments, the file name, the --format it must equal)
IMPLIED = [
    (["score"], "ranking.csv", "csv"),
    (["score"], "ranking.JSON", "json"),
    (["score"], "ranking.md", "markdown"),
    (["score"], "ranking.markdown", "markdown"),
    (["score"], "ranking.txt", "table"),
    (["vfm"], "vfm.json", "json"),
    (["vfm"], "vfm.md", "markdown"),
    (["sensitivity", "--samples", "20"], "s.json", "json"),
    (["sensitivity", "--samples", "20"], "s.md", "markdown"),
    (["report"], "appendix.htm", "html"),
    (["report"], "appendix.html", "html"),
    (["report"], "appendix.md", "markdown"),
]


@pytest.mark.parametrize(("command", "name", "fmt"), IMPLIED, ids=[f"{c[0]}-{n}" for c, n, _ in IMPLIED])
def test_the_file_name_chooses_the_format(command: list[str], name: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / name
    run = run_appraise(*command, REPO, "--output", out)
    assert (run.code, run.out, run.err) == (0, "", "")
    expected = run_appraise(*command, REPO, "--format", fmt)
    assert out.read_text(encoding="utf-8") == expected.out


PANEL = REPO / "tests" / "data" / "panel-small"


@pytest.mark.parametrize(("name", "fmt"), [("pack.md", "markdown"), ("pack.json", "json"), ("pack.txt", "table")])
def test_the_panel_file_name_chooses_the_format(name: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / name
    run = run_appraise("panel", PANEL, "-o", out)
    assert (run.code, run.out, run.err) == (0, "", "")
    assert out.read_text(encoding="utf-8") == run_appraise("panel", PANEL, "--format", fmt).out


def test_the_panel_refuses_an_ending_it_does_not_write(tmp_path: Path) -> None:
    out = tmp_path / "pack.csv"
    run = run_appraise("panel", PANEL, "-o", out)
    assert run.code == 2 and not out.exists()
    assert run.err == (f"--output {out}: appraise panel does not write .csv files; it writes "
                       "table (.txt), json (.json), markdown (.md or .markdown), html (.html or .htm) and "
                       "docx (.docx)\n")


def test_diff_writes_json_to_a_json_file(tmp_path: Path) -> None:
    out = tmp_path / "changes.json"
    run = run_appraise("diff", REPO, REPO, "-o", out)
    assert run.code == 0
    assert out.read_text(encoding="utf-8") == run_appraise("diff", REPO, REPO, "--format", "json").out


def test_a_name_without_an_ending_needs_a_format(tmp_path: Path) -> None:
    """``report -o appendix`` once wrote Markdown without a word (issue 31): it is refused, naming
    the endings, and written once ``--format`` says which."""
    out = tmp_path / "appendix"
    refused = run_appraise("report", REPO, "-o", out)
    assert (refused.code, out.exists()) == (2, False)
    assert "appendix.md, appendix.html, appendix.docx or appendix.pdf, or give --format" in refused.err
    assert run_appraise("report", REPO, "-o", out, "--format", "html").code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ranking = tmp_path / "ranking"
    assert run_appraise("score", REPO, "-o", ranking, "-f", "table").code == 0
    assert ranking.read_text(encoding="utf-8") == run_appraise("score", REPO).out


def test_a_template_name_still_chooses_the_report_format(tmp_path: Path) -> None:
    template = tmp_path / "mine.html.j2"
    template.write_text('{% extends "appendix.html.j2" %}', encoding="utf-8")
    run = run_appraise("report", REPO, "--template", template)
    assert run.code == 0 and run.out.startswith("<!DOCTYPE html>")


def test_an_ending_no_format_writes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "x.odt"
    run = run_appraise("report", REPO, "-o", out)
    assert run.code == 2 and run.out == ""
    assert run.err == (f"--output {out}: appraise report does not write .odt files; it writes "
                       "markdown (.md or .markdown), html (.html or .htm), docx (.docx) and pdf (.pdf)\n")
    assert not out.exists()


@pytest.mark.parametrize(("name", "given"), [("appendix.docx", "pdf"), ("appendix.pdf", "html"),
                                             ("appendix.md", "docx")])
def test_the_report_formats_word_and_pdf_are_rows_of_the_table(name: str, given: str, tmp_path: Path) -> None:
    out = tmp_path / name
    run = run_appraise("report", REPO, "--format", given, "-o", out)
    implied = {".docx": "docx", ".pdf": "pdf", ".md": "markdown"}[out.suffix]
    assert run.code == 2
    assert f"--output {out} is named as {implied} but --format is {given}" in run.err
    assert not out.exists()


def test_an_ending_that_contradicts_the_format_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "ranking.csv"
    run = run_appraise("score", REPO, "--format", "json", "-o", out)
    assert run.code == 2
    assert run.err == (f"--output {out} is named as csv but --format is json: name the file .json "
                       "or leave out --format\n")
    assert not out.exists()


def test_an_unknown_format_lists_the_formats_of_that_command() -> None:
    run = run_appraise("vfm", REPO, "--format", "csv")
    assert run.code == 2
    assert "'csv' is not a format of appraise vfm; choose table, json or markdown" in run.err


def test_a_yaml_name_keeps_its_own_message(tmp_path: Path) -> None:
    run = run_appraise("score", REPO, "-o", tmp_path / "out.yaml")
    assert run.code == 2 and "appraise writes no YAML" in run.err


def test_schema_of_an_unknown_kind_lists_the_kinds() -> None:
    run = run_appraise("schema", "foo")
    assert run.code == 2
    assert ("'foo' is not a kind of file appraise reads; choose criteria, option, scenario, assessment or "
            "participant") in run.err
    assert "Value error" not in run.err


def test_help_shows_every_command_description_whole() -> None:
    run = run_appraise("--help")
    commands = run.out.split("Commands:")[1]
    assert "..." not in commands
    for name in ("score", "validate", "panel", "scoresheet", "import", "report", "summaries", "diff", "sensitivity",
                 "vfm",
                 "schema", "init"):
        assert f"  {name} " in commands

"""The report lists every file in options/, scenarios/ and assessments/ that was not read, and
why, in every format (issue 23): the committee never sees the officer's terminal warnings."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import run_appraise
from helpers import write_folder

NOT_READ = {
    "options/notes.docx": "its name does not end in .yaml or .yml",
    "options/~$alpha.yaml": "a lock file kept while a file is open",
    "scenarios/what-if.yaml.bak": "its name does not end in .yaml or .yml",
    "assessments/README.txt": "its name does not end in .yaml or .yml",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = write_folder(tmp_path / "a", {name: "x\n" for name in NOT_READ})
    (root / "options" / ".gitkeep").touch()  # hidden: never anyone's input, not listed
    return root


def _text(run_out: bytes, fmt: str) -> str:
    if fmt != "docx":
        return run_out.decode("utf-8")
    import docx

    document = docx.Document(io.BytesIO(run_out))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_format_lists_each_file_not_read_and_why(folder: Path, tmp_path: Path, fmt: str,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder / "options")  # names are given relative to the appraisal folder, wherever run from
    out = tmp_path / f"report.{ {'markdown': 'md'}.get(fmt, fmt)}"
    run = run_appraise("report", ".", "--format", fmt, "--output", out)
    assert run.code == 0, run.err
    text = _text(out.read_bytes(), fmt).replace("\\", "").replace("<code>", "").replace("</code>", "")
    assert "Files not read" in text
    for name, why in NOT_READ.items():
        assert f"{name}: {why}" in text, name
    assert ".gitkeep" not in text


def test_with_every_file_read_there_is_no_such_section(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {})
    run = run_appraise("report", folder, "--format", "markdown")
    assert run.code == 0, run.err
    assert "Files not read" not in run.out


def test_a_file_name_is_text_in_the_report_not_markup(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "a", {"options/<b>x<b> [link](e.test) *y*.txt": "x\n"})
    run = run_appraise("report", folder, "--format", "html")
    assert run.code == 0, run.err
    assert "&lt;b&gt;x&lt;b&gt; [link](e.test) *y*.txt" in run.out
    assert "<b>x" not in run.out and 'href="e.test"' not in run.out
    markdown = run_appraise("report", folder, "--format", "markdown").out
    assert r"\[link\](e.test) \*y\*.txt" in markdown

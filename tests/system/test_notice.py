"""criteria.yaml's ``notice`` (issue 31): every output of the bundled examples says, under its
title, that their figures are illustrative; an appraisal without a notice shows none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_appraise

EXAMPLES = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "criteria.yaml").is_file())]

COMMANDS = [
    ("score", "-f", "table"), ("score", "-f", "markdown"), ("score", "-f", "json"),
    ("sensitivity", "--samples", "20", "-f", "table"), ("sensitivity", "--samples", "20", "-f", "markdown"),
    ("sensitivity", "--samples", "20", "-f", "json"),
    ("vfm", "-f", "table"), ("vfm", "-f", "markdown"), ("vfm", "-f", "json"),
    ("report", "-f", "markdown"), ("report", "-f", "html"),
]


def _notice(folder: Path) -> str:
    notice = yaml.safe_load((folder / "criteria.yaml").read_text(encoding="utf-8")).get("notice")
    assert isinstance(notice, str)
    return notice


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_every_bundled_example_says_it_is_illustrative(folder: Path) -> None:
    notice = _notice(folder)
    assert notice.startswith("Illustrative")
    for command in COMMANDS:
        run = run_appraise(command[0], folder, *command[1:])
        assert run.code == 0, (command, run.err)
        shown = json.loads(run.out)["notice"] if command[-1] == "json" else run.out.replace("&#39;", "'")
        assert notice in shown, command


def test_diff_carries_the_new_sides_notice() -> None:
    scenario = REPO / "scenarios" / "finance-led.yaml"
    for shown in ("table", "markdown"):
        assert _notice(REPO) in run_appraise("diff", "--scenario", scenario, REPO, "-f", shown).out
    data = json.loads(run_appraise("diff", "--scenario", scenario, REPO, "-f", "json").out)
    assert data["new"]["notice"] == data["old"]["notice"] == _notice(REPO)


def test_an_appraisal_without_a_notice_shows_none() -> None:
    folder = REPO / "tests" / "data" / "report-small"
    assert "notice" not in (folder / "criteria.yaml").read_text(encoding="utf-8")
    assert "notice" not in json.loads(run_appraise("score", folder, "-f", "json").out)
    assert "Illustrative" not in run_appraise("report", folder).out


def test_the_word_appendix_carries_the_notice(tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "appendix.docx"
    assert run_appraise("report", REPO, "-o", out).code == 0
    paragraphs = [p.text for p in Document(str(out)).paragraphs[:6]]
    assert any(_notice(REPO) in p for p in paragraphs), paragraphs


def test_the_moderation_pack_carries_the_notice(tmp_path: Path) -> None:
    folder = REPO / "examples" / "childrens-centre-tender"
    for shown in ("table", "markdown", "html"):
        run = run_appraise("panel", folder, "-f", shown)
        assert run.code == 0, run.err
        assert _notice(folder) in run.out.replace("&#39;", "'"), shown


def test_the_assessment_summaries_carry_the_notice(tmp_path: Path) -> None:
    folder = REPO / "examples" / "childrens-centre-tender"
    for shown, ending in (("markdown", ".md"), ("html", ".html")):
        out = tmp_path / shown
        run = run_appraise("summaries", folder, "--output-dir", out, "--format", shown)
        assert run.code == 0, run.err
        letters = sorted(out.glob("*" + ending))
        assert letters and all(_notice(folder) in p.read_text(encoding="utf-8").replace("&#39;", "'")
                               for p in letters)

"""The Markdown report renders on GitHub and in pandoc: every pipe table parses as a table,
and user text (HTML, Markdown and Jinja syntax) stays text.

Pandoc reads the report twice: as pandoc's own Markdown and as GitHub-flavoured Markdown
(``-f gfm``, the CommonMark dialect GitHub renders). Needs Debian's ``pandoc``; skipped off CI
when it is missing, never when ``CI=true``.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess

import pytest
from conftest import REPO, run_appraise

from appraisal.text import md

DATA = REPO / "tests" / "data"
READERS = ("markdown", "gfm")


def pandoc(text: str, reader: str) -> str:
    if shutil.which("pandoc") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pandoc is missing on CI: .ci/run installs it with apt-get")
        pytest.skip("pandoc is not installed (apt-get install pandoc)")
    return subprocess.run(["pandoc", "-f", reader, "-t", "html"], input=text, capture_output=True,
                          text=True, check=True, timeout=60).stdout


@functools.cache
def report(folder: str) -> str:
    """The Markdown report of a folder under tests/data ('.' for the reference), rendered once."""
    run = run_appraise("report", DATA / folder if folder != "." else REPO)
    assert run.code == 0, run.err
    return run.out


def pipe_tables(text: str) -> int:
    """Pipe tables in the source: one alignment row each."""
    return len(re.findall(r"^\| (?:---|---:)(?: \|| \| ---| \| ---:)*", text, flags=re.MULTILINE))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("folder", ["report-small", "report-hostile", "."])
def test_every_pipe_table_parses(folder: str, reader: str) -> None:
    text = report(folder)
    html = pandoc(text, reader)
    tables = pipe_tables(text)
    assert tables >= 10
    assert html.count("<table") == tables
    # no row lost or gained a cell: every row of the summary table has six
    summary = next(t for t in html.split("<table")[1:] if "Whole-life cost" in t).split("</table>")[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", summary, flags=re.DOTALL)
    assert len(rows) == {"report-small": 4, "report-hostile": 3, ".": 6}[folder]
    for row in rows:
        assert len(re.findall(r"<t[dh]\b", row)) == 6


@pytest.mark.parametrize("reader", READERS)
def test_user_text_stays_text(reader: str) -> None:
    text = report("report-hostile")
    html = pandoc(text, reader)
    for tag in ("<script", "<img", "<iframe", "<style", "<svg", "<b ", "<b>", "<em>reasons", "<i>zero",
                '<a href="j', "<code>code", 'class="math', "<sup>", "<ol"):
        assert tag not in html, tag
    assert html.count("<h1") == 1  # '# Quality' in a criterion's name makes no heading
    flat = " ".join(html.split())
    assert "&lt;script&gt;window.__pwned = " in flat and "&lt;/script&gt;Attack | {{ 7*7 }} *stars*" in flat
    assert "49" not in re.sub(r"[0-9a-f]{64}", "", flat)  # {{ 7*7 }} was never evaluated
    assert "{% if true %}jinja{% endif %} `code` $x^2$" in flat
    assert "<li>+ plus marker &amp; ampersand &amp;amp; entity</li>" in flat
    assert "# Quality | pipe {{ 7*7 }}" in flat


def test_md_escapes_what_would_otherwise_become_markup() -> None:
    assert md("a | b") == r"a \| b"
    assert md("*x* _y_ `z`") == r"\*x\* \_y\_ \`z\`"
    assert md("<b>&amp;</b>") == "&lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert md("# heading") == r"\# heading"
    assert md("Name {#id .class}") == r"Name \{#id .class\}"
    assert md("Title #") == r"Title \#" and md("Title ##") == r"Title \#\#"  # would close a heading
    assert md("- item") == r"\- item" and md("+ item") == r"\+ item" and md("---") == r"\---"
    assert md("1. first") == r"1\. first" and md("2) second") == r"2\) second"
    assert md("$x^2$") == r"\$x\^2\$"
    assert md("71.25") == "71.25" and md("-5") == "-5" and md("3.5 of 5") == "3.5 of 5"
    assert md("line\nbreak") == "line break"


def test_md_leaves_alone_what_needs_no_escape() -> None:
    assert md("B&NES") == "B&NES"
    assert md("value_for_money") == "value_for_money"
    assert md("risk #1 pensions") == "risk #1 pensions"
    assert md("Fish & chips &c.") == "Fish & chips &c."
    assert md("&copy; &#169; &#xA9;") == "&amp;copy; &amp;#169; &amp;#xA9;"  # would become ©
    assert md("_lead and trail_") == r"\_lead and trail\_"


@pytest.mark.parametrize("reader", READERS)
def test_unescaped_text_still_reads_as_written(reader: str) -> None:
    text = "B&NES value_for_money risk #1 &copy; _y_ Title #"
    html = pandoc(f"# {md(text)}\n\n| a |\n| --- |\n| {md(text)} |\n\n{md(text)}\n", reader)
    shown = "B&amp;NES value_for_money risk #1 &amp;copy; _y_ Title #"
    assert " ".join(html.split()).count(shown) == 3, html
    assert "<em>" not in html

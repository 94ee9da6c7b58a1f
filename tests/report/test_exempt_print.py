"""Every printed page of the exempt appendix's HTML says NOT FOR PUBLICATION and quotes Schedule
12A, paragraph 3, at its head and foot (contract section 11; docs/report.md, Exempt information):
the HTML is printed to PDF by headless Chromium, as an officer's browser prints it, and each page's
text is read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import REPO, run_appraise
from helpers import CHROMIUM_ARGS, need, pages_text

from appraisal.render.exempt import PARAGRAPH_3

GROUNDS = "Exempt information under the Local Government Act 1972, Schedule 12A, paragraph 3:"


def printed(html: Path) -> list[str]:
    """Each printed page's text, its whitespace runs made single spaces."""
    pdf = html.with_suffix(".pdf")
    subprocess.run(["chromium", *CHROMIUM_ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   check=True, capture_output=True, timeout=180)
    return [re.sub(r"\s+", " ", page) for page in pages_text(pdf)]


def report(out: Path, *args: str) -> Path:
    run = run_appraise("report", REPO, "--format", "html", "--output", out, *args, timeout=300)
    assert run.code == 0, run.err
    return out


def test_every_printed_page_of_the_exempt_appendix_carries_the_running_notice(tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    pages = printed(report(tmp_path / "exempt.html", "--exempt"))
    assert len(pages) > 10  # the reference example's appendix runs to many pages
    for number, text in enumerate(pages, 1):
        assert text.count("NOT FOR PUBLICATION") == 2, f"page {number} lacks its running head or foot: {text[:300]}"
        assert text.count(GROUNDS) == 2 and text.count(PARAGRAPH_3) == 2, f"page {number}: {text[:300]}"


def test_the_public_report_prints_no_running_notice(tmp_path: Path) -> None:
    need("chromium", "pdftotext")
    pages = printed(report(tmp_path / "public.html"))
    assert not any("NOT FOR PUBLICATION" in text for text in pages)

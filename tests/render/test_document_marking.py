"""The exempt appendix in Word and PDF (contract section 11): "NOT FOR PUBLICATION" and the
Schedule 12A paragraph in the running header of every page, and in the document's properties
(core: title, subject, keywords, category; and a custom property); the public report carries
neither. And a PDF interrupted by Ctrl-C or SIGTERM leaves no folder behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pikepdf
import pytest
from conftest import appraise_command, make_appraisal, run_appraise
from helpers import need, pages_text

MARK = "NOT FOR PUBLICATION"
GROUNDS = "Local Government Act 1972, Schedule 12A, paragraph 3"


def build(root: Path) -> Path:
    criteria = {"title": "Library contract", "currency": "GBP", "scale": {"min": 0, "max": 4},
                "criteria": [{"id": "cost", "name": "Cost", "weight": 40, "measure": "annual_cost",
                              "direction": "lower"}, {"id": "quality", "name": "Quality", "weight": 60}]}
    options = {
        "current": {"name": "Business as usual", "baseline": True, "costs": {"annual": 1_200_000},
                    "scores": {"quality": 2}},
        "tender": {"name": "Tender", "costs": {"annual": 1_100_000, "exempt": True}, "scores": {"quality": 4}},
    }
    return make_appraisal(root, criteria, options)


def report(folder: Path, out: Path, *args: str) -> Path:
    run = run_appraise("report", folder, "--output", out, *args, timeout=300)
    assert run.code == 0, run.err
    return out


def test_the_exempt_word_appendix_is_marked_on_every_page_and_in_its_properties(tmp_path: Path) -> None:
    folder = build(tmp_path / "a")
    document = docx.Document(str(report(folder, tmp_path / "exempt.docx", "--exempt")))
    for section in document.sections:  # each section's header, or the one it links to
        header = document.sections[0].header if section.header.is_linked_to_previous else section.header
        text = " ".join(p.text for p in header.paragraphs)
        assert MARK in text and GROUNDS in text
    props = document.core_properties
    assert MARK.lower() in props.title.lower() or "exempt" in props.title.lower()
    assert MARK in props.subject and MARK in props.keywords and GROUNDS in props.category
    custom = zipfile.ZipFile(tmp_path / "exempt.docx").read("docProps/custom.xml").decode()
    assert 'name="Marking"' in custom and GROUNDS in custom
    # and the same file every time
    assert report(folder, tmp_path / "again.docx", "--exempt").read_bytes() == (tmp_path / "exempt.docx").read_bytes()


def test_the_public_word_report_carries_no_marking(tmp_path: Path) -> None:
    folder = build(tmp_path / "a")
    out = report(folder, tmp_path / "public.docx")
    document = docx.Document(str(out))
    assert all(MARK not in p.text for s in document.sections for p in s.header.paragraphs)
    assert "docProps/custom.xml" not in zipfile.ZipFile(out).namelist()
    assert document.core_properties.category == ""


def test_every_page_of_the_exempt_pdf_is_marked(tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    folder = build(tmp_path / "a")
    pdf = report(folder, tmp_path / "exempt.pdf", "--exempt")
    with pikepdf.open(pdf) as opened:
        assert str(opened.docinfo.Subject).startswith(f"{MARK} – exempt information under the {GROUNDS}")
    pages = pages_text(pdf)
    assert len(pages) >= 2
    for page in pages:
        flat = " ".join(page.split())
        assert MARK in flat and GROUNDS in flat


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_pdf_leaves_no_folder_behind(tmp_path: Path, sig: signal.Signals) -> None:
    need("soffice")
    folder = build(tmp_path / "a")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    process = subprocess.Popen([*appraise_command(), "report", str(folder), "-o", str(tmp_path / "x.pdf")],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
                               if sys.platform != "win32" else None)
    deadline = time.monotonic() + 60
    while not any(tmp.iterdir()) and time.monotonic() < deadline:  # LibreOffice is at work
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode in (130, -sig), err
    assert list(tmp.iterdir()) == []
    assert not (tmp_path / "x.pdf").exists()

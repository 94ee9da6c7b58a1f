"""``appraise report --format pdf``: the Word document laid out by LibreOffice as a tagged PDF.

Checked with pikepdf (the structure tree, the language, the title, the bookmarks), poppler's
pdftotext (the footer's page numbers and appendix label on every page) and by bytes (the same
inputs give the same file). Skipped when LibreOffice or pdftotext is missing, except when
CI=true: then it fails, since ``.ci/run`` installs them.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO, run_appraise
from helpers import need, pages_text

SECTIONS = ["Recommendation", "Method", "Summary of the options", "Scoring matrix",
            "The shortlisted options", "Options not taken forward", "Equality impacts", "Financial summary",
            "Value for money", "Sensitivity", "Technical annex"]


@pytest.fixture(scope="module")
def reference_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need("soffice", "pdftotext")
    out = tmp_path_factory.mktemp("pdf") / "appendix.pdf"
    run = run_appraise("report", REPO, "--output", out, "--appendix", "Appendix 1", timeout=300)
    assert run.code == 0, run.err
    return out


def test_the_pdf_is_tagged_with_title_language_and_bookmarks(reference_pdf: Path) -> None:
    with pikepdf.open(reference_pdf) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        kids = root.StructTreeRoot.K
        assert len(kids if isinstance(kids, pikepdf.Array) else [kids]) > 0
        assert str(root.Lang) == "en-GB"
        assert str(pdf.docinfo.Title) == "Children's Centre services commissioning options"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_outline() as outline:
            top = [item.title for item in outline.root]
            method = next(item for item in outline.root if item.title == "Method")
            assert [c.title for c in method.children][:2] == ["Criteria and weights", "Scoring scale"]
        assert top == SECTIONS
        tags = {str(e.get("/S")) for e in _struct_elements(root.StructTreeRoot)}
        assert {"/H1", "/H2", "/Table", "/TH", "/Figure"} <= tags
        figures = [e for e in _struct_elements(root.StructTreeRoot) if str(e.get("/S")) == "/Figure"]
        assert len(figures) == 3 and all("/Alt" in f for f in figures)
        alts = sorted(str(f.Alt) for f in figures)
        assert alts[0].startswith("Figure 1: Total points by option - A horizontal stacked bar") and "74.45" in alts[0]


def _struct_elements(node: pikepdf.Object) -> list[pikepdf.Dictionary]:
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary):
            if "/S" in item:
                found.append(item)
            kids = item.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
        elif isinstance(item, pikepdf.Array):
            stack.extend(item)
    return found


def test_every_page_is_numbered_with_the_appendix_label(reference_pdf: Path) -> None:
    pages = pages_text(reference_pdf)
    assert len(pages) > 10
    for number, page in enumerate(pages, 1):
        assert f"Appendix 1 – page {number} of {len(pages)}" in page
    assert "Preferred option: Bring Bath West into the Council" in pages[0]


def test_no_page_ends_with_a_heading_and_no_page_is_blank(reference_pdf: Path) -> None:
    for number, page in enumerate(pages_text(reference_pdf), 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert len(lines) > 1, f"page {number} is blank"
        body = lines[:-1]  # the footer is the last line
        assert body[-1] not in SECTIONS, f"page {number} ends with the heading {body[-1]!r}"


def test_the_same_inputs_give_the_same_pdf(reference_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    assert run_appraise("report", REPO, "-f", "pdf", "-o", again, "--appendix", "Appendix 1",
                        timeout=300).code == 0
    assert again.read_bytes() == reference_pdf.read_bytes()
    with pikepdf.open(again) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:20170314000000")


def test_without_libreoffice_the_message_says_what_to_install(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    run = run_appraise("report", REPO, "-o", out, env={"PATH": str(tmp_path)})
    assert run.code == 2
    assert "needs LibreOffice" in run.err and "apt-get install libreoffice-writer-nogui" in run.err
    assert "Traceback" not in run.err and not out.exists()


def test_the_word_and_pdf_examples_in_the_docs_run(tmp_path: Path) -> None:
    """docs/report.md's Word and PDF examples, run as written on a copy of the reference folder."""
    need("soffice")
    import docx

    docs = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    block = re.search(r"## Word and PDF\n\n```sh\n(.*?)```", docs, re.DOTALL)
    assert block is not None
    for sub in ("options", "scenarios"):
        shutil.copytree(REPO / sub, tmp_path / sub)
    shutil.copy(REPO / "criteria.yaml", tmp_path)
    docx.Document().save(str(tmp_path / "council.docx"))
    for line in block.group(1).splitlines():
        args = shlex.split(line.split("#", 1)[0])
        assert args[:2] == ["appraise", "report"]
        run = run_appraise(*args[1:], cwd=tmp_path, timeout=300)
        assert run.code == 0, (line, run.err)
    assert (tmp_path / "appendix.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "appendix.pdf").read_bytes().startswith(b"%PDF-")

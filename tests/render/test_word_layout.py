"""The Word appendix as a committee reads it, measured on the page (docs/report.md, Word and PDF).

Each appraisal's Word document is laid out by LibreOffice and read back with poppler's
pdftotext: every word of the document must come out whole (a word broken across lines in a
table cell, "Likelihoo/d", comes out as two words that are not in the document), no text is
smaller than 9 points (10 in tables under a 12-point house style), and no page is left less
than a third full except before a change of orientation or the technical annex. Skipped
without LibreOffice or pdftotext, except when CI=true.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from conftest import REPO, run_appraise
from helpers import need

EXAMPLES = [REPO, REPO / "examples" / "lincolnshire-early-years", REPO / "examples" / "childrens-centre-tender"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def arial_12(path: Path) -> Path:
    """A council's house style: Arial 12 point body text."""
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    document.save(str(path))
    return path


def split(text: str) -> list[str]:
    """Words, split at spaces (no-break spaces too: pdftotext prints them as spaces) and
    without hyphens: a line may end after one ("Council-" then "managed" is not a broken word),
    and pdftotext joins such a word back without its hyphen ("Councilmanaged"); and with a
    "×" set apart, which pdftotext prints with or without the no-break spaces around it."""
    return text.replace("-", "").replace("\u00a0", " ").replace("×", " × ").split()


def words_of(document: docx.document.Document) -> Counter[str]:
    """Every word of the document's body."""
    found: Counter[str] = Counter()
    for paragraph in document.element.body.iter(f"{W}p"):
        found.update(split("".join(t.text or "" for t in paragraph.iter(f"{W}t"))))
    return found


def to_pdf(source: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation={(source.parent / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
                   capture_output=True, check=True, timeout=300)
    return source.with_suffix(".pdf")


def pdf_words(pdf: Path) -> Counter[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return Counter(split(text))


@pytest.fixture(scope="module", params=[(e, r) for e in EXAMPLES for r in (False, True)],
                ids=lambda p: f"{p[0].name or 'reference'}{'-arial12' if p[1] else ''}")
def laid_out(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    need("soffice", "pdftotext")
    folder, reference = request.param
    out = tmp_path_factory.mktemp("word") / "appendix.docx"
    args = ["--reference-doc", arial_12(out.parent / "house.docx")] if reference else []
    run = run_appraise("report", folder, "--output", out, *args, timeout=300)
    assert run.code == 0, run.err
    return out, to_pdf(out)


def test_no_word_or_number_is_broken_across_lines(laid_out: tuple[Path, Path]) -> None:
    source, pdf = laid_out
    wanted, printed = words_of(docx.Document(str(source))), pdf_words(pdf)
    broken = {w: n for w, n in wanted.items() if printed[w] < n}
    assert not broken, f"words broken across lines (or lost): {sorted(broken)[:20]}"


def style_sizes(package: Path) -> dict[str, float]:
    """Each paragraph style's text size (points), following basedOn to the document's default."""
    styles = zipfile.ZipFile(package).read("word/styles.xml").decode()
    default = re.search(r'<w:rPrDefault>.*?<w:sz w:val="(\d+)"', styles, re.S)
    fallback = int(default.group(1)) / 2 if default else 10.0
    found: dict[str, tuple[str | None, float | None]] = {}
    for style in re.findall(r'<w:style [^>]*w:type="paragraph"[^>]*>.*?</w:style>', styles, re.S):
        sid = re.search(r'w:styleId="([^"]+)"', style)
        based = re.search(r'<w:basedOn w:val="([^"]+)"', style)
        size = re.search(r'<w:rPr>.*?<w:sz w:val="(\d+)"', style, re.S)
        assert sid is not None
        found[sid.group(1)] = (based.group(1) if based else None, int(size.group(1)) / 2 if size else None)

    def size_of(sid: str) -> float:
        based, size = found.get(sid, (None, None))
        return size if size is not None else size_of(based) if based else fallback

    return {sid: size_of(sid) for sid in found}


def text_sizes(package: Path, xml: str) -> list[float]:
    """The size of each run of text in ``xml``: its own, else its paragraph style's."""
    sizes = style_sizes(package)
    out = []
    for paragraph in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S):
        style = re.search(r'<w:pStyle w:val="([^"]+)"', paragraph)
        base = sizes.get(style.group(1), sizes.get("Normal", 10.0)) if style else sizes.get("Normal", 10.0)
        for run in re.findall(r"<w:r>.*?</w:r>", paragraph, re.S):
            own = re.search(r'<w:sz w:val="(\d+)"', run)
            if "<w:t" in run:
                out.append(int(own.group(1)) / 2 if own else base)
    return out


def test_no_text_is_smaller_than_9_points_and_tables_follow_the_house_size(laid_out: tuple[Path, Path]) -> None:
    source, _ = laid_out
    body = zipfile.ZipFile(source).read("word/document.xml").decode()
    sizes = text_sizes(source, body)
    assert sizes and min(sizes) >= 9
    if (source.parent / "house.docx").exists():  # Arial 12: tables at 10 points or more
        in_tables = [size for table in re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S)
                     for size in text_sizes(source, table)]
        assert in_tables and min(in_tables) >= 10


def page_fill(pdf: Path) -> list[tuple[float, bool, str]]:
    """For each page: how far down its last line of body text is (0 to 1, the footer left out),
    whether it is landscape, and its first words."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for width, height, words in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        w, h = float(width), float(height)
        found = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', words)
        body = [(float(y1), text) for y0, y1, text in found if float(y1) < h * 0.9]
        out.append((max((y for y, _ in body), default=0) / h, w > h, " ".join(t for _, t in body[:4])))
    return out


def test_no_page_is_left_less_than_a_third_full(laid_out: tuple[Path, Path]) -> None:
    _, pdf = laid_out
    pages = page_fill(pdf)
    for i, (fill, landscape, _) in enumerate(pages[:-1]):
        _, next_landscape, next_words = pages[i + 1]
        if fill < 1 / 3:  # allowed only before the annex or a change of orientation
            assert next_words.startswith("Technical annex") or landscape != next_landscape, (i + 1, fill, next_words)


def test_the_reference_appendix_is_much_shorter_than_31_pages(tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    out = tmp_path / "appendix.docx"
    assert run_appraise("report", REPO, "--output", out, timeout=300).code == 0
    text = subprocess.run(["pdftotext", str(to_pdf(out)), "-"], capture_output=True, text=True, check=True).stdout
    # 31 pages before the typed layout; 25 after it, and the equality impacts section (issue 28)
    # then added about a page and a half of content of its own
    assert text.count("\f") <= 27


def test_the_matrix_names_options_by_a_short_label_defined_once_not_by_id(tmp_path: Path) -> None:
    out = tmp_path / "appendix.docx"
    assert run_appraise("report", REPO, "--output", out).code == 0
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Option A: Bring Bath West into the Council" in text
    headers = {c.text for t in document.tables for c in t.rows[0].cells}
    assert "A\u00a0score" in headers and not any("in-house" in h for h in headers)


def test_risk_ratings_are_shaded_and_in_words(tmp_path: Path) -> None:
    out = tmp_path / "appendix.docx"
    assert run_appraise("report", REPO, "--output", out).code == 0
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    shaded = re.findall(r'<w:shd [^>]*w:fill="([0-9A-F]{6})"[^>]*/></w:tcPr><w:p>'
                        r"(?:(?!</w:p>).)*?<w:t[^>]*>([^<]*)</w:t>", body)
    assert {("FCE4B8", "Amber\u00a0(medium)")} <= set(shaded)


def test_the_body_speaks_of_points_and_the_annex_holds_the_technical_detail(tmp_path: Path) -> None:
    out = tmp_path / "appendix.docx"
    assert run_appraise("report", REPO, "--output", out).code == 0
    document = docx.Document(io.BytesIO(out.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    annex = texts.index("Technical annex")
    body, tail = "\n".join(texts[:annex]), "\n".join(texts[annex:])
    # top-level weights 30, 25, 15, 10, 10, 10 drawn from Dirichlet(100 p): the widest spread is
    # 100 * sqrt(0.3 * 0.7 / 101) = 4.56 points
    assert "weights varied by about ±5 points around the agreed ones" in body
    for technical in ("Dirichlet", "concentration", "SHA-256", "sha256sum", "file records"):
        assert technical not in body, technical
    assert "Dirichlet, concentration 100" in tail and "sha256sum" in tail

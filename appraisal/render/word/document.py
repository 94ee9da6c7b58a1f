"""Typeset the Markdown appendix's blocks as an accessible Word document (python-docx).

What the accessibility rules public bodies publish under ask of a Word document (GOV.UK's
guidance on accessible documents; the Public Sector Bodies Accessibility Regulations 2018),
and where it is done here: the title and language (en-GB) in the document's properties and
default text style (:func:`set_properties`); real heading styles, in order, never skipping a
level (:func:`heading_style`); every table with a header row that repeats on each page
(``w:tblHeader``), rows that do not break across pages (``w:cantSplit``) and no merged cells
(:func:`add_table`); every chart a picture with alt text (``wp:docPr/@descr``) that states
its message, its numbers in the table beside it (:func:`add_chart`). python-docx has no API
for alt text or repeating header rows (its issues #1048 and #322), so that XML is written
here. Headings keep with the next paragraph, so none is left at the foot of a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from appraisal.render.word.markdown import Code, Heading, Paragraph, Run, Table, plain

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

LANGUAGE = "en-GB"
CHART_WIDTH_CM = 16.0
A4_WIDTH, A4_HEIGHT = 7_560_310, 10_692_130
"""210 mm and 297 mm in EMU (36,000 to the millimetre)."""
EMU_PER_CM = 360_000
SMALL_TABLE_COLUMNS = 6
CHARS_PER_CM, CHARS_PER_CM_SMALL = 4.6, 6.2
"""About how many characters of a table's text a centimetre holds, at the body size and at 8 pt
(bold headers and figures are wider than the average letter)."""
CELL_MARGINS_CM = 0.5
"""Word's default cell margins, left and right (0.19 cm each), and a little air."""
MAX_WORD, HEADER_WORD = 12, 8
BOLD = 1.1
"""How much wider a bold header's letters are than the body's."""
SMALL_SIZE = 8.0
"""Tables wider than this many columns (the scoring matrix) are set in a smaller size."""


Styles = Mapping[str, Any]
"""A document's styles by name, looked up once: python-docx walks every style for each name."""


def styles_of(doc: Document) -> Styles:
    return {s.name: s for s in doc.styles if s.name}


def heading_style(level: int, previous: int) -> tuple[str, int]:
    """The Word style of a Markdown heading and its outline level.

    ``#`` is the document's Title; ``##`` (a section) is Heading 1, ``###`` Heading 2 and so
    on, and a heading never goes more than one level below the one before it.
    """
    if level <= 1:
        return "Title", 0
    outline = min(level - 1, previous + 1, 9)
    return f"Heading {outline}", outline


def add_runs(paragraph: DocxParagraph, runs: Iterable[Run], *, bold: bool = False,
             size: float | None = None) -> None:
    from docx.shared import Pt

    for r in runs:
        run = paragraph.add_run(r.text)
        run.bold = r.bold or bold or None
        run.italic = r.italic or None
        if r.code:
            run.font.name = "Courier New"
        if size is not None:
            run.font.size = Pt(size)


def add_heading(doc: Document, styles: Styles, block: Heading, previous: int) -> int:
    name, outline = heading_style(block.level, previous)
    paragraph = doc.add_paragraph(style=styles.get(name))
    add_runs(paragraph, block.runs)
    paragraph.paragraph_format.keep_with_next = True
    return outline if outline else previous


def add_paragraph(doc: Document, styles: Styles, block: Paragraph, number: int) -> None:
    """A paragraph, list item or quote, in the document's style for it when it has one."""
    name = {"bullet": "List Bullet", "number": "List Number", "quote": "Quote"}.get(block.kind)
    runs = block.runs
    if name is not None and name not in styles:
        marker = {"bullet": "• ", "number": f"{number}. "}.get(block.kind, "")
        runs = (Run(marker), *runs)
    add_runs(doc.add_paragraph(style=styles.get(name) if name else None), runs)


def add_code(doc: Document, block: Code) -> None:
    """Preformatted text (the provenance commands and file list), one line to a line."""
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    for i, line in enumerate(block.text.split("\n")):
        run = paragraph.add_run()
        if i:
            run.add_break()
        run.add_text(line)
        run.font.name = "Courier New"
        run.font.size = Pt(7.5)


def _element(tag: str, *children: Any) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for child in children:
        element.append(child)
    return element


def _mark_row(row: Any, *, header: bool) -> None:
    """Rows never break across pages; the header row repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:cantSplit"))
    if header:
        tr_pr.append(_element("w:tblHeader"))


def _measure(block: Table, per_cm: float) -> tuple[list[float], list[float]]:
    """What each column needs (cm: its longest word and the cell margins) and wants beyond it."""
    needs, wants = [], []
    for c in range(len(block.header)):
        body = [plain(row[c]) for row in block.rows]
        words = [float(len(w)) for t in body for w in t.split()]
        words += [min(len(w), HEADER_WORD) * BOLD for w in plain(block.header[c]).split()]
        need = min(max(words, default=1.0), MAX_WORD) / per_cm + CELL_MARGINS_CM
        needs.append(need)
        longest = max((len(t) for t in [*body, plain(block.header[c])]), default=0)
        wants.append(max(0.0, min(longest, 400) / per_cm + CELL_MARGINS_CM - need))
    return needs, wants


def table_size(block: Table) -> float | None:
    """The text size of a table in points: smaller for a wide one, else the style's own."""
    return SMALL_SIZE if len(block.header) > SMALL_TABLE_COLUMNS else None


def _per_cm(block: Table) -> float:
    return CHARS_PER_CM_SMALL if table_size(block) else CHARS_PER_CM


def column_shares(block: Table, room_cm: float) -> list[float]:
    """Each column's share of the table's width, from what it holds.

    Each column first gets room for its longest word in the body (a number, an id) and for
    header words up to ``HEADER_WORD`` characters (longer ones wrap at their hyphens), plus
    the cell's margins, so no number breaks; the rest of the width goes to the columns with
    more text than that, by how much more, so a rationale gets more than a rank. Word and
    LibreOffice both honour given widths, and neither lays a table out well without them.
    """
    needs, wants = _measure(block, _per_cm(block))
    spare = room_cm - sum(needs)
    if spare <= 0 or not any(wants):
        return [n / sum(needs) for n in needs]
    return [(n + spare * w / sum(wants)) / room_cm for n, w in zip(needs, wants, strict=True)]


def too_wide(block: Table, room_cm: float) -> bool:
    """Whether the table's columns cannot each have their longest word within ``room_cm``."""
    needs, _ = _measure(block, _per_cm(block))
    return sum(needs) > room_cm


def text_width(doc: Document) -> int:
    """The width between the margins of the last section, in EMU."""
    section = doc.sections[-1]
    page = section.page_width or A4_WIDTH
    return int(page) - int(section.left_margin or 0) - int(section.right_margin or 0)


def add_table(doc: Document, styles: Styles, block: Table) -> DocxTable:
    """A table with one header row; numbers right-aligned; every cell its own (none merged)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Emu

    width = len(block.header)
    table = doc.add_table(rows=1 + len(block.rows), cols=width)
    table.autofit = False
    if "Table Grid" in styles:
        table.style = styles["Table Grid"]
    size = table_size(block)
    room = text_width(doc)
    widths = [Emu(int(share * room)) for share in column_shares(block, room / EMU_PER_CM)]
    for column, w in zip(table.columns, widths, strict=True):
        column.width = w
    for r, (row, cells) in enumerate(zip(table.rows, (block.header, *block.rows), strict=True)):
        _mark_row(row, header=r == 0)
        for c, (cell, runs) in enumerate(zip(row.cells, cells, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            add_runs(paragraph, runs, bold=r == 0, size=size)
            if block.right[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()
    return table  # type: ignore[no-any-return]  # python-docx's add_table is untyped


def page_a4(doc: Document) -> None:
    """A4 with 2 cm margins: python-docx's own template is US Letter."""
    from docx.shared import Cm, Emu

    for section in doc.sections:
        section.page_width, section.page_height = Emu(A4_WIDTH), Emu(A4_HEIGHT)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def add_chart(doc: Document, styles: Styles, png: bytes, title: str, description: str) -> None:
    """The chart as a picture with its title and description as alt text, then the description.

    Word reads alt text from ``wp:docPr/@descr`` and a title from ``@title`` (LibreOffice's
    tagged PDF joins the two in the figure's ``/Alt``); the picture's own ``pic:cNvPr`` gets
    the same, as Word writes it.
    """
    import io

    from docx.shared import Cm

    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    for tag in ("wp:docPr", "pic:cNvPr"):
        for element in run._r.xpath(f".//{tag}"):
            element.set("descr", description)
            element.set("title", title)
    caption = doc.add_paragraph(style=styles.get("Caption"))
    caption.add_run(description)


def set_properties(doc: Document, *, title: str, subject: str, author: str, date: dt.date | None,
                   version: str, keywords: str) -> None:
    """Title, language and fixed dates: the same appraisal gives the same file, byte for byte.

    The dates are the appraisal's own (``date:`` in criteria.yaml), or 1 January 2000 without
    one; never the clock. The language is also set on the default text style, which is what
    Word's and LibreOffice's spelling and a screen reader's voice follow.
    """
    when = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(), dt.UTC)
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = author
    props.last_modified_by = "appraise"
    props.language = LANGUAGE
    props.comments = f"Produced by appraise {version}"
    props.keywords = keywords
    props.category = ""
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    _default_language(doc)


def _default_language(doc: Document) -> None:
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _element("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = _element("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = _element("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def add_footer(doc: Document, styles: Styles, label: str) -> None:
    """'Appendix 1 – page 3 of 12' in the footer, below any footer the template has.

    Called before the body is laid out: the sections added later (landscape pages for wide
    tables) link to this footer, so every page has it.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    for section in doc.sections[:1]:
        footer = section.footer
        footer.is_linked_to_previous = False
        paragraph = footer.add_paragraph(style=styles.get("Footer"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{label} – page " if label else "Page ")
        for i, field in enumerate(("PAGE", "NUMPAGES")):
            if i:
                paragraph.add_run(" of ")
            simple = _element("w:fldSimple", _element("w:r", _text("1")))
            simple.set(qn("w:instr"), f" {field} ")
            paragraph._p.append(simple)


def _text(value: str) -> Any:
    element = _element("w:t")
    element.text = value
    return element


def turn_page(doc: Document, *, landscape: bool) -> None:
    """Start a new page in landscape or back in portrait: the scoring matrix needs the width."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    previous = doc.sections[-1]
    if (previous.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = height, width

"""Typeset the Markdown appendix's blocks as an accessible Word document (python-docx).

What the accessibility rules public bodies publish under ask of a Word document (GOV.UK's
guidance on accessible documents; the Public Sector Bodies Accessibility Regulations 2018),
and where it is done here: the title and language (en-GB) in the document's properties and
default text style (:func:`set_properties`); real heading styles, in order, never skipping a
level (:func:`heading_style`); every table with a header row that repeats on each page
(``w:tblHeader``), rows that do not break across pages (``w:cantSplit``) and no merged cells
(:mod:`.tables`); every chart a picture with alt text (``wp:docPr/@descr``) that states
its message, its numbers in the table beside it (:func:`add_chart`). python-docx has no API
for alt text or repeating header rows (its issues #1048 and #322), so that XML is written
here. Headings keep with the next paragraph, so none is left at the foot of a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from appraisal.render import blocks
from appraisal.render.blocks import Callout, Code, Heading, Paragraph, Run

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph as DocxParagraph

LANGUAGE = "en-GB"
FONT = "Arial"
"""The body font without a reference document: every Word and LibreOffice has it (LibreOffice
as Liberation Sans, of the same widths), and the tables are measured with its widths."""
CHART_WIDTH_CM = 16.0
A4_WIDTH, A4_HEIGHT = 7_560_310, 10_692_130
"""210 mm and 297 mm in EMU (36,000 to the millimetre)."""
EMU_PER_CM = 360_000
BODY_SIZE = 11.0
"""The body text's size when the document's Normal style does not say (Word's default)."""
CODE_SIZE = 9.0
TONE_BORDERS = {"recommendation": "1D70B8", "caution": "D4351C", "exempt": "D4351C", "note": "505A5F"}
TONE_FILLS = {"recommendation": "E8F1F8", "caution": "FBE9E7", "exempt": "FBE9E7", "note": "F3F2F1"}


Styles = Mapping[str, Any]
"""A document's styles by name, looked up once: python-docx walks every style for each name."""


def styles_of(doc: Document) -> Styles:
    """The document's styles by the names Word shows (python-docx's ``doc.styles``, each style's
    name read from its XML directly: asking python-docx's objects for their names is most of the
    cost of starting a short document)."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    name, val = qn("w:name"), qn("w:val")
    out = {}
    for element in doc.styles.element.iterchildren(qn("w:style")):
        named = element.find(name)
        shown = BabelFish.internal2ui(named.get(val)) if named is not None else None
        if shown:
            out[shown] = StyleFactory(element)
    return out


def add_styled(container: Any, style: Any, text: str = "") -> DocxParagraph:
    """A new paragraph at the end of ``container`` (the document, a header or footer) in
    ``style`` (one of :func:`styles_of`'s; None for the default).

    As python-docx's ``add_paragraph(style=...)`` writes it, without its search of every
    style for the default one on each paragraph (a tenth of a Word summary's time)."""
    paragraph: DocxParagraph = container.add_paragraph(text)
    if style is not None and not style.element.default:
        paragraph._p.style = style.style_id
    return paragraph


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


def add_heading(doc: Document, styles: Styles, block: Heading, previous: int, *, new_page: bool = False) -> int:
    name, outline = heading_style(block.level, previous)
    paragraph = add_styled(doc, styles.get(name))
    add_runs(paragraph, block.runs)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.page_break_before = new_page or None
    return outline if outline else previous


def add_paragraph(doc: Document, styles: Styles, block: Paragraph, number: int) -> None:
    """A paragraph, list item or quote, in the document's style for it when it has one."""
    name = {"bullet": "List Bullet", "number": "List Number", "quote": "Quote"}.get(block.kind)
    runs = block.runs
    if name is not None and name not in styles:
        marker = {"bullet": "• ", "number": f"{number}. "}.get(block.kind, "")
        runs = (Run(marker), *runs)
    add_runs(add_styled(doc, styles.get(name) if name else None), runs)


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
        run.font.size = Pt(CODE_SIZE)


def _element(tag: str, *children: Any) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for child in children:
        element.append(child)
    return element


def text_height(doc: Document) -> int:
    """The height between the margins of the last section, in EMU."""
    section = doc.sections[-1]
    page = section.page_height or A4_HEIGHT
    return int(page) - int(section.top_margin or 0) - int(section.bottom_margin or 0)


def text_width(doc: Document) -> int:
    """The width between the margins of the last section, in EMU."""
    section = doc.sections[-1]
    page = section.page_width or A4_WIDTH
    return int(page) - int(section.left_margin or 0) - int(section.right_margin or 0)


def page_a4(doc: Document) -> None:
    """A4 with 2 cm margins: python-docx's own template is US Letter."""
    from docx.shared import Cm, Emu

    for section in doc.sections:
        section.page_width, section.page_height = Emu(A4_WIDTH), Emu(A4_HEIGHT)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)


def add_figure(doc: Document, styles: Styles, png: bytes, caption: str, alt: str, *,
               width_cm: float = CHART_WIDTH_CM) -> None:
    """The chart as a picture whose alt text states its message, then its short caption.

    Word reads alt text from ``wp:docPr/@descr`` (LibreOffice's tagged PDF puts it in the
    figure's ``/Alt``); the picture's own ``pic:cNvPr`` gets the same, as Word writes it. The
    caption ("Figure 1: Total points by option") names the figure; the alt text is not printed.
    """
    import io

    from docx.shared import Cm

    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png), width=Cm(width_cm))
    for tag in ("wp:docPr", "pic:cNvPr"):
        for element in run._r.xpath(f".//{tag}"):
            element.set("descr", alt)
            element.set("title", caption)
    add_styled(doc, styles.get("Caption"), caption)


def add_callout(doc: Document, styles: Styles, block: Callout) -> None:
    """A boxed block: a coloured rule down its left side and a tint, its title in bold."""
    from docx.oxml.ns import qn

    paragraphs = [(Paragraph((Run(block.title, bold=True),)), True), *((p, False) for p in block.body)]
    for i, (para, _title) in enumerate(paragraphs):
        out = doc.add_paragraph()
        add_runs(out, para.runs if para.kind != "bullet" else (Run("• "), *para.runs))
        out.paragraph_format.keep_with_next = i < len(paragraphs) - 1
        p_pr = out._p.get_or_add_pPr()
        borders = _element("w:pBdr")
        for side in ("top", "left", "bottom", "right"):
            edge = _element(f"w:{side}")
            for key, value in (("val", "single"), ("sz", "24" if side == "left" else "4"),
                               ("space", "6"), ("color", TONE_BORDERS[block.kind])):
                edge.set(qn(f"w:{key}"), value)
            borders.append(edge)
        shading = _element("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", TONE_FILLS[block.kind])):
            shading.set(qn(f"w:{key}"), value)
        p_pr.append(borders)
        p_pr.append(shading)
    doc.add_paragraph()


def body_size(doc: Document, styles: Styles) -> float:
    """The size of the document's body text (its Normal style), in points."""
    from docx.oxml.ns import qn

    normal = styles.get("Normal")
    if normal is not None and normal.font.size is not None:
        return float(normal.font.size.pt)
    default = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    if default is not None:
        return int(default.get(qn("w:val"))) / 2
    return BODY_SIZE


def set_properties(doc: Document, document: blocks.Document, *, date: dt.date | None, version: str) -> None:
    """Title, language and fixed dates: the same appraisal gives the same file, byte for byte.

    The dates are the document's own: the appraisal's (``date:`` in criteria.yaml) for the
    report, the letter's for an assessment summary; 1 January 2000 without one; never the
    clock. The language is also set on the default text style, which is what Word's and
    LibreOffice's spelling and a screen reader's voice follow.
    """
    when = dt.datetime.combine(date or dt.date(2000, 1, 1), dt.time(), dt.UTC)
    props = doc.core_properties
    props.title = document.title
    props.subject = document.subject
    props.author = document.author or "appraise"
    props.last_modified_by = "appraise"
    props.language = LANGUAGE
    props.comments = f"Produced by appraise {version}"
    props.keywords = document.keywords
    props.category = document.marking
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
    _default_language(doc)


def default_font(doc: Document, name: str) -> None:
    """Set the body's font (docDefaults and Normal): the font the tables are measured with."""
    from docx.oxml.ns import qn

    r_pr = _default_rpr(doc)
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        r_pr.insert(0, fonts)
    for key in list(fonts.attrib):
        fonts.attrib.pop(key)
    for key in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{key}"), name)
    have = styles_of(doc)
    for style in ("Normal", "Title", *(f"Heading {n}" for n in range(1, 10))):
        if style in have:
            have[style].font.name = name


def _default_language(doc: Document) -> None:
    from docx.oxml.ns import qn

    r_pr = _default_rpr(doc)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _default_rpr(doc: Document) -> Any:
    """The document's default run properties (``w:docDefaults/w:rPrDefault/w:rPr``), made if missing."""
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
    return r_pr


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
        paragraph = add_styled(footer, styles.get("Footer"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{label} – page " if label else "Page ")
        for i, field in enumerate(("PAGE", "NUMPAGES")):
            if i:
                paragraph.add_run(" of ")
            simple = _element("w:fldSimple", _element("w:r", _text("1")))
            simple.set(qn("w:instr"), f" {field} ")
            paragraph._p.append(simple)


def add_marking(doc: Document, styles: Styles, marking: str) -> None:
    """``marking`` ("NOT FOR PUBLICATION...") in bold at the top of every page, above any
    header the template has. Called before the body, so later sections link to it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in doc.sections[:1]:
        header = section.header
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0] if header.paragraphs and not header.paragraphs[0].text else \
            add_styled(header, styles.get("Header"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(marking).bold = True


def _text(value: str) -> Any:
    element = _element("w:t")
    element.text = value
    return element


def turn_page(doc: Document, *, landscape: bool) -> bool:
    """Start a new page in landscape or back in portrait (the scoring matrix needs the
    width); whether the page was turned."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    previous = doc.sections[-1]
    if (previous.orientation == WD_ORIENT.LANDSCAPE) == landscape:
        return False
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = height, width
    return True

"""Tables laid out from what they hold: column widths measured with the font, fixed layout.

Neither Word nor LibreOffice lays a table out well from its text alone, and they disagree
when left to choose, so every table here has fixed layout and explicit widths, in the grid
(``w:tblGrid``) and in every cell (``w:tcW``). The widths come from the text measured with
Liberation Sans (bundled; its letters are as wide as Arial's and wider than Calibri's, so a
width that holds it holds theirs):

- each column is at least as wide as its longest unbreakable stretch (a word, a number, or
  text joined by no-break spaces, "69.0 %") and its header's longest word; a header of one
  or two short words, and a column of numbers, references or ratings, never wraps at all;
- what is left of the line goes to the columns with more text than fits, by how much more,
  so a rationale gets more than a rank, and prose wraps at spaces.

When the columns cannot all have their minimum, the text is set smaller, never below
:data:`MIN_SIZE`; :func:`fits` tells the caller to turn the page to landscape first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from appraisal.render.blocks import Cell, Column, Run, Table, plain

if TYPE_CHECKING:
    from docx.document import Document

MIN_SIZE = 9.0
"""No text in the document is smaller (points)."""
MARGIN_PT = 5.4 * 2
"""A cell's left and right margins (Word's default, 0.19 cm each)."""
SLACK = 1.06
"""Room for the differences between one program's line breaking and another's."""
BOLD = 1.08
"""How much wider bold letters are than regular ones (Liberation Sans Bold to Regular)."""
HEADER_SLACK_PT = 3.0
"""Bold letters vary more in width than :data:`BOLD` allows for (a bold "×" is much wider)."""
UNBROKEN = ("ref", "number", "rating")
FIGURE_WORDS = 2
"""A cell of a number or rating column with at most this many words is kept on one line
("£1,640,000 (measured)"); a longer one ("cheaper, fewer points") wraps at its spaces."""
SHORT_HEADER = 2
"""A header of at most this many words is never wrapped."""
MAX_WANT_PT = 60 * 72 / 2.54
"""Beyond 60 cm of text a column wants no more than any other long one."""
TONES = {"red": "F4C7C3", "amber": "FCE4B8", "green": "CDE8CF", "grey": "E4E4E4"}
"""Light tints behind a rating's words (black text on each has a contrast above 12:1)."""
TWIPS_PER_PT = 20


@functools.cache
def _font(size: float) -> Any:
    from PIL import ImageFont

    path = resources.files("appraisal.render.word") / "fonts" / "LiberationSans-Regular.ttf"
    with resources.as_file(path) as file:
        # measured at 10x the size, for sub-point precision
        return ImageFont.truetype(str(file), round(size * 10))


@functools.lru_cache(maxsize=8_192)
def width_pt(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is set in ``size`` point Liberation Sans, in points."""
    if not text:
        return 0.0
    return float(_font(size).getlength(text)) / 10 * (BOLD if bold else 1.0)


def _tokens(text: str) -> list[str]:
    """The stretches a line may not break inside (split at ordinary spaces only)."""
    return text.split(" ")


@dataclass(frozen=True)
class Measure:
    need: float
    """The least width, in points, with no word broken."""
    want: float
    """The width that sets the longest cell on one line."""


def measure(column: Column, cells: Sequence[Cell], size: float) -> Measure:
    header = column.header
    head_words = header.split(" ")  # not at no-break spaces
    if len(head_words) <= SHORT_HEADER:
        head = width_pt(header, size, bold=True)
    else:
        head = max((width_pt(w, size, bold=True) for w in head_words), default=0.0)
    head += HEADER_SLACK_PT
    unbroken = column.kind in UNBROKEN
    words = lines = 0.0
    for c in cells:  # one cell at a time: a column may have tens of thousands
        line = plain(c.runs)
        bold = any(r.bold for r in c.runs)
        tokens = _tokens(line)
        whole = width_pt(line, size, bold)
        lines = max(lines, whole)
        if unbroken and len(tokens) <= FIGURE_WORDS:
            words = max(words, whole)
        else:
            words = max(words, *(width_pt(w, size, bold) for w in tokens))
    if unbroken:
        need = max(head, words)
        return Measure(need, max(need, min(lines, MAX_WANT_PT)))
    need = max(head, words)
    return Measure(need, max(need, min(lines, MAX_WANT_PT)))


def _measures(table: Table, size: float) -> list[Measure]:
    return [measure(column, [row[c] for row in table.rows], size)
            for c, column in enumerate(table.columns)]


def _padded(points: float) -> float:
    return points * SLACK + MARGIN_PT


def fits(table: Table, room_pt: float, size: float) -> bool:
    """Whether every column can have its least width within ``room_pt`` at ``size``."""
    return sum(_padded(m.need) for m in _measures(table, size)) <= room_pt


def layout(table: Table, room_pt: float, size: float, least: float = MIN_SIZE) -> tuple[float, list[float]]:
    """The text size (not below ``least``) and each column's width (points) for ``table`` in ``room_pt``."""
    while size > least and not fits(table, room_pt, size):
        size = max(least, size - 0.5)
    measures = _measures(table, size)
    needs = [_padded(m.need) for m in measures]
    wants = [max(0.0, _padded(m.want) - n) for m, n in zip(measures, needs, strict=True)]
    spare = room_pt - sum(needs)
    if spare < 0:  # cannot fit even at the least size: shrink in proportion (words may break)
        return size, [n * room_pt / sum(needs) for n in needs]
    if sum(wants) <= spare:  # everything on one line: the table is only as wide as it needs
        return size, [n + w for n, w in zip(needs, wants, strict=True)]
    return size, [n + spare * w / sum(wants) for n, w in zip(needs, wants, strict=True)]


def split(table: Table, room_pt: float, size: float) -> list[Table]:
    """``table`` as it fits ``room_pt`` at ``size``: whole, or split by columns (``keep``, ``step``)."""
    if not table.keep or fits(table, room_pt, size):
        return [table]
    groups = [list(range(i, min(i + table.step, len(table.columns))))
              for i in range(table.keep, len(table.columns), table.step)]
    for parts in range(2, len(groups) + 1):
        per = -(-len(groups) // parts)
        chunks = [sum(groups[i:i + per], []) for i in range(0, len(groups), per)]
        tables = [_columns(table, [*range(table.keep), *chunk]) for chunk in chunks]
        if all(fits(t, room_pt, size) for t in tables):
            return tables
    return [table]


def _columns(table: Table, keep: list[int]) -> Table:
    return replace(table, columns=tuple(table.columns[i] for i in keep),
                   rows=tuple(tuple(row[i] for i in keep) for row in table.rows), keep=0)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: left out of a cell rather than failing the document."""


STYLES = {"text": "Table Text", "heading": "Table Heading", "figure": "Table Figure"}
"""The paragraph styles of table cells: the council's own when its reference document has
them, else made here from its Normal style (a point smaller, no space after)."""


@dataclass(frozen=True)
class CellStyles:
    text: str
    heading: str
    figure: str
    """Their style ids."""
    size: float
    """The size the text style sets, in points."""


def cell_styles(doc: Document, size: float, have: Mapping[str, Any]) -> CellStyles:
    """The table cells' paragraph styles (see :data:`STYLES`), made if the document lacks them
    (``have``: the document's styles by name)."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    made: dict[str, Any] = {}
    for key, name in STYLES.items():
        style = have.get(name)
        if style is None:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = have.get("Table Text") if key != "text" and "Table Text" in have else \
                made.get("text") or have.get("Normal")
            style.quick_style = False
            fmt = style.paragraph_format
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.line_spacing = 1.0
            if key == "text":
                style.font.size = Pt(size)
            elif key == "heading":
                style.font.bold = True
                fmt.keep_with_next = True
            else:
                fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        made[key] = style
    own = made["text"].font.size
    return CellStyles(made["text"].style_id, made["heading"].style_id, made["figure"].style_id,
                      float(own.pt) if own is not None else size)


def _runs(runs: Sequence[Run], size: float | None, *, bold: bool = False) -> str:
    """Runs' XML; ``size`` only when it differs from the cell style's."""
    half = f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>' if size else ""
    out = []
    for run in runs:
        looks = ('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>' if run.code else "")
        looks += ("<w:b/>" if run.bold or bold else "") + ("<w:i/>" if run.italic else "") + half
        out.append((f"<w:r><w:rPr>{looks}</w:rPr>" if looks else "<w:r>")
                   + f'<w:t xml:space="preserve">{escape(_NOT_XML.sub("", run.text))}</w:t></w:r>')
    return "".join(out)


def _row(cells: Sequence[tuple[str, str | None]], widths: list[int], styles: list[str], *,
         header: bool = False, right: Sequence[bool] = ()) -> str:
    """One table row's XML: each cell its width, its shading, one paragraph of runs in its
    style (``right``: header cells over numbers, right-aligned)."""
    out = ["<w:tr><w:trPr><w:cantSplit/>", "<w:tblHeader/>" if header else "", "</w:trPr>"]
    for i, ((runs, tone), width, style) in enumerate(zip(cells, widths, styles, strict=True)):
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{TONES[tone]}"/>' if tone else ""
        align = '<w:jc w:val="right"/>' if right and right[i] else ""
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>'
                   f'<w:p><w:pPr><w:pStyle w:val="{_attr(style)}"/>{align}</w:pPr>{runs}</w:p></w:tc>')
    out.append("</w:tr>")
    return "".join(out)


BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def table_xml(table: Table, *, room_pt: float, cells: CellStyles, least: float = MIN_SIZE,
              grid: str | None = None, family: Table | None = None) -> list[bytes]:
    """``table`` as WordprocessingML in UTF-8 pieces, a row to a piece (``w:tbl``, its ``w``
    prefix declared by the document):
    one header row that repeats on each page; numbers right-aligned; rows that do not split
    across pages; every cell its own (none merged); ratings shaded. ``family`` is the table
    whose layout it takes (all its family's rows together); ``grid`` the id of the document's
    table style with borders ("Table Grid"), else the borders are drawn here.

    Written as text: python-docx's objects, or even lxml's, for each cell of a table of tens
    of thousands of rows would take hundreds of megabytes.
    """
    size, points = layout(family or table, room_pt, cells.size, least)
    widths = [int(p * TWIPS_PER_PT) for p in points]
    own = None if abs(size - cells.size) < 0.01 else size
    body = [cells.figure if c.kind == "number" else cells.text for c in table.columns]
    style = f'<w:tblStyle w:val="{_attr(grid)}"/>' if grid is not None else ""
    borders = "" if grid is not None else f"<w:tblBorders>{BORDERS}</w:tblBorders>"
    parts = [f'<w:tbl><w:tblPr>{style}<w:tblW w:w="{sum(widths)}" w:type="dxa"/>{borders}'
             '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
             'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
             *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>",
             _row([(_runs((Run(c.header),), own), None) for c in table.columns], widths,
                  [cells.heading] * len(widths), header=True, right=[c.kind == "number" for c in table.columns])]
    out = ["".join(parts).encode("utf-8")]
    out += [_row([(_runs(c.runs, own), c.tone) for c in row], widths, body).encode("utf-8") for row in table.rows]
    out.append(b"</w:tbl>")
    return out

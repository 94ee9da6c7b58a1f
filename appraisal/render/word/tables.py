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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

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


@functools.lru_cache(maxsize=65_536)
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
    texts = [(plain(c.runs), any(r.bold for r in c.runs)) for c in cells]
    if column.kind in UNBROKEN:
        longest = max((width_pt(t, size, b) for t, b in texts), default=0.0)
        need = max(head, longest)
        return Measure(need, need)
    words = max((width_pt(w, size, b) for t, b in texts for w in _tokens(t)), default=0.0)
    lines = max((width_pt(t, size, b) for t, b in texts), default=0.0)
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


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _set_width(tbl: Any, widths: list[int]) -> None:
    """Fixed layout with the given widths (twips) in the grid, the table and every cell."""
    from docx.oxml.ns import qn

    tbl_pr = tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    tbl_pr.append(_element("w:tblW", w=str(sum(widths)), type="dxa"))
    tbl_pr.append(_element("w:tblLayout", type="fixed"))
    for col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(w))


def _cell_xml(tc: Any, width: int, tone: str | None) -> None:
    from docx.oxml.ns import qn

    tc_pr = tc.get_or_add_tcPr()
    for old in tc_pr.findall(qn("w:tcW")):
        tc_pr.remove(old)
    tc_pr.insert(0, _element("w:tcW", w=str(width), type="dxa"))
    if tone:
        tc_pr.append(_element("w:shd", val="clear", color="auto", fill=TONES[tone]))


def add_table(doc: Document, table: Table, *, room_pt: float, size: float, least: float = MIN_SIZE,  # noqa: PLR0913
              style: Any = None, grid: Any = None, family: Table | None = None) -> None:
    """``table`` with one header row that repeats on each page; numbers right-aligned; rows
    that do not split across pages; every cell its own (none merged); ratings shaded.
    ``family`` is the table whose layout it takes (all of its family's rows together)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from appraisal.render.word.document import add_runs

    size, points = layout(family or table, room_pt, size, least)
    widths = [int(p * TWIPS_PER_PT) for p in points]
    out = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    if grid is not None:
        out.style = grid
    _set_width(out._tbl, widths)
    header = tuple(Cell((), None) for _ in table.columns)
    for r, (row, cells) in enumerate(zip(out.rows, (header, *table.rows), strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_element("w:cantSplit"))
        if r == 0:
            tr_pr.append(_element("w:tblHeader"))
        for c, (tc, value) in enumerate(zip(row._tr.tc_lst, cells, strict=True)):
            _cell_xml(tc, widths[c], value.tone)
            paragraph = row.cells[c].paragraphs[0]
            if style is not None:
                paragraph.style = style
            paragraph.paragraph_format.space_after = Pt(0)
            if r == 0:
                paragraph.paragraph_format.keep_with_next = True
                add_runs(paragraph, (Run(table.columns[c].header, bold=True),), size=size)
            else:
                add_runs(paragraph, value.runs, size=size)
            if table.columns[c].kind == "number":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

"""Lay the typed document's blocks out in a Word document.

Sections (level-2 headings) follow one another on the same page; a page is turned only for
a change of orientation (a section with a table too wide for portrait is set in landscape)
and before the technical annex. Headings keep with what follows them; tables may break
across pages, repeating their header row, but a row never splits. Table text is a little
smaller than the body text (never below 10 points, nor below 9 when a wide table needs it),
so a council's 12-point house style gives 11-point tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from appraisal.render import blocks as b
from appraisal.render.word import document as d
from appraisal.render.word import tables

if TYPE_CHECKING:
    from docx.document import Document

EMU_PER_PT = 12_700
CAPTION_CM = 2.5
"""Room kept under a figure on its page for its caption."""
TABLE_SIZE_FLOOR = 10.0


MARK = "\ue000"
"""A private-use character: what a placeholder paragraph's text is made of, never a report's."""


def placeholder(index: int) -> str:
    return f"{MARK}table {index}{MARK}"


PLACEHOLDER = re.compile(f"<w:p><w:r><w:t>{MARK}table (\\d+){MARK}</w:t></w:r></w:p>".encode())


def spliced(xml: bytes, found: Sequence[Sequence[bytes]]) -> Iterator[bytes]:
    """``xml`` (word/document.xml) in pieces, each placeholder paragraph replaced by its table.

    The tables are kept as bytes until the document is written, and written piece by piece:
    a table of 200,000 cells as python-docx (or lxml) objects would take several hundred
    megabytes, and so would one string of the whole document.
    """
    at = 0
    for match in PLACEHOLDER.finditer(xml):
        yield xml[at:match.start()]
        yield from found[int(match.group(1))]
        at = match.end()
    yield xml[at:]


def table_size(body: float) -> float:
    """Table text's size for a body text of ``body`` points."""
    return max(tables.MIN_SIZE, min(body, max(TABLE_SIZE_FLOOR, body - 1)))


class Typesetter:
    def __init__(self, doc: Document, styles: d.Styles) -> None:
        self.doc = doc
        self.styles = styles
        self.size = table_size(d.body_size(doc, styles))
        self.outline = 0
        self.number = 0
        self.figures = 0
        self.families: dict[tuple[str, int], b.Table] = {}
        self.cells = tables.cell_styles(doc, self.size, styles)
        self.size = self.cells.size
        grid = styles.get("Table Grid")
        self.grid: str | None = grid.style_id if grid is not None else None
        self.tables: list[list[bytes]] = []
        self.pictures: dict[int, bytes | None] = {}
        """Each table's XML, spliced in for its placeholder paragraph by :meth:`save`."""

    def least(self) -> float:
        """The smallest a table's text may be set: 9 points, or 10 under a body of 12 or more."""
        return TABLE_SIZE_FLOOR if self.size >= TABLE_SIZE_FLOOR + 1 else tables.MIN_SIZE

    def room(self) -> float:
        return d.text_width(self.doc) / EMU_PER_PT

    def _wide(self, blocks: Sequence[b.Block]) -> set[int]:
        """The indexes of the section headings whose section has a table too wide for portrait
        even a point smaller than other tables."""
        portrait = self.room()
        wide, start = set(), -1
        for i, block in enumerate(blocks):
            if isinstance(block, b.Heading) and block.level <= 2:
                start = i
            elif isinstance(block, b.Table) and start >= 0 and \
                    not tables.fits(block, portrait, max(self.least(), self.size - 1)):
                wide.add(start)
        return wide

    def _family(self, blocks: Sequence[b.Block]) -> None:
        """Each family's tables as one table, whose layout each of them takes."""
        rows: dict[tuple[str, int], list[tuple[b.Cell, ...]]] = {}
        for block in blocks:
            if isinstance(block, b.Table) and block.family:
                key = (block.family, len(block.columns))
                if key not in rows:
                    self.families[key] = block
                rows.setdefault(key, []).extend(block.rows)
        for key, found in rows.items():
            self.families[key] = replace(self.families[key], rows=tuple(found))

    def run(self, blocks: Sequence[b.Block], progress: Callable[[int, int], None] | None) -> None:
        from appraisal.render.word.charts import chart_png

        # the charts first: a tall chart's bitmap is tens of megabytes while it is drawn, best
        # drawn before the tables' text is held
        self.pictures = {id(f): chart_png(f.chart) for f in blocks if isinstance(f, b.Figure)}
        self._family(blocks)
        wide = self._wide(blocks)
        for i, block in enumerate(blocks):
            turned = False
            if isinstance(block, b.Heading) and block.level <= 2:
                turned = d.turn_page(self.doc, landscape=i in wide)
            self.add(block, new_page=isinstance(block, b.Heading) and block.annex and not turned)
            if progress is not None:
                progress(i + 1, len(blocks))

    def add(self, block: b.Block, *, new_page: bool = False) -> None:
        """Lay out one block at the end of the document (``new_page``: a heading starts a page)."""
        doc, styles = self.doc, self.styles
        if not isinstance(block, b.Paragraph) or block.kind != "number":
            self.number = 0
        if isinstance(block, b.Heading):
            self.outline = d.add_heading(doc, styles, block, self.outline, new_page=new_page)
        elif isinstance(block, b.Paragraph):
            self.number += block.kind == "number"
            d.add_paragraph(doc, styles, block, self.number)
        elif isinstance(block, b.Code):
            d.add_code(doc, block)
        elif isinstance(block, b.Callout):
            d.add_callout(doc, styles, block)
        elif isinstance(block, b.Table):
            if block.caption:
                caption = doc.add_paragraph()
                d.add_runs(caption, (b.Run(block.caption, italic=True),))
                caption.paragraph_format.keep_with_next = True
            family = self.families.get((block.family, len(block.columns)))
            parts = tables.split(family or block, self.room(), self.least())
            for part in tables.split(block, self.room(), self.least()) if len(parts) > 1 else [block]:
                self.tables.append(tables.table_xml(
                    part, room_pt=self.room(), cells=self.cells, least=self.least(), grid=self.grid,
                    family=None if len(parts) > 1 else family))
                doc.add_paragraph(placeholder(len(self.tables) - 1))
                doc.add_paragraph()
        else:
            self.figure(block)

    def save(self, custom: dict[str, str] | None = None) -> bytes:
        """The document's package, its tables in place, written the same way every time
        (:func:`appraisal.render.word.package.normalise`), with ``custom`` properties."""
        import io

        from appraisal.render.word.package import normalise

        out = io.BytesIO()
        self.doc.save(out)
        return normalise(out.getvalue(), custom, {"word/document.xml": lambda xml: spliced(xml, self.tables)})

    def figure(self, block: b.Figure) -> None:
        from appraisal.render.word.charts import chart_png

        png = self.pictures.get(id(block)) if id(block) in self.pictures else chart_png(block.chart)
        if png is None:
            return
        self.figures += 1
        # as wide as the text allows, and no taller than a page less room for its caption
        room = (d.text_height(self.doc) / d.EMU_PER_CM - CAPTION_CM) * block.chart["width"] / block.chart["height"]
        width = min(d.CHART_WIDTH_CM, d.text_width(self.doc) / d.EMU_PER_CM, room)
        d.add_figure(self.doc, self.styles, png, f"Figure {self.figures}: {block.caption}", block.alt, width_cm=width)

"""A typed document: what a typesetter needs to know about the committee appendix.

The report (:mod:`appraisal.report.document`) builds the appendix once as these blocks (and
:mod:`appraisal.report.summary_document` each assessment summary), from
the same context the Markdown and HTML templates read, and the Word renderer
(:mod:`appraisal.render.word`) lays them out. Unlike Markdown, the blocks say what each thing
*is*: a table's columns are names, numbers, ratings or prose; a callout is the
recommendation, a caution or the exempt notice; a figure has a short caption and a longer
text alternative. Layout-free: no sizes, no page, no format; each renderer decides those.

The Markdown reader (:mod:`appraisal.render.word.markdown`) gives the same blocks from
Markdown (an appraisal folder's own templates), with the column
kinds Markdown can say: right-aligned columns are numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

NBSP = "\u00a0"
"""Joins what must stay on one line: "69.0 %", "L × I", "4 of 5"."""


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


Inline = tuple[Run, ...]


def plain(runs: Inline) -> str:
    """The text of some runs, without their looks."""
    return "".join(r.text for r in runs)


def text(value: str, *, bold: bool = False) -> Inline:
    """Plain words as runs (none for empty text)."""
    return (Run(value, bold=bold),) if value else ()


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    """1 for the document's title, 2 for a section, 3 below it, and so on (as Markdown's ``#``)."""
    runs: Inline
    annex: bool = False
    """Starts the technical annex: a renderer may begin it on a new page."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline
    kind: str = "text"
    """``text``, ``bullet``, ``number`` or ``quote``."""


@dataclass(frozen=True, slots=True)
class Code:
    text: str


CalloutKind = Literal["recommendation", "caution", "exempt", "note"]


@dataclass(frozen=True, slots=True)
class Callout:
    """A block the reader must not miss: a title in bold, then its paragraphs."""

    kind: CalloutKind
    title: str
    body: tuple[Paragraph, ...] = ()


ColumnKind = Literal["ref", "name", "number", "rating", "prose"]
"""``ref``: a short reference ("2.1"); ``name``: an option's or criterion's name, wraps at
spaces; ``number``: a figure, right-aligned, never wrapped; ``rating``: a word or short
phrase with a tone (a risk rating, a score on its scale), never wrapped within a word;
``prose``: sentences, which take the width left over."""


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: ColumnKind = "prose"


Tone = Literal["red", "amber", "green", "grey"]


@dataclass(frozen=True, slots=True)
class Cell:
    runs: Inline
    tone: Tone | None = None
    """A rating's colour, shown with its words (never colour alone)."""


def cell(value: str, *, bold: bool = False, tone: Tone | None = None) -> Cell:
    return Cell(text(value, bold=bold), tone)


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    """Said before the table, when there is something to say ("Options 1 to 5 of 9")."""
    keep: int = 0
    """When the table is too wide for the page even in landscape, it may be split into
    several tables by columns: each repeats the first ``keep`` columns (the row labels)..."""
    step: int = 1
    """...and takes the other columns ``step`` at a time (an option's score and points)."""
    family: str = ""
    """Tables of one family (each option's scores) share their column widths, so a column
    does not change width from one table to the next."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart: its geometry (``appraisal.render.charts``), a short caption and its alt text."""

    chart: Mapping[str, Any] = field(hash=False)
    caption: str
    alt: str


Block = Heading | Paragraph | Code | Callout | Table | Figure


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    blocks: tuple[Block, ...]
    subject: str = ""
    author: str = ""
    keywords: str = ""
    marking: str = ""
    """Printed in every page's header when set: "NOT FOR PUBLICATION" and its grounds."""


def para(value: str, lead: str = "", kind: str = "text") -> Paragraph:
    """A paragraph of plain words, after a bold ``lead`` ("Provider:") when there is one."""
    return Paragraph(((Run(lead + " ", bold=True),) if lead else ()) + text(value), kind)


def heading(value: str, level: int) -> Heading:
    return Heading(level, text(value))


def table(columns: tuple[tuple[str, ColumnKind], ...], rows: list[list[str]], caption: str = "") -> Table:
    """A table of plain cells, each column named with its kind."""
    return Table(tuple(Column(h, k) for h, k in columns), tuple(tuple(cell(v) for v in r) for r in rows), caption)

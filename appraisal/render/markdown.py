"""Pipe tables for the Markdown that Python writes (``score``, ``sensitivity``, ``vfm``, ``diff``).

The report's Markdown is laid out by its Jinja templates instead (``templates/``). Cells are
user text or figures, escaped here with :func:`appraisal.text.md`, so a ``|`` in an option's
name stays in its cell. Columns are numbered as the terminal tables number them
(:class:`appraisal.render.terminal.Table`): the ``numeric`` ones are aligned right.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from appraisal.text import md


def pipe_row(cells: Sequence[object]) -> str:
    """One row, each cell escaped: ``| a | b |``."""
    return "| " + " | ".join(md(cell) for cell in cells) + " |"


def pipe_rule(columns: int, numeric: Collection[int] = ()) -> str:
    """The line under the header: ``---`` for text columns, ``---:`` for numeric ones."""
    return "|" + "|".join("---:" if i in numeric else "---" for i in range(columns)) + "|"


def pipe_table(headers: Sequence[str], rows: Iterable[Sequence[object]], numeric: Collection[int] = ()) -> list[str]:
    """The table's lines: header, rule, then one line per row."""
    return [pipe_row(headers), pipe_rule(len(headers), numeric), *(pipe_row(row) for row in rows)]

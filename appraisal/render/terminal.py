"""Text for a terminal: tables drawn by rich on a terminal, plain aligned text everywhere else.

Every command's ``--format table`` goes through :func:`render`, so they all behave alike:
colour and box drawing for a person at a terminal, fitted to its width; plain columns for
pipes, files and CI logs (and no rich import on that path), the same bytes whatever the
terminal, unless ``COLUMNS`` is set: then tables and paragraphs are wrapped to fit that many
columns, long names over several lines (see docs/output.md).
User text never reaches the terminal raw: control characters and bidirectional overrides
are shown as escapes (an option named ``"\\x1b[2J"`` cannot clear the screen), and rich
markup in it (``[bold]``) is printed as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from appraisal.text import visible


def _cell(text: str) -> str:
    return visible(" ".join(text.splitlines()))


@dataclass(frozen=True)
class Table:
    """A table of strings: which columns are right-aligned, which rows are of lesser note."""

    title: str | None
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    right: Collection[int] = field(default_factory=frozenset)
    dim: Collection[int] = field(default_factory=frozenset)
    """Rows shown dimmed on a terminal (options that fail a gate, say)."""
    short: Sequence[str] | None = None
    """Shorter headers (``1 (30%)``) for a width the full ones cannot fit without breaking a
    word; :attr:`legend` then follows the table, saying what they stand for."""
    legend: str = ""


Block = str | Table
"""A paragraph of text, or a table."""


GAP = 2
"""Spaces between the columns of a plain table."""
NARROWEST = 6
"""A column with no word to keep whole (an empty one) is not made narrower than this."""


def render(blocks: Sequence[Block], *, terminal: bool) -> str:
    """Paragraphs and tables, in order: with rich for a terminal, as plain text otherwise.

    Words are never broken: a cell wraps at its spaces (a table whose words cannot all fit the
    width runs over), and a table too wide for one line a row takes its :attr:`Table.short`
    headers and a legend.
    """
    if terminal:
        import shutil

        return _rich(_for_width(blocks, shutil.get_terminal_size().columns))
    width = asked_width()
    return _plain(_for_width(blocks, width), width)


def _for_width(blocks: Sequence[Block], width: int | None) -> list[Block]:
    """Each table with its short headers and legend where it does not fit ``width`` on one line a row."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and block.short is not None and width is not None \
                and _natural(block.headers, block.rows) > width:
            out += [replace(block, headers=block.short, short=None), block.legend]
        else:
            out.append(block)
    return out


def _words(cells: Sequence[Sequence[str]]) -> list[int]:
    """The longest word (or part of a path) of each column: the narrowest it can be without breaking one."""
    return [max((len(part) for row in cells for word in _cell(row[i]).split() for part in _PATH_PARTS.findall(word)),
                default=0) for i in range(len(cells[0]))]


def _natural(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """The width a table takes with no cell wrapped, gaps included."""
    return sum(max(len(_cell(row[i])) for row in [headers, *rows]) for i in range(len(headers))) \
        + GAP * (len(headers) - 1)


def asked_width() -> int | None:
    """The width ``COLUMNS`` asks plain output to fit (None when unset or not a sensible number)."""
    text = os.environ.get("COLUMNS", "")
    return int(text) if text.isdigit() and 20 <= int(text) <= 10_000 else None


def _plain(blocks: Sequence[Block], width: int | None) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            text = visible(block)
            out += _wrap(text, width) if width and text else [text]
            continue
        cells = [[_cell(c) for c in row] for row in [block.headers, *block.rows]]
        widths = fit([max(len(row[i]) for row in cells) for i in range(len(block.headers))], _words(cells), width)
        if block.title:
            out += [*(_wrap(visible(block.title), width) if width else [visible(block.title)]), ""]
        out += [*_lines(cells[0], widths, block.right), _line(["-" * w for w in widths], widths, block.right)]
        for row in cells[1:]:
            out += _lines(row, widths, block.right)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def fit(natural: list[int], keep: list[int], width: int | None) -> list[int]:
    """Column widths that fit ``width`` with their gaps: the widest column gives way first, none
    below its entry in ``keep`` (its longest word, so no word or number is
    broken). When even that is too wide, the narrowest widths are used and the table runs over."""
    widths = list(natural)
    if width is None:
        return widths
    floor = [min(n, k or NARROWEST) for n, k in zip(natural, keep, strict=False)]
    while sum(widths) + GAP * (len(widths) - 1) > width:
        shrinkable = [i for i, w in enumerate(widths) if w > floor[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: (widths[i], -i))
        widths[widest] -= 1
    return widths


def _wrap(text: str, width: int | None) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces (and after the ``/``
    of a path), never inside a word: a word longer than ``width`` has a line of its own."""
    if width is None or len(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        for n, piece in enumerate(_PATH_PARTS.findall(word)):
            glue = "" if n or not line else " "
            if line and len(line) + len(glue) + len(piece) > width:
                lines.append(line)
                line, glue = "", ""
            line += glue + piece
    return [*lines, line]


_PATH_PARTS = re.compile(r"[^/]*/+(?=[^/])|[^/]+/*|/+")
"""A word in the pieces a line may end after: ``a/b/c.yaml`` as ``a/``, ``b/``, ``c.yaml``."""


def _line(row: Sequence[str], widths: list[int], right: Collection[int]) -> str:
    return (" " * GAP).join(c.rjust(w) if i in right else c.ljust(w)
                            for i, (c, w) in enumerate(zip(row, widths, strict=False))).rstrip()


def _lines(row: Sequence[str], widths: list[int], right: Collection[int]) -> list[str]:
    """One table row, each cell wrapped to its column's width, as one or more lines."""
    wrapped = [_wrap(c, w) if len(c) > w else [c] for c, w in zip(row, widths, strict=False)]
    height = max(len(w) for w in wrapped)
    return [_line([w[n] if n < len(w) else "" for w in wrapped], widths, right) for n in range(height)]


def _rich(blocks: Sequence[Block]) -> str:
    import io
    import shutil

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    buffer = io.StringIO()
    console = Console(file=buffer, width=shutil.get_terminal_size().columns, force_terminal=True,
                      highlight=False, emoji=False)
    for block in blocks:
        if isinstance(block, str):
            console.print(escape(visible(block)))
            continue
        table = RichTable(title=escape(visible(block.title)) if block.title else None)
        least = _words([block.headers, *block.rows])
        for i, header in enumerate(block.headers):
            table.add_column(escape(_cell(header)), justify="right" if i in block.right else "left", overflow="fold",
                             min_width=least[i])
        for n, row in enumerate(block.rows):
            table.add_row(*(escape(_cell(c)) for c in row), style="dim" if n in block.dim else None)
        console.print(table)
    return buffer.getvalue()

"""Text for a terminal: tables drawn by rich on a terminal, plain aligned text everywhere else.

Every command's ``--format table`` goes through :func:`render`, so they all behave alike:
colour and box drawing for a person at a terminal; plain columns for pipes, files and CI
logs, the same bytes whatever the terminal's width (and no rich import on that path).
User text never reaches the terminal raw: control characters and bidirectional overrides
are shown as escapes (an option named ``"\\x1b[2J"`` cannot clear the screen), and rich
markup in it (``[bold]``) is printed as written.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

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


Block = str | Table
"""A paragraph of text, or a table."""


def render(blocks: Sequence[Block], *, terminal: bool) -> str:
    """Paragraphs and tables, in order: with rich for a terminal, as plain text otherwise."""
    return _rich(blocks) if terminal else _plain(blocks)


def _plain(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out.append(visible(block))
            continue
        cells = [[_cell(c) for c in row] for row in [block.headers, *block.rows]]
        widths = [max(len(row[i]) for row in cells) for i in range(len(block.headers))]

        def line(row: Sequence[str], widths: list[int] = widths, right: Collection[int] = block.right) -> str:
            return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

        if block.title:
            out += [visible(block.title), ""]
        out += [line(cells[0]), line(["-" * w for w in widths]), *(line(r) for r in cells[1:]), ""]
    return "\n".join(out).rstrip("\n") + "\n"


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
        for i, header in enumerate(block.headers):
            table.add_column(escape(_cell(header)), justify="right" if i in block.right else "left", overflow="fold")
        for n, row in enumerate(block.rows):
            table.add_row(*(escape(_cell(c)) for c in row), style="dim" if n in block.dim else None)
        console.print(table)
    return buffer.getvalue()

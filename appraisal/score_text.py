"""Human formats of ``appraise score``: Markdown and the rich terminal table."""

from __future__ import annotations

import io
import shutil

from appraisal.scoring import Result
from appraisal.summary import headline, matrix
from appraisal.text import md

def to_markdown(result: Result) -> str:
    """A heading, the headline, a pipe table and the options not taken forward."""
    headers, rows = matrix(result)
    title = md(result.title) + (f" ({md(result.scenario)})" if result.scenario else "")
    lines = [f"# {title}", "", md(headline(result)), ""]
    lines.append("| " + " | ".join(md(h) for h in headers) + " |")
    lines.append("|" + "|".join("---:" if i in (0, 2) or 2 < i < len(headers) - 1 else "---" for i in range(len(headers))) + "|")
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    if result.discounted:
        lines += ["", "Not taken forward:", ""]
        lines += [f"- {md(d.name)} ({md(d.id)}): {md(d.reason)}" for d in result.discounted]
    return "\n".join(lines) + "\n"


def to_table(result: Result, *, terminal: bool) -> str:
    """The ranking as a table: drawn by rich for a terminal, plain aligned text otherwise.

    Plain text is what pipes, files and CI logs want (no box drawing, no colour), and it
    keeps rich off the start-up path of non-interactive runs.
    """
    return _rich_table(result) if terminal else _plain_table(result)


def _plain_table(result: Result) -> str:
    headers, rows = matrix(result, names=False)
    numeric = {0, 2, *range(3, len(headers) - 1)}
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    title = result.title + (f" ({result.scenario})" if result.scenario else "")
    out = [title, "", line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows), "", headline(result)]
    out += [f"Not taken forward: {d.id}: {d.reason}" for d in result.discounted]
    return "\n".join(out) + "\n"


def _rich_table(result: Result) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    headers, rows = matrix(result, names=False)
    title = result.title + (f" ({result.scenario})" if result.scenario else "")
    table = Table(title=escape(title), caption=escape(headline(result)), show_lines=False)
    for i, h in enumerate(headers):
        table.add_column(escape(h), justify="right" if i in (0, 2) or 2 < i < len(headers) - 1 else "left")
    for row, option in zip(rows, result.options):
        table.add_row(*(escape(cell) for cell in row), style=None if option.eligible else "dim")
    buffer = io.StringIO()
    console = Console(file=buffer, width=shutil.get_terminal_size().columns, force_terminal=True,
                      highlight=False, emoji=False)
    console.print(table)
    for d in result.discounted:
        console.print(f"Not taken forward: {escape(d.id)}: {escape(d.reason)}", style="dim")
    return buffer.getvalue()

"""Human formats of ``appraise score``: Markdown and the rich terminal table."""

from __future__ import annotations

import io
import shutil

from appraisal.scoring import Result
from appraisal.summary import headline, matrix
from appraisal.text import md

TABLE_WIDTH = 120
"""Width of the table when it is not going to a terminal, so files are the same everywhere."""


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
    """The ranking as a rich table: coloured for a terminal, plain and fixed-width otherwise."""
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
    width = shutil.get_terminal_size((TABLE_WIDTH, 24)).columns if terminal else TABLE_WIDTH
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=not terminal,
                      color_system="auto" if terminal else None, highlight=False, emoji=False)
    console.print(table)
    for d in result.discounted:
        console.print(f"Not taken forward: {escape(d.id)}: {escape(d.reason)}", style="dim")
    return buffer.getvalue()

"""Human formats of ``appraise score``: Markdown and the terminal table."""

from __future__ import annotations

from appraisal.render.panel import filled_note
from appraisal.render.ranking import headline, matrix
from appraisal.scoring.weighted_sum import Result
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
    note = filled_note(result.appraisal)
    if note:
        lines += ["", md(note)]
    return "\n".join(lines) + "\n"


def to_table(result: Result, *, terminal: bool) -> str:
    """The ranking as a table (rich on a terminal, plain text otherwise: see termtable)."""
    from appraisal.render.terminal import Table, render

    headers, rows = matrix(result, names=False)
    title = result.title + (f" ({result.scenario})" if result.scenario else "")
    numeric = {0, 2, *range(3, len(headers) - 1)}
    dim = {n for n, o in enumerate(result.options) if not o.eligible}
    notes = [f"Not taken forward: {d.id}: {d.reason}" for d in result.discounted]
    notes += [note] if (note := filled_note(result.appraisal)) else []
    return render([Table(title, headers, rows, numeric, dim), headline(result), *notes], terminal=terminal)

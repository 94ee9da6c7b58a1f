"""Human formats of ``appraise score``: Markdown and the terminal table."""

from __future__ import annotations

from collections.abc import Sequence

from appraisal.render.exempt import FOOTNOTE
from appraisal.render.markdown import pipe_table
from appraisal.render.panel import filled_note
from appraisal.render.ranking import POINTS, headline, matrix, short_headers
from appraisal.render.weights import filled_weights_note
from appraisal.scoring.weighted_sum import Result
from appraisal.text import md, noticed, titled


def to_markdown(result: Result) -> str:
    """A heading, the headline, a pipe table and the options not taken forward."""
    headers, rows = matrix(result)
    lines = [f"# {titled(result.title, result.scenario, md)}", "", *noticed(result.notice, md),
             md(headline(result)), ""]
    lines += pipe_table(headers, rows, _numeric(headers))
    lines += ["", md(POINTS)]
    if result.appraisal.exempt:
        lines += ["", md(FOOTNOTE)]
    if result.discounted:
        lines += ["", "Not taken forward:", ""]
        lines += [f"- {md(d.name)} ({md(d.id)}): {md(d.reason)}" for d in result.discounted]
    for note in (filled_weights_note(result), filled_note(result)):
        if note:
            lines += ["", md(note)]
    return "\n".join(lines) + "\n"


def to_table(result: Result, *, terminal: bool) -> str:
    """The ranking as a table (rich on a terminal, plain text otherwise: see termtable)."""
    from appraisal.render.terminal import Table, render

    headers, rows = matrix(result, ids=False)
    short, legend = short_headers(result)
    title = titled(result.title, result.scenario)
    numeric = _numeric(headers)
    dim = {n for n, o in enumerate(result.options) if not o.eligible}
    table = Table(title, headers, rows, numeric, dim, [*headers[:3], *short, headers[-1]], legend)
    notes = [POINTS, *([FOOTNOTE] if result.appraisal.exempt else [])]
    notes += [f"Not taken forward: {d.name}: {d.reason}" for d in result.discounted]
    notes += [note for note in (filled_weights_note(result), filled_note(result)) if note]
    return render([*noticed(result.notice)[:1], table, headline(result), *notes], terminal=terminal)


def _numeric(headers: Sequence[str]) -> set[int]:
    """Rank, total and the criteria's points: every column but the option and its gates."""
    return {0, 2, *range(3, len(headers) - 1)}

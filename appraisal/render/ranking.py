"""The ranking as a table of strings, shared by the terminal table and Markdown output."""

from __future__ import annotations

from appraisal.analysis.dominance import dominators
from appraisal.render.exempt import marked
from appraisal.scoring.weighted_sum import Result
from appraisal.text import percent, points, series, shortened

POINTS = ("The figures are points: each criterion's column is out of its weight (the percentage), and they add "
          "up to the total, out of 100.")
"""What the ranking's figures are, said under its table."""


def short_headers(result: Result) -> tuple[list[str], str]:
    """The criterion headers of :func:`matrix` numbered (``1 (30%)``) for a narrow terminal, and
    the legend that names them."""
    top = [c for c in result.criteria if c.parent is None]
    legend = "Criteria: " + "; ".join(f"{n} {c.name}" for n, c in enumerate(top, 1)) + "."
    return [f"{n} ({percent(c.weight, 0)})" for n, c in enumerate(top, 1)], legend


def matrix(result: Result, *, ids: bool = True) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: rank, option, total, each top-level criterion's contribution, gates.

    Criterion headers carry their weight as a share of the whole, so the columns read as
    "points out of that weight"; the contributions of a row add up to its total. Options,
    criteria and gates are shown by name; with ``ids`` (Markdown, for the analyst who writes a
    scenario) an option's id follows its name. In a tender evaluation the option column is
    headed "Tender" (docs/tenders.md).
    A dominated option is marked with the options that dominate it (:mod:`appraisal.analysis.dominance`),
    and one whose costs are exempt with :data:`~appraisal.render.exempt.MARK`.
    """
    top = [c for c in result.criteria if c.parent is None]
    headers = ["Rank", result.appraisal.words.option.capitalize(), "Total",
               *(f"{c.name} ({percent(c.weight, 0)})" for c in top), "Gates"]
    rows = []
    dominated = dominators(result)
    gate_names = result.appraisal.frame.gate_names()
    for o in result.options:
        rank = str(o.rank) if o.rank is not None else "-"
        failed = [gate_names.get(g, g) for g in o.failed_gates]
        gates = "passed" if o.eligible else "failed: " + "; ".join(failed if ids else map(shortened, failed))
        name = (f"{o.name} ({o.id})" if ids else shortened(o.name)) + (" [baseline]" if o.baseline else "")
        if dominated[o.id]:
            by = dominated[o.id] if ids else [shortened(result.option(d).name) for d in dominated[o.id]]
            name += f" [dominated by {', '.join(by)}]"
        name = marked(name, o.id in result.appraisal.exempt)
        rows.append([rank, name, points(o.total), *(points(o.cells[c.id].contribution) for c in top), gates])
    return headers, rows


def headline(result: Result) -> str:
    """One sentence: the preferred option and its margin, or why there is none."""
    ranked = [o for o in result.options if o.rank is not None]
    w = result.appraisal.words
    if not result.options:
        return f"No {w.option} is shortlisted, so none is ranked and there is no {w.preferred}."
    if not ranked:
        return f"No {w.option} passes every gate, so none is ranked and there is no {w.preferred}."
    if result.preferred is None:
        tied = series(o.id for o in ranked if o.rank == 1)
        return f"No single {w.preferred}: {tied} tie for first at {points(ranked[0].total)}."
    top = ranked[0]
    if len(ranked) == 1:
        return f"{w.best.capitalize()}: {top.name} ({top.id}) with {points(top.total)}, the only {w.option} ranked."
    margin = top.total - ranked[1].total
    return (
        f"{w.best.capitalize()}: {top.name} ({top.id}) with {points(top.total)}, "
        f"{points(margin)} points ahead of {ranked[1].name} ({ranked[1].id})."
    )

"""The ranking as a table of strings, shared by the terminal table and Markdown output."""

from __future__ import annotations

from appraisal.analysis.dominance import dominators
from appraisal.render.exempt import marked
from appraisal.scoring.weighted_sum import Result
from appraisal.text import percent, points, series, vocabulary


def matrix(result: Result, *, names: bool = True) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: rank, option, total, each top-level criterion's contribution, gates.

    Criterion headers carry their weight as a share of the whole, so the columns read as
    "points out of that weight"; the contributions of a row add up to its total. With
    ``names=False`` (the terminal) options and criteria are shown by id, to keep it narrow.
    In a tender evaluation the option column is headed "Tender" (docs/tenders.md).
    A dominated option is marked with the options that dominate it (:mod:`appraisal.analysis.dominance`),
    and one whose costs are exempt with :data:`~appraisal.render.exempt.MARK`.
    """
    top = [c for c in result.criteria if c.parent is None]
    headers = ["Rank", vocabulary(result.appraisal.tender).option.capitalize(), "Total",
               *(f"{c.name if names else c.id} ({percent(c.weight, 0)})" for c in top), "Gates"]
    rows = []
    dominated = dominators(result)
    for o in result.options:
        rank = str(o.rank) if o.rank is not None else "-"
        gates = "passed" if o.eligible else "failed: " + ", ".join(o.failed_gates)
        name = (f"{o.name} ({o.id})" if names else o.id) + (" [baseline]" if o.baseline else "")
        if dominated[o.id]:
            name += f" [dominated by {', '.join(dominated[o.id])}]"
        name = marked(name, o.id in result.appraisal.exempt)
        rows.append([rank, name, points(o.total), *(points(o.cells[c.id].contribution) for c in top), gates])
    return headers, rows


def headline(result: Result) -> str:
    """One sentence: the preferred option and its margin, or why there is none."""
    ranked = [o for o in result.options if o.rank is not None]
    w = vocabulary(result.appraisal.tender)
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

"""The report's tables across options: the summary, the scoring matrix (and its chart) and the
financial summary against the budget.
"""

from __future__ import annotations

from typing import Any

from appraisal.finance.discounting import describe
from appraisal.render.charts import PALETTE, stacked_bars
from appraisal.report.base import (
    EXEMPT,
    MAX_DETAILED_OPTIONS,
    Inputs,
    criterion_refs,
    gate_names,
    gates_text,
)
from appraisal.report.withhold import Withheld
from appraisal.scoring.weighted_sum import OptionResult
from appraisal.text import Words, number, percent, plural, points, series

MATRIX_COLUMNS = 5
"""Options per scoring-matrix table: each option takes two columns (score and points), and
five fit an A4 page in portrait; more options give more tables, each with the same rows."""


def summary(inputs: Inputs) -> dict[str, Any]:
    """Every shortlisted option: rank, total, gates, annual and whole-life cost."""
    names = gate_names(inputs.appraisal)
    shown = {o.id for o in inputs.detailed}
    rows = [
        {"option": inputs.record(o), "gates": gates_text(o, names), "detailed": o.id in shown,
         "annual": inputs.cost(o.id, o.measures.get("annual_cost")),
         "whole_life": inputs.cost(o.id, o.measures.get("whole_life_cost"))}
        for o in inputs.result.options
    ]
    years = inputs.appraisal.frame.finance.years or 1
    return {"rows": rows, "years": years, "discounted": len(inputs.result.discounted)}


def _cell(inputs: Inputs, option: OptionResult, criterion_id: str, measure: str | None) -> dict[str, str]:
    cell = option.cells[criterion_id]
    if cell.score is not None:
        score = number(cell.score)
    elif measure is not None and cell.measure is not None:
        score = inputs.measured(option.id, measure, cell.measure)
    else:
        score = ""
    return {"score": score, "points": inputs.points(option, criterion_id)}


def matrix(inputs: Inputs) -> dict[str, Any]:
    """Every criterion against every option shown: raw score, points, totals; and the chart."""
    refs = criterion_refs(inputs.result)
    criteria = inputs.result.criteria
    groups = []
    for start in range(0, len(inputs.detailed), MATRIX_COLUMNS):
        shown = inputs.detailed[start:start + MATRIX_COLUMNS]
        groups.append({
            "first": start + 1,
            "last": start + len(shown),
            "options": [inputs.record(o) for o in shown],
            "rows": [
                {"ref": refs[c.id], "name": c.name, "depth": c.depth, "leaf": c.is_leaf,
                 "weight": percent(c.weight),
                 "cells": [_cell(inputs, o, c.id, c.measure) for o in shown]}
                for c in criteria
            ],
        })
    top = [c for c in criteria if c.parent is None]
    series = [c.name for c in top]
    chart_rows = [
        {"option": inputs.record(o), "points": [inputs.points(o, c.id) for c in top]}
        for o in inputs.detailed
    ]
    hidden = inputs.withheld
    chart = stacked_bars(
        [(o.name, [None if hidden.cell(o.id, c.id) else o.cells[c.id].contribution for c in top],
          inputs.record(o)["total"], o.eligible) for o in inputs.detailed],
        series,
    )
    return {
        "groups": groups,
        "count": len(inputs.detailed),
        "left_out": inputs.left_out,
        "top": min(len(inputs.result.options), MAX_DETAILED_OPTIONS),
        "with_baseline": len(inputs.detailed) > MAX_DETAILED_OPTIONS,
        "limit": MAX_DETAILED_OPTIONS,
        "series": [{"ref": refs[c.id], "name": c.name, "weight": percent(c.weight),
                    "colour": PALETTE[j % len(PALETTE)]} for j, c in enumerate(top)],
        "chart": chart,
        "chart_rows": chart_rows,
        "chart_description": _chart_description(inputs.detailed, inputs.words, inputs.withheld),
    }


def _chart_description(options: tuple[OptionResult, ...], w: Words, withheld: Withheld) -> str:
    """The chart in words, for screen readers and for the Markdown report."""
    if not options:
        return f"There are no {w.shortlisted} {w.options} to chart."
    text = (f"A horizontal stacked bar for each of the {plural(len(options), w.option, w.options)} shown, "
            "in rank order, giving its total out of 100 split into the points from each top-level criterion. ")
    hidden = [o.name for o in options if withheld.total(o.id)]
    if hidden:
        text += (f"The points worked out from exempt cost figures are left out of the bars, and the totals of "
                 f"{series(hidden)} are withheld. ")
    options = tuple(o for o in options if not withheld.total(o.id))
    if not options:
        return text + "The table after the chart gives every figure shown."
    best = max(options, key=lambda o: o.total)
    worst = min(options, key=lambda o: o.total)
    if best is worst:
        return text + f"{best.name} has {points(best.total)} points."
    return text + (f"Totals range from {points(best.total)} ({best.name}) to {points(worst.total)} "
                   f"({worst.name}). The table after the chart gives every figure.")


def finance(inputs: Inputs) -> dict[str, Any]:
    """Costs of each option shown against the annual budget: headroom, whole-life cost, NPV."""
    settings = inputs.appraisal.frame.finance
    years = settings.years or 1
    budget = settings.budget
    rows = []
    for o in inputs.detailed:
        annual = o.measures.get("annual_cost")
        headroom = None
        if budget is not None and annual is not None:
            gap = budget - annual
            headroom = (EXEMPT if inputs.withheld.cost(o.id) else f"{inputs.money(gap)} under" if gap > 0 else
                        "on budget" if gap == 0 else f"{inputs.money(-gap)} over")
        lines = o.cost_lines
        upfront = None if lines is None else sum(lines["one_off"]) + sum(lines["capital"])
        rows.append({
            "option": inputs.record(o),
            "one_off": inputs.cost(o.id, upfront),
            "annual": inputs.cost(o.id, annual),
            "headroom": headroom or "",
            "over": budget is not None and annual is not None and annual > budget,
            "whole_life": inputs.cost(o.id, o.measures.get("whole_life_cost")),
            "npv": inputs.cost(o.id, o.measures.get("npv_cost")),
        })
    return {
        "budget": inputs.money(budget) if budget is not None else None,
        "budget_total": inputs.money(budget * years) if budget is not None else None,
        "years": years,
        "rate": describe(settings),
        "capital": any(getattr(inputs.option(o.id).costs, "capital", None) is not None for o in inputs.detailed),
        "rows": rows,
        "left_out": inputs.left_out,
    }

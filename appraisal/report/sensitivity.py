"""The report's sensitivity section: switching values in plain words, rank probabilities, dominance.

:func:`sensitivity_section` is a section builder in the report's pattern
(:mod:`appraisal.report.context`): report inputs in, plain formatted data out, rendered by
``templates/partials/sensitivity.{md,html}.j2``. The rank-probability chart reuses the report's
stacked bars (:func:`appraisal.render.charts.stacked_bars`, drawn by ``partials/stacked_bars.svg.j2``
as inline SVG with no JavaScript): one bar per option, split by the share of samples in which it
took each place; its text alternative is ``chart_description`` and the table after it.

The Monte Carlo uses the command's defaults (10,000 samples, seed 0, Dirichlet weights, triangular
score ranges), so the report is reproducible; for very large appraisals the samples are cut so
that the run stays within :data:`~appraisal.report.base.REPORT_WORK` sampled cells (never below
1,000), and the text says how many were drawn. The analysis is run once, by
:attr:`~appraisal.report.base.Inputs.sensitivity`, and shared with the recommendation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appraisal.analysis.dominance import dominators
from appraisal.analysis.montecarlo import weight_spread
from appraisal.analysis.switching import Switch
from appraisal.render.charts import stacked_bars
from appraisal.render.exempt import GROUNDS
from appraisal.render.sensitivity import (
    apart,
    describe,
    no_preferred,
    place_cells,
    place_headers,
    place_shares,
    sentence,
    switching_intro,
)
from appraisal.report.base import EXEMPT
from appraisal.scoring.weighted_sum import OptionResult
from appraisal.text import Words, percent, plural, series

if TYPE_CHECKING:
    from appraisal.report.base import Inputs

SAMPLES_WITHHELD = (f"withheld. Each sample compares every {{option}}'s total, and some of those totals are worked "
                    f"out from exempt cost figures ({GROUNDS}), so the shares would give them back.")


def hidden_sides(inputs: Inputs, w: Switch) -> tuple[bool, bool]:
    """Whether each switching value (lower, upper) is withheld: it is where the preferred option's
    total meets another's, so it is worked out from both totals."""
    preferred = inputs.result.preferred or ""
    return (w.lower is not None and inputs.withheld.points(preferred, w.below or ""),
            w.upper is not None and inputs.withheld.points(preferred, w.above or ""))


def _withheld_sentence(inputs: Inputs, w: Switch, preferred: str, names: dict[str, str]) -> str:
    """:func:`sentence` for a switch with a withheld value: which way it goes and who then leads."""
    hidden = hidden_sides(inputs, w)
    moves = []
    for value, by, verb, masked in ((w.lower, w.below, "falls below", hidden[0]),
                                    (w.upper, w.above, "rises above", hidden[1])):
        if value is not None and by is not None:
            shown = "a withheld value" if masked else apart(value, w.weight)
            moves.append(f"{verb} {shown} ({names[by]} is then {inputs.words.best})")
    return (f"{preferred} stays {inputs.words.best} unless the weight on {w.name} (now {percent(w.weight)}) "
            f"{series(moves, 'or')}; a value worked out from exempt cost figures is withheld.")

def sensitivity_section(inputs: Inputs) -> dict[str, Any]:
    """Switching values, rank probabilities and dominated options, as text and table cells."""
    result = inputs.result
    ranked = [o for o in result.options if o.rank is not None]
    s = inputs.sensitivity
    names = {o.id: o.name for o in result.options}
    shown = [o for o in inputs.detailed if o.rank is not None]
    mc = s.montecarlo
    headers = place_headers(len(mc.rank_probabilities))
    samples = not inputs.withheld.samples
    if not samples:
        shown = []
    rows = [{"name": o.name, "id": o.id, "cells": place_cells(mc.rank_probabilities[o.id])} for o in shown]
    preferred = result.preferred
    switches = [w for w in s.switching if w.lower is not None or w.upper is not None]
    dominated = dominators(result)
    chart = stacked_bars(
        [(o.name, [100 * p for p in place_shares(mc.rank_probabilities[o.id])], f"{row['cells'][0]} first", True)
         for o, row in zip(shown, rows, strict=True)],
        [f"{h} place" for h in headers], fmt="{:.1f}%",
    )
    depth = {c.id: c.depth for c in result.criteria}
    words = inputs.words
    return {
        "preferred": names[preferred] if preferred else "",
        "no_preferred": "" if preferred else no_preferred(result.options, _name, words),
        "intro": switching_intro(words),
        "sentences": [_withheld_sentence(inputs, w, names[preferred], names) if any(hidden_sides(inputs, w))
                      else sentence(w, names[preferred], names.__getitem__, w.name, words) for w in switches]
        if preferred else [],
        "stays_otherwise": bool(preferred) and len(switches) < len(s.switching),
        "any_switch": bool(switches),
        "switching": [
            {"name": w.name, "depth": depth[w.criterion], "weight": percent(w.weight),
             "lower": "" if w.lower is None else EXEMPT if low else apart(w.lower, w.weight),
             "below": names.get(w.below or "", ""),
             "upper": "" if w.upper is None else EXEMPT if high else apart(w.upper, w.weight),
             "above": names.get(w.above or "", "")}
            for w in s.switching for low, high in [hidden_sides(inputs, w)]
        ] if preferred else [],
        "robustness": _robustness(names, mc.preferred, mc.preferred_probability, mc.settings.samples, words)
        if samples else "",
        "method": describe(mc.settings, words, weight_spread(result, mc.settings)) if samples
        else SAMPLES_WITHHELD.format(option=words.option),
        "headers": headers,
        "rows": rows,
        "left_out": len(ranked) - len(shown),
        "chart": chart,
        "chart_title": f"Share of samples in which each {words.option} took each place",
        "chart_unit": "",
        "chart_description": _chart_description(rows, mc.settings.samples, words) if samples else "",
        "dominated": [_dominated(o.id, dominated[o.id], names) for o in inputs.detailed if dominated[o.id]],
        "dominated_left_out": sum(1 for by in dominated.values() if by)
        - sum(1 for o in inputs.detailed if dominated[o.id]),
    }


def _dominated(option: str, by: tuple[str, ...], names: dict[str, str]) -> str:
    """"B (by A, C)", naming at most three dominators."""
    more = f" and {len(by) - 3} more" if len(by) > 3 else ""
    return f"{names[option]} (by {', '.join(names[d] for d in by[:3])}{more})"


def _name(option: OptionResult) -> str:
    return option.name


def _robustness(names: dict[str, str], preferred: str | None, share: float | None, samples: int,
                words: Words) -> str:
    if preferred is None or share is None:
        return ""
    return f"{names[preferred]} stays {words.best} in {percent(share)} of {plural(samples, 'sample')}."


def _chart_description(rows: list[dict[str, Any]], samples: int, words: Words) -> str:
    """The chart in words, for screen readers and for the Markdown report."""
    if not rows:
        return f"There are no ranked {words.options} to chart."
    firsts = "; ".join(f"{r['name']} {r['cells'][0]}" for r in rows)
    return (f"A horizontal bar for each ranked {words.option}, in rank order, split by the share of {samples:,} "
            f"samples in which it took each place, first on the left. First place: {firsts}. "
            "The table after the chart gives every share.")

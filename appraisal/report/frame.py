"""The report's opening sections: the recommendation and the method.

The method section says in words what the scoring rules (README.md) say in formulas, so a committee
member can check any number in the appendix by hand: weights as shares of the whole, the
scoring scale and its labels, the gates, and each measured criterion's value function.
"""

from __future__ import annotations

from typing import Any

from appraisal.model.criteria import BUDGET_GATE, Points, Scale, threshold_gate
from appraisal.report.base import (
    Inputs,
    criterion_refs,
    figure_text,
    gate_names,
    measure_name,
)
from appraisal.report.caveats import fragility, gate_effects
from appraisal.report.equality import preferred_gaps
from appraisal.report.weights import weights_set
from appraisal.scoring.weighted_sum import CriterionInfo
from appraisal.text import Words, number, percent, points, series


def no_gate_description(w: Words) -> str:
    """What the method's gate table says of a gate given no description, so no cell is left empty."""
    return f"As its name says; whether each {w.option} passes is shown with the {w.option}."


def recommendation(inputs: Inputs) -> dict[str, Any]:
    """The preferred option, its total and margin; or, in plain words, why there is none. Then
    the warnings that go with it (:mod:`appraisal.report.caveats`): when it is fragile, and when
    a gate failure has moved the other options' points."""
    w = inputs.words
    ranked = [o for o in inputs.result.options if o.rank is not None]
    names = gate_names(inputs.appraisal)
    failing = [
        {"option": inputs.record(o), "gates": [names.get(g, g) for g in o.failed_gates]}
        for o in inputs.result.options if o.rank is None
    ]
    out: dict[str, Any] = {"preferred": None, "runner_up": None, "margin": None, "tied": [], "failing": failing,
                           "gate_note": gate_effects(inputs), "fragile": fragility(inputs),
                           "equality": preferred_gaps(inputs.appraisal, inputs.result.preferred)}
    if not ranked:
        out["kind"] = "none"
        out["sentence"] = (f"No {w.option} passes every gate, so no {w.option} is ranked and there is no "
                           f"{w.preferred}. The totals below show what each would have scored.")
        return out
    top = [o for o in ranked if o.rank == 1]
    if len(top) > 1:
        out["kind"] = "tie"
        out["tied"] = [inputs.record(o) for o in top]
        shown = [r["total"] for r in out["tied"] if not r["total_withheld"]]
        each = f" with {shown[0]} points each out of 100" if shown else ""
        out["sentence"] = f"There is no single {w.preferred}: {series(o.name for o in top)} tie for first place{each}."
        return out
    first = top[0]
    out["preferred"] = best = inputs.record(first)
    if len(ranked) == 1:
        out["kind"] = "only"
        out["sentence"] = (f"The {w.preferred} is {first.name}, with {best['total_text']}. "
                           f"It is the only {w.option} that passes every gate.")
        return out
    second = ranked[1]
    runner_up = inputs.record(second)
    out.update(kind="preferred", runner_up=runner_up)
    if inputs.withheld.points(first.id, second.id):
        out["sentence"] = (f"The {w.preferred} is {first.name}, with {best['total_text']}; the runner-up is "
                           f"{second.name}, with {runner_up['total_text']}.")
        return out
    margin = points(first.total - second.total)
    out["margin"] = margin
    out["sentence"] = (f"The {w.preferred} is {first.name}, with {best['total']} points out of "
                       f"100: {margin} points ahead of the runner-up, {second.name} ({runner_up['total']}).")
    return out


def _scale_text(scale: Scale) -> str:
    return f"Judged on a scale of {number(scale.min)} to {number(scale.max)}"


def _how(inputs: Inputs, c: CriterionInfo) -> str:
    """How a criterion gets its value, in a few words."""
    if c.children:
        return "Weighted mean of its sub-criteria"
    if c.measure:
        better = "lower is better" if c.direction == "lower" else "higher is better"
        return f"Measured: {measure_name(c.measure)}, {better}"
    assert c.scale is not None
    default = inputs.appraisal.frame.scale
    return _scale_text(c.scale) + ("" if c.scale == default else " (its own scale)")


def value_function_text(inputs: Inputs, c: CriterionInfo) -> str:
    """A measured criterion's value function in words (README.md, Scoring rules)."""
    return value_function_words(c, inputs.appraisal.frame.currency, inputs.words)


def value_function_words(c: CriterionInfo, currency: str, w: Words) -> str:
    """:func:`value_function_text` for a currency and words given directly (the assessment
    summaries', which are of tenders)."""
    assert c.measure is not None
    what = measure_name(c.measure)
    function = c.value_function
    if isinstance(function, Points):
        stops = "; ".join(f"{figure_text(c.measure, x, currency)} scores {v:.2f}" for x, v in function.points)
        first, last = function.points[0][1], function.points[-1][1]
        return (f"The value follows straight lines between these points: {stops}. Below the first "
                f"point the value stays at {first:.2f}, above the last at {last:.2f}.")
    pool = (f"among the {w.options} that pass every gate (or among all {w.shortlisted} {w.options} when none "
            "passes)")
    if function == "relative":
        if c.direction == "lower":
            return (f"The value is the lowest {what} {pool} divided by the {w.option}'s own {what}, "
                    "the usual procurement price formula: the cheapest scores 1, one costing twice "
                    "as much scores 0.5.")
        return (f"The value is the {w.option}'s own {what} divided by the highest {what} {pool}: "
                "the highest scores 1, one with half as much scores 0.5.")
    best, worst = ("lowest", "highest") if c.direction == "lower" else ("highest", "lowest")
    return (f"The {best} {what} {pool} scores 1 and the {worst} scores 0, with a straight line "
            f"between; {w.an_option} outside that range is held at 0 or 1. When all are equal, all score 1.")


def _scale_record(scale: Scale) -> dict[str, Any]:
    return {
        "min": number(scale.min),
        "max": number(scale.max),
        "labels": [{"score": number(k), "label": v} for k, v in sorted(scale.labels.items())],
    }


def method(inputs: Inputs) -> dict[str, Any]:
    """The criteria tree with weights and how they were set, the scale, the gates and the value functions."""
    refs = criterion_refs(inputs.result)
    frame = inputs.appraisal.frame
    criteria = [
        {"id": c.id, "ref": refs[c.id], "name": c.name, "depth": c.depth, "leaf": c.is_leaf,
         "local_weight": percent(c.local_weight), "weight": percent(c.weight), "how": _how(inputs, c)}
        for c in inputs.result.criteria
    ]
    measured = [
        {"ref": refs[c.id], "name": c.name, "measure": measure_name(c.measure),
         "text": value_function_text(inputs, c)}
        for c in inputs.result.criteria if c.measure and not c.children
    ]
    other_scales = [
        {"ref": refs[c.id], "name": c.name, "scale": _scale_record(c.scale)}
        for c in inputs.result.criteria if c.scale is not None and c.scale != frame.scale
    ]
    w = inputs.words
    gates = [{"id": g.id, "name": g.name, "description": g.description or no_gate_description(w)}
             for g in frame.gates]
    if frame.finance.budget is not None:
        gates.append({"id": BUDGET_GATE, "name": "Within budget", "description": (
            f"The {w.option}'s annual cost is no more than the budget of {inputs.money(frame.finance.budget)} "
            "a year (built in: it applies whenever a budget is set).")})
    gates += [{"id": threshold_gate(c.id), "name": f"Threshold: {c.name}", "description": (
        f"The agreed score on {c.name} is at least {c.threshold:g}; {w.an_option} scoring below it is "
        "disqualified: not ranked, its total still shown.")}
        for c in frame.all_criteria() if c.threshold is not None]
    return {
        "criteria": criteria,
        "scale": _scale_record(frame.scale),
        "other_scales": other_scales,
        "judged": any(c.scale is not None for c in inputs.result.criteria),
        "gates": gates,
        "value_functions": measured,
        "weights_set": weights_set(inputs),
    }

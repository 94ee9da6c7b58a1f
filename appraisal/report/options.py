"""The report's sections on single options: one per shortlisted option shown, and the options
not taken forward with the reasons.
"""

from __future__ import annotations

from typing import Any

from appraisal.finance.discounting import describe
from appraisal.model.criteria import Scale
from appraisal.model.option import Option, Risk
from appraisal.render.exempt import GROUNDS
from appraisal.report.base import (
    EXEMPT,
    Inputs,
    criterion_refs,
    figure,
    gate_names,
    gates_text,
    measure_name,
)
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult
from appraisal.text import number, percent, plural

RAG_BANDS = ((4, "green", "Green (low)"), (12, "amber", "Amber (medium)"), (25, "red", "Red (high)"))
"""Risk bands of likelihood x impact on the usual 5 x 5 matrix: 1-4 green, 5-12 amber,
15-25 red (no product of two numbers from 1 to 5 lies between 12 and 15). HM Treasury's Orange
Book (2020) leaves risk scoring to each organisation; these are the bands most councils' risk
registers use. Each band is written out in words, so colour is never the only cue (WCAG 2.2
success criterion 1.4.1)."""


EXEMPT_REASON = f"The figure is exempt information ({GROUNDS}), so not printed here."


def rag(product: int) -> tuple[str, str]:
    """The band of a likelihood x impact product: ('green', 'Green (low)') and so on."""
    for upper, band, label in RAG_BANDS:
        if product <= upper:
            return band, label
    return RAG_BANDS[-1][1], RAG_BANDS[-1][2]


def score_label(score: float, scale: Scale) -> str:
    """The scale's word for a score, or 'between Adequate and Good' for a score between two."""
    exact = scale.label(score)
    if exact is not None:
        return exact
    below = [k for k in scale.labels if k < score]
    above = [k for k in scale.labels if k > score]
    if below and above:
        return f"between {scale.labels[max(below)]} and {scale.labels[min(above)]}"
    return ""


def _risk(risk: Risk) -> dict[str, Any]:
    product = risk.likelihood * risk.impact
    band, label = rag(product)
    return {"risk": risk.risk, "likelihood": risk.likelihood, "impact": risk.impact, "score": product,
            "band": band, "band_label": label, "mitigation": risk.mitigation or "", "owner": risk.owner or ""}


def _scores(inputs: Inputs, result: OptionResult, option: Option) -> list[dict[str, Any]]:
    refs = criterion_refs(inputs.result)
    rows = []
    for c in inputs.result.criteria:
        cell = result.cells[c.id]
        row: dict[str, Any] = {"ref": refs[c.id], "name": c.name, "depth": c.depth, "leaf": c.is_leaf,
                               "points": inputs.points(result, c.id), "score": "", "out_of": "",
                               "label": "", "rationale": ""}
        if c.scale is not None and cell.score is not None:
            judged = option.scores[c.id]
            row.update(score=number(cell.score), out_of=number(c.scale.max),
                       label=score_label(cell.score, c.scale), rationale=judged.rationale or "")
        elif c.measure and cell.measure is not None:
            shown = inputs.measured(result.id, c.measure, cell.measure)
            row.update(score=shown, label="measured",
                       rationale=EXEMPT_REASON if shown == EXEMPT else
                       scale_withheld(inputs, c, cell.measure) if inputs.withheld.cell(result.id, c.id) else
                       measured_rationale(inputs, c, cell.measure, cell.value))
        rows.append(row)
    return rows


def scale_withheld(inputs: Inputs, c: CriterionInfo, measure: float) -> str:
    """Why a measured criterion's value is not given: an exempt figure sets its scale."""
    assert c.measure is not None
    what = measure_name(c.measure)
    ends = " and ".join(inputs.withheld.set_by[c.id])
    return (f"{what[0].upper()}{what[1:]} {figure(inputs, c.measure, measure)}. Its value and points are withheld: "
            f"the {ends} {what}, which sets the scale, is exempt information ({GROUNDS}).")


def measured_rationale(inputs: Inputs, c: CriterionInfo, measure: float, value: float) -> str:
    """Why a measured criterion scored what it did, in the committee's words: the figure, its
    share of the best score, and the rule (the Method section sets each rule out in full)."""
    assert c.measure is not None
    what = measure_name(c.measure)
    # The best figure is another option's: named unless an exempt figure sets it.
    name_best = c.id not in inputs.withheld.set_by
    head = f"{what[0].upper()}{what[1:]} {figure(inputs, c.measure, measure)}: {percent(value, 0)} of the best score"
    function = c.value_function
    if function == "relative" and value >= 1:
        better = "lower" if c.direction == "lower" else "higher"
        return (f"{head} under the relative formula, as no {inputs.words.option} that passes every gate has a "
                f"{better} {what}.")
    if function == "relative" and c.direction == "lower":
        lowest = f", {figure(inputs, c.measure, value * measure)}" if name_best else ""
        return (f"{head}, under the relative price formula (the lowest {what}{lowest}, divided by this "
                f"{inputs.words.option}'s).")
    if function == "relative":
        best = f" ({figure(inputs, c.measure, measure / value)})" if name_best and value > 0 else ""
        return f"{head}, under the relative formula (this {inputs.words.option}'s {what} divided by the highest{best})."
    if function == "linear":
        best, worst = ("lowest", "highest") if c.direction == "lower" else ("highest", "lowest")
        return (f"{head}, on a straight line from the {worst} {what} of the {inputs.words.options} compared (0%) "
                f"to the {best} (100%).")
    return f"{head}, read from this criterion's scoring points (see Method)."


def _costs(inputs: Inputs, scored: OptionResult, option: Option) -> list[dict[str, str]] | None:
    """The option's cost lines as (label, amount) rows, in real prices: what it spends up front,
    what it spends a year (year by year when that varies), its whole-life and net present cost.

    The figures are the result's; the file (``option``) says only which lines it states."""
    lines = scored.cost_lines
    if option.costs is None or lines is None:
        return None
    settings = inputs.appraisal.frame.finance
    measures = scored.measures
    recurrent = [a + o for a, o in zip(lines["annual"], lines["operating"], strict=False)]
    rows = [("One-off cost", sum(lines["one_off"]))]
    if option.costs.capital is not None:
        rows.append(("Capital cost", sum(lines["capital"])))
    if option.costs.operating is not None:
        rows.append(("Annual cost (contract, average)", sum(lines["annual"]) / len(recurrent)))
        rows.append(("Operating cost (a year, average)", sum(lines["operating"]) / len(recurrent)))
    rows.append(("Annual cost (average)" if len(set(recurrent)) > 1 else "Annual cost", measures["annual_cost"]))
    if len(set(recurrent)) > 1:
        rows += [(f"Annual cost in year {t + 1}", cost) for t, cost in enumerate(recurrent)]
    rows.append((f"Whole-life cost ({plural(len(recurrent), 'year')})",
                 measures["whole_life_cost"]))
    rows.append((f"Net present cost (discounted at {describe(settings)})", measures["npv_cost"]))
    if option.costs.prices == "nominal":
        rows = [(f"{label}, in real prices", amount) for label, amount in rows]
    return [{"label": label, "amount": inputs.cost(scored.id, amount)} for label, amount in rows]


def options(inputs: Inputs) -> dict[str, Any]:
    """One record per option shown: summary, scores with rationale, case, risks and costs."""
    names = gate_names(inputs.appraisal)
    shown = []
    for o in inputs.detailed:
        option = inputs.option(o.id)
        shown.append({
            "option": inputs.record(o),
            "summary": option.summary or "",
            "gates": gates_text(o, names),
            "scores": _scores(inputs, o, option),
            "advantages": list(option.advantages),
            "disadvantages": list(option.disadvantages),
            "risks": [_risk(r) for r in option.risks],
            "owners": any(r.owner for r in option.risks),
            "costs": _costs(inputs, o, option),
        })
    return {"options": shown, "left_out": inputs.left_out, "count": len(inputs.detailed), "bands": bands()}


def bands() -> list[dict[str, str]]:
    """Each RAG band with the range of products that fall in it: 1 to 4, 5 to 12, 15 to 25."""
    products = sorted({likelihood * impact for likelihood in range(1, 6) for impact in range(1, 6)})
    out, below = [], 0
    for upper, band, label in RAG_BANDS:
        inside = [p for p in products if below < p <= upper]
        out.append({"band": band, "label": label, "range": f"{inside[0]} to {inside[-1]}"})
        below = upper
    return out


def discounted(inputs: Inputs) -> dict[str, Any]:
    """The options not taken forward and why."""
    rows = []
    for d in inputs.result.discounted:
        option = inputs.option(d.id)
        rows.append({"id": d.id, "name": d.name, "summary": option.summary or "", "reason": d.reason})
    return {"options": rows}

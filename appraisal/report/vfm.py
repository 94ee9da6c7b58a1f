"""The report's value-for-money section: its data and the benefit-cost chart's geometry.

:func:`value_for_money_section` is a section builder in the report's pattern
(:mod:`appraisal.report.context`): report inputs in, plain formatted data out, rendered by
``templates/partials/value_for_money.{md,html}.j2``. The chart is the efficiency frontier:
each option at (cost, points), the frontier joined up; :func:`frontier_chart` only computes
positions, and ``templates/partials/frontier.svg.j2`` draws them as inline SVG (no
JavaScript), with a title, a description and the section's table as its text alternative
(WCAG 2.2 success criterion 1.1.1). Markers differ in shape as well as colour (1.4.1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from appraisal.analysis.benefits import NoBenefits
from appraisal.analysis.vfm import OptionValue, ValueForMoney, value_for_money
from appraisal.errors import InputError
from appraisal.render.charts import PALETTE, cut
from appraisal.render.vfm import against_words, left_out, note, per_point, signed_money, signed_points
from appraisal.report.base import EXEMPT
from appraisal.text import money, plural, points

if TYPE_CHECKING:
    from appraisal.report.base import Inputs

WIDTH = 760
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 96.0, 730.0, 16.0, 340.0
LEGEND_TOP, LEGEND_ROW = PLOT_BOTTOM + 72, 24
LABEL_CHARS = 18

KINDS = {
    "frontier": ("On the efficiency frontier", PALETTE[0]),
    "undominated": ("Not dominated, off the frontier", PALETTE[1]),
    "dominated": ("Dominated: costs more and scores less", "#505a5f"),
    "ineligible": ("Fails a gate", PALETTE[4]),
}
"""Marker kinds: legend text and colour (the template gives each its own shape)."""


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    kind: str
    colour: str
    label: str
    label_x: float
    anchor: str
    """Labels of markers in the right quarter of the plot go to their left, so they stay inside."""
    title: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten apart) covering ``low`` to ``high``."""
    if high <= low:
        pad = max(abs(low) * 0.1, 1.0)
        low, high = (max(0.0, low - pad) if low >= 0 else low - pad), high + pad
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    return [first + k * step for k in range(math.ceil((high - first) / step - 1e-9) + 1)]


def money_tick(value: float, step: float, top: float, currency: str) -> str:
    """Short money for an axis, in millions or thousands when the axis reaches them: £7.75m."""
    symbol = money(0, currency)[:-1]
    size, suffix = next(((s, x) for s, x in ((1e6, "m"), (1e3, "k")) if abs(top) >= s), (1.0, ""))
    places = max(0, math.ceil(-math.log10(step / size) - 1e-9))
    return f"{symbol}{value / size:,.{places}f}{suffix}"


def frontier_chart(vfm: ValueForMoney, shown: Sequence[OptionValue]) -> dict[str, Any]:
    """Geometry of the benefit-cost chart: markers, the frontier line, ticks and legend."""
    xs = [o.cost for o in shown] or [0.0]
    ys = [o.points for o in shown] or [0.0]
    xticks = nice_ticks(min(xs), max(xs))
    yticks = nice_ticks(min(ys), max(ys))
    x0, x1, y0, y1 = xticks[0], xticks[-1], yticks[0], yticks[-1]

    def x(v: float) -> float:
        return round(PLOT_LEFT + (v - x0) / (x1 - x0) * (PLOT_RIGHT - PLOT_LEFT), 2)

    def y(v: float) -> float:
        return round(PLOT_BOTTOM - (v - y0) / (y1 - y0) * (PLOT_BOTTOM - PLOT_TOP), 2)

    markers = []
    for o in shown:
        kind = ("ineligible" if not o.eligible else "dominated" if o.dominated_by
                else "frontier" if o.on_frontier else "undominated")
        at = x(o.cost)
        left = at > PLOT_RIGHT - (PLOT_RIGHT - PLOT_LEFT) / 4
        markers.append(Marker(at, y(o.points), kind, KINDS[kind][1], cut(o.name, LABEL_CHARS),
                              at - 9 if left else at + 9, "end" if left else "start",
                              f"{o.name}: {money(o.cost, vfm.currency)}, {points(o.points)} points"))
    line = [(x(o.cost), y(o.points)) for o in shown if o.on_frontier]
    used = [k for k in KINDS if any(m.kind == k for m in markers)]
    step = xticks[1] - xticks[0]
    return {
        "width": WIDTH, "height": LEGEND_TOP + (len(used) + 1) // 2 * LEGEND_ROW,
        "plot_left": PLOT_LEFT, "plot_right": PLOT_RIGHT, "plot_top": PLOT_TOP, "plot_bottom": PLOT_BOTTOM,
        "xticks": [asdict(Tick(x(v), money_tick(v, step, x1, vfm.currency))) for v in xticks],
        "yticks": [asdict(Tick(y(v), f"{v:,.10g}")) for v in yticks],
        "markers": [asdict(m) for m in markers],
        "frontier": " ".join(f"{px},{py}" for px, py in line),
        "line_colour": KINDS["frontier"][1],
        "legend": [{"kind": k, "label": KINDS[k][0], "colour": KINDS[k][1],
                    "x": PLOT_LEFT + (i % 2) * 320, "y": LEGEND_TOP + (i // 2) * LEGEND_ROW} for i,
                    k in enumerate(used)],
        "x_title": "Cost with optimism bias" if any(o.optimism_bias for o in shown) else "Net present cost",
        "y_title": f"{'Benefit points' if vfm.excluded else 'Points'} (of {vfm.points_out_of:g})",
    }


def chart_description(vfm: ValueForMoney, shown: Sequence[OptionValue]) -> str:
    """The chart in words: what is plotted, the frontier, and what is dominated."""
    w = vfm.words
    if not shown:
        return f"There are no {w.options} to chart."
    label = {o.id: o.name for o in vfm.options}
    text = (f"A scatter chart of the {plural(len(shown), w.option, w.options)} shown: each {w.option}'s cost "
            "across, its points up. The efficiency frontier joins "
            + (", then ".join(label[i] for i in vfm.frontier) or f"no {w.option}") + ". ")
    dominated = [o.name for o in shown if o.dominated_by]
    if dominated:
        text += f"Dominated, so below and to the right of another {w.option}: " + "; ".join(dominated) + ". "
    return text + "The table gives every figure."


def _shown(text: str, hidden: bool) -> str:
    """``text``, or 'exempt' when :mod:`appraisal.report.withhold` withholds the figure."""
    return EXEMPT if hidden else text


def _unplotted(shown: Sequence[OptionValue], plotted: Sequence[OptionValue]) -> str:
    """Names the options left off the chart because their costs or points are exempt, so their
    place on the chart cannot be read off it."""
    names = [o.name for o in shown if o not in plotted]
    if not names:
        return ""
    return " Not plotted, as their costs or points are exempt information: " + "; ".join(names) + "."


def value_for_money_section(inputs: Inputs) -> dict[str, Any] | None:
    """The section's data; None (no section) when an option has no costs to weigh, or no
    criterion measures a benefit."""
    result = inputs.result
    against = "baseline" if any(o.baseline for o in result.options) else "next-cheapest"
    try:
        vfm = value_for_money(result, against)
    except (InputError, NoBenefits):
        return None
    keep = {o.id for o in inputs.detailed} | set(vfm.frontier)
    shown = [o for o in vfm.options if o.id in keep]
    c = vfm.currency
    names = {o.id: o.name for o in vfm.options}
    w = inputs.withheld
    rows = []
    for o in shown:
        b = o.versus_baseline
        base = vfm.baseline or ""
        against_ = o.incremental.against if o.incremental else ""
        rows.append({
            "id": o.id, "name": o.name, "points": _shown(points(o.points), w.points(o.id)),
            "npv": _shown(money(o.npv_cost, c), w.cost(o.id)),
            "bias": _shown(money(sum(o.optimism_bias.values()), c), w.cost(o.id)),
            "cost": _shown(money(o.cost, c), w.cost(o.id)),
            "per_point": _shown(money(o.cost_per_point, c), w.worked(o.id)) if o.cost_per_point is not None
            else "no points",
            "is_baseline": b is None and o.id == vfm.baseline,
            "extra_cost": _shown(signed_money(b.extra_cost, c), w.cost(o.id, base)) if b else "",
            "extra_points": _shown(signed_points(b.extra_points), w.points(o.id, base)) if b else "",
            "per_extra_point": _shown(per_point(b, c), w.worked(o.id, base)) if b else "",
            "incremental": _shown(per_point(o.incremental, c), w.worked(o.id, against_))
            + f" (vs {names[against_]})" if o.incremental else "–",
            "note": note(o, names),
        })
    plotted = [o for o in shown if not w.worked(o.id)]
    return {
        "against": against,
        "against_words": against_words(against, inputs.words),
        "baseline": names.get(vfm.baseline or "", ""),
        "discounting": vfm.discounting,
        "points_out_of": f"{vfm.points_out_of:g}",
        "benefit_points": left_out(vfm) if vfm.excluded else "",
        "bias": any(o.optimism_bias for o in vfm.options),
        "rows": rows,
        "left_out": len(vfm.options) - len(shown),
        "frontier": [names[i] for i in vfm.frontier],
        "dominated": [o.name for o in shown if o.dominated_by],
        "chart": frontier_chart(vfm, plotted) if plotted or not shown else None,
        "chart_description": chart_description(vfm, plotted) + _unplotted(shown, plotted),
    }

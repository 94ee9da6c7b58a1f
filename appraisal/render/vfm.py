"""``appraise vfm`` output: Markdown and the terminal table of :mod:`appraisal.analysis.vfm`.

Its JSON is in :mod:`appraisal.render.machine`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from appraisal.analysis.vfm import OptionValue, Step, ValueForMoney
from appraisal.render.exempt import FOOTNOTE, marked
from appraisal.render.markdown import pipe_table
from appraisal.render.weights import weights_note
from appraisal.scoring.weighted_sum import TIE_TOLERANCE
from appraisal.text import Words, md, money, noticed, plural, points, series, titled


def against_words(against: str, w: Words) -> str:
    """What the extra cost per extra point is measured against, in words."""
    return {"baseline": "business as usual", "do-minimum": "the do-minimum",
            "next-cheapest": f"the next-cheapest {w.option}"}[against]


MINUS = "\u2212"
"""The minus sign: unlike a hyphen, no line breaks after it, so a figure stays whole in a table."""


def signed_money(value: float, currency: str) -> str:
    """+£1,000 or −£1,000 (0 without a sign)."""
    shown = money(abs(value), currency)
    return shown if round(value) == 0 else ("+" if value > 0 else MINUS) + shown


def signed_points(value: float) -> str:
    """+1.25 or −1.25."""
    return f"{value:+.2f}".replace("-", MINUS)


def per_point(s: Step | None, currency: str) -> str:
    """A step's cost per extra point, or, where that means nothing, the trade-off in words."""
    if s is None:
        return "–"
    cheaper = s.extra_cost < 0
    if s.cost_per_point is not None:
        return "cheaper, more points" if cheaper else money(s.cost_per_point, currency)
    if abs(s.extra_points) <= TIE_TOLERANCE:
        return "same points"
    return "cheaper, fewer points" if cheaper else "dearer, fewer points"


def _listed(ids: Sequence[str], limit: int = 3) -> str:
    more = len(ids) - limit
    return series([*ids[:limit], plural(more, "more", "more")] if more > 0 else ids)


def note(o: OptionValue, names: Mapping[str, str] | None = None) -> str:
    """The option's standing: dominated, on the frontier, or neither; its roles; failed gates.

    Dominating options are named by id, or by ``names[id]`` when given.
    """
    parts = []
    if o.dominated_by:
        parts.append("dominated by " + _listed([names[d] if names else d for d in o.dominated_by]))
    elif o.on_frontier:
        parts.append("on the frontier")
    parts += [r.replace("_", " ") for r in o.roles]
    if not o.eligible:
        parts.append("fails a gate, not ranked")
    return "; ".join(parts)


def matrix(vfm: ValueForMoney, *, names: bool = True) -> tuple[list[str], list[list[str]]]:
    """Headers and rows shared by the Markdown and terminal tables, cheapest option first; a
    figure worked from exempt costs is marked (:mod:`appraisal.render.exempt`)."""
    c = vfm.currency
    exempt = {o.id for o in vfm.options if o.exempt}
    bias = any(o.optimism_bias for o in vfm.options)
    w = vfm.words
    kind = "Benefit points" if vfm.excluded else "Points"
    headers = [w.option.capitalize(), f"{kind} (of {vfm.points_out_of:g})" if names else kind,
               "Net present cost" if names else "NPC"]
    if bias:
        headers += ["Optimism bias", "Cost with optimism bias"] if names else ["Opt. bias", "Cost"]
    headers += ["Cost per point" if names else "Per point"]
    if vfm.baseline is not None:
        headers += (["Extra cost vs baseline", "Extra points vs baseline", "Cost per extra point vs baseline"]
                    if names else ["+Cost vs base", "+Points", "Per extra point"])
    if vfm.against != "baseline":
        headers += [f"Cost per extra point vs {against_words(vfm.against, w)}" if names else f"Per extra point vs "
                    f"{vfm.against}"]
    headers += ["Note"]
    rows = []
    for o in vfm.options:
        row = [f"{o.name} ({o.id})" if names else o.id, points(o.points), marked(money(o.npv_cost, c), o.exempt)]
        if bias:
            row += [marked(money(sum(o.optimism_bias.values()), c), o.exempt), marked(money(o.cost, c), o.exempt)]
        row += [marked(money(o.cost_per_point, c), o.exempt) if o.cost_per_point is not None else "no points"]
        if vfm.baseline is not None:
            b = o.versus_baseline
            versus = o.exempt or vfm.baseline in exempt
            row += ["baseline", "–", "–"] if b is None else [
                marked(signed_money(b.extra_cost, c), versus), signed_points(b.extra_points),
                marked(per_point(b, c), versus)]
        if vfm.against != "baseline":
            i = o.incremental
            row += ["–" if i is None else
                    marked(per_point(i, c), o.exempt or i.against in exempt) + f" (vs {i.against})"]
        rows.append(row + [note(o)])
    return headers, rows


def headline(vfm: ValueForMoney, *, names: bool = True) -> list[str]:
    """Sentences under the title: the basis of the figures, the frontier and the dominated options."""
    label = {o.id: f"{o.name} ({o.id})" if names else o.id for o in vfm.options}
    w = vfm.words
    lines = [
        (f"Costs are net present costs in real prices, discounted at {vfm.discounting}; points are the "
         f"weighted total out of {vfm.points_out_of:g}. Cheapest {w.option} first.") if not vfm.excluded else
        (f"Costs are net present costs in real prices, discounted at {vfm.discounting}; points are "
         f"{left_out(vfm)}. Cheapest {w.option} first."),
        "Efficiency frontier: " + (" → ".join(label[i] for i in vfm.frontier) or "none") + ".",
    ]
    dominated = [o for o in vfm.options if o.dominated_by]
    if dominated:
        lines.append(f"Dominated (costs more and scores less than another {w.option}): " + "; ".join(
            f"{label[o.id]}, by {_listed(o.dominated_by)}" for o in dominated) + ".")
    if any(o.optimism_bias for o in vfm.options):
        lines.append("Optimism bias is shown on its own and added only in 'Cost with optimism bias', "
                     "the cost the measures use (Green Book supplementary guidance on optimism bias).")
    return lines


def left_out(vfm: ValueForMoney) -> str:
    """What the benefit points are, naming the criteria left out of them."""
    names = series([f"'{name}'" for _, name in vfm.excluded])
    return (f"benefit points out of {vfm.points_out_of:g}: the weighted total with {names} left out, "
            f"as {'it is' if len(vfm.excluded) == 1 else 'they are'} measured from a cost figure, and the "
            "other weights rescaled to add up to 100, so that cost is not counted twice")


def to_markdown(vfm: ValueForMoney) -> str:
    """A heading, the basis and findings, and a pipe table."""
    headers, rows = matrix(vfm)
    out = [f"# Value for money: {titled(vfm.title, vfm.scenario, md)}", "", *noticed(vfm.notice, md)]
    for line in headline(vfm):
        out += [md(line), ""]
    out += pipe_table(headers, rows, range(1, len(headers) - 1))
    if any(o.exempt for o in vfm.options):
        out += ["", md(FOOTNOTE)]
    if filled := weights_note(vfm.filled_weights, vfm.combine):
        out += ["", md(filled)]
    return "\n".join(out) + "\n"


def to_table(vfm: ValueForMoney, *, terminal: bool) -> str:
    """The table (rich on a terminal, plain text otherwise: see termtable)."""
    from appraisal.render.terminal import Table, render

    headers, rows = matrix(vfm, names=False)
    title = "Value for money: " + titled(vfm.title, vfm.scenario)
    right = set(range(1, len(headers) - 1))
    dim = {n for n, o in enumerate(vfm.options) if o.dominated_by or not o.eligible}
    # each option's note under the table, not in a column: its words would keep the table from 80 columns
    notes = [f"{row[0]}: {row[-1]}." for row in rows if row[-1]]
    notes += [FOOTNOTE] if any(o.exempt for o in vfm.options) else []
    notes += [filled] if (filled := weights_note(vfm.filled_weights, vfm.combine)) else []
    table = Table(title, headers[:-1], [row[:-1] for row in rows], right, dim)
    return render([*noticed(vfm.notice)[:1], table, " ".join(headline(vfm, names=False)), "", *notes],
                  terminal=terminal)

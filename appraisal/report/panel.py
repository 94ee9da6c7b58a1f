"""The report's section on how the scores were reached, when a panel scored (docs/panel.md).

For a committee that will not read the YAML: who sat on the panel and what they declared, how
many scores each gave, where the panel diverged and how each divergence was resolved (the
moderation note), any agreed score outside the panel's range or unexplained, any score taken
from the panel's median or mean, and whether the preferred option would change if one
assessor's view prevailed.
"""

from __future__ import annotations

from typing import Any

from appraisal.analysis.panel import moderation_pack, preferred_by_assessor
from appraisal.check.panel import Item
from appraisal.render.panel import offset_text
from appraisal.report.base import Inputs
from appraisal.text import Words, number, series


def agreement(rule: str, w: Words) -> str:
    """How the panel reached its scores (``panel.agreement``), in a sentence or two."""
    if rule == "moderated":
        return (f"Each assessor scored the {w.options} alone; the panel then met and agreed one score for "
                f"each {w.option} and criterion, recording how.")
    return (f"Each assessor scored the {w.options} alone. Where the panel did not agree a score, the "
            f"published method takes the {rule} of the assessors' scores; those scores are listed below.")


def _item(item: Item, names: dict[str, str]) -> dict[str, Any]:
    return {
        "option": item.option_name,
        "criterion": item.criterion_name,
        "scores": ", ".join(f"{names[who]} {number(s)}" for who, s in item.scores.items()),
        "range": number(item.range),
        "agreed": "none" if item.agreed is None else number(item.agreed),
        "moderation": item.moderation or "No moderation note was recorded.",
        "flags": ", ".join(item.flags),
    }


def dependence(views: dict[str, str | None], preferred: str | None, names: dict[str, str],
               options: dict[str | None, str], w: Words) -> str:
    """A sentence on whether the preferred option changes if one assessor's view prevails."""
    stays = options.get(preferred, "none")
    changed = {who: p for who, p in views.items() if p != preferred}
    if not changed:
        return ("With each assessor's own scores in place of the agreed ones (where they gave one), the "
                f"{w.preferred} is still {stays}: it does not depend on whose view prevails.")
    turns = "; ".join(f"with {names[who]}'s scores it would be {options.get(p, 'none')}" for who, p in changed.items())
    others = [f"{names[who]}'s" for who in views if who not in changed]
    return (f"The {w.preferred} depends on whose view prevails. With each assessor's own scores in place "
            f"of the agreed ones (where they gave one): {turns}"
            + (f"; with {series(others)} it stays {stays}." if others else "."))


def panel_section(inputs: Inputs) -> dict[str, Any] | None:
    """The section's data, or None when no panel scored."""
    appraisal = inputs.appraisal
    if not appraisal.assessments:
        return None
    pack = moderation_pack(appraisal)
    names = {a.id: a.name for a in pack.assessors}
    options: dict[str | None, str] = {o.id: o.name for o in appraisal.options}
    return {
        "agreement": agreement(pack.agreement, inputs.words),
        "assessors": [
            {"name": a.name, "role": a.role or "", "interests": a.interests, "scored": a.scored,
             "offset": offset_text(a.offset)} for a in pack.assessors
        ],
        "scored_items": len(pack.items),
        "divergent": [_item(i, names) for i in pack.items if "divergent" in i.flags],
        "concerns": [_item(i, names) for i in pack.items if {"outside", "unexplained"} & set(i.flags)],
        "filled": [_item(i, names) for i in pack.items if (i.option, i.criterion) in appraisal.filled],
        "filled_rule": pack.agreement,
        "dependence": dependence(preferred_by_assessor(appraisal), inputs.result.preferred, names, options,
                                 inputs.words),
    }

"""The moderation pack: each item the panel scored, its spread, the agreed score and flags.

Pure: an :class:`~appraisal.model.appraisal.Appraisal` in, a :class:`Pack` out (docs/panel.md).
The items and their flags come from :func:`appraisal.check.panel.panel_items`, which validate's
warnings share; the pack adds who sat on the panel and how generously each marked. An item is
a shortlisted option on a judged leaf criterion that at least one assessor scored. Flags, in
this order: ``missing`` (no agreed score), ``divergent`` (range >= divergence), ``outside``
(the agreed score below the panel's lowest or above its highest) and ``unexplained`` (an
agreed score that is divergent or outside with no ``moderation:`` note). An agreed score that
``panel.agreement: median`` or ``mean`` filled counts as missing here: it was not agreed.
The spread ``sensitivity --scores panel`` draws from is in the Result (``Cell.panel_low`` and
``Cell.panel_high``), computed in scoring.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from appraisal.check.panel import Item, panel_items
from appraisal.model.appraisal import Appraisal


@dataclass(frozen=True)
class Assessor:
    """One panel member, how many scores they gave and how generous they marked."""

    id: str
    name: str
    role: str | None
    interests: str
    date: str | None
    scored: int
    offset: float | None
    """Mean of (score - the item's median) / scale width over their items; None if none."""


@dataclass(frozen=True)
class Pack:
    agreement: str
    assessors: tuple[Assessor, ...]
    items: tuple[Item, ...]
    filled: frozenset[tuple[str, str]]
    tender: bool = False
    """A tender evaluation's pack (``Appraisal.tender``): its outputs speak of tenders."""


def moderation_pack(appraisal: Appraisal) -> Pack:
    """The pack for the moderation meeting (it needs no agreed score to be written yet)."""
    frame = appraisal.frame
    items = panel_items(appraisal)
    assessors = []
    for who, a in appraisal.assessments.items():
        mine = [(i.scores[who] - i.median) / i.width for i in items if who in i.scores]
        assessors.append(Assessor(
            id=who, name=a.name, role=a.role, interests=a.interests,
            date=a.date.isoformat() if a.date else None, scored=len(mine),
            offset=statistics.fmean(mine) if mine else None,
        ))
    return Pack(frame.panel.agreement, tuple(assessors), tuple(items), appraisal.filled, appraisal.tender)


def preferred_by_assessor(appraisal: Appraisal) -> dict[str, str | None]:
    """The preferred option if each assessor's view prevailed: their own scores in place of the
    agreed ones wherever they gave one, the agreed scores elsewhere, everything else unchanged.

    How far the ranking depends on whose view prevails, in the committee's terms: does the
    preferred option change with one panel member's scores?
    """
    from appraisal.scoring.weighted_sum import score

    return {who: score(with_assessor(appraisal, who)).preferred for who in appraisal.assessments}


def with_assessor(appraisal: Appraisal, who: str) -> Appraisal:
    """The appraisal with assessor ``who``'s own scores in place of the agreed ones wherever they
    gave one; the agreed scores elsewhere, everything else unchanged."""
    from dataclasses import replace

    assessment = appraisal.assessments[who]
    options = []
    for option in appraisal.options:
        own = {c: s for c, s in assessment.scores.get(option.id, {}).items() if c in option.scores}
        options.append(option.model_copy(update={"scores": {**option.scores, **own}}) if own else option)
    return replace(appraisal, options=tuple(options))

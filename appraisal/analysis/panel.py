"""The moderation pack: each item the panel scored, its spread, the agreed score and flags.

Pure: an :class:`~appraisal.model.inputs.Appraisal` in, a :class:`Pack` out (docs/panel.md).
An item is a shortlisted option on a judged leaf criterion that at least one assessor scored.
Flags, in this order: ``missing`` (no agreed score), ``divergent`` (range >= divergence),
``outside`` (the agreed score below the panel's lowest or above its highest) and
``unexplained`` (an agreed score that is divergent or outside with no ``moderation:`` note).
An agreed score that ``panel.agreement: median`` or ``mean`` filled counts as missing here:
it was not agreed.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from appraisal.model.inputs import Appraisal, Criterion, Option

DIVERGENCE_SHARE = 0.4
"""The default divergence: 40% of the scale width (VendorPanel's rule for flagging a spread)."""
TOLERANCE = 1e-9
"""A range this close to the divergence counts as reaching it (2.0 on a 0-5 scale is 40%)."""
FLAGS = ("missing", "divergent", "outside", "unexplained")


@dataclass(frozen=True)
class Item:
    """One option on one criterion, as the panel scored it."""

    option: str
    option_name: str
    criterion: str
    criterion_name: str
    scores: dict[str, float]
    """By assessor id, in id order; an assessor who abstained is absent."""
    rationales: dict[str, str | None]
    low: float
    high: float
    median: float
    agreed: float | None
    moderation: str | None
    width: float
    """The criterion's scale width (max - min)."""
    divergence: float
    flags: tuple[str, ...]

    @property
    def range(self) -> float:
        return self.high - self.low

    @property
    def to_discuss(self) -> bool:
        """Whether the meeting has to take this item: no agreed score yet, or a divergent panel."""
        return "missing" in self.flags or "divergent" in self.flags


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


def moderation_pack(appraisal: Appraisal) -> Pack:
    """The pack for the moderation meeting (it needs no agreed score to be written yet)."""
    frame = appraisal.frame
    judged = [c for c in frame.all_criteria() if c.is_leaf and not c.measure]
    items = [
        item
        for option in appraisal.shortlisted
        for c in judged
        if (item := _item(appraisal, option, c)) is not None
    ]
    assessors = []
    for who, a in appraisal.assessments.items():
        mine = [(i.scores[who] - i.median) / i.width for i in items if who in i.scores]
        assessors.append(Assessor(
            id=who, name=a.name, role=a.role, interests=a.interests,
            date=a.date.isoformat() if a.date else None, scored=len(mine),
            offset=statistics.fmean(mine) if mine else None,
        ))
    return Pack(frame.panel.agreement, tuple(assessors), tuple(items), appraisal.filled)


def _item(appraisal: Appraisal, option: Option, criterion: Criterion) -> Item | None:
    oid = option.id or ""
    given = {
        who: a.scores[oid][criterion.id]
        for who, a in appraisal.assessments.items()
        if criterion.id in a.scores.get(oid, {})
    }
    if not given:
        return None
    scale = criterion.scale or appraisal.frame.scale
    width = scale.max - scale.min
    divergence = appraisal.frame.panel.divergence or DIVERGENCE_SHARE * width
    values = [s.score for s in given.values()]
    low, high = min(values), max(values)
    agreed_score = None if (oid, criterion.id) in appraisal.filled else option.scores.get(criterion.id)
    agreed = agreed_score.score if agreed_score else None
    moderation = agreed_score.moderation if agreed_score else None
    divergent = high - low >= divergence - TOLERANCE
    outside = agreed is not None and not low <= agreed <= high
    flags = {
        "missing": agreed is None,
        "divergent": divergent,
        "outside": outside,
        "unexplained": agreed is not None and (divergent or outside) and not moderation,
    }
    return Item(
        option=oid, option_name=option.name, criterion=criterion.id, criterion_name=criterion.name,
        scores={who: s.score for who, s in given.items()},
        rationales={who: s.rationale for who, s in given.items()},
        low=low, high=high, median=statistics.median(values), agreed=agreed, moderation=moderation,
        width=width, divergence=divergence, flags=tuple(f for f in FLAGS if flags[f]),
    )


def preferred_by_assessor(appraisal: Appraisal) -> dict[str, str | None]:
    """The preferred option if each assessor's view prevailed: their own scores in place of the
    agreed ones wherever they gave one, the agreed scores elsewhere, everything else unchanged.

    How far the ranking depends on whose view prevails, in the committee's terms: does the
    preferred option change with one panel member's scores?
    """
    from dataclasses import replace

    from appraisal.scoring.weighted_sum import score

    out: dict[str, str | None] = {}
    for who, assessment in appraisal.assessments.items():
        options = []
        for option in appraisal.options:
            own = {c: s for c, s in assessment.scores.get(option.id or "", {}).items() if c in option.scores}
            options.append(option.model_copy(update={"scores": {**option.scores, **own}}) if own else option)
        out[who] = score(replace(appraisal, options=tuple(options))).preferred
    return out


def panel_ranges(appraisal: Appraisal) -> dict[tuple[str, str], tuple[float, float]]:
    """The lowest and highest of the assessors' scores, by (option, criterion) they scored:
    the spread that ``appraise sensitivity --scores panel`` draws from."""
    return {(i.option, i.criterion): (i.low, i.high) for i in moderation_pack(appraisal).items}

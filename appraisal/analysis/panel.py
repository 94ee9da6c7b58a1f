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

import re
import statistics
from dataclasses import dataclass, field

from appraisal.check.panel import Item, panel_items
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option
from appraisal.text import OPTION_WORDS, Words


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
    words: Words = OPTION_WORDS
    """What its outputs call the options (``Appraisal.words``): tenders, or providers under the regime."""
    interested: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """By option id, the assessors whose declared interests name that option or its supplier."""

    def name(self, assessor: str) -> str:
        """The assessor's name, as the chair says it ('Jo Okafor', not 'jo')."""
        return next((a.name for a in self.assessors if a.id == assessor), assessor)


@dataclass(frozen=True)
class Agenda:
    """The pack in the order a meeting takes it (docs/panel.md): the divergent items, each to
    discuss with the rationales side by side; then the close ones (scores apart by less than the
    divergence, or an agreed score outside the panel's range), to agree briefly; then those on
    which every assessor gave the same score, by option, to nod through."""

    divergent: tuple[Item, ...]
    close: tuple[Item, ...]
    unanimous: tuple[tuple[str, tuple[Item, ...]], ...]
    """(option id, its unanimous items), in option order."""

    def ordered(self) -> list[Item]:
        return [*self.divergent, *self.close, *(i for _, items in self.unanimous for i in items)]


def agenda(pack: Pack) -> Agenda:
    divergent = tuple(i for i in pack.items if "divergent" in i.flags)
    close = tuple(i for i in pack.items if "divergent" not in i.flags and (i.range > 0 or "outside" in i.flags))
    settled: dict[str, list[Item]] = {}
    for i in pack.items:
        if "divergent" not in i.flags and not (i.range > 0 or "outside" in i.flags):
            settled.setdefault(i.option, []).append(i)
    return Agenda(divergent, close, tuple((o, tuple(items)) for o, items in settled.items()))


LEGAL_FORMS = re.compile(r"\s+(ltd\.?|limited|plc|llp|cic|lp|inc\.?)$", re.IGNORECASE)
"""A company's legal form, left off when looking for its name in a declaration."""


def _spellings(option: Option) -> set[str]:
    """How a declaration of interests may name an option: its name, its id (with or without
    hyphens), its supplier's name with or without 'Ltd' and the like."""
    names = {option.name, option.id, option.id.replace("-", " ").replace("_", " ")}
    if option.supplier is not None:
        names |= {option.supplier.name, LEGAL_FORMS.sub("", option.supplier.name)}
    return {n.strip() for n in names if len(n.strip()) >= 3}


def interested(interests: str, option: Option) -> bool:
    """Whether a declaration names ``option`` or its supplier, as whole words, in any case."""
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", interests, re.IGNORECASE) for n in _spellings(option))


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
    touched = {o.id: tuple(who for who, a in appraisal.assessments.items() if interested(a.interests, o))
               for o in appraisal.shortlisted}
    return Pack(frame.panel.agreement, tuple(assessors), tuple(items), appraisal.filled, appraisal.words,
                {o: who for o, who in touched.items() if who})


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

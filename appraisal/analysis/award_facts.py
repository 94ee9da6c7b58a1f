"""What a notice after the award says, worked out once from the folder (contract section 17,
docs/tenders.md): the buyer, the winner, the tenders received and assessed (and how many came
from SMEs and VCSEs), the award criteria's weights as exact percentages, the values and the
dates, standstill among them.

Every notice (``appraise notice``), the report's timeline and the assessment summaries take
their figures from :func:`award_facts`, so they cannot disagree. A notice is published: it holds
no tender's price or score, only the award's value, which the law publishes, and counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from appraisal.analysis.summaries import most_advantageous, tenders
from appraisal.check.standstill import OutsideCalendar, Standstill, standstill
from appraisal.finance.costs import COST_MEASURES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from appraisal.model.award import Award, Kpi
    from appraisal.model.option import Supplier
    from appraisal.scoring.weighted_sum import Result

OCID_PREFIX = "ocds-draft"
"""The Open Contracting ID's prefix unless ``award.ocid_prefix`` gives the buyer's own: the
central digital platform gives a published notice its own ID, so a draft's is a placeholder."""
KPI_VALUE = 5_000_000
"""Procurement Act 2023, s.52: a contract of an estimated value of more than £5 million has
at least three key performance indicators, which the contract details notice sets out."""
KPIS = 3
PLACES = 2
"""Decimal places of a weight as a percentage in a notice."""


@dataclass(frozen=True)
class Weight:
    """An award criterion as a notice lists it: a leaf criterion and its share of the marks."""

    id: str
    name: str
    description: str
    kind: str
    """``price`` for a criterion measured from a cost, else ``quality`` (OCDS's awardCriterionType)."""
    percent: Decimal
    """Its global weight as a percentage to :data:`PLACES` places; the criteria's sum to exactly 100."""


@dataclass(frozen=True)
class Timeline:
    """The award's dates, each None until criteria.yaml gives it."""

    decision: dt.date | None
    summaries_sent: dt.date | None
    notice_published: dt.date | None
    standstill: Standstill | None
    """Worked out from ``notice_published``; None without it, or past the bank-holiday list."""
    contract_start: dt.date | None
    contract_end: dt.date | None
    signed: dt.date | None

    @property
    def any(self) -> bool:
        return any(d is not None for d in (self.decision, self.summaries_sent, self.notice_published,
                                           self.contract_start, self.signed))


@dataclass(frozen=True)
class AwardFacts:
    title: str
    notice: str | None
    """criteria.yaml's ``notice:`` line, which every output carries under its title."""
    organisation: str | None
    currency: str
    award: Award
    ocid: str
    winner: str
    """The most advantageous tender's option id."""
    supplier: Supplier
    """Its supplier, to whom the contract is awarded."""
    received: int
    """Tenders received: every option with a supplier, discounted ones (not taken forward) too."""
    assessed: int
    """Tenders assessed: shortlisted options with a supplier, disqualified ones included."""
    sme: int
    """Assessed tenders from small and medium-sized enterprises."""
    vcse: int
    """Assessed tenders from voluntary, community and social enterprises."""
    weights: tuple[Weight, ...]
    timeline: Timeline
    kpis: tuple[Kpi, ...]
    no_kpis_reason: str | None
    """Why there are no KPIs, where s.52's exception is taken."""


def exact_percentages(weights: Sequence[float], places: int = PLACES) -> tuple[Decimal, ...]:
    """``weights`` (positive, any sum) as percentages to ``places`` decimal places that sum to
    exactly 100: the largest remainder method. Each share is cut down to a whole number of
    units (0.01 at two places); the units left over go one each to the shares that lost the most
    in the cut, and between equal losses to the earlier share. Worked in exact fractions, so a
    binary float's rounding never decides."""
    exact = [Fraction(w) for w in weights]
    total = sum(exact, Fraction(0))
    units = 100 * 10 ** places
    shares = [w * units / total for w in exact]
    floors = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:units - sum(floors)]:
        floors[i] += 1
    return tuple(Decimal(f).scaleb(-places) for f in floors)


def award_weights(result: Result) -> tuple[Weight, ...]:
    """The award criteria as a notice lists them: the leaf criteria in the tree's order, each
    with its share of the marks as an exact percentage."""
    leaves = [c for c in result.criteria if not c.children]
    defined = {c.id: c for c in result.appraisal.frame.all_criteria()}
    percents = exact_percentages([c.weight for c in leaves])
    return tuple(
        Weight(c.id, c.name, " ".join((defined[c.id].description or "").split()),
               "price" if c.measure in COST_MEASURES else "quality", p)
        for c, p in zip(leaves, percents, strict=True))


def timeline(result: Result) -> Timeline:
    """The award's dates as criteria.yaml gives them, and the standstill they set."""
    frame = result.appraisal.frame
    award = frame.award
    if award is None:
        return Timeline(None, None, None, None, None, None, None)
    period = None
    if award.notice_published is not None:
        try:
            period = standstill(award.notice_published, frame.regime)
        except OutsideCalendar:
            period = None
    contract = award.contract
    return Timeline(award.decision, award.summaries_sent, award.notice_published, period,
                    contract.start if contract else None, contract.end if contract else None,
                    contract.signed if contract else None)


def award_facts(result: Result) -> AwardFacts:
    """The facts every notice is filled from; :func:`appraisal.check.notice_uk` has refused a
    folder that lacks them."""
    appraisal = result.appraisal
    frame = appraisal.frame
    award = frame.award
    winner = most_advantageous(result)
    assert award is not None and winner is not None, "notice_problems() refuses this first"
    options = {o.id: o for o in appraisal.options}
    assessed = [options[o.id].supplier for o in tenders(result)]
    received = [o for o in appraisal.options if o.supplier is not None]
    supplier = options[winner].supplier
    assert supplier is not None
    return AwardFacts(
        title=frame.title, notice=frame.notice, organisation=frame.organisation, currency=frame.currency,
        award=award, ocid=f"{award.ocid_prefix or OCID_PREFIX}-{award.reference}",
        winner=winner, supplier=supplier, received=len(received), assessed=len(assessed),
        sme=sum(1 for s in assessed if s is not None and s.scale == "sme"),
        vcse=sum(1 for s in assessed if s is not None and s.vcse),
        weights=award_weights(result), timeline=timeline(result),
        kpis=tuple(award.contract.kpis) if award.contract else (),
        no_kpis_reason=award.contract.no_kpis_reason if award.contract else None,
    )

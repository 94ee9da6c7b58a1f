"""HM Treasury Green Book discount-rate schedules, as versioned tables, and their discount factors.

The Green Book discounts at the social time preference rate: 3.5% a year in real terms for
the first 30 years, then at lower rates for the long term, because uncertainty about the
future makes the certainty-equivalent rate decline (Green Book 2022, annex A6, table 8;
the same schedule as the 2003 edition's table 6.1). Where the effects appraised are health
or life values, the wealth effect is left out of the rate, which gives 1.5% for the first 30
years, declining in the same proportions (Green Book 2022, annex A6, table 11).

A schedule's rate applies year by year: the factor of year t is the product, over years
1 to t, of 1 / (1 + rate of that year), so a cost in year 31 is discounted 30 times at 3.5%
and once at 3.0%. Year 0 (now, where one-off costs fall) has factor 1.

The tables are data with a version: when HM Treasury revises a rate, add a new table with a
new version rather than editing one that past appraisals were made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from appraisal.model.finance import Finance

TABLES_VERSION = "green-book-2022"
"""The edition of the Green Book the tables below transcribe."""


@dataclass(frozen=True)
class Step:
    """One band of a schedule: ``rate`` applies to each year from ``first`` to ``last`` (inclusive).

    ``last`` is None for the open-ended final band. Year 0 carries no rate: it is not discounted.
    """

    first: int
    last: int | None
    rate: float


@dataclass(frozen=True)
class Schedule:
    """A named, versioned, sourced discount-rate schedule."""

    name: str
    version: str
    source: str
    steps: tuple[Step, ...]

    def rate(self, year: int) -> float:
        """The rate that discounts ``year`` back to the one before it (year >= 1)."""
        if year < 1:
            raise ValueError(f"year {year} is not discounted; rates apply from year 1")
        for step in self.steps:
            if step.first <= year and (step.last is None or year <= step.last):
                return step.rate
        raise AssertionError(f"the {self.name} schedule has no band for year {year}")  # pragma: no cover

    def factors(self, years: int) -> list[float]:
        """Discount factors of years 0 to ``years - 1``: year 0 is 1, then a running product."""
        yearly = (1.0 / (1.0 + self.rate(t)) for t in range(1, years))
        return list(accumulate(yearly, lambda a, b: a * b, initial=1.0))

    def factor(self, year: int) -> float:
        """The discount factor of one year (0 = now)."""
        return self.factors(year + 1)[year]


def _steps(*bands: tuple[int, int | None, float]) -> tuple[Step, ...]:
    return tuple(Step(first, last, rate) for first, last, rate in bands)


STANDARD = Schedule(
    name="standard",
    version=TABLES_VERSION,
    source="HM Treasury, The Green Book (2022), annex A6, table 8: the long-term discount rate",
    steps=_steps((1, 30, 0.035), (31, 75, 0.030), (76, 125, 0.025), (126, 200, 0.020),
                 (201, 300, 0.015), (301, None, 0.010)),
)
"""The standard schedule: 3.5% to year 30, then 3.0%, 2.5%, 2.0%, 1.5% and 1.0% over 300 years."""

HEALTH = Schedule(
    name="health",
    version=TABLES_VERSION,
    source="HM Treasury, The Green Book (2022), annex A6, table 11: the health discount rate",
    steps=_steps((1, 30, 0.0150), (31, 75, 0.0129), (76, 125, 0.0107), (126, 200, 0.0086),
                 (201, 300, 0.0064), (301, None, 0.0043)),
)
"""The health schedule: 1.5% to year 30, declining as the standard schedule does (each band 3/7
of the standard rate, rounded to two decimals as published)."""

SCHEDULES: dict[str, Schedule] = {s.name: s for s in (STANDARD, HEALTH)}
"""The schedules ``finance.schedule`` may name."""



def describe(finance: Finance) -> str:
    """How ``finance`` discounts, in words: '3.5% a year', or the schedule and its first rate.

    For any text that states the rate: with ``schedule`` set, ``discount_rate`` is not used.
    """
    if finance.schedule is not None:
        schedule = SCHEDULES[finance.schedule]
        return (f"the Green Book {schedule.name} schedule ({schedule.steps[0].rate * 100:g}% a year "
                f"to year {schedule.steps[0].last}, then declining)")
    return f"{finance.discount_rate * 100:g}% a year"

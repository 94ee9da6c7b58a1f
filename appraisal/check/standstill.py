"""Standstill: working days under the Procurement Act 2023 and the Provider Selection Regime.

**Working day** (Procurement Act 2023, s.123(1)): "a day other than a Saturday or Sunday,
Christmas Day, Good Friday, or a day which is a bank holiday in any part of the United Kingdom
under the Banking and Financial Dealings Act 1971". appraise takes the plain reading: a day
that is a bank holiday in *any* part of the UK is not a working day anywhere, so Scotland's
2 January and St Andrew's Day, and Northern Ireland's St Patrick's Day and 12 July, are skipped
for a buyer in England too (the cautious reading: a standstill is never short).

The bank holidays are GOV.UK's own list for England and Wales, Scotland and Northern Ireland,
as the maintained package govuk-bank-holidays ships it (read from the package, never fetched):
a date outside the years it covers is refused rather than guessed.

- Procurement Act 2023, s.51: the standstill period is 8 working days **beginning with** the
  day the contract award notice is published; the contract may be entered into after it ends.
- Health Care Services (Provider Selection Regime) Regulations 2023, regulation 12: standstill
  begins on the day **after** the notice of intention is published and ends at midnight at the
  end of the 8th working day after the day it begins; representations may be made until then. When a
  provider makes them, the authority reviews its decision and decides again, and if it keeps to the
  award it waits a further 5 working days after that decision before entering into the contract (NHS
  England, "Provider Selection Regime: reviewing decisions during the standstill period").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

from appraisal.model.criteria import CriteriaFile

STANDSTILL_DAYS = 8
FURTHER_DAYS = 5
"""Under the regime, the working days after a decision on representations before the contract (regulation 12)."""
DIVISIONS = {"england-and-wales": "England and Wales", "scotland": "Scotland", "northern-ireland": "Northern Ireland"}


@dataclass(frozen=True)
class Calendar:
    """The UK's bank holidays (each with why it is one) and the years the list covers."""

    holidays: Mapping[dt.date, str]
    first: int
    last: int

    def why_not(self, day: dt.date) -> str | None:
        """Why ``day`` is not a working day (s.123), or None when it is one."""
        if day.weekday() == 5:
            return "Saturday"
        if day.weekday() == 6:
            return "Sunday"
        return self.holidays.get(day)

    def covers(self, day: dt.date) -> bool:
        return self.first <= day.year <= self.last


@functools.cache
def uk_calendar() -> Calendar:
    """GOV.UK's bank holidays for every part of the UK, from govuk-bank-holidays' own copy."""
    from govuk_bank_holidays.bank_holidays import BankHolidays

    data = BankHolidays.load_backup_data()
    where: dict[dt.date, dict[str, list[str]]] = {}
    for division, shown in DIVISIONS.items():
        for event in data[division]["events"]:
            day = dt.date.fromisoformat(event["date"])
            title = event["title"].replace("\u2019", "'") + (" (substitute day)" if event.get("notes") else "")
            where.setdefault(day, {}).setdefault(title, []).append(shown)
    holidays = {}
    for day, titles in where.items():
        holidays[day] = "; ".join(
            f"{title}, a bank holiday in " + ("every part of the UK" if len(parts) == len(DIVISIONS)
                                              else " and ".join(parts))
            for title, parts in titles.items())
    years = [d.year for d in where]
    return Calendar(holidays, min(years), max(years))


@dataclass(frozen=True)
class Skipped:
    date: dt.date
    why: str


@dataclass(frozen=True)
class Further:
    """Under the Provider Selection Regime, the further working days after a decision on representations."""

    decided: dt.date
    """The day the decision on the representations was made and the providers told of it."""
    ends: dt.date
    """The last of the further working days (the standstill ends at midnight at the end of it)."""
    earliest_contract: dt.date
    """The first day the contract may be entered into: the day after, and never before the first standstill ends."""
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class Standstill:
    """A standstill period worked out from the day its notice was published."""

    regime: str
    """``procurement_act`` (s.51) or ``psr`` (regulation 12)."""
    published: dt.date
    begins: dt.date
    ends: dt.date
    """The last day of standstill (it ends at midnight at the end of this day); under the regime, the last day on
    which representations may be made."""
    earliest_contract: dt.date
    """The first day the contract may be entered into (under the regime, when no representations are made)."""
    skipped: tuple[Skipped, ...]
    """Every day from the start to the end that was not a working day, and why."""
    further: Further | None = None
    """Under the regime, once representations are decided: the further working days before the contract."""


class OutsideCalendar(ValueError):
    """A date the bank-holiday list does not cover: the working days cannot be counted."""


class NotUnderRegime(ValueError):
    """A decision on representations given where the further days do not apply, or dated before standstill."""


def _working_days(first: dt.date, days: int, calendar: Calendar) -> tuple[dt.date, tuple[Skipped, ...]]:
    """The ``days``-th working day counting ``first`` as the first candidate, and the days skipped on the way."""
    day, counted = first, 0
    skipped: list[Skipped] = []
    while True:
        if not calendar.covers(day):
            raise OutsideCalendar(
                f"the bank holidays appraise knows cover {calendar.first} to {calendar.last}, and this standstill "
                f"runs into {day.year}: it cannot be counted until a newer list is installed "
                "(pip install --upgrade govuk-bank-holidays)")
        why = calendar.why_not(day)
        if why is None:
            counted += 1
            if counted == days:
                return day, tuple(skipped)
        else:
            skipped.append(Skipped(day, why))
        day += dt.timedelta(days=1)


def standstill(published: dt.date, regime: str = "procurement_act", calendar: Calendar | None = None,
               decided: dt.date | None = None) -> Standstill:
    """The standstill that a notice published on ``published`` starts, under ``regime``; under the regime,
    ``decided`` is the day representations were decided, which adds :data:`FURTHER_DAYS` working days."""
    calendar = calendar or uk_calendar()
    one = dt.timedelta(days=1)
    begins = published if regime == "procurement_act" else published + one
    ends, skipped = _working_days(begins if regime == "procurement_act" else begins + one, STANDSTILL_DAYS, calendar)
    further = None
    if decided is not None:
        if regime != "psr":
            raise NotUnderRegime(
                "a decision on representations adds working days under the Provider Selection Regime only "
                "(regulation 12); under the Procurement Act 2023 standstill is 8 working days (s.51)")
        if decided < begins:
            raise NotUnderRegime(
                f"representations are decided on {decided.isoformat()}, before standstill begins "
                f"({begins.isoformat()}): they are made during standstill, so the decision comes after it begins")
        last, more = _working_days(decided + one, FURTHER_DAYS, calendar)
        further = Further(decided, last, max(last, ends) + one, more)
    return Standstill(regime, published, begins, ends, ends + one, skipped, further)


def award_problems(frame: CriteriaFile) -> list[tuple[tuple[str | int, ...], str]]:
    """The award's dates out of order (contract section 17), as (place in criteria.yaml, message)."""
    award = frame.award
    if award is None:
        return []
    out: list[tuple[tuple[str | int, ...], str]] = []
    sent, published, decided = award.summaries_sent, award.notice_published, award.decision
    if sent is not None and published is not None and sent > published:
        out.append((("award", "summaries_sent"), (
            f"the assessment summaries are sent on {sent.isoformat()}, after the notice is published "
            f"({published.isoformat()}): they must go to every assessed supplier on or before the day the contract "
            "award notice is published (Procurement Act 2023, s.50)")))
    if decided is not None and published is not None and published < decided:
        out.append((("award", "notice_published"), (
            f"the notice is published on {published.isoformat()}, before the award decision ({decided.isoformat()}): "
            "the contract award notice follows the decision")))
    start = award.contract.start if award.contract else None
    if published is not None and start is not None:
        try:
            period = standstill(published, frame.regime)
        except OutsideCalendar:
            return out
        if start <= period.ends:
            out.append((("award", "contract", "start"), (
                f"the contract starts on {start.isoformat()}, inside the standstill period, which ends on "
                f"{period.ends.isoformat()}: the contract may be entered into from "
                f"{period.earliest_contract.isoformat()}")))
    return out


def _last_sunday(year: int, month: int) -> dt.date:
    day = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def uk_time(day: dt.date, *, end: bool = False) -> str:
    """The start (or, with ``end``, the last second) of ``day`` in UK time, as an ISO 8601
    date-time with its offset: +01:00 in British Summer Time, +00:00 otherwise. Summer Time runs
    from 01:00 GMT on the last Sunday of March to 01:00 GMT on the last Sunday of October
    (the Summer Time Order 2002), so midnight at the start of the March Sunday is still GMT and
    at the start of the October Sunday still BST; the last second of each is the other way round."""
    spring, autumn = _last_sunday(day.year, 3), _last_sunday(day.year, 10)
    summer = spring <= day < autumn if end else spring < day <= autumn
    return f"{day.isoformat()}T{'23:59:59' if end else '00:00:00'}{'+01:00' if summer else '+00:00'}"

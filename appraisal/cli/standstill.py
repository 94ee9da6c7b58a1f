"""``appraise standstill``: when standstill ends and the contract may be entered into (docs/tenders.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, iso_date, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.check.standstill import Calendar, Standstill


@dataclass(frozen=True)
class Period:
    standstill: Standstill
    calendar: Calendar


def _table(p: Period, terminal: bool) -> str:
    from appraisal.render.standstill import to_text

    return to_text(p.standstill, p.calendar)


def _json(p: Period, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, standstill_to_dict

    return json_bytes(standstill_to_dict(p.standstill, p.calendar))


FORMATS: Formats[Period] = Formats("standstill", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
])


def standstill(
    path: Path = PathArg,
    published: str | None = typer.Option(None, "--published", metavar="DATE",
                                         help="The day the notice is (or was) published, YYYY-MM-DD; default: "
                                              "criteria.yaml's award.notice_published."),
    decided: str | None = typer.Option(None, "--decided", metavar="DATE",
                                       help="Under the Provider Selection Regime: the day representations were "
                                            "decided and the providers told, YYYY-MM-DD; adds the further 5 "
                                            "working days before the contract (regulation 12)."),
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The last day of standstill and the first day the contract may be entered into, with every
    non-working day skipped and why."""
    from appraisal.check.standstill import NotUnderRegime, OutsideCalendar, standstill, uk_calendar
    from appraisal.errors import InputError, UsageError

    chosen = FORMATS.choose(format, output)
    appraisal = load_appraisal(path, criteria, None)
    award = appraisal.frame.award
    day = iso_date(published, "--published") if published else (award.notice_published if award else None)
    if day is None:
        raise InputError([appraisal.problem(("criteria", "award") if award else ("criteria",), (
            "no publication date: give award.notice_published in criteria.yaml (the day the notice is published), "
            "or --published DATE"), key=award is not None)])
    try:
        period = standstill(day, appraisal.frame.regime, decided=iso_date(decided, "--decided") if decided else None)
    except NotUnderRegime as exc:
        raise UsageError(f"--decided {decided}: {exc}") from None
    except OutsideCalendar as exc:
        if published or decided:
            raise UsageError(f"--{'published' if published else 'decided'} {published or decided}: {exc}") from None
        raise InputError([appraisal.problem(("criteria", "award", "notice_published"), str(exc))]) from None
    FORMATS.write(chosen, Period(period, uk_calendar()), output)

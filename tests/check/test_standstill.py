"""Standstill under the Procurement Act 2023 (s.51, working days as s.123 defines them) and the
Provider Selection Regime (regulation 12): dates worked out by hand from a calendar, around
Christmas and New Year (with Scotland's 2 January), Easter and a weekend (contract section 17)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise

from appraisal.check.standstill import standstill, uk_calendar


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(("published", "regime", "ends", "skipped"), [
    # the contract's example: Tue 24 Feb 2026 counts as day 1; Sat 28 Feb and Sun 1 Mar skipped; day 8 Thu 5 Mar
    ("2026-02-24", "procurement_act", "2026-03-05", ["2026-02-28", "2026-03-01"]),
    # Mon 21 Dec 2026: 21-24 are days 1-4; Christmas (Fri), the weekend, Boxing Day's substitute (Mon 28),
    # 29-31 days 5-7, New Year (Fri 1 Jan), the weekend, Scotland's 2 January substitute (Mon 4): day 8 Tue 5 Jan
    ("2026-12-21", "procurement_act", "2027-01-05",
     ["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"]),
    # Easter 2027 (Sunday 28 March): Wed 24 and Thu 25 days 1-2, Good Friday and Easter Monday skipped,
    # 30 Mar to 2 Apr days 3-6, the weekend, Mon 5 and Tue 6 Apr days 7-8
    ("2027-03-24", "procurement_act", "2027-04-06",
     ["2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29", "2027-04-03", "2027-04-04"]),
    # published on a Saturday: the period begins with that day, but counts from Monday 9 (days 1-5 to Fri 13,
    # Mon 16 day 6, St Patrick's Day in Northern Ireland skipped, Wed 18 day 7): day 8 Thu 19 March
    ("2026-03-07", "procurement_act", "2026-03-19", ["2026-03-07", "2026-03-08", "2026-03-14", "2026-03-15",
                                                      "2026-03-17"]),  # St Patrick's Day (NI) too
    # the regime's example: notice Tue 24 Feb 2026, standstill begins Wed 25, ends Mon 9 March
    ("2026-02-24", "psr", "2026-03-09", ["2026-02-28", "2026-03-01", "2026-03-07", "2026-03-08"]),
])
def test_standstill_by_hand(published: str, regime: str, ends: str, skipped: list[str]) -> None:
    period = standstill(day(published), regime)
    assert period.ends == day(ends)
    assert period.earliest_contract == day(ends) + dt.timedelta(days=1)
    assert [k.date.isoformat() for k in period.skipped] == skipped
    assert period.begins == day(published) + dt.timedelta(days=1 if regime == "psr" else 0)


def test_a_bank_holiday_in_any_part_of_the_uk_is_no_working_day() -> None:
    calendar = uk_calendar()
    assert calendar.why_not(day("2026-11-30")) == "St Andrew's Day, a bank holiday in Scotland"
    assert calendar.why_not(day("2026-03-17")) == "St Patrick's Day, a bank holiday in Northern Ireland"
    assert calendar.why_not(day("2027-03-26")) == "Good Friday, a bank holiday in every part of the UK"
    assert calendar.why_not(day("2026-03-18")) is None  # an ordinary Wednesday


def test_a_date_the_calendar_does_not_cover_is_refused(tmp_path: Path) -> None:
    last = uk_calendar().last
    folder = make_appraisal(tmp_path / "a", CRITERIA, OPTIONS)
    run = run_appraise("standstill", folder, "--published", f"{last}-12-24")
    assert run.code == 2 and f"the bank holidays appraise knows cover {uk_calendar().first} to {last}" in run.err
    bad = run_appraise("standstill", folder, "--published", "24/02/2026")
    assert bad.code == 2 and "write it YYYY-MM-DD" in bad.err


CRITERIA: dict[str, Any] = {
    "title": "Tender", "criteria": [{"id": "quality", "name": "Quality", "weight": 100}],
    "award": {"reference": "EC-2026-014", "decision": dt.date(2026, 2, 20), "summaries_sent": dt.date(2026, 2, 23),
              "notice_published": dt.date(2026, 2, 24), "contract": {"start": dt.date(2026, 4, 1)}},
}
OPTIONS = {"a": {"name": "A", "scores": {"quality": 4}}, "b": {"name": "B", "scores": {"quality": 3}}}


def test_the_command_reads_the_award_and_writes_the_contracts_json(tmp_path: Path) -> None:
    run = run_appraise("standstill", make_appraisal(tmp_path / "a", CRITERIA, OPTIONS), "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert {k: data[k] for k in ("published", "ends", "earliest_contract")} == {
        "published": "2026-02-24", "ends": "2026-03-05", "earliest_contract": "2026-03-06"}
    assert data["skipped"] == [{"date": "2026-02-28", "why": "Saturday"}, {"date": "2026-03-01", "why": "Sunday"}]
    table = run_appraise("standstill", tmp_path / "a")
    assert "Standstill ends: Thursday 5 March 2026, at midnight" in table.out


def test_the_award_dates_must_be_in_order(tmp_path: Path) -> None:
    criteria = json.loads(json.dumps(CRITERIA, default=str))
    award = {"decision": dt.date(2026, 2, 25), "summaries_sent": dt.date(2026, 2, 26),
             "notice_published": dt.date(2026, 2, 24), "contract": {"start": dt.date(2026, 3, 2)}}
    criteria["award"] = award
    run = run_appraise("validate", make_appraisal(tmp_path / "a", criteria, OPTIONS))
    assert run.code == 2
    assert "the assessment summaries are sent on 2026-02-26, after the notice is published (2026-02-24)" in run.err
    assert "the notice is published on 2026-02-24, before the award decision (2026-02-25)" in run.err
    assert ("the contract starts on 2026-03-02, inside the standstill period, which ends on 2026-03-05: the contract "
            "may be entered into from 2026-03-06") in run.err
    errors = [line for line in run.err.splitlines() if ": error: " in line]
    assert len(errors) == 3 and all("/a/criteria.yaml:" in e for e in errors)  # each located in the file


def test_without_a_date_the_command_says_where_to_give_one(tmp_path: Path) -> None:
    criteria = {k: v for k, v in CRITERIA.items() if k != "award"}
    run = run_appraise("standstill", make_appraisal(tmp_path / "a", criteria, OPTIONS))
    assert run.code == 2 and "give award.notice_published in criteria.yaml" in run.err and "--published" in run.err

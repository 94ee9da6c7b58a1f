"""Standstill under the Provider Selection Regime (regulation 12, contract section 18): it begins the
day after the notice of intention is published, representations may be made until the end of the
8th working day after that, and a decision on representations adds a further 5 working days before
the contract. Every date below was counted by hand from a calendar, around Christmas and Easter."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise

from appraisal.check.standstill import NotUnderRegime, standstill

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "worcestershire-health-visiting-psr"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_the_contracts_example_tuesday_24_february_2026() -> None:
    # begins Wed 25 Feb; Thu 26, Fri 27, Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 March are the 8 working days
    period = standstill(day("2026-02-24"), "psr")
    assert (period.begins, period.ends, period.earliest_contract) == (day("2026-02-25"), day("2026-03-09"),
                                                                       day("2026-03-10"))
    assert period.further is None


@pytest.mark.parametrize(("published", "ends", "decided", "further_ends", "earliest", "skipped"), [
    # Christmas: notice Tue 22 Dec 2026, begins Wed 23. Thu 24 is day 1; Christmas (Fri 25), the weekend and
    # Boxing Day's substitute (Mon 28) skipped; 29, 30, 31 days 2-4; New Year (Fri 1), the weekend and Scotland's
    # 2 January substitute (Mon 4) skipped; Tue 5 to Fri 8 January days 5-8. Decided Thu 14 Jan: Fri 15, then
    # Mon 18 to Thu 21 are the 5 further working days.
    ("2026-12-22", "2027-01-08", "2027-01-14", "2027-01-21", "2027-01-22", ["2027-01-16", "2027-01-17"]),
    # Easter 2027: notice Mon 15 March, begins Tue 16. St Patrick's Day (Wed 17, Northern Ireland) skipped;
    # Thu 18 to Thu 25 days 1-6; Good Friday, the weekend and Easter Monday skipped; Tue 30 and Wed 31 days 7-8.
    # Decided Wed 24 March, inside standstill: Thu 25 day 1, Good Friday to Easter Monday skipped, Tue 30 to
    # Fri 2 April days 2-5; the further days end after the first standstill, so they set the date.
    ("2027-03-15", "2027-03-31", "2027-03-24", "2027-04-02", "2027-04-03",
     ["2027-03-26", "2027-03-27", "2027-03-28", "2027-03-29"]),
    # decided early (Wed 25 Feb 2026): the 5 further days end Wed 4 March, before the 8 days for representations
    # end (Mon 9 March), so the contract still waits for those: from Tue 10 March
    ("2026-02-24", "2026-03-09", "2026-02-25", "2026-03-04", "2026-03-10", ["2026-02-28", "2026-03-01"]),
])
def test_the_further_five_working_days_by_hand(published: str, ends: str, decided: str, further_ends: str,
                                               earliest: str, skipped: list[str]) -> None:
    period = standstill(day(published), "psr", decided=day(decided))
    assert period.ends == day(ends)
    assert period.further is not None
    assert period.further.ends == day(further_ends)
    assert period.further.earliest_contract == day(earliest)
    assert [k.date.isoformat() for k in period.further.skipped] == skipped


def test_a_decision_is_refused_outside_the_regime_and_before_standstill_begins() -> None:
    with pytest.raises(NotUnderRegime, match="under the Provider Selection Regime only"):
        standstill(day("2026-02-24"), "procurement_act", decided=day("2026-03-02"))
    with pytest.raises(NotUnderRegime, match="before standstill begins"):
        standstill(day("2026-02-24"), "psr", decided=day("2026-02-24"))


def test_the_command_states_the_further_days_in_words_and_json() -> None:
    table = run_appraise("standstill", EXAMPLE)
    assert table.code == 0, table.err
    assert "Standstill begins: Wednesday 25 February 2026" in table.out
    assert "Representations may be made until: Monday 9 March 2026, at midnight" in table.out
    assert "a further 5 working days" in table.out and "--decided DATE" in table.out
    run = run_appraise("standstill", EXAMPLE, "--decided", "2026-03-12", "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    # section 17's keys are kept; the regime's are added
    assert {k: data[k] for k in ("published", "begins", "ends", "earliest_contract")} == {
        "published": "2026-02-24", "begins": "2026-02-25", "ends": "2026-03-09", "earliest_contract": "2026-03-10"}
    assert data["representations_until"] == "2026-03-09" and data["further_working_days"] == 5
    # decided Thu 12 March: Fri 13, Mon 16, (St Patrick's Day skipped), Wed 18, Thu 19, Fri 20
    after = data["after_representations"]
    assert (after["decided"], after["ends"], after["earliest_contract"]) == ("2026-03-12", "2026-03-20", "2026-03-21")
    assert [k["date"] for k in after["skipped"]] == ["2026-03-14", "2026-03-15", "2026-03-17"]
    words = run_appraise("standstill", EXAMPLE, "--decided", "2026-03-12")
    assert "The further 5 working days end: Friday 20 March 2026, at midnight" in words.out
    assert "The contract may then be entered into from: Saturday 21 March 2026" in words.out


CRITERIA: dict[str, Any] = {"title": "Tender", "criteria": [{"id": "quality", "name": "Quality", "weight": 100}],
                            "award": {"notice_published": dt.date(2026, 2, 24)}}


def test_the_command_refuses_a_decision_it_cannot_use(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", CRITERIA, {"a": {"name": "A", "scores": {"quality": 4}}})
    run = run_appraise("standstill", folder, "--decided", "2026-03-02")
    assert run.code == 2 and "--decided 2026-03-02" in run.err and "Provider Selection Regime only" in run.err
    early = run_appraise("standstill", EXAMPLE, "--decided", "2026-02-20")
    assert early.code == 2 and "before standstill begins (2026-02-25)" in early.err
    bad = run_appraise("standstill", EXAMPLE, "--decided", "12/03/2026")
    assert bad.code == 2 and "write it YYYY-MM-DD" in bad.err
    assert "Traceback" not in run.err + early.err + bad.err

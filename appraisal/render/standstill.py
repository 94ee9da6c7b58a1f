"""``appraise standstill`` as text for the terminal (its JSON: :func:`appraisal.render.machine.standstill_to_dict`)."""

from __future__ import annotations

from typing import Any

from appraisal.check.standstill import FURTHER_DAYS, Calendar, Further, Standstill

LAW = {
    "procurement_act": ("Procurement Act 2023, s.51: 8 working days beginning with the day the contract award "
                        "notice is published"),
    "psr": ("Provider Selection Regime, regulation 12: begins the day after the notice of intention is published "
            "and ends at midnight at the end of the 8th working day after the day it begins"),
}


WORKING = {
    "procurement_act": "Procurement Act 2023, s.123",
    "psr": "counted as the Procurement Act 2023, s.123 counts them: a bank holiday in any part of the UK is skipped",
}


def _further(f: Further | None) -> str:
    """What follows representations: the rule, or the dates once they are decided."""
    if f is None:
        return (f"If a provider makes representations, the authority decides on them, and if it keeps to the award "
                f"the contract may not be entered into until a further {FURTHER_DAYS} working days have passed after "
                "that decision (regulation 12). Give --decided DATE to count them.")
    return "\n".join([
        f"Representations decided: {day_in_words(f.decided)}",
        f"The further {FURTHER_DAYS} working days end: {day_in_words(f.ends)}, at midnight",
        f"The contract may then be entered into from: {day_in_words(f.earliest_contract)}",
    ])


def day_in_words(date: Any) -> str:
    return f"{date:%A} {date.day} {date:%B %Y}"


def to_text(s: Standstill, calendar: Calendar) -> str:
    """The dates in words, then every day skipped and why."""
    lines = [
        f"Standstill ({LAW[s.regime]}).",
        f"Notice published: {day_in_words(s.published)}",
        f"Standstill begins: {day_in_words(s.begins)}",
        f"Standstill ends: {day_in_words(s.ends)}, at midnight",
        f"The contract may be entered into from: {day_in_words(s.earliest_contract)}",
    ]
    if s.regime == "psr":
        lines[3:5] = [
            f"Representations may be made until: {day_in_words(s.ends)}, at midnight (standstill ends then if none "
            "are made)",
            f"With no representations, the contract may be entered into from: {day_in_words(s.earliest_contract)}"]
        lines.append(_further(s.further))
    lines += ["", f"Days that are not working days ({WORKING[s.regime]}), skipped:" if s.skipped else
              "No day in the period was skipped."]
    lines += [f"  {day_in_words(k.date)}: {k.why}" for k in s.skipped]
    if s.further and s.further.skipped:
        lines += ["", "Skipped in the further working days:"]
        lines += [f"  {day_in_words(k.date)}: {k.why}" for k in s.further.skipped]
    lines += ["", f"Bank holidays: GOV.UK's list for every part of the UK, {calendar.first} to {calendar.last}."]
    return "\n".join(lines) + "\n"

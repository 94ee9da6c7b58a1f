"""``appraise standstill`` as text for the terminal (its JSON: :func:`appraisal.render.machine.standstill_to_dict`)."""

from __future__ import annotations

from typing import Any

from appraisal.check.standstill import Calendar, Standstill

LAW = {
    "procurement_act": ("Procurement Act 2023, s.51: 8 working days beginning with the day the contract award "
                        "notice is published"),
    "psr": ("Provider Selection Regime, regulation 12: begins the day after the notice of intention is published "
            "and ends at midnight at the end of the 8th working day after the day it begins"),
}


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
        lines.append("If a provider makes representations, the contract may not be awarded until a further 5 working "
                     "days have passed after the decision on them (regulation 12).")
    lines += ["", "Days that are not working days (Procurement Act 2023, s.123), skipped:" if s.skipped else
              "No day in the period was skipped."]
    lines += [f"  {day_in_words(k.date)}: {k.why}" for k in s.skipped]
    lines += ["", f"Bank holidays: GOV.UK's list for every part of the UK, {calendar.first} to {calendar.last}."]
    return "\n".join(lines) + "\n"

"""Warnings for the starter's placeholder text left in criteria.yaml.

``appraise init`` writes a criteria.yaml whose title, decision, organisation and date stand in
for the real ones. Left in, they reach the committee's report, so ``validate`` names each one
until it is replaced. tests/check/test_starter.py keeps these values equal to the starter's file.
"""

from __future__ import annotations

import datetime as dt

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal

PLACEHOLDERS: dict[str, tuple[object, str]] = {
    "title": ("New options appraisal", "the appraisal's title, as the committee will read it"),
    "decision": ("Which option should the committee approve?", "the decision the committee is asked to take"),
    "organisation": ("Your organisation", "the name of your council or organisation"),
    "date": (dt.date(2026, 1, 1), "the date of the appraisal (YYYY-MM-DD)"),
}
"""Field -> (the starter's placeholder, what to write instead)."""


def placeholder_warnings(appraisal: Appraisal) -> list[Problem]:
    """A warning at each criteria.yaml field that still holds the starter's placeholder."""
    problems = []
    for field, (placeholder, instead) in PLACEHOLDERS.items():
        if getattr(appraisal.frame, field) == placeholder:
            problems.append(appraisal.problem(("criteria", field), (
                f"'{field}' is still the starter's placeholder ({placeholder}): replace it with {instead}"),
                severity="warning"))
    return problems

"""Who sees what in a tender evaluation's assessment summaries: pure, from a scored result
(Procurement Act 2023 s.50; Procurement Regulations 2024 reg. 31; docs/tenders.md).

Every supplier whose tender was assessed gets a summary. The most advantageous tender's holds
its own assessment only; an unsuccessful tender's holds its own and the most advantageous
tender's, never another unsuccessful tender's. :func:`plans` fixes that choice in one place,
and the summaries' words (:mod:`appraisal.report.summaries`) are built from it alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from appraisal.errors import Problem
from appraisal.scoring.weighted_sum import OptionResult, Result


@dataclass(frozen=True)
class Plan:
    """One supplier's summary: whose assessments it holds, and the outcome it reports."""

    recipient: str
    """The option id of the tender the summary is addressed to."""
    shows: tuple[str, ...]
    """The tenders whose assessment it holds: the recipient's, then the most advantageous
    tender's for an unsuccessful one."""
    successful: bool
    failed_gates: tuple[str, ...]
    """The gates (thresholds included) the recipient's tender failed: why it was disqualified."""


def tenders(result: Result) -> tuple[OptionResult, ...]:
    """The assessed tenders: shortlisted options that name their supplier, in rank order."""
    suppliers = {o.id: o.supplier for o in result.appraisal.shortlisted}
    return tuple(o for o in result.options if suppliers.get(o.id) is not None)


def most_advantageous(result: Result) -> str | None:
    """The single most advantageous tender's id: the one tender ranked first (None for a tie,
    for nothing ranked, or when the option ranked first is not a tender)."""
    ids = {o.id for o in tenders(result)}
    return result.preferred if result.preferred in ids else None


def no_winner(result: Result) -> list[Problem]:
    """The refusal when there is no single most advantageous tender: every unsuccessful
    supplier's summary must show it."""
    if most_advantageous(result) is not None:
        return []
    first = [o.name for o in result.options if o.rank == 1]
    why = (f"tenders tie for first place ({', '.join(first)})" if len(first) > 1
           else "no tender passes every gate and threshold, so none is ranked" if not first
           else f"the option ranked first ({first[0]}) names no supplier")
    return [result.appraisal.problem(("criteria",), (
        f"there is no single most advantageous tender: {why}; every unsuccessful supplier's "
        "assessment summary must show the most advantageous tender, so settle the evaluation "
        "first (docs/tenders.md)"))]


def plans(result: Result) -> tuple[Plan, ...]:
    """Each assessed tender's plan, in option id order; there must be a most advantageous tender."""
    winner = most_advantageous(result)
    assert winner is not None, "no_winner() refuses this first"
    return tuple(
        Plan(o.id, (o.id,) if o.id == winner else (o.id, winner), o.id == winner, o.failed_gates)
        for o in sorted(tenders(result), key=lambda o: o.id)
    )

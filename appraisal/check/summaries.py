"""Refusals and warnings before any assessment summary is written (docs/tenders.md).

A summary goes to a supplier under the standstill clock, so one that is incomplete, or
that would tell one supplier about another, is refused: a judged score with no
explanation, a supplier with no identifier or no contact, no single most advantageous
tender (:func:`appraisal.analysis.summaries.no_winner`, which needs the ranking), an
explanation that names another supplier, or a letter with no date, reference or contact
(:func:`letter_problems`). Explanations that compare tenders with one another instead of
with the criteria are warned of (Lancashire Care [2018]). Under the Provider Selection
Regime the same rules hold, in its words: providers and their offers.
"""

from __future__ import annotations

import datetime as dt
import re

from appraisal.check.names import Detail, Suppliers, disguised, frame_texts, reading
from appraisal.check.standstill import OutsideCalendar, standstill
from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option
from appraisal.text import bid

COMPARATIVE = (
    "better than", "worse than", "stronger than", "weaker than", "higher than", "lower than",
    "the strongest", "the weakest", "the best bid", "the best tender", "the worst",
    "compared with", "compared to", "compared against", "in comparison with", "in comparison to",
    "than other", "than the other", "than others", "other bidders", "other tenders",
    "other suppliers", "other bids", "another bidder", "another tender", "another supplier",
    "other providers", "other offers", "another provider", "another offer",
    "unlike", "similar to", "similarly to", "the same as", "as good as", "in contrast to",
    "by contrast", "relative to", "outperformed", "outperforms", "outperform",
)
"""Wording that compares a tender with the others rather than with the criteria."""


def _comparative() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern of the comparative phrases as :func:`reading` reads them (so "unlike" with a
    look-alike letter or a line break inside "similar to" is still found), and each one's words."""
    read = {reading(p): p for p in COMPARATIVE}
    alternatives = "|".join(re.escape(r) for r in sorted(read, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)"), read


def summary_problems(appraisal: Appraisal) -> list[Problem]:
    """Every reason in the files not to write the summaries (errors), and the wording to
    reconsider (warnings)."""
    options = [o for o in appraisal.shortlisted if o.supplier is not None]
    problems = [p for o in options for p in _supplier(appraisal, o)]
    judged = [c for c in appraisal.frame.all_criteria() if c.is_leaf and not c.measure]
    # every supplier, discounted tenders' too: a summary must name none but its own
    suppliers = Suppliers(appraisal.options, frame_texts(appraisal.frame))
    comparative, phrases = _comparative()
    w = appraisal.words
    for o in options:
        for c in judged:
            target = ("option", o.id, "scores", c.id)
            why = o.scores[c.id].rationale
            if not why or not why.strip():
                problems.append(appraisal.problem(target, (
                    f"the score of {o.name} on '{c.name}' has no explanation, and its letter must "
                    f"explain every score by reference to the {bid(w)}: add 'rationale:' "
                    f"saying what in the {bid(w)} earned the score")))
                continue
            read = reading(why)
            for detail in suppliers.others(o.id, read):
                whose = f"{detail.what} of {suppliers.names[detail.owner]}{_disguise(detail, why)}"
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' names another {w.provider} "
                    f"('{detail.shown}', {whose}); a letter would pass that to a {w.provider} who may not "
                    "see it: explain the score by reference "
                    f"to this {bid(w)} and the criteria alone")))
            found = dict.fromkeys(phrases[m.group(0)] for m in comparative.finditer(read))
            if found:
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' compares {bid(w)}s "
                    f"({', '.join(repr(p) for p in found)}); explain the score against the criterion and its "
                    "scale instead (comparative wording was a fault found in Lancashire Care [2018])"),
                    severity="warning"))
    return problems


def _disguise(detail: Detail, why: str) -> str:
    if not disguised(detail.shown, why):
        return ""
    return ", written with look-alike letters, hidden characters or other spacing"


def _supplier(appraisal: Appraisal, option: Option) -> list[Problem]:
    supplier = option.supplier
    assert supplier is not None
    target = ("option", option.id, "supplier")
    problems = []
    if not supplier.identifier:
        problems.append(appraisal.problem(target, (
            f"the supplier of {option.name} has no identifier: add 'identifier:' (its Companies "
            "House number, or its unique identifier on the central digital platform), which "
            "its assessment summary must show")))
    if not supplier.address and not supplier.email:
        problems.append(appraisal.problem(target, (
            f"the supplier of {option.name} has no contact: add 'email:' or 'address:' saying "
            "where its assessment summary is to be sent")))
    return problems


def letter_problems(appraisal: Appraisal, date: dt.date | None) -> list[Problem]:
    """What the summaries need to be letters, from criteria.yaml's ``award:`` (contract section
    17): the day they are sent (``summaries_sent``, or ``date`` from ``--date``), the
    procurement's reference and whom to contact; and the standstill, when the notice's day is
    known, within the years the bank holidays cover. Each missing one is located and says what
    to add."""
    award = appraisal.frame.award
    where = ("criteria", "award") if award is not None else ("criteria",)
    add = "under 'award:' in criteria.yaml" if award is not None else "to criteria.yaml, in an 'award:' block"
    problems = []
    sent = award.summaries_sent if award is not None else None
    if date is None and sent is None:
        problems.append(appraisal.problem(where, (
            f"the letters are not dated: add 'summaries_sent: YYYY-MM-DD' {add} (the day they are sent), or give "
            "--date YYYY-MM-DD; a letter is dated, and the date comes from the folder, never the computer's "
            "clock"), key=award is not None))
    elif date is not None and sent is not None and date != sent:
        problems.append(appraisal.problem(("criteria", "award", "summaries_sent"), (
            f"--date {date.isoformat()} is not the day criteria.yaml says the summaries are sent "
            f"({sent.isoformat()}): the letters and the notice must give the same day, so change one of them")))
    published = award.notice_published if award is not None else None
    if date is not None and published is not None and date > published:
        problems.append(appraisal.problem(("criteria", "award", "notice_published"), (
            f"--date {date.isoformat()} is after the notice is published ({published.isoformat()}): the letters "
            "go on or before the day the notice is published")))
    if award is None or not award.reference:
        problems.append(appraisal.problem(where, (
            f"the letters have no reference: add 'reference:' {add}, the procurement's own reference, which each "
            "letter quotes"), key=award is not None))
    if award is None or award.contact is None:
        problems.append(appraisal.problem(where, (
            f"the letters say nobody to contact: add 'contact: {{name: ..., email: ...}}' {add}, whom "
            f"{appraisal.words.providers} write to about the decision during standstill"),
            key=award is not None))
    process = appraisal.frame.process
    if appraisal.frame.regime == "psr" and process is not None and process != "competitive":
        problems.append(appraisal.problem(("criteria", "process"), (
            f"'process: {process}': the letters to the providers not chosen are what the competitive process "
            "(regulation 11) requires, and this process selects a provider without competing offers; the notice "
            "of intention says the decision instead (appraise notice --type psr-intention)")))
    if published is not None:
        try:
            standstill(published, appraisal.frame.regime)
        except OutsideCalendar as exc:
            problems.append(appraisal.problem(("criteria", "award", "notice_published"), str(exc)))
    return problems

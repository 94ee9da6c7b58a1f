"""Refusals and warnings before any assessment summary is written (docs/tenders.md).

A summary goes to a supplier under the standstill clock, so one that is incomplete, or
that would tell one supplier about another, is refused: a judged score with no
explanation, a supplier with no identifier or no contact, no single most advantageous
tender (:func:`appraisal.analysis.summaries.no_winner`, which needs the ranking), or an
explanation that names another supplier. Explanations that compare tenders
with one another instead of with the criteria are warned of (Lancashire Care [2018]).
"""

from __future__ import annotations

import re

from appraisal.check.names import Detail, Suppliers, disguised, reading
from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option

COMPARATIVE = (
    "better than", "worse than", "stronger than", "weaker than", "higher than", "lower than",
    "the strongest", "the weakest", "the best bid", "the best tender", "the worst",
    "compared with", "compared to", "compared against", "in comparison with", "in comparison to",
    "than other", "than the other", "than others", "other bidders", "other tenders",
    "other suppliers", "other bids", "another bidder", "another tender", "another supplier",
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
    suppliers = Suppliers(appraisal.options)
    comparative, phrases = _comparative()
    for o in options:
        for c in judged:
            target = ("option", o.id, "scores", c.id)
            why = o.scores[c.id].rationale
            if not why or not why.strip():
                problems.append(appraisal.problem(target, (
                    f"the score of {o.name} on '{c.name}' has no explanation, and its assessment "
                    "summary must explain every score by reference to the tender: add 'rationale:' "
                    "saying what in the tender earned the score")))
                continue
            read = reading(why)
            for detail in suppliers.others(o.id, read):
                whose = f"{detail.what} of {suppliers.names[detail.owner]}{_disguise(detail, why)}"
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' names another supplier "
                    f"('{detail.shown}', {whose}); a summary would pass that to a supplier who may not "
                    "see it: explain the score by reference "
                    "to this tender and the criteria alone")))
            found = dict.fromkeys(phrases[m.group(0)] for m in comparative.finditer(read))
            if found:
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' compares tenders "
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

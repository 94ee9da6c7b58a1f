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
from typing import Any

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option

COMPARATIVE = (
    "better than", "worse than", "stronger than", "weaker than", "higher than", "lower than",
    "the strongest", "the weakest", "the best bid", "the best tender", "the worst",
    "compared with", "compared to", "than other", "than the other", "other bidders",
    "other tenders", "other suppliers",
)
"""Wording that compares a tender with the others rather than with the criteria."""


def _words(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


COMPARATIVE_WORDING = re.compile("|".join(_words(p).pattern for p in COMPARATIVE), re.IGNORECASE)


def summary_problems(appraisal: Appraisal) -> list[Problem]:
    """Every reason in the files not to write the summaries (errors), and the wording to
    reconsider (warnings)."""
    options = [o for o in appraisal.shortlisted if o.supplier is not None]
    problems = [p for o in options for p in _supplier(appraisal, o)]
    judged = [c for c in appraisal.frame.all_criteria() if c.is_leaf and not c.measure]
    named = _Names(options)
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
            for word in named.others(o, why):
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' names another supplier "
                    f"('{word}'); a summary would pass that to a supplier who may not see it: "
                    "explain the score by reference to this tender and the criteria alone")))
            found = COMPARATIVE_WORDING.search(why)
            if found:
                problems.append(appraisal.problem((*target, "rationale"), (
                    f"the explanation of {o.name}'s score on '{c.name}' compares tenders "
                    f"('{found.group(0)}'); explain the score against the criterion and its scale "
                    "instead (comparative wording was a fault found in Lancashire Care [2018])"),
                    severity="warning"))
    return problems


def _trie(words: list[str]) -> str:
    """A pattern matching any of ``words`` followed by no word character, with their common
    beginnings written once, so a search tries one branch per distinct character at each step
    instead of every word at every position. Groups nest only where words branch, so no deeper
    than a name is long (at most 300 characters, which the regular-expression compiler takes)."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict[str, dict[str, Any]]) -> str:
    parts = []
    for ch, child in node.items():
        run, below = ch, child
        while len(below) == 1 and "" not in below:  # a stretch with no branch: one literal
            (nxt, below), = below.items()
            run += nxt
        parts.append(r"(?!\w)" if ch == "" else re.escape(run) + _branches(below))
    return "(?!)" if not parts else parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


class _Names:
    """Every supplier's name and identifier, to find the other suppliers an explanation names.

    One pattern of them all first says whether an explanation names any supplier at all (most
    name none), so the cost grows with the number of tenders, not with its square; a word's own
    pattern is compiled when an explanation first needs it.
    """

    def __init__(self, options: list[Option]) -> None:
        self.words = {o.id: [w for w in (o.supplier.name, o.supplier.identifier) if w]
                      for o in options if o.supplier is not None}
        self.patterns: dict[str, re.Pattern[str]] = {}
        self.any = re.compile(r"(?<!\w)" + _trie([w for ws in self.words.values() for w in ws]), re.IGNORECASE)

    def others(self, option: Option, why: str) -> list[str]:
        """The other suppliers' names and identifiers ``why`` holds, in option order."""
        if not self.any.search(why):
            return []
        return [w for oid, ws in self.words.items() if oid != option.id for w in ws if self._pattern(w).search(why)]

    def _pattern(self, word: str) -> re.Pattern[str]:
        if word not in self.patterns:
            self.patterns[word] = _words(word)
        return self.patterns[word]


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

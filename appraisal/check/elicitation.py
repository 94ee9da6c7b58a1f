"""A weighting workshop's files checked against the criteria tree, and turned into weights.

Each participant's judgements are read group by group (``root``, then each parent's children),
every problem located in the participant's file (an unknown criterion, one judged twice, a
number that is not positive, a ratio off Saaty's scale, a group judged in part) and every one
reported at once. What passes becomes the participant's local weights (:class:`Elicited`),
by :mod:`appraisal.weighting.methods`. Warnings: an inconsistent pairwise group (consistency
ratio above 0.10), and weights that contradict the order the participant ranked the group in.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.weights import ROOT, Participant
from appraisal.text import did_you_mean, series
from appraisal.weighting.methods import (
    CONSISTENT,
    MAX_PAIRWISE,
    SAATY,
    combine,
    geometric_matrix,
    matrix,
    normalised,
    pairwise,
    rank_weights,
)


@dataclass(frozen=True)
class Elicited:
    """One participant's local weights, group by group, and each pairwise group's consistency."""

    local: dict[str, dict[str, float]] = field(default_factory=dict)
    consistency: dict[str, float | None] = field(default_factory=dict)
    """Each judged group's consistency ratio (pairwise), or None (other methods)."""
    matrices: dict[str, list[list[float]]] = field(default_factory=dict)
    """Each pairwise group's reciprocal matrix, for the geometric (AIJ) combination."""


def groups(appraisal: Appraisal) -> dict[str, list[str]]:
    """Every sibling group of the criteria tree: ``root`` and each parent's id, with their criteria in file order."""
    found = {ROOT: [c.id for c in appraisal.frame.criteria]}
    for c in appraisal.frame.all_criteria():
        if c.criteria:
            found[c.id] = [k.id for k in c.criteria]
    return found


def elicit(appraisal: Appraisal) -> tuple[dict[str, Elicited], list[Problem]]:
    """Every participant's local weights, and the problems (errors and warnings) in their files."""
    tree = groups(appraisal)
    found: dict[str, Elicited] = {}
    problems: list[Problem] = []
    for pid, person in appraisal.participants.items():
        checker = _Checker(appraisal, pid, person, tree)
        found[pid] = checker.run()
        problems += checker.problems
    return found, problems


class _Checker:
    """One participant's file, group by group."""

    def __init__(self, appraisal: Appraisal, pid: str, person: Participant, tree: dict[str, list[str]]) -> None:
        self.appraisal, self.pid, self.person, self.tree = appraisal, pid, person, tree
        self.problems: list[Problem] = []
        self.result = Elicited()

    def error(self, loc: Sequence[str | int], message: str, *, key: bool = False) -> None:
        self.problems.append(self.appraisal.problem(("participant", self.pid, *loc), message, key=key))

    def warn(self, loc: Sequence[str | int], message: str) -> None:
        self.problems.append(self.appraisal.problem(("participant", self.pid, *loc), message, key=True,
                                                    severity="warning"))

    def run(self) -> Elicited:
        for group, given in self.person.judgements.items():
            if group not in self.tree:
                parents = [g for g in self.tree if g != ROOT]
                self.error(("judgements", group), (
                    f"'{group}' is not a group of criteria: judge '{ROOT}' (the top-level criteria)"
                    + (f" or a criterion with sub-criteria ({series(parents)})" if parents else "")
                    + did_you_mean(group, list(self.tree))), key=True)
                continue
            weights = self.group(group, given, self.tree[group])
            if weights is not None:
                self.result.local[group] = weights
                self.follows_order(group, weights)
        for group in self.person.order:
            if group not in self.person.judgements:
                self.error(("order", group), f"'{group}' has an order but no judgements: judge the group, or remove "
                           "its order", key=True)
        return self.result

    def group(self, group: str, given: Any, ids: list[str]) -> dict[str, float] | None:
        method = self.person.method
        if method == "rank":
            return self.ranked(group, given, ids)
        if method == "pairwise":
            return self.compared(group, given, ids)
        return self.rated(group, given, ids)

    def rated(self, group: str, given: Any, ids: list[str]) -> dict[str, float] | None:
        """``points``, ``swing`` and ``smart``: a positive number for every criterion of the group."""
        where = ("judgements", group)
        method = self.person.method
        if not isinstance(given, Mapping):
            self.error(where, f"with method: {method}, a group's judgements are each criterion and a number, "
                       "such as {" + ", ".join(f"{k}: {v}" for k, v in zip(ids[:2], (100, 60), strict=False)) + "}")
            return None
        ok = self.known(where, list(given), ids)
        values: dict[str, float] = {}
        for cid, number in given.items():
            if cid not in ids:
                continue
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number) \
                    or number <= 0:
                self.error((*where, cid), f"the weight given to '{cid}' must be a number above 0, not {number!r}")
                ok = False
                continue
            values[cid] = float(number)
        if not ok:
            return None
        top, bottom = max(values.values()), min(values.values())
        if method == "swing" and (top != 100 or any(v > 100 for v in values.values())):
            self.error(where, "in swing weighting the most valued swing is 100 and the others are percentages of it: "
                       f"the largest here is {top:g}", key=True)
            return None
        if method == "smart" and bottom != 10:
            self.error(where, "in SMART the least important criterion gets 10 and the others more: the smallest "
                       f"here is {bottom:g}", key=True)
            return None
        return normalised({cid: values[cid] for cid in ids})

    def ranked(self, group: str, given: Any, ids: list[str]) -> dict[str, float] | None:
        """``rank``: a list, most important first, an inner list a tie."""
        where = ("judgements", group)
        if not isinstance(given, list) or not all(
                isinstance(i, str) or isinstance(i, list) and i and all(isinstance(k, str) for k in i) for i in given):
            example = ", ".join([*ids[:1], "[" + ", ".join(ids[1:3]) + "]"])
            self.error(where, "with method: rank, a group's judgement is a list of its criteria, most important "
                       f"first, with tied ones in an inner list: [{example}]")
            return None
        flat = [k for i in given for k in ([i] if isinstance(i, str) else i)]
        if not self.known(where, flat, ids):
            return None
        return rank_weights(given, self.person.rule or "roc")

    def compared(self, group: str, given: Any, ids: list[str]) -> dict[str, float] | None:
        """``pairwise``: every pair once, as ``[a, b, ratio]`` (a over b) on Saaty's 1-9 scale."""
        where = ("judgements", group)
        if len(ids) > MAX_PAIRWISE:
            self.error(where, f"pairwise comparison takes at most {MAX_PAIRWISE} criteria in a group (Saaty's random "
                       f"index stops there); this group has {len(ids)}: use another method for it", key=True)
            return None
        if not isinstance(given, list):
            self.error(where, "with method: pairwise, a group's judgements are a list of [a, b, ratio]: how much "
                       "more a matters than b, on Saaty's 1-9 scale (1/3 when b matters three times as much)")
            return None
        triples: list[tuple[str, str, float]] = []
        seen: dict[frozenset[str], int] = {}
        ok = True
        for n, item in enumerate(given):
            triple = self.triple((*where, n), item, ids)
            if triple is None:
                ok = False
                continue
            pair = frozenset(triple[:2])
            if pair in seen:
                self.error((*where, n), f"'{triple[0]}' and '{triple[1]}' are compared twice (first in item "
                           f"{seen[pair] + 1}): keep one")
                ok = False
                continue
            seen[pair] = n
            triples.append(triple)
        missing = [f"{a} and {b}" for i, a in enumerate(ids) for b in ids[i + 1:] if frozenset((a, b)) not in seen]
        if ok and missing:
            self.error(where, f"every pair of the group is compared once: {series(missing)} "
                       f"{'is' if len(missing) == 1 else 'are'} not", key=True)
            return None
        if not ok:
            return None
        a = matrix(ids, triples)
        result = pairwise(ids, a)
        self.result.matrices[group] = a
        self.result.consistency[group] = result.consistency_ratio
        if result.consistency_ratio > CONSISTENT:
            self.warn(where, f"these pairwise judgements are inconsistent: their consistency ratio is "
                      f"{result.consistency_ratio:.2f}, above Saaty's {CONSISTENT:.2f}; ask {self.person.name} to "
                      "look again at the comparisons that disagree with each other")
        return result.weights

    def triple(self, loc: tuple[str | int, ...], item: Any, ids: list[str]) -> tuple[str, str, float] | None:
        if not isinstance(item, list) or len(item) != 3:
            self.error(loc, "each comparison is [a, b, ratio], such as [" + ", ".join(ids[:2]) + ", 3]")
            return None
        first, second, ratio = item
        for n, cid in enumerate((first, second)):
            if cid not in ids:
                self.error((*loc, n), f"'{cid}' is not a criterion of this group ({series(ids)})"
                           f"{did_you_mean(str(cid), ids)}")
                return None
        if first == second:
            self.error(loc, f"'{first}' is compared with itself: compare two different criteria")
            return None
        value = _saaty(ratio)
        if value is None:
            self.error((*loc, 2), f"the ratio {ratio!r} is not on Saaty's scale: use a whole number from 1 to 9, or "
                       "1/2 to 1/9 when the second criterion matters more")
            return None
        return str(first), str(second), value

    def known(self, where: tuple[str, str], given: list[str], ids: list[str]) -> bool:
        """Every criterion of the group judged once, and nothing else: the problems located."""
        ok = True
        for n, cid in enumerate(given):
            if cid not in ids:
                self.error(where, f"'{cid}' is not a criterion of this group ({series(ids)})"
                           f"{did_you_mean(str(cid), ids)}", key=True)
                ok = False
            elif cid in given[:n]:
                self.error(where, f"'{cid}' is judged twice in this group: keep one", key=True)
                ok = False
        missing = [cid for cid in ids if cid not in given]
        if missing:
            self.error(where, f"judge every criterion of the group, or leave the group out: {series(missing)} "
                       f"{'is' if len(missing) == 1 else 'are'} missing", key=True)
            ok = False
        return ok

    def follows_order(self, group: str, weights: dict[str, float]) -> None:
        """A warning when the weights put the group in another order than the participant ranked it."""
        order = self.person.order.get(group)
        if order is None:
            return
        if sorted(order) != sorted(weights):
            self.error(("order", group), f"the order of '{group}' must list each of its criteria once: "
                       f"{series(list(weights))}", key=True)
            return
        for above, below in zip(order, order[1:], strict=False):
            if weights[below] > weights[above] + 1e-12:
                self.warn(("judgements", group), (
                    f"{self.person.name} ranked '{above}' above '{below}' but gave '{below}' more weight "
                    f"({weights[below]:.1%} against {weights[above]:.1%}): check which they meant"))
                return


def _saaty(ratio: Any) -> float | None:
    """A ratio as a number, if it is on Saaty's scale (1 to 9, or 1/2 to 1/9)."""
    if isinstance(ratio, bool):
        return None
    try:
        value = Fraction(ratio.replace(" ", "")) if isinstance(ratio, str) else Fraction(ratio).limit_denominator(9)
    except (ValueError, ZeroDivisionError, TypeError, OverflowError):
        return None
    if isinstance(ratio, float) and abs(float(value) - ratio) > 1e-9:
        return None
    return float(value) if value in SAATY else None


def combined(appraisal: Appraisal, elicited: Mapping[str, Elicited]) -> dict[str, dict[str, float]]:
    """Each group's local weights combined over the participants who judged it, by
    ``weighting.combine`` (median when the file declares no rule): for ``geometric``, a group
    every one of them judged pairwise takes Aczel and Saaty's AIJ (the eigenvector of the
    geometric mean of their matrices); otherwise the rule combines their local weights."""
    rule = appraisal.frame.weighting.combine if appraisal.frame.weighting else "median"
    out: dict[str, dict[str, float]] = {}
    for group, ids in groups(appraisal).items():
        judged = [e for e in elicited.values() if group in e.local]
        if not judged:
            continue
        if rule == "geometric" and all(group in e.matrices for e in judged):
            out[group] = pairwise(ids, geometric_matrix([e.matrices[group] for e in judged])).weights
        else:
            out[group] = combine([e.local[group] for e in judged], rule)
    return out

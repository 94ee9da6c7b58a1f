"""Rules for a panel's files: what an assessor may score, and agreed scores still to be agreed.

An assessor scores judged leaf criteria of shortlisted options on each criterion's scale
(docs/panel.md). Every breach is reported at the place in the assessor's file to change; a
missing agreed score is reported in the option file, quoting the panel's scores.

:func:`panel_items` is each item the panel scored with its flags (``missing``, ``divergent``,
``outside``, ``unexplained``): validate warns of the unexplained ones, and the moderation pack
(:mod:`appraisal.analysis.panel`) is built from them.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import Criterion
from appraisal.model.option import Option, Score
from appraisal.model.panel import panel_scores
from appraisal.text import did_you_mean

DIVERGENCE_SHARE = 0.4
"""The default divergence: 40% of the scale width (VendorPanel's rule for flagging a spread)."""
TOLERANCE = 1e-9
"""A range this close to the divergence counts as reaching it (2.0 on a 0-5 scale is 40%)."""
FLAGS = ("missing", "divergent", "outside", "unexplained")


@dataclass(frozen=True)
class Item:
    """One option on one criterion, as the panel scored it."""

    option: str
    option_name: str
    criterion: str
    criterion_name: str
    scores: dict[str, float]
    """By assessor id, in id order; an assessor who abstained is absent."""
    rationales: dict[str, str | None]
    low: float
    high: float
    median: float
    agreed: float | None
    moderation: str | None
    width: float
    """The criterion's scale width (max - min)."""
    divergence: float
    flags: tuple[str, ...]

    @property
    def range(self) -> float:
        return self.high - self.low

    @property
    def to_discuss(self) -> bool:
        """Whether the meeting has to take this item: no agreed score yet, or a divergent panel."""
        return "missing" in self.flags or "divergent" in self.flags


def panel_items(appraisal: Appraisal) -> tuple[Item, ...]:
    """Every item the panel scored, in option id order then criteria file order (docs/panel.md)."""
    if not appraisal.assessments:
        return ()
    judged = [c for c in appraisal.frame.all_criteria() if c.is_leaf and not c.measure]
    return tuple(
        item
        for option in appraisal.shortlisted
        for c in judged
        if (item := _item(appraisal, option, c)) is not None
    )


def _item(appraisal: Appraisal, option: Option, criterion: Criterion) -> Item | None:
    oid = option.id
    given = panel_scores(appraisal, oid, criterion.id)
    if not given:
        return None
    scale = criterion.scale or appraisal.frame.scale
    width = scale.max - scale.min
    divergence = appraisal.frame.panel.divergence or DIVERGENCE_SHARE * width
    values = [s.score for s in given.values()]
    low, high = min(values), max(values)
    agreed_score = None if (oid, criterion.id) in appraisal.filled else option.scores.get(criterion.id)
    agreed = agreed_score.score if agreed_score else None
    moderation = agreed_score.moderation if agreed_score else None
    divergent = high - low >= divergence - TOLERANCE
    outside = agreed is not None and not low <= agreed <= high
    flags = {
        "missing": agreed is None,
        "divergent": divergent,
        "outside": outside,
        "unexplained": agreed is not None and (divergent or outside) and not moderation,
    }
    return Item(
        option=oid, option_name=option.name, criterion=criterion.id, criterion_name=criterion.name,
        scores={who: s.score for who, s in given.items()},
        rationales={who: s.rationale for who, s in given.items()},
        low=low, high=high, median=statistics.median(values), agreed=agreed, moderation=moderation,
        width=width, divergence=divergence, flags=tuple(f for f in FLAGS if flags[f]),
    )


def assessed(appraisal: Appraisal, option: str, criterion: str) -> bool:
    """Whether any assessor scored this option on this criterion."""
    return any(criterion in a.scores.get(option, {}) for a in appraisal.assessments.values())


def panel_problems(appraisal: Appraisal, *, pending: bool = False, complete: bool = True) -> list[Problem]:
    """Every problem in the assessors' files, and (unless ``pending``) every agreed score the
    moderated panel has not yet written down. An option there is no file for is not reported
    unless ``complete`` (every file was read): it may be in the file that was not."""
    if not appraisal.assessments:
        return []
    problems: list[Problem] = []
    every = {c.id: c for c in appraisal.frame.all_criteria()}
    options = {o.id: o for o in appraisal.options}
    for who, assessment in appraisal.assessments.items():
        for oid, scores in assessment.scores.items():
            target = ("assessment", who, "scores", oid)
            option = options.get(oid)
            if option is None:
                if not complete:
                    continue
                problems.append(appraisal.problem(target, (
                    f"no option '{oid}' in the options folder{did_you_mean(oid, sorted(options))}"),
                    key=True))
            elif option.status != "shortlisted":
                problems.append(appraisal.problem(target, (
                    f"option '{oid}' was not taken forward (status: {option.status}), so it is not scored: "
                    "remove its scores from this file"), key=True))
            else:
                for cid, score in scores.items():
                    problems += _score(appraisal, (*target, cid), every.get(cid), cid, score)
    if not pending and appraisal.frame.panel.agreement == "moderated":
        problems += _unagreed(appraisal, [c for c in every.values() if c.is_leaf and not c.measure])
    return problems


def _score(
    appraisal: Appraisal, target: tuple[str, ...], criterion: Criterion | None, cid: str, score: Score
) -> list[Problem]:
    if criterion is None:
        judged = [c.id for c in appraisal.frame.all_criteria() if c.is_leaf and not c.measure]
        return [appraisal.problem(target, (
            f"no criterion '{cid}' in {appraisal.criteria_file}{did_you_mean(cid, judged)}"), key=True)]
    if not criterion.is_leaf:
        return [appraisal.problem(target, (
            f"'{cid}' takes its value from its sub-criteria "
            f"({', '.join(c.id for c in criterion.criteria)}): score those instead"), key=True)]
    if criterion.measure:
        return [appraisal.problem(target, (
            f"'{cid}' is scored from the measure '{criterion.measure}', not judged: remove this score"), key=True)]
    problems = []
    if score.moderation is not None:
        problems.append(appraisal.problem((*target, "moderation"), (
            "'moderation' records how the panel agreed a score, so it goes with the agreed score in "
            f"the option file, not with one assessor's: move it to the option file of '{target[3]}'"), key=True))
    scale = criterion.scale or appraisal.frame.scale
    for field in ("score", "low", "high"):
        value = getattr(score, field)
        if value is not None and not scale.min <= value <= scale.max:
            problems.append(appraisal.problem((*target, field), (
                f"{field} {value:g} for '{cid}' is outside the scale {scale.min:g} to {scale.max:g}")))
    return problems


def _unagreed(appraisal: Appraisal, judged: list[Criterion]) -> list[Problem]:
    """Under ``agreement: moderated``, each item the panel scored with no agreed score yet."""
    problems = []
    for option in appraisal.shortlisted:
        oid = option.id
        data = appraisal.sources[appraisal.option_files[oid]].data
        where = ("option", oid, "scores") if isinstance(data, dict) and "scores" in data else ("option", oid)
        for c in judged:
            given = panel_scores(appraisal, oid, c.id)
            if c.id in option.scores or not given:
                continue
            quoted = ", ".join(f"{who} {s.score:g}" for who, s in given.items())
            problems.append(appraisal.problem(where, (
                f"no agreed score for criterion '{c.id}' ({c.name}): the panel scored it {quoted}. Agree one "
                f"score at the moderation meeting and write it here as '{c.id}: {{score: N, moderation: why}}' "
                "(`appraise panel` prints the moderation pack)"), key=True))
    return problems


def panel_warnings(appraisal: Appraisal) -> list[Problem]:
    """An agreed score the panel diverged on, or outside its range, with no ``moderation:`` note:
    the record a court or a challenger would ask for is missing (docs/panel.md)."""
    problems = []
    for item in panel_items(appraisal):
        if "unexplained" not in item.flags:
            continue
        quoted = ", ".join(f"{who} {score:g}" for who, score in item.scores.items())
        if "outside" in item.flags:
            said = (f"the agreed score for '{item.criterion}' ({item.agreed:g}) is outside the panel's own scores "
                    f"({quoted})")
        else:
            said = f"the panel's scores for '{item.criterion}' were far apart ({quoted})"
        problems.append(appraisal.problem(("option", item.option, "scores", item.criterion), (
            f"{said}, but the agreed score has no 'moderation:' note: add one saying how the panel reached it"),
            key=True, severity="warning"))
    return problems

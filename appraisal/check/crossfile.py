"""Rules that span files: ids, scores against the criteria tree, gates, measures and costs.

Each rule reports every breach it finds (not just the first), at the place in the file
that would need to change. Warnings are only computed when asked for (``appraise validate``).
"""

from __future__ import annotations

import math
import unicodedata

from appraisal.check.equality import equality_problems
from appraisal.check.finance import finance_problems, finance_warnings
from appraisal.check.panel import assessed, panel_problems, panel_warnings
from appraisal.check.psr import psr_problems, psr_warnings
from appraisal.check.standstill import award_problems
from appraisal.errors import Problem
from appraisal.finance.costs import COST_MEASURES, option_measures
from appraisal.model.appraisal import Appraisal, failed_gates
from appraisal.model.criteria import BUDGET_GATE, DERIVED_MEASURES, Criterion, Scale, criteria_with_places
from appraisal.model.equality import EQUALITY_GATE
from appraisal.model.option import Option
from appraisal.text import did_you_mean, plural, visible


def check_appraisal(
    appraisal: Appraisal, *, warnings: bool = False, pending: bool = False, complete: bool = True
) -> list[Problem]:
    """Every cross-file problem in ``appraisal`` (and warnings, if asked).

    ``pending``: agreed scores may be missing (a panel's moderation is under way).
    ``complete``: every file found was read. When one was not (it failed to parse or validate),
    what is said about the set as a whole is not said: that no option is the baseline or the
    do-minimum, that an assessor scored an option there is no file for, that the panel's scores
    were far apart. The missing file may hold what they look for; its own error is the news.
    """
    problems = _ids(appraisal) + panel_problems(appraisal, pending=pending, complete=complete)
    problems += _baseline(appraisal) + _thresholds(appraisal)
    frame = _Frame(appraisal)
    for option in appraisal.shortlisted:
        problems += _scores(appraisal, option, frame, pending=pending)
        problems += _gates(appraisal, option)
        problems += _measures(appraisal, option, frame)
        problems += _costs(appraisal, option, frame)
    problems += equality_problems(appraisal, warnings=warnings)
    problems += [appraisal.problem(("criteria", *loc), message) for loc, message in award_problems(appraisal.frame)]
    problems += psr_problems(appraisal)
    finance = finance_problems(appraisal)
    problems += finance
    if not finance:  # derived measures can be computed only from sound finance settings
        measures = {o.id: option_measures(o, appraisal.frame.finance) for o in appraisal.shortlisted}
        problems += _relative_positive(appraisal, frame.leaves, measures) + _overflow(appraisal, measures)
    if warnings:
        problems += _warnings(appraisal, complete=complete) + psr_warnings(appraisal)
        if complete:  # roll-ups: whether any option is the do-minimum, how far apart the panel was
            problems += finance_warnings(appraisal) + panel_warnings(appraisal)
    return problems


class _Frame:
    """What the per-option rules ask of the criteria, found once rather than for every option."""

    def __init__(self, appraisal: Appraisal) -> None:
        self.every = {c.id: c for c in appraisal.frame.all_criteria()}
        self.leaves = {k: c for k, c in self.every.items() if c.is_leaf}
        self.judged = [c for c in self.leaves.values() if not c.measure]
        self.scales = {c.id: scale_of(appraisal, c) for c in self.judged}
        self.needed = sorted({c.measure for c in self.leaves.values()
                              if c.measure and c.measure not in DERIVED_MEASURES})
        """The measures options must state: those a leaf is scored from, other than the derived ones."""
        self.costs_used = sorted({c.measure for c in self.every.values() if c.measure in COST_MEASURES})


def _ids(appraisal: Appraisal) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for c, where in criteria_with_places(appraisal.frame.criteria):
        if c.id in seen:
            problems.append(appraisal.problem(("criteria", *where, "id"),
                                              f"the id '{c.id}' is already used by a {seen[c.id]}"))
        seen[c.id] = "criterion"
    for i, gate in enumerate(appraisal.frame.gates):
        if gate.id == EQUALITY_GATE:
            problems.append(appraisal.problem(("criteria", "gates", i, "id"), (
                f"'{EQUALITY_GATE}' is the built-in equality gate: set equality.gate: true in criteria.yaml instead")))
        if gate.id == BUDGET_GATE:
            problems.append(appraisal.problem(("criteria", "gates", i, "id"), (
                f"'{BUDGET_GATE}' is the built-in budget gate: set finance.budget instead")))
        elif gate.id in seen:
            problems.append(appraisal.problem(("criteria", "gates", i, "id"),
                                              f"the id '{gate.id}' is already used by a {seen[gate.id]}"))
        seen[gate.id] = "gate"
    for option in appraisal.options:
        if option.id in seen:
            problems.append(appraisal.problem(("option", option.id, "id"), (
                f"the option id '{option.id}' is already used by a {seen[option.id]} in {appraisal.criteria_file}")))
    return problems + _look_alike_names(appraisal)


def _look_alike_names(appraisal: Appraisal) -> list[Problem]:
    """Two options whose names differ but read the same, refused at the later one's ``name:``
    (in id order): a name that differs from another only by invisible or look-alike characters,
    width or case ("In-house" with a Cyrillic "о" or a zero-width space) could pose as the other
    option in a ranking or a committee paper. The same name twice is written plainly, and left
    alone."""
    from appraisal.confusables import skeleton

    problems = []
    first: dict[str, Option] = {}
    for option in appraisal.options:
        other = first.setdefault(skeleton(option.name), option)
        if other.name == option.name:
            continue
        odd = next((c for c in option.name + other.name if not c.isascii()), None)
        held = (f" (it holds U+{ord(odd):04X} {unicodedata.name(odd, 'an unnamed character')}, which looks like "
                "another letter or shows nothing)" if odd else "")
        problems.append(appraisal.problem(("option", option.id, "name"), (
            f"the name {visible(option.name)!r} reads the same as {visible(other.name)!r}{held}, the name of "
            f"option '{other.id}' ({appraisal.option_files[other.id]}): give each option a name of its own")))
    return problems


def _baseline(appraisal: Appraisal) -> list[Problem]:
    marked = [o for o in appraisal.options if o.baseline]
    return [
        appraisal.problem(("option", o.id, "baseline"), (
            f"only one option can be the baseline; '{marked[0].id}' is marked already"), key=True)
        for o in marked[1:]
    ]


def _thresholds(appraisal: Appraisal) -> list[Problem]:
    """A threshold outside the scale it is a score on (its criterion's, or the default one)."""
    problems = []
    for c, where in criteria_with_places(appraisal.frame.criteria):
        scale = scale_of(appraisal, c)
        if c.threshold is not None and not scale.min <= c.threshold <= scale.max:
            problems.append(appraisal.problem(("criteria", *where, "threshold"), (
                f"the threshold {c.threshold:g} of '{c.id}' lies outside its scale, "
                f"{scale.min:g} to {scale.max:g}: give a score the tenders can reach")))
    return problems


def scale_of(appraisal: Appraisal, criterion: Criterion) -> Scale:
    """The scale a judged criterion is scored on: its own, or the frame's default."""
    return criterion.scale or appraisal.frame.scale


def _scores(appraisal: Appraisal, option: Option, frame: _Frame, *, pending: bool) -> list[Problem]:
    oid = option.id
    problems = []
    judged = frame.judged
    for cid, score in option.scores.items():
        scale = frame.scales.get(cid)
        if scale is not None and score.low is None and score.high is None and scale.min <= score.score <= scale.max:
            continue  # the usual case: a judged criterion's score on its scale, with no range
        target = ("option", oid, "scores", cid)
        criterion = frame.every.get(cid)
        if criterion is None:
            suggestion = did_you_mean(cid, [c.id for c in judged])
            problems.append(appraisal.problem(target, f"no criterion '{cid}' in {appraisal.criteria_file}{suggestion}",
                                              key=True))
        elif not criterion.is_leaf:
            problems.append(appraisal.problem(target, (
                f"'{cid}' takes its value from its sub-criteria "
                f"({', '.join(c.id for c in criterion.criteria)}): score those instead"), key=True))
        elif criterion.measure:
            problems.append(appraisal.problem(target, (
                f"'{cid}' is scored from the measure '{criterion.measure}', not judged: remove this score"), key=True))
        else:
            scale = scale_of(appraisal, criterion)
            for field in ("score", "low", "high"):
                value = getattr(score, field)
                if value is not None and not scale.min <= value <= scale.max:
                    problems.append(appraisal.problem((*target, field), (
                        f"{field} {value:g} for '{cid}' is outside the scale {scale.min:g} to {scale.max:g}")))
    missing = [] if pending else [c for c in judged if c.id not in option.scores and not assessed(appraisal, oid, c.id)]
    if missing:
        where = ("option", oid, "scores") if "scores" in _keys(appraisal, ("option", oid)) else ("option", oid)
        problems += [appraisal.problem(where, f"no score for criterion '{c.id}' ({c.name})", key=True) for c in missing]
    return problems


def _keys(appraisal: Appraisal, target: tuple[str | int, ...]) -> set[str]:
    """The keys written at a target in its file (to choose where to point)."""
    file = appraisal.option_files[str(target[1])]
    data = appraisal.sources[file].data
    for part in target[2:]:
        data = data.get(part) if isinstance(data, dict) else None
    return set(data) if isinstance(data, dict) else set()


def _gates(appraisal: Appraisal, option: Option) -> list[Problem]:
    oid = option.id
    ids = [g.id for g in appraisal.frame.gates]
    problems = [
        appraisal.problem(("option", oid, "gates", gid), (
            f"'{BUDGET_GATE}' is decided by the budget, not stated"
            if gid == BUDGET_GATE
            else f"no gate '{gid}' in {appraisal.criteria_file}{did_you_mean(gid, ids)}"), key=True)
        for gid in option.gates
        if gid not in ids
    ]
    unstated = [g for g in appraisal.frame.gates if g.id not in option.gates]
    if unstated:
        where = ("option", oid, "gates") if "gates" in _keys(appraisal, ("option", oid)) else ("option", oid)
        problems += [
            appraisal.problem(where, f"gate '{g.id}' ({g.name}) is not stated: give true or false", key=True)
            for g in unstated
        ]
    return problems


def _measures(appraisal: Appraisal, option: Option, frame: _Frame) -> list[Problem]:
    oid = option.id
    problems = [
        appraisal.problem(("option", oid, "measures", name), (
            f"'{name}' is derived from the option's costs and risks: remove it from measures"), key=True)
        for name in option.measures
        if name in DERIVED_MEASURES
    ]
    given = set(option.measures)
    for name in frame.needed:
        if name not in given:
            users = ", ".join(c.id for c in frame.leaves.values() if c.measure == name)
            where = ("option", oid, "measures") if "measures" in _keys(appraisal, ("option", oid)) else ("option", oid)
            problems.append(appraisal.problem(where, (
                f"missing measure '{name}' (criterion {users} is scored from it)"
                f"{did_you_mean(name, sorted(given))}"), key=True))
    return problems


def _costs(appraisal: Appraisal, option: Option, frame: _Frame) -> list[Problem]:
    oid = option.id
    finance = appraisal.frame.finance
    used = frame.costs_used
    if option.costs is None:
        if used or finance.budget is not None:
            why = f"criterion measure {used[0]}" if used else "budget gate"
            return [appraisal.problem(("option", oid), f"missing 'costs' (needed for the {why})")]
        return []
    annual = option.costs.annual
    if isinstance(annual, list) and finance.years is not None and len(annual) != finance.years:
        return [appraisal.problem(("option", oid, "costs", "annual"), (
            f"{plural(len(annual), 'year')} of annual costs given, but finance.years is {finance.years}"))]
    return []


def _overflow(appraisal: Appraisal, measures: dict[str, dict[str, float]]) -> list[Problem]:
    """Derived measures too large for a float: every input is bounded, but a ratio of inflation
    indices (1e15 over 1e-300) is not, and an infinite cost breaks every output."""
    problems = []
    for option in appraisal.shortlisted:
        overflow = [k for k, v in measures[option.id].items() if not math.isfinite(v)]
        if overflow:
            problems.append(appraisal.problem(("option", option.id, "costs"), (
                f"the costs come to more than appraise can compute ({overflow[0]} overflows): "
                "check the figures, and finance.inflation if prices are nominal")))
    return problems


def _relative_positive(
    appraisal: Appraisal, leaves: dict[str, Criterion], measures: dict[str, dict[str, float]]
) -> list[Problem]:
    """``relative`` must not divide by 0 or less (README.md, "Scoring rules").

    ``direction: lower`` divides the best by each option's number, so every number must be
    above 0; ``higher`` divides each number by the best (the highest among the options that
    pass every gate, as in scoring), so only that best must be: an option with 0 scores 0.
    """
    problems = []
    options = appraisal.shortlisted
    passing = {o.id for o in options if not failed_gates(o, measures[o.id], appraisal)} or {o.id for o in options}
    for c in leaves.values():
        if not c.measure or c.value_function != "relative":
            continue
        given = [(o, measures[o.id][c.measure]) for o in options if c.measure in measures[o.id]]
        if c.direction == "higher":
            reference = [(o, x) for o, x in given if o.id in passing]
            given = [max(reference, key=lambda ox: ox[1])] if reference else []
        for option, value in given:
            if value > 0:
                continue
            if c.direction == "higher":
                why = (f"which divides each option's {c.measure} by the highest, and the highest is {value:g}: "
                       "it works only when the highest is above 0 (use value_function: linear for these numbers)")
            else:
                why = f"which divides by {c.measure}; {c.measure} must be above 0, not {value:g}"
            problems.append(appraisal.problem(_measure_target(option, c.measure),
                                              f"'{c.id}' uses the relative value function, {why}"))
    return problems


def _measure_target(option: Option, measure: str) -> tuple[str | int, ...]:
    oid = option.id
    if measure in COST_MEASURES:  # the annual figure, so a scenario's cost change is pointed at
        return ("option", oid, "costs", "annual")
    if measure == "risk_exposure":
        return ("option", oid, "risks")
    return ("option", oid, "measures", measure)


def _warnings(appraisal: Appraisal, *, complete: bool) -> list[Problem]:
    problems = []
    for option in appraisal.shortlisted:
        for cid, score in option.scores.items():
            if not score.rationale:
                problems.append(appraisal.problem(("option", option.id, "scores", cid), (
                    f"the score for '{cid}' has no rationale: say why it was given"), key=True, severity="warning"))
    if complete and appraisal.options and not appraisal.bids and not any(o.baseline for o in appraisal.options):
        # a tender evaluation compares bids, not a Green Book short list (docs/tenders.md)
        problems.append(appraisal.problem(("criteria",), (
            "no option is marked 'baseline: true' (business as usual); the Green Book "
            "asks for one to compare the others with"), severity="warning"))
    return problems

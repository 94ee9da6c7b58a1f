"""The weighted-sum method of README.md's scoring rules (after the UK MCA manual, DCLG 2009, ch. 6).

Pure functions from an :class:`~appraisal.model.Appraisal` to a :class:`Result`: no I/O.
A judged score s on [min, max] has value (s - min) / (max - min); a measured criterion maps
its number through a value function to [0, 1]; a parent's value is the weighted mean of its
children's; an option's total is 100 times the root's value, and its contribution from a
criterion is value x global weight x 100.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from appraisal.finance.costs import Lines, option_costs
from appraisal.finance.optimism import optimism_uplifts
from appraisal.model.appraisal import Appraisal, failed_gates
from appraisal.model.criteria import Criterion, Points, Scale
from appraisal.model.option import Option, is_shared

TIE_TOLERANCE = 1e-9
"""Totals this close share a rank (README.md, Scoring rules)."""


@dataclass(frozen=True)
class CriterionInfo:
    """A criterion as scored: its place in the tree and its weights."""

    id: str
    name: str
    parent: str | None
    depth: int
    local_weight: float
    """Share of its siblings' weight (siblings sum to 1)."""
    weight: float
    """Global weight: the product of local weights from the root (leaves sum to 1)."""
    children: tuple[str, ...]
    measure: str | None
    direction: str
    value_function: str | Points
    scale: Scale | None
    """The scale of a judged leaf (None for measured and parent criteria)."""
    filled: bool = False
    """Whether its weight was filled from a weighting workshop's participants' (``weighting.combine``)."""

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True, slots=True)
class Cell:
    """One option on one criterion."""

    score: float | None
    """The judged score, or None for measured and parent criteria."""
    value: float
    contribution: float
    measure: float | None = None
    """The number a measured criterion was scored from."""
    low: float | None = None
    high: float | None = None
    """A judged score's stated range (each the score itself when not stated; None for
    measured and parent criteria): what Monte Carlo draws from."""
    panel_low: float | None = None
    panel_high: float | None = None
    """The lowest and highest of a panel's own scores of this cell (None when no assessor
    scored it, and for measured and parent criteria): what ``--scores panel`` draws from."""
    filled: bool = False
    """Whether the score was taken from a panel's median or mean (``panel.agreement``), not agreed."""
    shared: bool = field(default=False, compare=False, repr=False)
    """Whether this one cell serves every option with its criterion and (bare, shared) Score."""


@dataclass(frozen=True)
class OptionResult:
    """One shortlisted option, scored."""

    id: str
    name: str
    rank: int | None
    total: float
    eligible: bool
    failed_gates: tuple[str, ...]
    baseline: bool
    cells: dict[str, Cell]
    measures: dict[str, float]
    roles: tuple[str, ...] = ()
    """Its roles as written (business_as_usual, do_minimum): what value for money compares with."""
    cost_lines: Lines | None = None
    """Each cost line year by year in real prices, as the measures were computed from (None
    when the option states no costs)."""
    optimism_bias: dict[str, float] = field(default_factory=dict)
    """Present value of the optimism-bias uplift on each cost line that has one
    (:mod:`appraisal.finance.optimism`); never part of the measures."""


@dataclass(frozen=True)
class Discounted:
    """An option not taken forward, and why."""

    id: str
    name: str
    reason: str


@dataclass(frozen=True)
class Result:
    """Everything the analyses, renderers and the report need: the contract between stages.

    Every number a later stage uses is computed here, once. :attr:`appraisal` is kept for
    what is input-level only: the words the files say (headings, gate names, summaries,
    rationales, risks, how costs were stated), the settings as written, and where each thing
    was written, to locate a problem in its file. No later stage recomputes from it.
    """

    title: str
    scenario: str | None
    notice: str | None
    """criteria.yaml's ``notice``: a line every output shows under its title."""
    criteria: tuple[CriterionInfo, ...]
    options: tuple[OptionResult, ...]
    """In rank order; unranked (failing a gate) last, by total then id."""
    discounted: tuple[Discounted, ...]
    preferred: str | None
    budget: float | None
    """The annual budget the budget gate applies (None without one)."""
    appraisal: Appraisal = field(repr=False, compare=False)
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Each measured criterion's (best, worst) figure over the options that set them (those
    passing every gate, else every shortlisted option): the range its weight stands for."""

    def option(self, option_id: str) -> OptionResult:
        return next(o for o in self.options if o.id == option_id)

    @property
    def leaves(self) -> tuple[CriterionInfo, ...]:
        return tuple(c for c in self.criteria if c.is_leaf)


def flatten(appraisal: Appraisal) -> tuple[CriterionInfo, ...]:
    """The criteria tree in file order (parents first), with local and global weights."""
    out: list[CriterionInfo] = []

    def visit(nodes: Sequence[Criterion], parent: str | None, depth: int, above: float) -> None:
        total = sum(c.relative_weight for c in nodes)
        for c in nodes:
            local = c.relative_weight / total
            judged_leaf = c.is_leaf and not c.measure
            out.append(CriterionInfo(
                id=c.id, name=c.name, parent=parent, depth=depth, local_weight=local,
                weight=above * local, children=tuple(k.id for k in c.criteria), measure=c.measure,
                direction=c.direction, value_function=c.value_function,
                scale=(c.scale or appraisal.frame.scale) if judged_leaf else None,
                filled=c.id in appraisal.weights_filled,
            ))
            visit(c.criteria, c.id, depth + 1, above * local)

    visit(appraisal.frame.criteria, None, 0, 1.0)
    return tuple(out)


def judged_value(score: float, scale: Scale) -> float:
    """(s - min) / (max - min)."""
    return (score - scale.min) / (scale.max - scale.min)


def measured_value(x: float, reference: Sequence[float], criterion: CriterionInfo) -> float:
    """Map a measured number to [0, 1] through the criterion's value function.

    ``reference`` holds the numbers of the options that set best and worst (those passing
    every gate, or every shortlisted option when none passes); results are clamped to [0, 1].
    """
    return value_of(x, bounds(reference, criterion), criterion)


def bounds(reference: Sequence[float], criterion: CriterionInfo) -> tuple[float, float]:
    """(best, worst) of the reference numbers, by the criterion's direction."""
    low, high = min(reference), max(reference)
    return (low, high) if criterion.direction == "lower" else (high, low)


def value_of(x: float, best_worst: tuple[float, float], criterion: CriterionInfo) -> float:
    """:func:`measured_value` with best and worst found once for all options."""
    function = criterion.value_function
    if isinstance(function, Points):
        return _interpolate(x, function.points)
    best, worst = best_worst
    if function == "relative":
        value = best / x if criterion.direction == "lower" else x / best
    else:
        value = 1.0 if best == worst else (x - worst) / (best - worst)
    return min(1.0, max(0.0, value))


def _interpolate(x: float, points: Sequence[tuple[float, float]]) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, v0), (x1, v1) in itertools.pairwise(points):
        if x <= x1:
            return v0 + (v1 - v0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def score(appraisal: Appraisal) -> Result:
    """Score, gate and rank every shortlisted option (README.md, Scoring rules)."""
    criteria = flatten(appraisal)
    finance = appraisal.frame.finance
    options = appraisal.shortlisted
    costed = {o.id: option_costs(o, finance) for o in options}
    measures = {oid: m for oid, (m, _) in costed.items()}
    gates = {o.id: failed_gates(o, measures[o.id], appraisal) for o in options}
    reference_ids = [o.id for o in options if not gates[o.id]] or [o.id for o in options]
    best_worst = {c.id: bounds([measures[i][c.measure] for i in reference_ids], c)
                  for c in criteria if c.measure and options}  # nothing shortlisted: no reference set
    local = {c.id: c.local_weight for c in criteria}
    roots = [c.id for c in criteria if c.parent is None]
    shared: dict[str, dict[int, Cell]] = {c.id: {} for c in criteria}
    scored = []
    for o in options:  # option by option: each option's cells are built (and read) together
        cells = _cells(appraisal, o, criteria, local, (measures[o.id], best_worst), shared)
        scored.append((o, cells, sum(cells[k].contribution for k in roots)))
    ranked = []
    for i, place in rank([(o.id, total, not gates[o.id]) for o, _, total in scored]):
        o, cells, total = scored[i]
        ranked.append(OptionResult(
            id=o.id, name=o.name, rank=place, total=total,
            eligible=not gates[o.id], failed_gates=gates[o.id], baseline=o.baseline,
            cells=cells, measures=dict(sorted(measures[o.id].items())),
            roles=o.roles, cost_lines=costed[o.id][1],
            optimism_bias=optimism_uplifts(o, finance, costed[o.id][1]),
        ))
    top = [r for r in ranked if r.rank == 1]
    return Result(
        title=appraisal.frame.title,
        scenario=appraisal.scenario,
        notice=appraisal.frame.notice,
        criteria=criteria,
        options=tuple(ranked),
        discounted=tuple(
            Discounted(o.id, o.name, o.reason or "") for o in appraisal.options if o.status == "discounted"
        ),
        preferred=top[0].id if len(top) == 1 else None,
        budget=finance.budget,
        appraisal=appraisal,
        ranges=best_worst,
    )


def _cells(  # noqa: PLR0913 (the option, and what was found once for all options)
    appraisal: Appraisal, o: Option, criteria: Sequence[CriterionInfo], local: dict[str, float],
    measured: tuple[dict[str, float], dict[str, tuple[float, float]]], shared: dict[str, dict[int, Cell]],
) -> dict[str, Cell]:
    """One option's cell on every criterion, in the criteria's order: computed children before
    parents (a parent's value is the weighted mean of its children's values, its contribution
    the sum of theirs) into a mapping whose keys are placed in order first.

    ``measured``: the option's measures, and each measured criterion's best and worst.
    ``shared``: for each criterion, judged cells by the ``id`` of their shared Score. Options
    share the model of a bare score (:func:`appraisal.model.option.shared_bare`), which lives
    as long as the process (so no other object takes its ``id``), and with no panel a judged
    cell is made from its criterion and Score alone, so one cell serves them all.
    """
    measures, best_worst = measured
    # every criterion, in order, filled below (from the keys: fromkeys of a whole dict copies its larger table)
    cells: dict[str, Cell] = dict.fromkeys(local.keys())  # type: ignore[assignment]
    for c in reversed(criteria):
        if c.children:
            value = sum(cells[k].value * local[k] for k in c.children)
            cells[c.id] = Cell(None, value, sum(cells[k].contribution for k in c.children))
        elif c.measure:
            x = measures[c.measure]
            value = value_of(x, best_worst[c.id], c)
            cells[c.id] = Cell(None, value, value * c.weight * 100, x)
        else:
            given = o.scores[c.id]
            known = shared[c.id].get(id(given))
            if known is not None:
                cells[c.id] = known
                continue
            assert c.scale is not None
            s = given.score
            value = judged_value(s, c.scale)
            low = s if given.low is None else given.low
            high = s if given.high is None else given.high
            if appraisal.assessments or appraisal.filled:
                panel = [a.scores[o.id][c.id].score for a in appraisal.assessments.values()
                         if c.id in a.scores.get(o.id, {})]
                cells[c.id] = Cell(s, value, value * c.weight * 100, None, low, high,
                                   min(panel, default=None), max(panel, default=None),
                                   (o.id, c.id) in appraisal.filled)
            elif is_shared(given):  # no panel (no spread, nothing filled from one): one cell for all
                cells[c.id] = shared[c.id][id(given)] = Cell(s, value, value * c.weight * 100, None, low, high,
                                                             shared=True)
            else:
                cells[c.id] = Cell(s, value, value * c.weight * 100, None, low, high)
    return cells


def rank(totals: Sequence[tuple[str, float, bool]]) -> list[tuple[int, int | None]]:
    """Competition ranking (1, 2, 2, 4) of eligible options; ties within TIE_TOLERANCE, in id order.

    ``totals``: each option's id, total and whether it is eligible. Returns the index of each
    in rank order with its rank: ineligible options follow, unranked, by total (highest first)
    then id. (Ranked before each option's result is made, so each is made once.)
    """
    order = sorted(range(len(totals)), key=lambda i: (-totals[i][1], totals[i][0]))
    groups: list[list[int]] = []
    for i in order:
        if not totals[i][2]:
            continue
        if groups and totals[groups[-1][0]][1] - totals[i][1] <= TIE_TOLERANCE:
            groups[-1].append(i)
        else:
            groups.append([i])
    ranked: list[tuple[int, int | None]] = []
    for group in groups:
        place = len(ranked) + 1
        ranked.extend((i, place) for i in sorted(group, key=lambda i: totals[i][0]))
    return ranked + [(i, None) for i in order if not totals[i][2]]

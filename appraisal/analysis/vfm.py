"""Value for money: what each option's weighted points cost, and what each extra point costs.

Where benefits are scored rather than valued in money, the Scottish Capital Investment
Manual combines them with costs this way (SCIM, Option Appraisal Guide, on combining
costs and weighted benefit scores; the same logic as cost-effectiveness analysis in the
Green Book 2022, paras 5.4 and 5.56):

- **cost per point**: an option's net present cost over its weighted benefit points
  (:mod:`appraisal.analysis.benefits`: the points with any criterion measured from a cost
  figure left out and the other weights rescaled to 100, so cost is not counted twice);
- **dominated**: an option that costs more than another and scores less (or the same on one
  and worse on the other) is never the better buy, so it is set aside;
- **incremental cost per extra point**: (cost of B - cost of A) / (points of B - points of A),
  against the baseline, or against the next-cheapest option that is not dominated;
- **the efficiency frontier**: from the cheapest option, the options reached by always taking
  the step with the lowest incremental cost per extra point. An option off it is dominated,
  or beaten by a mix of two options on it.

The cost is ``npv_cost`` (real prices, discounted as ``finance`` says) plus, where set, the
optimism-bias uplift, which is always shown as its own figure (:mod:`appraisal.finance.optimism`).
The points are the option's benefit points (0 to 100; its total when no criterion is measured
from a cost figure) or, with ``finance.benefit_points``, those scaled to that many points
(SCIM's scores run to 1,000 or more). Dominance and the frontier
are taken over the options that pass every gate (all of them when none does), as ranking is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from appraisal.analysis.benefits import benefit_points, excluded
from appraisal.errors import InputError
from appraisal.finance.discounting import describe
from appraisal.scoring.weighted_sum import TIE_TOLERANCE, OptionResult, Result
from appraisal.text import OPTION_WORDS, Words

COMPARATORS = ("baseline", "do-minimum", "next-cheapest")
"""What ``--against`` may name: business as usual, the do-minimum, or the next-cheapest option."""

MONEY_TOLERANCE = 1e-6
"""Costs within a millionth of a unit of currency count as equal."""


class NoComparator(Exception):
    """No shortlisted option has the role the comparator asked for (``baseline`` or ``do-minimum``).

    A domain error, not a command-line one: ``appraise vfm`` words it for ``--against``.
    """

    def __init__(self, against: str) -> None:
        self.against = against
        super().__init__(f"no shortlisted option is {COMPARATOR_ROLES[against][1]}")


COMPARATOR_ROLES = {
    "baseline": ("business_as_usual", "marked 'baseline: true' (business as usual)"),
    "do-minimum": ("do_minimum", "with 'role: do_minimum'"),
}
"""The role each named comparator stands for, and how to say which option would have it."""


@dataclass(frozen=True)
class Candidate:
    """An option as value for money sees it: its cost and its points."""

    id: str
    cost: float
    points: float


@dataclass(frozen=True)
class Step:
    """The move from ``against`` to an option: what it adds in cost and in points."""

    against: str
    extra_cost: float
    extra_points: float

    @property
    def cost_per_point(self) -> float | None:
        """Extra cost per extra point; None when the option does not score more."""
        return self.extra_cost / self.extra_points if self.extra_points > TIE_TOLERANCE else None


@dataclass(frozen=True)
class OptionValue:
    """One shortlisted option's value for money."""

    id: str
    name: str
    rank: int | None
    eligible: bool
    roles: tuple[str, ...]
    points: float
    """The benefit points the measures below use (out of ``points_out_of``)."""
    total: float
    """Its weighted total on every criterion, cost-measured ones included (out of ``points_out_of``)."""
    npv_cost: float
    optimism_bias: dict[str, float]
    """Present value of the optimism-bias uplift on each cost line that has one."""
    cost: float
    """``npv_cost`` plus the optimism-bias uplift: the cost the measures below use."""
    cost_per_point: float | None
    dominated_by: tuple[str, ...]
    on_frontier: bool
    versus_baseline: Step | None
    """The difference from business as usual (None for it, or when there is none)."""
    incremental: Step | None
    """The step from the comparator asked for (None when there is nothing to compare with)."""
    exempt: bool = False
    """Its costs are exempt information (``exempt: true``): outputs mark or withhold them."""


@dataclass(frozen=True)
class ValueForMoney:
    """Value for money of every shortlisted option, cheapest first."""

    title: str
    scenario: str | None
    notice: str | None
    filled_weights: tuple[str, ...]
    """Criteria whose weight was filled from a weighting workshop's participants', and the rule."""
    combine: str | None
    currency: str
    against: str
    baseline: str | None
    points_out_of: float
    discounting: str
    options: tuple[OptionValue, ...]
    frontier: tuple[str, ...]
    words: Words = OPTION_WORDS
    """What its outputs call the options (``Appraisal.words``): tenders, or providers under the regime."""
    excluded: tuple[tuple[str, str], ...] = ()
    """The criteria left out of the benefit points (id, name), in the criteria's order."""

    def option(self, option_id: str) -> OptionValue:
        return next(o for o in self.options if o.id == option_id)


def cost_per_point(cost: float, points: float) -> float | None:
    """Cost over points; None for an option with no points."""
    return cost / points if points > TIE_TOLERANCE else None


def _by_cost(candidates: Sequence[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (c.cost, -c.points, c.id))


def dominance(candidates: Sequence[Candidate]) -> dict[str, tuple[str, ...]]:
    """For each candidate, the ids of those that cost no more and score no less, and are not its equal.

    Equal means the same cost and the same points (within the tolerances): such twins do not
    dominate each other. Dominators are listed cheapest first.
    """
    ordered = _by_cost(candidates)
    out = {}
    for c in ordered:
        found = []
        for d in ordered:
            if d.cost > c.cost + MONEY_TOLERANCE:
                break
            if d.points >= c.points - TIE_TOLERANCE and (
                d.cost < c.cost - MONEY_TOLERANCE or d.points > c.points + TIE_TOLERANCE
            ):
                found.append(d.id)
        out[c.id] = tuple(found)
    return out


def frontier(candidates: Sequence[Candidate]) -> tuple[str, ...]:
    """The efficiency frontier, cheapest first (see the module docstring).

    Start from the cheapest (the best scoring of the cheapest), then keep taking the option with
    the lowest cost per extra point over the last one taken. A dominated option is never taken:
    its step costs at least as much per point as its dominator's. Equal steps take the cheaper
    option first, so options on one straight line are all kept.
    """
    left = _by_cost(candidates)
    if not left:
        return ()
    path = [left[0]]
    while True:
        here = path[-1]
        ahead = [c for c in left if c.points > here.points + TIE_TOLERANCE]
        if not ahead:
            return tuple(c.id for c in path)
        path.append(min(ahead, key=lambda c: ((c.cost - here.cost) / (c.points - here.points), c.cost, c.id)))


def next_cheaper(option: Candidate, undominated: Sequence[Candidate]) -> Candidate | None:
    """The dearest of ``undominated`` that costs less than ``option`` (ties: the best scoring)."""
    cheaper = [c for c in undominated if c.cost < option.cost - MONEY_TOLERANCE]
    return max(cheaper, key=lambda c: (c.cost, c.points, c.id), default=None)


def step(option: Candidate, against: Candidate) -> Step:
    """The extra cost and extra points of ``option`` over ``against``."""
    return Step(against.id, option.cost - against.cost, option.points - against.points)


def _missing_costs(result: Result) -> None:
    """Every shortlisted option needs costs; the problems are located in the option files."""
    missing = [o.id for o in result.options if o.cost_lines is None]
    if missing:
        raise InputError([
            result.appraisal.problem(("option", oid), (
                "value for money needs every shortlisted option's costs: add 'costs' to this option"))
            for oid in missing
        ])


def _comparator(against: str, options: Sequence[OptionResult]) -> str | None:
    """The id of the option ``against`` names (None for next-cheapest); the checks allow one per role."""
    if against == "next-cheapest":
        return None
    role = COMPARATOR_ROLES[against][0]
    found = [o.id for o in options if role in o.roles]
    if not found:
        raise NoComparator(against)
    return found[0]


def value_for_money(result: Result, against: str = "baseline") -> ValueForMoney:
    """Value for money of every shortlisted option in ``result`` (see the module docstring)."""
    if against not in COMPARATORS:
        raise ValueError(f"against must be one of {COMPARATORS}, not {against!r}")
    _missing_costs(result)
    frame = result.appraisal.frame  # settings as written: benefit points, currency, discounting
    scale = (frame.finance.benefit_points or 100.0) / 100.0
    benefits = benefit_points(result.options, result.criteria)
    left_out = set(excluded(result.criteria))
    candidates = {
        o.id: Candidate(o.id, o.measures["npv_cost"] + sum(o.optimism_bias.values()), benefits[o.id] * scale)
        for o in result.options
    }
    reference = [candidates[o.id] for o in result.options if o.eligible] or list(candidates.values())
    dominated = dominance(reference)
    undominated = [c for c in reference if not dominated[c.id]]
    on_frontier = set(frontier(reference))
    baseline = next((o.id for o in result.options if o.baseline), None)
    comparator = _comparator(against, result.options)
    values = []
    for o in result.options:
        c = candidates[o.id]
        if comparator is not None:
            other: Candidate | None = candidates[comparator] if comparator != o.id else None
        else:
            other = next_cheaper(c, undominated)
        values.append(OptionValue(
            id=o.id, name=o.name, rank=o.rank, eligible=o.eligible, roles=o.roles,
            points=c.points, total=o.total * scale, npv_cost=o.measures["npv_cost"],
            optimism_bias=o.optimism_bias, cost=c.cost,
            cost_per_point=cost_per_point(c.cost, c.points), dominated_by=dominated.get(o.id, ()),
            on_frontier=o.id in on_frontier,
            versus_baseline=step(c, candidates[baseline]) if baseline and baseline != o.id else None,
            incremental=step(c, other) if other is not None else None,
            exempt=o.id in result.appraisal.exempt,
        ))
    values.sort(key=lambda v: (v.cost, -v.points, v.id))
    return ValueForMoney(
        title=result.title, scenario=result.scenario, notice=result.notice, currency=frame.currency,
        filled_weights=tuple(c.id for c in result.criteria if c.filled),
        combine=frame.weighting.combine if frame.weighting else None,
        against=against, baseline=baseline, points_out_of=100.0 * scale,
        discounting=describe(frame.finance), options=tuple(values),
        frontier=tuple(v.id for v in values if v.on_frontier), words=result.appraisal.words,
        excluded=tuple((c.id, c.name) for c in result.criteria if c.id in left_out),
    )

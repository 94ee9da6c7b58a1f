"""Benefit points: the weighted points with cost left out, which value for money divides cost by.

An option's total counts its cost wherever a criterion is measured from a cost figure (a price
criterion on ``annual_cost``, ``whole_life_cost`` or ``npv_cost``: :data:`COST_MEASURES`).
Dividing its cost by that total would count cost twice, once in the points and once as the
cost (the Green Book's cost per benefit point, and the Scottish Capital Investment Manual's
option appraisal, weigh cost against the non-monetary benefits alone). So the points are
recomputed without those criteria: a cost-measured criterion is left out, its siblings' weights
rescaled to fill its parent's, and a parent all of whose sub-criteria are left out is left out
too; the weights that remain add up to 100 again. With no cost-measured criterion the benefit
points are the total itself, to the last bit.
"""

from __future__ import annotations

from collections.abc import Sequence

from appraisal.finance.costs import COST_MEASURES
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult


class NoBenefits(Exception):
    """Every criterion is measured from a cost figure: there are no benefit points to divide by.

    A domain error: ``appraise vfm`` words it, and the report leaves the section out.
    """


def excluded(criteria: Sequence[CriterionInfo]) -> tuple[str, ...]:
    """The ids of the criteria left out of benefit points, in the criteria's order: each
    measured from a cost figure, and each parent all of whose sub-criteria are left out."""
    out: set[str] = set()
    for c in reversed(criteria):  # children come after their parent
        if (c.is_leaf and c.measure in COST_MEASURES) or (c.children and all(k in out for k in c.children)):
            out.add(c.id)
    return tuple(c.id for c in criteria if c.id in out)


def benefit_weights(criteria: Sequence[CriterionInfo]) -> dict[str, float]:
    """Each kept leaf's global weight (the kept leaves' add up to 1): each kept criterion's
    weight among its kept siblings, times its parent's; empty when every criterion is left out."""
    left_out = set(excluded(criteria))
    kept = [c for c in criteria if c.id not in left_out]
    siblings: dict[str | None, float] = {}
    for c in kept:
        siblings[c.parent] = siblings.get(c.parent, 0.0) + c.local_weight
    weight: dict[str, float] = {}
    for c in kept:  # a parent comes before its children
        weight[c.id] = c.local_weight / siblings[c.parent] * (1.0 if c.parent is None else weight[c.parent])
    return {c.id: weight[c.id] for c in kept if c.is_leaf}


def benefit_points(options: Sequence[OptionResult], criteria: Sequence[CriterionInfo]) -> dict[str, float]:
    """Each option's benefit points out of 100, by id (the total itself when nothing is left out)."""
    if not excluded(criteria):
        return {o.id: o.total for o in options}
    weights = benefit_weights(criteria)
    if not weights:
        raise NoBenefits("every criterion is measured from a cost figure, so there are no benefit "
                         "points to weigh the cost against")
    return {o.id: sum(o.cells[k].value * w for k, w in weights.items()) * 100 for o in options}

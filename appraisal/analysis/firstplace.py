"""What it would take to change first place, weight by weight (``appraise explore``, docs/explore.md).

The explore page moves one criterion's weight as a share of its siblings (its group: the
top-level criteria, or one parent's children), the siblings keeping their proportions to
each other. Every total is then a straight line in that share p (values never depend on
weights; see :mod:`appraisal.analysis.switching`). For a criterion c of a group under a parent
of global weight P, whose value for option o is V_G (the group's weighted mean) and V_c:

    T_o(p) = T_o + 100 P (p V_c + (1 - p) (V_G - p0 V_c) / (1 - p0) - V_G)

For the top level (P = 1) this is the switching line of ``appraise sensitivity`` exactly.
From these lines come, for each control, the shares at which the preferred option changes
(:func:`group_switches`), and for each ranked option not first the smallest change of one
weight that puts it first (:func:`single_change`). :func:`nearest_weights` finds the nearest
set of weights (least squares over the leaves' global weights) under which it is first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from appraisal.scoring.weighted_sum import TIE_TOLERANCE, CriterionInfo, OptionResult, Result

if TYPE_CHECKING:  # numpy is imported where it is used: `appraise score` does not load it
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]

MARGIN = 1e-6
"""Points by which an option must lead to be first alone at a computed set of weights."""


@dataclass(frozen=True)
class Line:
    """A total as a line in one criterion's share of its group: T(p) = at0 + (at1 - at0) p."""

    at0: float
    at1: float

    def at(self, p: float) -> float:
        return self.at0 + (self.at1 - self.at0) * p


@dataclass(frozen=True)
class Change:
    """One criterion's share (of its group, 0 to 1) that puts an option first, from ``now``."""

    criterion: str
    now: float
    share: float
    """Where the option first leads alone (just past a tie)."""
    global_change: float
    """How far the criterion's global weight moves: the size of the change, to compare criteria by."""


def _group_value(result: Result, option: OptionResult, c: CriterionInfo) -> tuple[float, float]:
    """The parent's global weight and the group's value for ``option`` (the root: total / 100)."""
    if c.parent is None:
        return 1.0, option.total / 100
    parent = next(p for p in result.criteria if p.id == c.parent)
    return parent.weight, option.cells[parent.id].value


def line(result: Result, option: OptionResult, c: CriterionInfo) -> Line:
    """``option``'s total as ``c``'s share of its group moves (``c.local_weight`` < 1)."""
    weight, group = _group_value(result, option, c)
    own, p0 = option.cells[c.id].value, c.local_weight
    rest = (group - p0 * own) / (1 - p0)
    return Line(option.total + 100 * weight * (rest - group), option.total + 100 * weight * (own - group))


def _ranked(result: Result) -> list[OptionResult]:
    return [o for o in result.options if o.rank is not None]


def group_switches(result: Result, c: CriterionInfo) -> list[float]:
    """The shares of its group (0 to 1), nearest below and above the current one, at which the
    preferred option changes as ``c`` moves: none when there is no preferred option."""
    ranked = _ranked(result)
    preferred = next((o for o in ranked if o.id == result.preferred), None)
    if preferred is None or c.local_weight >= 1.0 or len(ranked) < 2:
        return []
    mine = line(result, preferred, c)
    below, above = [], []
    for o in ranked:
        if o is preferred:
            continue
        theirs = line(result, o, c)
        d0, d1 = mine.at0 - theirs.at0, mine.at1 - theirs.at1
        if d0 < -TIE_TOLERANCE:
            below.append(d0 / (d0 - d1))
        elif d1 < -TIE_TOLERANCE:
            above.append(d0 / (d0 - d1))
    return ([max(below)] if below else []) + ([min(above)] if above else [])


def single_change(result: Result, option: OptionResult) -> Change | None:
    """The smallest change of one criterion's share (measured by its global weight) that puts
    ``option`` first alone, or None when no single weight can."""
    ranked = _ranked(result)
    best: Change | None = None
    for c in result.criteria:
        p0 = c.local_weight
        if p0 >= 1.0:
            continue
        low, high = 0.0, 1.0
        mine = line(result, option, c)
        for o in ranked:
            if o is option:
                continue
            theirs = line(result, o, c)
            d0, d1 = mine.at0 - theirs.at0 - MARGIN, mine.at1 - theirs.at1 - MARGIN
            if d0 <= 0 and d1 <= 0:
                low, high = 1.0, 0.0
                break
            if d0 <= 0:  # leads only above the crossing
                low = max(low, d0 / (d0 - d1))
            elif d1 <= 0:  # leads only below it
                high = min(high, d0 / (d0 - d1))
        if low > high:
            continue
        share = min(max(p0, low), high)
        parent = 1.0 if c.parent is None else next(p.weight for p in result.criteria if p.id == c.parent)
        change = Change(c.id, p0, share, abs(share - p0) * parent)
        if best is None or change.global_change < best.global_change - 1e-15:
            best = change
    return best


def nearest_weights(
    result: Result, option: OptionResult, *, rounds: int = 30, steps: int = 400
) -> dict[str, float] | None:
    """The leaves' global weights nearest the agreed ones (least squares) under which ``option``
    leads every other ranked option by at least :data:`MARGIN`, or None when none does.

    Dykstra's alternating projections onto the simplex and the half-spaces "option beats k",
    taking in only the rivals it does not already beat (the others are added as they bind).
    """
    import numpy as np

    leaves = [c for c in result.criteria if c.is_leaf]
    w0 = np.array([c.weight for c in leaves])
    rows = {o.id: np.array([o.cells[c.id].value for c in leaves]) for o in _ranked(result)}
    mine = rows[option.id]
    gaps = {k: 100 * (mine - v) for k, v in rows.items() if k != option.id}
    if any((g <= MARGIN).all() for g in gaps.values()):
        return None  # a rival at least as good on every criterion: no weights put this option first
    active: list[str] = []
    w = w0.copy()
    for _ in range(rounds):
        violated = [k for k, g in gaps.items() if float(g @ w) < MARGIN * 2 and k not in active]
        if not violated and all(float(gaps[k] @ w) >= MARGIN for k in active):
            return {c.id: float(x) for c, x in zip(leaves, w, strict=True)}
        active += violated
        w = _dykstra(w0, [gaps[k] for k in active], steps)
    return None


def _dykstra(w0: Floats, halfspaces: Sequence[Floats], steps: int) -> Floats:
    """The projection of ``w0`` onto every half-space g.w >= 2 MARGIN and the simplex (Dykstra,
    1983), the simplex last, so the answer is a set of weights exactly."""
    import numpy as np

    sets = len(halfspaces) + 1
    x = np.array(w0, dtype=float)
    increments = [np.zeros_like(x) for _ in range(sets)]
    for _ in range(steps):
        for i in range(sets):
            y = x + increments[i]
            if i == sets - 1:
                projected = _simplex(y)
            else:
                g = halfspaces[i]
                short = 2 * MARGIN - float(g @ y)
                projected = y + (short / float(g @ g)) * g if short > 0 else y
            increments[i] = y - projected
            x = projected
    return x


def _simplex(v: Floats) -> Floats:
    """The Euclidean projection onto {w >= 0, sum w = 1} (Held, Wolfe and Crowder 1974; Duchi et al. 2008)."""
    import numpy as np

    u = np.sort(v)[::-1]
    cumulative = np.cumsum(u) - 1
    index = np.arange(1, len(v) + 1)
    rho = int(np.nonzero(u - cumulative / index > 0)[0][-1])
    projected: Floats = np.maximum(v - cumulative[rho] / (rho + 1), 0.0)
    return projected

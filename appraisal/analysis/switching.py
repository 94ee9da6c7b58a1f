"""Exact switching values of criterion weights (docs/sensitivity.md).

A switching value is the value of an input at which the preferred option would change; HM
Treasury's Green Book (2022, chapter 5, "Sensitivity analysis") asks for them when a preferred
option is chosen. Here they are computed exactly, with no grid search, because an option's total is
linear in the global weight of any one criterion.

**The linear form.** Let c be a criterion (leaf or parent) with current global weight w0,
and V_o the value of option o on c (for a parent, the weighted mean of its children's
values). The total splits into c's contribution and the rest:
T_o = 100 w0 V_o + R_o, where R_o = T_o - 100 w0 V_o comes from the leaves outside c, whose
global weights add up to 1 - w0. Move c's global weight to w while every other leaf keeps its
proportion to the others (each is scaled by (1 - w) / (1 - w0)) and c's own children keep their
proportions inside it (each is scaled by w / w0, so V_o does not change). Then

    T_o(w) = 100 w V_o + (1 - w) / (1 - w0) * R_o,

a straight line with T_o(w0) = T_o. Values do not depend on weights (a measured criterion's
value depends on the options that set best and worst, never on a weight), so the form holds
for measured criteria too, and gates, which do not depend on weights either, keep the set of
ranked options fixed.

**Solving it.** For the preferred option p and another ranked option o, the margin
D(w) = T_p(w) - T_o(w) is a line with D(0) = (R_p - R_o) / (1 - w0) and
D(1) = 100 (V_p - V_o); it is positive at w0, so it can change sign on one side of w0 at
most. If D(1) < 0, o overtakes p above w0, at w = D(0) / (D(0) - D(1)); if D(0) < 0, below w0,
at the same expression. ``lower`` is the largest
crossing below w0 and ``upper`` the smallest above it, over every other ranked option; the
option named (``below`` / ``above``) is the one that leads just past it. A margin within the
scoring tie tolerance at 0 or 1 is only a tie there, and a tie is not a switch
(docs/sensitivity.md). When several options cross at the same weight, the one that leads just past it
is named (the steepest), then the first by id.

**Edge cases.** When w0 = 1 the criterion holds the whole weight (it is the only criterion at
the top, or every criterion above it has no siblings): there is no other criterion to give
weight to, every total is simply 100 w V_o, and the order never changes, so both switching
values are null. When there is no preferred option (rank 1 is shared, or no option passes
every gate) nothing can switch: every entry has null switching values. With a single ranked
option there is no rival, so the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from appraisal.scoring.weighted_sum import TIE_TOLERANCE, OptionResult, Result

SAME_CROSSING = 1e-12
"""Crossings this close (in weight) count as the same switching value."""


@dataclass(frozen=True)
class Switch:
    """The switching values of one criterion's global weight."""

    criterion: str
    name: str
    parent: str | None
    weight: float
    """The current global weight w0 (a fraction of the whole)."""
    lower: float | None
    """The nearest weight below ``weight`` at which another option takes over, or None."""
    upper: float | None
    """The nearest weight above ``weight`` at which another option takes over, or None."""
    below: str | None
    """The option preferred just below ``lower``."""
    above: str | None
    """The option preferred just above ``upper``."""


@dataclass(frozen=True)
class _Line:
    """An option's total as a function of one criterion's weight: T(w) = at0 + (at1 - at0) w."""

    at0: float
    at1: float

    @property
    def slope(self) -> float:
        return self.at1 - self.at0


def _line(option: OptionResult, criterion: str, w0: float) -> _Line:
    value = option.cells[criterion].value
    rest = option.total - option.cells[criterion].contribution
    return _Line(at0=rest / (1.0 - w0), at1=100.0 * value)


def switching_values(result: Result) -> tuple[Switch, ...]:
    """One :class:`Switch` per criterion (leaves and parents), in the order of ``result.criteria``."""
    ranked = [o for o in result.options if o.rank is not None]
    preferred = next((o for o in ranked if o.id == result.preferred), None)
    out = []
    for c in result.criteria:
        lower = upper = None
        below = above = None
        if preferred is not None and c.weight < 1.0:
            lines = {o.id: _line(o, c.id, c.weight) for o in ranked}
            mine = lines[preferred.id]
            downs: list[tuple[float, str]] = []
            ups: list[tuple[float, str]] = []
            for o in ranked:
                if o.id == preferred.id:
                    continue
                theirs = lines[o.id]
                d0, d1 = mine.at0 - theirs.at0, mine.at1 - theirs.at1
                if d0 < -TIE_TOLERANCE:
                    downs.append((d0 / (d0 - d1), o.id))
                elif d1 < -TIE_TOLERANCE:
                    ups.append((d0 / (d0 - d1), o.id))
            if downs:
                lower = max(w for w, _ in downs)
                # Below a shared crossing, the option with the smallest slope is highest.
                near = [i for w, i in downs if w >= lower - SAME_CROSSING]
                below = min(near, key=lambda i: (lines[i].slope, i))
            if ups:
                upper = min(w for w, _ in ups)
                near = [i for w, i in ups if w <= upper + SAME_CROSSING]
                above = min(near, key=lambda i: (-lines[i].slope, i))
        out.append(Switch(c.id, c.name, c.parent, c.weight, lower, upper, below, above))
    return tuple(out)

"""What the committee must be told beside the recommendation: when it is fragile, and when a
gate failure has moved the other options' points.

Both are read from results the report already has: the fragility warnings from the sensitivity
analysis that :attr:`~appraisal.report.base.Inputs.sensitivity` runs once for the whole report,
the gate note from the scored options. The thresholds are explained in ``docs/report.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appraisal.analysis.switching import Switch
from appraisal.model.criteria import Points
from appraisal.render.sensitivity import apart
from appraisal.report.base import EXEMPT, measure_name
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult, bounds
from appraisal.text import percent, plural, series

if TYPE_CHECKING:
    from appraisal.report.base import Inputs

ROBUST_SHARE = 0.8
"""A preferred option that comes first in fewer than this share of the Monte Carlo samples is
flagged: another option comes first in more than one sample in five."""

NEAR_SWITCH = 0.05
"""A switching value at most this far (5 percentage points of the whole) from the current
weight is flagged: weights are argued in steps of about five points out of 100."""

MAX_SWITCHES = 3
"""Near switching values named in the recommendation; the sensitivity section lists them all."""


def _nearest(w: Switch) -> tuple[float, float, str] | None:
    """The switching value nearer the current weight: how far away it is, the value, and the
    option then preferred; None when the weight never switches."""
    sides = []
    if w.lower is not None and w.below is not None:
        sides.append((w.weight - w.lower, w.lower, w.below))
    if w.upper is not None and w.above is not None:
        sides.append((w.upper - w.weight, w.upper, w.above))
    return min(sides, default=None)


def fragility(inputs: Inputs) -> list[str]:
    """Plain-words warnings that the preferred option is fragile; empty when it is robust."""
    result = inputs.result
    preferred = result.preferred
    if preferred is None:
        return []
    names = {o.id: o.name for o in result.options}
    s = inputs.sensitivity
    warnings = []
    share = s.montecarlo.preferred_probability
    if share is not None and share < ROBUST_SHARE and not inputs.withheld.samples:
        warnings.append(
            f"{names[preferred]} comes first in only {percent(share)} of the {s.montecarlo.settings.samples:,} "
            f"samples that vary the weights and scores within their ranges (a robust choice comes first in "
            f"at least {percent(ROBUST_SHARE, 0)}).")
    near = []
    for w in s.switching:
        found = _nearest(w)
        if found is not None and found[0] <= NEAR_SWITCH and not inputs.withheld.points(preferred, found[2]):
            near.append((found[0], w, found[1], found[2]))
    near.sort(key=lambda t: t[0])  # stable: equally near ones stay in criteria order
    by_rival: dict[str, list[str]] = {}
    for _, w, at, by in near[:MAX_SWITCHES]:
        moves = by_rival.setdefault(by, [])
        verb = "" if moves else "moves "
        moves.append(f"the weight on {w.name} {verb}from {percent(w.weight)} to {apart(at, w.weight)}")
    for by, moves in by_rival.items():
        either = moves[0] if len(moves) == 1 else ", ".join(moves[:-1]) + ", or " + moves[-1]
        warnings.append(f"It loses first place to {names[by]} if {either}.")
    if len(near) > MAX_SWITCHES:
        more = len(near) - MAX_SWITCHES
        warnings.append(f"A move of at most {NEAR_SWITCH * 100:g} percentage points in the weight on "
                        f"{plural(more, 'more criterion', 'more criteria')} would also change the "
                        f"{inputs.words.preferred} (see Sensitivity).")
    return warnings


def _setter(inputs: Inputs, c: CriterionInfo, end: int, passing: list[OptionResult]) -> str | None:
    """Words for one end (0 best, 1 worst) of a measured criterion's scale when a gate-failing
    option lies beyond it, so that counting it would have moved the scale; else None."""
    assert c.measure is not None
    failing = [o for o in inputs.result.options if not o.eligible]
    whole = bounds([o.measures[c.measure] for o in passing + failing], c)
    kept = bounds([o.measures[c.measure] for o in passing], c)
    if whole[end] == kept[end]:
        return None
    beyond = next(o for o in failing if o.measures[c.measure] == whole[end])
    extreme = ("lowest", "highest")[end] if c.direction == "lower" else ("highest", "lowest")[end]
    what = measure_name(c.measure)
    setter = min((o for o in passing if o.measures[c.measure] == kept[end]), key=lambda o: inputs.withheld.cost(o.id))
    counts, instead = (inputs.measured(o.id, c.measure, v) for o, v in ((setter, kept[end]), (beyond, whole[end])))
    return (f"the {extreme} {what} that counts is {_exempt_figure(counts)}, not "
            f"{beyond.name}'s {_exempt_figure(instead)}")


def _exempt_figure(shown: str) -> str:
    """A figure in a sentence: 'exempt' reads as 'exempt figure'."""
    return f"{EXEMPT} figure" if shown == EXEMPT else shown


def gate_effects(inputs: Inputs) -> str:
    """When options fail a gate and would have moved a measured criterion's best or worst, the
    plain-words note that measured scores are relative to the options that pass; else ''."""
    passing = [o for o in inputs.result.options if o.eligible]
    if not passing or len(passing) == len(inputs.result.options):
        return ""
    parts = []
    for c in inputs.result.leaves:
        if not c.measure or isinstance(c.value_function, Points):
            continue
        ends = (0,) if c.value_function == "relative" else (0, 1)
        said = [text for end in ends if (text := _setter(inputs, c, end, passing))]
        if said:
            parts.append(f"on {c.name}, " + series(said))
    if not parts:
        return ""
    w = inputs.words
    return (f"Measured criteria are scored against the {w.options} that pass every gate, so the {w.options} "
            "that fail a gate do not set the scale the others are scored on: " + "; ".join(parts)
            + f". Every {w.option}'s points on these criteria, and so its total, are relative to the "
            f"{w.options} that pass.")

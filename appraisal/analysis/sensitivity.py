"""Sensitivity analysis: switching values and Monte Carlo rank probabilities together.

:func:`analyse` runs both on a scored :class:`~appraisal.scoring.Result`;
:func:`sensitivity_to_dict` is the JSON document of contract section 7 (with added keys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from appraisal.analysis.montecarlo import MonteCarlo, Settings, simulate
from appraisal.analysis.switching import Switch, switching_values
from appraisal.scoring.weighted_sum import Result


@dataclass(frozen=True)
class Sensitivity:
    """Everything the sensitivity renderers need."""

    result: Result
    switching: tuple[Switch, ...]
    montecarlo: MonteCarlo


def analyse(result: Result, settings: Settings, *, progress: Callable[[int], None] | None = None) -> Sensitivity:
    """Switching values of every criterion, then ``settings.samples`` Monte Carlo samples."""
    return Sensitivity(result, switching_values(result), simulate(result, settings, progress=progress))


def sensitivity_to_dict(s: Sensitivity) -> dict[str, Any]:
    """The JSON document of ``appraise sensitivity --format json`` (contract section 7)."""
    mc = s.montecarlo
    return {
        "title": s.result.title,
        "scenario": s.result.scenario,
        "preferred": s.result.preferred,
        "switching": [
            {"criterion": w.criterion, "weight": w.weight, "lower": w.lower, "upper": w.upper,
             "below": w.below, "above": w.above, "name": w.name, "parent": w.parent}
            for w in s.switching
        ],
        "samples": mc.settings.samples,
        "seed": mc.settings.seed,
        "rank_probabilities": {o: list(p) for o, p in mc.rank_probabilities.items()},
        "preferred_probability": mc.preferred_probability,
        "sampling": {k: v for k, v in asdict(mc.settings).items() if k not in ("samples", "seed")},
        "over_budget": mc.over_budget,
    }

"""Sensitivity analysis: switching values and Monte Carlo rank probabilities together.

:func:`analyse` runs both on a scored :class:`~appraisal.scoring.weighted_sum.Result`;
:func:`appraisal.render.machine.sensitivity_to_dict` is its JSON document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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

"""Sensitivity analysis: switching values and Monte Carlo rank probabilities together.

:func:`analyse` runs both on a scored :class:`~appraisal.scoring.weighted_sum.Result`;
:func:`appraisal.render.machine.sensitivity_to_dict` is its JSON document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from appraisal.analysis.montecarlo import MonteCarlo, Settings, simulate
from appraisal.analysis.switching import Switch, switching_values
from appraisal.scoring.weighted_sum import Result


@dataclass(frozen=True)
class Sensitivity:
    """Everything the sensitivity renderers need."""

    result: Result
    switching: tuple[Switch, ...]
    montecarlo: MonteCarlo
    any_weights: float | None = None
    """The share of samples in which the preferred option stays preferred when the weights may be
    anything at all (``simplex``, the other settings as given): how much the answer rests on the
    agreed weights. None when the weights were sampled that way already, or there is no preferred option."""


def analyse(result: Result, settings: Settings, *, progress: Callable[[int], None] | None = None) -> Sensitivity:
    """Switching values of every criterion, then ``settings.samples`` Monte Carlo samples, and as
    many again with the weights drawn from every weighting (unless they were already)."""
    montecarlo = simulate(result, settings, progress=progress)
    anywhere = None
    if settings.weights != "simplex" and montecarlo.preferred is not None:
        after = (lambda done: progress(settings.samples + done)) if progress is not None else None
        anywhere = simulate(result, replace(settings, weights="simplex"), progress=after).preferred_probability
    return Sensitivity(result, switching_values(result), montecarlo, anywhere)

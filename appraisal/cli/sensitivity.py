"""``appraise sensitivity``: switching values and Monte Carlo rank probabilities."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.sensitivity import Sensitivity
    from appraisal.scoring.weighted_sum import Result

LONG_RUN = 50_000_000
"""Samples x options x criteria above which a progress bar is shown (a second or more)."""


class WeightSampling(str, enum.Enum):
    dirichlet = "dirichlet"
    simplex = "simplex"
    fixed = "fixed"
    panel = "panel"


class ScoreSampling(str, enum.Enum):
    triangular = "triangular"
    uniform = "uniform"
    fixed = "fixed"
    panel = "panel"


def _table(analysis: Sensitivity, terminal: bool) -> str:
    from appraisal.render.sensitivity import to_table

    return to_table(analysis, terminal=terminal)


def _json(analysis: Sensitivity, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, sensitivity_to_dict

    return json_bytes(sensitivity_to_dict(analysis))


def _markdown(analysis: Sensitivity, terminal: bool) -> str:
    from appraisal.render.sensitivity import to_markdown

    return to_markdown(analysis)


FORMATS: Formats[Sensitivity] = Formats("sensitivity", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("markdown", (".md", ".markdown"), _markdown),
])


def sensitivity(
    path: Path = PathArg,
    samples: int = typer.Option(10_000, "--samples", min=1, max=100_000_000, help="Monte Carlo samples."),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed: the same seed gives the same numbers."),
    scenario: Path | None = ScenarioOpt,
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
    weights: WeightSampling = typer.Option(
        WeightSampling.dirichlet, "--weights",
        help="How weights vary: dirichlet (around the stated weights, level by level), "
        "simplex (uniformly over every weighting, as in SMAA), fixed (as stated) or panel: between the lowest "
        "and highest a weighting workshop's participants gave (weights/).",
    ),
    concentration: float = typer.Option(
        100.0, "--concentration", min=0.01, max=1e9,
        help="Dirichlet concentration: higher keeps sampled weights closer to the stated ones.",
    ),
    scores: ScoreSampling = typer.Option(
        ScoreSampling.triangular, "--scores",
        help="How judged scores with a low/high range vary: triangular (peaking at the score), uniform or "
        "fixed; or panel: between the lowest and highest of a scoring panel's scores (peaking at the agreed one).",
    ),
    cost_uncertainty: float = typer.Option(
        0.0, "--cost-uncertainty", min=0.0, max=0.99, metavar="FRACTION",
        help="Vary each option's costs by up to this fraction (triangular; 0.1 = 10%); "
        "measured criteria and the budget gate follow.",
    ),
) -> None:
    """Switching values of every criterion's weight and Monte Carlo rank probabilities."""
    from appraisal.analysis.montecarlo import Settings
    from appraisal.analysis.sensitivity import analyse
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output)
    result = score(load_appraisal(path, criteria, scenario))
    if scores is ScoreSampling.panel and not result.appraisal.assessments:
        from appraisal.errors import UsageError

        raise UsageError(f"{path}: --scores panel draws from a panel's scores, and this appraisal has no "
                         "assessors' files (assessments/<assessor>.yaml; see docs/panel.md)")
    settings = Settings(samples=samples, seed=seed, weights=weights.value, concentration=concentration,
                        scores=scores.value, cost_uncertainty=cost_uncertainty,
                        weight_ranges=_weight_ranges(result, path) if weights is WeightSampling.panel else {})
    runs = 1 if weights is WeightSampling.simplex else 2  # and once more with any weights (analyse)
    with _progress(result, samples * runs) as progress:
        analysis = analyse(result, settings, progress=progress)
    FORMATS.write(chosen, analysis, output)


def _weight_ranges(result: Result, path: Path) -> dict[str, tuple[float, float]]:
    """Each leaf's lowest and highest global weight over the workshop's participants, for
    ``--weights panel``; a usage error without participants' files."""
    from appraisal.analysis.workshop import workshop
    from appraisal.errors import UsageError

    if not result.appraisal.participants:
        raise UsageError(f"{path}: --weights panel draws weights within a weighting workshop's range, and this "
                         "appraisal has no participants' files (weights/<participant>.yaml; see docs/weights.md)")
    spread = workshop(result).spread
    return {c.id: spread[c.id] for c in result.leaves if c.id in spread}


@contextmanager
def _progress(result: Result, samples: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on standard error for a long run, only when standard error is a terminal."""
    work = samples * len(result.options) * max(1, len(result.leaves))
    if work < LONG_RUN or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task("Sampling", total=samples)
        yield lambda done: bar.update(task, completed=done)

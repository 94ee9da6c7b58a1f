"""Monte Carlo rank probabilities: how often each option takes each place when inputs vary.

Each sample draws a set of weights and judged scores (and, if asked, cost factors), scores the
options that are ranked at the stated inputs with the weighted sum (README.md, Scoring rules), and
ranks them. The output is the share of samples in which each option takes each place, and the
share in which the preferred option stays preferred.

**Weights** (:attr:`Settings.weights`):

- ``dirichlet`` (default): at every level of the criteria tree, the local weights of a parent's
  children (and of the top-level criteria) are drawn from a Dirichlet distribution with mean
  equal to the stated local weights and concentration ``k``: Dirichlet(k p_1, ..., k p_m). A
  local weight p then has standard deviation sqrt(p (1 - p) / (k + 1)); with the default
  k = 100, a stated 30% varies by about 4.6 points. Levels are drawn independently, so every
  global weight is centred on its stated value.
- ``simplex``: the leaves' global weights are drawn uniformly over the simplex (every weighting
  that sums to 1 is equally likely, Dirichlet(1, ..., 1)), ignoring the stated weights: the
  "no weight information" case of SMAA (Lahdelma and Salminen, 2001, "SMAA-2: Stochastic
  multicriteria acceptability analysis for group decision making", *Operations Research* 49(3)).
- ``fixed``: the stated weights in every sample.
- ``panel``: each leaf's global weight is drawn uniformly between the lowest and highest that a
  weighting workshop's participants gave it (:attr:`Settings.weight_ranges`; a leaf no
  participant weighed keeps its stated weight), and the draws are divided by their sum so that
  they add up to 1. The participants' range is the disagreement on record; a uniform draw
  claims no view within it is likelier (docs/weights.md). After the division a weight may
  step a little outside its range.

**Judged scores** (:attr:`Settings.scores`) with a ``low``/``high`` range are drawn within it:
``triangular`` (default: low, most likely the stated score, high), ``uniform`` on [low, high],
or ``fixed``. A missing ``low`` or ``high`` is the score itself. Scores without a range do not vary.
``panel``: a score a panel scored is drawn from triangular(lowest, agreed, highest) of the
assessors' scores, the range widened to take in an agreed score outside it; others as
``triangular`` (see docs/panel.md).

**Costs** (:attr:`Settings.cost_uncertainty` u > 0): each option's costs are multiplied in each
sample by its own factor drawn from triangular(1 - u, 1, 1 + u), so its annual, whole-life and
NPV cost move together. Measured criteria on those measures are then re-normalised in each
sample (best and worst over the options that pass every gate in that sample), and the budget
gate is applied to the sampled annual cost: an option over budget in a sample is placed after
every option within it. Options that are not ranked at the stated inputs take no part.

**Ties** within a sample are found as in scoring (totals within 1e-9 of the first of a group
share a place). The k options of a tie share its k places equally: each gets 1/k of each, so
every option's probabilities and every place's still sum to 1. The preferred option "stays
preferred" in a sample only when it is first alone and within budget.

**Determinism.** Each source of randomness has its own stream, spawned from
``numpy.random.SeedSequence(seed)``, and is drawn sample by sample; counts are kept as
integers. So the same seed gives the same numbers whatever the batch size (with the same numpy
version). Samples are processed in batches of about :data:`BATCH_CELLS` option-criterion cells,
which bounds memory whatever the number of samples.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from appraisal.analysis.places import PlaceCounts
from appraisal.finance.costs import COST_MEASURES
from appraisal.model.criteria import Points
from appraisal.scoring.weighted_sum import CriterionInfo, Result

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]
    Bools = NDArray[np.bool_]

WeightSampling = Literal["dirichlet", "simplex", "fixed", "panel"]
ScoreSampling = Literal["triangular", "uniform", "fixed", "panel"]

BATCH_CELLS = 1 << 21
"""Samples per batch x options x criteria: bounds the memory of one batch (about 100 MB at most)."""


@dataclass(frozen=True)
class Settings:
    """How to sample; the defaults are those of ``appraise sensitivity``."""

    samples: int = 10_000
    seed: int = 0
    weights: WeightSampling = "dirichlet"
    concentration: float = 100.0
    scores: ScoreSampling = "triangular"
    cost_uncertainty: float = 0.0
    weight_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)
    """For ``weights="panel"``: each leaf's (lowest, highest) global weight over the workshop's participants."""


def weight_spread(result: Result, settings: Settings) -> float | None:
    """How far ``dirichlet`` sampling moves the weights, in points out of 100: the largest
    standard deviation of a top-level criterion's weight, 100 sqrt(p (1 - p) / (k + 1)) (4.6
    for a stated 30% at k = 100). None for the other ways of sampling weights."""
    if settings.weights != "dirichlet":
        return None
    top = [c.local_weight for c in result.criteria if c.parent is None]
    return max(100 * math.sqrt(p * (1 - p) / (settings.concentration + 1)) for p in top)


@dataclass(frozen=True)
class MonteCarlo:
    """Rank probabilities of the options ranked at the stated inputs (in their rank order)."""

    settings: Settings
    rank_probabilities: dict[str, tuple[float, ...]]
    """``rank_probabilities[o][k]``: the share of samples in which ``o`` takes place k + 1."""
    preferred: str | None
    preferred_probability: float | None
    """The share of samples in which the preferred option is first alone (None without one)."""
    over_budget: dict[str, float]
    """The share of samples in which each option's sampled annual cost exceeds the budget."""


@dataclass(frozen=True)
class _Varying:
    """Sampled cells of one leaf: which options, and where their draws sit in a batch."""

    leaf: int
    options: Ints
    low: Floats
    mode: Floats
    high: Floats


@dataclass(frozen=True)
class _Model:
    """The ranked options and criteria as arrays; everything a batch needs."""

    ids: tuple[str, ...]
    base: Floats
    """(options, leaves): each option's value on each leaf at the stated inputs."""
    stated: Floats
    """(leaves,): the stated global weights."""
    ranges: tuple[Floats, Floats]
    """(leaves,) twice: the lowest and highest global weights to draw from (``panel``)."""
    groups: tuple[tuple[Ints, Floats], ...]
    """Sibling groups of the tree: node indices and their stated local weights."""
    parents: Ints
    """(nodes,): each node's parent node index, or -1 at the top."""
    leaf_nodes: Ints
    ranged: tuple[_Varying, ...]
    costed: tuple[tuple[int, CriterionInfo, Floats], ...]
    """Measured leaves on a cost measure: leaf index, criterion, stated measure per option."""
    annual: Floats | None
    """Stated annual cost per option when there is a budget (else None)."""
    budget: float


def _model(result: Result, settings: Settings) -> _Model:
    import numpy as np

    ranked = [o for o in result.options if o.rank is not None]
    criteria = result.criteria
    index = {c.id: i for i, c in enumerate(criteria)}
    leaves = [c for c in criteria if c.is_leaf]
    base = np.array([[o.cells[c.id].value for c in leaves] for o in ranked], dtype=float)
    base = base.reshape(len(ranked), len(leaves))
    siblings: dict[str | None, list[int]] = {}
    for i, c in enumerate(criteria):
        siblings.setdefault(c.parent, []).append(i)
    groups = tuple(
        (np.array(nodes), np.array([criteria[i].local_weight for i in nodes])) for nodes in siblings.values()
    )
    ranged = []
    if settings.scores != "fixed":
        for li, c in enumerate(leaves):
            if c.scale is None:
                continue
            span = c.scale.max - c.scale.min
            cells = []
            for oi, o in enumerate(ranked):
                cell = o.cells[c.id]
                assert cell.score is not None and cell.low is not None and cell.high is not None
                low, high = cell.low, cell.high
                if settings.scores == "panel" and cell.panel_low is not None and cell.panel_high is not None:
                    low, high = min(cell.score, cell.panel_low), max(cell.score, cell.panel_high)
                if high > low:
                    cells.append((oi, (low - c.scale.min) / span, (cell.score - c.scale.min) / span,
                                  (high - c.scale.min) / span))
            if cells:
                o_, lo, mo, hi = (np.array(x) for x in zip(*cells, strict=True))
                ranged.append(_Varying(li, o_, lo, mo, hi))
    costed = []
    budget = result.budget
    if settings.cost_uncertainty > 0:
        costed = [
            (li, c, np.array([o.cells[c.id].measure for o in ranked], dtype=float))
            for li, c in enumerate(leaves) if c.measure in COST_MEASURES
        ]
    annual = None
    if settings.cost_uncertainty > 0 and budget is not None:
        annual = np.array([o.measures.get("annual_cost", 0.0) for o in ranked], dtype=float)
    ranges = [settings.weight_ranges.get(c.id, (c.weight, c.weight)) for c in leaves]
    return _Model(
        ids=tuple(o.id for o in ranked), base=base,
        stated=np.array([c.weight for c in leaves], dtype=float),
        ranges=(np.array([r[0] for r in ranges], dtype=float), np.array([r[1] for r in ranges], dtype=float)),
        groups=groups, parents=np.array([index[c.parent] if c.parent else -1 for c in criteria]),
        leaf_nodes=np.array([index[c.id] for c in leaves], dtype=np.int64),
        ranged=tuple(ranged), costed=tuple(costed), annual=annual, budget=budget or 0.0,
    )


class _Streams:
    """One generator per source of randomness, so draws do not depend on the batch size."""

    def __init__(self, model: _Model, settings: Settings) -> None:
        import numpy as np

        root = np.random.SeedSequence(settings.seed)
        weights, scores, costs = root.spawn(3)
        self.groups = [np.random.default_rng(s) for s in weights.spawn(len(model.groups))]
        self.scores = np.random.default_rng(scores)
        self.costs = np.random.default_rng(costs)


def _weights(model: _Model, settings: Settings, streams: _Streams, size: int) -> Floats:
    """(size, leaves) global leaf weights."""
    import numpy as np

    leaves = len(model.stated)
    if settings.weights == "fixed":
        return np.broadcast_to(model.stated, (size, leaves))
    if settings.weights == "simplex":
        return streams.groups[0].dirichlet(np.ones(leaves), size=size)
    if settings.weights == "panel":
        low, high = model.ranges
        drawn: Floats = streams.groups[0].uniform(low, high, size=(size, leaves))
        drawn /= drawn.sum(axis=1, keepdims=True)
        return drawn
    local = np.ones((size, len(model.parents)))
    for (nodes, stated), rng in zip(model.groups, streams.groups, strict=True):
        if len(nodes) > 1:
            local[:, nodes] = rng.dirichlet(settings.concentration * stated, size=size)
    glob = local
    for i, parent in enumerate(model.parents):  # parents come before their children
        if parent >= 0:
            glob[:, i] *= glob[:, parent]
    return glob[:, model.leaf_nodes]


def _measured(x: Floats, reference: Bools, c: CriterionInfo) -> Floats:
    """:func:`appraisal.scoring.weighted_sum.measured_value` for a batch: best and worst per sample (row)."""
    import numpy as np

    function = c.value_function
    if isinstance(function, Points):
        xs, vs = zip(*function.points, strict=True)
        interpolated: Floats = np.interp(x, xs, vs)
        return interpolated
    lowest = np.where(reference, x, np.inf).min(axis=1, keepdims=True)
    highest = np.where(reference, x, -np.inf).max(axis=1, keepdims=True)
    best, worst = (lowest, highest) if c.direction == "lower" else (highest, lowest)
    with np.errstate(divide="ignore", invalid="ignore"):
        if function == "relative":
            value = best / x if c.direction == "lower" else x / best
        else:
            value = np.where(best == worst, 1.0, (x - worst) / (best - worst))
    clipped: Floats = np.clip(value, 0.0, 1.0)
    return clipped


@dataclass(frozen=True)
class Batch:
    """A batch of samples: rows are samples, columns options (as :attr:`ids`) or leaves."""

    ids: tuple[str, ...]
    weights: Floats
    """(samples, leaves) global leaf weights, leaves in criteria order."""
    factors: Floats | None
    """(samples, options) cost factors, or None when costs do not vary."""
    totals: Floats
    over: Bools | None
    """(samples, options) over budget, or None when no option can be."""


def _batch(model: _Model, settings: Settings, streams: _Streams, size: int) -> Batch:
    import numpy as np

    n, leaves = model.base.shape
    weights = _weights(model, settings, streams, size)
    values: dict[int, Floats] = {}
    if model.ranged:
        low = np.concatenate([r.low for r in model.ranged])
        mode = np.concatenate([r.mode for r in model.ranged])
        high = np.concatenate([r.high for r in model.ranged])
        if settings.scores == "uniform":
            draws = streams.scores.uniform(low, high, size=(size, len(low)))
        else:
            draws = streams.scores.triangular(low, mode, high, size=(size, len(low)))
        start = 0
        for r in model.ranged:
            drawn = draws[:, start:start + len(r.options)]
            if len(r.options) == n:  # every option has a range here (in order): no copy needed
                values[r.leaf] = drawn
            else:
                v = np.repeat(model.base[None, :, r.leaf], size, axis=0)
                v[:, r.options] = drawn
                values[r.leaf] = v
            start += len(r.options)
    over = factors = None
    if model.costed or model.annual is not None:
        u = settings.cost_uncertainty
        factors = streams.costs.triangular(1.0 - u, 1.0, 1.0 + u, size=(size, n))
        if model.annual is not None:
            over = model.annual * factors > model.budget
        passing = np.ones((size, n), dtype=bool) if over is None else ~over
        passing[~passing.any(axis=1)] = True  # none passes: best and worst over all of them
        for li, c, x in model.costed:
            values[li] = _measured(x * factors, passing, c)
    totals = np.zeros((size, n))
    for li in range(leaves):
        totals += weights[:, li, None] * values.get(li, model.base[:, li])
    totals *= 100.0
    return Batch(model.ids, weights, factors, totals, over)


def batch_size(model_cells: int) -> int:
    """Samples per batch for a problem of ``model_cells`` options x criteria."""
    return max(1, BATCH_CELLS // max(1, model_cells))


def sample(result: Result, settings: Settings, *, batch: int | None = None) -> Iterator[Batch]:
    """The sampled totals of the options ranked at the stated inputs, ``batch`` samples at a time.

    ``batch`` defaults to :func:`batch_size`; the samples are the same whatever it is.
    """
    model = _model(result, settings)
    if not model.ids:
        return
    streams = _Streams(model, settings)
    step = batch or batch_size(len(model.ids) * model.base.shape[1])
    done = 0
    while done < settings.samples:
        size = min(step, settings.samples - done)
        yield _batch(model, settings, streams, size)
        done += size


def simulate(
    result: Result, settings: Settings, *, batch: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> MonteCarlo:
    """Sample ``settings.samples`` times and count places; ``progress(done)`` after each batch."""
    ids = tuple(o.id for o in result.options if o.rank is not None)
    if not ids:
        return MonteCarlo(settings, {}, result.preferred, None, {})
    counts = PlaceCounts(len(ids))
    done = 0
    for b in sample(result, settings, batch=batch):
        counts.add(b.totals, b.over)
        done += len(b.totals)
        if progress is not None:
            progress(done)
    shares = counts.shares(settings.samples)
    preferred = result.preferred
    first = None
    if preferred is not None:
        first = int(counts.first_alone[ids.index(preferred)]) / settings.samples
    return MonteCarlo(
        settings=settings,
        rank_probabilities={o: tuple(float(p) for p in shares[i]) for i, o in enumerate(ids)},
        preferred=preferred,
        preferred_probability=first,
        over_budget={o: int(counts.over[i]) / settings.samples for i, o in enumerate(ids)},
    )

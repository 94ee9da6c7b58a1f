"""The weighting methods public bodies use, each as its source defines it (docs/weights.md).

Every function takes one sibling group's judgements (the top-level criteria, or one parent's
children) and returns that group's local weights, summing to 1. Global weights are products
down the tree (:func:`global_weights`).

- ``points``: any positive numbers, normalised (the "allocate 100 points" of NHS panels).
- ``swing``: the most valued swing 100, the others as percentages of it, normalised (MCA
  manual, DCLG 2009, section 6.2.10; von Winterfeldt and Edwards 1986).
- ``smart``: the least important 10, the others more, normalised (Edwards and Barron 1994,
  "SMARTS and SMARTER", *Organizational Behavior and Human Decision Processes* 60).
- ``rank``: rank order centroid, rank sum or reciprocal weights (Barron and Barrett 1996,
  "Decision quality using ranked attribute weights", *Management Science* 42(11)).
- ``pairwise``: the principal eigenvector of Saaty's reciprocal matrix, with its consistency
  ratio (Saaty 1980, *The Analytic Hierarchy Process*; random index of Saaty 1980, table 1.2).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import mean, median

RankRule = str
"""``roc`` (default), ``rank_sum`` or ``reciprocal``."""

RANDOM_INDEX = {1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49}
"""Saaty's random index RI(n): the mean consistency index of random reciprocal matrices of size n."""
MAX_PAIRWISE = max(RANDOM_INDEX)
CONSISTENT = 0.10
"""Saaty's threshold: a consistency ratio above it asks the participant to revisit the judgements."""
SAATY = frozenset({Fraction(k) for k in range(1, 10)} | {Fraction(1, k) for k in range(2, 10)})
"""The values of Saaty's 1-9 scale and their reciprocals."""


def normalised(values: Mapping[str, float]) -> dict[str, float]:
    """Positive numbers divided by their sum: ``points``, ``swing`` and ``smart`` alike."""
    total = math.fsum(values.values())
    return {k: v / total for k, v in values.items()}


def rank_weights(order: Sequence[str | Sequence[str]], rule: RankRule = "roc") -> dict[str, float]:
    """Weights from a rank order, most important first; an inner list is a tie.

    With n criteria and place i (1 = most important): ``roc`` w_i = (1/n) sum_{j=i..n} 1/j;
    ``rank_sum`` w_i = 2(n + 1 - i) / (n(n + 1)); ``reciprocal`` w_i = (1/i) / sum_j 1/j
    (Barron and Barrett 1996). Tied criteria share the mean of their places' weights.
    """
    groups = [[item] if isinstance(item, str) else list(item) for item in order]
    n = sum(len(g) for g in groups)
    by_place = [_place_weight(i, n, rule) for i in range(1, n + 1)]
    weights: dict[str, float] = {}
    place = 0
    for group in groups:
        shared = math.fsum(by_place[place:place + len(group)]) / len(group)
        weights.update(dict.fromkeys(group, shared))
        place += len(group)
    return weights


def _place_weight(i: int, n: int, rule: RankRule) -> float:
    if rule == "rank_sum":
        return 2 * (n + 1 - i) / (n * (n + 1))
    if rule == "reciprocal":
        return (1 / i) / math.fsum(1 / j for j in range(1, n + 1))
    return math.fsum(1 / j for j in range(i, n + 1)) / n


@dataclass(frozen=True)
class Pairwise:
    """A pairwise group's priorities and how consistent its judgements are."""

    weights: dict[str, float]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    """CI / RI(n), 0 for two criteria or fewer (a 2 x 2 reciprocal matrix is always consistent)."""


def matrix(ids: Sequence[str], judgements: Sequence[tuple[str, str, float]]) -> list[list[float]]:
    """Saaty's reciprocal matrix: a_ij = how much more i matters than j, a_ji = 1 / a_ij, a_ii = 1."""
    index = {k: n for n, k in enumerate(ids)}
    a = [[1.0] * len(ids) for _ in ids]
    for first, second, ratio in judgements:
        a[index[first]][index[second]] = ratio
        a[index[second]][index[first]] = 1 / ratio
    return a


def pairwise(ids: Sequence[str], a: Sequence[Sequence[float]]) -> Pairwise:
    """The principal right eigenvector of ``a``, normalised to sum 1, with lambda_max,
    CI = (lambda_max - n) / (n - 1) and CR = CI / RI(n) (Saaty 1980)."""
    import numpy as np

    n = len(ids)
    values, vectors = np.linalg.eig(np.array(a, dtype=float))
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    vector = vector / vector.sum()
    lam = float(values[k].real)
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    cr = ci / RANDOM_INDEX[n] if n > 2 else 0.0
    return Pairwise({k: float(w) for k, w in zip(ids, vector, strict=True)}, lam, max(ci, 0.0), max(cr, 0.0))


def geometric_matrix(matrices: Sequence[Sequence[Sequence[float]]]) -> list[list[float]]:
    """Aczel and Saaty's aggregation of individual judgements (AIJ): the element-wise geometric mean."""
    size = len(matrices[0])
    return [[math.prod(m[i][j] for m in matrices) ** (1 / len(matrices)) for j in range(size)] for i in range(size)]


def combine(groups: Sequence[Mapping[str, float]], rule: str) -> dict[str, float]:
    """Participants' local weights of one group combined by ``rule`` (``median``, ``mean`` or
    ``geometric``) criterion by criterion, then normalised so that the group sums to 1."""
    ids = list(groups[0])
    pick = {"median": median, "mean": mean}.get(rule)
    if pick is None:
        combined = {k: math.prod(g[k] for g in groups) ** (1 / len(groups)) for k in ids}
    else:
        combined = {k: float(pick([g[k] for g in groups])) for k in ids}
    return normalised(combined)


def global_weights(local: Mapping[str, Mapping[str, float]], parents: Mapping[str, str | None]) -> dict[str, float]:
    """Every criterion's global weight: the product of its local weights from the root.

    ``local[group]`` is a group's local weights (``root`` for the top level, else the parent's
    id); ``parents[criterion]`` is its parent (None at the top). A criterion whose group has no
    weights is left out, and so are those below it.
    """
    found: dict[str, float] = {}

    def weight(cid: str) -> float | None:
        if cid in found:
            return found[cid]
        parent = parents[cid]
        group = local.get(parent or "root", {})
        if cid not in group:
            return None
        above = 1.0 if parent is None else weight(parent)
        if above is None:
            return None
        found[cid] = above * group[cid]
        return found[cid]

    for cid in parents:
        weight(cid)
    return {cid: found[cid] for cid in parents if cid in found}

"""Counting the places options take in many samples, with ties shared as in scoring.

Given a batch of sampled totals (rows are samples, columns options), :class:`PlaceCounts`
adds up how often each option takes each place. Ties are found as in
:func:`appraisal.scoring.weighted_sum.rank` (a total within 1e-9 of the first of its group joins the group)
and the k options of a tie share its k places equally, 1/k each, so every option's shares and
every place's shares sum to 1. Counts are integers (a tie of size k is kept apart and divided
by k once, at the end), so the result does not depend on how the samples were batched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appraisal.scoring.weighted_sum import TIE_TOLERANCE

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]
    Bools = NDArray[np.bool_]

OVER_BUDGET = 1000.0
"""Subtracted from the total of an option over budget in a sample, to place it after the rest."""


def tie_heads(ordered: Floats) -> Bools:
    """Where each group of tied totals starts, per row of totals sorted high to low.

    As in :func:`appraisal.scoring.weighted_sum.rank`: a total within the tolerance of its group's first
    joins the group. Rows without near-ties take one vectorised step.
    """
    import numpy as np

    heads = np.ones(ordered.shape, dtype=bool)
    heads[:, 1:] = ordered[:, :-1] - ordered[:, 1:] > TIE_TOLERANCE
    columns = np.arange(ordered.shape[1])
    while not heads.all():
        first = np.maximum.accumulate(np.where(heads, columns, 0), axis=1)
        far = np.take_along_axis(ordered, first, axis=1) - ordered > TIE_TOLERANCE
        if not far.any():
            break
        far[:, 1:] &= ~far[:, :-1]  # only the first member too far from its group's head
        heads |= far
    return heads


class PlaceCounts:
    """Integer place counts: untied places directly; tied ones per tie size, as +1/-1 steps."""

    def __init__(self, n: int) -> None:
        import numpy as np

        self.n = n
        self.single = np.zeros(n * n, dtype=np.int64)
        self.tied: dict[int, Ints] = {}
        self.first_alone = np.zeros(n, dtype=np.int64)
        self.over = np.zeros(n, dtype=np.int64)

    def add(self, totals: Floats, over: Bools | None) -> None:
        """Count one batch: (samples, options) totals, and which options are over budget."""
        import numpy as np

        n = self.n
        key = totals if over is None else np.where(over, totals - OVER_BUDGET, totals)
        order = np.argsort(-key, axis=1, kind="stable")
        heads = tie_heads(np.take_along_axis(key, order, axis=1))
        columns = np.arange(n)
        alone = heads[:, 1] if n > 1 else np.ones(len(order), dtype=bool)
        top = order[:, 0]
        if over is not None:
            alone = alone & ~over[np.arange(len(order)), top]
            self.over += over.sum(axis=0)
        self.first_alone += np.bincount(top[alone], minlength=n)
        if heads.all():
            self.single += np.bincount((order * n + columns).ravel(), minlength=n * n)
            return
        start = np.maximum.accumulate(np.where(heads, columns, 0), axis=1)
        following = np.where(heads, columns, n)[:, ::-1]
        end = np.empty_like(start)
        end[:, :-1] = np.minimum.accumulate(following, axis=1)[:, ::-1][:, 1:]
        end[:, -1] = n
        size = end - start
        one = size == 1
        places = np.broadcast_to(columns, order.shape)
        self.single += np.bincount(order[one] * n + places[one], minlength=n * n)
        for k in np.unique(size[~one]):
            pick = size == k
            steps = self.tied.setdefault(int(k), np.zeros(n * (n + 1), dtype=np.int64))
            steps += np.bincount(order[pick] * (n + 1) + start[pick], minlength=n * (n + 1))
            steps -= np.bincount(order[pick] * (n + 1) + end[pick], minlength=n * (n + 1))

    def shares(self, samples: int) -> Floats:
        """(options, places): the share of ``samples`` in which each option took each place."""
        import numpy as np

        n = self.n
        places = self.single.reshape(n, n).astype(float)
        for k in sorted(self.tied):
            places += np.cumsum(self.tied[k].reshape(n, n + 1), axis=1)[:, :n] / k
        result: Floats = places / samples
        return result

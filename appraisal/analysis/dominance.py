"""Dominance: which options another option beats or matches on every criterion.

Option A dominates option B when A is no worse than B on any criterion's value and better on
at least one (DCLG, *Multi-criteria analysis: a manual*, 2009, chapter 5, on dominance in the
performance matrix). Whatever the weights, a dominated option can never total more than the
option that dominates it, so it can never rank above it.

Values are compared leaf by leaf (a parent's value is a weighted mean of its leaves, so it
follows). Values within :data:`VALUE_TOLERANCE` count as equal. Only options that pass every
gate can dominate: one that fails a gate is not available to the committee, so it should not
make another look redundant. Any scored option, ranked or not, can be dominated.
"""

from __future__ import annotations

from appraisal.scoring.weighted_sum import Result

VALUE_TOLERANCE = 1e-12
"""Values (on the 0 to 1 scale) within this of the next one up count as equal."""


def dominators(result: Result) -> dict[str, tuple[str, ...]]:
    """For every scored option, the ids of the eligible options that dominate it, in rank order.

    Sets of options are bit sets (Python ints, bit i for ``result.options[i]``): per criterion,
    "at least as good as i" and "better than i" are suffixes of the options sorted by value, so
    the dominators of i are the options in every "at least" set and in some "better" set. That
    takes a few big-integer operations per option and criterion, fast enough for ten thousand
    options, where comparing every pair would not be.
    """
    options = result.options
    at_least: list[list[int]] = []
    better: list[list[int]] = []
    for c in result.leaves:
        geq, gt = _suffixes([o.cells[c.id].value for o in options])
        at_least.append(geq)
        better.append(gt)
    eligible = sum(1 << i for i, o in enumerate(options) if o.eligible)
    out: dict[str, tuple[str, ...]] = {}
    for i, option in enumerate(options):
        found = eligible | 1 << i
        for sets in at_least:
            found &= sets[i]
            if not found & (found - 1):  # only the option itself (and equals) is left
                break
        if found & (found - 1):
            above = 0
            for sets in better:
                above |= sets[i]
            found &= above
        else:
            found = 0
        ids = []
        while found:
            low = found & -found
            ids.append(options[low.bit_length() - 1].id)
            found ^= low
        out[option.id] = tuple(ids)
    return out


def _suffixes(values: list[float]) -> tuple[list[int], list[int]]:
    """For each option, the bit sets of the options at least as good and strictly better."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    geq = [0] * len(values)
    gt = [0] * len(values)
    above = 0  # the options strictly better than the current run of equal values
    end = len(order)
    while end > 0:
        start = end - 1
        while start > 0 and values[order[end - 1]] - values[order[start - 1]] <= VALUE_TOLERANCE:
            start -= 1
        if end - start == 1:
            run = 1 << order[start]
        else:
            bits = bytearray((len(values) + 7) // 8)
            for i in order[start:end]:
                bits[i >> 3] |= 1 << (i & 7)
            run = int.from_bytes(bits, "little")
        for i in order[start:end]:
            geq[i] = above | run
            gt[i] = above
        above |= run
        end = start
    return geq, gt

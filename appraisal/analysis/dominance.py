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

    Sets of options are bit sets (Python ints, bit i for ``result.options[i]``). On each
    criterion the options fall into runs of equal values, best first; "at least as good as i"
    is the union of i's run and those above it, and "better than i" the union of the runs
    above, so one bit set per run serves every option in it (a judged criterion has a handful
    of runs, however many options). The dominators of i are the options in every "at least"
    set and in some "better" set: a few big-integer operations per option and criterion, fast
    enough for ten thousand options, where comparing every pair would not be. The criteria
    with most runs are intersected first, as they rule out most options soonest (the order of
    an intersection changes nothing else).
    """
    options = result.options
    criteria = sorted((_runs([o.cells[c.id].value for o in options]) for c in result.leaves),
                      key=lambda runs: -len(runs[1]))
    eligible = sum(1 << i for i, o in enumerate(options) if o.eligible)
    out: dict[str, tuple[str, ...]] = {}
    for i, option in enumerate(options):
        found = eligible | 1 << i
        for run_of, at_least in criteria:
            found &= at_least[run_of[i]]
            if not found & (found - 1):  # only the option itself (and equals) is left
                break
        if found & (found - 1):
            better = 0
            for run_of, at_least in criteria:
                if run_of[i]:
                    better |= at_least[run_of[i] - 1]
            found &= better
        else:
            found = 0
        ids = []
        while found:
            low = found & -found
            ids.append(options[low.bit_length() - 1].id)
            found ^= low
        out[option.id] = tuple(ids)
    return out


def _runs(values: list[float]) -> tuple[list[int], list[int]]:
    """Each option's run of equal values (0 the best), and for each run the bit set of the
    options in it or in a better one.

    A run holds the values within VALUE_TOLERANCE of its highest, found from the top down.
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    run_of = [0] * len(values)
    at_least: list[int] = []
    above = 0  # the options in the runs found so far (all better than the next)
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
            run_of[i] = len(at_least)
        above |= run
        at_least.append(above)
        end = start
    return run_of, at_least

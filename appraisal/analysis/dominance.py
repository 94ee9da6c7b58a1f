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

from collections.abc import Iterable

from appraisal.scoring.weighted_sum import Result

VALUE_TOLERANCE = 1e-12
"""Values (on the 0 to 1 scale) within this of the next one up count as equal."""


def dominators(result: Result) -> dict[str, tuple[str, ...]]:
    """For every scored option, the ids of the eligible options that dominate it, in rank order.

    Sets of options are bit sets (Python ints). On each criterion the options fall into runs of
    equal values, best first; "at least as good as i" is the union of i's run and those above
    it, and "better than i" the union of the runs above, so one bit set per run serves every
    option in it (a judged criterion has a handful of runs, however many options). The
    dominators of i are the options in every "at least" set and in some "better" set: a few
    big-integer operations per option and criterion, where comparing every pair would not do
    for ten thousand options.

    The criterion with most runs leads. Its bit positions number the options in its order,
    best first, so "at least as good as i" on it is every position below the end of i's run:
    a mask, and every intersection with it is only as long as that (half the options, on
    average; an intersection costs its length). The other criteria follow, those with most
    runs first, as they rule out most options soonest; the order changes nothing else.
    """
    options = result.options
    columns = sorted((_Runs([o.cells[c.id].value for o in options]) for c in result.leaves),
                     key=lambda runs: -len(runs.ends))
    if not columns:  # nothing to be better on
        return {o.id: () for o in options}
    lead, rest = columns[0], columns[1:]
    place = [0] * len(options)
    for position, i in enumerate(lead.order):
        place[i] = position
    others = [(runs.run_of, runs.at_least(place)) for runs in rest]
    eligible = _bits(place[i] for i, o in enumerate(options) if o.eligible)
    out: dict[str, tuple[str, ...]] = {}
    for i, option in enumerate(options):
        run = lead.run_of[i]
        itself = 1 << place[i]
        found = eligible & ((1 << lead.ends[run]) - 1) | itself
        for run_of, at_least in others:
            if found == itself:  # no other option is left
                break
            found &= at_least[run_of[i]]
        if found != itself:
            better = (1 << lead.ends[run - 1]) - 1 if run else 0
            for run_of, at_least in others:
                if run_of[i]:
                    better |= at_least[run_of[i] - 1]
            found &= better
        else:
            found = 0
        ids = []
        while found:
            low = found & -found
            ids.append(lead.order[low.bit_length() - 1])
            found ^= low
        out[option.id] = tuple(options[k].id for k in sorted(ids))
    return out


class _Runs:
    """One criterion's runs of equal values: the options best first (``order``), each option's
    run (``run_of``, 0 the best), and how many options are in that run or a better one (``ends``).

    A run holds the values within VALUE_TOLERANCE of its highest, found from the top down.
    """

    def __init__(self, values: list[float]) -> None:
        self.order = sorted(range(len(values)), key=values.__getitem__, reverse=True)
        self.run_of = [0] * len(values)
        self.ends: list[int] = []
        top = 0
        for position, i in enumerate(self.order):
            if values[self.order[top]] - values[i] > VALUE_TOLERANCE:  # below the run's highest: a new run
                self.ends.append(position)
                top = position
            self.run_of[i] = len(self.ends)
        if values:
            self.ends.append(len(values))

    def at_least(self, place: list[int]) -> list[int]:
        """For each run, the bit set of the options in it or in a better one, option i at bit ``place[i]``."""
        sets = []
        above = 0  # the options in the runs found so far
        start = 0
        for end in self.ends:
            above |= _bits(place[i] for i in self.order[start:end])
            sets.append(above)
            start = end
        return sets


def _bits(positions: Iterable[int]) -> int:
    """The bit set with a bit at each of ``positions``."""
    found = list(positions)
    if len(found) == 1:
        return 1 << found[0]
    bits = bytearray((max(found, default=0) >> 3) + 1)
    for p in found:
        bits[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(bits, "little")

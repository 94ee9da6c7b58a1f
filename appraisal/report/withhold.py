"""Which figures of the public report are worked out from exempt cost figures: a small
dependency analysis, done once per report, that every section builder asks (docs/report.md,
Exempt information).

An option whose ``costs:`` say ``exempt: true`` keeps its cost figures out of the public report
(Local Government Act 1972, Schedule 12A, paragraph 3). Withholding the figures themselves is
not enough: anything that is a function of them gives them back to a reader who does the
algebra. So the analysis follows each exempt figure x through the scoring:

- **Cells.** On a criterion measured from a cost (``annual_cost``, ``whole_life_cost``,
  ``npv_cost``), the exempt option's value is a function of x (``best / x`` under ``relative``,
  a straight line under ``linear``, the points' line under ``points``), so its value and
  points are withheld. When x also sets the best (``relative``, ``linear``) or the worst
  (``linear``) of the options that count, every option's value there is a function of x
  (another option's ``best / its price`` gives the best), so every option's cell is withheld.
- **Sums.** A parent's points are its children's sum, and a total the top level's sum: a
  sum with a withheld term is withheld (the sum less the terms shown gives the term back).
- **Comparisons worked from totals.** A margin, a switching value, a cost per point or an
  extra point against the baseline uses an option's total: withheld when the total is. The
  rank probabilities sample every option's total together: withheld when any cell is.
- **Money.** Every sum of money worked from the exempt option's costs (cost lines, budget
  headroom, costs per point, differences from another option) is withheld.
- **Digests.** A SHA-256 of the file that holds the figure would let anyone who can guess the
  rest of the file try prices until the digest matches; those digests, and the digest over
  them all, are withheld.

What stays: scores on other criteria and their points, ranks, gate results, dominance and the
frontier (an order bounds a figure, it does not give it: docs/report.md says how far).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from appraisal.finance.costs import COST_MEASURES
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import Points
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult, Result, bounds
from appraisal.text import points, series


@dataclass(frozen=True)
class Withheld:
    """The figures of one report that are worked out from exempt cost figures."""

    costs: frozenset[str]
    """Options whose own cost figures are exempt and withheld."""
    cells: frozenset[tuple[str, str]]
    """(option id, criterion id) whose value and points are withheld, parents included."""
    totals: frozenset[str]
    """Options whose total is withheld."""
    set_by: Mapping[str, tuple[str, ...]]
    """Criteria whose best or worst an exempt figure sets: the words ('lowest annual cost')."""

    @property
    def any(self) -> bool:
        return bool(self.costs)

    def cell(self, option_id: str, criterion_id: str) -> bool:
        return (option_id, criterion_id) in self.cells

    def total(self, option_id: str) -> bool:
        return option_id in self.totals

    def cost(self, *option_ids: str) -> bool:
        """Whether a sum worked from these options' costs is withheld."""
        return not self.costs.isdisjoint(option_ids)

    def points(self, *option_ids: str) -> bool:
        """Whether a figure worked from these options' totals is withheld."""
        return not self.totals.isdisjoint(option_ids)

    def worked(self, *option_ids: str) -> bool:
        """Whether a figure worked from these options' costs and totals (a cost per point) is withheld."""
        return self.cost(*option_ids) or self.points(*option_ids)

    @property
    def samples(self) -> bool:
        """Whether the rank probabilities (which sample every option's total together) are withheld."""
        return bool(self.cells)


NOTHING = Withheld(frozenset(), frozenset(), frozenset(), {})


def cost_criterion(c: CriterionInfo) -> bool:
    """A leaf measured from a sum of money."""
    return c.is_leaf and c.measure in COST_MEASURES


def _ends_set(c: CriterionInfo, pool: list[OptionResult], hidden: frozenset[str]) -> tuple[str, ...]:
    """The ends of ``c``'s scale (best, worst) that an exempt figure sets, in words."""
    if isinstance(c.value_function, Points):
        return ()
    assert c.measure is not None
    used = (0,) if c.value_function == "relative" else (0, 1)
    shown = [o.measures[c.measure] for o in pool if o.id not in hidden]
    every = bounds([o.measures[c.measure] for o in pool], c)
    public = bounds(shown, c) if shown else None
    words = ("lowest", "highest") if c.direction == "lower" else ("highest", "lowest")
    return tuple(words[end] for end in used if public is None or public[end] != every[end])


def analyse(result: Result, hidden: frozenset[str]) -> Withheld:
    """What ``hidden`` (options whose cost figures the report withholds) makes it withhold."""
    hidden = hidden.intersection(o.id for o in result.options)  # a discounted option's costs are never shown
    if not hidden:
        return NOTHING
    pool = [o for o in result.options if o.eligible] or list(result.options)
    leaves: set[tuple[str, str]] = set()
    set_by: dict[str, tuple[str, ...]] = {}
    for c in result.leaves:
        if not cost_criterion(c):
            continue
        ends = _ends_set(c, pool, hidden)
        if ends:
            set_by[c.id] = ends
        leaves.update((o.id, c.id) for o in result.options if ends or o.id in hidden)
    parents = {c.id: c.parent for c in result.criteria}
    cells = set(leaves)
    for option_id, criterion_id in leaves:
        above = parents[criterion_id]
        while above is not None:
            cells.add((option_id, above))
            above = parents[above]
    return Withheld(frozenset(hidden), frozenset(cells), frozenset(o for o, _ in cells), set_by)


def statements(result: Result, withheld: Withheld, option_word: str) -> list[str]:
    """What the public report withholds, in words, one sentence for each kind of figure."""
    if not withheld.any:
        return []
    names = {o.id: o.name for o in result.options}
    criteria = {c.id: c for c in result.criteria}

    def listed(ids: Iterable[str]) -> str:
        return series(names[i] for i in sorted(ids, key=list(names).index))

    out = [f"The cost figures of {listed(withheld.costs)}, and every sum of money worked out from them: "
           "cost lines, budget headroom, costs per point and differences from other "
           f"{option_word}s."]
    for cid, ends in set_by_order(withheld.set_by, result):
        c = criteria[cid]
        measure = (c.measure or "").replace("_", " ")
        out.append(f"Every {option_word}'s value and points on {c.name}: the {series(ends)} {measure} that "
                   f"sets its scale is exempt, and each {option_word}'s points there would give it back.")
    measured = sorted({cid for _, cid in withheld.cells if criteria[cid].is_leaf} - set(withheld.set_by),
                      key=list(criteria).index)
    if measured:
        out.append(f"The value and points of {listed(withheld.costs)} on "
                   f"{series(criteria[c].name for c in measured)}, which are worked out from the exempt figure.")
    parents = sorted({cid for _, cid in withheld.cells if not criteria[cid].is_leaf}, key=list(criteria).index)
    if parents:
        out.append(f"The points on {series(criteria[c].name for c in parents)} of the same {option_word}s: "
                   "they add up the withheld points.")
    if withheld.totals:
        whose = (f"every {option_word}" if len(withheld.totals) == len(result.options)
                 else listed(withheld.totals))
        out.append(f"The total of {whose}: a total less the points shown would give the withheld points "
                   f"back. The ranks are shown, as the order of the {option_word}s is the committee's "
                   "decision: a rank places a total between its neighbours' totals, which bounds the "
                   "figures but does not give them.")
        out.append("Anything worked out from those totals: the margin between them, the switching values "
                   "that compare them, the rank probabilities and the value-for-money points.")
    out.append("The SHA-256 digests of the input files that hold the exempt figures, and the digest over all "
               "the files: with a guess at the rest of a file, a digest would confirm a guessed price.")
    return out


def set_by_order(set_by: Mapping[str, tuple[str, ...]], result: Result) -> list[tuple[str, tuple[str, ...]]]:
    """``set_by`` in the criteria's order."""
    return [(c.id, set_by[c.id]) for c in result.criteria if c.id in set_by]


def secret_files(appraisal: Appraisal, hidden: frozenset[str]) -> frozenset[str]:
    """The display names of the input files that hold exempt figures: the options' own files
    and a scenario file that sets their costs."""
    files = {appraisal.option_files[i] for i in hidden if i in appraisal.option_files}
    files.update(file for target, (file, _) in appraisal.origins.items()
                 if target[:1] == ("option",) and target[1] in hidden and target[2:3] == ("costs",))
    return frozenset(files)


def holds(name: str, files: frozenset[str]) -> bool:
    """Whether the file listed as ``name`` (relative to the appraisal folder) is one of ``files``
    (named as the loader shows them, from the current folder)."""
    return any(f == name or f.replace("\\", "/").endswith("/" + name) for f in files)


NARROW_GAP = 1.0
"""Neighbours' totals closer than this (points out of 100) pin a withheld total down closely
enough for the exempt appendix to warn of it."""


def exposures(result: Result, withheld: Withheld) -> list[str]:
    """What the public report's ranks give away, for the officers who read the exempt appendix
    before publishing: a withheld total that shares its rank with a total that is shown (then
    equal to it), or that lies between two shown totals less than :data:`NARROW_GAP` apart."""
    ranked = [o for o in result.options if o.rank is not None]
    out = []
    for o in ranked:
        if not withheld.total(o.id):
            continue
        shown = [p for p in ranked if not withheld.total(p.id)]
        tied = [p for p in shown if p.rank == o.rank]
        above = [p for p in shown if p.total > o.total and p.rank != o.rank]
        below = [p for p in shown if p.total < o.total and p.rank != o.rank]
        if tied:
            out.append(f"{o.name} shares rank {o.rank} with {tied[0].name}, whose total is shown in the public "
                       f"report: the two totals are equal, so the public report gives {o.name}'s total away.")
        elif above and below and above[-1].total - below[0].total < NARROW_GAP:
            out.append(f"The public report ranks {o.name} between {above[-1].name} ({points(above[-1].total)}) "
                       f"and {below[0].name} ({points(below[0].total)}), whose totals are shown: that places "
                       f"its total within {points(above[-1].total - below[0].total)} points.")
    return out

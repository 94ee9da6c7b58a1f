"""Compare two scored appraisals: the preferred option, ranks, totals and every changed input.

Pure: two :class:`~appraisal.scoring.Result` values in, a :class:`Diff` out (docs/diff.md).
Inputs are compared as validated data, not as text, so reformatting a file, reordering its
keys, quoting a string or writing a default out in full is not a change. Criteria, gates and
options are matched by id, so moving one within its file (or renaming an option's file while
keeping its ``id:``) is not a change either: no score depends on that order. A criterion that
moves to another parent is a change, reported as ``criteria.<id>.parent``. Lists are compared
in order where order means something (a year-by-year ``costs.annual``, value-function points)
and as collections where it does not (``advantages``, ``disadvantages``, ``risks``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from appraisal.errors import Problem
from appraisal.finance.costs import COST_MEASURES
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import Points
from appraisal.scoring.weighted_sum import TIE_TOLERANCE, Result
from appraisal.text import money, number

UNORDERED = ("advantages", "disadvantages", "risks")
"""Option lists whose order carries no meaning: reordering them is not a change."""

Status = str
"""``ranked``, ``unranked`` (fails a gate) or ``discounted``."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: its label (a folder, a git ref, a scenario) and its result."""

    label: str
    result: Result
    commit: str | None = None
    """The commit read, when the side comes from git."""
    note: str | None = None
    """What the human formats should say about this side, in words (what a git ref was read at)."""


@dataclass(frozen=True)
class OptionChange:
    """One option on both sides; every field of a side the option is missing from is None."""

    id: str
    name: str
    old_rank: int | None
    new_rank: int | None
    old_total: float | None
    new_total: float | None
    old_status: Status | None
    new_status: Status | None
    old_failed_gates: tuple[str, ...] | None
    new_failed_gates: tuple[str, ...] | None

    @property
    def changed(self) -> bool:
        """Whether its rank, status, failed gates or total (beyond rounding noise) changed."""
        if (self.old_rank, self.old_status, self.old_failed_gates) != (
            self.new_rank, self.new_status, self.new_failed_gates
        ):
            return True
        if self.old_total is None or self.new_total is None:
            return self.old_total is not self.new_total
        return abs(self.new_total - self.old_total) > TIE_TOLERANCE


@dataclass(frozen=True)
class InputChange:
    """One changed input value. ``old`` or ``new`` is None when the value is added or removed.

    ``file`` and ``line`` say where the value's key is written on the new side (the old side for
    a removal): the option's file, ``criteria.yaml``, or the scenario that set it. A value left
    to its default points at the nearest key above it that is written.
    """

    file: str
    line: int
    path: str
    old: Any
    new: Any
    old_share: float | None = None
    new_share: float | None = None
    """For a criterion's weight (``criteria.<id>.weight``), its share of the whole on each side
    (the global weight, 0 to 1: weights are proportions, so 30 among weights adding up to 132 is
    22.7%); None otherwise, or on a side without the criterion."""

    @property
    def is_weight(self) -> bool:
        """Whether this is a criterion's weight (``criteria.<id>.weight``)."""
        return _is_weight(tuple(self.path.split(".")))


def _is_weight(path: tuple[str, ...]) -> bool:
    return len(path) == 3 and path[0] == "criteria" and path[2] == "weight"


@dataclass(frozen=True)
class Diff:
    """Everything the diff formats show."""

    old: Side
    new: Side
    options: tuple[OptionChange, ...]
    inputs: tuple[InputChange, ...]
    warnings: tuple[Problem, ...] = ()
    """Located at the new side's files: a measured criterion's range changed but not its weight."""

    def exempt(self, change: InputChange) -> bool:
        """Whether the input is a cost figure of an option whose costs are exempt on either side."""
        ids = self.old.result.appraisal.exempt | self.new.result.appraisal.exempt
        return any(change.path.startswith(f"options.{oid}.costs.") for oid in ids)

    @property
    def preferred_changed(self) -> bool:
        return self.old.result.preferred != self.new.result.preferred

    @property
    def ranking_changed(self) -> bool:
        """Whether the ranked options or their ranks differ (an unranked or discounted option
        coming or going does not change the ranking)."""
        return _ranks(self.old.result) != _ranks(self.new.result)


def _ranks(result: Result) -> dict[str, int]:
    return {o.id: o.rank for o in result.options if o.rank is not None}


def compare(old: Side, new: Side) -> Diff:
    """Compare two sides: every option on either side, every input that differs, and the warnings."""
    inputs = _input_changes(old, new)
    warnings = range_warnings(old.result, new.result, inputs)
    return Diff(old, new, _option_changes(old.result, new.result), inputs, warnings)


def range_warnings(old: Result, new: Result, inputs: tuple[InputChange, ...]) -> tuple[Problem, ...]:
    """A warning at the weight of each measured criterion whose best-to-worst range changed while
    its weight did not.

    A swing weight says how much the swing from the worst to the best figure matters, judged on
    the range the options had then: when the range doubles, the same weight stands for a swing
    twice as large (DCLG MCA manual, 2009, ch. 6; docs/weights.md). A criterion valued by fixed
    points does not depend on the options' range, so it is not warned of.
    """
    reweighed = {i.path.split(".")[1] for i in inputs if i.is_weight}
    currency = new.appraisal.frame.currency
    out = []
    for c in new.criteria:
        before, after = old.ranges.get(c.id), new.ranges.get(c.id)
        if before is None or after is None or c.id in reweighed or isinstance(c.value_function, Points):
            continue
        if all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in zip(before, after, strict=True)):
            continue

        def shown(x: float, measure: str = c.measure or "") -> str:
            return money(x, currency) if measure in COST_MEASURES else number(x)

        where = ("criteria", *new.appraisal.criterion_loc(c.id), "weight")
        out.append(new.appraisal.problem(where, (
            f"'{c.id}' now runs from {shown(after[0])} (best) to {shown(after[1])} (worst), where it ran from "
            f"{shown(before[0])} to {shown(before[1])}, but its weight is unchanged: a swing weight was judged "
            "for the range it was given on, so weigh it again for the new range, or record why it stands"),
            key=True, severity="warning"))
    return tuple(out)


State = tuple[str, int | None, float | None, Status, tuple[str, ...] | None]
"""An option on one side: name, rank, total, status, failed gates."""


def _states(result: Result) -> dict[str, State]:
    states: dict[str, State] = {
        o.id: (o.name, o.rank, o.total, "ranked" if o.rank is not None else "unranked", o.failed_gates)
        for o in result.options
    }
    states.update({d.id: (d.name, None, None, "discounted", None) for d in result.discounted})
    return states


def _option_changes(old: Result, new: Result) -> tuple[OptionChange, ...]:
    """New-side options in rank order (then discounted ones), then options removed."""
    before, after = _states(old), _states(new)
    none = (None, None, None, None, None)
    out = []
    for oid in [*after, *(k for k in before if k not in after)]:
        name_old, rank_old, total_old, status_old, gates_old = before.get(oid, none)
        name_new, rank_new, total_new, status_new, gates_new = after.get(oid, none)
        out.append(OptionChange(
            id=oid, name=str(name_new or name_old), old_rank=rank_old, new_rank=rank_new,
            old_total=total_old, new_total=total_new, old_status=status_old, new_status=status_new,
            old_failed_gates=gates_old, new_failed_gates=gates_new,
        ))
    return tuple(out)


def _plain(value: Any) -> Any:
    """JSON-ready data with whole floats as ints, so a weight of 30 reads 30, not 30.0."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def inputs_tree(appraisal: Appraisal) -> dict[str, Any]:
    """The appraisal's validated inputs as nested mappings keyed by id, ready to compare.

    Criteria are flattened to ``criteria.<id>`` with a ``parent`` key; gates, options and a
    panel's assessors (``assessments.<assessor>``) are keyed by id; values left out (None) are
    absent, so a missing key and ``null`` are the same.
    """
    frame = appraisal.frame
    every = frame.all_criteria()
    parents = {child.id: c.id for c in every for child in c.criteria}
    criteria: dict[str, Any] = {
        c.id: {**c.model_dump(mode="json", exclude_none=True, exclude={"id", "criteria"}),
               **({"parent": parents[c.id]} if c.id in parents else {})}
        for c in every
    }
    tree = frame.model_dump(mode="json", exclude_none=True, exclude={"criteria", "gates"})
    tree["criteria"] = criteria
    tree["gates"] = {g.id: g.model_dump(mode="json", exclude_none=True, exclude={"id"}) for g in frame.gates}
    tree["options"] = {
        o.id: o.model_dump(mode="json", exclude_none=True, exclude={"id"}) for o in appraisal.options
    }
    tree["assessments"] = {
        who: a.model_dump(mode="json", exclude_none=True) for who, a in appraisal.assessments.items()
    }
    plain: dict[str, Any] = _plain(tree)
    return plain


def _same(path: tuple[str, ...], old: Any, new: Any) -> bool:
    if path[0] == "options" and path[-1] in UNORDERED and len(path) == 3:
        def canonical(items: Any) -> list[str]:
            return sorted(json.dumps(i, sort_keys=True) for i in items)

        return bool(canonical(old) == canonical(new))
    return bool(old == new)


def _walk(old: Any, new: Any, path: tuple[str, ...], out: list[tuple[tuple[str, ...], Any, Any]]) -> None:
    """Collect (path, old, new) for every difference; a key on one side only is one entry."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            if key not in old:
                out.append(((*path, key), None, new[key]))
            elif key not in new:
                out.append(((*path, key), old[key], None))
            else:
                _walk(old[key], new[key], (*path, key), out)
    elif not _same(path, old, new):
        out.append((path, old, new))


def _target(appraisal: Appraisal, path: tuple[str, ...]) -> tuple[str | int, ...]:
    """Where a diff path lives, in the form :meth:`Appraisal.problem` locates."""
    head, rest = path[0], path[1:]
    if head == "options":
        return ("option", *rest)
    if head == "assessments":
        return ("assessment", *rest)
    if head == "criteria" and rest:
        tail = rest[1:] if rest[1:] != ("parent",) else ()
        return ("criteria", *appraisal.criterion_loc(rest[0]), *tail)
    if head == "gates" and rest:
        index = next(i for i, g in enumerate(appraisal.frame.gates) if g.id == rest[0])
        return ("criteria", "gates", index, *rest[1:])
    return ("criteria", *path)


def _input_changes(old: Side, new: Side) -> tuple[InputChange, ...]:
    found: list[tuple[tuple[str, ...], Any, Any]] = []
    _walk(inputs_tree(old.result.appraisal), inputs_tree(new.result.appraisal), (), found)
    shares = [{c.id: c.weight for c in s.result.criteria} for s in (old, new)]
    out = []
    for path, before, after in found:
        side = old if after is None else new
        where = side.result.appraisal.problem(_target(side.result.appraisal, path), "", key=True)
        old_share, new_share = (s.get(path[1]) if _is_weight(path) else None for s in shares)
        out.append(InputChange(where.file, where.line, ".".join(path), before, after, old_share, new_share))
    return tuple(sorted(out, key=lambda i: (i.file, i.line)))  # as a reader meets them, file by file

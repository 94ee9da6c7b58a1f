"""Read a weighting workshop's ``weights/*.yaml`` and fill the weights ``criteria.yaml`` leaves out.

Each participant's file is read with the same safe reader as every other file and checked
against the criteria tree (:mod:`appraisal.check.elicitation`). Under ``weighting: {combine: ...}``
a criterion without ``weight:`` takes its group's combined local weight (times 100, so a group
filled whole sums to 100), and ``Appraisal.weights_filled`` records which, for every output to
say so. A weight left out with no participant to fill it is a located error (one left out with no rule
is refused with the criteria file's own errors, :class:`appraisal.model.criteria.Criterion`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from appraisal.check.elicitation import combined, elicit
from appraisal.errors import Problem
from appraisal.load.source import Source
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import Criterion
from appraisal.model.weights import ROOT, Participant

WEIGHTS = "weights"
"""The folder, beside ``options/``, that holds one file per workshop participant."""


def read_participants(folder: Path) -> tuple[dict[str, Source | Problem], list[Problem]]:
    """Parse every participant's file in ``weights/`` (none without the folder), and warn of other files there."""
    from appraisal.load.assessments import read_people

    return read_people(folder, WEIGHTS, "participants' files")


def join_participants(appraisal: Appraisal, parsed: dict[str, Source | Problem]) -> tuple[Appraisal, list[Problem]]:
    """The appraisal with its participants and, where the criteria leave weights out, those filled."""
    from appraisal.load.assessments import join_people

    sources = dict(appraisal.sources)
    people, files, problems = join_people(parsed, Participant, "participant", sources)
    joined = dataclasses.replace(appraisal, sources=sources, participants=people, participant_files=files)
    elicited, found = elicit(joined)
    problems += found
    if any(p.severity == "error" for p in problems):
        return joined, problems  # the weights to fill are unknown until the files are mended: no roll-up errors
    filled, missing = _fill(joined, combined(joined, elicited))
    return filled, problems + missing


def _fill(appraisal: Appraisal, local: dict[str, dict[str, float]]) -> tuple[Appraisal, list[Problem]]:
    """The criteria with every missing weight filled from ``local`` (combined), or a problem for each that cannot be."""
    problems: list[Problem] = []
    done: set[str] = set()

    def visit(nodes: list[Criterion], group: str) -> list[Criterion]:
        out = []
        given = [c for c in nodes if c.weight is not None]
        for c in nodes:
            weight = c.weight
            if weight is None:
                weight = _missing(appraisal, c, group, local, partly=bool(given), problems=problems)
                if weight is not None:
                    done.add(c.id)
            out.append(c.model_copy(update={"weight": weight, "criteria": visit(c.criteria, c.id)}))
        return out

    criteria = visit(appraisal.frame.criteria, ROOT)
    if not done:
        return appraisal, problems
    frame = appraisal.frame.model_copy(update={"criteria": criteria})
    return dataclasses.replace(appraisal, frame=frame, weights_filled=frozenset(done)), problems


def _missing(appraisal: Appraisal, c: Criterion, group: str, local: dict[str, dict[str, float]],
             *, partly: bool, problems: list[Problem]) -> float | None:
    """The weight to fill for ``c``, or None with a problem saying why there is none."""
    where = ("criteria", *appraisal.criterion_loc(c.id))
    if partly:
        problems.append(appraisal.problem(where, (
            f"criterion '{c.id}' has no weight but some of its group have one: give every criterion of the group "
            "a weight, or leave all of them to the participants' combined weights"), key=True))
        return None
    if group not in local:
        problems.append(appraisal.problem(where, (
            f"criterion '{c.id}' has no weight, and no participant's file in weights/ weighs its group "
            f"('{group}'): give it a weight, or add the participants' judgements of the group"), key=True))
        return None
    return local[group][c.id] * 100

"""criteria.yaml checked against the NHS Provider Selection Regime (contract section 18, docs/psr.md).

Under ``regime: psr`` the record must show that each of the five key criteria of regulation 5 was
considered, so each must stand in the criteria tree: as a top-level criterion with the key
criterion's id, or as the criterion that names it with ``key_criterion:``. Which process was
followed is stated, since the notices and the standstill depend on it.
"""

from __future__ import annotations

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import criteria_with_places
from appraisal.model.psr import KEY_CRITERIA, PROCESSES
from appraisal.text import series

_REGULATIONS = "the Health Care Services (Provider Selection Regime) Regulations 2023"


def psr_problems(appraisal: Appraisal) -> list[Problem]:
    """The key criteria and the process, checked under ``regime: psr``; both refused outside it."""
    frame = appraisal.frame
    placed = criteria_with_places(frame.criteria)
    if frame.regime != "psr":
        problems = [appraisal.problem(("criteria", *where, "key_criterion"), (
            f"'key_criterion: {c.key_criterion}' names a key criterion of the NHS Provider Selection Regime, but "
            "this appraisal is not under it: add 'regime: psr' to criteria.yaml, or remove the line"))
            for c, where in placed if c.key_criterion]
        if frame.process is not None:
            problems.append(appraisal.problem(("criteria", "process"), (
                f"'process: {frame.process}' is a process of the NHS Provider Selection Regime, but this appraisal "
                "is not under it: add 'regime: psr' to criteria.yaml, or remove the line")))
        return problems
    problems = []
    if frame.process is None:
        problems.append(appraisal.problem(("criteria", "regime"), (
            "under the Provider Selection Regime, say which process was followed, on a line of its own: "
            f"'process: {series(list(PROCESSES), 'or')}'"), key=True))
    claimed: dict[str, str] = {c.id: c.id for c in frame.criteria if c.id in KEY_CRITERIA}
    for c, where in placed:
        key = c.key_criterion
        if key is None:
            continue
        if key in claimed and claimed[key] != c.id:
            problems.append(appraisal.problem(("criteria", *where, "key_criterion"), (
                f"'{claimed[key]}' already stands for the key criterion {KEY_CRITERIA[key].lower()} ('{key}'): "
                "one criterion stands for each key criterion; remove this line or the other")))
        claimed.setdefault(key, c.id)
    missing = [k for k in KEY_CRITERIA if k not in claimed]
    if missing:
        nested = {c.id for c, where in placed if len(where) > 2 and c.id in missing}
        hint = "".join(f"; '{k}' is below the top level, so mark it 'key_criterion: {k}'" for k in sorted(nested))
        one = len(missing) == 1
        problems.append(appraisal.problem(("criteria", "criteria"), (
            f"the key {'criterion' if one else 'criteria'} "
            f"{series([f'{KEY_CRITERIA[k].lower()} ({k})' for k in missing])} {'is' if one else 'are'} not in the "
            f"criteria: {_REGULATIONS} (regulation 5) require all five to be considered. "
            f"Give {'it' if one else 'each'} a top-level criterion with that id, or add 'key_criterion: <id>' to "
            "the criterion that covers it" + hint),
            key=True))
    return problems


SELECTING = ("competitive", "most_suitable_provider")
"""The processes in which providers are assessed against basic selection criteria before the key criteria."""


def psr_warnings(appraisal: Appraisal) -> list[Problem]:
    """Under ``regime: psr`` with a competitive or most suitable provider process, a warning when no
    basic selection criteria stand as gates (docs/psr.md, Basic selection criteria)."""
    frame = appraisal.frame
    if frame.regime != "psr" or frame.process not in SELECTING or frame.gates:
        return []
    return [appraisal.problem(("criteria", "process"), (
        f"no gates: under {PROCESSES[frame.process]} a provider must meet the basic selection criteria "
        f"(regulation 19 and Schedule 16 of {_REGULATIONS}) before its offer is weighed on the key criteria, "
        "and the record says how they were applied. Add each basic selection criterion the procurement set (such "
        "as economic and financial standing, or technical and professional ability) under 'gates:', with each "
        "provider's pass or fail in its file"), severity="warning")]

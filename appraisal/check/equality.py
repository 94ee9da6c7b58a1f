"""The options' equality impacts checked as contract section 16 says (docs/equality.md).

Once any option records its equality impact, every shortlisted option must: each of the nine
protected characteristics and each group the council adopts, so that the committee compares
like with like. A negative impact needs its mitigation. An unknown impact, and an assessment
dated after the appraisal, are warnings: due regard is had before the decision, not after.
"""

from __future__ import annotations

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.equality import CHARACTERISTICS, NAMES
from appraisal.text import did_you_mean, series


def required(appraisal: Appraisal) -> tuple[str, ...]:
    """The characteristics every option covers, then the council's adopted groups, in order."""
    return (*CHARACTERISTICS, *(g for g in appraisal.frame.equality.groups if g not in CHARACTERISTICS))


def equality_problems(appraisal: Appraisal, *, warnings: bool) -> list[Problem]:
    """Errors (and, with ``warnings``, warnings) in the options' ``equality:`` and criteria.yaml's."""
    problems = [appraisal.problem(("criteria", "equality", "groups", n), (
        f"'{g}' is one of the nine protected characteristics already: list only the council's own groups here"))
        for n, g in enumerate(appraisal.frame.equality.groups) if g in CHARACTERISTICS]
    assessed = [o for o in appraisal.shortlisted if o.equality is not None]
    if not assessed:
        if appraisal.frame.equality.gate:
            problems.append(appraisal.problem(("criteria", "equality", "gate"), (
                "the equality gate needs each option's equality impacts, and no option records them: add "
                "'equality:' to every option file (docs/equality.md)")))
        return problems
    wanted = required(appraisal)
    for option in appraisal.shortlisted:
        if option.equality is None:
            problems.append(appraisal.problem(("option", option.id), (
                f"'{option.id}' has no 'equality:', but {series([o.id for o in assessed][:3])} "
                f"{'has' if len(assessed) == 1 else 'have'}: record every shortlisted option's equality impacts, so "
                "the committee can compare them")))
            continue
        problems += _option(appraisal, option.id, wanted, warnings=warnings)
    return problems


def _option(appraisal: Appraisal, oid: str, wanted: tuple[str, ...], *, warnings: bool) -> list[Problem]:
    option = next(o for o in appraisal.options if o.id == oid)
    assert option.equality is not None
    problems = []
    where = ("option", oid, "equality")
    impacts = option.equality.impacts
    for key in impacts:
        if key not in wanted:
            problems.append(appraisal.problem((*where, "impacts", key), (
                f"'{key}' is not a protected characteristic nor one of the groups in criteria.yaml's "
                f"equality.groups{did_you_mean(key, list(wanted))}: add it there if the council has adopted it"),
                key=True))
    missing = [k for k in wanted if k not in impacts]
    if missing:
        problems.append(appraisal.problem(where, (
            f"the equality impacts leave out {series([NAMES.get(k, k) for k in missing])} ("
            f"{series(missing)}): give each an impact, 'unknown' if it is not known yet"), key=True))
    for key, entry in impacts.items():
        if entry.impact == "negative" and not entry.mitigation:
            problems.append(appraisal.problem((*where, "impacts", key, "impact"), (
                f"a negative impact on {NAMES.get(key, key).lower()} needs 'mitigation:': what will be done to "
                "reduce it (write 'mitigation: none identified' if nothing can be, so the committee sees that)")))
        if warnings and entry.impact == "unknown":
            problems.append(appraisal.problem((*where, "impacts", key, "impact"), (
                f"the impact on {NAMES.get(key, key).lower()} is unknown: say what evidence is still needed, and "
                "assess it before the decision"), severity="warning"))
    date = appraisal.frame.date
    if warnings and date is not None and option.equality.assessed > date:
        problems.append(appraisal.problem((*where, "assessed"), (
            f"the equality impacts were assessed on {option.equality.assessed.isoformat()}, after the appraisal's "
            f"date ({date.isoformat()}): due regard is had before the decision, and the record should show it"),
            severity="warning"))
    return problems

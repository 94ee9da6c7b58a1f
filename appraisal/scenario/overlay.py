"""Scenarios: named what-if overlays on an appraisal (docs/file-formats.md, docs/diff.md).

:func:`apply` returns a new :class:`~appraisal.model.Appraisal`; nothing is mutated. Every id
in the scenario is checked, and the values it sets are re-checked in place, with any problem
pointing into the scenario file (through ``Appraisal.origins``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from appraisal.check.crossfile import check_appraisal
from appraisal.errors import InputError, Problem, UsageError, raise_if_errors
from appraisal.load.folder import SCENARIOS, Layout, read_model, yaml_files
from appraisal.load.source import Source, outside
from appraisal.model.appraisal import Appraisal, Target
from appraisal.model.criteria import DERIVED_MEASURES, CriteriaFile, Criterion
from appraisal.model.finance import Costs
from appraisal.model.option import Option
from appraisal.model.scenario import Scenario
from appraisal.text import did_you_mean, series


def read_scenario(path: Path) -> tuple[Source, Scenario]:
    """Read and validate a scenario file, or raise with every problem in it."""
    problems: list[Problem] = []
    if not path.is_file():
        raise InputError([Problem(str(path), 1, 1, "no such scenario file")])
    loaded = read_model(path, str(path), Scenario, problems)
    raise_if_errors(problems)
    assert loaded is not None
    return loaded


def _reweighted(nodes: list[Criterion], weights: dict[str, float]) -> list[Criterion]:
    return [
        c.model_copy(update={"weight": weights.get(c.id, c.weight), "criteria": _reweighted(c.criteria, weights)})
        for c in nodes
    ]


def _id_problems(appraisal: Appraisal, source: Source, scenario: Scenario) -> list[Problem]:
    """Ids in the scenario that :func:`~appraisal.check.check_appraisal` cannot see once applied.

    A weight for no criterion, a change for no option (or a discounted one) and a measure no
    option or criterion knows would otherwise be dropped silently. Scores and gates are merged
    into the options and checked there, with problems located here through ``origins``.
    """
    criteria = [c.id for c in appraisal.frame.all_criteria()]
    options = {o.id: o for o in appraisal.options}
    shortlisted = [o.id for o in appraisal.shortlisted]
    used = {c.measure for c in appraisal.frame.all_criteria() if c.measure}
    problems = []

    def unknown(loc: Target, kind: str, name: str, known: list[str]) -> None:
        problems.append(source.problem(loc, f"no {kind} '{name}'{did_you_mean(name, known)}", key=True))

    for cid in scenario.weights:
        if cid not in criteria:
            unknown(("weights", cid), "criterion", cid, criteria)
    problems += _unusable(appraisal, source, scenario)
    for section in ("scores", "costs", "measures", "gates", "equality"):
        for oid in getattr(scenario, section):
            if oid not in options:
                unknown((section, oid), "option", oid, shortlisted)
            elif options[oid].status != "shortlisted":
                problems.append(source.problem((section, oid), f"option '{oid}' is discounted, so it is not scored",
                                               key=True))
    for oid, measures in scenario.measures.items():
        if oid not in options:
            continue
        known = sorted((set(options[oid].measures) | used) - set(DERIVED_MEASURES))
        for name in measures:
            if name not in known and name not in DERIVED_MEASURES:  # derived ones: check_appraisal says why
                problems.append(source.problem(("measures", oid, name), (
                    f"no measure '{name}' in option '{oid}' or in {appraisal.criteria_file}"
                    f"{did_you_mean(name, known)}"), key=True))
    return problems


def _unusable(appraisal: Appraisal, source: Source, scenario: Scenario) -> list[Problem]:
    """Changes the scenario cannot make: every weight of a group set to 0 (nothing left to share
    out), and impacts for an option with no equality record to change."""
    problems = []
    groups = [appraisal.frame.criteria, *(c.criteria for c in appraisal.frame.all_criteria() if c.criteria)]
    for group in groups:
        weights = [scenario.weights.get(c.id, c.weight) for c in group]
        if all(w == 0 for w in weights):
            problems.append(source.problem(("weights", group[0].id), (
                f"{series([c.id for c in group])} are weighed together, and this scenario sets all of their "
                "weights to 0: at least one must be above 0"), key=True))
    options = {o.id: o for o in appraisal.options}
    for oid in scenario.equality:
        if oid in options and options[oid].equality is None:
            problems.append(source.problem(("equality", oid), (
                f"option '{oid}' has no 'equality:' to change: record its equality impacts in its file first"),
                key=True))
    return problems


def _option_update(option: Option, scenario: Scenario) -> dict[str, Any]:
    """The option's fields the scenario changes, key by key.

    A score replaces the option's whole entry for that criterion (score, rationale and range):
    the what-if is the score, and an old range may not even contain it. Costs change key by key.
    """
    oid = option.id
    update: dict[str, Any] = {}
    if oid in scenario.scores:
        update["scores"] = {**option.scores, **scenario.scores[oid]}
    if oid in scenario.costs:
        # Fields read as they are, not dumped: model_dump of the number-or-list union warns
        # (pydantic 2.14 serialiser) when a whole number stands where a float was declared.
        change = scenario.costs[oid]
        given = {k: getattr(change, k) for k in type(change).model_fields if getattr(change, k) is not None}
        base = {k: getattr(option.costs, k) for k in type(option.costs).model_fields} if option.costs else {}
        update["costs"] = Costs.model_validate({**base, **given})
    if oid in scenario.measures:
        update["measures"] = {**option.measures, **scenario.measures[oid]}
    if oid in scenario.gates:
        update["gates"] = {**option.gates, **scenario.gates[oid]}
    if oid in scenario.equality and option.equality is not None:
        impacts = {**option.equality.impacts, **scenario.equality[oid]}
        update["equality"] = option.equality.model_copy(update={"impacts": impacts})
    return update


def _origins(appraisal: Appraisal, source: Source, scenario: Scenario) -> dict[Target, tuple[str, Target]]:
    origins: dict[Target, tuple[str, Target]] = dict(appraisal.origins)
    for cid in scenario.weights:
        origins[("criteria", *appraisal.criterion_loc(cid), "weight")] = (source.name, ("weights", cid))
    for section in ("scores", "costs", "measures", "gates"):
        for oid, changes in getattr(scenario, section).items():
            keys = changes.model_dump(exclude_none=True) if section == "costs" else changes
            for key in keys:
                origins[("option", oid, section, key)] = (source.name, (section, oid, key))
    for oid, changes in scenario.equality.items():
        for key in changes:
            origins[("option", oid, "equality", "impacts", key)] = (source.name, ("equality", oid, key))
    if scenario.finance is not None:
        for key in scenario.finance.model_dump(exclude_none=True):
            origins[("criteria", "finance", key)] = (source.name, ("finance", key))
    return origins


def apply(appraisal: Appraisal, source: Source, scenario: Scenario) -> Appraisal:
    """The appraisal with the scenario's changes; raises with every problem they cause."""
    frame: CriteriaFile = appraisal.frame.model_copy(update={
        "criteria": _reweighted(appraisal.frame.criteria, scenario.weights),
        "finance": appraisal.frame.finance.model_copy(
            update=scenario.finance.model_dump(exclude_none=True) if scenario.finance else {}
        ),
    })
    options = tuple(o.model_copy(update=_option_update(o, scenario)) for o in appraisal.options)
    changed = replace(
        appraisal,
        frame=frame,
        options=options,
        sources={**appraisal.sources, source.name: source},
        scenario=scenario.name,
        scenario_file=source.name,
        origins=_origins(appraisal, source, scenario),
        filled=appraisal.filled - {(oid, cid) for oid, given in scenario.scores.items() for cid in given},
        weights_filled=appraisal.weights_filled - set(scenario.weights),  # the scenario's own weights are not filled
    )
    raise_if_errors(_id_problems(appraisal, source, scenario) + check_appraisal(changed))
    return changed


MAX_SCENARIOS = 500
"""Scenario files ``validate`` applies, each a full check of the appraisal (30 ms each for the
reference example): a committee asks a handful of what-ifs, not thousands."""


def scenario_paths(path: Path, criteria: Path | None = None) -> list[Path]:
    """The scenario files of the appraisal folder at ``path``, in name order (at most MAX_SCENARIOS).

    The other files in its scenarios/ folder the loader has already warned of (or refused)."""
    folder = Layout.find(path, criteria).folder / SCENARIOS
    if not folder.is_dir():
        return []
    found = yaml_files(folder, "scenarios")[0]
    if len(found) > MAX_SCENARIOS:
        raise UsageError(f"{folder}: {len(found):,} scenario files; appraise checks at most {MAX_SCENARIOS:,}")
    return found


def check_scenarios(appraisal: Appraisal, path: Path, criteria: Path | None = None) -> tuple[int, list[Problem]]:
    """Apply every scenario in the folder; return how many there are and their problems."""
    problems: list[Problem] = []
    files = scenario_paths(path, criteria)
    for file in files:
        why = outside(file, file.parent.parent)  # found in the folder's scenarios/, not named by the user
        if why:
            problems.append(Problem(str(file), 1, 1, why))
            continue
        try:
            source, scenario = read_scenario(file)
            problems += source.warnings
            apply(appraisal, source, scenario)
        except InputError as exc:
            problems += exc.problems
    return len(files), problems

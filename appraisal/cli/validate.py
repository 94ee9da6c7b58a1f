"""``appraise validate``: check every file and report all problems at once."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg


def validate(
    path: Path = PathArg,
    criteria: Path | None = CriteriaOpt,
    scenarios: bool = typer.Option(True, help="Also check every file in the folder's scenarios/."),
) -> None:
    """Check every file; print problems as FILE:LINE:COL: error|warning: message.

    Exit 0 when there are only warnings, 2 when there is an error.
    """
    from appraisal.errors import InputError, Problem
    from appraisal.load.folder import load_with_warnings
    from appraisal.text import plural

    appraisal, warnings = load_with_warnings(path, criteria)
    problems: list[Problem] = list(warnings)
    checked = 0
    if scenarios:
        from appraisal.scenario.overlay import check_scenarios

        checked, found = check_scenarios(appraisal, path, criteria)
        problems += found
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    shortlisted = len(appraisal.shortlisted)
    panel = f", {plural(len(appraisal.assessments), 'assessor')}" if appraisal.assessments else ""
    panel += f", {plural(len(appraisal.participants), 'participant')}" if appraisal.participants else ""
    print(
        f"ok: {appraisal.criteria_file} and {plural(len(appraisal.options), 'option')} "
        f"({shortlisted} shortlisted){panel}, {plural(checked, 'scenario')}; {plural(len(warnings), 'warning')}"
    )

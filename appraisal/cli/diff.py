"""``appraise diff``: what a change (a commit, a branch, a scenario) does to the ranking."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from appraisal.cli.common import CRITERIA_HELP, OutputOpt, emit, load_appraisal


class DiffFormat(str, enum.Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


class FailOn(str, enum.Enum):
    rank = "rank"
    preferred = "preferred"
    none = "none"


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)


def diff(
    paths: list[Path] = typer.Argument(
        None, metavar="PATHS", show_default=False,
        help="Two appraisal folders to compare; or, with --against or --scenario, the one folder "
             "(or its options/ folder). Default: the current folder.",
    ),
    against: str | None = typer.Option(
        None, "--against", metavar="REF",
        help="Compare the working tree with the appraisal at this git ref; a branch is compared "
             "at its merge base with HEAD, as a pull request is.",
    ),
    scenario: Path | None = typer.Option(
        None, "--scenario", metavar="FILE", help="Compare the appraisal with this scenario applied to it."
    ),
    format: DiffFormat = typer.Option(DiffFormat.table, "--format", "-f", help="Output format."),
    fail_on: FailOn = typer.Option(
        FailOn.none, "--fail-on",
        help="Exit 1 when the ranking (rank) or the preferred option (preferred) changes; the "
             "output is written either way.",
    ),
    output: Path | None = OutputOpt,
    criteria: Path | None = typer.Option(
        None, "--criteria", metavar="FILE", help=CRITERIA_HELP + " Not with OLD NEW."
    ),
) -> None:
    """Compare two appraisals: the preferred option, ranks, totals and every changed input.

    appraise diff OLD NEW; appraise diff --against REF [PATH]; appraise diff --scenario FILE [PATH].
    Exit 1 when --fail-on's condition holds, 2 on bad input.
    """
    from appraisal.analysis.diff import Side, compare
    from appraisal.errors import CheckFailed, UsageError
    from appraisal.scoring.weighted_sum import score

    paths = paths or []
    if against is not None and scenario is not None:
        raise UsageError("give --against or --scenario, not both")
    if against is None and scenario is None:
        if len(paths) != 2:
            raise UsageError("give two folders to compare (OLD NEW), or --against REF, or --scenario FILE")
        if criteria is not None:
            raise UsageError("--criteria applies to one folder: use it with --against or --scenario")
        old = Side(str(paths[0]), score(load_appraisal(paths[0], None, None)))
        new = Side(str(paths[1]), score(load_appraisal(paths[1], None, None)))
    else:
        if len(paths) > 1:
            raise UsageError("give one folder (PATH) with --against or --scenario")
        path = paths[0] if paths else Path(".")
        current = load_appraisal(path, criteria, None)
        if against is not None:
            from appraisal.load.gitref import load_at

            before, revision = load_at(path, against, criteria)
            old = Side(revision.label, score(before), revision.commit)
            new = Side("working tree", score(current))
        else:
            assert scenario is not None
            from appraisal.scenario.overlay import apply, read_scenario

            old = Side(str(path), score(current))
            new = Side(str(scenario), score(apply(current, *read_scenario(scenario))))
    result = compare(old, new)
    if format is DiffFormat.json:
        from appraisal.render.machine import diff_to_dict, to_json

        text = to_json(diff_to_dict(result))
    elif format is DiffFormat.markdown:
        from appraisal.render.diff import to_markdown

        text = to_markdown(result)
    else:
        from appraisal.render.diff import to_table

        text = to_table(result, terminal=output is None and sys.stdout.isatty())
    emit(text, output)
    if fail_on is FailOn.preferred and result.preferred_changed:
        raise CheckFailed("appraise: the preferred option changes (--fail-on preferred)")
    if fail_on is FailOn.rank and result.ranking_changed:
        raise CheckFailed("appraise: the ranking changes (--fail-on rank)")

"""``appraise diff``: what a change (a commit, a branch, a scenario) does to the ranking."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CRITERIA_HELP, OutputOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.diff import Diff


class FailOn(str, enum.Enum):
    rank = "rank"
    preferred = "preferred"
    none = "none"


def _table(diff: Diff, terminal: bool) -> str:
    from appraisal.render.diff import to_table

    return to_table(diff, terminal=terminal)


def _markdown(diff: Diff, terminal: bool) -> str:
    from appraisal.render.diff import to_markdown

    return to_markdown(diff)


def _json(diff: Diff, terminal: bool) -> str:
    from appraisal.analysis.diff import diff_to_dict
    from appraisal.render.machine import to_json

    return to_json(diff_to_dict(diff))


FORMATS: Formats[Diff] = Formats("diff", [
    Format("table", (".txt",), _table),
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("json", (".json",), _json),
])


def register(app: typer.Typer) -> None:
    app.command("diff", short_help="Compare two appraisals: ranks, totals and changed inputs.")(diff)


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
    format: str | None = FORMATS.option(),
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
    chosen = FORMATS.choose(format, output)
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
    FORMATS.write(chosen, result, output)
    if fail_on is FailOn.preferred and result.preferred_changed:
        raise CheckFailed("appraise: the preferred option changes (--fail-on preferred)")
    if fail_on is FailOn.rank and result.ranking_changed:
        raise CheckFailed("appraise: the ranking changes (--fail-on rank)")

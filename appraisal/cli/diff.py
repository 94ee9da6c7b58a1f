"""``appraise diff``: what a change (a commit, a branch, a scenario) does to the ranking."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CRITERIA_HELP, OutputOpt, apply_noting, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.diff import Diff, Side


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


def _json(diff: Diff, terminal: bool) -> bytes:
    from appraisal.render.machine import diff_to_dict, json_bytes

    return json_bytes(diff_to_dict(diff))


FORMATS: Formats[Diff] = Formats("diff", [
    Format("table", (".txt",), _table),
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("json", (".json",), _json),
])


def diff(
    paths: list[Path] = typer.Argument(
        None, metavar="PATHS", show_default=False,
        help="Two appraisal folders to compare; or, with --against or --scenario, the one folder "
             "(or its options/ folder). Default: the current folder.",
    ),
    against: str | None = typer.Option(
        None, "--against", metavar="REF",
        help="Compare the working tree with the appraisal at this git ref; a branch is compared "
             "at its merge base with HEAD, as a pull request is. OLD..NEW compares two refs.",
    ),
    to: str | None = typer.Option(
        None, "--to", metavar="REF",
        help="With --against OLD: compare OLD with this ref instead of the working tree (OLD, a "
             "branch, at its merge base with it), whichever branch is checked out.",
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

    appraise diff OLD NEW; appraise diff --against REF [PATH]; appraise diff --against OLD --to NEW
    [PATH] (or --against OLD..NEW); appraise diff --scenario FILE [PATH].
    Exit 1 when --fail-on's condition holds, 2 on bad input.
    """
    from appraisal.analysis.diff import Side, compare
    from appraisal.errors import CheckFailed, UsageError
    from appraisal.scoring.weighted_sum import score

    paths = paths or []
    against, to = _refs(against, to)
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
        if against is not None:
            old, new = _git_sides(path, against, to, criteria)
        else:
            current = load_appraisal(path, criteria, None)
            assert scenario is not None
            old = Side(str(path), score(current))
            new = Side(str(scenario), score(apply_noting(current, scenario)[0]))
    result = compare(old, new)
    FORMATS.write(chosen, result, output)
    if fail_on is FailOn.preferred and result.preferred_changed:
        raise CheckFailed("appraise: the preferred option changes (--fail-on preferred)")
    if fail_on is FailOn.rank and result.ranking_changed:
        raise CheckFailed("appraise: the ranking changes (--fail-on rank)")


def _refs(against: str | None, to: str | None) -> tuple[str | None, str | None]:
    """``--against`` and ``--to`` (or ``--against OLD..NEW``) as two refs, each checked before
    any git call, so that no option or control character reaches git."""
    from appraisal.errors import UsageError
    from appraisal.load.gitref import check_ref

    if against is not None and ".." in against:
        if to is not None:
            raise UsageError(f"--against {against} names two refs already: leave out --to")
        against, _, to = against.partition("..")
        if not against or not to or to.startswith("."):
            raise UsageError("--against OLD..NEW needs two refs, such as main..my-branch")
    if to is not None and against is None:
        raise UsageError("--to NEW compares with --against OLD: give both, or --against OLD..NEW")
    for flag, ref in (("--against", against), ("--to", to)):
        if ref is not None:
            check_ref(flag, ref)
    return against, to


def _git_sides(path: Path, against: str, to: str | None, criteria: Path | None) -> tuple[Side, Side]:
    """The two sides of a git comparison, each saying in words which commit it is."""
    from appraisal.analysis.diff import Side
    from appraisal.load.gitref import checked_out, current_branch, load_at
    from appraisal.scoring.weighted_sum import score

    before, old = load_at(path, against, criteria, relative_to=to or "HEAD")
    note = None
    if old.moved_on:
        here = to or current_branch(path)
        note = (f"{against} has commits since it and {here} parted at {old.short}; they are left "
                f"out, so this shows what {'the working tree' if to is None else to} changes. "
                f"To see what {against} changes, run: appraise diff --against {here} --to {against}")
    old_side = Side(old.label, score(before), old.commit, note)
    if to is None:
        return old_side, Side(checked_out(path) or "working tree", score(load_appraisal(path, criteria, None)))
    after, new = load_at(path, to, criteria, relative_to=None)
    return old_side, Side(new.label, score(after), new.commit)

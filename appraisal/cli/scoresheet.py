"""``appraise scoresheet``: the workbook one assessor fills in, or with ``--moderation`` the
panel's moderation sheet (docs/spreadsheets.md, docs/panel.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, emit


def scoresheet(
    path: Path = PathArg,
    assessor: str | None = typer.Option(None, "--assessor", help="The assessor's id: their file is "
                                        "assessments/ID.yaml.", metavar="ID"),
    output: Path = typer.Option(..., "--output", "-o", help="The workbook to write (FILE.xlsx).", metavar="FILE"),
    name: str | None = typer.Option(None, "--name", help="The assessor's name, shown on the sheet.", metavar="TEXT"),
    moderation: bool = typer.Option(False, "--moderation", help="Write the panel's moderation sheet instead: "
                                    "every item with the assessors' scores, and Agreed and Moderation note "
                                    "columns to fill in at the meeting."),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """A scoresheet for one assessor (their scores of every shortlisted option on every judged
    criterion), or the panel's moderation sheet, in Excel, to bring back with `appraise import`."""
    from appraisal.errors import UsageError
    from appraisal.load.folder import load
    from appraisal.model.values import MAX_SLUG, is_slug

    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: a scoresheet is an Excel workbook: name it .xlsx")
    if moderation:
        if assessor is not None or name is not None:
            raise UsageError("--moderation writes the whole panel's sheet: leave out --assessor and --name")
        emit(_moderation(path, criteria), output)
        return
    if assessor is None:
        raise UsageError("give --assessor ID (the assessor's file is assessments/ID.yaml), or --moderation "
                         "for the panel's moderation sheet")
    from appraisal.render.xlsx.scoresheet import scoresheet as render

    if not is_slug(assessor):
        raise UsageError(f"--assessor {assessor!r}: an assessor id is up to {MAX_SLUG} lower-case letters, digits, "
                         "'-' and '_' "
                         "(it names the file assessments/ID.yaml), for example jo-bloggs")
    emit(render(load(path, criteria, pending=True), assessor, name), output)


def _moderation(path: Path, criteria: Path | None) -> bytes:
    from appraisal.analysis.panel import moderation_pack
    from appraisal.cli.panel import no_assessors
    from appraisal.load.folder import load
    from appraisal.render.xlsx.moderation import moderation_sheet

    appraisal = load(path, criteria, pending=True)
    if not appraisal.assessments:
        raise no_assessors(path)
    return moderation_sheet(appraisal, moderation_pack(appraisal))

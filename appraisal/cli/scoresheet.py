"""``appraise scoresheet``: the workbook one assessor fills in (docs/spreadsheets.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, emit


def scoresheet(
    path: Path = PathArg,
    assessor: str = typer.Option(..., "--assessor", help="The assessor's id: their file is assessments/ID.yaml.",
                                 metavar="ID"),
    output: Path = typer.Option(..., "--output", "-o", help="The workbook to write (FILE.xlsx).", metavar="FILE"),
    name: str | None = typer.Option(None, "--name", help="The assessor's name, shown on the sheet.", metavar="TEXT"),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """A scoresheet for one assessor: their scores of every shortlisted option on every judged
    criterion, in Excel, to bring back with `appraise import`."""
    from appraisal.errors import UsageError
    from appraisal.load.folder import load
    from appraisal.model.values import MAX_SLUG, is_slug
    from appraisal.render.xlsx.scoresheet import scoresheet as render

    if not is_slug(assessor):
        raise UsageError(f"--assessor {assessor!r}: an assessor id is up to {MAX_SLUG} lower-case letters, digits, "
                         "'-' and '_' "
                         "(it names the file assessments/ID.yaml), for example jo-bloggs")
    if output.suffix.lower() != ".xlsx":
        raise UsageError(f"{output}: a scoresheet is an Excel workbook: name it .xlsx")
    emit(render(load(path, criteria, pending=True), assessor, name), output)

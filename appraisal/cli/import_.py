"""``appraise import``: a filled scoresheet back into ``assessments/<ID>.yaml`` (docs/spreadsheets.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from appraisal.cli.common import CriteriaOpt, PathArg

if TYPE_CHECKING:
    from appraisal.model.panel import Assessment


def import_(
    workbook: Path = typer.Argument(..., help="The filled scoresheet (FILE.xlsx).", show_default=False),
    path: Path = PathArg,
    force: bool = typer.Option(False, "--force", help="Replace an assessments file that says something else."),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Read a filled scoresheet into assessments/ID.yaml, whole or not at all."""
    from appraisal.cli.common import write_atomically
    from appraisal.errors import OutputError, UsageError
    from appraisal.load.assessments import ASSESSMENTS
    from appraisal.load.folder import Layout, load
    from appraisal.load.source import outside
    from appraisal.load.workbook import read_scoresheet

    appraisal = load(path, criteria, pending=True)
    assessor, assessment = read_scoresheet(workbook, appraisal)
    root = Layout.find(path, criteria).folder
    folder = root / ASSESSMENTS
    # one assessor, one file: an assessments/ID.yml already there is the one replaced
    target = Path(appraisal.assessment_files.get(assessor, folder / f"{assessor}.yaml"))
    for place in (folder, target):  # what is read from the folder is written by the same rule
        why = outside(place, root)
        if why:
            raise OutputError(f"{place}: cannot write: {why}")
    existing = appraisal.assessments.get(assessor)
    if existing == assessment:
        print(f"{target}: already says this; left as it is")
        return
    if (existing is not None or target.exists()) and not force:
        raise UsageError(
            f"{target}: already holds other scores or details for '{assessor}': give --force to "
            "replace it with the scoresheet's"
        )
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:  # a file named assessments, say
        raise OutputError(f"{folder}: cannot make the folder: {exc.strerror}") from None
    write_atomically(to_yaml(assessment).encode("utf-8"), target)
    print(f"{target}: written from {workbook}")


def to_yaml(assessment: Assessment) -> str:
    """The assessment as ``assessments/<ID>.yaml`` holds it (docs/panel.md): a bare score where
    there is no rationale."""
    import yaml

    data: dict[str, Any] = {"name": assessment.name}
    if assessment.role is not None:
        data["role"] = assessment.role
    data["interests"] = assessment.interests
    if assessment.date is not None:
        data["date"] = assessment.date
    data["scores"] = {
        option: {cid: _score(s.score, s.rationale) for cid, s in given.items()}
        for option, given in assessment.scores.items()
    }
    header = "# Written by `appraise import` from a scoresheet (docs/spreadsheets.md).\n"
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _score(score: float, rationale: str | None) -> Any:
    number = int(score) if float(score).is_integer() else score
    return number if rationale is None else {"score": number, "rationale": rationale}



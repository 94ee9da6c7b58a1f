"""``appraise import``: a filled scoresheet back into ``assessments/<ID>.yaml``, or a filled
moderation sheet into the option files' agreed scores (docs/spreadsheets.md, docs/panel.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from appraisal.cli.common import CriteriaOpt, PathArg

if TYPE_CHECKING:
    from appraisal.load.moderation import Moderated
    from appraisal.load.workbook import Filled
    from appraisal.model.appraisal import Appraisal
    from appraisal.model.panel import Assessment

SHOWN = 20
"""Changes or abstentions listed one by one; more are counted."""


def import_(
    workbook: Path = typer.Argument(..., help="The filled scoresheet or moderation sheet (FILE.xlsx).",
                                    show_default=False),
    path: Path = PathArg,
    force: bool = typer.Option(False, "--force", help="Replace an assessments file that says something else."),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Read a filled scoresheet into assessments/ID.yaml, or a moderation sheet's agreed scores
    into the option files, whole or not at all."""
    from appraisal.load.folder import load
    from appraisal.load.moderation import Moderated, read_workbook

    appraisal = load(path, criteria, pending=True)
    read = read_workbook(workbook, appraisal)
    if isinstance(read, Moderated):
        _moderated(read, workbook)
    else:
        _assessment(read, workbook, Path(path), criteria, force, appraisal)


def _assessment(filled: Filled, workbook: Path, path: Path, criteria: Path | None, force: bool,
                appraisal: Appraisal) -> None:
    from appraisal.cli.common import write_atomically
    from appraisal.errors import OutputError, UsageError
    from appraisal.load.assessments import ASSESSMENTS
    from appraisal.load.folder import Layout
    from appraisal.load.source import outside

    assessor = filled.assessor
    root = Layout.find(path, criteria).folder
    folder = root / ASSESSMENTS
    # one assessor, one file: an assessments/ID.yml already there is the one replaced
    target = Path(appraisal.assessment_files.get(assessor, folder / f"{assessor}.yaml"))
    for place in (folder, target):  # what is read from the folder is written by the same rule
        why = outside(place, root)
        if why:
            raise OutputError(f"{place}: cannot write: {why}")
    existing = appraisal.assessments.get(assessor)
    if existing == filled.assessment:
        print(f"{target}: already says this; left as it is")
        return
    if (existing is not None or target.exists()) and not force:
        changed = _listed(changes(existing, filled, workbook) if existing is not None else [])
        raise UsageError(
            f"{target}: already holds other scores or details for '{assessor}': give --force to "
            "replace it with the scoresheet's" + (". The scoresheet changes:\n" + changed if changed else ""))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:  # a file named assessments, say
        raise OutputError(f"{folder}: cannot make the folder: {exc.strerror}") from None
    write_atomically(to_yaml(filled.assessment).encode("utf-8"), target)
    print(f"{target}: written from {workbook}")
    if filled.blanks:
        cells = [f"{workbook}:Scores!E{filled.rows[k]} ('{k[1]}' of '{k[0]}')" for k in filled.blanks]
        print(f"Taken as abstentions (Score left empty): {len(cells)}\n{_listed(cells)}")


def changes(before: Assessment, filled: Filled, workbook: Path) -> list[str]:
    """What the scoresheet changes in the assessor's file, each at its cell: ``Scores!E2: 3 → 1``."""
    from openpyxl.utils import get_column_letter

    from appraisal.model.scoresheet import ASSESSOR_LABELS, RATIONALE_COLUMN, SCORE_COLUMN
    from appraisal.text import number

    after = filled.assessment
    out = []
    for row, label in enumerate(ASSESSOR_LABELS, start=1):
        old, new = (getattr(a, label.lower()) for a in (before, after))
        if old != new:
            out.append(f"{workbook}:Assessor!B{row}: {_shown(old)} → {_shown(new)}")
    keys = sorted({(o, c) for a in (before, after) for o, given in a.scores.items() for c in given},
                  key=lambda k: (filled.rows.get(k, 0), k))
    for o, c in keys:
        old, new = before.scores.get(o, {}).get(c), after.scores.get(o, {}).get(c)
        at = filled.rows.get((o, c))
        where = f"{workbook}:Scores!{{}}{at}" if at else f"'{c}' of '{o}' (not on the sheet)"
        if (old and old.score) != (new and new.score) or (old is None) != (new is None):
            out.append(f"{where.format(get_column_letter(SCORE_COLUMN))}: "
                       f"{number(old.score) if old else 'none'} → {number(new.score) if new else 'none'}")
        elif old and new and old.rationale != new.rationale:
            out.append(f"{where.format(get_column_letter(RATIONALE_COLUMN))}: rationale "
                       f"{_shown(old.rationale)} → {_shown(new.rationale)}")
    return out


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _listed(lines: list[str]) -> str:
    shown = [f"  {line}" for line in lines[:SHOWN]]
    if len(lines) > SHOWN:
        shown.append(f"  and {len(lines) - SHOWN} more")
    return "\n".join(shown)


def _moderated(read: Moderated, workbook: Path) -> None:
    from appraisal.cli.common import write_all
    from appraisal.text import plural

    if not read.changes:
        print(f"{workbook}: the option files already hold these agreed scores; left as they are")
        return
    write_all({Path(file): text.encode("utf-8") for file, text in read.texts.items()})
    print(f"{plural(len(read.changes), 'agreed score')} written from {workbook} into "
          f"{plural(len(read.texts), 'option file')}:")
    print("\n".join(f"  {c}" for c in read.changes))


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

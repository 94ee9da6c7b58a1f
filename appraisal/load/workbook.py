"""Read a filled scoresheet (docs/spreadsheets.md) back into an :class:`Assessment`.

A workbook is untrusted input like a YAML file: its size and unpacked size are bounded before
it is opened, a part with a document type declaration is refused unparsed, its XML is parsed
by defusedxml (openpyxl uses it when installed, and appraise requires it), links to other
workbooks are dropped unread and macros are never loaded. Only the cells' stored values are read; no formula is
evaluated. Every problem is located as
``FILE.xlsx:SHEET!CELL`` and all are reported at once.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from appraisal.errors import InputError, Problem, raise_if_errors
from appraisal.model.fingerprint import changes, digest, frame_of
from appraisal.model.panel import Assessment
from appraisal.model.scoresheet import (
    ASSESSOR_LABELS,
    META_KIND,
    META_SHEET,
    RATIONALE_COLUMN,
    SCORE_COLUMN,
    scale_words,
    score_rows,
    score_steps,
    scores_header,
)
from appraisal.model.values import is_slug
from appraisal.text import vocabulary

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from appraisal.model.appraisal import Appraisal
    from appraisal.model.criteria import Scale

MAX_BYTES = 20_000_000
"""A scoresheet of 500 criteria x 1,000 options is well under this."""
MAX_UNPACKED = 200_000_000
"""The workbook's parts together, unpacked: a bound against a zip bomb."""


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem at a cell: ``file`` is ``FILE.xlsx:SHEET``, ``line`` the row, ``col`` the column."""

    def __str__(self) -> str:
        from openpyxl.utils import get_column_letter

        from appraisal.text import visible

        return visible(f"{self.file}!{get_column_letter(self.col)}{self.line}: {self.severity}: {self.message}")


@dataclass(frozen=True)
class Filled:
    """A filled scoresheet as read: whose it is, their assessment, and where each score sat."""

    assessor: str
    assessment: Assessment
    rows: dict[tuple[str, str], int]
    """The Scores row of each (option, criterion) the sheet holds, scored or left empty."""
    blanks: tuple[tuple[str, str], ...]
    """The (option, criterion) pairs whose Score was left empty: abstentions, in sheet order."""


SHEETS = ("Assessor", "Scores")
"""The sheets import reads, besides the hidden one."""


def read_scoresheet(path: Path, appraisal: Appraisal) -> Filled:
    """The filled scoresheet at ``path``; InputError with every problem otherwise."""
    return read_opened(_open(path), str(path), appraisal)


def read_opened(book: Any, name: str, appraisal: Appraisal) -> Filled:
    """The filled scoresheet ``book`` (opened by :data:`open_workbook` from the file ``name``)."""
    meta = book[META_SHEET] if META_SHEET in book.sheetnames else None
    if meta is None or meta["A1"].value != "kind" or meta["B1"].value != META_KIND:
        sheet = book.sheetnames[0]
        raise InputError([CellProblem(f"{name}:{sheet}", 1, 1, (
            "this workbook is not an appraise scoresheet (it lacks the sheets Assessor, Scores and the "
            "hidden Appraise sheet): import the workbook `appraise scoresheet` wrote, filled in"))])
    problems: list[Problem] = renamed_sheets(book, name, SHEETS)
    assessor = _assessor_id(meta, name, problems)
    _fingerprint(meta, appraisal, name, problems)
    details = _assessor(book["Assessor"], name, problems) if "Assessor" in book.sheetnames else {}
    scores, where, blanks = (_scores(book["Scores"], appraisal, name, problems) if "Scores" in book.sheetnames
                             else ({}, {}, []))
    raise_if_errors(problems)
    try:
        assessment = Assessment.model_validate({**details, "scores": scores})
    except ValidationError as exc:
        raise InputError([_locate(e, name, where) for e in exc.errors()]) from None
    return Filled(assessor, assessment, where, tuple(blanks))


KNOWN_SHEETS = ("Assessor", "Scores", "Criteria", "Moderation", META_SHEET)


def renamed_sheets(book: Any, name: str, needed: tuple[str, ...]) -> list[Problem]:
    """A problem for each sheet import needs that is missing, naming the sheets the workbook has
    instead (a renamed sheet is the usual cause), at A1 of the first of those."""
    missing = [s for s in needed if s not in book.sheetnames]
    if not missing:
        return []
    others = [s for s in book.sheetnames if s not in KNOWN_SHEETS]
    has = ("; the workbook has " + ", ".join(f"'{s}'" for s in others)) if others else ""
    fix = ("give the sheet its name back (right-click its tab, then Rename) and import again" if others
           else "import the workbook as `appraise scoresheet` wrote it, filled in")
    at = others[0] if others else book.sheetnames[0]
    return [CellProblem(f"{name}:{at}", 1, 1, f"the sheet '{s}' is missing{has}: {fix}") for s in missing]


def _open(path: Path) -> Any:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.xml import DEFUSEDXML

    if not path.is_file():
        raise InputError([Problem(str(path), 1, 1, "no such file: give the scoresheet's path")])
    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency; never parse a workbook without it
        raise InputError([Problem(str(path), 1, 1, "cannot read workbooks safely: install defusedxml")])
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem(str(path), 1, 1, (
            f"the workbook is {path.stat().st_size:,} bytes; a scoresheet is at most {MAX_BYTES:,}: "
            "is this the right file?"))])
    _check_parts(path)
    try:
        return load_workbook(path, data_only=True, keep_links=False, keep_vba=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, OSError, SyntaxError):
        # a damaged or foreign file (defusedxml's refusals are ValueErrors, XML syntax errors SyntaxErrors)
        raise InputError([Problem(str(path), 1, 1, (
            "not an Excel workbook appraise can read (.xlsx): save it from Excel as 'Excel Workbook "
            "(.xlsx)' and import that file"))]) from None


def _check_parts(path: Path) -> None:
    """Refuse a zip bomb, and any part with a document type declaration before openpyxl parses it.

    Office Open XML has no DTDs; an entity declared in one is how an XML bomb starts, and with
    lxml installed openpyxl parses some parts with lxml rather than defusedxml.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
            if unpacked > MAX_UNPACKED:
                raise InputError([Problem(str(path), 1, 1, (
                    f"the workbook unpacks to {unpacked:,} bytes; a scoresheet is at most {MAX_UNPACKED:,}"))])
            declared = [i.filename for i in archive.infolist() if _DECLARATION.search(archive.read(i))]
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError):
        return  # not a zip appraise can open: load_workbook says so below
    if declared:
        raise InputError([Problem(str(path), 1, 1, (
            f"not an Excel workbook appraise can read: its part {declared[0]} declares XML entities, "
            "which Excel never writes: save the workbook again from Excel as 'Excel Workbook (.xlsx)'"))])


_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def _problem(name: str, sheet: str, cell: Any, message: str) -> CellProblem:
    return CellProblem(f"{name}:{sheet}", cell.row, cell.column, message)


def _assessor_id(meta: Worksheet, name: str, problems: list[Problem]) -> str:
    value = meta["B2"].value
    if meta["A2"].value != "assessor" or not isinstance(value, str) or not is_slug(value):
        problems.append(_problem(name, META_SHEET, meta["B2"], (
            "the assessor id this scoresheet was issued for is missing or damaged: issue a new "
            "sheet with `appraise scoresheet --assessor ID`")))
        return ""
    return value


def _fingerprint(meta: Worksheet, appraisal: Appraisal, name: str, problems: list[Problem]) -> None:
    now = frame_of(appraisal.frame, appraisal.options)
    if meta["B3"].value == digest(now):
        return
    text = "".join(str(row[1].value or "") for row in meta.iter_rows(min_row=4) if row[0].value == "frame")
    try:
        issued = json.loads(text)
        said = changes(issued, now) if isinstance(issued, dict) else ["the criteria tree changed"]
    except ValueError:
        said = ["the criteria tree changed"]
    problems.append(_problem(name, META_SHEET, meta["B3"], (
        "this scoresheet was issued for other criteria or options than the appraisal has now ("
        + "; ".join(said) + "): issue a new sheet with `appraise scoresheet` and copy the scores across")))


def _assessor(sheet: Worksheet, name: str, problems: list[Problem]) -> dict[str, Any]:
    for row, label in enumerate(ASSESSOR_LABELS, start=1):
        if sheet.cell(row, 1).value != label:
            problems.append(_problem(name, "Assessor", sheet.cell(row, 1), (
                f"expected the label '{label}' here: the Assessor sheet was rearranged; put the "
                "labels Name, Role, Interests, Date back in A1 to A4")))
    values = [_text(sheet.cell(row, 2).value) for row in range(1, 4)]
    out: dict[str, Any] = {}
    if values[0] is None:
        problems.append(_problem(name, "Assessor", sheet["B1"], "the assessor's name is empty: write it in B1"))
    else:
        out["name"] = values[0]
    if values[1] is not None:
        out["role"] = values[1]
    if values[2] is None:
        problems.append(_problem(name, "Assessor", sheet["B3"], (
            "the declaration of interests is empty: write what the assessor declared, or "
            "'None declared' if there was nothing to declare")))
    else:
        out["interests"] = values[2]
    date = sheet["B4"].value
    if isinstance(date, dt.datetime):
        out["date"] = date.date()
    elif isinstance(date, dt.date):
        out["date"] = date
    elif _text(date) is not None:
        try:
            out["date"] = dt.date.fromisoformat(str(date).strip())
        except ValueError:
            problems.append(_problem(name, "Assessor", sheet["B4"], (
                f"{str(date)!r} is not a date: write the date as yyyy-mm-dd, for example 2025-03-14")))
    return out


def _text(value: Any) -> str | None:
    """A cell's text, or None when it is empty or only spaces."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _scores(sheet: Worksheet, appraisal: Appraisal, name: str, problems: list[Problem],
            ) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], int], list[tuple[str, str]]]:
    header = {str(c.value).strip(): c.column for c in sheet[1] if c.value is not None}
    layout = scores_header(vocabulary(appraisal.tender))
    option_id = layout[0]
    missing = [h for h in (option_id, "Criterion id", "Score", "Rationale") if h not in header]
    if missing:
        problems.append(_problem(name, "Scores", sheet["A1"], (
            "the header row lacks the column(s) " + ", ".join(f"'{h}'" for h in missing)
            + f": row 1 must read {', '.join(layout)}")))
        return {}, {}, []
    expected = {(r.option_id, r.criterion.id): r for r in score_rows(appraisal)}
    scores: dict[str, dict[str, Any]] = {}
    where: dict[tuple[str, str], int] = {}
    blanks: list[tuple[str, str]] = []
    for number in range(2, sheet.max_row + 1):
        option = _text(sheet.cell(number, header[option_id]).value)
        criterion = _text(sheet.cell(number, header["Criterion id"]).value)
        score_cell = sheet.cell(number, header["Score"])
        rationale = _text(sheet.cell(number, header["Rationale"]).value)
        if option is None and criterion is None:
            continue
        row = expected.get((option or "", criterion or ""))
        id_cell = sheet.cell(number, header[option_id])
        if row is None:
            problems.append(_problem(name, "Scores", id_cell, (
                f"no shortlisted option '{option}' with a judged criterion '{criterion}' in the appraisal: "
                "the row was edited; put the ids back as the sheet gave them")))
            continue
        if (row.option_id, row.criterion.id) in where:
            problems.append(_problem(name, "Scores", id_cell, (
                f"'{criterion}' of '{option}' is scored again here (first in row "
                f"{where[(row.option_id, row.criterion.id)]}): keep one row")))
            continue
        where[(row.option_id, row.criterion.id)] = number
        value = _number(score_cell.value)
        if value is None:
            if _text(score_cell.value) is None:
                if rationale is not None:
                    problems.append(_problem(name, "Scores", score_cell, (
                        f"a rationale but no score for '{criterion}' of '{option}': give the score, "
                        "or clear the rationale to abstain")))
                else:
                    blanks.append((row.option_id, row.criterion.id))
                continue
            shown = str(score_cell.value).upper() if isinstance(score_cell.value, bool) else str(score_cell.value)
            problems.append(_problem(name, "Scores", score_cell, (
                f"{shown!r} is not a score for '{criterion}' of '{option}': write a "
                f"number on the scale {scale_words(row.scale)} (or leave it empty to abstain)")))
            continue
        wrong = off_steps(value, row.scale)
        if wrong:
            problems.append(_problem(name, "Scores", score_cell,
                                     f"score {value:g} for '{criterion}' of '{option}' {wrong}"))
            continue
        given: dict[str, Any] = {"score": int(value) if value.is_integer() else value}
        if rationale is not None:
            given["rationale"] = rationale
        scores.setdefault(row.option_id, {})[row.criterion.id] = given
    return scores, where, blanks


def off_steps(value: float, scale: Scale) -> str | None:
    """Why ``value`` is not a score a sheet accepts on ``scale`` (the drop-down's own rule,
    :func:`appraisal.model.scoresheet.score_steps`), or None when it is."""
    if not scale.min <= value <= scale.max:
        return f"is outside the scale {scale.min:g} to {scale.max:g}"
    steps = score_steps(scale)
    if not steps.allows(scale, value):
        return f"is not a score the sheet offers: choose {steps.words(scale)}"
    return None


def _number(value: Any) -> float | None:
    """A cell's number (a number typed as text counts), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _locate(error: Any, name: str, where: dict[tuple[str, str], int]) -> Problem:
    """A problem pydantic found in the assembled assessment, placed at its cell."""
    loc = error["loc"]
    cells = {"name": "B1", "role": "B2", "interests": "B3", "date": "B4"}
    message = str(error["msg"]).removeprefix("Value error, ")
    if loc and loc[0] == "scores" and len(loc) >= 3:
        row = where.get((str(loc[1]), str(loc[2])), 1)
        column = RATIONALE_COLUMN if "rationale" in loc else SCORE_COLUMN
        return CellProblem(f"{name}:Scores", row, column, message)
    cell = cells.get(str(loc[0]) if loc else "", "B1")
    return CellProblem(f"{name}:Assessor", int(cell[1]), 2, message)


open_workbook = _open
"""The workbook at a path, opened only after the checks above (the moderation sheet's reader uses it)."""
fingerprint_problems = _fingerprint
"""A problem when a workbook's fingerprint no longer matches the appraisal, saying what changed."""

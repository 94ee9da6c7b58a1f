"""Read a filled scoresheet (docs/spreadsheets.md) back into an :class:`Assessment`.

A workbook is untrusted input like a YAML file: :mod:`appraisal.load.xlsxguard` reads every
part within limits drawn from the appraisal (the rows its scoresheet has, and room for notes)
before openpyxl opens it, and refuses damage, XML bombs and floods of cells or text at their
part or cell. Links to other workbooks are dropped unread and macros are never loaded. Only
the cells' stored values are read; no formula is evaluated, and a formula with no stored value
is refused at its cell. Every problem is located as ``FILE.xlsx:SHEET!CELL`` and all are
reported at once.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from appraisal.errors import InputError, Problem, raise_if_errors
from appraisal.load.xlsxguard import MAX_UNPACKED, CellProblem, Limits, Scan, open_workbook
from appraisal.model.fingerprint import changes, digest, frame_of, parse
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

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from appraisal.model.appraisal import Appraisal
    from appraisal.model.criteria import Scale

SLACK_ROWS = 500
"""Rows a scoresheet may have beyond its own (notes written below the table)."""


def limits(appraisal: Appraisal) -> Limits:
    """What a scoresheet for ``appraisal`` may hold: its rows and criteria, and room for notes."""
    rows = len(score_rows(appraisal)) + len(list(appraisal.frame.all_criteria())) + SLACK_ROWS
    return Limits(rows=rows, elements=20_000 + 60 * rows, strings=10_000 + 10 * rows,
                  unpacked=min(MAX_UNPACKED, 10_000_000 + 100_000 * rows))


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
KNOWN_SHEETS = ("Assessor", "Scores", "Criteria", "Moderation", META_SHEET)


def read_scoresheet(path: Path, appraisal: Appraisal) -> Filled:
    """The filled scoresheet at ``path``; InputError with every problem otherwise."""
    bounds = limits(appraisal)
    book, seen = open_workbook(path, bounds)
    return read_opened(book, seen, str(path), appraisal, bounds)


def cells_problems(book: Any, seen: Scan, name: str, sheets: tuple[str, ...]) -> list[Problem]:
    """A chart where a sheet of cells should be (raised at once), and each formula with no stored value."""
    from openpyxl.worksheet.worksheet import Worksheet

    charts = [s for s in sheets if s in book.sheetnames and not isinstance(book[s], Worksheet)]
    if charts:
        raise InputError([CellProblem(f"{name}:{s}", 1, 1, (
            f"the sheet {s} is a chart, not a sheet of cells: import the workbook `appraise scoresheet` wrote, "
            "filled in")) for s in charts])
    return [CellProblem(f"{name}:{s}", row, column, (
        "the cell holds a formula with no stored value, so what it shows cannot be read: type the value itself "
        "(Excel and LibreOffice store each formula's value when they save)"))
        for s in sheets for row, column in sorted(seen.unvalued.get(s, ()))]


def read_opened(book: Any, seen: Scan, name: str, appraisal: Appraisal, bounds: Limits) -> Filled:
    """The filled scoresheet ``book``, opened by :func:`open_workbook` from the file ``name``."""
    from openpyxl.worksheet.worksheet import Worksheet

    meta = book[META_SHEET] if META_SHEET in book.sheetnames else None
    if not isinstance(meta, Worksheet) or meta["A1"].value != "kind" or meta["B1"].value != META_KIND:
        sheet = book.sheetnames[0] if book.sheetnames else "Assessor"
        raise InputError([CellProblem(f"{name}:{sheet}", 1, 1, (
            "this workbook is not an appraise scoresheet (it lacks the sheets Assessor, Scores and the "
            "hidden Appraise sheet): import the workbook `appraise scoresheet` wrote, filled in"))])
    problems = renamed_sheets(book, name, SHEETS) + cells_problems(book, seen, name, (*SHEETS, META_SHEET))
    assessor = _assessor_id(meta, name, problems)
    fingerprint_problems(meta, appraisal, name, problems, bounds.rows)
    details = _assessor(book["Assessor"], name, problems) if "Assessor" in book.sheetnames else {}
    scores, where, blanks = (_scores(book["Scores"], appraisal, name, problems, bounds)
                             if "Scores" in book.sheetnames else ({}, {}, []))
    try:
        # placeholders where a name or declaration is missing, which is said above: pydantic then
        # checks everything given (a name too long, say) in the same run
        assessment = Assessment.model_validate({"name": "-", "interests": "-", **details, "scores": scores})
    except ValidationError as exc:
        problems += [_locate(e, name, where) for e in exc.errors()]
    raise_if_errors(problems)
    return Filled(assessor, assessment, where, tuple(blanks))


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


def fingerprint_problems(meta: Worksheet, appraisal: Appraisal, name: str, problems: list[Problem], rows: int) -> None:
    now = frame_of(appraisal.frame, appraisal.options)
    if meta["B3"].value == digest(now):
        return
    text = "".join(str(row[1].value or "") for row in meta.iter_rows(min_row=4, max_row=min(meta.max_row, rows),
                                                                        max_col=2) if row[0].value == "frame")
    issued = parse(text)
    said = changes(issued, now) if issued is not None else ["the criteria tree changed"]
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


def _scores(sheet: Worksheet, appraisal: Appraisal, name: str, problems: list[Problem], bounds: Limits,
            ) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], int], list[tuple[str, str]]]:
    first = next(sheet.iter_rows(max_row=1, max_col=min(sheet.max_column, bounds.columns)))
    header = {str(c.value).strip(): c.column for c in first if c.value is not None}
    layout = scores_header(appraisal.words)
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
    for number in range(2, min(sheet.max_row, bounds.rows) + 1):  # the scan found no value below
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

"""Read a filled moderation sheet into the option files' new texts (docs/panel.md).

:func:`read_workbook` opens a workbook once and reads it as what it says it is: a scoresheet
(:func:`appraisal.load.workbook.read_opened`) or a moderation sheet. From a moderation sheet
come the agreed scores and notes that differ from what the option files say, each written into
its file's text in place (:mod:`appraisal.load.yamledit`), every other line kept. Every
problem, in the sheet (``FILE.xlsx:Moderation!CELL``) or in a file that cannot be edited in
place, is collected before anything is returned, so the caller writes all files or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appraisal.errors import Problem, raise_if_errors
from appraisal.load.workbook import (
    Filled,
    _text,
    cells_problems,
    fingerprint_problems,
    limits,
    off_steps,
    read_opened,
    renamed_sheets,
)
from appraisal.load.workbook import (
    _number as cell_number,
)
from appraisal.load.xlsxguard import CellProblem, Limits, Scan, open_workbook
from appraisal.load.yamledit import Agreed, CannotEdit, number_text, set_agreed
from appraisal.model.scoresheet import (
    AGREED,
    META_SHEET,
    MODERATION_KIND,
    MODERATION_SHEET,
    NOTE,
    named_columns,
    score_rows,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from appraisal.model.appraisal import Appraisal


@dataclass(frozen=True)
class Change:
    """One agreed score or note the sheet changes, and where it was given."""

    file: str
    option: str
    criterion: str
    before: float | None
    after: Agreed
    cell: str
    """``Moderation!P7``: the Agreed cell."""

    def __str__(self) -> str:
        was = "none" if self.before is None else number_text(self.before)
        note = ", with a moderation note" if self.after.moderation else ""
        return (f"{self.file}: '{self.criterion}' {was} → {number_text(self.after.score)}{note} "
                f"({self.cell})")


@dataclass(frozen=True)
class Moderated:
    """What a moderation sheet changes: the changes, and each edited file's new text."""

    changes: tuple[Change, ...]
    texts: dict[str, str]
    """By option file (its path as shown), the whole new text."""


def read_workbook(path: Path, appraisal: Appraisal) -> Filled | Moderated:
    """The scoresheet or moderation sheet at ``path``, read; InputError with every problem."""
    from dataclasses import replace

    # a moderation sheet has a column for each assessor beside a scoresheet's
    bounds = replace(limits(appraisal), columns=100 + len(appraisal.assessments))
    book, seen = open_workbook(path, bounds)
    meta = book[META_SHEET] if META_SHEET in book.sheetnames else None
    if meta is not None and meta["A1"].value == "kind" and meta["B1"].value == MODERATION_KIND:
        return _moderation(book, seen, str(path), appraisal, bounds)
    return read_opened(book, seen, str(path), appraisal, bounds)


def _moderation(book: Any, seen: Scan, name: str, appraisal: Appraisal, bounds: Limits) -> Moderated:
    problems = renamed_sheets(book, name, (MODERATION_SHEET,))
    problems += cells_problems(book, seen, name, (MODERATION_SHEET, META_SHEET))
    fingerprint_problems(book[META_SHEET], appraisal, name, problems, bounds.rows)
    agreed = _agreed(book[MODERATION_SHEET], appraisal, name, problems, bounds) if not problems else {}
    raise_if_errors(problems)
    changes, texts = _edits(appraisal, agreed, problems)
    raise_if_errors(problems)
    return Moderated(tuple(changes), texts)


def _problem(name: str, row: int, column: int, message: str) -> CellProblem:
    return CellProblem(f"{name}:{MODERATION_SHEET}", row, column, message)


def _agreed(sheet: Worksheet, appraisal: Appraisal, name: str, problems: list[Problem],
            bounds: Limits) -> dict[tuple[str, str], tuple[Agreed, str]]:
    """Each (option, criterion) given an agreed score on the sheet, with the Agreed cell's name."""
    from openpyxl.utils import get_column_letter

    first = next(sheet.iter_rows(max_row=1, max_col=min(sheet.max_column, bounds.columns)))
    header = {str(c.value).strip(): c.column for c in first if c.value is not None}
    option_id = named_columns(appraisal.words)[0]
    missing = [h for h in (option_id, "Criterion id", AGREED, NOTE) if h not in header]
    if missing:
        problems.append(_problem(name, 1, 1, (
            "the header row lacks the column(s) " + ", ".join(f"'{h}'" for h in missing)
            + ": put row 1 back as `appraise scoresheet --moderation` wrote it")))
        return {}
    expected = {(r.option_id, r.criterion.id): r for r in score_rows(appraisal)}
    out: dict[tuple[str, str], tuple[Agreed, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number in range(2, min(sheet.max_row, bounds.rows) + 1):  # the scan found no value below
        option = _text(sheet.cell(number, header[option_id]).value)
        criterion = _text(sheet.cell(number, header["Criterion id"]).value)
        if option is None and criterion is None:
            continue
        row = expected.get((option or "", criterion or ""))
        if row is None:
            problems.append(_problem(name, number, header[option_id], (
                f"no shortlisted {appraisal.words.option} '{option}' with a judged criterion "
                f"'{criterion}' in the appraisal: the row was edited; put the ids back as the sheet gave them")))
            continue
        key = (row.option_id, row.criterion.id)
        if key in seen:
            problems.append(_problem(name, number, header[option_id], (
                f"'{criterion}' of '{option}' is here again (first in row {seen[key]}): keep one row")))
            continue
        seen[key] = number
        raw = sheet.cell(number, header[AGREED]).value
        note = _text(sheet.cell(number, header[NOTE]).value)
        if _text(raw) is None:
            if note is not None:
                problems.append(_problem(name, number, header[AGREED], (
                    f"a moderation note but no agreed score for '{criterion}' of '{option}': give the "
                    "agreed score, or clear the note")))
            continue
        value = cell_number(raw)
        if value is None:
            problems.append(_problem(name, number, header[AGREED], (
                f"{str(raw)!r} is not a score for '{criterion}' of '{option}': write the agreed score "
                "as a number (or leave it empty if the panel has not agreed one)")))
            continue
        wrong = off_steps(value, row.scale)
        if wrong:
            problems.append(_problem(name, number, header[AGREED],
                                     f"agreed score {value:g} for '{criterion}' of '{option}' {wrong}"))
            continue
        out[key] = (Agreed(value, note), f"{MODERATION_SHEET}!{get_column_letter(header[AGREED])}{number}")
    return out


def _edits(appraisal: Appraisal, agreed: dict[tuple[str, str], tuple[Agreed, str]],
           problems: list[Problem]) -> tuple[list[Change], dict[str, str]]:
    """The changes to make and each option file's new text (problems for files that cannot be edited)."""
    options = {o.id: o for o in appraisal.options}
    changes: list[Change] = []
    texts: dict[str, str] = {}
    for (oid, criterion), (given, cell) in agreed.items():
        option = options[oid]
        current = None if (oid, criterion) in appraisal.filled else option.scores.get(criterion)
        if current is not None and current.score == given.score and given.moderation in (None, current.moderation):
            continue
        file = appraisal.option_files[oid]
        if file not in texts:
            texts[file] = Path(file).read_bytes().decode("utf-8")  # as it is: no newline translation
        try:
            texts[file] = set_agreed(texts[file], criterion, given)
        except CannotEdit as exc:
            source = appraisal.sources[file]
            where = ["scores", criterion] if criterion in (source.data.get("scores") or {}) else []
            problems.append(source.problem(where, (
                f"cannot write the agreed score for '{criterion}' here without changing other lines: {exc}: "
                f"write '{criterion}: {{score: {number_text(given.score)}, moderation: ...}}' under scores: "
                "by hand, then import again")))
            continue
        changes.append(Change(file, oid, criterion, current.score if current else None, given, cell))
    return changes, texts

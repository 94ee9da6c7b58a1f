"""The scoresheet: the workbook one assessor fills in (docs/spreadsheets.md).

Sheets: ``Assessor`` (labels in A, answers in B), ``Scores`` (one row per shortlisted option x
judged leaf criterion; only Score and Rationale unlocked, the score limited to the scale),
``Criteria`` (descriptions and the scales' labels) and a hidden ``Appraise`` sheet with the
assessor id and the fingerprint of the frame, so ``appraise import`` can tell a sheet issued
against other criteria.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from appraisal.model.criteria import Scale
from appraisal.model.fingerprint import canonical, digest, frame_of
from appraisal.model.panel import Assessment
from appraisal.model.scoresheet import (
    ASSESSOR_LABELS,
    CHUNK,
    LIST_LIMIT,
    META_KIND,
    META_SHEET,
    RATIONALE_COLUMN,
    SCORE_COLUMN,
    Row,
    scale_words,
    score_rows,
    scores_header,
)
from appraisal.render.xlsx.cells import append, put
from appraisal.render.xlsx.package import fixed_bytes
from appraisal.text import Words, vocabulary

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from appraisal.model.appraisal import Appraisal

def scoresheet(appraisal: Appraisal, assessor: str, name: str | None) -> bytes:
    """The scoresheet's bytes for ``assessor``, with what ``assessments/<assessor>.yaml`` already says."""
    from openpyxl import Workbook

    given = appraisal.assessments.get(assessor)
    book = Workbook()
    words = vocabulary(appraisal.tender)
    _assessor_sheet(book.active, given, name or (given.name if given else None), words)
    _scores_sheet(book.create_sheet("Scores"), score_rows(appraisal), given, scores_header(words))
    _criteria_sheet(book.create_sheet("Criteria"), appraisal)
    meta = book.create_sheet(META_SHEET)
    text = canonical(frame_of(appraisal.frame, appraisal.options))
    append(meta, ["kind", META_KIND])
    append(meta, ["assessor", assessor])
    append(meta, ["fingerprint", digest(frame_of(appraisal.frame, appraisal.options))])
    for start in range(0, len(text), CHUNK):
        append(meta, ["frame", text[start:start + CHUNK]])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    book.active = 1
    return fixed_bytes(book, appraisal.frame.date)


LINE_HEIGHT = 15
"""Points a wrapped line of 11-point text takes."""


def _form(sheet: Worksheet, widths: dict[str, int]) -> None:
    """Protected (no password), A4 landscape, fitted to the page's width, header frozen; each
    row as tall as its longest wrapped text, as spreadsheet programs keep the height a file sets
    and would otherwise print wrapped text over the row below."""
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=1):
        if sheet.row_dimensions[row[0].row].height is not None:
            continue  # set by the sheet itself
        lines = max((_lines(str(c.value), widths.get(c.column_letter, 10)) for c in row if c.value is not None),
                    default=1)
        sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines
    sheet.protection.sheet = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _lines(text: str, width: int) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide (by words, a little
    generously: proportional letters vary)."""
    room = max(1, int(width * 0.9))
    count = 0
    for paragraph in text.split("\n"):
        line = 0
        count += 1
        for word in paragraph.split():
            if line and line + 1 + len(word) > room:
                count += 1
                line = 0
            line += len(word) + (1 if line else 0)
    return max(1, count)


def _assessor_sheet(sheet: Worksheet, given: Assessment | None, name: str | None, words: Words) -> None:
    from openpyxl.styles import Alignment, Font, Protection

    sheet.title = "Assessor"
    answers = (name, given.role if given else None, given.interests if given else None,
               given.date if given else None)
    for row, (label, answer) in enumerate(zip(ASSESSOR_LABELS, answers, strict=True), start=1):
        put(sheet, row, 1, label).font = Font(bold=True)
        cell = put(sheet, row, 2, answer)
        cell.protection = Protection(locked=False)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet["B4"].number_format = "yyyy-mm-dd"
    put(sheet, 6, 1, f"Interests: declare any interest in the {words.options} or their {words.providers}, "
                     "or write 'None declared'. Date: the date you scored, as yyyy-mm-dd.")
    sheet["A6"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A6:B6")
    sheet.row_dimensions[3].height = 60
    sheet.row_dimensions[6].height = 45
    _form(sheet, {"A": 14, "B": 80})


def _scores_sheet(sheet: Worksheet, rows: list[Row], given: Assessment | None, header: tuple[str, ...]) -> None:
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.worksheet.cell_range import MultiCellRange

    append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    checks: dict[tuple[float, float, tuple[tuple[int, str], ...]], DataValidation] = {}
    cells: dict[tuple[float, float, tuple[tuple[int, str], ...]], list[str]] = {}
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        score = given.scores.get(row.option_id, {}).get(row.criterion.id) if given else None
        append(sheet, [row.option_id, row.option, row.criterion.id, row.criterion.name,
                      score.score if score else None, score.rationale if score else None,
                      scale_words(row.scale)])
        for column in range(1, len(header) + 1):
            sheet.cell(number, column).alignment = wrap
        for column in (SCORE_COLUMN, RATIONALE_COLUMN):
            sheet.cell(number, column).protection = Protection(locked=False)
        key = (row.scale.min, row.scale.max, tuple(sorted(row.scale.labels.items())))
        if key not in checks:
            checks[key] = _validation(row.scale)
            sheet.add_data_validation(checks[key])
        cells.setdefault(key, []).append(sheet.cell(number, SCORE_COLUMN).coordinate)
    for key, coordinates in cells.items():
        # given at once: DataValidation.add looks through every cell already added (O(n^2))
        checks[key].sqref = MultiCellRange(" ".join(coordinates))
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    _form(sheet, {"A": 16, "B": 28, "C": 16, "D": 28, "E": 8, "F": 60, "G": 30})


def _validation(scale: Scale) -> DataValidation:
    """A drop-down of the scale's whole scores (or a range check on a wide scale), labels shown."""
    from openpyxl.worksheet.datavalidation import DataValidation

    low, high = math.ceil(scale.min), math.floor(scale.max)
    words = scale_words(scale)
    if high - low + 1 <= LIST_LIMIT:
        check = DataValidation(type="list", formula1='"' + ",".join(str(k) for k in range(low, high + 1)) + '"')
    else:
        check = DataValidation(type="decimal", operator="between", formula1=f"{scale.min:g}", formula2=f"{scale.max:g}")
    check.allow_blank = True
    check.promptTitle, check.prompt = "Score", f"Scale {words}"[:255]
    check.errorTitle, check.error = "Off the scale", f"Give a score on the scale {words}"[:255]
    check.showInputMessage = check.showErrorMessage = True
    return check


def _criteria_sheet(sheet: Worksheet, appraisal: Appraisal) -> None:
    from openpyxl.styles import Alignment, Font

    append(sheet, ["Criterion id", "Criterion", "Weight", "How scored", "Description"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    frame = appraisal.frame
    for c in frame.all_criteria():
        how = ("from its sub-criteria" if c.criteria else f"measured: {c.measure}" if c.measure
               else scale_words(c.scale or frame.scale))
        append(sheet, [c.id, c.name, c.weight, how, c.description])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    _form(sheet, {"A": 16, "B": 28, "C": 8, "D": 40, "E": 70})

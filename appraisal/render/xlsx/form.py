"""What every sheet appraise hands a person to fill in shares (docs/spreadsheets.md).

Answer cells shaded, bordered and unlocked, the rest protected (no password); a drop-down of
exactly the scores import accepts (:func:`appraisal.model.scoresheet.score_steps`); a running
header and footer on every printed page (the appraisal, the person, the marking, the page);
A4 landscape fitted to the page's width, rows as tall as their wrapped text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from appraisal.model.criteria import Scale
from appraisal.model.scoresheet import scale_words, score_steps

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15
"""Points a wrapped line of 11-point text takes."""
ANSWER_FILL = "FFF2CC"
"""The pale yellow of an answer cell (Excel's own 'Note' style), dark text on it well above 4.5:1."""
MARKING = "OFFICIAL-SENSITIVE"
"""The Government Security Classification marking of an individual assessor's scores."""


@dataclass(frozen=True)
class Running:
    """What each printed page carries: the sheet's purpose and person, the appraisal and council."""

    purpose: str
    title: str
    organisation: str | None


def answer(cell: Any) -> None:
    """An answer cell: unlocked, shaded and bordered, so a person sees where to write."""
    protection, fill, border = _answer_styles()
    cell.protection = protection
    cell.fill = fill
    cell.border = border


@functools.cache
def _answer_styles() -> tuple[Any, Any, Any]:
    """Made once: openpyxl looks each style up by value, and making them per cell doubled the
    time to write a scoresheet of 20,000 rows."""
    from openpyxl.styles import Border, PatternFill, Protection, Side

    thin = Side(style="thin", color="7F7F7F")
    return (Protection(locked=False), PatternFill("solid", fgColor=ANSWER_FILL),
            Border(left=thin, right=thin, top=thin, bottom=thin))


def form(sheet: Worksheet, widths: dict[str, int], running: Running) -> None:
    """Protected (no password), A4 landscape, fitted to the page's width, with a running header
    and footer; each row as tall as its longest wrapped text, as spreadsheet programs keep the
    height a file sets and would otherwise print wrapped text over the row below."""
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=1):
        if sheet.row_dimensions[row[0].row].height is not None:
            continue  # set by the sheet itself
        lines = max((wrapped_lines(str(c.value), widths.get(c.column_letter, 10)) for c in row if c.value is not None),
                    default=1)
        sheet.row_dimensions[row[0].row].height = LINE_HEIGHT * lines
    sheet.protection.sheet = True
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _running(sheet, running)


def _running(sheet: Worksheet, running: Running) -> None:
    """Header: the purpose and person (left), the marking (centre), the appraisal (right);
    footer: the council (left) and 'Page 2 of 5' (right). '&' is a code in these texts."""
    def plain(text: str) -> str:
        return text.replace("&", "&&")[:80]

    for header, footer in ((sheet.oddHeader, sheet.oddFooter), (sheet.evenHeader, sheet.evenFooter)):
        header.left.text = plain(running.purpose)
        header.center.text = MARKING
        header.right.text = plain(running.title)
        footer.left.text = plain(running.organisation or "")
        footer.right.text = "Page &P of &N"


def wrapped_lines(text: str, width: int) -> int:
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


def score_validation(scale: Scale) -> DataValidation:
    """A drop-down of exactly the scores import accepts on ``scale`` (or, on a scale too wide
    for one, a check of whole numbers on it), the scale's labels shown as the cell's prompt."""
    from openpyxl.worksheet.datavalidation import DataValidation

    steps = score_steps(scale)
    words = scale_words(scale)
    if steps.points is not None:
        check = DataValidation(type="list", formula1='"' + ",".join(f"{p:g}" for p in steps.points) + '"')
    else:
        kind = "whole" if float(scale.min).is_integer() else "decimal"
        check = DataValidation(type=kind, operator="between", formula1=f"{scale.min:g}", formula2=f"{scale.max:g}")
    check.allow_blank = True
    check.promptTitle, check.prompt = "Score", f"{steps.words(scale).capitalize()}. Scale {words}"[:255]
    check.errorTitle, check.error = "Not a score on the scale", f"Give {steps.words(scale)} ({words})"[:255]
    check.showInputMessage = check.showErrorMessage = True
    return check

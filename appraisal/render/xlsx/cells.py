"""The one way appraise writes a cell: text stays text, and only a :class:`Formula` is a formula.

openpyxl makes any string that starts with ``=`` a live formula, so an option named
``=WEBSERVICE("https://...")`` or a rationale ``=HYPERLINK(...)`` would run in the reader's
Excel. Every cell of every workbook appraise writes goes through :func:`append` or
:func:`put`: a plain ``str`` is stored as a string cell (``t="inlineStr"``, never ``<f>``), and
text a spreadsheet would read as a formula when edited (``text.formula_like``, the CSV's own
test) gets Excel's quote prefix, the workbook's form of the CSV's leading quote, so that
pressing F2 and Enter on it keeps it text. A formula appraise builds itself is a
:class:`Formula`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from appraisal.text import formula_like

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet


class Formula(str):
    """A formula appraise built (``=SUM(...)``); any other text is written as text."""

    __slots__ = ()


def _set(cell: Cell, value: Any) -> Cell:
    if isinstance(value, Formula):
        cell.value = str(value)
    elif isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl made it "f" if it starts with "="
        if formula_like(value):
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)``, each text a string cell."""
    from openpyxl.cell.cell import Cell

    sheet.append([_set(Cell(sheet), v) if isinstance(v, str) else v for v in values])


def put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """The cell at ``row``, ``column`` holding ``value`` (text as a string cell)."""
    return _set(sheet.cell(row, column), value)

"""``appraise score --format xlsx``: the scored appraisal as a workbook an auditor can check.

The inputs are values: the weights as written, each option's judged scores and measured
figures, and whether it passed the gates. Everything computed is a live formula over those
cells, as :mod:`appraisal.scoring.weighted_sum` computes it: local and global weights, the
best and worst figures of the options that pass the gates, each value (the scale's
``(s - min) / (max - min)``, the linear, relative or points value function), each parent's
weighted mean, the weighted points, the totals and the ranks. Change a weight in Excel and
the ranking follows (docs/spreadsheets.md).

Sheets ``Inputs``, ``Reference``, ``Values`` and ``Points`` share one layout: a row per criterion
in the order of the ``Criteria`` sheet, a column per option in the order of ``Options``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appraisal.model.criteria import Points
from appraisal.model.scoresheet import named_columns
from appraisal.render.exempt import FOOTNOTE, marked
from appraisal.render.xlsx.cells import Formula, append
from appraisal.render.xlsx.package import fixed_bytes
from appraisal.scoring.weighted_sum import TIE_TOLERANCE, CriterionInfo, Result

if TYPE_CHECKING:
    from collections.abc import Callable

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIRST = 2
"""The first data row of every sheet (row 1 is the header)."""
OPTION_COLUMN = 3
"""The first option's column in the matrix sheets (A and B hold the criterion)."""
CRITERIA_HEADER = ("Criterion id", "Criterion", "Parent", "Weight", "Local weight", "Global weight",
                   "How scored", "Scale min", "Scale max", "Best", "Worst")
OPTIONS_HEADER = ("Passes the gates", "In the reference set", "Gates failed")
"""The Options sheet's header after the id and name columns (:func:`_named`)."""


def _named(result: Result) -> tuple[str, str]:
    return named_columns(result.appraisal.words)


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _number(value: float) -> str:
    """A number as a formula writes it."""
    return repr(float(value)).upper()


def workbook(result: Result) -> bytes:
    """The workbook's bytes (deterministic: dated from the appraisal's ``date:``)."""
    from openpyxl import Workbook

    book = Workbook()
    rows = {c.id: FIRST + i for i, c in enumerate(result.criteria)}
    _ranking(book, result, rows)
    _criteria(book.create_sheet("Criteria"), result, rows)
    _options(book.create_sheet("Options"), result)
    _matrix(book, "Inputs", result, lambda c, i: _input(result, c, i))
    _matrix(book, "Reference", result, lambda c, i: _reference(c, i, rows[c.id]))
    _matrix(book, "Values", result, lambda c, i: _value(c, _column(OPTION_COLUMN + i), rows))
    _matrix(book, "Points", result,
            lambda c, i: Formula(f"=Values!{_column(OPTION_COLUMN + i)}{rows[c.id]}*Criteria!$F${rows[c.id]}*100"))
    book.active = 0
    return fixed_bytes(book, result.appraisal.frame.date)


def _header(sheet: Worksheet, header: tuple[str, ...] | list[str], widths: dict[str, int]) -> None:
    from openpyxl.styles import Font

    append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def _ranking(book: Workbook, result: Result, rows: dict[str, int]) -> None:
    sheet = book.active
    sheet.title = "Ranking"
    _header(sheet, (*_named(result), "Total", "Rank"), {"A": 22, "B": 36, "C": 12, "D": 8})
    last = FIRST + len(result.options) - 1
    tops = [rows[c.id] for c in result.criteria if c.parent is None]
    exempt = result.appraisal.exempt
    for i, o in enumerate(result.options):
        row = FIRST + i
        total = Formula("=" + "+".join(f"Points!{_column(OPTION_COLUMN + i)}{r}" for r in tops))
        rank = Formula(f"=IF(Options!C{row}=1,1+SUMPRODUCT((Options!$C${FIRST}:$C${last}=1)"
                               f"*($C${FIRST}:$C${last}>C{row}+{_number(TIE_TOLERANCE)})),\"\")")
        append(sheet, [o.id, marked(o.name, o.id in exempt), total, rank])
        sheet.cell(row, 3).number_format = "0.00"
    if exempt.intersection(o.id for o in result.options):
        append(sheet, [])
        append(sheet, [FOOTNOTE])  # as the score table says it: the figures in Inputs are exempt


def _criteria(sheet: Worksheet, result: Result, rows: dict[str, int]) -> None:
    _header(sheet, CRITERIA_HEADER, {"A": 22, "B": 36, "C": 18, "G": 30})
    written = {c.id: c.weight for c in result.appraisal.frame.all_criteria()}
    siblings: dict[str | None, list[str]] = {}
    for c in result.criteria:
        siblings.setdefault(c.parent, []).append(c.id)
    for c in result.criteria:
        row = rows[c.id]
        share = "+".join(f"$D${rows[k]}" for k in siblings[c.parent])
        above = f"*F{rows[c.parent]}" if c.parent is not None else ""
        append(sheet, [c.id, c.name, c.parent, written[c.id], Formula(f"=D{row}/({share})"), Formula(f"=E{row}{above}"),
                      _how(c), c.scale.min if c.scale else None, c.scale.max if c.scale else None,
                      *_best_worst(c, row, len(result.options))])


def _how(c: CriterionInfo) -> str:
    if c.children:
        return "weighted mean of its sub-criteria"
    if c.measure is None:
        return "judged on the scale"
    function = "points" if isinstance(c.value_function, Points) else c.value_function
    return f"measured: {c.measure}, {c.direction} is better, {function}"


def _best_worst(c: CriterionInfo, row: int, count: int) -> tuple[Formula | None, Formula | None]:
    """The best and worst figures of the reference set (the options passing the gates)."""
    if c.measure is None or isinstance(c.value_function, Points) or count == 0:
        return None, None
    span = f"Reference!{_column(OPTION_COLUMN)}{row}:{_column(OPTION_COLUMN + count - 1)}{row}"
    low, high = Formula(f"=MIN({span})"), Formula(f"=MAX({span})")
    return (low, high) if c.direction == "lower" else (high, low)


def _options(sheet: Worksheet, result: Result) -> None:
    _header(sheet, (*_named(result), *OPTIONS_HEADER), {"A": 22, "B": 36, "C": 16, "D": 18, "E": 30})
    last = FIRST + len(result.options) - 1
    for i, o in enumerate(result.options):
        row = FIRST + i
        reference = Formula(f"=IF(COUNTIF($C${FIRST}:$C${last},1)=0,1,C{row})")
        append(sheet, [o.id, o.name, 1 if o.eligible else 0, reference, ", ".join(o.failed_gates) or None])


def _matrix(book: Workbook, title: str, result: Result, cell: Callable[[CriterionInfo, int], object]) -> None:
    """A sheet with a row per criterion and a column per option; ``cell`` gives each entry."""
    sheet = book.create_sheet(title)
    _header(sheet, ["Criterion id", "Criterion", *(o.id for o in result.options)], {"A": 22, "B": 36})
    for c in result.criteria:
        append(sheet, [c.id, c.name, *(cell(c, i) for i in range(len(result.options)))])


def _input(result: Result, c: CriterionInfo, index: int) -> float | None:
    """A judged score or a measured figure, as scored; nothing for a parent."""
    got = result.options[index].cells[c.id]
    return got.score if got.score is not None else got.measure


def _reference(c: CriterionInfo, index: int, row: int) -> Formula | None:
    """The figure when the option is in the reference set, else empty text (MIN and MAX skip it)."""
    if c.measure is None:
        return None
    return Formula(f'=IF(Options!$D${FIRST + index}=1,Inputs!{_column(OPTION_COLUMN + index)}{row},"")')


def _value(c: CriterionInfo, column: str, rows: dict[str, int]) -> Formula:
    row = rows[c.id]
    x = f"Inputs!{column}{row}"
    if c.children:
        return Formula("=" + "+".join(f"Values!{column}{rows[k]}*Criteria!$E${rows[k]}" for k in c.children))
    if c.measure is None:
        return Formula(f"=({x}-Criteria!$H${row})/(Criteria!$I${row}-Criteria!$H${row})")
    function = c.value_function
    if isinstance(function, Points):
        return Formula("=" + _points(x, function.points))
    best, worst = f"Criteria!$J${row}", f"Criteria!$K${row}"
    if function == "relative":
        ratio = f"{best}/{x}" if c.direction == "lower" else f"{x}/{best}"
        return Formula(f"=MAX(0,MIN(1,{ratio}))")
    return Formula(f"=IF({best}={worst},1,MAX(0,MIN(1,({x}-{worst})/({best}-{worst}))))")


def _points(x: str, points: list[tuple[float, float]]) -> str:
    """Piecewise-linear interpolation through ``points``, clamped at the ends, as nested IFs."""
    (x0, v0), rest = points[0], points[1:]
    formula = _number(points[-1][1])
    for (a, va), (b, vb) in reversed(list(zip(points, rest, strict=False))):
        step = f"{_number(va)}+({_number(vb)}-{_number(va)})*({x}-{_number(a)})/({_number(b)}-{_number(a)})"
        formula = f"IF({x}<={_number(b)},{step},{formula})"
    return f"IF({x}<={_number(x0)},{_number(v0)},{formula})"

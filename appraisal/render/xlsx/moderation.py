"""The moderation sheet: the panel's scores side by side, and the agreed ones to write in
(docs/panel.md, The moderation meeting).

Sheet ``Moderation``: one row per item of the moderation pack, in the meeting's order
(:func:`appraisal.analysis.panel.agenda`: divergent first, then close, then unanimous), each
assessor's score under their name, the range, median and flags, the declared interests the
chair should know of, the rationales, and the answer columns ``Agreed`` and ``Moderation
note`` (shaded, unlocked, already holding what the option files say). The hidden ``Appraise``
sheet says what the workbook is and holds the frame's fingerprint, as a scoresheet's does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appraisal.analysis.panel import Pack, agenda
from appraisal.model.scoresheet import MODERATION_KIND, MODERATION_SHEET, moderation_header
from appraisal.render.xlsx.cells import append
from appraisal.render.xlsx.form import Running, answer, form, score_validation
from appraisal.render.xlsx.package import fixed_bytes
from appraisal.render.xlsx.scoresheet import hidden_sheet
from appraisal.text import number

if TYPE_CHECKING:
    from openpyxl.worksheet.datavalidation import DataValidation

    from appraisal.check.panel import Item
    from appraisal.model.appraisal import Appraisal
    from appraisal.model.criteria import Scale


def headings(pack: Pack) -> list[str]:
    """Each assessor's column heading: their name, with their id where two share a name."""
    names = [a.name for a in pack.assessors]
    return [f"{a.name} ({a.id})" if names.count(a.name) > 1 else a.name for a in pack.assessors]


def interests_note(pack: Pack, option: str) -> str:
    """'Bob Best declared: Former employee of the Alpha provider (left 2019)'."""
    return "; ".join(f"{pack.name(who)} declared: {a.interests}" for who in pack.interested.get(option, ())
                     for a in pack.assessors if a.id == who)


def rationales(pack: Pack, item: Item) -> str:
    return "\n".join(f"{pack.name(who)} ({number(item.scores[who])}): {text}"
                     for who, text in item.rationales.items() if text)


def moderation_sheet(appraisal: Appraisal, pack: Pack) -> bytes:
    """The moderation sheet's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.cell_range import MultiCellRange

    frame = appraisal.frame
    words = appraisal.words
    book = Workbook()
    sheet = book.active
    sheet.title = MODERATION_SHEET
    header = moderation_header(words, headings(pack))
    append(sheet, list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    scales = {c.id: c.scale or frame.scale for c in frame.all_criteria()}
    checks: dict[tuple[Any, ...], DataValidation] = {}
    cells: dict[tuple[Any, ...], list[str]] = {}
    agreed_column = len(header) - 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for number_, item in enumerate(agenda(pack).ordered(), start=2):
        filled = (item.option, item.criterion) in pack.filled
        append(sheet, [item.option, item.option_name, item.criterion, item.criterion_name,
                      *(item.scores.get(a.id) for a in pack.assessors), item.range, item.median,
                      ", ".join(item.flags), interests_note(pack, item.option), rationales(pack, item),
                      None if filled else item.agreed, None if filled else item.moderation])
        for column in range(1, len(header) + 1):
            sheet.cell(number_, column).alignment = wrap
        for column in (agreed_column, agreed_column + 1):
            answer(sheet.cell(number_, column))
        scale: Scale = scales[item.criterion]
        key = (scale.min, scale.max, tuple(sorted(scale.labels.items())))
        if key not in checks:
            checks[key] = score_validation(scale)
            sheet.add_data_validation(checks[key])
        cells.setdefault(key, []).append(sheet.cell(number_, agreed_column).coordinate)
    for key, coordinates in cells.items():
        checks[key].sqref = MultiCellRange(" ".join(coordinates))
    sheet.freeze_panes = "E2"
    sheet.print_title_rows = "1:1"
    from openpyxl.utils import get_column_letter

    widths = {"A": 14, "B": 22, "C": 14, "D": 24}
    widths |= {get_column_letter(5 + k): 10 for k in range(len(pack.assessors))}
    rest = 5 + len(pack.assessors)
    for offset, width in enumerate((8, 8, 16, 30, 45, 9, 45)):
        widths[get_column_letter(rest + offset)] = width
    form(sheet, widths, Running("Moderation sheet", frame.title, frame.organisation))
    hidden_sheet(book, appraisal, MODERATION_KIND, "panel")
    return fixed_bytes(book, frame.date)

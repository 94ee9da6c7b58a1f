"""The scoresheet: the workbook one assessor fills in (docs/spreadsheets.md).

Sheets: ``Assessor`` (labels in A, answers in B, then the appraisal's title, the council and
how to fill the workbook in), ``Scores`` (one row per shortlisted option x judged leaf
criterion, in the committee paper's order: options by id, criteria as the criteria file lists
them, each with its weight; only Score and Rationale unlocked, shaded and bordered, the score
limited to exactly what import accepts), ``Criteria`` (descriptions, weights and the scales'
labels) and a hidden ``Appraise`` sheet with the assessor id and the fingerprint of the frame,
so ``appraise import`` can tell a sheet issued against other criteria. Every sheet prints with
the assessor, the marking and the page number in its header and footer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from appraisal.model.fingerprint import canonical, digest, frame_of
from appraisal.model.panel import Assessment
from appraisal.model.scoresheet import (
    ASSESSOR_LABELS,
    CHUNK,
    META_SHEET,
    RATIONALE_COLUMN,
    SCORE_COLUMN,
    Row,
    scale_words,
    score_rows,
    score_steps,
    scores_header,
)
from appraisal.render.xlsx.cells import append, put
from appraisal.render.xlsx.form import LINE_HEIGHT, Running, answer, form, score_validation, wrapped_lines
from appraisal.render.xlsx.package import fixed_bytes
from appraisal.text import Words

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from appraisal.model.appraisal import Appraisal
    from appraisal.model.criteria import Scale


def _interests(words: Words) -> str:
    """What an assessor declares interests in: the options and who would deliver them; where the options are
    the providers themselves (the Provider Selection Regime), those who would deliver with them."""
    if words.providers == words.options:
        return f"{words.options} or their partners and subcontractors"
    return f"{words.options} or their {words.providers}"


def scoresheet(appraisal: Appraisal, assessor: str, name: str | None) -> bytes:
    """The scoresheet's bytes for ``assessor``, with what ``assessments/<assessor>.yaml`` already says."""
    from openpyxl import Workbook

    from appraisal.model.scoresheet import META_KIND

    given = appraisal.assessments.get(assessor)
    book = Workbook()
    words = appraisal.words
    who = name or (given.name if given else None)
    frame = appraisal.frame
    running = Running(f"Scoresheet: {who or assessor}", frame.title, frame.organisation)
    _assessor_sheet(book.active, given, who, words, appraisal, running)
    _scores_sheet(book.create_sheet("Scores"), score_rows(appraisal), given, scores_header(words),
                  global_weights(appraisal), running)
    _criteria_sheet(book.create_sheet("Criteria"), appraisal, running)
    hidden_sheet(book, appraisal, META_KIND, assessor)
    book.active = 0
    return fixed_bytes(book, frame.date)


def hidden_sheet(book: Workbook, appraisal: Appraisal, kind: str, assessor: str) -> None:
    """The hidden ``Appraise`` sheet: what the workbook is, for whom, and the frame's fingerprint."""
    meta = book.create_sheet(META_SHEET)
    frame = frame_of(appraisal.frame, appraisal.options)
    text = canonical(frame)
    append(meta, ["kind", kind])
    append(meta, ["assessor", assessor])
    append(meta, ["fingerprint", digest(frame)])
    for start in range(0, len(text), CHUNK):
        append(meta, ["frame", text[start:start + CHUNK]])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def global_weights(appraisal: Appraisal) -> dict[str, float]:
    """Each criterion's weight as a share of the whole (leaves sum to 1), as the paper shows it."""
    from appraisal.scoring.weighted_sum import flatten

    return {c.id: c.weight for c in flatten(appraisal)}


def steps_words(scale: Scale) -> str:
    return score_steps(scale).words(scale)


ASSESSOR_WIDTHS = (14, 80)
"""Columns A and B of the Assessor sheet, in characters."""


def _assessor_sheet(sheet: Worksheet, given: Assessment | None, name: str | None, words: Words,
                    appraisal: Appraisal, running: Running) -> None:
    """The assessor's details in A1:B4 (the layout import reads), then what the workbook is and
    how to fill it in, so no briefing is needed."""
    from openpyxl.styles import Alignment, Font

    sheet.title = "Assessor"
    answers = (name, given.role if given else None, given.interests if given else None,
               given.date if given else None)
    top = Alignment(wrap_text=True, vertical="top")
    for row, (label, value) in enumerate(zip(ASSESSOR_LABELS, answers, strict=True), start=1):
        put(sheet, row, 1, label).font = Font(bold=True)
        sheet.cell(row, 1).alignment = top
        cell = put(sheet, row, 2, value)
        answer(cell)
        cell.alignment = top
    sheet["B4"].number_format = "yyyy-mm-dd"
    frame = appraisal.frame
    halves = sorted({steps_words(r.scale).split(" from ")[0] for r in score_rows(appraisal)})
    lines: list[tuple[str, bool]] = [
        (f"Interests: declare any interest in the {_interests(words)}, "
         "or write 'None declared'. Date: the date you scored, as yyyy-mm-dd.", False),
        ("", False),
        (frame.title, True),
        (frame.organisation or "", False),
        (frame.decision or "", False),
        ("", False),
        ("How to fill in this scoresheet: write your details in the shaded cells above. Then, on the "
         f"sheet Scores, give each {words.option} a score on each criterion in its shaded Score cell "
         f"(choose from the drop-down: {' or '.join(halves) or 'the scale'}) and say why under Rationale; "
         "leave a score empty to abstain. The sheet Criteria says what each criterion means and how much "
         "it counts. Change no other cell and no sheet's name; save the workbook as .xlsx and send it back.",
         False),
    ]
    for row, (text, bold) in enumerate(lines, start=6):
        if not text:
            continue
        cell = put(sheet, row, 1, text)
        cell.alignment = top
        cell.font = Font(bold=True, size=14) if bold else Font()
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        # a merged cell's text wraps across both columns: its row is fitted to their width here
        width = sum(ASSESSOR_WIDTHS) * (0.75 if bold else 1)  # 14-point letters are wider
        sheet.row_dimensions[row].height = (22 if bold else LINE_HEIGHT) * wrapped_lines(text, int(width))
    sheet.row_dimensions[3].height = 60
    form(sheet, {"A": ASSESSOR_WIDTHS[0], "B": ASSESSOR_WIDTHS[1]}, running)


def _scores_sheet(sheet: Worksheet, rows: list[Row], given: Assessment | None, header: tuple[str, ...],
                  weights: dict[str, float], running: Running) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.cell_range import MultiCellRange

    append(sheet, list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    checks: dict[tuple[Any, ...], DataValidation] = {}
    cells: dict[tuple[Any, ...], list[str]] = {}
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        score = given.scores.get(row.option_id, {}).get(row.criterion.id) if given else None
        append(sheet, [row.option_id, row.option, row.criterion.id, row.criterion.name,
                      score.score if score else None, score.rationale if score else None,
                      scale_words(row.scale), weights[row.criterion.id]])
        for column in range(1, len(header) + 1):
            sheet.cell(number, column).alignment = wrap
        for column in (SCORE_COLUMN, RATIONALE_COLUMN):
            answer(sheet.cell(number, column))
        sheet.cell(number, len(header)).number_format = "0.0%"
        key = (row.scale.min, row.scale.max, tuple(sorted(row.scale.labels.items())))
        if key not in checks:
            checks[key] = score_validation(row.scale)
            sheet.add_data_validation(checks[key])
        cells.setdefault(key, []).append(sheet.cell(number, SCORE_COLUMN).coordinate)
    for key, coordinates in cells.items():
        # given at once: DataValidation.add looks through every cell already added (O(n^2))
        checks[key].sqref = MultiCellRange(" ".join(coordinates))
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    form(sheet, {"A": 16, "B": 28, "C": 16, "D": 28, "E": 8, "F": 60, "G": 30, "H": 9}, running)


def _criteria_sheet(sheet: Worksheet, appraisal: Appraisal, running: Running) -> None:
    from openpyxl.styles import Alignment, Font

    append(sheet, ["Criterion id", "Criterion", "Weight", "Share of the whole", "How scored", "Description"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    frame = appraisal.frame
    weights = global_weights(appraisal)
    for c in frame.all_criteria():
        how = ("from its sub-criteria" if c.criteria else f"measured: {c.measure}" if c.measure
               else scale_words(c.scale or frame.scale))
        append(sheet, [c.id, c.name, c.weight, weights[c.id], how, c.description])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(sheet.max_row, 4).number_format = "0.0%"
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    form(sheet, {"A": 16, "B": 28, "C": 8, "D": 10, "E": 40, "F": 70}, running)

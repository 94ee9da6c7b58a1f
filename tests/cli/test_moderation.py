"""The moderation meeting in Excel (docs/panel.md): `appraise scoresheet --moderation` and
`appraise import` of the filled sheet into the option files.

tests/data/panel-small, by hand: alpha's quality (8, 6, 4, 5) and beta's access (4, 1, 2, 3)
are divergent; alpha's access (3, 3, 2) is close; beta's quality (7, 7) is unanimous but its
agreed 9 lies outside. Bob declared an interest naming Alpha.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import REPO, run_appraise

SMALL = REPO / "tests" / "data" / "panel-small"


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    dest = tmp_path / "panel"
    shutil.copytree(SMALL, dest)
    return dest


def issue(folder: Path) -> Path:
    out = folder.parent / "moderation.xlsx"
    run = run_appraise("scoresheet", folder, "--moderation", "--output", out)
    assert run.code == 0, run.err
    return out


def fill(path: Path, cells: dict[str, Any]) -> None:
    book = openpyxl.load_workbook(path)
    for cell, value in cells.items():
        book["Moderation"][cell] = value
    book.save(path)


def test_the_sheet_has_a_row_per_item_in_the_meetings_order_with_scores_by_name(panel: Path) -> None:
    book = openpyxl.load_workbook(issue(panel))
    assert book.sheetnames == ["Moderation", "Appraise"] and book["Appraise"].sheet_state == "hidden"
    sheet = book["Moderation"]
    assert [c.value for c in sheet[1]] == [
        "Option id", "Option", "Criterion id", "Criterion", "Ann Able", "Bob Best", "Cat Cole", "Dan Dee",
        "Range", "Median", "Flags", "Interests to note", "Rationales", "Agreed", "Moderation note"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[2], r[4:8], r[8], r[9], r[10]) for r in rows] == [
        ("alpha", "quality", [8, 6, 4, 5], 4, 5.5, "divergent"),
        ("beta", "access", [4, 1, 2, 3], 3, 2.5, "divergent, unexplained"),
        ("alpha", "access", [3, 3, 2, None], 1, 3, None),
        ("beta", "quality", [7, 7, None, None], 0, 7, "outside, unexplained"),
    ]
    assert rows[0][11] == "Bob Best declared: Former employee of the Alpha provider (left 2019)"
    assert rows[1][11] is None
    assert rows[1][12] == "Ann Able (4): Open late.\nBob Best (1): One site only."
    assert (rows[0][13], rows[0][14]) == (6, "Bob's view of the staffing plan prevailed.")  # what the file says
    assert all(sheet.protection.sheet for sheet in book)
    for cell in ("N2", "O2", "N5", "O5"):
        assert not sheet[cell].protection.locked and sheet[cell].fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet["M2"].protection.locked and sheet["A2"].protection.locked
    checks = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert checks == {"N2 N5": '"' + ",".join(f"{k / 2:g}" for k in range(21)) + '"',
                      "N3 N4": '"0,0.5,1,1.5,2,2.5,3,3.5,4"'}
    assert sheet.oddHeader.left.text == "Moderation sheet" and sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"


def test_import_writes_the_agreed_scores_into_the_option_files_and_nothing_else(panel: Path) -> None:
    beta = panel / "options" / "beta.yaml"
    alpha = panel / "options" / "alpha.yaml"
    before = {p: p.read_text(encoding="utf-8") for p in (alpha, beta)}
    sheet = issue(panel)
    fill(sheet, {"N3": 3, "O3": "Bob saw one site only; agreed 3.", "N5": 7, "O5": "Both assessors gave 7."})
    run = run_appraise("import", sheet, panel)
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        f"2 agreed scores written from {sheet} into 1 option file:",
        f"  {beta}: 'access' 2 → 3, with a moderation note (Moderation!N3)",
        f"  {beta}: 'quality' 9 → 7, with a moderation note (Moderation!N5)",
    ]
    assert alpha.read_text(encoding="utf-8") == before[alpha]
    diff = [line for line in difflib.ndiff(before[beta].splitlines(), beta.read_text(encoding="utf-8").splitlines())
            if line[:1] in "+-"]
    assert diff == [
        "-   quality: {score: 9, rationale: Best in the area}",
        "-   access: {score: 2, rationale: One site}",
        "+   quality: {score: 7, rationale: Best in the area, moderation: Both assessors gave 7.}",
        "+   access: {score: 3, rationale: One site, moderation: Bob saw one site only; agreed 3.}",
    ]
    pack = run_appraise("panel", panel, "--format", "json")
    assert '"unexplained"' not in pack.out and '"outside"' not in pack.out
    again = run_appraise("import", sheet, panel)
    assert again.code == 0 and "already hold these agreed scores" in again.out


def test_every_problem_is_located_at_its_cell_and_no_file_is_written(panel: Path) -> None:
    before = {p: p.read_bytes() for p in (panel / "options").iterdir()}
    sheet = issue(panel)
    fill(sheet, {"N2": 5.25, "N3": "three", "N4": None, "O4": "We agreed.", "N5": 11, "C3": "speed"})
    run = run_appraise("import", sheet, panel)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.splitlines() == [
        (f"{sheet}:Moderation!N2: error: agreed score 5.25 for 'quality' of 'alpha' is not a score the sheet "
         "offers: choose whole points and halves from 0 to 10"),
        (f"{sheet}:Moderation!A3: error: no shortlisted option 'beta' with a judged criterion 'speed' in the "
         "appraisal: the row was edited; put the ids back as the sheet gave them"),
        (f"{sheet}:Moderation!N4: error: a moderation note but no agreed score for 'access' of 'alpha': give the "
         "agreed score, or clear the note"),
        f"{sheet}:Moderation!N5: error: agreed score 11 for 'quality' of 'beta' is outside the scale 0 to 10",
    ]
    assert {p: p.read_bytes() for p in (panel / "options").iterdir()} == before


def test_a_file_that_cannot_be_edited_in_place_stops_every_file(panel: Path) -> None:
    alpha, beta = panel / "options" / "alpha.yaml", panel / "options" / "beta.yaml"
    text = beta.read_text(encoding="utf-8")
    text = text.replace("  quality: {score: 9, rationale: Best in the area}", "  quality: &same {score: 2}")
    beta.write_text(text.replace("  access: {score: 2, rationale: One site}", "  access: *same"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (alpha, beta)}
    sheet = issue(panel)
    fill(sheet, {"N2": 7, "N3": 3, "O3": "Agreed."})
    run = run_appraise("import", sheet, panel)
    assert run.code == 2
    assert run.err.startswith(f"{beta}:5:12: error: cannot write the agreed score for 'access' here without "
                              "changing other lines: its score for 'access' is shared through a YAML anchor (&)")
    assert {p: p.read_bytes() for p in (alpha, beta)} == before


def test_a_renamed_moderation_sheet_and_a_changed_frame_are_named(panel: Path) -> None:
    sheet = issue(panel)
    book = openpyxl.load_workbook(sheet)
    book["Moderation"].title = "Meeting"
    book.save(sheet)
    criteria = panel / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("max: 10", "max: 12"), encoding="utf-8")
    run = run_appraise("import", sheet, panel)
    assert run.code == 2
    lines = run.err.splitlines()
    assert lines[0].startswith(f"{sheet}:Appraise!B3: error: this scoresheet was issued for other criteria")
    assert lines[1] == (f"{sheet}:Meeting!A1: error: the sheet 'Moderation' is missing; the workbook has "
                        "'Meeting': give the sheet its name back (right-click its tab, then Rename) and import again")


def test_a_moderation_sheet_needs_a_panel_and_no_assessor(panel: Path, tmp_path: Path) -> None:
    both = run_appraise("scoresheet", panel, "--moderation", "--assessor", "ann", "--output", tmp_path / "m.xlsx")
    assert both.code == 2 and "leave out --assessor" in both.err
    neither = run_appraise("scoresheet", panel, "--output", tmp_path / "m.xlsx")
    assert neither.code == 2 and "--moderation" in neither.err
    shutil.rmtree(panel / "assessments")
    none = run_appraise("scoresheet", panel, "--moderation", "--output", tmp_path / "m.xlsx")
    assert none.code == 2 and "no assessors' files" in none.err and not (tmp_path / "m.xlsx").exists()


def test_an_option_file_saved_on_windows_keeps_its_line_endings(panel: Path) -> None:
    beta = panel / "options" / "beta.yaml"
    beta.write_bytes(beta.read_bytes().replace(b"\n", b"\r\n"))
    before = beta.read_bytes()
    sheet = issue(panel)
    fill(sheet, {"N5": 7})
    assert run_appraise("import", sheet, panel).code == 0
    after = beta.read_bytes()
    assert after.count(b"\r\n") == after.count(b"\n") == before.count(b"\n")
    assert after == before.replace(b"quality: {score: 9,", b"quality: {score: 7,")

"""`appraise scoresheet` and `appraise import` (docs/spreadsheets.md): out to Excel and back."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from conftest import REPO, make_appraisal, run_appraise

CRITERIA: dict[str, Any] = {
    "title": "Day services",
    "date": "2025-03-14",
    "scale": {"min": 0, "max": 5, "labels": {0: "Unacceptable", 5: "Excellent"}},
    "criteria": [
        {"id": "quality", "name": "Quality", "weight": 60, "criteria": [
            {"id": "users", "name": "Users' experience", "weight": 1, "description": "What users say."},
            {"id": "safety", "name": "Safety", "weight": 1, "scale": {"min": 1, "max": 10}},
        ]},
        {"id": "cost", "name": "Cost", "weight": 40, "measure": "annual_cost", "direction": "lower"},
    ],
}
OPTIONS: dict[str, dict[str, Any]] = {
    "in-house": {"name": "In-house", "costs": {"annual": 100}, "scores": {"users": 3, "safety": 7}},
    "tender": {"name": "Tender", "costs": {"annual": 80}, "scores": {"users": 4, "safety": 5}},
    "close": {"name": "Close it", "status": "discounted", "reason": "Statutory duty."},
}


def run_issue(root: Path, out: Path) -> Path:
    run = run_appraise("scoresheet", root, "--assessor", "jo", "--output", out)
    assert run.code == 0, run.err
    return out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    criteria = {**CRITERIA, "date": dt.date(2025, 3, 14)}
    return make_appraisal(tmp_path / "a", criteria, OPTIONS)


def issue(folder: Path, assessor: str = "jo", *extra: str) -> Path:
    out = folder.parent / f"{assessor}.xlsx"
    run = run_appraise("scoresheet", folder, "--assessor", assessor, "--output", out, *extra)
    assert run.code == 0, run.err
    return out


def fill(path: Path, answers: dict[str, Any], scores: dict[str, Any]) -> None:
    """Fill the sheet as a person would: answers in column B, scores and rationales by row."""
    book = openpyxl.load_workbook(path)
    for cell, value in answers.items():
        book["Assessor"][cell] = value
    for cell, value in scores.items():
        book["Scores"][cell] = value
    book.save(path)


def test_the_scoresheet_is_a_protected_form_with_a_row_per_option_and_judged_criterion(folder: Path) -> None:
    book = openpyxl.load_workbook(issue(folder, "jo", "--name", "Jo Bloggs"))
    assert book.sheetnames == ["Assessor", "Scores", "Criteria", "Appraise"]
    who = book["Assessor"]
    assert [who.cell(r, 1).value for r in range(1, 5)] == ["Name", "Role", "Interests", "Date"]
    assert who["B1"].value == "Jo Bloggs"
    scores = book["Scores"]
    assert [c.value for c in scores[1]][:6] == ["Option id", "Option", "Criterion id", "Criterion", "Score",
                                                "Rationale"]
    rows = [[c.value for c in row][:4] for row in scores.iter_rows(min_row=2)]
    assert rows == [["in-house", "In-house", "users", "Users' experience"], ["in-house", "In-house", "safety",
                                                                             "Safety"],
                    ["tender", "Tender", "users", "Users' experience"], ["tender", "Tender", "safety", "Safety"]]
    checks = {str(v.sqref): v for v in scores.data_validations.dataValidation}
    assert checks["E2 E4"].formula1 == '"0,0.5,1,1.5,2,2.5,3,3.5,4,4.5,5"'
    assert "0 Unacceptable; 5 Excellent" in checks["E2 E4"].prompt
    assert checks["E3 E5"].formula1 == '"' + ",".join(f"{k / 2:g}" for k in range(2, 21)) + '"'
    assert all(s.protection.sheet and not s.protection.password for s in book)
    assert not scores["E2"].protection.locked and not scores["F5"].protection.locked
    assert scores["A2"].protection.locked and scores["E1"].protection.locked
    assert not who["B3"].protection.locked and who["A3"].protection.locked
    assert scores.freeze_panes == "A2"
    assert scores.page_setup.orientation == "landscape" and scores.page_setup.paperSize == 9  # A4
    assert book["Appraise"].sheet_state == "hidden"
    assert book["Criteria"]["F3"].value == "What users say."
    assert book.properties.created == dt.datetime(2025, 3, 14)


def test_each_row_is_as_tall_as_its_wrapped_text(tmp_path: Path) -> None:
    """A spreadsheet program keeps the height the file gives a row, so wrapped text printed
    over the next row until each row was given the lines it needs (the reference's long
    criterion names take three lines in their 28-character column)."""
    book = openpyxl.load_workbook(run_issue(REPO, tmp_path / "s.xlsx"))
    sheet = book["Scores"]
    heights = {r: sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)}
    assert all(h is not None and h >= 15 for h in heights.values())
    long = next(r for r in heights if len(str(sheet.cell(r, 4).value)) > 60)
    assert heights[long] >= 45, (sheet.cell(long, 4).value, heights[long])


def test_the_same_folder_gives_the_same_bytes(folder: Path, tmp_path: Path) -> None:
    first = issue(folder).read_bytes()
    assert issue(folder).read_bytes() == first


def test_a_filled_sheet_imports_into_the_assessors_file(folder: Path) -> None:
    sheet = issue(folder, "jo", "--name", "Jo Bloggs")
    fill(sheet, {"B2": "Commissioner", "B3": "None declared", "B4": dt.datetime(2025, 3, 20)},
         {"E2": 4, "F2": "Users praise the staff.", "E3": 9, "E4": " 2 "})  # E5 left empty: an abstention
    run = run_appraise("import", sheet, folder)
    assert run.code == 0, run.err
    written = yaml.safe_load((folder / "assessments" / "jo.yaml").read_text(encoding="utf-8"))
    assert written == {
        "name": "Jo Bloggs", "role": "Commissioner", "interests": "None declared", "date": dt.date(2025, 3, 20),
        "scores": {"in-house": {"users": {"score": 4, "rationale": "Users praise the staff."}, "safety": 9},
                   "tender": {"users": 2}},
    }
    assert run_appraise("panel", folder).code == 0
    again = run_appraise("import", sheet, folder)
    assert again.code == 0 and "left as it is" in again.out


def test_a_tender_evaluations_sheets_speak_of_tenders_and_still_import(tmp_path: Path) -> None:
    suppliers = {"in-house": "Council Services", "tender": "Acme Care Ltd"}
    options = {k: ({**v, "supplier": {"name": suppliers[k]}} if k in suppliers else v) for k, v in OPTIONS.items()}
    tenders = make_appraisal(tmp_path / "t", {**CRITERIA, "date": dt.date(2025, 3, 14)}, options)
    sheet = issue(tenders, "jo", "--name", "Jo Bloggs")
    book = openpyxl.load_workbook(sheet)
    assert [c.value for c in book["Scores"][1]][:3] == ["Tender id", "Tender", "Criterion id"]
    assert "interest in the tenders or their suppliers" in book["Assessor"]["A6"].value
    fill(sheet, {"B2": "Commissioner", "B3": "None declared", "B4": dt.datetime(2025, 3, 20)}, {"E2": 4})
    run = run_appraise("import", sheet, tenders)
    assert run.code == 0, run.err
    written = yaml.safe_load((tenders / "assessments" / "jo.yaml").read_text(encoding="utf-8"))
    assert written["scores"] == {"in-house": {"users": 4}}
    scored = tmp_path / "scores.xlsx"
    assert run_appraise("score", tenders, "--output", scored).code == 0
    book = openpyxl.load_workbook(scored)
    assert [c.value for c in book["Ranking"][1]] == ["Tender id", "Tender", "Total", "Rank"]
    assert [c.value for c in book["Options"][1]][:2] == ["Tender id", "Tender"]


def test_existing_scores_are_filled_in_and_other_content_needs_force(folder: Path) -> None:
    sheet = issue(folder, "jo", "--name", "Jo")
    fill(sheet, {"B3": "None declared"}, {"E2": 1})
    assert run_appraise("import", sheet, folder).code == 0
    book = openpyxl.load_workbook(issue(folder, "jo"))
    assert (book["Assessor"]["B1"].value, book["Assessor"]["B3"].value, book["Scores"]["E2"].value) == (
        "Jo", "None declared", 1)
    fill(sheet, {}, {"E2": 2})
    refused = run_appraise("import", sheet, folder)
    assert refused.code == 2 and "--force" in refused.err
    assert yaml.safe_load((folder / "assessments" / "jo.yaml").read_text())["scores"] == {"in-house": {"users": 1}}
    assert run_appraise("import", sheet, folder, "--force").code == 0
    assert yaml.safe_load((folder / "assessments" / "jo.yaml").read_text())["scores"] == {"in-house": {"users": 2}}


def test_every_problem_is_located_at_its_cell_and_nothing_is_written(folder: Path) -> None:
    sheet = issue(folder)
    fill(sheet, {"B3": "  ", "B4": "next week"}, {"E2": 7, "E3": "good", "E4": True, "F5": "No view."})
    run = run_appraise("import", sheet, folder)
    assert run.code == 2 and "Traceback" not in run.err
    name = str(sheet)
    assert run.err.splitlines() == [
        f"{name}:Assessor!B1: error: the assessor's name is empty: write it in B1",
        (f"{name}:Assessor!B3: error: the declaration of interests is empty: write what the assessor declared, "
        "or 'None declared' if there was nothing to declare"),
        f"{name}:Assessor!B4: error: 'next week' is not a date: write the date as yyyy-mm-dd, for example 2025-03-14",
        f"{name}:Scores!E2: error: score 7 for 'users' of 'in-house' is outside the scale 0 to 5",
        (f"{name}:Scores!E3: error: 'good' is not a score for 'safety' of 'in-house': write a number on the "
        "scale 1 to 10 (or leave it empty to abstain)"),
        (f"{name}:Scores!E4: error: 'TRUE' is not a score for 'users' of 'tender': write a number on the scale "
        "0 to 5: 0 Unacceptable; 5 Excellent (or leave it empty to abstain)"),
        (f"{name}:Scores!E5: error: a rationale but no score for 'safety' of 'tender': give the score, or clear "
        "the rationale to abstain"),
    ]
    assert not (folder / "assessments").exists()


def test_a_workbook_that_is_not_a_scoresheet_is_refused(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(other)
    run = run_appraise("import", other, folder)
    assert run.code == 2
    assert run.err.startswith(f"{other}:Sheet!A1: error: this workbook is not an appraise scoresheet")
    text = tmp_path / "notes.xlsx"
    text.write_text("not a zip", encoding="utf-8")
    run = run_appraise("import", text, folder)
    assert run.code == 2 and run.err.startswith(f"{text}:1:1: error: not an Excel workbook")


@pytest.mark.parametrize(("change", "said"), [
    (lambda c, o: c["criteria"][0]["criteria"].append({"id": "access", "name": "Access", "weight": 1}),
     "criterion 'access' was added"),
    (lambda c, o: c["criteria"][0]["criteria"][1].update(scale={"min": 0, "max": 10}),
     "the scale of 'safety' changed from 1 to 10 to 0 to 10"),
    (lambda c, o: o["tender"].update(status="discounted", reason="Market test failed."),
     "option 'tender' is gone from the shortlist"),
])
def test_a_sheet_issued_for_other_criteria_says_what_changed(folder: Path, change: Any, said: str) -> None:
    sheet = issue(folder)
    fill(sheet, {"B1": "Jo", "B3": "None declared"}, {"E2": 3})
    criteria = {**CRITERIA, "date": dt.date(2025, 3, 14)}
    criteria["criteria"] = [dict(CRITERIA["criteria"][0],
                                 criteria=[dict(c) for c in CRITERIA["criteria"][0]["criteria"]]),
                            CRITERIA["criteria"][1]]
    options = {k: dict(v) for k, v in OPTIONS.items()}
    change(criteria, options)
    if "access" in str(criteria):
        for o in options.values():
            if o.get("status") != "discounted":
                o["scores"] = {**o["scores"], "access": 3}
    shutil.rmtree(folder / "options")
    make_appraisal(folder, criteria, options)
    run = run_appraise("import", sheet, folder)
    assert run.code == 2
    assert f"{sheet}:Appraise!B3: error: this scoresheet was issued for other criteria or options" in run.err
    assert said in run.err


def test_a_scoresheet_saved_by_libreoffice_still_imports(folder: Path, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice not installed (CI=true: .ci/run must install it)")
        pytest.skip("soffice not installed")
    sheet = issue(folder, "jo", "--name", "Jo")
    fill(sheet, {"B3": "None declared", "B4": dt.datetime(2025, 3, 20)}, {"E2": 4, "F2": "Good.", "E5": 10})
    saved = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", saved, sheet], check=True, capture_output=True,
                   timeout=240)
    run = run_appraise("import", saved / "jo.xlsx", folder)
    assert run.code == 0, run.err
    written = yaml.safe_load((folder / "assessments" / "jo.yaml").read_text(encoding="utf-8"))
    assert written == {"name": "Jo", "interests": "None declared", "date": dt.date(2025, 3, 20),
                       "scores": {"in-house": {"users": {"score": 4, "rationale": "Good."}}, "tender": {"safety": 10}}}


def test_a_workbook_too_big_to_be_a_scoresheet_is_refused_unopened(folder: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import appraisal.load.workbook as reader
    import appraisal.load.xlsxguard as guard

    sheet = issue(folder)
    monkeypatch.setattr(guard, "MAX_BYTES", sheet.stat().st_size - 1)
    run = run_appraise("import", sheet, folder)
    assert run.code == 2 and f"{sheet}:1:1: error: the workbook is" in run.err
    monkeypatch.setattr(guard, "MAX_BYTES", 10**9)
    monkeypatch.setattr(reader, "MAX_UNPACKED", 1000)
    run = run_appraise("import", sheet, folder)
    assert run.code == 2 and "unpacks to" in run.err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_workbook_whose_xml_declares_entities_is_refused(folder: Path, tmp_path: Path, encoding: str) -> None:
    """In any encoding: a UTF-16 part once slipped past a check of the raw bytes."""
    import zipfile

    sheet = issue(folder)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(sheet) as source, zipfile.ZipFile(bomb, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":  # the start of a "billion laughs"
                text = data.decode("utf-8").replace("<workbook ", (
                    '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><workbook '), 1)
                data = text.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"').encode(encoding)
            target.writestr(name, data)
    run = run_appraise("import", bomb, folder)
    assert run.code == 2 and run.err.startswith(
        f"{bomb}:1:1: error: the workbook's part xl/workbook.xml declares a document type or XML entities"), run.err


# --- a scoresheet an assessor can fill in without a briefing -----------------------------


def test_the_sheet_says_what_it_is_and_how_to_fill_it_in(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", {**CRITERIA, "date": dt.date(2025, 3, 14),
                                              "organisation": "Bath & North East Somerset Council"}, OPTIONS)
    book = openpyxl.load_workbook(issue(folder, "jo", "--name", "Jo Bloggs"))
    who = book["Assessor"]
    text = [str(who.cell(r, 1).value) for r in range(6, who.max_row + 1) if who.cell(r, 1).value]
    assert "Day services" in text and "Bath & North East Somerset Council" in text
    assert any(t.startswith("How to fill in this scoresheet") and "whole points and halves" in t for t in text)
    assert book.active.title == "Assessor"
    scores = book["Scores"]
    for sheet, cells in ((who, ["B1", "B2", "B3", "B4"]), (scores, ["E2", "F2", "E5", "F5"])):
        for name in cells:
            cell = sheet[name]
            assert not cell.protection.locked and cell.fill.fgColor.rgb.endswith("FFF2CC"), name
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", name
    assert scores["A2"].fill.fgColor.rgb in (None, "00000000") and scores["A2"].protection.locked
    for sheet in (who, scores, book["Criteria"]):
        header, footer = sheet.oddHeader, sheet.oddFooter
        assert header.left.text == "Scoresheet: Jo Bloggs" and header.center.text == "OFFICIAL-SENSITIVE"
        assert header.right.text == "Day services"
        assert footer.left.text == "Bath && North East Somerset Council"  # '&' is a code in Excel's headers
        assert footer.right.text == "Page &P of &N"


def test_each_row_shows_the_criterions_share_of_the_whole(folder: Path) -> None:
    """users and safety share quality's 60 equally: 30% each of the whole, by hand."""
    scores = openpyxl.load_workbook(issue(folder))["Scores"]
    assert scores["H1"].value == "Weight"
    assert [scores.cell(r, 8).value for r in range(2, 6)] == pytest.approx([0.3, 0.3, 0.3, 0.3])
    assert scores["H2"].number_format == "0.0%"
    criteria = openpyxl.load_workbook(issue(folder))["Criteria"]
    assert [criteria.cell(r, 4).value for r in range(2, 6)] == pytest.approx([0.6, 0.3, 0.3, 0.4])


def test_a_half_score_off_the_sheets_steps_is_refused_with_the_rule(folder: Path) -> None:
    sheet = issue(folder)
    fill(sheet, {"B1": "Jo", "B3": "None declared"}, {"E2": 3.5, "E3": 7.25, "E4": 4.5})
    run = run_appraise("import", sheet, folder)
    assert run.code == 2
    assert run.err.splitlines() == [
        (f"{sheet}:Scores!E3: error: score 7.25 for 'safety' of 'in-house' is not a score the sheet offers: "
         "choose whole points and halves from 1 to 10"),
    ]


def test_a_renamed_sheet_is_named_with_the_other_problems(folder: Path) -> None:
    sheet = issue(folder)
    book = openpyxl.load_workbook(sheet)
    book["Scores"].title = "My scores"
    book["Assessor"]["B3"] = None
    book.save(sheet)
    run = run_appraise("import", sheet, folder)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.splitlines() == [
        f"{sheet}:Assessor!B1: error: the assessor's name is empty: write it in B1",
        (f"{sheet}:Assessor!B3: error: the declaration of interests is empty: write what the assessor declared, "
         "or 'None declared' if there was nothing to declare"),
        (f"{sheet}:My scores!A1: error: the sheet 'Scores' is missing; the workbook has 'My scores': give the "
         "sheet its name back (right-click its tab, then Rename) and import again"),
    ]


def test_a_refused_reimport_lists_what_changed_and_an_import_lists_abstentions(folder: Path) -> None:
    sheet = issue(folder, "jo", "--name", "Jo")
    fill(sheet, {"B3": "None declared"}, {"E2": 3, "F2": "Fine.", "E3": 8})
    first = run_appraise("import", sheet, folder)
    assert first.code == 0, first.err
    assert first.out.splitlines()[1:] == [
        "Taken as abstentions (Score left empty): 2",
        f"  {sheet}:Scores!E4 ('users' of 'tender')",
        f"  {sheet}:Scores!E5 ('safety' of 'tender')",
    ]
    fill(sheet, {"B2": "Chair"}, {"E2": 1, "E3": None, "E4": 2})
    refused = run_appraise("import", sheet, folder)
    assert refused.code == 2
    assert refused.err.splitlines()[1:] == [
        f"  {sheet}:Assessor!B2: empty → 'Chair'",
        f"  {sheet}:Scores!E2: 3 → 1",
        f"  {sheet}:Scores!E3: 8 → none",
        f"  {sheet}:Scores!E4: none → 2",
    ]
    assert refused.err.splitlines()[0].endswith("give --force to replace it with the scoresheet's. "
                                                 "The scoresheet changes:")

"""No text from the YAML becomes a formula in a workbook appraise writes (docs/spreadsheets.md).

Every text that reaches a cell (option and criterion names, descriptions, scale labels, the
assessor's name, role, declaration and rationales) is planted starting with a character that
makes a spreadsheet read it as a formula; the written file's XML must hold each as a string
cell, never an ``<f>``, with the quote prefix that keeps it text when edited, and LibreOffice,
recalculating, must show each as written (a formula would show its result instead).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import make_appraisal, run_appraise, write_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_score_xlsx import need_soffice, recalculate

TEXTS = {
    "option": '=CONCAT("zq","option")',
    "criterion": '+CONCAT("zq","criterion")',
    "description": "-1+2+LEN(\"zq\")",
    "label": '@CONCAT("zq","label")',
    "name": '=CONCAT("zq","name")',
    "role": "=1+2",
    "interests": '=WEBSERVICE("http://127.0.0.1:9/zq")',
    "rationale": '=HYPERLINK("http://127.0.0.1:9/zq","zq")',
    "tab": "\t=1+2",
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    criteria: dict[str, Any] = {
        "title": "Day services", "date": dt.date(2025, 3, 14),
        "scale": {"min": 0, "max": 5, "labels": {0: TEXTS["label"]}},
        "criteria": [{"id": "users", "name": TEXTS["criterion"], "weight": 1, "description": TEXTS["description"]},
                     {"id": "tab", "name": TEXTS["tab"], "weight": 1}],
    }
    options = {"bad": {"name": TEXTS["option"], "scores": {"users": 3, "tab": 1}},
               "good": {"name": "Good", "scores": {"users": 4, "tab": 2}}}
    folder = make_appraisal(tmp_path / "a", criteria, options)
    write_yaml(folder / "assessments" / "jo.yaml", {
        "name": "Jo", "role": TEXTS["role"], "interests": TEXTS["interests"],
        "scores": {"bad": {"users": {"score": 2, "rationale": TEXTS["rationale"]}}}})
    return folder


def written(folder: Path) -> list[Path]:
    sheet, scores = folder.parent / "jo.xlsx", folder.parent / "scores.xlsx"
    run = run_appraise("scoresheet", folder, "--assessor", "jo", "--name", TEXTS["name"], "--output", sheet)
    assert run.code == 0, run.err
    run = run_appraise("score", folder, "--format", "xlsx", "--output", scores)
    assert run.code == 0, run.err
    return [sheet, scores]


def cells_of(book: Path) -> list[tuple[str, str, str, str]]:
    """(part, cell, formula, inline text) of every cell in the workbook's XML."""
    found = []
    with zipfile.ZipFile(book) as archive:
        for part in archive.namelist():
            if part.startswith("xl/worksheets/") and part.endswith(".xml"):
                xml = archive.read(part).decode("utf-8")
                for ref, body in re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>(.*?)</c>)', xml, re.S):
                    formula = re.search(r"<f>(.*?)</f>", body, re.S)
                    text = re.search(r"<is><t[^>]*>(.*?)</t></is>", body, re.S)
                    found.append((part, ref, formula.group(1) if formula else "", text.group(1) if text else ""))
    return found


def unescape(xml: str) -> str:
    return xml.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_no_text_is_written_as_a_formula(hostile: Path) -> None:
    for book in written(hostile):
        cells = cells_of(book)
        assert not [c for c in cells if "zq" in c[2] or c[2] == "1+2"], book.name
        texts = {unescape(c[3]) for c in cells}
        shown = {k for k, v in TEXTS.items() if v in texts or any(t.startswith(v) for t in texts)}
        assert shown >= ({"option", "criterion"} if book.name == "scores.xlsx" else set(TEXTS) - {"label"}), (
            book.name, shown)
        loaded = openpyxl.load_workbook(book)
        for sheet in loaded:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value in TEXTS.values():
                        assert cell.data_type == "s" and cell.quotePrefix, (book.name, sheet.title, cell.coordinate)


def test_libreoffice_recalculating_shows_each_text_as_written(hostile: Path, tmp_path: Path) -> None:
    need_soffice()
    books = written(hostile)
    for before, after in zip(books, recalculate(books, tmp_path), strict=True):
        planted = {(s.title, c.coordinate): c.value for s in openpyxl.load_workbook(before) for row in s.iter_rows()
                   for c in row if isinstance(c.value, str) and "zq" in c.value}
        assert planted, before.name
        shown = openpyxl.load_workbook(after, data_only=True)
        assert {k: shown[k[0]][k[1]].value for k in planted} == planted


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=150, deadline=None)
@given(start=st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "=="]), rest=TEXT)
def test_the_writer_keeps_any_text_a_string_cell(start: str, rest: str) -> None:
    """Whatever the text, the one writer stores it as text, read back unchanged; a formula only
    when appraise made it one."""
    from openpyxl import Workbook

    from appraisal.render.xlsx.cells import Formula, append, put
    from appraisal.text import formula_like

    text = start + rest
    book = Workbook()
    sheet = book.active
    append(sheet, [text, Formula("=1+2"), 3])
    put(sheet, 2, 1, text)
    saved = io.BytesIO()
    book.save(saved)
    with zipfile.ZipFile(saved) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert re.findall(r"<f>(.*?)</f>", xml) == ["1+2"]
    again = openpyxl.load_workbook(io.BytesIO(saved.getvalue()))
    for cell in (again.active["A1"], again.active["A2"]):
        assert cell.value == (text or None) and (cell.data_type == "s" or not text)
        assert bool(cell.quotePrefix) == formula_like(text)

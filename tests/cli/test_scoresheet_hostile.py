"""`appraise import` of damaged and hostile workbooks (docs/reliability.md, Workbooks).

Whatever the file holds, the answer is an import or exit 2 with a message naming the file (at
the cell where there is one), never an internal error (exit 70), a traceback or a library's
warning, and within seconds and a bounded amount of memory. The fuzz test damages every part
of a real, filled scoresheet in each way a file gets damaged, so that a new exception type
from a library shows up here rather than in front of an officer.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import resource
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from conftest import make_appraisal, run_appraise
from openpyxl.chart import BarChart, Reference
from test_scoresheet import CRITERIA, OPTIONS, fill, issue

SECONDS = 10
"""Each import of a hostile workbook is answered within this (they take well under a second)."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_appraisal(tmp_path / "a", {**CRITERIA, "date": dt.date(2025, 3, 14)}, OPTIONS)


@pytest.fixture
def filled(folder: Path) -> Path:
    sheet = issue(folder, "jo", "--name", "Jo")
    fill(sheet, {"B3": "None declared", "B4": dt.datetime(2025, 3, 20)}, {"E2": 4, "F2": "Good.", "E5": 10})
    return sheet


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(parts: dict[str, bytes], out: Path) -> Path:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def part_named(parts: dict[str, bytes], sheet: str) -> str:
    """The part holding the sheet called ``sheet`` (openpyxl numbers them in order)."""
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"', parts["xl/workbook.xml"])
    return f"xl/worksheets/sheet{names.index(sheet.encode()) + 1}.xml"


def with_cell(parts: dict[str, bytes], sheet: str, ref: str, xml: str) -> dict[str, bytes]:
    """``parts`` with the cell ``ref`` of ``sheet`` replaced by (or given) the XML ``xml``."""
    name = part_named(parts, sheet)
    text = parts[name].decode()
    cell = re.search(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', text, re.S)
    if cell:
        text = text[:cell.start()] + xml + text[cell.end():]
    else:
        row = re.search(rf'<row r="{re.sub("[A-Z]", "", ref)}"[^>]*>', text)
        assert row, ref
        text = text[:row.end()] + xml + text[row.end():]
    return {**parts, name: text.encode()}


def answer(path: Path, folder: Path) -> tuple[int, str]:
    """Import ``path``, checking the promise that holds for every input; the exit code and messages."""
    start = time.monotonic()
    run = run_appraise("import", path, folder, timeout=60)
    took = time.monotonic() - start
    assert took < SECONDS, (path.name, took)
    assert run.code in (0, 2), (path.name, run.code, run.err[-2000:])
    assert "Traceback" not in run.err and "Warning" not in run.err, run.err[-2000:]
    if run.code == 2:
        assert run.err and all(line.startswith(f"{path}:") for line in run.err.splitlines()), run.err[-2000:]
    return run.code, run.err


def damaged(parts: dict[str, bytes], rng: random.Random) -> dict[str, Callable[[bytes], bytes | None]]:
    """Ways to damage one part: None removes it."""
    def flip(data: bytes) -> bytes:
        raw = bytearray(data)
        for _ in range(max(1, len(raw) // 200)):
            if raw:
                raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)

    return {
        "empty": lambda data: b"",
        "truncated": lambda data: data[: len(data) // 2],
        "wrong root": lambda data: b'<?xml version="1.0" encoding="UTF-8"?><html><body>x</body></html>',
        "removed": lambda data: None,
        "garbage": lambda data: rng.randbytes(max(16, len(data) // 4)),
        "flipped 1": flip,
        "flipped 2": flip,
        "flipped 3": flip,
    }


def test_every_part_damaged_every_way_is_refused_with_the_file_named(filled: Path, folder: Path,
                                                                     tmp_path: Path) -> None:
    rng = random.Random(24)
    parts = members(filled)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    codes: dict[int, int] = {}
    for name in parts:  # a part openpyxl does not read (the theme, docProps) may be damaged harmlessly
        for how, damage in damaged(parts, rng).items():
            data = damage(parts[name])
            changed = {k: v for k, v in parts.items() if k != name} | ({} if data is None else {name: data})
            code, _ = answer(rezip(changed, tmp_path / f"{name.replace('/', '_')} {how}.xlsx"), folder)
            codes[code] = codes.get(code, 0) + 1
    assert codes.get(2, 0) > len(parts) * 4, codes
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown < 300_000, f"{grown} KB more memory at peak"  # ru_maxrss is in KB on Linux


def test_damage_to_the_zip_itself_is_refused(filled: Path, folder: Path, tmp_path: Path) -> None:
    raw = filled.read_bytes()
    rng = random.Random(7)
    for n in range(40):
        broken = bytearray(raw)
        for _ in range(1 + n % 5):
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        path = tmp_path / f"flip{n}.xlsx"
        path.write_bytes(bytes(broken))
        answer(path, folder)
    for cut in (10, len(raw) // 3, len(raw) - 30):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(raw[:cut])
        assert answer(path, folder)[0] == 2


def test_a_damaged_compressed_stream_is_refused_naming_the_part(filled: Path, folder: Path, tmp_path: Path) -> None:
    raw = bytearray(filled.read_bytes())
    with zipfile.ZipFile(filled) as archive:
        info = archive.getinfo("xl/styles.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    raw[start + 20:start + 60] = bytes(40)
    path = tmp_path / "stream.xlsx"
    path.write_bytes(bytes(raw))
    code, err = answer(path, folder)
    assert code == 2 and "xl/styles.xml" in err, err


def test_members_encrypted_with_a_password_are_refused(filled: Path, folder: Path, tmp_path: Path) -> None:
    raw = bytearray(filled.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
        for found in re.finditer(re.escape(signature), bytes(raw)):
            flag = struct.unpack_from("<H", raw, found.start() + offset)[0]
            struct.pack_into("<H", raw, found.start() + offset, flag | 1)
    path = tmp_path / "locked.xlsx"
    path.write_bytes(bytes(raw))
    code, err = answer(path, folder)
    assert code == 2 and "is encrypted with a password" in err, err
    ole = tmp_path / "excel-password.xlsx"  # what Excel's Encrypt with Password writes: an OLE file
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le"))
    code, err = answer(ole, folder)
    assert code == 2 and "protected with a password: remove it" in err, err


@pytest.mark.parametrize("part", ["xl/styles.xml", "xl/workbook.xml"])
def test_a_missing_or_malformed_styles_or_workbook_part_is_refused(filled: Path, folder: Path, tmp_path: Path,
                                                                   part: str) -> None:
    parts = members(filled)
    missing = rezip({k: v for k, v in parts.items() if k != part}, tmp_path / "missing.xlsx")
    assert answer(missing, folder)[0] == 2
    malformed = rezip({**parts, part: parts[part][:-20]}, tmp_path / "malformed.xlsx")
    code, err = answer(malformed, folder)
    assert code == 2 and f"its part {part} is not well-formed XML (line" in err, err


def test_a_chart_in_place_of_a_sheet_is_refused_at_the_sheet(filled: Path, folder: Path, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(filled)
    at = book.sheetnames.index("Scores")
    book.remove(book["Scores"])
    chart = BarChart()
    chart.add_data(Reference(book["Criteria"], min_col=3, max_col=3, min_row=1, max_row=4))
    book.create_chartsheet("Scores", at).add_chart(chart)
    book.save(tmp_path / "chart.xlsx")
    code, err = answer(tmp_path / "chart.xlsx", folder)
    assert code == 2 and err.startswith(f"{tmp_path / 'chart.xlsx'}:Scores!A1: error: the sheet Scores is a chart"), err


@pytest.mark.parametrize("frame", ["[" * 200_000, '{"criteria": 5}', '{"criteria": [1], "options": [2]}',
                                   '{"criteria": [{"id": "x", "parent": null, "scale": ["a", {}]}]}'])
def test_a_damaged_fingerprint_says_the_criteria_changed(filled: Path, folder: Path, tmp_path: Path,
                                                         frame: str) -> None:
    book = openpyxl.load_workbook(filled)
    meta = book["Appraise"]
    meta["B3"] = "0" * 64
    meta.delete_rows(4, meta.max_row)
    for start in range(0, len(frame), 30_000):
        meta.append(["frame", frame[start:start + 30_000]])
    book.save(tmp_path / "frame.xlsx")
    code, err = answer(tmp_path / "frame.xlsx", folder)
    assert code == 2 and "Appraise!B3: error: this scoresheet was issued for other criteria or options than the " \
        "appraisal has now (the criteria tree changed)" in err, err


@pytest.mark.parametrize(("stored", "said"), [
    ("NaN", "'NaN' where a number should be"),
    ("-INF", "'-INF' where a number should be"),
    ("9" * 5_000, "where a number should be"),
    ("1e999", "'1e999' where a number should be"),
])
def test_a_number_no_spreadsheet_writes_is_refused_at_its_cell(filled: Path, folder: Path, tmp_path: Path,
                                                               stored: str, said: str) -> None:
    parts = with_cell(members(filled), "Scores", "E3", f'<c r="E3"><v>{stored}</v></c>')
    path = rezip(parts, tmp_path / "number.xlsx")
    code, err = answer(path, folder)
    assert code == 2 and err.startswith(f"{path}:Scores!E3: error: the cell holds"), err
    assert said in err


def test_a_formula_with_no_stored_value_is_refused_not_read_as_an_abstention(filled: Path, folder: Path,
                                                                            tmp_path: Path) -> None:
    parts = with_cell(members(filled), "Scores", "E3", '<c r="E3"><f>2+2</f></c>')
    path = rezip(parts, tmp_path / "formula.xlsx")
    code, err = answer(path, folder)
    assert code == 2 and err.startswith(f"{path}:Scores!E3: error: the cell holds a formula with no stored value"), err
    valued = rezip(with_cell(members(filled), "Scores", "E3", '<c r="E3"><f>2+2</f><v>4</v></c>'),
                   tmp_path / "valued.xlsx")
    assert answer(valued, folder) == (0, "")


def test_far_away_values_are_refused_at_the_cell_in_a_moment(filled: Path, folder: Path, tmp_path: Path) -> None:
    """A 13 KB scoresheet with one value in the last cell took 30 s and 1 GB: every row was walked."""
    parts = members(filled)
    far = rezip(_append_row(parts, "Scores", 1048576, '<c r="XFD1048576"><v>1</v></c>'), tmp_path / "far.xlsx")
    code, err = answer(far, folder)
    assert code == 2 and err.startswith(f"{far}:Scores!XFD1048576: error: a value far outside a scoresheet"), err
    empty = rezip(_append_row(parts, "Scores", 1048576, '<c r="XFD1048576" s="1"/>'), tmp_path / "empty.xlsx")
    assert answer(empty, folder) == (0, "")  # formatting far away holds nothing to read


def _append_row(parts: dict[str, bytes], sheet: str, row: int, cells: str) -> dict[str, bytes]:
    name = part_named(parts, sheet)
    text = parts[name].decode().replace("</sheetData>", f'<row r="{row}">{cells}</row></sheetData>')
    return {**parts, name: text.encode()}


def test_floods_are_refused_in_a_moment(filled: Path, folder: Path, tmp_path: Path) -> None:
    """A 0.46 MB scoresheet with a flood of shared strings took 215 s."""
    parts = members(filled)
    strings = b"".join([b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main">', b"<si><t>a</t></si>" * 2_000_000, b"</sst>"])
    flood = rezip({**parts, "xl/sharedStrings.xml": strings}, tmp_path / "strings.xlsx")
    assert flood.stat().st_size < 1_000_000
    code, err = answer(flood, folder)
    assert code == 2 and "holds over" in err and "pieces of text" in err, err
    merged = rezip(_merge(parts, "A1:XFD1048576"), tmp_path / "merged.xlsx")
    code, err = answer(merged, folder)
    assert code == 2 and "merges or links cells (A1:XFD1048576)" in err, err
    deep = rezip({**parts, "xl/styles.xml": b"<a>" * 100_000 + b"</a>" * 100_000}, tmp_path / "deep.xlsx")
    code, err = answer(deep, folder)
    assert code == 2 and "nested more than 100 levels" in err, err


def _merge(parts: dict[str, bytes], ref: str) -> dict[str, bytes]:
    name = part_named(parts, "Scores")
    text = parts[name].decode().replace("</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/>'
                                        "</mergeCells>", 1)
    return {**parts, name: text.encode()}


def test_every_problem_is_reported_at_once_a_long_name_too(filled: Path, folder: Path) -> None:
    fill(filled, {"B1": "J" * 301}, {"E2": 9})
    code, err = answer(filled, folder)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2, err
    assert lines[0].startswith(f"{filled}:Assessor!B1: error:") and "300" in lines[0]
    assert lines[1].startswith(f"{filled}:Scores!E2: error: score 9")


def test_openpyxls_warnings_are_not_shown(filled: Path, folder: Path, tmp_path: Path) -> None:
    parts = members(filled)
    name = part_named(parts, "Scores")
    extension = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/'
                 'office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst></worksheet>')
    text = parts[name].decode().replace("</worksheet>", extension)
    path = rezip({**parts, name: text.encode()}, tmp_path / "extension.xlsx")
    with pytest.warns(UserWarning):  # openpyxl does warn about it
        openpyxl.load_workbook(path)
    assert answer(path, folder) == (0, "")


def test_a_zip_of_a_great_many_parts_is_refused_before_they_are_listed(folder: Path, tmp_path: Path) -> None:
    """200,000 empty parts fit in 18 MB; listing them took 7 s and 180 MB."""
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as archive:
        for i in range(70_000):
            archive.writestr(f"{i:x}", b"")
    code, err = answer(many, folder)
    assert code == 2 and "the workbook has over 1,000 parts" in err, err

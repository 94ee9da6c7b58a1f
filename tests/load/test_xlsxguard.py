"""The scan of a workbook before openpyxl reads it (load/xlsxguard.py, load/xlsxparse.py): each
limit at its boundary, and whatever the bytes, the scan answers or raises InputError only."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraisal.errors import InputError
from appraisal.load.xlsxguard import MAX_DEPTH, Limits, scan

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
WORKBOOK = (f'<workbook {MAIN} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Scores" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>')
LIMITS = Limits(rows=10, columns=5, elements=100, others=50, strings=3, unpacked=1_000_000)


def book(tmp_path: Path, cells: str = "", extra: dict[str, bytes] | None = None) -> Path:
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.xml", f"<worksheet {MAIN}><sheetData>{cells}</sheetData></worksheet>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def refused(path: Path, limits: Limits = LIMITS) -> str:
    with pytest.raises(InputError) as caught:
        scan(path, limits)
    return "\n".join(map(str, caught.value.problems))


def test_a_value_is_allowed_up_to_the_last_row_and_column_and_refused_past_them(tmp_path: Path) -> None:
    assert scan(book(tmp_path, '<row r="10"><c r="E10"><v>1</v></c></row>'), LIMITS).unvalued == {}
    said = refused(book(tmp_path, '<row r="11"><c r="A11"><v>1</v></c><c r="F11"/></row>'))
    assert said == (f"{tmp_path / 'b.xlsx'}:Scores!A11: error: a value far outside a scoresheet for this appraisal "
                    "(beyond row 10 or column 5): clear it")
    assert "Scores!F2: error" in refused(book(tmp_path, '<row r="2"><c r="F2" t="s"><v>0</v></c></row>'))


def test_elements_shared_texts_and_nesting_at_their_limits(tmp_path: Path) -> None:
    cells = "".join(f'<row r="{r}"><c r="A{r}"><v>1</v></c></row>' for r in range(1, 10))  # 27 elements
    scan(book(tmp_path, cells * 2 + "<row/>" * 44), LIMITS)  # worksheet, sheetData, 54 and 44: 100
    assert "past 100 XML elements" in refused(book(tmp_path, cells * 2 + "<row/>" * 45))
    sst = f"<sst {MAIN}>" + "<si><t>a</t></si>" * 3 + "</sst>"
    scan(book(tmp_path, extra={"xl/sharedStrings.xml": sst.encode()}), LIMITS)
    assert "holds over 3 pieces of text" in refused(book(tmp_path, extra={
        "xl/sharedStrings.xml": sst.replace("</sst>", "<si><t>b</t></si></sst>").encode()}))
    deep = Limits(rows=10, others=1_000)
    scan(book(tmp_path, extra={"xl/styles.xml": (b"<a>" * MAX_DEPTH + b"</a>" * MAX_DEPTH)}), deep)
    assert "nested more than 100" in refused(book(tmp_path, extra={
        "xl/styles.xml": b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1)}), deep)


def test_a_utf16_part_is_parsed_not_skipped(tmp_path: Path) -> None:
    styles = f'<?xml version="1.0" encoding="UTF-16"?><styleSheet {MAIN}/>'.encode("utf-16")
    scan(book(tmp_path, extra={"xl/styles.xml": styles}), LIMITS)
    bomb = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE s [<!ENTITY a "a">]><styleSheet {MAIN}/>'
    assert "declares a document type" in refused(book(tmp_path, extra={"xl/styles.xml": bomb.encode("utf-16")}))
    utf32 = f"<styleSheet {MAIN}/>".encode("utf-32-be")  # no XML parser of openpyxl's should see it unchecked
    assert "not well-formed" in refused(book(tmp_path, extra={"xl/styles.xml": utf32}))


def test_a_shared_text_index_past_the_table_is_refused_at_the_cell(tmp_path: Path) -> None:
    sst = f"<sst {MAIN}><si><t>a</t></si></sst>".encode()
    cells = '<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>'
    assert "Scores!C2: error: the cell refers to shared text number 2, but the workbook has only 1" in refused(
        book(tmp_path, cells, {"xl/sharedStrings.xml": sst}))


def test_a_long_tag_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    limits = Limits(rows=10)
    attributes = " ".join(f'a{i}="1"' for i in range(200_000))  # 1.7 MB in one tag
    assert "a single XML tag or text of over 1,000,160 bytes" in refused(
        book(tmp_path, extra={"xl/styles.xml": f"<styleSheet {attributes}/>".encode()}), limits)


XMLISH = st.lists(st.sampled_from([
    "<row>", "</row>", '<row r="3">', "<c>", "</c>", '<c r="B2">', '<c r="ZZZZ9">', '<c t="s">', '<c t="b">',
    '<c t="d">', "<v>", "</v>", "<f>", "</f>", "<is><t>", "</t></is>", "1", "NaN", "-1e999", "99999999999",
    "2025-13-45", "&amp;", "&bogus;", "<!DOCTYPE x>", "<?pi?>", "<!-- c -->", "<![CDATA[x]]>", "\x00", "\u00e9",
    '<mergeCell ref="A1:B2"/>', '<mergeCell ref="A1:XFD9"/>', '<mergeCell ref="bad"/>', '<hyperlink ref=""/>',
    "<si>", "</si>", "<a>" * 30, "</a>" * 30,
]), max_size=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=XMLISH, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_whatever_the_bytes_the_scan_answers_or_refuses(tmp_path: Path, pieces: list[str], encoding: str) -> None:
    text = f"<worksheet {MAIN}><sheetData>{''.join(pieces)}</sheetData></worksheet>"
    raw = text.encode(encoding, errors="replace")
    path = book(tmp_path, extra={"xl/worksheets/sheet2.xml": raw, "xl/sharedStrings.xml": raw})
    try:
        scan(path, LIMITS)
    except InputError as exc:
        assert all(str(p).startswith(f"{path}:") for p in exc.problems)

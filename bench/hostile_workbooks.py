"""How long `appraise import` takes, and how much memory, on hostile scoresheets (issue 24).

``python bench/hostile_workbooks.py`` issues a scoresheet for the repository's reference
appraisal, fills it in, builds from it each hostile workbook below (small files that claim or
unpack to a great deal), and imports each in a fresh process, printing the wall time, the
process's peak memory (its own RSS high-water, from ``os.wait4``), the exit code and the start
of the message. ``--appraise PATH`` runs that executable instead (for example another
checkout's ``.venv/bin/appraise``, to compare); ``--timeout`` ends a run that takes longer;
``--only TEXT`` runs only the cases whose name contains TEXT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import default_appraise

REPO = Path(__file__).resolve().parent.parent
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
Parts = dict[str, bytes]


def _scores_part(parts: Parts) -> str:
    return "xl/worksheets/sheet2.xml"  # the scoresheet's second sheet, as openpyxl numbers them


def _in_scores(before: bytes, xml: bytes) -> Callable[[Parts], Parts]:
    def change(parts: Parts) -> Parts:
        name = _scores_part(parts)
        return {**parts, name: parts[name].replace(before, xml, 1)}
    return change


def _shared_strings(count: int) -> Callable[[Parts], Parts]:
    def change(parts: Parts) -> Parts:
        return {**parts, "xl/sharedStrings.xml": b"".join(
            [b'<?xml version="1.0"?><sst ' + MAIN + b">", b"<si><t>a</t></si>" * count, b"</sst>"])}
    return change


def _styles(count: int) -> Callable[[Parts], Parts]:
    def change(parts: Parts) -> Parts:
        styles = parts["xl/styles.xml"]
        at = styles.index(b"</cellXfs>")
        return {**parts, "xl/styles.xml": styles[:at] + b'<xf numFmtId="0" fontId="0"/>' * count + styles[at:]}
    return change


def _letters(column: int) -> bytes:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column).encode()


def _member(name: str, data: bytes) -> Callable[[Parts], Parts]:
    return lambda parts: {**parts, name: data}


CASES: dict[str, Callable[[Parts], Parts]] = {
    "the filled scoresheet (as it should be)": lambda parts: parts,
    "one value in the last cell, XFD1048576": _in_scores(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'),
    "formatting only in the last cell": _in_scores(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>'),
    "a dimension claiming 1,048,576 rows": _in_scores(b"<sheetData>", b"<sheetData>"),  # replaced below
    "2,000,000 shared strings": _shared_strings(2_000_000),
    "15,000 shared strings (within the limit)": _shared_strings(15_000),
    "a shared string of 1,000,000 rich-text runs": _member("xl/sharedStrings.xml", b"".join(
        [b'<?xml version="1.0"?><sst ' + MAIN + b"><si>", b"<r><t>a</t></r>" * 1_000_000, b"</si></sst>"])),
    "2,000,000 cells": _in_scores(b"</sheetData>", b"".join(
        b'<row r="%d">' % r + b"<c><v>1</v></c>" * 20 + b"</row>" for r in range(60, 100_060)) + b"</sheetData>"),
    "1,000,000 cell styles": _styles(1_000_000),
    "19,000 cell styles (within the limit)": _styles(19_000),
    "24,000 values in rows and columns below (within the limits)": _in_scores(b"</sheetData>", b"".join(
        b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (_letters(c), r) for c in range(1, 101))
        + b"</row>" for r in range(60, 300)) + b"</sheetData>"),
    "a merge of the whole sheet": _in_scores(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
    "100,000 levels of nesting": _member("xl/styles.xml", b"<a>" * 100_000 + b"</a>" * 100_000),
    "billion laughs in UTF-16": _member("xl/workbook.xml", (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><workbook ' + MAIN.decode() + '>&i;</workbook>').encode("utf-16")),
    "190 MB of zeros in one part": _member("xl/media/zeros.bin", bytes(190_000_000)),
    "210,000 empty parts": lambda parts: {f"{i:x}": b"" for i in range(210_000)},
    "a 5,000-digit number": _in_scores(b'<c r="E3"', b'<c r="E9"><v>' + b"9" * 5_000 + b'</v></c><c r="E3"'),
}


def _dimension(parts: Parts) -> Parts:
    name = _scores_part(parts)
    text = parts[name]
    start = text.index(b"<dimension")
    end = text.index(b"/>", start) + 2
    return {**parts, name: text[:start] + b'<dimension ref="A1:XFD1048576"/>' + text[end:]}


CASES["a dimension claiming 1,048,576 rows"] = _dimension


def issue(appraise: Path, where: Path) -> tuple[Path, Path]:
    """The reference appraisal copied to ``where`` and a filled scoresheet for it."""
    import openpyxl

    folder = where / "appraisal"
    folder.mkdir()
    shutil.copy(REPO / "criteria.yaml", folder / "criteria.yaml")
    shutil.copytree(REPO / "options", folder / "options")
    sheet = where / "jo.xlsx"
    subprocess.run([str(appraise), "scoresheet", str(folder), "--assessor", "jo", "--output", str(sheet)],
                   check=True, capture_output=True)
    book = openpyxl.load_workbook(sheet)
    book["Assessor"]["B1"], book["Assessor"]["B3"] = "Jo", "None declared"
    book["Assessor"]["B4"] = dt.datetime(2026, 1, 10)
    book["Scores"]["E2"] = 3
    book.save(sheet)
    return folder, sheet


CHILD = """
import os, subprocess, sys, time
timeout, command = float(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
while True:
    pid, status, usage = os.wait4(child.pid, os.WNOHANG)
    if pid:
        code = str(os.waitstatus_to_exitcode(status))
        break
    if time.perf_counter() - start > timeout:
        child.kill()
        pid, status, usage = os.wait4(child.pid, 0)
        code = "killed"
        break
    time.sleep(0.01)
print(time.perf_counter() - start, usage.ru_maxrss, code)
"""
"""Run in a small interpreter of its own, so that the peak measured is the import's alone (a
child forked from this process would start with this process's memory counted)."""


def run(command: list[str], timeout: float) -> tuple[float, float, str, str]:
    """Wall seconds, peak MB, exit code and the first line of standard error of one run."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(timeout), *command], capture_output=True, text=True,
                          check=True)
    wall, peak, code = done.stdout.split()
    first = done.stderr.strip().splitlines()[:1]
    message = first[0].split(": error: ", 1)[-1] if first else ""
    if code == "killed":
        message = f"ended after {timeout:g} s"
    return float(wall), int(peak) / 1024, code, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appraise", type=Path, default=default_appraise(), help="the appraise executable to time")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is ended")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        where = Path(temp)
        folder, sheet = issue(args.appraise, where)
        with zipfile.ZipFile(sheet) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        print(f"{'workbook':52} {'KB':>7} {'seconds':>8} {'peak MB':>8} {'exit':>6}  message")
        for number, (name, build) in enumerate(CASES.items()):
            if args.only not in name:
                continue
            hostile = where / f"case{number}.xlsx"
            with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as archive:
                for part, data in build(parts).items():
                    archive.writestr(part, data)
            wall, peak, code, message = run([str(args.appraise), "import", str(hostile), str(folder)], args.timeout)
            print(f"{name:52} {hostile.stat().st_size / 1024:7.0f} {wall:8.2f} {peak:8.0f} {code:>6}  {message[:90]}",
                  flush=True)
            shutil.rmtree(folder / "assessments", ignore_errors=True)


if __name__ == "__main__":
    main()

"""How the panel, spreadsheet, Word and tender commands' cost grows with the number of options.

``python bench/commands.py --sizes 125 250 500 1000`` generates a synthetic tender evaluation at
each size (:func:`tender_round`: N tenders x 20 criteria, each with a supplier, and four
assessors' files scoring every tender on every judged criterion) and runs, as fresh processes:
``panel``, ``scoresheet`` (write the xlsx), ``import`` (read it back), ``report --format docx``
and ``summaries`` (markdown and docx), with floors that do the same plainly: PyYAML's
CSafeLoader parsing the same files (for ``panel``), openpyxl writing the scoresheet's rows and
reading the scoresheet, python-docx writing the report's tables (their shape and words) with no
styling. Each run's wall time and peak memory (the child's RSS high-water,
``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process per run) are printed, the median
of ``--repeat`` interleaved runs, and the growth as the log-log slope between the two largest
sizes: 1.0 is linear, 2.0 quadratic. ``--appraise PATH`` runs that executable (for example an
installed venv's ``bin/appraise``) instead of this interpreter's; given several, each case runs
with each in turn, interleaved, and each run's CPU time (user + system, with its child processes)
is printed beside its wall time, which depends less on the machine's load.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import default_appraise
from synthetic import generate

ASSESSORS = ("a1", "a2", "a3", "a4")

CHILD = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, used.ru_maxrss, used.ru_utime + used.ru_stime)
"""

YAML_FLOOR = """
import sys, yaml
from pathlib import Path
folder = Path(sys.argv[1])
files = [folder / "criteria.yaml", *sorted((folder / "options").glob("*.yaml")),
         *sorted((folder / "assessments").glob("*.yaml"))]
data = [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files]
"""

XLSX_WRITE_FLOOR = """
import sys
from openpyxl import Workbook
options, criteria = int(sys.argv[1]), int(sys.argv[2])
book = Workbook()
sheet = book.active
sheet.append(["Option id", "Option", "Criterion id", "Criterion", "Score", "Rationale", "Scale"])
for i in range(options):
    for j in range(criteria):
        sheet.append([f"app-{i:05d}", f"Application {i} from Organisation {i}", f"q{j:02d}",
                      f"Quality criterion {j}", (i + j) % 6, None, "0 to 5"])
book.save(sys.argv[3])
"""

XLSX_READ_FLOOR = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1])
cells = [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]
"""

DOCX_FLOOR = """
import sys, zipfile
from docx import Document
from lxml import etree
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
body = etree.fromstring(zipfile.ZipFile(sys.argv[1]).read("word/document.xml"))
document = Document()
for tbl in body.iter(W + "tbl"):  # the report's tables, their shape and words, written plainly
    rows = [["".join(cell.itertext()) for cell in tr.iter(W + "tc")] for tr in tbl.iter(W + "tr")]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
document.save(sys.argv[2])
"""

SUPPLIER = """supplier:
  name: Organisation {i} Ltd
  identifier: "GB-COH-{i:08d}"
  address: {i} Example Street, Bath BA1 1AA
"""


AWARD = """award:
  reference: BENCH-2026-001
  contact: {name: Procurement team, email: procurement@example.gov.uk}
  summaries_sent: 2026-02-23
  notice_published: 2026-02-24
"""
"""What makes the assessment summaries letters (docs/tenders.md)."""


def tender_round(folder: Path, tenders: int, criteria: int, seed: int = 2) -> Path:
    """:func:`synthetic.generate`'s appraisal made a tender evaluation with a panel: a supplier
    in every option file and one ``assessments/`` file per assessor, each score within one
    point of the agreed one (so some items diverge and are flagged)."""
    generate(folder, tenders, criteria)
    with (folder / "criteria.yaml").open("a", encoding="utf-8") as file:
        file.write(AWARD)
    rng = random.Random(seed)
    for i, path in enumerate(sorted((folder / "options").glob("*.yaml"))):
        path.write_text(path.read_text(encoding="utf-8") + SUPPLIER.format(i=i), encoding="utf-8")
    (folder / "assessments").mkdir(exist_ok=True)
    for who in ASSESSORS:
        lines = [f"name: Assessor {who}", "role: Commissioning officer", "interests: None declared", "scores:"]
        for i in range(tenders):
            lines.append(f"  app-{i:05d}:")
            lines.extend(f"    q{j:02d}: {rng.randint(0, 5)}" for j in range(criteria - 1))
        (folder / "assessments" / f"{who}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds: user + system) of one fresh process running
    ``command``, its own child processes (a pool's workers) included in the CPU time."""
    printed = subprocess.run([sys.executable, "-c", CHILD, *command], capture_output=True, text=True, check=True)
    wall, rss_kb, cpu = printed.stdout.split()
    return float(wall), int(rss_kb) / 1024, float(cpu)


Case = tuple[list[str], Callable[[], None]]
"""A command and what to undo before it runs again."""


def cases(exe: list[str], folder: Path, work: Path, n: int, criteria: int) -> dict[str, Case]:
    """Each measured command and what must be undone before it runs again, by name."""
    sheet = work / "a1.xlsx"
    imported = work / "import"  # the same appraisal without a1's file, for import to write
    if not imported.exists():
        shutil.copytree(folder, imported)
    target = imported / "assessments" / "a1.yaml"
    nothing: Callable[[], None] = lambda: None  # noqa: E731
    py = [sys.executable, "-c"]
    return {
        "panel --format markdown": ([*exe, "panel", str(folder), "-o", str(work / "panel.md")], nothing),
        "  floor: parse the same YAML": ([*py, YAML_FLOOR, str(folder)], nothing),
        "scoresheet (write xlsx)": ([*exe, "scoresheet", str(folder), "--assessor", "a1", "-o", str(sheet)],
                                    nothing),
        "  floor: openpyxl writes the same rows": ([*py, XLSX_WRITE_FLOOR, str(n), str(criteria - 1),
                                                   str(work / "floor.xlsx")], nothing),
        "import (read xlsx)": ([*exe, "import", str(sheet), str(imported)], lambda: target.unlink(missing_ok=True)),
        "  floor: openpyxl reads it": ([*py, XLSX_READ_FLOOR, str(sheet)], nothing),
        "report --format docx": ([*exe, "report", str(folder), "-o", str(work / "report.docx")], nothing),
        "  floor: python-docx writes its tables": ([*py, DOCX_FLOOR, str(work / "report.docx"),
                                                    str(work / "floor.docx")], nothing),
        "summaries --format markdown": ([*exe, "summaries", str(folder), "--output-dir", str(work / "md")], nothing),
        "summaries --format docx": ([*exe, "summaries", str(folder), "--output-dir", str(work / "docx"),
                                     "--format", "docx"], nothing),
    }


def slope(points: list[tuple[int, float]]) -> float:
    """The log-log slope between the two largest sizes: the exponent k of cost ~ n^k."""
    (n0, t0), (n1, t1) = points[-2], points[-1]
    return math.log(t1 / t0) / math.log(n1 / n0)


def growth(k: float) -> str:
    return "linear" if k < 1.15 else f"n^{k:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[125, 250, 500, 1000])
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="run only the cases whose name starts so")
    parser.add_argument("--appraise", type=Path, nargs="+",
                        help="the appraise executable to run (default: this venv's); several are run in turn, "
                             "interleaved, to compare them (before and after a change) under the same load")
    args = parser.parse_args()
    exes = [str(e) for e in args.appraise or [default_appraise()]]
    times: dict[str, list[tuple[int, float]]] = {}
    peaks: dict[str, list[tuple[int, float]]] = {}
    print(f"load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = tender_round(Path(tmp) / f"n{n}", n, args.criteria)
            chosen: dict[str, Case] = {}
            for i, exe in enumerate(exes):
                work = Path(tmp) / f"w{n}-{i}"
                work.mkdir()
                label = f" [{i + 1}]" if len(exes) > 1 else ""
                chosen.update({k + label: v for k, v in cases([exe], folder, work, n, args.criteria).items()
                               if args.only is None or any(k.strip().startswith(o) for o in args.only)})
            runs: dict[str, list[tuple[float, float, float]]] = {k: [] for k in chosen}
            for _ in range(args.repeat):  # interleaved: each command once per round
                for name, (command, reset) in chosen.items():
                    reset()
                    runs[name].append(run_measured(command))
            for name, measured in runs.items():
                wall = statistics.median(w for w, _, _ in measured)
                peak = max(p for _, p, _ in measured)
                cpu = statistics.median(c for _, _, c in measured)
                times.setdefault(name, []).append((n, wall))
                peaks.setdefault(name, []).append((n, peak))
                print(f"{n:>6} x {args.criteria}  {name:44s} {wall:7.2f} s  CPU {cpu:7.2f} s  peak {peak:5.0f} MB  "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
            shutil.rmtree(folder)
            for i in range(len(exes)):
                shutil.rmtree(Path(tmp) / f"w{n}-{i}")
    if len(exes) > 1:
        print("\n" + "\n".join(f"[{i + 1}] {exe}" for i, exe in enumerate(exes)))
    if len(args.sizes) > 1:
        print(f"\ngrowth between {args.sizes[-2]:,} and {args.sizes[-1]:,} options (log-log slope):")
        for name, points in times.items():
            k, m = slope(points), slope(peaks[name])
            print(f"  {name:40s} time {k:4.2f} ({growth(k)}), peak memory {m:4.2f}")


if __name__ == "__main__":
    main()

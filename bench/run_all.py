"""Run every benchmark in turn and print what each measures, with its ratio to its floor.

``python bench/run_all.py`` (about 25 minutes on 2 cores): start-up against the import floor,
10,000 options against the parse floor (with the 1,000 to 10,000 curve, plotted to
bench/scale.svg), the Monte Carlo against plain numpy, the report at 1,000 options,
how the panel, spreadsheet, Word and tender commands grow from 125 to 1,000 options, hostile
reference documents and templates, `appraise import` of hostile scoresheets, and explore's page.
Numbers go in bench/README.md with the date and the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = [
    ["startup.py", "--runs", "21"],
    ["scale.py", "--sizes", "1000", "2500", "5000", "10000", "--repeat", "3", "--plot", str(HERE / "scale.svg")],
    ["sensitivity.py"],
    ["report_scale.py", "--options", "1000"],
    ["commands.py", "--sizes", "125", "250", "500", "1000", "--repeat", "3"],
    ["hostile_reports.py"],
    ["hostile_workbooks.py"],
    ["explore.py", "--options", "1000", "--criteria", "20"],
]


def main() -> None:
    for script, *args in RUNS:
        print(f"== python bench/{script} {' '.join(args)}", flush=True)
        subprocess.run([sys.executable, str(HERE / script), *args], check=True)


if __name__ == "__main__":
    main()

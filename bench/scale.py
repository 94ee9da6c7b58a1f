"""Scale: ``appraise score DIR --format json`` against the parse floor, with each one's peak memory.

The parse floor reads every file of the folder with libyaml's CSafeLoader and dumps it all as
JSON, in one process: the least any tool must do to turn these YAML files into JSON. Both run
as fresh processes, interleaved (floor, appraise, floor, ...), median of ``--repeat`` runs
each, on the full synthetic files and on issue 18's lean ones (``bench/synthetic.py --lean``).
Peak memory is each run's own high-water mark of resident memory (``ru_maxrss`` from
``os.wait4`` on that one child: the largest of the process and any worker it waited for).

Measure appraise as users install it: ``--install`` builds a throwaway virtual environment
with ``pip install .`` (bytecode compiled, not editable); ``--appraise PATH`` takes an
``appraise`` already installed. ``python bench/scale.py --install --sizes 10000 20000``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

HERE = Path(__file__).resolve().parent

FLOOR = """
import json, sys, yaml
from pathlib import Path
folder = Path(sys.argv[1])
files = [folder / "criteria.yaml", *sorted((folder / "options").glob("*.yaml"))]
data = [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files]
sys.stdout.write(json.dumps(data, default=str))
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float


def run(command: list[str]) -> Run:
    """One fresh process, output discarded: its wall time and its own peak resident memory."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen, so it waits no more
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    return Run(seconds, usage.ru_maxrss / 1024)  # Linux reports kilobytes


def installed(tmp: Path) -> Path:
    """``appraise`` from ``pip install .`` of this checkout into a new virtual environment."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(HERE.parent)], check=True)
    return venv / "bin" / "appraise"


def default_appraise() -> Path:
    script = Path(sys.executable).parent / "appraise"
    return script if script.exists() else Path(shutil.which("appraise") or "appraise")


def measure(appraise: Path, folder: Path, repeat: int) -> tuple[list[Run], list[Run]]:
    """``repeat`` interleaved runs each of the floor and of appraise, after one untimed of each."""
    floor_cmd = [sys.executable, "-c", FLOOR, str(folder)]
    ours_cmd = [str(appraise), "score", str(folder), "--format", "json"]
    run(floor_cmd)
    run(ours_cmd)
    floor, ours = [], []
    for _ in range(repeat):
        floor.append(run(floor_cmd))
        ours.append(run(ours_cmd))
    return floor, ours


def median(runs: list[Run], attribute: str) -> float:
    return statistics.median(getattr(r, attribute) for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--files", choices=["lean", "full", "both"], default="both",
                        help="the synthetic files: lean (issue 18's), full (the default of synthetic.py), or both")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--appraise", type=Path, help="the appraise to measure (default: the one beside this Python)")
    which.add_argument("--install", action="store_true", help="measure a fresh `pip install .` of this checkout")
    parser.add_argument("--plot", type=Path, help="write an SVG plot of time against options here (full files)")
    args = parser.parse_args()
    kinds = ["lean", "full"] if args.files == "both" else [args.files]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        appraise = installed(Path(tmp)) if args.install else (args.appraise or default_appraise())
        print(f"appraise: {appraise}; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        for kind in kinds:
            for n in args.sizes:
                folder = generate(Path(tmp) / f"{kind}{n}", n, args.criteria, lean=kind == "lean")
                floor, ours = measure(appraise, folder, args.repeat)
                f, o = median(floor, "seconds"), median(ours, "seconds")
                if kind == "full":
                    rows.append((n, f, o))
                print(f"{kind:>4} {n:>6} options x {args.criteria} criteria: floor {f:6.2f} s "
                      f"({median(floor, 'peak_mb'):4.0f} MB), appraise {o:6.2f} s ({median(ours, 'peak_mb'):4.0f} MB), "
                      f"ratio {o / f:4.2f}; ratios run by run "
                      f"{' '.join(f'{b.seconds / a.seconds:.2f}' for a, b in zip(floor, ours, strict=True))}; "
                      f"load average {os.getloadavg()[0]:.1f}", flush=True)
                shutil.rmtree(folder)
    if args.plot and rows:
        from plot import line_plot

        args.plot.write_text(line_plot(rows), encoding="utf-8")
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()

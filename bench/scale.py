"""Scale: ``appraise score DIR --format json`` against the parse floor, 1,000 to 10,000 options.

The parse floor reads every file of the folder with libyaml's CSafeLoader and dumps it all as
JSON: the least any tool must do to turn these YAML files into JSON. Both run as fresh
processes, interleaved, median of ``--repeat`` runs each. ``python bench/scale.py``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

FLOOR = """
import json, sys, yaml
from pathlib import Path
folder = Path(sys.argv[1])
files = [folder / "criteria.yaml", *sorted((folder / "options").glob("*.yaml"))]
data = [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files]
sys.stdout.write(json.dumps(data, default=str))
"""


def appraise() -> list[str]:
    script = Path(sys.executable).parent / "appraise"
    return [str(script)] if script.exists() else [shutil.which("appraise") or "appraise"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(folder: Path, repeat: int) -> tuple[float, float]:
    floor, ours = [], []
    for _ in range(repeat):
        floor.append(timed([sys.executable, "-c", FLOOR, str(folder)]))
        ours.append(timed([*appraise(), "score", str(folder), "--format", "json"]))
    return statistics.median(floor), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--plot", type=Path, help="write an SVG plot of time against options here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = generate(Path(tmp) / f"n{n}", n, args.criteria)
            floor, ours = measure(folder, args.repeat)
            rows.append((n, floor, ours))
            print(f"{n:>6} options x {args.criteria} criteria: floor {floor:6.2f} s, appraise {ours:6.2f} s, "
                  f"ratio {ours / floor:4.2f}, appraise per 1,000 options {ours / n * 1000:5.2f} s", flush=True)
            shutil.rmtree(folder)
    if args.plot:
        from plot import line_plot

        args.plot.write_text(line_plot(rows), encoding="utf-8")
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()

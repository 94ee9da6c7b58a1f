"""Wall time of ``appraise score options/`` against the floor set by its own dependencies.

The floor is ``python -c "from pydantic import BaseModel; import yaml"``: no appraisal can be
scored faster than its validating and parsing libraries can be imported. The two commands run
interleaved (A, B, A, B, ...) in one session, so machine load affects both alike, after two
warm-up runs each; the script prints both medians and their ratio.

    python bench/startup.py                # 15 runs of each (the default)
    python bench/startup.py --runs 31
    python bench/startup.py --profile      # also: what `python -X importtime` says dominates

Run from anywhere; it scores the repository's reference example (the top-level folder).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR_CODE = "from pydantic import BaseModel; import yaml"


def appraise_script() -> str:
    """The installed console script next to this Python (else the one on PATH)."""
    found = shutil.which("appraise", path=str(Path(sys.executable).parent)) or shutil.which("appraise")
    if found is None:
        sys.exit("bench/startup.py: the `appraise` console script is not installed (pip install -e .)")
    return found


def wall_time(command: list[str]) -> float:
    """Seconds from start to exit of one run, output discarded; a failure stops the benchmark."""
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"bench/startup.py: {' '.join(command)} failed:\n{proc.stderr.decode()}")
    return elapsed


def measure(commands: dict[str, list[str]], runs: int, warmup: int = 2) -> dict[str, list[float]]:
    """Interleaved timings of every command: ``runs`` each, after ``warmup`` untimed runs each."""
    for _ in range(warmup):
        for command in commands.values():
            wall_time(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall_time(command))
    return times


def import_profile(top: int = 12) -> str:
    """Where import time goes when scoring, from ``python -X importtime``.

    Self times are summed per top-level package, so nothing is counted twice (cumulative
    times nest: typer imports pydantic, for one).
    """
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "appraisal", "score", "options/"],
                          cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    packages: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
        root = name.split(".")[0]
        packages[root] = packages.get(root, 0) + int(self_us)
    total = sum(packages.values())
    lines = [(f"import time of `python -m appraisal score options/`: {total / 1000:.1f} ms in all; "
             "self time summed per top-level package:")]
    for root, spent in sorted(packages.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        lines.append(f"  {spent / 1000:8.1f} ms  {100 * spent / total:4.1f}%  {root}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument("--profile", action="store_true", help="also summarise python -X importtime")
    args = parser.parse_args()
    commands = {
        "appraise score options/": [appraise_script(), "score", "options/"],
        f'python -c "{FLOOR_CODE}"': [sys.executable, "-c", FLOOR_CODE],
    }
    times = measure(commands, args.runs)
    (score_name, floor_name) = commands
    score_median = statistics.median(times[score_name])
    floor_median = statistics.median(times[floor_name])
    print(f"date: {dt.date.today().isoformat()}; Python {platform.python_version()} on {platform.machine()}; "
          f"{args.runs} interleaved runs each after 2 warm-up runs each, cwd {REPO}")
    for name in commands:
        sample = sorted(times[name])
        print(f"{name:55s} median {statistics.median(sample) * 1000:7.1f} ms "
              f"(min {sample[0] * 1000:.1f}, max {sample[-1] * 1000:.1f})")
    ratio = score_median / floor_median
    print(f"ratio (score / floor): {ratio:.2f}x")
    if args.profile or ratio > 1.5:
        print(import_profile())


if __name__ == "__main__":
    main()

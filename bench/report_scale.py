"""Rendering the committee appendix for a large appraisal: time, peak memory, file size.

``python bench/report_scale.py --options 1000`` generates a synthetic appraisal (20 criteria)
and times ``appraise report`` in each format as fresh processes, with the peak RSS of each
(``resource.getrusage(RUSAGE_CHILDREN)``, so each format runs in its own child).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import appraise
from synthetic import generate

CHILD = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True)
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(folder: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, bytes) of one ``appraise report`` run."""
    command = [*appraise(), "report", str(folder), "--format", fmt, "--output", str(out)]
    printed = subprocess.run([sys.executable, "-c", CHILD, *command], capture_output=True, text=True, check=True)
    wall, rss_kb = printed.stdout.split()
    return float(wall), int(rss_kb) / 1024, out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--options", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "big", args.options, 20)
        for fmt, suffix in (("markdown", "md"), ("html", "html"), ("docx", "docx"), ("pdf", "pdf")):
            seconds, peak, size = measure(folder, fmt, Path(tmp) / f"appendix.{suffix}")
            print(f"report {fmt:8s} {args.options:,} options: {seconds:5.2f} s, peak {peak:5.0f} MB, "
                  f"{size / 1e6:5.2f} MB file", flush=True)


if __name__ == "__main__":
    main()

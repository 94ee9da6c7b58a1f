"""Rendering the committee appendix for a large appraisal: time, peak memory, file size.

``python bench/report_scale.py --options 1000`` generates a synthetic appraisal (20 criteria)
and times ``appraise report`` in each format as fresh processes, with the peak RSS of each
(``commands.run_measured``: each format runs in its own child).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commands import run_measured
from scale import default_appraise
from synthetic import generate


def measure(folder: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    """(seconds, peak MB, bytes) of one ``appraise report`` run."""
    command = [str(default_appraise()), "report", str(folder), "--format", fmt, "--output", str(out)]
    wall, peak = run_measured(command)
    return wall, peak, out.stat().st_size


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

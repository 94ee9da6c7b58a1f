"""``appraise explore`` at scale, in real Chromium: how long the page takes to re-rank after an
input, and how large the file is.

``python bench/explore.py --options 1000 --criteria 20`` writes a synthetic appraisal
(bench/synthetic.py), builds the page, opens it in Debian's chromium through playwright, and
times N inputs: each sets one weight (cycling through the criteria) and dispatches the
``input`` event the controls listen to, and the time is measured inside the page with
performance.now() around the dispatch (the handler re-ranks, rewrites the table and the
scenario text synchronously). The target: a median under 16 ms, one animation frame, and a
file under 3 MB. Prints the median, 90th percentile and maximum, and the size.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import generate  # noqa: E402

TIMED = """(n) => {
  const boxes = [...document.querySelectorAll('input[type=number][data-criterion]')];
  const times = [];
  for (let i = 0; i < n; i++) {
    const box = boxes[i % boxes.length];
    box.value = String(5 + (i * 7) % 80);
    const start = performance.now();
    box.dispatchEvent(new Event('input', {bubbles: true}));
    times.push(performance.now() - start);
  }
  return times;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--options", type=int, default=1000)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--inputs", type=int, default=200)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "a", args.options, args.criteria, lean=True)
        page_file = Path(tmp) / "explore.html"
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "appraisal", "explore", str(folder), "-o", str(page_file)], check=True)
        built = time.perf_counter() - start
        size = page_file.stat().st_size
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
            page = browser.new_page()
            page.goto(page_file.resolve().as_uri())
            page.evaluate(TIMED, 10)  # warm up the script's compiled paths
            times = sorted(page.evaluate(TIMED, args.inputs))
            browser.close()
    median = statistics.median(times)
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"explore, {args.options:,} options x {args.criteria} criteria: page built in {built:.1f} s, "
          f"{size / 1e6:.2f} MB; re-rank after an input: median {median:.1f} ms, 90th percentile {p90:.1f} ms, "
          f"max {times[-1]:.1f} ms over {len(times)} inputs (target: median under 16 ms, file under 3 MB)")


if __name__ == "__main__":
    main()

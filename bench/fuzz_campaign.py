"""A long fuzz campaign: the check of tests/system/test_fuzz.py for tens of thousands of examples.

Each seed runs in its own Python process (so a crash of the interpreter is seen, and kills
only that seed), two at a time by default on a two-core machine. A seed runs Hypothesis with
random generation from that seed until it has made ``--examples / --seeds`` examples or found
a failure, which it shrinks and reports with the smallest example that shows it.

    python bench/fuzz_campaign.py                           # 20,000 examples over 8 seeds
    python bench/fuzz_campaign.py --examples 400 --seeds 2  # a quick look
    python bench/fuzz_campaign.py --first-seed 100          # other seeds than last time

It prints one line per seed and a summary: examples run, time, and every failure with its
seed and example. Record the summary in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def run_seed(seed: int, examples: int) -> dict[str, Any]:
    """In a worker process: fuzz from one seed; the result as a dict."""
    sys.path.insert(0, str(REPO / "tests"))
    import test_fuzz as fuzz
    from hypothesis import given, settings
    from hypothesis import seed as with_seed

    calls = [0]

    @with_seed(seed)
    @settings(fuzz.FUZZ, max_examples=examples, derandomize=False)
    @given(fuzz.examples())
    def campaign(example: fuzz.Example) -> None:
        calls[0] += 1
        fuzz.check(example)

    start = time.perf_counter()
    failure = None
    try:
        campaign()
    except BaseException as exc:  # noqa: BLE001 - a failure of any kind is the finding
        notes = "\n".join(getattr(exc, "__notes__", []))
        failure = f"{type(exc).__name__}: {str(exc)[:1500]}\n{notes[:4000]}"
    return {"seed": seed, "runs": calls[0], "seconds": round(time.perf_counter() - start, 1), "failure": failure}


def spawn(seed: int, examples: int) -> dict[str, Any]:
    """Run one seed in a fresh interpreter; a crash (a signal) is a failure too."""
    proc = subprocess.run([sys.executable, __file__, "--worker", str(seed), str(examples)],
                          capture_output=True, text=True, check=False, cwd=REPO)
    last = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
    if proc.returncode == 0 and last:
        result: dict[str, Any] = json.loads(last[0])
        return result
    return {"seed": seed, "runs": None, "seconds": None,
            "failure": f"worker exited {proc.returncode}: {proc.stderr[-2000:]}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="examples in all (default 20,000)")
    parser.add_argument("--seeds", type=int, default=8, help="seeds to spread them over (default 8)")
    parser.add_argument("--first-seed", type=int, default=0, help="the first seed (default 0)")
    parser.add_argument("--workers", type=int, default=2, help="seeds run at once (default 2)")
    parser.add_argument("--worker", nargs=2, type=int, metavar=("SEED", "EXAMPLES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(run_seed(*args.worker)))
        return
    per_seed = -(-args.examples // args.seeds)
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    start = time.perf_counter()
    with ThreadPoolExecutor(args.workers) as pool:
        results = []
        for result in pool.map(lambda s: spawn(s, per_seed), seeds):
            status = "ok" if result["failure"] is None else "FAILED"
            print(f"seed {result['seed']}: {result['runs']} runs in {result['seconds']} s: {status}", flush=True)
            results.append(result)
    elapsed = time.perf_counter() - start
    runs = sum(r["runs"] or 0 for r in results)
    failures = [r for r in results if r["failure"]]
    print(f"\n{runs:,} runs over {len(results)} seeds ({seeds.start}..{seeds.stop - 1}) in {elapsed:.0f} s "
          f"with {args.workers} workers (python {sys.version.split()[0]}, {os.cpu_count()} cores); "
          f"{len(failures)} seeds failed")
    for r in failures:
        print(f"\n--- seed {r['seed']}\n{r['failure']}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

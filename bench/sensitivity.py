"""Benchmark the Monte Carlo of ``appraise sensitivity`` against two simpler implementations.

Three implementations of the same sampling and ranking (Dirichlet weights around the stated ones,
triangular judged scores within every score's range, 10,000 samples, seed 0), on synthetic
appraisals of 20 options x 8 criteria and 1,000 options x 10 criteria:

- ``vectorised``: :func:`appraisal.analysis.montecarlo.simulate`, batched (memory bounded), ties found
  and shared as in scoring, counts independent of the batch size;
- ``numpy``: the plainest numpy version: every sample drawn at once, totals by ``einsum``, places
  by ``argsort`` (no batching, no tie handling); the target is to stay within 2x of it;
- ``loop``: a per-sample Python loop (one sample's draws at a time, totals and sorting in Python).

All three draw from the same seeded streams, so their rank probabilities agree exactly (checked).
Times are CPU seconds of the process (the machine is shared: other load then counts less than in
wall time), the best of several runs with vectorised and numpy interleaved (A, B, A, B, ...) in
one child process; the loop runs once. Peak memory comes from one run of each implementation
in a fresh child process, so ``ru_maxrss`` is that implementation's own.

    python bench/sensitivity.py                 # every case and implementation, a Markdown table
    python bench/sensitivity.py --run vectorised --options 1000 --criteria 10
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any

import numpy as np

from appraisal.analysis.montecarlo import Settings, simulate
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import CriteriaFile
from appraisal.model.option import Option
from appraisal.scoring.weighted_sum import Result, score

CASES = ((20, 8), (1000, 10))
SAMPLES = 10_000
IMPLEMENTATIONS = ("vectorised", "numpy", "loop")


def synthetic(options: int, criteria: int, seed: int = 1) -> Result:
    """A flat criteria list with weights 1..5 and options scored 0..5 with a low/high range each."""
    rng = np.random.default_rng(seed)
    frame = CriteriaFile.model_validate({
        "title": f"Benchmark {options} x {criteria}",
        "criteria": [{"id": f"c{j}", "name": f"C{j}", "weight": int(rng.integers(1, 6))} for j in range(criteria)],
    })
    opts = []
    for i in range(options):
        scores = {}
        for j in range(criteria):
            s = float(rng.integers(1, 5))
            scores[f"c{j}"] = {"score": s, "low": s - 1, "high": s + 1}
        opts.append(Option.model_validate({"id": f"o{i:04d}", "name": f"Option {i}", "scores": scores}))
    appraisal = Appraisal(frame=frame, options=tuple(opts), criteria_file="criteria.yaml",
                          option_files={}, sources={})
    return score(appraisal)


def _inputs(result: Result) -> tuple[list[str], Any, Any, Any, Any, Any]:
    """Ranked ids, stated weights and the (option, leaf) low/mode/high of every range, in value units."""
    ranked = [o for o in result.options if o.rank is not None]
    leaves = result.leaves
    files = {o.id: o for o in result.appraisal.options}
    scale = result.appraisal.frame.scale
    span = scale.max - scale.min
    cells = [(files[o.id].scores[c.id], oi) for c in leaves for oi, o in enumerate(ranked)]
    low = np.array([(s.low - scale.min) / span for s, _ in cells])
    mode = np.array([(s.score - scale.min) / span for s, _ in cells])
    high = np.array([(s.high - scale.min) / span for s, _ in cells])
    stated = np.array([c.weight for c in leaves])
    return [o.id for o in ranked], stated, low, mode, high, len(leaves)


def _streams(seed: int) -> tuple[Any, Any]:
    """The generators montecarlo uses for a flat criteria list: one weight group, then scores."""
    weights, scores, _ = np.random.SeedSequence(seed).spawn(3)
    return np.random.default_rng(weights.spawn(1)[0]), np.random.default_rng(scores)


def plain_numpy(result: Result, settings: Settings) -> dict[str, list[float]]:
    ids, stated, low, mode, high, leaves = _inputs(result)
    n, s = len(ids), settings.samples
    wrng, srng = _streams(settings.seed)
    weights = wrng.dirichlet(settings.concentration * stated, size=s)
    values = srng.triangular(low, mode, high, size=(s, len(low))).reshape(s, leaves, n)
    totals = 100 * np.einsum("sl,sln->sn", weights, values)
    order = np.argsort(-totals, axis=1, kind="stable")
    counts = np.bincount((order * n + np.arange(n)).ravel(), minlength=n * n).reshape(n, n)
    return {o: list(counts[i] / s) for i, o in enumerate(ids)}


def plain_loop(result: Result, settings: Settings) -> dict[str, list[float]]:
    ids, stated, low, mode, high, leaves = _inputs(result)
    n = len(ids)
    wrng, srng = _streams(settings.seed)
    alpha = settings.concentration * stated
    counts = [[0] * n for _ in range(n)]
    for _ in range(settings.samples):
        w = wrng.dirichlet(alpha, size=1)[0].tolist()
        v = srng.triangular(low, mode, high, size=(1, len(low)))[0].tolist()
        totals = [100 * sum(w[j] * v[j * n + i] for j in range(leaves)) for i in range(n)]
        for place, i in enumerate(sorted(range(n), key=lambda i: -totals[i])):
            counts[i][place] += 1
    return {o: [c / settings.samples for c in counts[i]] for i, o in enumerate(ids)}


def vectorised(result: Result, settings: Settings) -> dict[str, list[float]]:
    return {o: list(p) for o, p in simulate(result, settings).rank_probabilities.items()}


IMPLEMENTATION = {"vectorised": vectorised, "numpy": plain_numpy, "loop": plain_loop}


def _timed(name: str, result: Result, settings: Settings) -> tuple[float, float, dict[str, list[float]]]:
    """CPU seconds (this process only, so other load on the machine counts less), wall seconds, shares."""
    cpu, wall = time.process_time(), time.perf_counter()
    shares = IMPLEMENTATION[name](result, settings)
    return time.process_time() - cpu, time.perf_counter() - wall, shares


def run_one(name: str, options: int, criteria: int, samples: int) -> dict[str, Any]:
    """One run in a fresh process: its time, and ru_maxrss, which is then its own peak memory."""
    result = synthetic(options, criteria)
    IMPLEMENTATION[name](result, Settings(samples=10))  # warm up: first-call imports are not the work
    cpu, wall, shares = _timed(name, result, Settings(samples=samples))
    digest = float(sum(sum(p[k] * (k + 1) for k in range(len(p))) for p in shares.values()))
    return {"name": name, "cpu": cpu, "wall": wall, "digest": digest, "first": shares[next(iter(shares))],
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def race(options: int, criteria: int, samples: int, repeats: int) -> dict[str, Any]:
    """vectorised and numpy interleaved (A, B, A, B, ...), the best CPU and wall time of each."""
    result = synthetic(options, criteria)
    best: dict[str, list[float]] = {"vectorised": [float("inf")] * 2, "numpy": [float("inf")] * 2}
    for name in best:
        IMPLEMENTATION[name](result, Settings(samples=10))
    for _ in range(repeats):
        for name, times in best.items():
            cpu, wall, _ = _timed(name, result, Settings(samples=samples))
            times[0], times[1] = min(times[0], cpu), min(times[1], wall)
    return best


def _child(*args: str) -> Any:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", choices=IMPLEMENTATIONS, help="One run of one implementation (a child process).")
    parser.add_argument("--race", action="store_true", help="vectorised against numpy, interleaved (a child).")
    parser.add_argument("--options", type=int, default=20)
    parser.add_argument("--criteria", type=int, default=8)
    parser.add_argument("--samples", type=int, default=SAMPLES)
    parser.add_argument("--repeats", type=int, default=0,
                        help="Interleaved timed runs, best taken (default 9 for the small case, 3 for the large).")
    args = parser.parse_args()
    size = ("--options", str(args.options), "--criteria", str(args.criteria), "--samples", str(args.samples))
    if args.run:
        print(json.dumps(run_one(args.run, args.options, args.criteria, args.samples)))
        return
    if args.race:
        print(json.dumps(race(args.options, args.criteria, args.samples, args.repeats)))
        return
    print("| case | implementation | CPU s | wall s | peak RSS (MB) | CPU vs plain numpy |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for options, criteria in CASES:
        size = ("--options", str(options), "--criteria", str(criteria), "--samples", str(args.samples))
        repeats = args.repeats or (9 if options * criteria <= 1000 else 3)
        timed = _child("--race", "--repeats", str(repeats), *size)
        runs = {name: _child("--run", name, *size) for name in IMPLEMENTATIONS}
        reference = runs["numpy"]
        for name, r in runs.items():
            assert r["first"] == reference["first"] and r["digest"] == reference["digest"], f"{name} disagrees"
            cpu, wall = timed.get(name, (r["cpu"], r["wall"]))
            note = f" (best of {repeats}, interleaved)" if name in timed else " (one run)"
            print(f"| {options} x {criteria} x {args.samples:,} | {name}{note} | {cpu:.2f} | {wall:.2f} | "
                  f"{r['peak_rss_mb']:.0f} | {cpu / timed['numpy'][0]:.2f}x |", flush=True)


if __name__ == "__main__":
    main()

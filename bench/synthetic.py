"""Generate a synthetic appraisal folder: N options x C criteria, like a grant round.

Deterministic (seeded), so every run measures the same files. Used by bench/scale.py and
bench/run_all.py; ``python bench/synthetic.py DIR --options 10000 --criteria 20``.

The full files (the default) hold what a grant application states: costs, a score with its
rationale on every criterion, a gate, advantages, disadvantages and a risk. ``--lean`` writes
issue 18's lean files instead, where parsing no longer hides the rest: a name, a summary, one
cost (the annual) and the judged scores as bare numbers; their criteria file has no gate.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CRITERIA_TEMPLATE = """title: Synthetic grant round ({options} applications)
decision: Which applications to fund
organisation: Benchmark Council
date: 2026-01-01
scale: {{min: 0, max: 5}}
criteria:
  - id: cost
    name: Annual cost
    weight: 20
    measure: annual_cost
    direction: lower
    value_function: relative
  - id: quality
    name: Quality
    weight: 80
    criteria:
{children}
{gates}finance:
  budget: 500000
  years: 3
"""

OPTION_TEMPLATE = """name: Application {i} from Organisation {i}
summary: A synthetic application used to measure appraise at scale.
costs: {{one_off: {one_off}, annual: {annual}}}
scores:
{scores}
gates: {{eligible: {eligible}}}
advantages: [Local delivery, Match funding]
disadvantages: [New organisation]
risks:
  - {{risk: Staff turnover, likelihood: {l}, impact: {m}, mitigation: Training plan}}
"""

LEAN_TEMPLATE = """name: Application {i} from Organisation {i}
summary: A synthetic application used to measure appraise at scale.
costs: {{annual: {annual}}}
scores:
{scores}
"""

GATES = """gates:
  - {id: eligible, name: Meets the eligibility rules}
"""


def generate(folder: Path, options: int, criteria: int, seed: int = 1, *, lean: bool = False) -> Path:
    """Write criteria.yaml and options/app-NNNNN.yaml; ``criteria`` counts the leaves."""
    rng = random.Random(seed)
    judged = criteria - 1
    children = "\n".join(f"      - {{id: q{j:02d}, name: Quality criterion {j}, weight: {rng.randint(1, 5)}}}"
                         for j in range(judged))
    (folder / "options").mkdir(parents=True, exist_ok=True)
    frame = CRITERIA_TEMPLATE.format(options=options, children=children, gates="" if lean else GATES)
    (folder / "criteria.yaml").write_text(frame, encoding="utf-8")
    for i in range(options):
        if lean:
            scores = "\n".join(f"  q{j:02d}: {rng.randint(0, 5)}" for j in range(judged))
            text = LEAN_TEMPLATE.format(i=i, annual=rng.randint(100, 600) * 1000, scores=scores)
            (folder / "options" / f"app-{i:05d}.yaml").write_text(text, encoding="utf-8")
            continue
        scores = "\n".join(
            f"  q{j:02d}: "
            f"{{score: {rng.randint(0, 5)}, rationale: Assessed against guidance note {j}.}}" for j in range(judged)
        )
        text = OPTION_TEMPLATE.format(
            i=i, one_off=rng.randint(0, 50) * 1000, annual=rng.randint(100, 600) * 1000, scores=scores,
            eligible="true" if rng.random() > 0.05 else "false", l=rng.randint(1, 5), m=rng.randint(1, 5),
        )
        (folder / "options" / f"app-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--options", type=int, default=1000)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--lean", action="store_true", help="issue 18's lean files: name, summary, one cost, scores")
    args = parser.parse_args()
    generate(args.folder, args.options, args.criteria, lean=args.lean)


if __name__ == "__main__":
    main()

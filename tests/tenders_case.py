"""A small tender evaluation worked by hand: three suppliers, a price criterion and two judged
quality criteria, one with a threshold (tests/analysis/test_tenders.py, tests/report/test_summaries.py)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from conftest import make_appraisal, run_appraise

CRITERIA: dict[str, Any] = {
    "title": "Small tender",
    "organisation": "Example Council",
    "scale": {"min": 0, "max": 5, "labels": {1: "Poor", 4: "Good", 5: "Excellent"}},
    "criteria": [
        {"id": "price", "name": "Price", "weight": 30, "measure": "annual_cost",
         "direction": "lower", "value_function": "relative"},
        {"id": "quality", "name": "Quality", "weight": 70, "criteria": [
            {"id": "method", "name": "Method statement", "weight": 3, "threshold": 2},
            {"id": "staff", "name": "Staffing", "weight": 4},
        ]},
    ],
}


LETTERS: dict[str, Any] = {"reference": "EC-2026-014", "summaries_sent": dt.date(2026, 2, 23),
                           "contact": {"name": "Procurement team", "email": "procurement@example.gov.uk"}}
"""What the assessment summaries need to be letters (the ``award:`` block): :func:`folder` gives
it unless the test gives its own criteria."""


def tender(name: str, identifier: str, annual: float, method: float, staff: float, **contact: str) -> dict[str, Any]:
    word = name.split(maxsplit=1)[0].lower()
    return {
        "name": f"{name} tender",
        "supplier": {"name": name, "identifier": identifier, **(contact or {"email": f"bids@{word}.example"})},
        "costs": {"annual": annual},
        "scores": {
            "method": {"score": method, "rationale": f"{word} method: the plan sets out each stage in weeks."},
            "staff": {"score": staff, "rationale": f"{word} staffing: named leads with stated hours."},
        },
    }


OPTIONS: dict[str, dict[str, Any]] = {
    "alpha": tender("Alpha Services Ltd", "GB-COH-0001", 100, 4, 3, address="1 High Street, Town",
                    email="bids@alpha.example"),
    "beta": tender("Beta Care", "GB-COH-0002", 80, 1, 5),
    "gamma": tender("Gamma Trust", "GB-CHC-0003", 125, 5, 4, email="g@gamma.example", address="2 Low Road"),
}
"""Hand-worked (global weights price 0.3, method 0.3, staff 0.4; scores / 5): beta scores 1 on
the method, below its threshold of 2, so it is disqualified and the lowest price among the
tenders that pass is alpha's 100. alpha 30 + 30 x 0.8 + 40 x 0.6 = 78; gamma 30 x 100/125 +
30 + 40 x 0.8 = 86; beta 30 (100/80, held at 1) + 30 x 0.2 + 40 = 76, unranked."""


def folder(root: Path, options: dict[str, dict[str, Any]] | None = None,
           criteria: dict[str, Any] | None = None) -> Path:
    return make_appraisal(root, criteria or {**CRITERIA, "award": LETTERS}, copy.deepcopy(options or OPTIONS))


def scored(root: Path) -> dict[str, Any]:
    run = run_appraise("score", root, "--format", "json")
    assert run.code == 0, run.err
    result: dict[str, Any] = json.loads(run.out)
    return result

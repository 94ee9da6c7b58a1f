"""A small selection under the NHS Provider Selection Regime, worked by hand (tests/report/test_notice_psr.py,
tests/report/test_disclosure.py): the five key criteria, three providers, three evaluators with
their declarations, a basic selection criterion as a gate.

Global weights: model 30 and innovation 10 (quality_innovation 40, split 3:1), value 20 (price,
relative to the lowest), integration 15, access 15, social value 10; scores out of 5.
The lowest price is beta's 90: alpha 90/100 = 0.9, gamma 90/120 = 0.75.
alpha: 30 x 4/5 + 10 x 3/5 + 20 x 0.9 + 15 x 4/5 + 15 x 3/5 + 10 x 4/5 = 24 + 6 + 18 + 12 + 9 + 8 = 77
beta:  18 + 8 + 20 + 9 + 12 + 6 = 73;  gamma: 12 + 4 + 15 + 6 + 6 + 4 = 47.
alpha is the most suitable provider, with 30 of the 40 points of quality and innovation.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from conftest import make_appraisal, write_yaml

JUDGED = ("model", "innovation", "integration", "access", "social_value")

CRITERIA: dict[str, Any] = {
    "title": "Health visiting and school nursing",
    "organisation": "Example Council",
    "notice": "Illustrative figures for a test.",
    "regime": "psr",
    "process": "competitive",
    "scale": {"min": 0, "max": 5, "labels": {1: "Poor", 4: "Good", 5: "Excellent"}},
    "criteria": [
        {"id": "quality_innovation", "name": "Quality and innovation of the service", "weight": 40, "criteria": [
            {"id": "model", "name": "Service model", "weight": 3},
            {"id": "innovation", "name": "Innovation", "weight": 1}]},
        {"id": "price", "name": "Price", "weight": 20, "measure": "annual_cost", "direction": "lower",
         "value_function": "relative", "key_criterion": "value"},
        {"id": "integration", "name": "Working with partners", "weight": 15},
        {"id": "access", "name": "Reaching every family", "weight": 15},
        {"id": "social_value", "name": "Social value", "weight": 10},
    ],
    "gates": [{"id": "registered", "name": "Registered with the Care Quality Commission"}],
    "award": {
        "buyer": {"name": "Example Council"},
        "reference": "EC-PSR-2026-01",
        "description": "A health visiting and school nursing service for children and young people aged 0 to 19.",
        "cpv": "85323000-9",
        "value": {"amount": 9300000},
        "decision": dt.date(2026, 2, 20),
        "notice_published": dt.date(2026, 2, 24),
        "contract": {"start": dt.date(2026, 4, 1), "end": dt.date(2031, 3, 31)},
        "process_reason": "The service is new in its scope, and several providers could deliver it.",
        "decision_makers": [
            {"name": "Cabinet Member for Health and Wellbeing", "role": "approved the award"},
            {"name": "Director of Public Health", "role": "recommended the award",
             "interests": "Spouse works for a subcontractor named in the bids",
             "managed": "Left the meeting for the item; the deputy recommended instead"}],
    },
}


def provider(name: str, identifier: str, address: str, price: float, marks: tuple[int, ...]) -> dict[str, Any]:
    word = name.split(maxsplit=1)[0].lower()
    return {
        "name": f"{name} offer",
        "supplier": {"name": name, "identifier": identifier, "address": address, "email": f"bids@{word}.example"},
        "costs": {"annual": price},
        "gates": {"registered": True},
        "scores": {c: {"score": m, "rationale": f"The offer sets out its {c.replace('_', ' ')} plan in detail.",
                       "moderation": f"The panel agreed {m} after discussing the {c.replace('_', ' ')} plan."}
                   for c, m in zip(JUDGED, marks, strict=True)},
    }


OPTIONS: dict[str, dict[str, Any]] = {
    "alpha": provider("Alpha Community Health CIC", "GB-COH-AL000001", "1 High Street, Worcester WR1 1AA", 100,
                      (4, 3, 4, 3, 4)),
    "beta": provider("Beta Healthcare Ltd", "GB-COH-BE000002", "2 Bridge Road, Malvern WR14 2BB", 90,
                     (3, 4, 3, 4, 3)),
    "gamma": provider("Gamma Meadow Trust", "GB-CHC-GA000003", "3 Mill Lane, Evesham WR11 3CC", 120,
                      (2, 2, 2, 2, 2)),
}

ASSESSORS: dict[str, dict[str, Any]] = {
    "ann": {"name": "Ann Able", "role": "Commissioning manager", "interests": "None declared", "marks": 0},
    "bob": {"name": "Bob Best", "role": "Public health consultant",
            "interests": "Former employee of Beta Healthcare Ltd (left in 2021)",
            "managed": "Did not score the Beta Healthcare Ltd offer", "marks": 1},
    "cat": {"name": "Cat Cole", "role": "Safeguarding lead", "interests": "Nil", "marks": -1},
}
"""Each evaluator scores every judged criterion of every provider at the agreed score plus ``marks``
(held on the scale); Bob does not score beta."""


def assessment(who: str, options: dict[str, dict[str, Any]]) -> dict[str, Any]:
    a = ASSESSORS[who]
    scores = {o: {c: {"score": max(0, min(5, data["scores"][c]["score"] + a["marks"])),
                      "rationale": f"{a['name']} on {o} {c}: the plan was read in full."}
                  for c in JUDGED}
              for o, data in options.items() if not (who == "bob" and o == "beta")}
    return {k: v for k, v in a.items() if k != "marks"} | {"scores": scores}


def folder(root: Path, criteria: dict[str, Any] | None = None, options: dict[str, dict[str, Any]] | None = None,
           assessors: tuple[str, ...] = ("ann", "bob", "cat")) -> Path:
    chosen = copy.deepcopy(options or OPTIONS)
    make_appraisal(root, copy.deepcopy(criteria or CRITERIA), chosen)
    for who in assessors:
        write_yaml(root / "assessments" / f"{who}.yaml", assessment(who, chosen))
    return root

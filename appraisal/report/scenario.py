"""What a scenario changed, in plain words, for the top of a report run with ``--scenario``.

Each key the overlay sets becomes one line naming the thing changed in the committee's terms
(criteria, options and gates by name, money with its currency) with the new value and the value
it replaces, read from the appraisal before the scenario was applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import Criterion
from appraisal.model.option import Score
from appraisal.model.scenario import Scenario
from appraisal.report.base import figure_text, measure_name
from appraisal.text import money, number, percent

COST_LINES = {"one_off": "One-off cost", "annual": "Annual cost", "capital": "Capital cost",
              "operating": "Operating cost"}


def _money(value: float | Sequence[float] | None, currency: str) -> str:
    """A sum, or a sum a year ('£1,000, £1,100 a year'), or 'none'."""
    if value is None:
        return "none"
    if isinstance(value, (int, float)):
        return money(value, currency)
    return ", ".join(money(v, currency) for v in value) + " (one a year)"


def _score(score: Score | None) -> str:
    return "none" if score is None else number(score.score)


def _finance(key: str, value: Any, currency: str) -> str:
    if key == "budget":
        return money(value, currency) + " a year"
    if key == "discount_rate":
        return percent(value)
    return str(value)


FINANCE_NAMES = {"budget": "Annual budget", "years": "Years appraised", "discount_rate": "Discount rate",
                 "schedule": "Discount rate schedule"}


def _line(what: str, new: str, old: str) -> str:
    """'WHAT: NEW (was OLD)', or '(unchanged)' when the scenario restates the value."""
    return f"{what}: {new} " + ("(unchanged)" if new == old else f"(was {old})")


def changes(base: Appraisal, scenario: Scenario) -> list[str]:
    """One line per value the scenario sets, in the order of the scenario file's sections."""
    criteria: dict[str, Criterion] = {c.id: c for c in base.frame.all_criteria()}
    options = {o.id: o for o in base.options}
    gates = {g.id: g.name for g in base.frame.gates}
    currency = base.frame.currency
    out = [_line(f"Weight of {criteria[cid].name}", number(w), number(criteria[cid].weight))
           for cid, w in scenario.weights.items()]
    for oid, scores in scenario.scores.items():
        for cid, s in scores.items():
            out.append(_line(f"Score of {options[oid].name} on {criteria[cid].name}", _score(s),
                             _score(options[oid].scores.get(cid))))
    for oid, costs in scenario.costs.items():
        old = options[oid].costs
        for key, value in costs.model_dump(exclude_none=True).items():
            out.append(_line(f"{COST_LINES[key]} of {options[oid].name}", _money(value, currency),
                             _money(getattr(old, key, None), currency)))
    for oid, measures in scenario.measures.items():
        for name, value in measures.items():
            was = options[oid].measures.get(name)
            out.append(_line(f"{measure_name(name).capitalize()} of {options[oid].name}",
                             figure_text(name, value, currency),
                             "not stated" if was is None else figure_text(name, was, currency)))
    word = {True: "passes", False: "fails", None: "not stated"}
    for oid, stated in scenario.gates.items():
        for gid, passes in stated.items():
            out.append(_line(f"{options[oid].name}, gate {gates.get(gid, gid)}", word[passes],
                             word[options[oid].gates.get(gid)]))
    if scenario.finance is not None:
        finance = base.frame.finance
        for key, value in scenario.finance.model_dump(exclude_none=True).items():
            was = getattr(finance, key)
            out.append(_line(FINANCE_NAMES[key], _finance(key, value, currency),
                             "not set" if was is None else _finance(key, was, currency)))
    return out

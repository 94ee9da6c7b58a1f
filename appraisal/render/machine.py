"""Machine formats: the Result as JSON (contract section 6) and CSV.

Plain serialisation, full float precision, keys in a fixed order: the same Result always
gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from appraisal.analysis.dominance import dominators
from appraisal.scoring.weighted_sum import Cell, Result


def _cell(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"score": cell.score, "value": cell.value, "contribution": cell.contribution}
    if cell.measure is not None:
        out["measure"] = cell.measure
    return out


def result_to_dict(result: Result) -> dict[str, Any]:
    """The JSON document of ``appraise score --format json``.

    Adds to contract section 6: ``dominated_by`` for each option (see :mod:`appraisal.analysis.dominance`),
    and ``filled`` on a cell whose score a panel's median or mean supplied (docs/panel.md).
    """
    dominated = dominators(result)
    filled, rule = result.appraisal.filled, result.appraisal.frame.panel.agreement
    return {
        "title": result.title,
        "scenario": result.scenario,
        "criteria": [
            {"id": c.id, "name": c.name, "parent": c.parent, "weight": c.weight,
             "local_weight": c.local_weight, "leaf": c.is_leaf, "measure": c.measure}
            for c in result.criteria
        ],
        "options": [
            {"id": o.id, "name": o.name, "rank": o.rank, "total": o.total, "eligible": o.eligible,
             "failed_gates": list(o.failed_gates), "baseline": o.baseline,
             "criteria": {k: {**_cell(v), **({"filled": rule} if (o.id, k) in filled else {})}
                          for k, v in o.cells.items()}, "measures": o.measures,
             "dominated_by": list(dominated[o.id])}
            for o in result.options
        ],
        "discounted": [{"id": d.id, "name": d.name, "reason": d.reason} for d in result.discounted],
        "preferred": result.preferred,
    }


def to_json(data: Any) -> str:
    """Indented JSON with a final newline; non-ASCII text kept as UTF-8.

    Serialised by pydantic-core (Rust), which is already loaded: the standard library's
    encoder falls back to pure Python when indenting, ten times slower on 10,000 options.
    Floats round-trip exactly (shortest repr).
    """
    from pydantic_core import to_json as dump

    return dump(data, indent=2).decode("utf-8") + "\n"


def to_csv(result: Result) -> str:
    """One row per option (ranked, unranked, then discounted); per leaf: score, value, contribution."""
    leaves = result.leaves
    header = ["rank", "id", "name", "status", "total", "eligible", "failed_gates", "reason"]
    for c in leaves:
        header += [f"{c.id}.score", f"{c.id}.value", f"{c.id}.contribution"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for o in result.options:
        row: list[Any] = [o.rank if o.rank is not None else "", o.id, _safe(o.name), "shortlisted",
                          repr(o.total), o.eligible, " ".join(o.failed_gates), ""]
        for c in leaves:
            cell = o.cells[c.id]
            row += ["" if cell.score is None else repr(cell.score), repr(cell.value), repr(cell.contribution)]
        writer.writerow(row)
    for d in result.discounted:
        writer.writerow(["", d.id, _safe(d.name), "discounted", "", "", "", _safe(d.reason)] + [""] * 3 * len(leaves))
    return buffer.getvalue()


def _safe(text: str) -> str:
    """Defuse spreadsheet formulas: a cell starting with = + - @ is prefixed with a quote (OWASP CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

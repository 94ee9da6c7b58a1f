"""The fingerprint of an appraisal's frame: what a scoresheet was issued against.

A scoresheet keeps the canonical JSON of the criteria tree (ids, parents, scales) and the
shortlisted option ids, and its SHA-256. On import, a different digest means the sheet was
issued before the frame changed, and comparing the two JSON texts says what changed
(docs/spreadsheets.md).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from appraisal.model.criteria import CriteriaFile
from appraisal.model.option import Option


def frame_of(frame: CriteriaFile, options: tuple[Option, ...]) -> dict[str, Any]:
    """The parts of an appraisal a scoresheet depends on, as plain data."""
    criteria: list[dict[str, Any]] = []

    def visit(nodes: list[Any], parent: str | None) -> None:
        for c in nodes:
            entry: dict[str, Any] = {"id": c.id, "parent": parent}
            if c.is_leaf and not c.measure:
                scale = c.scale or frame.scale
                entry["scale"] = [scale.min, scale.max]
            criteria.append(entry)
            visit(c.criteria, c.id)

    visit(frame.criteria, None)
    return {"criteria": criteria, "options": sorted(o.id for o in options if o.status == "shortlisted")}


def canonical(data: dict[str, Any]) -> str:
    """The one JSON text of ``data``: sorted keys, no spaces."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(data).encode("ascii")).hexdigest()


def parse(text: str) -> dict[str, Any] | None:
    """The frame a scoresheet keeps as JSON, or None when it is damaged or not of the frame's shape."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deep to be a frame
        return None
    if not isinstance(data, dict) or not isinstance(data.get("criteria", []), list) or not isinstance(
            data.get("options", []), list) or not all(isinstance(o, str) for o in data.get("options", [])):
        return None
    for c in data.get("criteria", []):
        scale = c.get("scale") if isinstance(c, dict) else None
        if not isinstance(c, dict) or not isinstance(c.get("id"), str) or not isinstance(c.get("parent"), (
                str, type(None))) or not (scale is None or (isinstance(scale, list) and len(scale) == 2 and all(
                isinstance(x, (int, float)) and not isinstance(x, bool) for x in scale))):
            return None
    return data


def changes(issued: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What changed between the frame a sheet was issued against and the current one, in words."""
    old = {c["id"]: c for c in issued.get("criteria", [])}
    new = {c["id"]: c for c in now["criteria"]}
    said = [f"criterion '{k}' was added" for k in new if k not in old]
    said += [f"criterion '{k}' was removed" for k in old if k not in new]
    for k in (k for k in new if k in old):
        before, after = old[k], new[k]
        if before.get("scale") != after.get("scale"):
            if after.get("scale") is None:
                said.append(f"criterion '{k}' is no longer scored by judgement")
            elif before.get("scale") is None:
                said.append(f"criterion '{k}' is now scored by judgement")
            else:
                (a, b), (c, d) = before["scale"], after["scale"]
                said.append(f"the scale of '{k}' changed from {a:g} to {b:g} to {c:g} to {d:g}")
        elif before.get("parent") != after.get("parent"):
            said.append(f"criterion '{k}' moved in the criteria tree")
    was, is_ = set(issued.get("options", [])), set(now["options"])
    said += [f"option '{k}' was added to the shortlist" for k in sorted(is_ - was)]
    said += [f"option '{k}' is gone from the shortlist" for k in sorted(was - is_)]
    return said or ["the criteria tree changed"]

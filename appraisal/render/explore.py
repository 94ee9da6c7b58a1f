"""``appraise explore``: one self-contained HTML page to move the weights live (docs/explore.md).

The page carries what the engine computed, as data: each option's value on each leaf
criterion (values never depend on weights), which options pass every gate, the agreed
weights as shares of each group, the shares at which the preferred option changes, and what
would put each other option first. Its script (templates/explore.js, small and framework-free)
only multiplies and sorts: a total is the sum of leaf weight x value x 100, as in the engine.
Every state is shown as a scenario file that ``appraise score --scenario`` reads back.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from appraisal.analysis.firstplace import group_switches, line, nearest_weights, single_change
from appraisal.model.appraisal import Appraisal
from appraisal.render.exempt import RUNNING
from appraisal.render.jinja import bundled_source, environment
from appraisal.scoring.weighted_sum import CriterionInfo, Result
from appraisal.text import percent

NEAREST_FOR = 10
"""Options (after the first) for which the nearest weights that put them first are computed:
a least-squares search each, which a committee needs for the front runners, not the 1,000th."""


@dataclass(frozen=True)
class Views:
    """Other scores and weights the page can switch to: each assessor's scores (a panel) and
    each workshop participant's weights (weights/), by label."""

    scores: Mapping[str, Result] = field(default_factory=dict)
    weights: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """Shares of each group, in percent, by criterion id."""


def shares(result: Result) -> dict[str, float]:
    """Each criterion's weight as a share of its group, in percent (the page's controls)."""
    return {c.id: c.local_weight * 100 for c in result.criteria}


def participant_shares(appraisal: Appraisal, agreed: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """Each workshop participant's weights (weights/) as shares of each group in percent, by
    name; a group a participant gave no view on keeps the agreed shares."""
    from appraisal.check.elicitation import elicit

    found = elicit(appraisal)[0]
    out = {}
    for pid, person in appraisal.participants.items():
        mine = dict(agreed)
        for local in found[pid].local.values():
            mine.update({cid: 100 * w for cid, w in local.items()})
        out[person.name] = mine
    return out


def _values(result: Result) -> dict[str, Any]:
    leaves = [c.id for c in result.criteria if c.is_leaf]
    return {
        "values": [[o.cells[c].value for c in leaves] for o in sorted(result.options, key=lambda o: o.id)],
        "eligible": [o.eligible for o in sorted(result.options, key=lambda o: o.id)],
    }


def _switch_words(result: Result, c: CriterionInfo, at: list[float]) -> list[str]:
    """What happens past each switching share: which option leads there."""
    names = {o.id: o.name for o in result.options}
    ranked = [o for o in result.options if o.rank is not None]
    words = []
    for share in at:
        past = share + (0.001 if share > c.local_weight else -0.001)
        leader = max(ranked, key=lambda o: (line(result, o, c).at(past), o.id))
        side = "above" if share > c.local_weight else "below"
        words.append(f"{side} {percent(share)}: {names[leader.id]} comes first")
    return words


def payload(result: Result, views: Views) -> dict[str, Any]:
    """Everything the page's script needs, as plain data."""
    names = {c.id: c.name for c in result.criteria}
    criteria = []
    for c in result.criteria:
        at = group_switches(result, c)
        criteria.append({"id": c.id, "name": c.name, "parent": c.parent, "share": c.local_weight * 100,
                         "switching": [round(p * 100, 1) for p in at], "past": _switch_words(result, c, at)})
    first: dict[str, Any] = {}
    ranked = [o for o in result.options if o.rank is not None and o.id != result.preferred]
    for n, o in enumerate(ranked):
        change = single_change(result, o)
        nearest = nearest_weights(result, o) if n < NEAREST_FOR else None
        first[o.id] = {
            "single": None if change is None else {"criterion": change.criterion, "name": names[change.criterion],
                                                    "from": change.now * 100, "to": change.share * 100},
            "nearest": None if nearest is None else _tree_shares(result, nearest),
        }
    return {
        "title": result.title,
        "words": {"option": result.appraisal.words.option},
        "criteria": criteria,
        "leaves": [c.id for c in result.criteria if c.is_leaf],
        "top": [c.id for c in result.criteria if c.parent is None],
        "options": [{"id": o.id, "name": o.name} for o in sorted(result.options, key=lambda o: o.id)],
        "scores": [{"id": "agreed", "label": "Agreed scores", **_values(result)},
                   *({"id": f"assessor:{k}", "label": f"{k}'s scores", **_values(r)} for k, r in views.scores.items())],
        "weights": [{"id": "agreed", "label": "Agreed weights", "shares": shares(result)},
                    *({"id": f"participant:{k}", "label": f"{k}'s weights", "shares": dict(s)}
                      for k, s in views.weights.items())],
        "first": first,
    }


def _tree_shares(result: Result, leaves: Mapping[str, float]) -> dict[str, float]:
    """Leaves' global weights as every criterion's share of its group, in percent (a parent's
    global weight is its children's sum; a group with no weight shares it equally)."""
    weight = dict(leaves)
    for c in reversed(result.criteria):
        if not c.is_leaf:
            weight[c.id] = sum(weight[k] for k in c.children)
    out = {}
    for c in result.criteria:
        group = [k.id for k in result.criteria if k.parent == c.parent]
        total = sum(weight[k] for k in group)
        out[c.id] = 100 * weight[c.id] / total if total > 0 else 100 / len(group)
    return out


def script() -> str:
    """The page's script, as shipped in templates/explore.js."""
    source = bundled_source("explore.js")
    assert source is not None, "templates/explore.js is missing from the package"
    return source


def to_html(result: Result, views: Views | None = None, *, exempt: bool = False) -> str:
    """The page: controls, the ranking (a plain table without script), the scenario text."""
    data = payload(result, views or Views())
    code = script()
    digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    template = environment("html").get_template("explore.html.j2")
    return template.render(result=result, data=data, json=text, script=code, digest=digest,
                           words=result.appraisal.words, percent=percent,
                           running=RUNNING if exempt else "")

"""The method section's account of how the weights were set (contract section 14, docs/weights.md).

Without a weighting workshop (no ``weights/``) there is nothing to add: the weights are as
criteria.yaml gives them. With one, the section names each participant with their role,
declaration of interests and method, the spread of their weights (lowest to highest share of
the whole, per criterion) beside the agreed weight, which agreed weights were filled from the
participants' and by what rule, and any pairwise group whose consistency ratio is above 0.10.
The Markdown partial carries it to the Word appendix.
"""

from __future__ import annotations

from typing import Any

from appraisal.analysis.workshop import workshop
from appraisal.render.weights import how_set, method_words
from appraisal.report.base import Inputs, criterion_refs
from appraisal.scoring.weighted_sum import Result
from appraisal.text import percent

CONSISTENCY_LIMIT = 0.10
"""Saaty's limit on the consistency ratio of a group of pairwise comparisons."""


def weights_set(inputs: Inputs) -> dict[str, Any] | None:
    """How a weighting workshop set the weights: the sentence, its participants, the spread and
    any consistency warning; None without one (the weights are as criteria.yaml gives them)."""
    result = inputs.result
    if not result.appraisal.participants:
        return None
    w = workshop(result)
    refs = criterion_refs(result)
    people = [{"name": p.name, "role": p.role or "", "interests": p.interests, "method": method_words(p.method, p.rule)}
              for p in w.participants]
    spread = [{"ref": refs[c.id], "name": c.name, "depth": c.depth,
               "low": percent(w.spread[c.id][0]) if c.id in w.spread else "-",
               "high": percent(w.spread[c.id][1]) if c.id in w.spread else "-",
               "agreed": percent(c.weight), "filled": c.filled} for c in result.criteria]
    warnings = [f"{p.name}'s pairwise comparisons of {_group(g, result)} are inconsistent (consistency ratio "
                f"{cr:.2f}, above Saaty's limit of {CONSISTENCY_LIMIT:.2f}): the weights drawn from them are less "
                "reliable." for p in w.participants for g, cr in p.consistency.items()
                if cr is not None and cr > CONSISTENCY_LIMIT]
    rule = f" The criteria file declares the {w.rule} as the rule for combining them." if w.rule else ""
    sentence = how_set(w, {c.id: c.name for c in result.criteria}) + rule
    return {"sentence": sentence, "participants": people, "spread": spread, "warnings": warnings}


def _group(group: str, result: Result) -> str:
    """A group of criteria in words: 'the top-level criteria' or 'the sub-criteria of Quality'."""
    names = {c.id: c.name for c in result.criteria}
    return "the top-level criteria" if group not in names else f"the sub-criteria of {names[group]}"

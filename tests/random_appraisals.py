"""Hypothesis strategies for small random appraisals, built in memory (no files), and re-weighting.

Used by the switching, Monte Carlo and dominance tests. Scores are whole or half points on a
0 to 5 scale and weights small integers, so ties and exact crossings turn up often.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import CriteriaFile, Criterion
from appraisal.model.option import Option
from appraisal.scoring.weighted_sum import Result


def build(criteria: list[dict[str, Any]], options: dict[str, dict[str, Any]], *,
          gates: tuple[str, ...] = (), budget: float | None = None) -> Appraisal:
    """An appraisal from plain data, validated by the real models."""
    frame = CriteriaFile.model_validate({
        "title": "Random appraisal", "criteria": criteria,
        "gates": [{"id": g, "name": g} for g in gates],
        "finance": {} if budget is None else {"budget": budget},
    })
    opts = tuple(Option.model_validate({"id": oid, **data}) for oid, data in sorted(options.items()))
    return Appraisal(frame=frame, options=opts, criteria_file="criteria.yaml",
                     option_files={o.id or "": f"options/{o.id}.yaml" for o in opts}, sources={})


@st.composite
def appraisals(draw: st.DrawFn, *, ranges: bool = True, measured: bool = True, gated: bool = True,
               max_options: int = 5, budget: bool = False) -> Appraisal:
    """A random criteria tree (one or two levels), options scored on every leaf, some gated out.

    With ``budget``, every option states an annual cost and the budget is drawn near them.
    """
    tree: list[dict[str, Any]] = []
    leaves: list[str] = []
    for i in range(draw(st.integers(1, 4))):
        children = draw(st.integers(0, 3))
        node: dict[str, Any] = {"id": f"c{i}", "name": f"Criterion {i}", "weight": draw(st.integers(1, 9))}
        if children:
            node["criteria"] = [
                {"id": f"c{i}{j}", "name": f"Criterion {i}.{j}", "weight": draw(st.integers(1, 9))}
                for j in range(children)
            ]
            leaves += [f"c{i}{j}" for j in range(children)]
        else:
            leaves.append(f"c{i}")
        tree.append(node)
    cost = budget or (measured and draw(st.booleans()))
    if cost and (not budget or draw(st.booleans())):
        tree.append({"id": "cost", "name": "Cost", "weight": draw(st.integers(1, 9)), "measure": "annual_cost",
                     "direction": "lower", "value_function": draw(st.sampled_from(["linear", "relative"]))})
    half = st.integers(0, 10).map(lambda k: k / 2)
    options: dict[str, dict[str, Any]] = {}
    for k in range(draw(st.integers(2, max_options))):
        scores: dict[str, Any] = {}
        for leaf in leaves:
            s = draw(half)
            if ranges and draw(st.booleans()):
                scores[leaf] = {"score": s, "low": max(0.0, s - draw(half)), "high": min(5.0, s + draw(half))}
            else:
                scores[leaf] = s
        data: dict[str, Any] = {"name": f"Option {k}", "scores": scores}
        if cost:
            data["costs"] = {"annual": float(draw(st.integers(1, 20)) * 10)}
        if gated:
            data["gates"] = {"ok": draw(st.sampled_from([True, True, True, False]))}
        options[f"o{k}"] = data
    limit = float(draw(st.integers(5, 20)) * 10) if budget else None
    return build(tree, options, gates=("ok",) if gated else (), budget=limit)


def reweighted(appraisal: Appraisal, result: Result, criterion: str, w: float) -> Appraisal:
    """The appraisal with ``criterion``'s global weight set to ``w``, the other leaves keeping their
    proportions to each other and its own leaves theirs inside it (the definition of contract
    section 7).
    """
    info = {c.id: c for c in result.criteria}

    def inside(cid: str | None) -> bool:
        while cid is not None:
            if cid == criterion:
                return True
            cid = info[cid].parent
        return False

    w0 = info[criterion].weight
    return with_leaf_weights(appraisal, {
        c.id: c.weight * (w / w0 if inside(c.id) else (1 - w) / (1 - w0)) for c in result.leaves
    })


def with_leaf_weights(appraisal: Appraisal, leaf_weight: dict[str, float]) -> Appraisal:
    """The appraisal with these global leaf weights, written back as tree weights: each node
    weighs the sum of its leaves' weights, so its global weight is that sum."""

    def node_weight(c: Criterion) -> float:
        return sum(node_weight(k) for k in c.criteria) if c.criteria else leaf_weight[c.id]

    def rewrite(nodes: list[Criterion]) -> list[Criterion]:
        return [c.model_copy(update={"weight": node_weight(c), "criteria": rewrite(c.criteria)}) for c in nodes]

    frame = appraisal.frame.model_copy(update={"criteria": rewrite(appraisal.frame.criteria)})
    return replace(appraisal, frame=frame)

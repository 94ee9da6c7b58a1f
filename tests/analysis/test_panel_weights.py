"""``sensitivity --weights panel``: each leaf's global weight drawn uniformly between the lowest
and highest a weighting workshop's participants gave it, then divided by the draws' sum
(docs/weights.md). Expectations worked by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import run_appraise, write_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_appraisals import appraisals

from appraisal.analysis.montecarlo import Settings, sample, simulate
from appraisal.model.appraisal import Appraisal
from appraisal.scoring.weighted_sum import score

TWO_CRITERIA = {"title": "Two criteria", "criteria": [
    {"id": "x", "name": "X", "weight": 1}, {"id": "y", "name": "Y", "weight": 1}]}
CORNER = {"a": {"name": "A", "scores": {"x": 5, "y": 0}}, "b": {"name": "B", "scores": {"x": 2, "y": 2}}}


def person(name: str, x: float, y: float) -> dict[str, Any]:
    return {"name": name, "interests": "None declared", "method": "points", "judgements": {"root": {"x": x, "y": y}}}


def test_panel_weights_give_the_hand_computed_share(appraisal_dir: Callable[..., Path]) -> None:
    # Participants give x 20% and 80%, so x and y are each drawn from U(0.2, 0.8): u and v.
    # A = (1, 0) beats B = (.4, .4) when u / (u + v) > 0.4, that is 3u > 2v. Over the square
    # [.2, .8]^2 (area .36) the rest, u <= 2v/3, has area: integral from .3 to .8 of (2v/3 - .2) dv
    # = (.64 - .09)/3 - .1 = 1/12; so P = 1 - (1/12)/.36 = 0.76852 (standard error 0.003 at 20,000).
    folder = appraisal_dir(TWO_CRITERIA, CORNER)
    write_yaml(folder / "weights" / "one.yaml", person("One", 20, 80))
    write_yaml(folder / "weights" / "two.yaml", person("Two", 80, 20))
    run = run_appraise("sensitivity", folder, "--format", "json", "--samples", "20000", "--weights", "panel")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["preferred"] == "a"
    assert data["preferred_probability"] == pytest.approx(1 - (1 / 12) / 0.36, abs=0.013)


def test_without_participants_it_is_a_usage_error(appraisal_dir: Callable[..., Path]) -> None:
    run = run_appraise("sensitivity", appraisal_dir(TWO_CRITERIA, CORNER), "--weights", "panel")
    assert run.code == 2
    assert "--weights panel draws weights within a weighting workshop's range, and this appraisal has no " \
           "participants' files (weights/<participant>.yaml; see docs/weights.md)" in run.err
    assert run.out == ""


def test_participants_who_agree_vary_nothing(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(TWO_CRITERIA, CORNER)
    for pid in ("one", "two"):
        write_yaml(folder / "weights" / f"{pid}.yaml", person(pid, 30, 70))
    run = run_appraise("sensitivity", folder, "--format", "json", "--samples", "300", "--weights", "panel",
                       "--scores", "fixed")
    data = json.loads(run.out)
    # A is preferred at the stated 50/50 (50 against 40); at the participants' 30/70 in every
    # sample, A has 30 and B 40.
    assert data["rank_probabilities"] == {"a": [0.0, 1.0], "b": [1.0, 0.0]}


FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(appraisals(), st.integers(0, 2**32 - 1), st.floats(0.0, 1.0))
def test_drawn_weights_sum_to_one_and_stay_in_proportion_to_draws_in_range(
        appraisal: Appraisal, seed: int, width: float) -> None:
    result = score(appraisal)
    ranges = {c.id: (c.weight * (1 - width), c.weight * (1 + width)) for c in result.leaves}
    batches = list(sample(result, Settings(samples=50, seed=seed, weights="panel", weight_ranges=ranges)))
    if not any(o.rank is not None for o in result.options):
        assert batches == []  # no option passes every gate: nothing to sample
        return
    batch = batches[0]
    assert np.allclose(batch.weights.sum(axis=1), 1.0, atol=1e-12)
    # each two leaves' weights are in the ratio of two draws within their ranges
    low = np.array([ranges[c.id][0] for c in result.leaves])
    high = np.array([ranges[c.id][1] for c in result.leaves])
    for w in batch.weights:
        ratio = w[:, None] * high[None, :]
        assert (w[:, None] * low[None, :] <= high[:, None] * w[None, :] * (1 + 1e-9) + 1e-300).all()
        assert (ratio + 1e-300 >= low[:, None] * w[None, :] * (1 - 1e-9)).all()


def test_with_no_ranges_panel_is_the_stated_weights(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(TWO_CRITERIA, CORNER)
    result = score(_load(folder))
    panel = simulate(result, Settings(samples=100, weights="panel", scores="fixed"))
    fixed = simulate(result, Settings(samples=100, weights="fixed", scores="fixed"))
    assert panel.rank_probabilities == fixed.rank_probabilities


def _load(folder: Path) -> Appraisal:
    from appraisal.load.folder import load

    return load(folder)

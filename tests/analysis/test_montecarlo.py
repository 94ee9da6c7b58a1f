"""Monte Carlo rank probabilities: hand-computed probabilities, invariants, determinism, oracle re-scoring."""

from __future__ import annotations

import io
import json
import math
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import run_appraise
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from random_appraisals import appraisals, build, with_leaf_weights

from appraisal.analysis.dominance import dominators
from appraisal.analysis.montecarlo import Settings, sample, simulate
from appraisal.model.appraisal import Appraisal
from appraisal.model.finance import Costs
from appraisal.scoring.weighted_sum import score

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def probabilities(folder: Path, *args: str) -> dict[str, Any]:
    run = run_appraise("sensitivity", folder, "--format", "json", *args)
    assert run.code == 0, run.err
    data: dict[str, Any] = json.loads(run.out)
    return data


ONE_CRITERION = {"title": "One judged criterion", "scale": {"min": 0, "max": 4},
                 "criteria": [{"id": "c", "name": "C", "weight": 1}]}
RANGED = {"a": {"name": "A", "scores": {"c": {"score": 2, "low": 0, "high": 4}}},
          "b": {"name": "B", "scores": {"c": 3}}}


def test_triangular_score_range_gives_the_hand_computed_share(appraisal_dir: Callable[..., Path]) -> None:
    # A ~ triangular(0, 2, 4) against B fixed at 3: A is first when it draws above 3, with
    # probability (4 - 3)^2 / ((4 - 0)(4 - 2)) = 1/8. At 20,000 samples the standard error is
    # sqrt(1/8 x 7/8 / 20000) = 0.0023; the tolerance is over four of them.
    data = probabilities(appraisal_dir(ONE_CRITERION, RANGED), "--samples", "20000")
    assert data["preferred"] == "b"
    assert data["rank_probabilities"]["a"][0] == pytest.approx(1 / 8, abs=0.01)
    assert data["rank_probabilities"]["b"] == pytest.approx([7 / 8, 1 / 8], abs=0.01)
    assert data["preferred_probability"] == data["rank_probabilities"]["b"][0]


def test_uniform_and_fixed_score_sampling(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(ONE_CRITERION, RANGED)
    # Uniform on [0, 4]: P(A > 3) = 1/4 (standard error 0.0031 at 20,000 samples).
    uniform = probabilities(folder, "--samples", "20000", "--scores", "uniform")
    assert uniform["rank_probabilities"]["a"][0] == pytest.approx(1 / 4, abs=0.013)
    assert uniform["sampling"]["scores"] == "uniform"
    # Fixed: A is always 2 and B 3, so the ranking never changes.
    fixed = probabilities(folder, "--samples", "500", "--scores", "fixed")
    assert fixed["rank_probabilities"] == {"b": [1.0, 0.0], "a": [0.0, 1.0]}
    assert fixed["preferred_probability"] == 1.0


TWO_CRITERIA = {"title": "Two criteria", "criteria": [
    {"id": "x", "name": "X", "weight": 1}, {"id": "y", "name": "Y", "weight": 1}]}
CORNER = {"a": {"name": "A", "scores": {"x": 5, "y": 0}}, "b": {"name": "B", "scores": {"x": 2, "y": 2}}}


def test_simplex_weights_give_the_hand_computed_share(appraisal_dir: Callable[..., Path]) -> None:
    # A = (1, 0), B = (.4, .4): T_A = 100w, T_B = 40, so A is first when w(x) > 0.4. Uniform over
    # the simplex of two weights makes w(x) uniform on [0, 1]: P = 0.6 (standard error 0.0035).
    data = probabilities(appraisal_dir(TWO_CRITERIA, CORNER), "--samples", "20000", "--weights", "simplex")
    assert data["preferred"] == "a"
    assert data["preferred_probability"] == pytest.approx(0.6, abs=0.015)


def test_dirichlet_weights_give_the_hand_computed_share(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(TWO_CRITERIA, CORNER)
    # Concentration 2 around (.5, .5) is Dirichlet(1, 1): w(x) uniform, so again P = 0.6.
    flat = probabilities(folder, "--samples", "20000", "--concentration", "2")
    assert flat["preferred_probability"] == pytest.approx(0.6, abs=0.015)
    # Concentration 100 is Dirichlet(50, 50): w(x) ~ Beta(50, 50), and for whole a, b
    # P(Beta(a, b) > x) = P(Binomial(a + b - 1, x) < a) = sum_{k < 50} C(99, k) .4^k .6^(99 - k).
    exact = sum(math.comb(99, k) * 0.4**k * 0.6 ** (99 - k) for k in range(50))
    assert exact == pytest.approx(0.978, abs=0.001)
    tight = probabilities(folder, "--samples", "20000")
    assert tight["preferred_probability"] == pytest.approx(exact, abs=0.006)


def test_fixed_inputs_reproduce_the_ranking_and_ties_share_their_places(appraisal_dir: Callable[..., Path]) -> None:
    # B and C are identical and tie for second behind A: each takes 2nd and 3rd half the time.
    options = {"a": {"name": "A", "scores": {"x": 5, "y": 5}}, "b": {"name": "B", "scores": {"x": 2, "y": 2}},
               "c": {"name": "C", "scores": {"x": 2, "y": 2}}}
    data = probabilities(appraisal_dir(TWO_CRITERIA, options), "--samples", "300", "--weights", "fixed")
    assert data["rank_probabilities"] == {"a": [1.0, 0.0, 0.0], "b": [0.0, 0.5, 0.5], "c": [0.0, 0.5, 0.5]}
    # Whatever the weights, B and C stay tied: still exactly half each.
    data = probabilities(appraisal_dir(TWO_CRITERIA, options), "--samples", "300", "--weights", "simplex")
    assert data["rank_probabilities"]["b"] == data["rank_probabilities"]["c"] == [0.0, 0.5, 0.5]


def test_a_tie_for_first_is_not_staying_preferred(appraisal_dir: Callable[..., Path]) -> None:
    options = {"a": {"name": "A", "scores": {"x": 5, "y": 0}}, "b": {"name": "B", "scores": {"x": 0, "y": 5}}}
    data = probabilities(appraisal_dir(TWO_CRITERIA, options), "--samples", "50", "--weights", "fixed")
    assert data["preferred"] is None and data["preferred_probability"] is None
    assert data["rank_probabilities"] == {"a": [0.5, 0.5], "b": [0.5, 0.5]}


def test_cost_uncertainty_applies_the_budget_gate_in_each_sample(appraisal_dir: Callable[..., Path]) -> None:
    # A (better, annual 100) and B (annual 90) against a budget of 105. With u = 0.1 each cost is
    # multiplied by triangular(0.9, 1, 1.1): A is over budget when its factor exceeds 1.05, with
    # probability (1.1 - 1.05)^2 / ((1.1 - 0.9)(1.1 - 1)) = 0.0025 / 0.02 = 1/8; B never is
    # (105/90 > 1.1). Over budget, A is placed after B, so A is first 7/8 of the time.
    criteria = {**ONE_CRITERION, "finance": {"budget": 105}}
    options = {"a": {"name": "A", "scores": {"c": 4}, "costs": {"annual": 100}},
               "b": {"name": "B", "scores": {"c": 1}, "costs": {"annual": 90}}}
    data = probabilities(appraisal_dir(criteria, options), "--samples", "20000", "--cost-uncertainty", "0.1")
    assert data["over_budget"]["b"] == 0.0
    assert data["over_budget"]["a"] == pytest.approx(1 / 8, abs=0.01)
    assert data["rank_probabilities"]["a"][0] == pytest.approx(1 - data["over_budget"]["a"], abs=1e-12)
    assert data["preferred_probability"] == data["rank_probabilities"]["a"][0]
    assert data["sampling"]["cost_uncertainty"] == 0.1


@FAST
@given(appraisals(budget=True), st.integers(0, 2**32 - 1))
def test_sampled_totals_match_rescoring_each_sample(appraisal: Appraisal, seed: int) -> None:
    """The oracle is the real scoring: give each option its sampled costs, the leaves their
    sampled weights, score, and compare totals. This checks the re-normalisation of measured
    criteria and the budget gate sample by sample."""
    result = score(appraisal)
    ranked = [o.id for o in result.options if o.rank is not None]
    assume(len(ranked) >= 2)
    setup = Settings(samples=5, seed=seed, scores="fixed", cost_uncertainty=0.3)
    batch = next(sample(result, setup))
    assert batch.factors is not None
    only_ranked = replace(appraisal, options=tuple(o for o in appraisal.options if o.id in ranked))
    for k in range(5):
        factor = dict(zip(batch.ids, batch.factors[k], strict=True))
        costed = tuple(
            o.model_copy(update={"costs": Costs(one_off=o.costs.one_off * factor[o.id],
                                                annual=float(o.costs.annual) * factor[o.id])})
            if o.costs else o
            for o in only_ranked.options
        )
        weights = dict(zip([c.id for c in result.leaves], batch.weights[k], strict=True))
        again = score(with_leaf_weights(replace(only_ranked, options=costed), weights))
        for i, oid in enumerate(batch.ids):
            assert batch.totals[k, i] == pytest.approx(again.option(oid).total, abs=1e-9)
            assert bool(batch.over is not None and batch.over[k,
                                                              i]) == ("within_budget" in again.option(oid).failed_gates)


@FAST
@given(appraisals(), st.sampled_from(["dirichlet", "simplex", "fixed"]), st.sampled_from(["triangular", "uniform"]),
       st.integers(0, 2**32 - 1))
def test_every_option_and_every_place_sums_to_one(appraisal: Appraisal, weights: str, scores: str, seed: int) -> None:
    result = score(appraisal)
    mc = simulate(result, Settings(samples=200, seed=seed, weights=weights, scores=scores))  # type: ignore[arg-type]
    table = np.array(list(mc.rank_probabilities.values()))
    ranked = [o.id for o in result.options if o.rank is not None]
    assert list(mc.rank_probabilities) == ranked
    if ranked:
        assert table.shape == (len(ranked), len(ranked))
        assert np.allclose(table.sum(axis=1), 1.0, atol=1e-12)
        assert np.allclose(table.sum(axis=0), 1.0, atol=1e-12)
        assert (table >= 0).all()


@FAST
@given(appraisals(budget=True), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_same_seed_same_numbers_whatever_the_batch_size(appraisal: Appraisal, seed: int, batch: int) -> None:
    result = score(appraisal)
    setup = Settings(samples=97, seed=seed, cost_uncertainty=0.2)
    whole = simulate(result, setup)
    assert simulate(result, setup) == whole
    assert simulate(result, setup, batch=batch) == whole


@FAST
@given(appraisals(ranges=False, measured=False), st.sampled_from(["dirichlet", "simplex"]), st.integers(0, 2**32 - 1))
def test_a_dominated_option_never_ranks_above_its_dominator(appraisal: Appraisal, weights: str, seed: int) -> None:
    result = score(appraisal)
    rank = {o.id: o.rank for o in result.options}
    dominated = {o: d for o, d in dominators(result).items() if d}
    for option, by in dominated.items():
        for d in by:
            assert result.option(d).total >= result.option(option).total - 1e-9  # in scoring
            if rank[option] is not None and rank[d] is not None:
                assert rank[d] <= rank[option]
    setup = Settings(samples=300, seed=seed, weights=weights)  # type: ignore[arg-type]
    for b in sample(result, setup, batch=100):  # in every sample
        column = {o: i for i, o in enumerate(b.ids)}
        for option, by in dominated.items():
            for d in by:
                if option in column and d in column:
                    assert (b.totals[:, column[d]] >= b.totals[:, column[option]] - 1e-9).all()
    mc = simulate(result, setup)
    for option, by in dominated.items():  # and so in the shares of the top k places
        for d in by:
            if option in mc.rank_probabilities and d in mc.rank_probabilities:
                top_d = np.cumsum(mc.rank_probabilities[d])
                top_o = np.cumsum(mc.rank_probabilities[option])
                assert (top_d >= top_o - 1e-12).all()


def test_no_ranked_option_means_nothing_to_sample() -> None:
    appraisal = build([{"id": "c", "name": "C", "weight": 1}],
                      {"a": {"name": "A", "scores": {"c": 1}, "gates": {"g": False}}}, gates=("g",))
    mc = simulate(score(appraisal), Settings(samples=10))
    assert mc.rank_probabilities == {} and mc.preferred_probability is None


def test_cli_same_seed_same_bytes_and_other_seed_other_numbers(reference_copy: Path) -> None:
    first = run_appraise("sensitivity", reference_copy, "--format", "json", "--samples", "3000", "--seed", "7")
    again = run_appraise("sensitivity", reference_copy, "--format", "json", "--samples", "3000", "--seed", "7")
    other = run_appraise("sensitivity", reference_copy, "--format", "json", "--samples", "3000", "--seed", "8")
    assert first.code == again.code == other.code == 0
    assert first.out == again.out
    assert json.loads(first.out)["rank_probabilities"] != json.loads(other.out)["rank_probabilities"]
    assert json.loads(first.out)["seed"] == 7 and json.loads(first.out)["samples"] == 3000
    assert first.err == ""  # no progress bar when standard error is not a terminal


def test_cli_writes_the_output_file_whole(reference_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "sensitivity.md"
    run = run_appraise("sensitivity", reference_copy, "--format", "markdown", "--samples", "100", "--output", out)
    assert run.code == 0 and run.out == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Sensitivity: Children's Centre services commissioning options\n")
    assert "## Rank probabilities" in text and "100 samples (seed 0)" in text


@pytest.mark.parametrize("args", [
    ["--samples", "0"], ["--seed", "-1"], ["--concentration", "0"], ["--cost-uncertainty", "1.5"],
    ["--weights", "random"], ["--scores", "normal"], ["--format", "csv"],
])
def test_cli_bad_options_exit_2(reference_copy: Path, args: list[str]) -> None:
    run = run_appraise("sensitivity", reference_copy, *args)
    assert run.code == 2
    assert "Traceback" not in run.err and run.out == ""


def test_cli_bad_input_exit_2_with_location_and_no_output(appraisal_dir: Callable[..., Path], tmp_path: Path) -> None:
    folder = appraisal_dir(ONE_CRITERION, {"a": {"name": "A", "scores": {"c": 9}}})
    out = tmp_path / "out.json"
    run = run_appraise("sensitivity", folder, "--format", "json", "--output", out)
    assert run.code == 2
    assert "options/a.yaml:" in run.err and "Traceback" not in run.err
    assert not out.exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_for_long_runs_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from appraisal.cli import sensitivity as command

    result = score(build([{"id": "c", "name": "C", "weight": 1}],
                         {f"o{i}": {"name": f"O{i}", "scores": {"c": i % 5}} for i in range(10)}))
    long_run = command.LONG_RUN // 10 + 1  # samples x 10 options x 1 criterion just over the line
    with command._progress(result, long_run) as progress:  # standard error is not a terminal here
        assert progress is None
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with command._progress(result, long_run - 2) as progress:  # a terminal, but just under the line
        assert progress is None
    with command._progress(result, long_run) as progress:
        assert progress is not None
        progress(long_run)
    assert "Sampling" in terminal.getvalue()

"""Each weighting method against its source's own numbers, or numbers worked by hand here.

Sources (docs/weights.md): Barron and Barrett (1996), table 1, for rank order centroid, rank
sum and reciprocal weights; Saaty (1980) for the eigenvector, lambda_max and the consistency
ratio; the contract's swing example (100/60/30).
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from appraisal.weighting.methods import (
    RANDOM_INDEX,
    SAATY,
    combine,
    geometric_matrix,
    global_weights,
    matrix,
    normalised,
    pairwise,
    rank_weights,
)


def test_swing_normalises_to_the_contracts_numbers() -> None:
    w = normalised({"a": 100, "b": 60, "c": 30})
    # 100/190, 60/190, 30/190
    assert [round(w[k], 4) for k in "abc"] == [0.5263, 0.3158, 0.1579]


@pytest.mark.parametrize(("n", "expected"), [
    # Barron and Barrett (1996), rank order centroid weights, to four places
    (2, [0.7500, 0.2500]),
    (3, [0.6111, 0.2778, 0.1111]),
    (4, [0.5208, 0.2708, 0.1458, 0.0625]),
    (5, [0.4567, 0.2567, 0.1567, 0.0900, 0.0400]),
])
def test_rank_order_centroid(n: int, expected: list[float]) -> None:
    ids = [f"c{i}" for i in range(n)]
    w = rank_weights(ids, "roc")
    assert [round(w[k], 4) for k in ids] == expected


def test_rank_sum_and_reciprocal_by_hand() -> None:
    ids = ["a", "b", "c", "d"]
    # rank sum: 2(n + 1 - i) / (n(n + 1)) = 8/20, 6/20, 4/20, 2/20
    assert rank_weights(ids, "rank_sum") == pytest.approx({"a": 0.4, "b": 0.3, "c": 0.2, "d": 0.1})
    # reciprocal: (1/i) / (1 + 1/2 + 1/3 + 1/4 = 25/12) = 12/25, 6/25, 4/25, 3/25
    assert rank_weights(ids, "reciprocal") == pytest.approx({"a": 0.48, "b": 0.24, "c": 0.16, "d": 0.12})


def test_tied_places_share_the_mean_of_their_weights() -> None:
    # [a, [b, c], d] under ROC, n = 4: places 2 and 3 (0.2708, 0.1458) shared: 0.2083 each
    w = rank_weights(["a", ["b", "c"], "d"], "roc")
    assert w["b"] == w["c"] == pytest.approx((13 / 48 + 7 / 48) / 2)
    assert w["a"] == pytest.approx(25 / 48) and w["d"] == pytest.approx(3 / 48)
    assert sum(w.values()) == pytest.approx(1)


def test_saatys_three_by_three_example() -> None:
    # Saaty's textbook matrix [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]: priorities 0.637, 0.258,
    # 0.105, lambda_max 3.039, CI 0.019, CR 0.033 (RI(3) = 0.58)
    result = pairwise(["a", "b", "c"], matrix(["a", "b", "c"], [("a", "b", 3), ("a", "c", 5), ("b", "c", 3)]))
    assert [round(result.weights[k], 3) for k in "abc"] == [0.637, 0.258, 0.105]
    assert round(result.lambda_max, 3) == 3.039
    assert round(result.consistency_index, 3) == 0.019
    assert round(result.consistency_ratio, 3) == 0.033


def test_a_consistent_matrix_gives_its_ratios_and_a_zero_ratio() -> None:
    # a = 2b = 4c exactly: weights 4/7, 2/7, 1/7, lambda_max = n
    result = pairwise(["a", "b", "c"], matrix(["a", "b", "c"], [("a", "b", 2), ("a", "c", 4), ("b", "c", 2)]))
    assert result.weights == pytest.approx({"a": 4 / 7, "b": 2 / 7, "c": 1 / 7})
    assert result.lambda_max == pytest.approx(3) and result.consistency_ratio == pytest.approx(0, abs=1e-12)


def test_an_inconsistent_group_is_past_the_threshold() -> None:
    # a > b (9), b > c (9), but c > a (9): a cycle
    ids = ["a", "b", "c"]
    result = pairwise(ids, matrix(ids, [("a", "b", 9), ("b", "c", 9), ("c", "a", 9)]))
    assert result.consistency_ratio > 0.10


def test_the_random_index_is_saatys() -> None:
    assert [RANDOM_INDEX[n] for n in range(3, 11)] == [0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    assert Fraction(1, 3) in SAATY and Fraction(9) in SAATY and Fraction(10) not in SAATY


def test_aij_is_the_element_wise_geometric_mean() -> None:
    one = matrix(["a", "b"], [("a", "b", 2)])
    two = matrix(["a", "b"], [("a", "b", 8)])
    # sqrt(2 x 8) = 4, and its reciprocal below the diagonal
    assert [x for row in geometric_matrix([one, two]) for x in row] == pytest.approx([1, 4, 0.25, 1])


def test_combining_rules_by_hand() -> None:
    groups = [{"a": 0.5, "b": 0.5}, {"a": 0.7, "b": 0.3}, {"a": 0.6, "b": 0.4}]
    assert combine(groups, "median") == pytest.approx({"a": 0.6, "b": 0.4})
    assert combine(groups, "mean") == pytest.approx({"a": 0.6, "b": 0.4})
    # geometric: a (0.5 x 0.7 x 0.6)^(1/3) = 0.5944, b (0.5 x 0.3 x 0.4)^(1/3) = 0.3915; normalised
    a, b = (0.5 * 0.7 * 0.6) ** (1 / 3), (0.5 * 0.3 * 0.4) ** (1 / 3)
    assert combine(groups, "geometric") == pytest.approx({"a": a / (a + b), "b": b / (a + b)})


def test_global_weights_are_products_down_the_tree() -> None:
    parents = {"cost": None, "quality": None, "staff": "quality", "access": "quality"}
    local = {"root": {"cost": 0.4, "quality": 0.6}, "quality": {"staff": 0.25, "access": 0.75}}
    assert global_weights(local, parents) == pytest.approx(
        {"cost": 0.4, "quality": 0.6, "staff": 0.15, "access": 0.45})
    # a group with no weights leaves its criteria out
    assert global_weights({"root": local["root"]}, parents) == pytest.approx({"cost": 0.4, "quality": 0.6})

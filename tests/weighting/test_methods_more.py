"""More of each method against numbers worked by hand, and the properties every method keeps.

The 3 x 3 reciprocal matrix [[1, a, b], [1/a, 1, c], [1/b, 1/c, 1]] has a closed form: with
d = ac/b, lambda_max = 1 + d^(1/3) + d^(-1/3), and its principal eigenvector is the vector of
row geometric means (for n = 3 the two coincide). So any 3 x 3 group's priorities and
consistency ratio can be checked without an eigenvalue routine.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.weighting.methods import (
    RANDOM_INDEX,
    SAATY,
    global_weights,
    matrix,
    normalised,
    pairwise,
    rank_weights,
)

SCALE = sorted(float(f) for f in SAATY)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SCALE), st.sampled_from(SCALE), st.sampled_from(SCALE))
def test_three_by_three_matches_the_closed_form(a: float, b: float, c: float) -> None:
    ids = ["x", "y", "z"]
    result = pairwise(ids, matrix(ids, [("x", "y", a), ("x", "z", b), ("y", "z", c)]))
    d = a * c / b
    lam = 1 + d ** (1 / 3) + d ** (-1 / 3)
    assert result.lambda_max == pytest.approx(lam, rel=1e-9)
    assert result.consistency_ratio == pytest.approx((lam - 3) / 2 / 0.58, abs=1e-9)
    rows = [(a * b) ** (1 / 3), (c / a) ** (1 / 3), (1 / (b * c)) ** (1 / 3)]
    assert [result.weights[k] for k in ids] == pytest.approx([r / sum(rows) for r in rows], rel=1e-9)


def test_an_intransitive_three_by_three_by_hand() -> None:
    # a = 2, b = 1, c = 2 (x twice y, y twice z, yet x only equal to z): d = 4,
    # lambda_max = 1 + 4^(1/3) + 4^(-1/3) = 3.2174, CI = 0.1087, CR = 0.1874 > 0.10
    ids = ["x", "y", "z"]
    result = pairwise(ids, matrix(ids, [("x", "y", 2), ("x", "z", 1), ("y", "z", 2)]))
    assert round(result.lambda_max, 4) == 3.2174
    assert round(result.consistency_index, 4) == 0.1087
    assert round(result.consistency_ratio, 4) == 0.1874


def test_a_consistent_four_by_four_gives_its_ratios() -> None:
    # w = 8, 4, 2, 1 (over 15): every judgement w_i / w_j is on Saaty's scale (2, 4, 8)
    ids = ["a", "b", "c", "d"]
    w = dict(zip(ids, (8, 4, 2, 1), strict=True))
    judgements = [(i, j, w[i] / w[j]) for n, i in enumerate(ids) for j in ids[n + 1:]]
    result = pairwise(ids, matrix(ids, judgements))
    assert result.weights == pytest.approx({k: v / 15 for k, v in w.items()})
    assert result.lambda_max == pytest.approx(4) and result.consistency_ratio == pytest.approx(0, abs=1e-12)


def test_a_four_by_four_with_one_reversed_judgement_is_inconsistent() -> None:
    # as above, but d judged 8 times c instead of half: lambda_max rises well above 4
    ids = ["a", "b", "c", "d"]
    result = pairwise(ids, matrix(ids, [("a", "b", 2), ("a", "c", 4), ("a", "d", 8), ("b", "c", 2),
                                        ("b", "d", 4), ("d", "c", 8)]))
    assert result.consistency_ratio == pytest.approx(result.consistency_index / RANDOM_INDEX[4])
    assert result.consistency_ratio > 0.10


def test_smart_by_hand() -> None:
    # the least important 10, the others 20 and 40: 10/70, 20/70, 40/70
    assert normalised({"a": 10, "b": 20, "c": 40}) == pytest.approx({"a": 1 / 7, "b": 2 / 7, "c": 4 / 7})


def test_rank_sum_and_reciprocal_with_ties_by_hand() -> None:
    # rank sum, n = 3: 3/6, 2/6, 1/6; [a, [b, c]]: b and c share (2/6 + 1/6)/2 = 1/4
    assert rank_weights(["a", ["b", "c"]], "rank_sum") == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.25})
    # reciprocal, n = 3: (1, 1/2, 1/3) / (11/6) = 6/11, 3/11, 2/11; [[a, b], c]: a and b 9/22
    assert rank_weights([["a", "b"], "c"], "reciprocal") == pytest.approx({"a": 9 / 22, "b": 9 / 22, "c": 2 / 11})
    # everything tied is equal weights, whatever the rule
    for rule in ("roc", "rank_sum", "reciprocal"):
        assert rank_weights([["a", "b", "c", "d"]], rule) == pytest.approx(dict.fromkeys("abcd", 0.25))


positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), positive, min_size=1), positive)
def test_normalised_sums_to_one_and_ignores_the_scale(values: dict[str, float], factor: float) -> None:
    w = normalised(values)
    assert math.fsum(w.values()) == pytest.approx(1)
    assert normalised({k: v * factor for k, v in values.items()}) == pytest.approx(w)


@st.composite
def rankings(draw: st.DrawFn) -> list[str | list[str]]:
    ids = draw(st.permutations(list("abcdefghij")))[:draw(st.integers(1, 10))]
    out: list[str | list[str]] = []
    i = 0
    while i < len(ids):
        size = draw(st.integers(1, len(ids) - i))
        out.append(ids[i] if size == 1 else list(ids[i:i + size]))
        i += size
    return out


@settings(max_examples=100, deadline=None)
@given(rankings(), st.sampled_from(["roc", "rank_sum", "reciprocal"]))
def test_rank_weights_sum_to_one_and_never_rise_down_the_order(order: list[str | list[str]], rule: str) -> None:
    w = rank_weights(order, rule)
    assert math.fsum(w.values()) == pytest.approx(1)
    places = [w[item if isinstance(item, str) else item[0]] for item in order]
    assert all(x >= y - 1e-12 for x, y in zip(places, places[1:], strict=False))
    for item in order:
        if not isinstance(item, str):
            assert len({w[k] for k in item}) == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=3, max_size=6))
def test_consistent_matrices_give_back_their_weights(raw: list[int]) -> None:
    ids = [f"c{i}" for i in range(len(raw))]
    judgements = [(ids[i], ids[j], raw[i] / raw[j]) for i in range(len(raw)) for j in range(i + 1, len(raw))]
    result = pairwise(ids, matrix(ids, judgements))
    assert [result.weights[k] for k in ids] == pytest.approx([r / sum(raw) for r in raw])
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)


Tree = tuple[dict[str, str | None], dict[str, dict[str, float]]]


@st.composite
def trees(draw: st.DrawFn) -> Tree:
    """A random criteria tree (parents) and every group's local weights."""
    parents: dict[str, str | None] = {}
    frontier: list[str | None] = [None]
    n = 0
    while frontier and n < 30:
        parent = frontier.pop(0)
        for _ in range(draw(st.integers(1 if parent is None else 2, 4))):
            cid = f"c{n}"
            n += 1
            parents[cid] = parent
            if draw(st.booleans()) and n < 20:
                frontier.append(cid)
    local: dict[str, dict[str, float]] = {}
    for cid, parent in parents.items():
        local.setdefault(parent or "root", {})[cid] = draw(positive)
    return parents, {g: normalised(ws) for g, ws in local.items()}


@settings(max_examples=100, deadline=None)
@given(trees())
def test_global_weights_of_the_leaves_sum_to_one(tree: Tree) -> None:
    parents, local = tree
    g = global_weights(local, parents)
    leaves = [c for c in parents if c not in set(parents.values())]
    assert math.fsum(g[c] for c in leaves) == pytest.approx(1)
    for parent in set(parents.values()) - {None}:
        assert g[parent] == pytest.approx(math.fsum(g[c] for c, p in parents.items() if p == parent))


def test_saatys_scale_has_seventeen_values() -> None:
    assert len(SAATY) == 17 and Fraction(1, 9) in SAATY

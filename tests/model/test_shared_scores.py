"""Bare scores share one Score per value, found before validation once a value is shared."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from appraisal.model.option import OptionFile, Score, is_shared, shared_bare, validate_scores
from appraisal.model.values import Slug


def _scores(**scores: object) -> dict[str, object]:
    return dict(OptionFile.model_validate({"name": "An option", "scores": scores}).scores)


def test_a_bare_number_met_again_is_the_shared_score_for_int_and_float_alike() -> None:
    first = _scores(users=3)["users"]
    again = _scores(users=3, cost=3.0, other={"score": 3})
    assert is_shared(first)
    assert again["users"] is first and again["cost"] is first and again["other"] is first
    assert first.score == 3.0 and first.model_fields_set == {"score"}


def test_minus_zero_is_not_shared_with_zero() -> None:
    scores = _scores(a=0, b=0.0, c=-0.0)
    again = _scores(a=-0.0, b=0)
    assert scores["a"] is scores["b"] is again["b"]
    assert scores["c"] is again["a"] and scores["c"] is not scores["a"]
    assert repr(again["a"].score) == "-0.0"


def test_a_shared_value_next_to_a_wrong_one_still_reports_only_the_wrong_one() -> None:
    _scores(users=4)
    with pytest.raises(ValidationError) as raised:
        _scores(users=4, cost="4", size=1e16, far=10**30)
    where = sorted((tuple(error["loc"]), error["type"]) for error in raised.value.errors())
    assert where == [(("scores", "cost"), "value_error"), (("scores", "far", "score"), "less_than_equal"),
                     (("scores", "size", "score"), "less_than_equal")]


def test_a_mapping_with_a_rationale_is_its_own_score() -> None:
    shared = _scores(users=2)["users"]
    own = _scores(users={"score": 2, "rationale": "Why."})["users"]
    assert own is not shared and not is_shared(own) and own.rationale == "Why."


def test_a_whole_number_is_the_score_shared_for_its_float_and_true_is_not_one() -> None:
    first = _scores(users=7.0)["users"]  # shared from the float: the whole number finds it too
    assert _scores(users=7)["users"] is first and _scores(users=7)["users"] is first
    with pytest.raises(ValidationError) as raised:
        _scores(users=True, cost=1, huge=10**400)
    where = sorted((tuple(error["loc"]), error["type"]) for error in raised.value.errors())
    assert where == [(("scores", "huge", "score"), "float_type"), (("scores", "users"), "value_error")]


def test_a_shared_number_under_a_key_that_is_no_id_is_still_refused_at_the_key() -> None:
    _scores(users=2)
    for key in ("Users", "users\n", "u" * 65, "-users"):
        with pytest.raises(ValidationError) as raised:
            _scores(**{key: 2, "cost": 2})
        errors = raised.value.errors()
        assert [(e["loc"], e["type"]) for e in errors] == [
            (("scores", key, "[key]"), "string_too_long" if len(key) > 64 else "string_pattern_mismatch")]


def test_shared_and_own_scores_keep_the_order_they_were_written_in() -> None:
    _scores(a=1, c=3)
    scores = _scores(c=3, b={"score": 2, "rationale": "Why."}, a=1, d=4.5)
    assert list(scores) == ["c", "b", "a", "d"]
    assert [s.score for s in scores.values()] == [3.0, 2.0, 1.0, 4.5]
    assert is_shared(scores["c"]) and is_shared(scores["a"]) and not is_shared(scores["b"])


_KEYS = st.sampled_from(["users", "cost", "q03", "Users", "users\n", "-x", "u" * 65, "u" * 64, 7])
_VALUES = st.one_of(
    st.sampled_from([0, 3, -0.0, 0.0, 2.5, True, "4", None, 10**30, 1e16, float("inf")]),
    st.integers(-3, 8), st.floats(-1, 6, allow_nan=False),
    st.fixed_dictionaries({"score": st.integers(0, 5)}, optional={"rationale": st.just("Why."), "low": st.just(1)}),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(_KEYS, _VALUES, max_size=6), min_size=1, max_size=4))
def test_skipping_validation_of_shared_numbers_changes_no_result_and_no_error(files: list[dict[Any, Any]]) -> None:
    # pydantic's own validator of the mapping, as validate_scores receives it in OptionFile
    plain = TypeAdapter(dict[Slug, Score]).validate_python
    for scores in files:  # earlier files share numbers that later ones then skip
        try:
            expected: Any = shared_bare(plain(scores))
        except ValidationError as exc:
            expected = [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]
        try:
            got: Any = validate_scores(scores, plain)
        except ValidationError as exc:
            got = [(e["loc"], e["type"], e["msg"]) for e in exc.errors()]
        assert got == expected
        if isinstance(got, dict):  # the same Scores in the same order, and shared where pydantic's are
            assert list(got) == list(scores)
            assert [is_shared(s) or s for s in got.values()] == [is_shared(s) or s for s in expected.values()]
            assert all(a is b for a, b in zip(got.values(), expected.values(), strict=True) if is_shared(b))

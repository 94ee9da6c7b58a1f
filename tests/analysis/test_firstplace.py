"""What it would take to change first place (analysis/firstplace.py), worked by hand.

Two criteria a (weight 60) and b (40); values: X a 1.0 b 0.0 (60 points), Y a 0.0 b 1.0 (40),
Z a 0.5 b 0.5 (50). X is first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal

from appraisal.analysis.firstplace import group_switches, nearest_weights, single_change
from appraisal.load.folder import load
from appraisal.scoring.weighted_sum import Result, score

CRITERIA: dict[str, Any] = {
    "title": "Two criteria",
    "scale": {"min": 0, "max": 4},
    "criteria": [{"id": "a", "name": "A", "weight": 60}, {"id": "b", "name": "B", "weight": 40}],
}
OPTIONS = {"x": {"name": "X", "scores": {"a": 4, "b": 0}}, "y": {"name": "Y", "scores": {"a": 0, "b": 4}},
           "z": {"name": "Z", "scores": {"a": 2, "b": 2}}}


@pytest.fixture
def result(tmp_path: Path) -> Result:
    loaded = load(make_appraisal(tmp_path / "f", CRITERIA, OPTIONS))
    return score(loaded[0] if isinstance(loaded, tuple) else loaded)


def test_the_switching_share_is_where_the_totals_cross(result: Result) -> None:
    a = next(c for c in result.criteria if c.id == "a")
    # X = 100 p, Y = 100 (1 - p), Z = 50: X leads while p > 0.5, where all three meet
    assert group_switches(result, a) == pytest.approx([0.5])


def test_one_weight_that_puts_an_option_first(result: Result) -> None:
    y = result.option("y")
    change = single_change(result, y)
    assert change is not None
    # Y leads X when 1 - p > p, and Z (50) when 100 (1 - p) > 50: p < 0.5 (less the margin), on either criterion
    assert change.criterion in ("a", "b")
    p = change.share if change.criterion == "a" else 1 - change.share
    assert p < 0.5 and p == pytest.approx(0.5, abs=1e-6)  # just past the three-way tie at 0.5
    assert change.global_change == pytest.approx(0.1, abs=1e-6)  # from 0.6 (or 0.4) to 0.5


def test_an_option_no_single_weight_puts_first(result: Result) -> None:
    # Z is 50 whatever the weights, and X or Y has at least 50: Z never leads alone
    assert single_change(result, result.option("z")) is None
    assert nearest_weights(result, result.option("z")) is None


def test_the_nearest_weights_are_the_least_squares_ones(result: Result) -> None:
    found = nearest_weights(result, result.option("y"))
    assert found is not None
    # from (0.6, 0.4), the nearest point with b > a is (0.5, 0.5), less a sliver
    assert found["a"] == pytest.approx(0.5, abs=1e-5) and found["b"] == pytest.approx(0.5, abs=1e-5)
    assert found["b"] > found["a"] and sum(found.values()) == pytest.approx(1)

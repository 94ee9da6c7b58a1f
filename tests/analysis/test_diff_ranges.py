"""diff warns when a measured criterion's best-to-worst range changes but its weight does not
(contract section 14): a swing weight was judged for the range it was given on."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from conftest import make_appraisal, run_appraise

CRITERIA: dict[str, Any] = {
    "title": "Ranges",
    "criteria": [
        {"id": "cost", "name": "Cost", "weight": 50, "measure": "annual_cost", "direction": "lower"},
        {"id": "quality", "name": "Quality", "weight": 50},
    ],
}
OPTIONS: dict[str, Any] = {
    "a": {"name": "A", "costs": {"annual": 100}, "scores": {"quality": 2}},
    "b": {"name": "B", "costs": {"annual": 150}, "scores": {"quality": 4}},
    "c": {"name": "C", "costs": {"annual": 200}, "scores": {"quality": 5}},
}


def run_diff(tmp_path: Path, criteria: dict[str, Any], options: dict[str, Any], *args: str) -> str:
    old = make_appraisal(tmp_path / "old", CRITERIA, OPTIONS)
    new = make_appraisal(tmp_path / "new", criteria, options)
    run = run_appraise("diff", old, new, *args)
    assert run.code == 0, run.err
    return run.out


def test_a_wider_range_with_the_same_weight_is_warned_at_the_weight(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["c"]["costs"]["annual"] = 400
    out = " ".join(run_diff(tmp_path, CRITERIA, options).split())
    # criteria.yaml as written by make_appraisal: the cost criterion's weight is on line 5
    assert "Warning (" in out and "criteria.yaml, line 5): 'cost' now runs from £100 (best) to £400 (worst), " \
           "where it ran from £100 to £200, but its weight is unchanged" in out
    markdown = " ".join(run_diff(tmp_path / "md", CRITERIA, options, "--format", "markdown").split())
    assert "'cost' now runs from £100 (best) to £400 (worst)" in markdown


def test_a_range_that_stays_is_not_warned(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["b"]["costs"]["annual"] = 120  # inside the range: best and worst stay
    assert "Warning" not in run_diff(tmp_path, CRITERIA, options)


def test_a_range_that_changes_with_its_weight_is_not_warned(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["c"]["costs"]["annual"] = 400
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"] = 60
    assert "Warning" not in run_diff(tmp_path, criteria, options)


def test_fixed_points_do_not_depend_on_the_range(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["value_function"] = {"points": [[0, 1], [1000, 0]]}
    options = copy.deepcopy(OPTIONS)
    options["c"]["costs"]["annual"] = 400
    old = make_appraisal(tmp_path / "old", criteria, OPTIONS)
    new = make_appraisal(tmp_path / "new", criteria, options)
    run = run_appraise("diff", old, new)
    assert run.code == 0, run.err
    assert "Warning" not in run.out

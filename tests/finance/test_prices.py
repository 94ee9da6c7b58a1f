"""Real and nominal prices, and the capital and operating cost lines."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from appraisal.finance.prices import calendar_years, missing_index_years, to_real
from appraisal.model.finance import Finance
from tests.conftest import REPO, run_appraise

TWO_PERCENT = {2024 + t: 100 * 1.02**t for t in range(7)}
"""A GDP deflator rising 2% a year from a 2024 base."""


def test_green_book_table_1_nominal_to_real_at_a_2_percent_deflator() -> None:
    # Green Book 2022, table 1: GBP 1,000 a year in nominal terms is, in year-0 prices,
    # 1,000, 980, 961, 942, 924 and 906 in years 0 to 5.
    finance = Finance.model_validate({"price_base_year": 2024, "inflation": TWO_PERCENT})
    real = to_real([1000.0] * 6, finance)
    assert [round(v) for v in real] == [1000, 980, 961, 942, 924, 906]


def test_only_the_ratio_of_indices_matters() -> None:
    rebased = {y: v / 100 for y, v in TWO_PERCENT.items()}
    a = Finance.model_validate({"price_base_year": 2024, "inflation": TWO_PERCENT})
    b = Finance.model_validate({"price_base_year": 2024, "inflation": rebased})
    assert to_real([500.0, 500.0], a) == pytest.approx(to_real([500.0, 500.0], b), rel=1e-15)


def test_start_year_moves_year_0_but_not_the_price_base() -> None:
    finance = Finance.model_validate({"price_base_year": 2024, "start_year": 2026, "inflation": TWO_PERCENT})
    assert calendar_years(finance, 3) == [2026, 2027, 2028]
    assert to_real([1000.0], finance) == pytest.approx([1000 / 1.02**2], rel=1e-12)
    assert missing_index_years(finance, 6) == [2031]


def _folder(appraisal_dir: Callable[..., Path], finance: dict[str, Any], costs: dict[str, Any]) -> Path:
    criteria = {
        "title": "Prices",
        "criteria": [{"id": "cost", "name": "Cost", "weight": 1, "measure": "whole_life_cost", "direction": "lower"}],
        "finance": finance,
    }
    options = {"a": {"name": "A", "baseline": True, "role": ["business_as_usual", "do_minimum"], "costs": costs},
               "b": {"name": "B", "costs": {"annual": 1}}}
    return appraisal_dir(criteria, options)


def _measures(folder: Path) -> dict[str, float]:
    run = run_appraise("score", folder, "--format", "json")
    assert run.code == 0, run.err
    return dict(next(o for o in json.loads(run.out)["options"] if o["id"] == "a")["measures"])


def test_nominal_costs_are_converted_before_any_measure(appraisal_dir: Callable[..., Path]) -> None:
    finance = {"years": 3, "discount_rate": 0.0, "price_base_year": 2024, "inflation": TWO_PERCENT}
    folder = _folder(appraisal_dir, finance, {"prices": "nominal", "one_off": 300, "annual": [1000, 1020, 1040.4]})
    measures = _measures(folder)
    # 1020 nominal in 2025 is 1000 in 2024 prices; 1040.4 in 2026 is 1000 too.
    assert measures["whole_life_cost"] == pytest.approx(300 + 3000, rel=1e-12)
    assert measures["annual_cost"] == pytest.approx(1000, rel=1e-12)


def test_capital_and_operating_lines(appraisal_dir: Callable[..., Path]) -> None:
    finance = {"years": 4, "discount_rate": 0.10}
    costs = {"one_off": 50, "capital": [1000, 500], "operating": 200, "annual": [10, 10, 10, 10]}
    measures = _measures(_folder(appraisal_dir, finance, costs))
    # Capital is not a recurrent cost: annual_cost is the mean of annual + operating.
    assert measures["annual_cost"] == pytest.approx(210, rel=1e-12)
    assert measures["whole_life_cost"] == pytest.approx(50 + 1500 + 4 * 210, rel=1e-12)
    by_hand = 50 + 1000 + 500 / 1.1 + sum(210 / 1.1**t for t in range(4))
    assert measures["npv_cost"] == pytest.approx(by_hand, rel=1e-12)


def test_a_single_capital_figure_falls_in_year_0(appraisal_dir: Callable[..., Path]) -> None:
    measures = _measures(_folder(appraisal_dir, {"years": 2, "discount_rate": 0.5}, {"capital": 900}))
    assert measures["npv_cost"] == pytest.approx(900, rel=1e-12)
    assert measures["annual_cost"] == 0


def test_nominal_prices_without_an_index_year_are_refused(appraisal_dir: Callable[..., Path]) -> None:
    finance = {"years": 3, "price_base_year": 2024, "inflation": {2024: 100, 2025: 102}}
    folder = _folder(appraisal_dir, finance, {"prices": "nominal", "annual": 1000})
    run = run_appraise("validate", folder)
    assert run.code == 2
    assert "options/a.yaml:" in run.err and "finance.inflation has none for 2026" in run.err


def test_nominal_prices_without_a_base_year_are_refused(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 1}, {"prices": "nominal", "annual": 1000})
    run = run_appraise("validate", folder)
    assert run.code == 2 and "nominal prices need finance.price_base_year" in run.err


def test_an_index_without_the_base_year_is_refused(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 1, "price_base_year": 2023, "inflation": TWO_PERCENT}, {"annual": 1})
    run = run_appraise("validate", folder)
    assert run.code == 2 and "no figure for the price base year 2023" in run.err


def test_yearly_lists_must_fit_the_profile(appraisal_dir: Callable[..., Path]) -> None:
    costs = {"operating": [1, 2], "capital": [1, 2, 3, 4]}
    run = run_appraise("validate", _folder(appraisal_dir, {"years": 3}, costs))
    assert run.code == 2
    assert "2 years of operating costs given, but finance.years is 3" in run.err
    assert "4 years of capital costs given, but finance.years is 3" in run.err


def test_the_documented_example_validates_and_appraises(appraisal_dir: Callable[..., Path]) -> None:
    """docs/green-book.md's "Everything at once" blocks, in a minimal appraisal."""
    import yaml

    doc = (REPO / "docs" / "green-book.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```yaml\n")[1:3]]
    criteria, option = (yaml.safe_load(b) for b in blocks)
    frame = {"title": "Docs", "criteria": [{"id": "q", "name": "Quality", "weight": 100}], **criteria}
    judged = {"q": {"score": 3, "rationale": "why"}}
    other = {"name": "Other", "scores": judged, "costs": {"annual": 1_700_000}, "role": "preferred_way_forward"}
    folder = appraisal_dir(frame, {"in-house": {"name": "In house", "scores": judged, **option}, "other": other})
    run = run_appraise("validate", folder)
    assert run.code == 0 and "warning" not in run.err, run.err
    by_id = {o["id"]: o for o in json.loads(run_appraise("vfm", folder, "--format", "json").out)["options"]}
    # The option's own optimism bias: capital at the standard-buildings 24%, operating at 5%.
    assert set(by_id["in-house"]["optimism_bias"]) == {"capital", "operating"}
    assert by_id["other"]["optimism_bias"] == pytest.approx({"annual": 0.41 * by_id["other"]["npv_cost"]})

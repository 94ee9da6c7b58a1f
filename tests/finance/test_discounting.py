"""Green Book discounting: published factors, the stepped schedules, and npv_cost through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.finance.costs import derived_measures
from appraisal.finance.discounting import HEALTH, SCHEDULES, STANDARD
from appraisal.model.finance import Finance
from appraisal.model.option import Option
from tests.conftest import run_appraise


def test_year_10_at_3_5_percent_is_the_published_0_7089() -> None:
    # Green Book discount factor tables: year 10 at 3.5% is 0.7089.
    assert round(STANDARD.factor(10), 4) == 0.7089


def test_year_0_is_not_discounted() -> None:
    assert STANDARD.factor(0) == 1.0
    assert HEALTH.factor(0) == 1.0
    with pytest.raises(ValueError):
        STANDARD.rate(0)


def test_the_published_bands() -> None:
    expected = {1: 0.035, 30: 0.035, 31: 0.03, 75: 0.03, 76: 0.025, 125: 0.025, 126: 0.02,
                200: 0.02, 201: 0.015, 300: 0.015, 301: 0.01, 1000: 0.01}
    assert {y: STANDARD.rate(y) for y in expected} == expected
    health = {1: 0.015, 30: 0.015, 31: 0.0129, 76: 0.0107, 126: 0.0086, 201: 0.0064, 301: 0.0043}
    assert {y: HEALTH.rate(y) for y in health} == health
    assert set(SCHEDULES) == {"standard", "health"}


def test_past_year_30_the_factor_is_the_year_by_year_product() -> None:
    # Year 31: discounted 30 times at 3.5% and once at 3.0%.
    assert STANDARD.factor(31) == pytest.approx(1 / (1.035**30 * 1.03), rel=1e-12)
    assert round(STANDARD.factor(31), 4) == 0.3459  # 1.035**30 = 2.80679; x 1.03 = 2.89100
    # Year 80: 30 years at 3.5%, 45 at 3.0%, 5 at 2.5%.
    assert STANDARD.factor(80) == pytest.approx(1 / (1.035**30 * 1.03**45 * 1.025**5), rel=1e-12)
    # Year 301: every band, then one year at 1.0%.
    by_hand = 1 / (1.035**30 * 1.03**45 * 1.025**50 * 1.02**75 * 1.015**100 * 1.01)
    assert STANDARD.factor(301) == pytest.approx(by_hand, rel=1e-11)
    # The health schedule: 30 years at 1.5%, then 1.29%.
    assert HEALTH.factor(32) == pytest.approx(1 / (1.015**30 * 1.0129**2), rel=1e-12)


def test_a_stepped_factor_is_never_below_the_flat_one() -> None:
    flat = [1 / 1.035**t for t in range(120)]
    stepped = STANDARD.factors(120)
    assert stepped[:31] == pytest.approx(flat[:31], rel=1e-12)
    assert all(s > f for s, f in zip(stepped[31:], flat[31:], strict=True))


@settings(max_examples=60, deadline=None)
@given(
    one_off=st.floats(0, 1e9),
    annual=st.one_of(st.floats(0, 1e9), st.lists(st.floats(0, 1e9), min_size=1, max_size=12)),
    rate=st.floats(0, 0.2),
)
def test_files_without_the_new_keys_keep_the_contract_formula_exactly(
    one_off: float, annual: float | list[float], rate: float
) -> None:
    """Contract section 3: npv_cost = one_off + sum of annual_t / (1 + rate) ** t, bit for bit."""
    years = len(annual) if isinstance(annual, list) else 5
    option = Option.model_validate({"id": "x", "name": "x", "costs": {"one_off": one_off, "annual": annual}})
    finance = Finance.model_validate({"years": years, "discount_rate": rate})
    stream = annual if isinstance(annual, list) else [annual] * years
    measures = derived_measures(option, finance)
    assert measures["npv_cost"] == one_off + sum(c * (1.0 / (1.0 + rate) ** t) for t, c in enumerate(stream))
    assert measures["whole_life_cost"] == one_off + sum(stream)
    assert measures["annual_cost"] == sum(stream) / len(stream)


def _folder(appraisal_dir: Callable[..., Path], finance: dict[str, Any], annual: Any = 1000) -> Path:
    criteria = {
        "title": "Discounting",
        "criteria": [{"id": "cost", "name": "Cost", "weight": 1, "measure": "npv_cost", "direction": "lower"}],
        "finance": finance,
    }
    options = {"a": {"name": "A", "baseline": True, "costs": {"one_off": 500, "annual": annual}},
               "b": {"name": "B", "costs": {"annual": 2000}}}
    return appraisal_dir(criteria, options)


def _npv(folder: Path, *args: str) -> float:
    run = run_appraise("score", folder, "--format", "json", *args)
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    return float(next(o for o in doc["options"] if o["id"] == "a")["measures"]["npv_cost"])


def test_without_a_schedule_the_flat_rate_applies_as_before(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 40, "discount_rate": 0.035})
    assert _npv(folder) == pytest.approx(500 + sum(1000 / 1.035**t for t in range(40)), rel=1e-12)


def test_schedule_standard_steps_down_after_year_30(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 40, "schedule": "standard"})
    by_hand = 500 + sum(1000 / 1.035**t for t in range(31)) + sum(
        1000 / (1.035**30 * 1.03 ** (t - 30)) for t in range(31, 40))
    assert _npv(folder) == pytest.approx(by_hand, rel=1e-12)


def test_schedule_health_uses_1_5_percent(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 3, "schedule": "health"})
    assert _npv(folder) == pytest.approx(500 + 1000 + 1000 / 1.015 + 1000 / 1.015**2, rel=1e-12)


def test_a_rate_and_a_schedule_together_are_refused(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 5, "discount_rate": 0.035, "schedule": "standard"})
    run = run_appraise("score", folder)
    assert run.code == 2
    assert "criteria.yaml:" in run.err and "give either discount_rate" in run.err
    assert "Traceback" not in run.err and run.out == ""


def test_a_scenario_rate_on_a_scheduled_appraisal_points_into_the_scenario(
    appraisal_dir: Callable[..., Path],
) -> None:
    folder = _folder(appraisal_dir, {"years": 5, "schedule": "standard"})
    scenario = folder / "scenarios" / "low-rate.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Low rate\nfinance:\n  discount_rate: 0.01\n", encoding="utf-8")
    run = run_appraise("score", folder, "--scenario", scenario)
    assert run.code == 2
    assert f"{scenario}:3:" in run.err and "give either discount_rate" in run.err


def test_an_unknown_schedule_is_named(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 5, "schedule": "treasury"})
    run = run_appraise("validate", folder)
    assert run.code == 2
    assert "'schedule'" in run.err and "'standard' or 'health'" in run.err


def test_describe_says_which_rate_applies() -> None:
    from appraisal.finance.discounting import describe

    assert describe(Finance()) == "3.5% a year"
    assert describe(Finance.model_validate({"discount_rate": 0.015})) == "1.5% a year"
    assert describe(Finance.model_validate({"schedule": "health"})) == (
        "the Green Book health schedule (1.5% a year to year 30, then declining)")


def test_a_scenario_may_switch_to_a_schedule(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 3})
    scenario = folder / "scenarios" / "health.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Health rate\nfinance:\n  schedule: health\n", encoding="utf-8")
    assert _npv(folder, "--scenario", str(scenario)) == pytest.approx(500 + 1000 + 1000 / 1.015 + 1000 / 1.015**2)
    # Where criteria.yaml gives discount_rate too, the clash is reported at the scenario's line.
    _folder(appraisal_dir, {"years": 3, "discount_rate": 0.035})
    run = run_appraise("score", folder, "--scenario", scenario)
    assert run.code == 2 and f"{scenario}:3:3: error: give either discount_rate" in run.err


def test_a_scenario_may_change_capital_and_operating(appraisal_dir: Callable[..., Path]) -> None:
    folder = _folder(appraisal_dir, {"years": 2, "discount_rate": 0.0})
    scenario = folder / "scenarios" / "capital.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Build\ncosts: {a: {capital: [100, 50], operating: 7}}\n", encoding="utf-8")
    # a keeps its one-off 500 and annual 1000 a year, and gains the capital and operating lines.
    assert _npv(folder, "--scenario", str(scenario)) == pytest.approx(500 + 150 + 2 * 1007)

"""Cost profiles and the measures derived from an option's file.

``annual_cost`` is the mean annual cost; ``whole_life_cost`` adds the one-off cost to every
year's annual cost over ``finance.years``; ``npv_cost`` discounts the same stream at
``finance.discount_rate``, with year t (t = 0 for the first year, one-off costs in year 0)
divided by (1 + rate) ** t, as in HM Treasury's Green Book (2022), annex A6;
``risk_exposure`` is the sum of likelihood x impact over the option's risks.

Green Book extensions (docs/green-book.md): ``capital`` lines count in ``whole_life_cost`` and
``npv_cost`` but not in ``annual_cost`` (a recurrent cost, like ``annual`` and ``operating``);
nominal lines are first converted to real prices (:mod:`appraisal.finance.prices`); with
``finance.schedule`` the stepped Green Book schedule (:mod:`appraisal.finance.discounting`) replaces
the flat rate.
"""

from __future__ import annotations

import operator

from appraisal.finance.discounting import SCHEDULES
from appraisal.finance.prices import to_real
from appraisal.model.finance import Costs, Finance
from appraisal.model.option import Option
from appraisal.model.values import Annual

COST_MEASURES = ("annual_cost", "whole_life_cost", "npv_cost")
"""The derived measures that are sums of money (shown with the currency, varied by Monte Carlo's
cost uncertainty, missing when an option states no costs)."""


def profile_years(costs: Costs, finance: Finance) -> int:
    """Years the cost profile covers: ``finance.years``, else the longest yearly list, else 1."""
    if finance.years is not None:
        return finance.years
    return max((len(v) for v in (costs.annual, costs.capital, costs.operating) if isinstance(v, list)), default=1)


def _recurrent(line: Annual | None, years: int) -> list[float]:
    if isinstance(line, list):
        return list(line)
    return [line or 0.0] * years


def annual_profile(costs: Costs, finance: Finance) -> list[float]:
    """The annual cost of each year: a single figure repeats for ``finance.years`` (default 1).

    A list gives one figure a year; :mod:`appraisal.check.crossfile` ensures its length matches
    ``finance.years`` when that is set.
    """
    return _recurrent(costs.annual, profile_years(costs, finance))


def line_profiles(costs: Costs, finance: Finance) -> dict[str, list[float]]:
    """Every cost line year by year (year 0 first), in real prices.

    ``one_off`` and a single ``capital`` figure fall in year 0; a ``capital`` list runs from
    year 0 and is padded with zeros; ``annual`` and ``operating`` are recurrent.
    """
    years = profile_years(costs, finance)
    capital = costs.capital if isinstance(costs.capital, list) else [costs.capital or 0.0]
    lines = {
        "one_off": [costs.one_off] + [0.0] * (years - 1),
        "capital": list(capital) + [0.0] * (years - len(capital)),
        "annual": annual_profile(costs, finance),
        "operating": _recurrent(costs.operating, years),
    }
    if costs.prices == "nominal":
        return {name: to_real(values, finance) for name, values in lines.items()}
    return lines


def discount_factor(year: int, rate: float) -> float:
    """1 / (1 + rate) ** year: the present value of one pound paid in ``year`` (0 = now)."""
    return 1.0 / (1.0 + rate) ** year


def discount_factors(finance: Finance, years: int) -> list[float]:
    """Discount factors of years 0 .. ``years - 1``: the schedule's if one is named, else the flat rate's."""
    if finance.schedule is not None:
        return SCHEDULES[finance.schedule].factors(years)
    return [discount_factor(t, finance.discount_rate) for t in range(years)]


def present_value(values: list[float], factors: list[float]) -> float:
    """The sum of each year's figure times that year's discount factor."""
    products: map[float] = map(operator.mul, values, factors)  # as far as the shorter goes
    return sum(products)


Lines = dict[str, list[float]]
"""Cost lines year by year: ``one_off``, ``capital``, ``annual``, ``operating`` (see :func:`line_profiles`)."""


def derived_measures(option: Option, finance: Finance) -> dict[str, float]:
    """The derived measures of one option (cost measures only when it states costs)."""
    return _derived(option, finance, _lines(option, finance))


def _lines(option: Option, finance: Finance) -> Lines | None:
    return None if option.costs is None else line_profiles(option.costs, finance)


def _derived(option: Option, finance: Finance, lines: Lines | None) -> dict[str, float]:
    """Summed line by line (one-off, capital, then recurrent), so a file with only ``one_off``
    and ``annual`` gives exactly the numbers it always did."""
    measures = {"risk_exposure": float(sum(r.likelihood * r.impact for r in option.risks))}
    if lines is not None:
        # strict=False: on bad input the yearly lists differ in length, and the checks report it
        years = [a + o for a, o in zip(lines["annual"], lines["operating"], strict=False)]
        factors = discount_factors(finance, len(years))
        measures["annual_cost"] = sum(years) / len(years)
        measures["whole_life_cost"] = sum(lines["one_off"]) + sum(lines["capital"]) + sum(years)
        measures["npv_cost"] = (
            present_value(lines["one_off"], factors) + present_value(lines["capital"], factors)
            + present_value(years, factors)
        )
    return measures


def option_costs(option: Option, finance: Finance) -> tuple[dict[str, float], Lines | None]:
    """Every measure an option has (its own ``measures`` and the derived ones), and its cost
    lines year by year in real prices (None when it states no costs): the lines computed once."""
    lines = _lines(option, finance)
    return {**option.measures, **_derived(option, finance, lines)}, lines


def option_measures(option: Option, finance: Finance) -> dict[str, float]:
    """Every measure an option has: its own ``measures`` and the derived ones."""
    return option_costs(option, finance)[0]

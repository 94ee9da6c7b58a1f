"""Cost profiles and the measures derived from an option's file.

``annual_cost`` is the mean annual cost; ``whole_life_cost`` adds the one-off cost to every
year's annual cost over ``finance.years``; ``npv_cost`` discounts the same stream at
``finance.discount_rate``, with year t (t = 0 for the first year, one-off costs in year 0)
divided by (1 + rate) ** t, as in HM Treasury's Green Book (2022), annex A6;
``risk_exposure`` is the sum of likelihood x impact over the option's risks.
"""

from __future__ import annotations

from appraisal.model import Costs, Finance, Option


def annual_profile(costs: Costs, finance: Finance) -> list[float]:
    """The annual cost of each year: a single figure repeats for ``finance.years`` (default 1).

    A list gives one figure a year; :mod:`appraisal.check` ensures its length matches
    ``finance.years`` when that is set.
    """
    if isinstance(costs.annual, list):
        return list(costs.annual)
    return [costs.annual] * (finance.years or 1)


def discount_factor(year: int, rate: float) -> float:
    """1 / (1 + rate) ** year: the present value of one pound paid in ``year`` (0 = now)."""
    return 1.0 / (1.0 + rate) ** year


def derived_measures(option: Option, finance: Finance) -> dict[str, float]:
    """The derived measures of one option (cost measures only when it states costs)."""
    measures = {"risk_exposure": float(sum(r.likelihood * r.impact for r in option.risks))}
    if option.costs is not None:
        years = annual_profile(option.costs, finance)
        measures["annual_cost"] = sum(years) / len(years)
        measures["whole_life_cost"] = option.costs.one_off + sum(years)
        measures["npv_cost"] = option.costs.one_off + sum(
            cost * discount_factor(t, finance.discount_rate) for t, cost in enumerate(years)
        )
    return measures


def option_measures(option: Option, finance: Finance) -> dict[str, float]:
    """Every measure an option has: its own ``measures`` and the derived ones."""
    return {**option.measures, **derived_measures(option, finance)}

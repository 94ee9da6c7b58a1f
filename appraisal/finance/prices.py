"""Real and nominal prices: converting nominal cost lines to real prices of a base year.

The Green Book appraises in real prices of a base year, with general inflation removed
using the GDP deflator (HM Treasury, The Green Book 2022, paras 5.11 and 5.12; its table 1
shows GBP 1,000 a year in nominal terms as GBP 980, 961, 942, 924 and 906 in years 1 to 5
at a 2% deflator). ``criteria.yaml`` gives the base year and the deflator as an index by
calendar year::

    finance:
      price_base_year: 2024
      start_year: 2025          # the calendar year of appraisal year 0 (default: the base year)
      inflation: {2024: 100.0, 2025: 102.0, 2026: 104.04}

and an option says ``costs: {prices: nominal, ...}``. A nominal figure in calendar year y
is worth ``figure * index[base] / index[y]`` in base-year prices. Only the ratio of indices
matters, so any index base (100, 1, a published series) gives the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from appraisal.model.finance import Finance


def calendar_years(finance: Finance, years: int) -> list[int]:
    """The calendar year of each appraisal year 0 .. ``years - 1``.

    Year 0 is ``finance.start_year``, or the price base year when that is not given.
    """
    first = finance.start_year if finance.start_year is not None else finance.price_base_year
    if first is None:
        raise ValueError("nominal prices need finance.price_base_year")
    return [first + t for t in range(years)]


def missing_index_years(finance: Finance, years: int) -> list[int]:
    """The calendar years a nominal profile of ``years`` years needs but the index lacks.

    The base year itself is needed too (it is the year whose prices everything is shown in).
    """
    if finance.price_base_year is None:
        return []
    needed = sorted({finance.price_base_year, *calendar_years(finance, years)})
    return [y for y in needed if y not in finance.inflation]


def to_real(values: Sequence[float], finance: Finance) -> list[float]:
    """Nominal yearly figures (year 0 first) in real prices of ``finance.price_base_year``.

    :mod:`appraisal.check.crossfile` makes sure the index covers every year before this is called.
    """
    base = finance.price_base_year
    if base is None:
        raise ValueError("nominal prices need finance.price_base_year")
    index = finance.inflation
    return [v * index[base] / index[y] for v, y in zip(values, calendar_years(finance, len(values)), strict=True)]

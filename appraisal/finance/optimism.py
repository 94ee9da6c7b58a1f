"""Optimism bias: uplifts on each cost line by project type, shown apart from the costs.

Appraisers tend to underestimate costs, so the Green Book asks for explicit, evidence-based
uplifts, starting from the upper bounds for the project type and reducing them only as risks
are managed (HM Treasury, Supplementary Green Book Guidance: Optimism Bias, 2003, table 1,
from Mott MacDonald, Review of Large Public Procurement in the UK, 2002, table 2). The
guidance gives capital-expenditure uplifts for building, civil engineering and
equipment/development projects and an operating-expenditure uplift for outsourcing projects.

In ``criteria.yaml`` (for every option) or an option's file (for that option)::

    optimism_bias:
      project_type: outsourcing   # the upper bound for the type: operating lines +41%
      capital: 0.10               # an explicit uplift for a line replaces the type's

A type's capital uplift applies to the ``capital`` and ``one_off`` lines; its operating uplift
to ``operating`` and ``annual``. The uplift never changes the option's costs or the derived
measures (``npv_cost`` and the rest): it is reported on its own, and ``appraise vfm`` shows
the net present cost, the uplift and their sum side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from appraisal.finance.costs import Lines, discount_factors
from appraisal.model.finance import Finance, OptimismBias
from appraisal.model.option import Option

UPPER_BOUNDS: dict[str, dict[str, float]] = {
    "standard_buildings": {"capital": 0.24},
    "non_standard_buildings": {"capital": 0.51},
    "standard_civil_engineering": {"capital": 0.44},
    "non_standard_civil_engineering": {"capital": 0.66},
    "equipment_development": {"capital": 2.00},
    "outsourcing": {"operating": 0.41},
}
"""Upper-bound cost uplifts by project type (Supplementary Green Book Guidance: Optimism Bias,
2003, table 1). The guidance gives no cost uplift where a type has none here."""

LINE_KIND = {"one_off": "capital", "capital": "capital", "annual": "operating", "operating": "operating"}
"""Which of the guidance's two kinds of expenditure each cost line is."""


def uplift_rates(appraisal_wide: OptimismBias | None, own: OptimismBias | None) -> dict[str, float]:
    """The uplift of each cost line, as a fraction; lines without one are left out.

    The option's own settings win over the appraisal's, and an explicit line uplift over the
    project type's upper bound.
    """
    layers = [layer for layer in (own, appraisal_wide) if layer is not None]
    project_type = next((layer.project_type for layer in layers if layer.project_type), None)
    rates: dict[str, float] = {}
    for line, kind in LINE_KIND.items():
        explicit = next((getattr(layer, line) for layer in layers if getattr(layer, line) is not None), None)
        if explicit is not None:
            rates[line] = explicit
        elif project_type is not None and kind in UPPER_BOUNDS[project_type]:
            rates[line] = UPPER_BOUNDS[project_type][kind]
    return rates


def present_uplifts(
    lines: Mapping[str, Sequence[float]], factors: Sequence[float], rates: Mapping[str, float]
) -> dict[str, float]:
    """The present value of each line's uplift: rate x the line's discounted cost (lines with none left out)."""
    uplifts = {line: rate * sum(cost * factor for cost, factor in zip(lines[line], factors, strict=False))
               for line, rate in rates.items()}
    return {line: value for line, value in uplifts.items() if value}


def optimism_uplifts(option: Option, finance: Finance, lines: Lines | None) -> dict[str, float]:
    """The present value of the optimism-bias uplift on each of the option's cost ``lines``."""
    rates = uplift_rates(finance.optimism_bias, option.optimism_bias)
    if lines is None or not rates:
        return {}
    return present_uplifts(lines, discount_factors(finance, len(lines["annual"])), rates)

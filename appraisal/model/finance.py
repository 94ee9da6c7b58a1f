"""Money in the input files: the frame's finance settings, optimism bias and an option's costs.

See docs/green-book.md for what each setting means and where its rule comes from.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AllowInfNan, Field, Strict, ValidationInfo, field_validator

from appraisal.model.values import Annual, InputModel, NonNegative, Positive

Year = Annotated[int, Strict(), Field(ge=1800, le=2300)]
Uplift = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, le=10)]
ProjectType = Literal[
    "standard_buildings", "non_standard_buildings", "standard_civil_engineering",
    "non_standard_civil_engineering", "equipment_development", "outsourcing",
]


class OptimismBias(InputModel):
    """Optimism-bias uplifts (fractions: 0.41 is 41%) by project type and/or per cost line.

    See :mod:`appraisal.finance.optimism` for the project types' upper bounds and their source.
    """

    project_type: ProjectType | None = None
    one_off: Uplift | None = None
    capital: Uplift | None = None
    annual: Uplift | None = None
    operating: Uplift | None = None


class Finance(InputModel):
    """Budget, discounting, prices and value-for-money settings (see docs/green-book.md)."""

    budget: NonNegative | None = None
    years: Annotated[int, Strict(), Field(ge=1, le=200)] | None = None
    discount_rate: Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, lt=1)] = 0.035
    schedule: Literal["standard", "health"] | None = None
    price_base_year: Year | None = None
    start_year: Year | None = None
    inflation: dict[Year, Positive] = Field(default_factory=dict)
    optimism_bias: OptimismBias | None = None
    benefit_points: Positive | None = None


class Costs(InputModel):
    """Cost lines: one-off and annual, and the Green Book's capital and operating (docs/file-formats.md).

    ``annual`` and ``operating``: one figure for every year, or one a year. ``capital``: one
    figure spent in year 0, or one a year from year 0. ``prices: nominal`` says the figures
    include inflation; they are then converted to real prices (see :mod:`appraisal.finance.prices`).
    """

    one_off: NonNegative = 0
    annual: Annual = 0
    capital: Annual | None = None
    operating: Annual | None = None
    prices: Literal["real", "nominal"] = "real"

    @field_validator("annual", "capital", "operating")
    @classmethod
    def _some_years(cls, annual: float | list[float] | None, info: ValidationInfo) -> float | list[float] | None:
        if isinstance(annual, list) and not annual:
            raise ValueError(f"give at least one year's {info.field_name} cost")
        return annual

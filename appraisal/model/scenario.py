"""``scenarios/<name>.yaml``: an overlay of what-if changes on the appraisal."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AllowInfNan, ConfigDict, Field, Strict

from appraisal.model.equality import ImpactEntry
from appraisal.model.option import Score
from appraisal.model.values import (
    Annual,
    InputModel,
    Name,
    NonNegative,
    Number,
    Slug,
    Text,
)


class ScenarioCosts(InputModel):
    """Cost changes in a scenario: only the keys given replace the option's own."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built only when a scenario is read

    one_off: NonNegative | None = None
    annual: Annual | None = None
    capital: Annual | None = None
    operating: Annual | None = None


class ScenarioFinance(InputModel):
    """Finance changes in a scenario."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built only when a scenario is read

    budget: NonNegative | None = None
    years: Annotated[int, Strict(), Field(ge=1, le=200)] | None = None
    discount_rate: Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, lt=1)] | None = None
    schedule: Literal["standard", "health"] | None = None


class Scenario(InputModel):
    """``scenarios/<name>.yaml``: an overlay of what-if changes on the appraisal."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built only when a scenario is read

    name: Name
    description: Text | None = None
    weights: dict[Slug, NonNegative] = Field(default_factory=dict)
    """A criterion's weight may be 0 here ("what if cost did not count?"), so long as one of its
    group stays above 0 (checked when the scenario is applied)."""
    scores: dict[Slug, dict[Slug, Score]] = Field(default_factory=dict)
    costs: dict[Slug, ScenarioCosts] = Field(default_factory=dict)
    measures: dict[Slug, dict[Slug, Number]] = Field(default_factory=dict)
    gates: dict[Slug, dict[Slug, Annotated[bool, Strict()]]] = Field(default_factory=dict)
    equality: dict[Slug, dict[Slug, ImpactEntry]] = Field(default_factory=dict)
    """Option id -> characteristic -> its impact, replacing the option file's entry (docs/equality.md)."""
    finance: ScenarioFinance | None = None

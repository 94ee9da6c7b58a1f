"""Equality impact of an option: due regard on the record, before the decision (docs/equality.md).

The Public Sector Equality Duty (Equality Act 2010, s.149) asks those who decide to have due
regard to the need to eliminate discrimination, advance equality of opportunity and foster good
relations, for people who share a protected characteristic (s.4). The courts look for a record
made at the time (R (Brown) v Secretary of State for Work and Pensions [2008] EWHC 3158 (Admin);
R (Bracking) v Secretary of State for Work and Pensions [2013] EWCA Civ 1345). An option's
``equality:`` is that record, characteristic by characteristic, beside its scores, never folded
into its total (contract section 16).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, Strict

from appraisal.model.values import InputModel, Name, Slug, Text

CHARACTERISTICS = (
    "age", "disability", "gender_reassignment", "marriage_civil_partnership", "pregnancy_maternity",
    "race", "religion_belief", "sex", "sexual_orientation",
)
"""The nine protected characteristics of the Equality Act 2010, s.4, in the Act's order."""
NAMES = {
    "age": "Age", "disability": "Disability", "gender_reassignment": "Gender reassignment",
    "marriage_civil_partnership": "Marriage and civil partnership", "pregnancy_maternity": "Pregnancy and maternity",
    "race": "Race", "religion_belief": "Religion or belief", "sex": "Sex", "sexual_orientation": "Sexual orientation",
    "carers": "Carers", "care_leavers": "Care leavers", "armed_forces": "Armed forces community",
    "socio_economic": "Socio-economic disadvantage", "health_inequalities": "Health inequalities",
}
"""Each characteristic, and the groups councils commonly adopt, as a committee reads it."""

Impact = Literal["positive", "neutral", "negative", "unknown"]


class ImpactEntry(InputModel):
    """The option's likely impact on people who share one characteristic (or belong to one group)."""

    impact: Impact
    note: Text | None = None
    evidence: Text | None = None
    mitigation: Text | None = None
    residual: Impact | None = None
    """The impact once the mitigation is in place (a negative impact's; by default the impact itself)."""

    @property
    def outcome(self) -> str:
        """The impact that remains: the residual where given, else the impact."""
        return self.residual or self.impact


class Equality(InputModel):
    """An option's equality impact assessment: when, by whom, on what evidence, and each impact."""

    assessed: Annotated[dt.date, Strict()]
    by: Name | None = None
    evidence: Text | None = None
    impacts: dict[Slug, ImpactEntry] = Field(default_factory=dict)


class EqualitySettings(InputModel):
    """criteria.yaml's ``equality:``: the groups a council has adopted beside the nine characteristics,
    and whether an option with a negative impact that remains after mitigation fails a gate."""

    groups: list[Slug] = Field(default_factory=list)
    gate: Annotated[bool, Strict()] = False


EQUALITY_GATE = "equality_impact"
"""The gate an option fails, under ``equality: {gate: true}``, when a negative impact remains after mitigation."""

"""The NHS Provider Selection Regime (Health Care Services (Provider Selection Regime)
Regulations 2023, SI 2023/1348): its processes, its five key criteria and who decided
(contract section 18, docs/psr.md)."""

from __future__ import annotations

from typing import Literal

from appraisal.model.values import InputModel, Name, Text

KeyCriterion = Literal["quality_innovation", "value", "integration", "access", "social_value"]

KEY_CRITERIA: dict[str, str] = {
    "quality_innovation": "Quality and innovation",
    "value": "Value",
    "integration": "Integration, collaboration and service sustainability",
    "access": "Improving access, reducing health inequalities and facilitating choice",
    "social_value": "Social value",
}
"""The key criteria of regulation 5(1)(a) to (e), in the Regulations' order, by the id criteria.yaml gives them."""

Process = Literal["direct_award_c", "most_suitable_provider", "competitive"]

PROCESSES: dict[str, str] = {
    "direct_award_c": "direct award process C (regulation 9)",
    "most_suitable_provider": "the most suitable provider process (regulation 10)",
    "competitive": "the competitive process (regulation 11)",
}
"""The processes that turn on the key criteria, with the regulation that sets each out."""


class DecisionMaker(InputModel):
    """Who made the decision: a committee's name, or a person's job title (their name is optional)."""

    name: Name
    role: Name | None = None
    interests: Text | None = None
    """A conflict or potential conflict of interest the decision maker declared (none when left out)."""
    managed: Text | None = None
    """How that conflict was managed (withdrew from the decision, for instance)."""

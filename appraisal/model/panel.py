"""``assessments/<assessor>.yaml``: one panel member's own scores, given before moderation.

The agreed score stays in the option file; these files keep every individual score apart
from it, as procurement practice and the courts expect (see docs/panel.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Field, Strict, field_validator, model_validator

from appraisal.model.inputs import Appraisal, InputModel, Name, Score, Slug, Text


class Assessment(InputModel):
    """One assessor: who they are, what they declared, and their score per option and criterion."""

    name: Name
    role: Name | None = None
    interests: Text
    date: Annotated[dt.date, Strict()] | None = None
    scores: dict[Slug, dict[Slug, Score]] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _declared(cls, value: Any) -> Any:
        """A missing declaration of interests gets a sentence of its own, not 'missing key'."""
        if isinstance(value, dict) and "interests" not in value:
            raise ValueError(
                "no declaration of interests: add 'interests:' with what this assessor declared "
                "(write 'interests: None declared' if there was nothing to declare)"
            )
        return value

    @field_validator("interests")
    @classmethod
    def _not_blank(cls, interests: str) -> str:
        if not interests.strip():
            raise ValueError(
                "the declaration of interests is empty: write what this assessor declared, "
                "or 'None declared' if there was nothing to declare"
            )
        return interests


def panel_scores(appraisal: Appraisal, option: str, criterion: str) -> dict[str, Score]:
    """Each assessor's score of one option on one criterion, by assessor id (abstentions left out)."""
    return {
        who: given[criterion]
        for who, a in appraisal.assessments.items()
        if (given := a.scores.get(option)) is not None and criterion in given
    }

"""Panels: the ``panel:`` settings of ``criteria.yaml``, and ``assessments/<assessor>.yaml``,
one panel member's own scores, given before moderation.

The agreed score stays in the option file; these files keep every individual score apart
from it, as procurement practice and the courts expect (see docs/panel.md).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, Strict, field_validator, model_validator

from appraisal.model.option import Score
from appraisal.model.values import InputModel, Name, Positive, Slug, Text

if TYPE_CHECKING:  # the Appraisal holds the assessments: only the type is needed here
    from appraisal.model.appraisal import Appraisal


class Panel(InputModel):
    """How the agreed scores relate to a panel's own (see docs/panel.md).

    ``moderated``: every agreed score is written in the option file, as without a panel.
    ``median`` or ``mean``: a missing agreed score is taken from the assessors' scores.
    ``divergence``: the range (highest minus lowest), in scale points, from which a panel's
    scores are flagged as divergent; by default 40% of the criterion's scale width.
    """

    agreement: Literal["moderated", "median", "mean"] = "moderated"
    divergence: Positive | None = None


class Declared(InputModel):
    """A person whose view is on the record (an assessor, a weighting workshop's participant):
    who they are and what interests they declared, which the record must show."""

    who: ClassVar[str] = "person"
    """What the messages call them."""
    name: Name
    role: Name | None = None
    interests: Text
    date: Annotated[dt.date, Strict()] | None = None

    @model_validator(mode="before")
    @classmethod
    def _declared(cls, value: Any) -> Any:
        """A missing declaration of interests gets a sentence of its own, not 'missing key'."""
        if isinstance(value, dict) and "interests" not in value:
            raise ValueError(
                f"no declaration of interests: add 'interests:' with what this {cls.who} declared "
                "(write 'interests: None declared' if there was nothing to declare)"
            )
        return value

    @field_validator("interests")
    @classmethod
    def _not_blank(cls, interests: str) -> str:
        if not interests.strip():
            raise ValueError(
                f"the declaration of interests is empty: write what this {cls.who} declared, "
                "or 'None declared' if there was nothing to declare"
            )
        return interests

    @property
    def declares_nothing(self) -> bool:
        """Whether the declaration says there is nothing to declare ('None declared', 'Nil', 'None.')."""
        return nothing_declared(self.interests)


NOTHING = frozenset({"none", "none declared", "nil", "nil return", "nothing to declare", "no interests",
                     "no interests declared", "no conflicts", "no conflicts declared", "no conflict of interest",
                     "n/a", "not applicable"})
"""What a declaration that there is nothing to declare says, read in lower case without end punctuation."""


def nothing_declared(text: str) -> bool:
    """Whether ``text`` says there is nothing to declare."""
    return " ".join(text.lower().split()).strip(" .;:-") in NOTHING


class Assessment(Declared):
    """One assessor: who they are, what they declared, and their score per option and criterion."""

    who: ClassVar[str] = "assessor"
    managed: Text | None = None
    """How a declared interest was managed (the assessor did not score that provider, for instance): the
    Provider Selection Regime's notices and record say (docs/psr-notices.md)."""
    scores: dict[Slug, dict[Slug, Score]] = Field(default_factory=dict)


def panel_scores(appraisal: Appraisal, option: str, criterion: str) -> dict[str, Score]:
    """Each assessor's score of one option on one criterion, by assessor id (abstentions left out)."""
    return {
        who: given[criterion]
        for who, a in appraisal.assessments.items()
        if (given := a.scores.get(option)) is not None and criterion in given
    }

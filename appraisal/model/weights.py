"""``weights/<participant>.yaml``: one weighting workshop participant's own view of the weights.

The agreed weights stay in ``criteria.yaml``, as agreed scores stay in option files; these
files keep each participant's judgements, the method they used and what they declared
(contract section 14, docs/weights.md). Judgements are checked against the criteria tree in
:mod:`appraisal.check.elicitation`, where each problem is located.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator

from appraisal.model.panel import Declared
from appraisal.model.values import Slug

Method = Literal["points", "swing", "smart", "rank", "pairwise"]
RankRule = Literal["roc", "rank_sum", "reciprocal"]
ROOT = "root"
"""The group key of the top-level criteria; every other group is named by its parent's id."""


class Participant(Declared):
    """One participant: who, what they declared, the method and their judgements, group by group.

    ``judgements[group]`` is, by method: a mapping of criterion to a positive number
    (``points``, ``swing``, ``smart``); a list most important first, an inner list a tie
    (``rank``); a list of ``[a, b, ratio]`` on Saaty's 1-9 scale (``pairwise``). ``order``,
    optional, is the order the participant ranked a group's swings in before rating them,
    which the weights should follow.
    """

    who: ClassVar[str] = "participant"
    method: Method
    rule: RankRule | None = None
    judgements: dict[Slug, Any] = Field(default_factory=dict)
    order: dict[Slug, list[Slug]] = Field(default_factory=dict)

    @field_validator("rule")
    @classmethod
    def _rule_with_rank(cls, rule: RankRule | None, info: ValidationInfo) -> RankRule | None:
        method = info.data.get("method")
        if rule is not None and method not in (None, "rank"):
            raise ValueError(f"'rule' chooses how a rank order becomes weights, so it goes with 'method: rank', "
                             f"not '{method}': remove it")
        return rule

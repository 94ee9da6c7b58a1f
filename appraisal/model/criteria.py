"""``criteria.yaml``: the criteria tree, its scales and value functions, and the gates."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated, Any, Literal

from pydantic import (
    AllowInfNan,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from appraisal.model.award import Award
from appraisal.model.equality import EQUALITY_GATE, EqualitySettings
from appraisal.model.finance import Finance
from appraisal.model.panel import Panel
from appraisal.model.psr import KEY_CRITERIA, KeyCriterion, Process
from appraisal.model.values import InputModel, Name, Number, Positive, Slug, Text

MAX_CRITERIA = 500
"""Criteria in one tree, sub-criteria included. A committee's tree holds a few dozen at most;
the bound keeps scoring and reports small (docs/reliability.md)."""

DERIVED_MEASURES = ("annual_cost", "whole_life_cost", "npv_cost", "risk_exposure")
"""Measures every option has, computed from its costs and risks (see :mod:`appraisal.finance.costs`)."""
BUDGET_GATE = "within_budget"
"""The built-in gate an option fails when its annual cost exceeds ``finance.budget``."""
THRESHOLD_GATE = "threshold:"
"""The prefix of the gate a tender fails by scoring below a criterion's ``threshold``."""


def threshold_gate(criterion_id: str) -> str:
    """The gate named after a criterion with a threshold: ``threshold:<criterion id>``."""
    return THRESHOLD_GATE + criterion_id


class Scale(InputModel):
    """The range of a judged score, and the words for its points."""

    min: Number = 0
    max: Number = 5
    labels: dict[int, Name] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"the scale's max ({self.max:g}) must be above its min ({self.min:g})")
        outside = [k for k in self.labels if not self.min <= k <= self.max]
        if outside:
            raise ValueError(f"label {outside[0]} lies outside the scale {self.min:g} to {self.max:g}")
        return self

    def label(self, score: float) -> str | None:
        """The label of a score that sits exactly on a labelled point."""
        return self.labels.get(int(score)) if float(score).is_integer() else None


class Points(InputModel):
    """A piecewise-linear value function through ``[x, value]`` points, clamped at the ends."""

    points: list[tuple[Number, Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, le=1)]]] = Field(
        min_length=2
    )

    @field_validator("points")
    @classmethod
    def _increasing(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        xs = [x for x, _ in points]
        if any(b <= a for a, b in itertools.pairwise(xs)):
            raise ValueError("the points' x values must increase strictly from one point to the next")
        return points


def _value_function_kind(value: Any) -> str:
    # Union tags show up in error locations; upper case keeps them apart from keys and ids.
    return "Points" if isinstance(value, (dict, Points)) else "Name"


ValueFunction = Annotated[
    Annotated[Literal["linear", "relative"], Tag("Name")] | Annotated[Points, Tag("Points")],
    Discriminator(_value_function_kind),
]


WEIGHTING_DECLARED = "weighting_declared"
"""The validation context's key for whether the criteria file declares ``weighting:``."""
_LEFT_OUT = object()
"""A criterion's weight left out where it is required (see ``Criterion._weight_required``)."""


class Criterion(InputModel):
    """One node of the criteria tree: judged (scored on a scale), measured, or a parent."""

    id: Slug
    name: Name
    weight: Positive | None = None
    """Relative to its siblings'. Required, unless ``weighting:`` says how participants' weights
    (weights/) fill it; the loader fills it or refuses the file, so it is set past loading."""
    description: Text | None = None
    measure: Slug | None = None
    direction: Literal["lower", "higher"] = "higher"
    value_function: ValueFunction = "linear"
    scale: Scale | None = None
    threshold: Number | None = None
    """The lowest agreed score a tender may have on this judged criterion and stay in the
    competition: below it the tender fails the gate :func:`threshold_gate` (docs/tenders.md)."""
    key_criterion: KeyCriterion | None = None
    """Under ``regime: psr``, the key criterion (regulation 5) this criterion stands for, where its id is not the key
    criterion's own."""
    criteria: list[Criterion] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _weight_required(cls, data: Any, info: ValidationInfo) -> Any:
        """Mark a weight left out as missing unless the criteria file declares ``weighting:``
        (which :meth:`CriteriaFile._weighting` notes in the validation's context, when there is
        one), so that it is refused with the file's other errors, all at once."""
        if isinstance(data, dict) and "weight" not in data and isinstance(info.context, dict) \
                and not info.context.get(WEIGHTING_DECLARED):
            return {**data, "weight": _LEFT_OUT}
        return data

    @field_validator("weight", mode="before")
    @classmethod
    def _weight_given(cls, weight: Any) -> Any:
        if weight is _LEFT_OUT:
            raise PydanticCustomError("missing", "Field required", {"advice": (
                "give the criterion a weight, or, to take it from a weighting workshop's files in weights/, "
                "say in criteria.yaml how they are combined: weighting: {combine: median}")})
        if weight is None:  # 'weight:' with nothing after it
            raise PydanticCustomError("float_type", "Input should be a valid number")
        return weight

    @model_validator(mode="after")
    def _kind(self) -> Criterion:
        if self.criteria and (self.measure or self.scale):
            raise ValueError(
                f"criterion '{self.id}' has sub-criteria, so it takes its value from them: "
                "remove its 'measure' or 'scale'"
            )
        if self.measure and self.scale:
            raise ValueError(f"criterion '{self.id}' is measured, so it has no scale: remove 'scale'")
        if self.threshold is not None and (self.criteria or self.measure):
            raise ValueError(
                f"criterion '{self.id}' has a threshold, which applies to a judged score: put the "
                "threshold on a criterion that is scored on a scale (one with no sub-criteria and "
                "no measure)"
            )
        return self

    @property
    def is_leaf(self) -> bool:
        return not self.criteria

    @property
    def relative_weight(self) -> float:
        """``weight``, which loading has set by the time scoring reads it (given, or filled from weights/)."""
        if self.weight is None:
            raise AssertionError(f"criterion '{self.id}' reached scoring without a weight")
        return self.weight

    def walk(self) -> list[Criterion]:
        """This criterion and all below it, parents before children."""
        return [self, *(c for child in self.criteria for c in child.walk())]


def criteria_with_places(
    nodes: list[Criterion], prefix: tuple[str | int, ...] = ()
) -> list[tuple[Criterion, tuple[str | int, ...]]]:
    """Every criterion and its own path in criteria.yaml (a repeated id points at the repeat)."""
    out: list[tuple[Criterion, tuple[str | int, ...]]] = []
    for i, c in enumerate(nodes):
        here = (*prefix, "criteria", i)
        out += [(c, here), *criteria_with_places(c.criteria, here)]
    return out


class Gate(InputModel):
    """A pass/fail hurdle: an option that fails it is not ranked."""

    id: Slug
    name: Name
    description: Text | None = None


class Weighting(InputModel):
    """How the participants' weights of a weighting workshop (``weights/``) fill criteria left
    without ``weight:``: the median or mean of their local weights, or for pairwise judgements
    the geometric mean of the judgements (Aczel and Saaty's AIJ). See docs/weights.md."""

    combine: Literal["median", "mean", "geometric"]


class CriteriaFile(InputModel):
    """``criteria.yaml``: the frame every option is scored in."""

    title: Name
    decision: Text | None = None
    organisation: Name | None = None
    date: Annotated[dt.date, Strict()] | None = None
    appendix: Name | None = None
    notice: Text | None = None
    """A line every output carries under its title: that the figures are illustrative, or a draft's status."""
    """The label a committee paper gives the appendix ('Appendix 1'), in the Word and PDF footer."""
    currency: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")] = "GBP"
    scale: Scale = Field(default_factory=Scale)
    criteria: list[Criterion] = Field(min_length=1)
    gates: list[Gate] = Field(default_factory=list)
    finance: Finance = Field(default_factory=Finance)
    panel: Panel = Field(default_factory=Panel)
    equality: EqualitySettings = Field(default_factory=EqualitySettings)
    award: Award | None = None
    regime: Literal["procurement_act", "psr"] = "procurement_act"
    """Which law the award is made under: the Procurement Act 2023, or the NHS Provider Selection
    Regime (Health Care Services (Provider Selection Regime) Regulations 2023); it sets the standstill."""
    process: Process | None = None
    """Under ``regime: psr``, the process followed (contract section 18)."""
    weighting: Weighting | None = None

    @model_validator(mode="wrap")
    @classmethod
    def _weighting(cls, data: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        """Note in the context whether ``weighting:`` is given, for each criterion to know
        whether its weight may be left out, with the file's other errors (all at once)."""
        if isinstance(info.context, dict):
            info.context[WEIGHTING_DECLARED] = isinstance(data, dict) and data.get("weighting") is not None
        return handler(data)

    @field_validator("criteria")
    @classmethod
    def _not_too_many(cls, criteria: list[Criterion]) -> list[Criterion]:
        count = sum(len(top.walk()) for top in criteria)
        if count > MAX_CRITERIA:
            raise ValueError(
                f"{count:,} criteria (counting sub-criteria); appraise takes at most {MAX_CRITERIA:,}"
            )
        return criteria

    def all_criteria(self) -> list[Criterion]:
        """Every criterion, parents before children, in file order."""
        return [c for top in self.criteria for c in top.walk()]

    def key_criteria(self) -> dict[str, Criterion]:
        """Under ``regime: psr``, the criterion that stands for each key criterion found, in the Regulations'
        order: the one naming it by ``key_criterion:``, else the top-level criterion with its id."""
        named: dict[str, Criterion] = {c.key_criterion: c for c in reversed(self.all_criteria()) if c.key_criterion}
        top = {c.id: c for c in self.criteria if c.id in KEY_CRITERIA}
        return {k: named.get(k) or top[k] for k in KEY_CRITERIA if k in named or k in top}

    def gate_names(self) -> dict[str, str]:
        """Every gate's name by id: the file's gates, the built-in budget gate, and each threshold's gate."""
        names = {g.id: g.name for g in self.gates}
        names[BUDGET_GATE] = "Within budget"
        if self.equality.gate:
            names[EQUALITY_GATE] = "No negative equality impact left after mitigation"
        for c in self.all_criteria():
            if c.threshold is not None:
                names[threshold_gate(c.id)] = f"Threshold on {c.name} (at least {c.threshold:g})"
        return names

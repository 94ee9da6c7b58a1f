"""Input models: what ``criteria.yaml``, ``options/*.yaml`` and ``scenarios/*.yaml`` may hold.

Numbers are strict (``'5'`` is not a number, ``true`` is not 1) and finite (no ``.nan`` or
``.inf``); unknown keys are errors. The rules that span files (every leaf scored, ids unique)
live in :mod:`appraisal.load.folder`, which knows where each value came from.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from appraisal.errors import Problem, Severity
from appraisal.load.yamlfile import Source
from appraisal.text import UNSAFE_CHARACTERS


def _shown(text: str, info: ValidationInfo) -> str:
    """Refuse text with a character that acts instead of showing (see ``UNSAFE_CHARACTERS``).

    YAML lets a double-quoted string spell any character (``"\\e[2J"`` clears a terminal), and
    names and reasons are printed to terminals and reports; none has a use in an appraisal.
    """
    found = UNSAFE_CHARACTERS.search(text)
    if found:
        raise ValueError(
            f"'{info.field_name}' contains the control character U+{ord(found[0]):04X}, which would act on "
            "a terminal or reorder the text around it instead of showing: remove it"
        )
    return text


SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Text = Annotated[str, Strict(), StringConstraints(max_length=10_000), AfterValidator(_shown)]
Name = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=300), AfterValidator(_shown)]
MAX_NUMBER = 1e15
"""The largest size of any number in an input file (a million billion). No appraisal needs
more, and the bound keeps every sum, mean and product of inputs finite: costs of 1e308 over
five years would overflow to infinity and break the JSON output."""
Number = Annotated[float, Strict(), AllowInfNan(False), Field(ge=-MAX_NUMBER, le=MAX_NUMBER)]
NonNegative = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0, le=MAX_NUMBER)]
Positive = Annotated[float, Strict(), AllowInfNan(False), Field(gt=0, le=MAX_NUMBER)]
Level = Annotated[int, Strict(), Field(ge=1, le=5)]
MAX_CRITERIA = 500
"""Criteria in one tree, sub-criteria included. A committee's tree holds a few dozen at most;
the bound keeps scoring and reports small (docs/reliability.md)."""

DERIVED_MEASURES = ("annual_cost", "whole_life_cost", "npv_cost", "risk_exposure")
"""Measures every option has, computed from its costs and risks (see :mod:`appraisal.finance.costs`)."""
BUDGET_GATE = "within_budget"
"""The built-in gate an option fails when its annual cost exceeds ``finance.budget``."""


class InputModel(BaseModel):
    """Base of every input model: immutable, and no key it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Criterion(InputModel):
    """One node of the criteria tree: judged (scored on a scale), measured, or a parent."""

    id: Slug
    name: Name
    weight: Positive
    description: Text | None = None
    measure: Slug | None = None
    direction: Literal["lower", "higher"] = "higher"
    value_function: ValueFunction = "linear"
    scale: Scale | None = None
    criteria: list[Criterion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind(self) -> Criterion:
        if self.criteria and (self.measure or self.scale):
            raise ValueError(
                f"criterion '{self.id}' has sub-criteria, so it takes its value from them: "
                "remove its 'measure' or 'scale'"
            )
        if self.measure and self.scale:
            raise ValueError(f"criterion '{self.id}' is measured, so it has no scale: remove 'scale'")
        return self

    @property
    def is_leaf(self) -> bool:
        return not self.criteria

    def walk(self) -> list[Criterion]:
        """This criterion and all below it, parents before children."""
        return [self, *(c for child in self.criteria for c in child.walk())]


class Gate(InputModel):
    """A pass/fail hurdle: an option that fails it is not ranked."""

    id: Slug
    name: Name
    description: Text | None = None


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


class CriteriaFile(InputModel):
    """``criteria.yaml``: the frame every option is scored in."""

    title: Name
    decision: Text | None = None
    organisation: Name | None = None
    date: Annotated[dt.date, Strict()] | None = None
    appendix: Name | None = None
    """The label a committee paper gives the appendix ('Appendix 1'), in the Word and PDF footer."""
    currency: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")] = "GBP"
    scale: Scale = Field(default_factory=Scale)
    criteria: list[Criterion] = Field(min_length=1)
    gates: list[Gate] = Field(default_factory=list)
    finance: Finance = Field(default_factory=Finance)

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


class Score(InputModel):
    """A judged score, its rationale and an optional uncertainty range."""

    score: Number
    rationale: Text | None = None
    low: Number | None = None
    high: Number | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """``users: 4`` is short for ``users: {score: 4}``."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"score": value}
        if isinstance(value, (str, bool)):
            raise ValueError(f"a score must be a number, or a mapping with 'score:', not {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
        return value

    @model_validator(mode="after")
    def _range(self) -> Score:
        if self.low is not None and self.low > self.score:
            raise ValueError(f"low ({self.low:g}) is above the score ({self.score:g})")
        if self.high is not None and self.high < self.score:
            raise ValueError(f"high ({self.high:g}) is below the score ({self.score:g})")
        return self


def list_or(tag: str) -> Discriminator:
    """The discriminator of "a value or a list of them": ``List`` for a list, else ``tag``.

    A tagged union gives one error for a wrong value, not one per branch; the tags appear in
    pydantic's error locations, and appraisal.load skips them.
    """
    return Discriminator(lambda value: "List" if isinstance(value, (list, tuple)) else tag)


Annual = Annotated[
    Annotated[NonNegative, Tag("Number")] | Annotated[list[NonNegative], Tag("List")], list_or("Number")
]


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


class Risk(InputModel):
    """A risk with likelihood and impact on 1 to 5 scales."""

    risk: Name
    likelihood: Level
    impact: Level
    mitigation: Text | None = None
    owner: Name | None = None


Role = Literal["business_as_usual", "do_minimum", "preferred_way_forward"]
"""The parts an option plays in a Green Book short list (Green Book 2022, para 5.53)."""


Roles = Annotated[Annotated[Role, Tag("Name")] | Annotated[list[Role], Tag("List")], list_or("Name")]


class OptionFile(InputModel):
    """``options/<id>.yaml``: one option, its scores and its case."""

    # As written, ``id`` may be left to the file's name; the loaded :class:`Option` has it set.
    # The docstring and title are the JSON Schema's, so the schema is the file's, named Option.
    model_config = ConfigDict(title="Option")

    id: Slug | None = None
    name: Name
    summary: Text | None = None
    status: Literal["shortlisted", "discounted"] = "shortlisted"
    reason: Text | None = None
    baseline: Annotated[bool, Strict()] = False
    role: Roles | None = None
    costs: Costs | None = None
    optimism_bias: OptimismBias | None = None
    measures: dict[Slug, Number] = Field(default_factory=dict)
    scores: dict[Slug, Score] = Field(default_factory=dict)
    gates: dict[Slug, Annotated[bool, Strict()]] = Field(default_factory=dict)
    advantages: list[Text] = Field(default_factory=list)
    disadvantages: list[Text] = Field(default_factory=list)
    risks: list[Risk] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _business_as_usual_is_baseline(cls, value: Any) -> Any:
        """``role: business_as_usual`` implies ``baseline: true`` (the flag for it, docs/file-formats.md)."""
        if isinstance(value, dict) and "baseline" not in value:
            role = value.get("role")
            if role == "business_as_usual" or (isinstance(role, list) and "business_as_usual" in role):
                return {**value, "baseline": True}
        return value

    @model_validator(mode="after")
    def _reason(self) -> OptionFile:
        if self.status == "discounted" and not self.reason:
            raise ValueError("a discounted option needs a 'reason:' saying why it was not taken forward")
        given = [self.role] if isinstance(self.role, str) else self.role
        if given is not None and self.baseline != ("business_as_usual" in given):
            raise ValueError(
                "'baseline: true' marks the business-as-usual option, so it goes with "
                "'role: business_as_usual': make the two agree (or give only one of them)"
            )
        return self

    @property
    def roles(self) -> tuple[str, ...]:
        """The option's roles; ``baseline: true`` alone counts as business as usual."""
        given = [self.role] if isinstance(self.role, str) else list(self.role or [])
        if self.baseline and "business_as_usual" not in given:
            given.insert(0, "business_as_usual")
        return tuple(given)


class Option(OptionFile):
    """An option as loaded: its ``id`` always set, from the file's ``id:`` or else its name."""

    id: Slug



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
    weights: dict[Slug, Positive] = Field(default_factory=dict)
    scores: dict[Slug, dict[Slug, Score]] = Field(default_factory=dict)
    costs: dict[Slug, ScenarioCosts] = Field(default_factory=dict)
    measures: dict[Slug, dict[Slug, Number]] = Field(default_factory=dict)
    gates: dict[Slug, dict[Slug, Annotated[bool, Strict()]]] = Field(default_factory=dict)
    finance: ScenarioFinance | None = None


SCHEMAS: dict[str, type[BaseModel]] = {"criteria": CriteriaFile, "option": OptionFile, "scenario": Scenario}
"""The file kinds ``appraise schema`` describes."""


Target = tuple[str | int, ...]
"""Where a value lives, independent of files: ``("criteria", <loc>...)`` or ``("option", id, <loc>...)``."""


@dataclass(frozen=True)
class Appraisal:
    """A validated appraisal: the frame, the options (sorted by id) and where each came from.

    ``sources`` maps display file names to parsed files, so any later stage can still say where
    a value was written; ``origins`` maps a target prefix to the file and path that set it when
    a scenario overrode it (see :mod:`appraisal.scenario.overlay`).
    """

    frame: CriteriaFile
    options: tuple[Option, ...]
    criteria_file: str
    option_files: Mapping[str, str]
    sources: Mapping[str, Source] = field(repr=False, compare=False)
    scenario: str | None = None
    scenario_file: str | None = None
    """The display name of the scenario file applied (a key of ``sources``), if any."""
    origins: Mapping[Target, tuple[str, Target]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def shortlisted(self) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.status == "shortlisted")

    def criterion_loc(self, criterion_id: str) -> Target:
        """The path of a criterion in ``criteria.yaml`` (``criteria, 0, criteria, 2``)."""

        def find(nodes: list[Criterion], prefix: Target) -> Target | None:
            for i, c in enumerate(nodes):
                here = (*prefix, "criteria", i)
                if c.id == criterion_id:
                    return here
                below = find(c.criteria, here)
                if below:
                    return below
            return None

        return find(self.frame.criteria, ()) or ("criteria",)

    def problem(
        self, target: Target, message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Problem:
        """A :class:`Problem` at ``target``, in whichever file last set that value."""
        for cut in range(len(target), 1, -1):
            if target[:cut] in self.origins:
                file, loc = self.origins[target[:cut]]
                return self.sources[file].problem((*loc, *target[cut:]), message, key=key, severity=severity)
        if target[0] == "option":
            file = self.option_files[str(target[1])]
            return self.sources[file].problem(target[2:], message, key=key, severity=severity)
        return self.sources[self.criteria_file].problem(target[1:], message, key=key, severity=severity)

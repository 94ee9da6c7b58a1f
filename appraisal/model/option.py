"""``options/<id>.yaml``: one option, its scores, costs, risks and gates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    Strict,
    Tag,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from appraisal.model.equality import Equality
from appraisal.model.finance import Costs, OptimismBias
from appraisal.model.values import (
    MAX_NUMBER,
    InputModel,
    Level,
    Name,
    Number,
    Slug,
    Text,
    is_slug,
    list_or,
)


class Score(InputModel):
    """A judged score, its rationale and an optional uncertainty range."""

    score: Number
    rationale: Text | None = None
    low: Number | None = None
    high: Number | None = None
    moderation: Text | None = None
    """How a panel reached this agreed score (docs/panel.md)."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """``users: 4`` is short for ``users: {score: 4}`` (and the JSON Schema says so: see below)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"score": value}
        if isinstance(value, (str, bool)):
            raise ValueError(f"a score must be a number, or a mapping with 'score:', not {value!r}")  # noqa: TRY004 - pydantic reports only ValueError
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The schema of a score: a number, or the mapping (editors accept ``users: 4``)."""
        mapping = handler.resolve_ref_schema(handler(core))
        return {"anyOf": [{"type": "number"}, {k: v for k, v in mapping.items() if k != "title"}], "title": "Score"}

    @model_validator(mode="after")
    def _range(self) -> Score:
        if self.low is not None and self.low > self.score:
            raise ValueError(f"low ({self.low:g}) is above the score ({self.score:g})")
        if self.high is not None and self.high < self.score:
            raise ValueError(f"high ({self.high:g}) is below the score ({self.score:g})")
        return self


_BARE: dict[tuple[str, frozenset[str]], Score] = {}
"""One Score for each bare score value (no rationale, range or moderation), shared by every option."""
_BARE_AT_MOST = 1000
_BARE_IDS: set[int] = set()
"""The ``id`` of each shared Score: kept in ``_BARE`` for good, so no other object takes its id."""


def is_shared(score: Score) -> bool:
    """Whether ``score`` is the one shared model of a bare score (see :func:`shared_bare`)."""
    return id(score) in _BARE_IDS


def shared_bare(scores: dict[str, Score]) -> dict[str, Score]:
    """``scores`` with each bare score (``users: 4``, or ``{score: 4}``) replaced by the one
    equal Score every option shares.

    A Score is immutable, so equal ones are interchangeable; 10,000 option files of 19 bare
    scores would otherwise hold 190,000 models (about 100 MB) of half a dozen values. The key
    is the number as it prints (so -0.0 is not 0.0) and the fields the file set.
    """
    out = {}
    for criterion, given in scores.items():
        shared = None
        if is_shared(given):  # a shared Score handed in as it is
            shared = given
        elif given.rationale is None and given.low is None and given.high is None and given.moderation is None:
            key = (repr(given.score), frozenset(given.model_fields_set))
            shared = _BARE.get(key)
            if shared is None and len(_BARE) < _BARE_AT_MOST:
                shared = _BARE[key] = given
                _BARE_IDS.add(id(given))
        out[criterion] = given if shared is None else shared
    return out


_SCORE_ONLY = frozenset({"score"})
_BARE_WHOLE: dict[int, Score] = {}
"""The shared Score of each whole number written bare (``users: 4``) found so far: the same as
``_BARE[repr(float(n)), {"score"}]``, without making the text of the number for every score."""
_IDS_SEEN: set[str] = set()
"""Criterion ids a file has used that are valid :data:`~appraisal.model.values.Slug` values."""


def validate_scores(scores: Any, validate: Callable[[Any], dict[str, Score]]) -> dict[str, Score]:
    """``scores`` validated by ``validate`` (pydantic's own validator of the mapping), each bare
    score shared (:func:`shared_bare`), and a bare number already shared not validated at all.

    A Score instance still runs its two Python validators (the shorthand and the range check),
    and each bare number would become a dict, a new Score and those calls, only for
    :func:`shared_bare` to drop it: 190,000 of them in 10,000 lean option files. So a bare number
    under a valid criterion id whose Score is shared already is taken as that Score, and only
    the rest go to ``validate``. A Score is shared only once validated, so such a number would
    have validated to an equal Score without an error: the errors, their places and the result
    are the same.
    """
    if not isinstance(scores, dict):
        return shared_bare(validate(scores))
    known = {}
    for criterion, given in scores.items():
        shared = _shared_number(given)
        if shared is not None and _valid_id(criterion):
            known[criterion] = shared
    if not known:
        return shared_bare(validate(scores))
    others = {k: v for k, v in scores.items() if k not in known}
    rest = shared_bare(validate(others)) if others else {}
    return {k: known[k] if k in known else rest[k] for k in scores}


def _shared_number(given: Any) -> Score | None:
    """The shared Score a bare number validates to, if it is shared already."""
    kind = type(given)
    if kind is int:  # not bool, whose type is its own
        shared = _BARE_WHOLE.get(given)
        if shared is None and -MAX_NUMBER <= given <= MAX_NUMBER:  # out of range, float() would fail or round
            shared = _BARE.get((repr(float(given)), _SCORE_ONLY))
            if shared is not None:
                _BARE_WHOLE[given] = shared
        return shared
    if kind is float:
        return _BARE.get((repr(given), _SCORE_ONLY))
    return None


def _valid_id(key: Any) -> bool:
    """Whether ``key`` is a valid criterion id (:data:`~appraisal.model.values.Slug`)."""
    if type(key) is not str:
        return False
    if key in _IDS_SEEN:
        return True
    valid = is_slug(key)
    if valid and len(_IDS_SEEN) < _BARE_AT_MOST:
        _IDS_SEEN.add(key)
    return valid


class Supplier(InputModel):
    """The supplier who submitted a tender: whom its assessment summary is addressed to (docs/tenders.md)."""

    name: Name
    identifier: Name | None = None
    """Its unique identifier (Companies House number, or the central digital platform's)."""
    address: Text | None = None
    email: Name | None = None
    also_known_as: list[Name] = Field(default_factory=list, max_length=50)
    """Trading names and former names it is known by: no other supplier's summary may hold them."""
    scale: Literal["sme", "large"] | None = None
    """A small or medium-sized enterprise, or not: the contract award notice counts SMEs' tenders."""
    vcse: Annotated[bool, Strict()] | None = None
    """A voluntary, community or social enterprise: the notice counts theirs too."""


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
    supplier: Supplier | None = None
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
    equality: Equality | None = None

    @field_validator("scores", mode="wrap")
    @classmethod
    def _shared_scores(cls, scores: Any, handler: ValidatorFunctionWrapHandler) -> dict[str, Score]:
        return validate_scores(scores, handler)

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

"""The kinds of value an input file may hold: ids, text, names and numbers, strict and bounded.

Numbers are strict (``'5'`` is not a number, ``true`` is not 1) and finite (no ``.nan`` or
``.inf``); unknown keys are errors in every model built on :class:`InputModel`.
"""

from __future__ import annotations

import re
from typing import Annotated

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
)

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
"""An id, for pydantic and the JSON Schemas. There ``$`` ends the text (pydantic-core's Rust
regex, and ECMAScript's, which editors check schemas with); Python's ``re`` would also take a
final line feed (``re.match(SLUG_PATTERN, "in-house\\n")`` matches), so Python code asks
:func:`is_slug`, never ``re.match`` with this pattern."""
MAX_SLUG = 64
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")


def is_slug(text: object) -> bool:
    """Whether ``text`` is an id, as :data:`Slug` says, matched as a whole (file names, keys,
    a scoresheet's hidden assessor id): at most MAX_SLUG of ``a-z``, ``0-9``, ``-`` and ``_``,
    starting with a letter or digit, and nothing after, not even a line feed."""
    return isinstance(text, str) and len(text) <= MAX_SLUG and _SLUG.fullmatch(text) is not None


Slug = Annotated[str, Strict(), StringConstraints(pattern=SLUG_PATTERN, max_length=MAX_SLUG)]
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
class InputModel(BaseModel):
    """Base of every input model: immutable, and no key it does not know."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def list_or(tag: str) -> Discriminator:
    """The discriminator of "a value or a list of them": ``List`` for a list, else ``tag``.

    A tagged union gives one error for a wrong value, not one per branch; the tags appear in
    pydantic's error locations, and appraisal.load skips them.
    """
    return Discriminator(lambda value: "List" if isinstance(value, (list, tuple)) else tag)


Annual = Annotated[
    Annotated[NonNegative, Tag("Number")] | Annotated[list[NonNegative], Tag("List")], list_or("Number")
]

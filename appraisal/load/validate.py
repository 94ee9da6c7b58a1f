"""Validating a parsed file against its model, each pydantic error put in plain words at its place."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from appraisal.errors import Problem
from appraisal.load.flowsplit import Split, find_splits, within
from appraisal.load.source import Source
from appraisal.load.yamlerrors import curly_quotes
from appraisal.model.values import MAX_NUMBER, SLUG_PATTERN
from appraisal.text import did_you_mean

M = TypeVar("M", bound=BaseModel)


_TAGS = {"Name", "Points", "Number", "List"}
"""Union tags pydantic puts in error locations (see the Discriminators in model.py)."""


def _field(loc: tuple[str | int, ...]) -> str:
    named = [p for p in loc if isinstance(p, str) and p not in _TAGS]
    return named[-1] if named else "value"


def _describe(  # noqa: C901, PLR0911, PLR0912 (one branch per pydantic error type)
    error: Any, model: type[BaseModel]
) -> tuple[tuple[str | int, ...], str, bool]:
    """One pydantic error as (where, a plain sentence, point at the key rather than the value)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    what = _field(loc)
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__
    if len(shown) > 60:  # a 10,000-character name or a 300-digit number, quoted in a message
        shown = shown[:57] + ("...'" if isinstance(value, str) else "...")
    if kind == "missing":
        advice = (error.get("ctx") or {}).get("advice")
        return loc[:-1], f"missing required key '{loc[-1]}'" + (f": {advice}" if advice else ""), True
    if kind == "extra_forbidden" and _GLUED.match(str(loc[-1])):
        glued = _GLUED.match(str(loc[-1]))
        assert glued is not None
        return loc, (f"'{loc[-1]}' needs a space after the colon: write '{glued[1]}: {glued[2]}'"), True
    if (kind == "invalid_key" or "[key]" in loc) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return tuple(p for p in loc if p != "[key]"), (
            f"'{value}' cannot be a key here (keys are names). If it is the rest of a number written with commas, "
            "such as 8,900,000: inside { } each comma starts a new entry, so write the number without commas"), True
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        return loc, f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), known)}", True
    if value is None and loc:
        return loc, _blank(loc, kind, model), True
    in_words = kind in _NUMBER_KINDS or (kind == "value_error" and "scores" in loc)  # a score's shorthand
    advice = _number_advice(value, loc) if in_words else None
    if advice is not None:
        subject = "a score" if kind == "value_error" else f"'{what}'"
        return loc, f"{subject} must be a number: {advice}", False
    if kind == "int_type" and isinstance(value, float):
        return loc, f"'{what}' must be a whole number, not {value:g}", False
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return loc, f"'{what}' must be a number, not {shown}{_exponent_hint(value)}", False
    if kind == "finite_number":
        return loc, f"'{what}' must be a finite number, not {value}", False
    if kind == "int_from_float":
        return loc, f"'{what}' must be a whole number, not {value}", False
    if kind == "bool_type":
        return loc, f"'{what}' must be true or false, not {shown}", False
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        (key, inner), = value.items()
        return loc, (f"'{what}' must be text, but YAML read '{key}: {inner}' as a key and its value, because of "
                     "the ': ': put the whole text in quotes"), False
    if kind == "string_type":
        hint = " (YAML reads a bare yes, no, on or off as true or false: put the text in quotes)" \
            if isinstance(value, bool) else ""
        return loc, f"'{what}' must be text, not {shown}{hint}", False
    if kind == "string_pattern_mismatch" and error["ctx"].get("pattern") == SLUG_PATTERN:
        return loc, (
            f"{shown} is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        ), what not in ("id", "measure")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if not loc:  # the whole file (a list or a lone value at the top)
            found = shown if isinstance(value, (str, int, float, bool)) else f"a {shown}"
            return loc, f"the file must be a mapping of keys to values ('key: value' lines), not {found}", False
        return loc, f"'{what}' must be a mapping of keys to values, not {shown}", False
    if kind in ("list_type", "tuple_type"):
        return loc, f"'{what}' must be a list, not {shown}", False
    if kind == "date_type":
        return loc, f"'{what}' must be a date written YYYY-MM-DD, not {shown}", False
    if kind in ("greater_than_equal", "less_than_equal") and MAX_NUMBER in (
        error["ctx"].get("le"), -error["ctx"].get("ge", 0)
    ):
        return loc, f"'{what}' is too large: appraise takes numbers up to {MAX_NUMBER:g} in size, not {value:g}", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = error["ctx"]
        bound = {"greater_than_equal": f"at least {ctx.get('ge')}", "greater_than": f"more than {ctx.get('gt')}",
                 "less_than_equal": f"at most {ctx.get('le')}", "less_than": f"less than {ctx.get('lt')}"}[kind]
        fraction = (what in _FRACTIONS or "optimism_bias" in loc) and isinstance(value, (int, float))
        percent = f" (a rate is written here as a fraction: {value:g}% is {value / 100:g})" \
            if fraction and 1 <= value < 100 else ""
        return loc, f"'{what}' must be {bound}, not {value}{percent}", False
    if kind == "union_tag_invalid":
        return loc, f"'{what}' has an unexpected form: {shown}", False
    message = str(error["msg"])
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    message = re.sub(r"^Input should", "should", message)
    message = re.sub(r"^String should", "should", message)
    message = re.sub(r"^List should", "should", message)
    if kind.endswith(("_than", "_than_equal", "_too_short", "_too_long", "literal_error")):
        message = f"'{what}' {message}"
    return loc, message, False


_GLUED = re.compile(r"^([A-Za-z_][\w-]*):(\S.*)$")
"""A key read as ``score:4`` (inside ``{ }`` the colon needs a space after it)."""
_FRACTIONS = ("discount_rate",)
"""Fields written as a fraction, where an officer may write the percentage (3.5 for 3.5%)."""
_NUMBER_KINDS = ("float_type", "int_type", "float_parsing", "int_parsing")
_NUMBERISH = re.compile(
    r"^\s*(?P<sign>[-+−]?)\s*(?P<currency>[£$€]|GBP|EUR|USD)?\s*(?P<sign2>[-+−]?)"
    r"(?P<whole>\d{1,3}(?:[, ]\d{3})+|\d*)(?P<part>\.\d+)?\s*(?P<unit>%|k|m|bn|million|thousand)?\s*$",
    re.IGNORECASE,
)
"""Text that is a number in an office's way of writing it: ``£8,900,000``, ``35%``, ``1.2m``."""
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")
"""``4,5``: a decimal comma, as written in much of Europe (three digits after it are thousands)."""
_UNITS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9}


def _number_advice(value: Any, loc: tuple[str | int, ...]) -> str | None:
    """How to write as a number text that reads as one to a person: ``write 8900000, without
    the commas or the £ sign``; None when the text is no number at all.

    YAML reads ``8,900,000``, ``£8.9m`` and ``35%`` as text, and ``"35"`` (in quotes) too.
    A percentage is written as a fraction where the field is one (a discount rate, an
    optimism-bias uplift), else as the number before the ``%``.
    """
    if not isinstance(value, str):
        return None
    found = _NUMBERISH.match(value)
    if not found or not (found["whole"] or found["part"]):
        return None
    number = float((found["whole"] or "0").replace(",", "").replace(" ", "") + (found["part"] or ""))
    unit = (found["unit"] or "").lower()
    number *= _UNITS.get(unit, 1)
    fraction = unit == "%" and any(part in ("discount_rate", "optimism_bias") for part in loc)
    if fraction:
        number /= 100
    if "-" in found["sign"] + found["sign2"] or "−" in found["sign"] + found["sign2"]:
        number = -number
    without = [what for what, there in (
        ("the commas", "," in (found["whole"] or "")), ("the spaces", " " in value.strip()),
        (f"the {found['currency']} sign", bool(found["currency"])),
        ("the % sign" + (" (a percentage is written here as a fraction: 3.5% is 0.035)" if fraction else ""),
         unit == "%"),
        (f"the '{found['unit']}'", unit in _UNITS)) if there]
    written = f"{number:.15g}"
    if not without:
        return f"write {written} without quotes (in quotes, YAML reads it as text)"
    return f"write {written}, without " + " or ".join(without)


def _blank(loc: tuple[str | int, ...], kind: str, model: type[BaseModel]) -> str:
    """A key with nothing after it (``score:``): say which, and what to write there."""
    last, what = loc[-1], _field(loc)
    known = _known_keys(model, loc[:-1])
    if isinstance(last, int):
        return f"item {last + 1} of '{what}' is blank: write it after its '-', or remove that line"
    if "scores" in loc and last not in known:  # a criterion's score, short for {score: N}
        return f"no score given for '{last}': write a number after '{last}:'"
    subject = f"no {what} given" if last in known else f"no value given for '{last}'"
    if kind in ("list_type", "tuple_type"):
        return f"{subject}: list the items on the lines below '{last}:', each starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{subject}: write its keys and values on the lines below '{last}:', indented"
    wanted = {"bool_type": "true or false", "date_type": "a date (YYYY-MM-DD)", "string_type": "the text"}.get(
        kind, "a number" if kind in _NUMBER_KINDS else "a value")
    return f"{subject}: write {wanted} after '{last}:'"


def _exponent_hint(value: Any) -> str:
    """Why text like ``1e6`` is not a number: YAML 1.1 reads an exponent only after a dot, with a sign."""
    if isinstance(value, str) and "e" in value.lower():
        try:
            float(value)
        except ValueError:
            return ""
        return " (YAML reads a number with an exponent only in the form 1.5e+6: a dot, and a sign)"
    return ""


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``, for "did you mean"."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or part in _TAGS:
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            continue
        current = _model_in(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[M]``, ``dict[str, M]``, ``M | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__metadata__", None)
    if metadata is not None:
        return _model_in(annotation.__origin__)
    return None


def validate_source(source: Source, model: type[M]) -> M | list[Problem]:
    """Validate a parsed file against its model; problems point into the file."""
    try:
        return model.model_validate(source.data, context={})  # a model may note what its parts need to know
    except ValidationError as exc:
        errors = exc.errors()
        problems = []
        if any(isinstance(part, (int, str)) for error in errors for part in error["loc"]):
            for split in find_splits(source.node(), source.data, source.text):
                if any(within(error["loc"], split) for error in errors):
                    errors = [error for error in errors if not within(error["loc"], split)]
                    problems.append(source.problem(split.loc, _split_message(split)))
        for error in errors:
            loc, message, key = _describe(error, model)
            problems.append(source.problem(loc, message, key=key))
        return problems


def _split_message(split: Split) -> str:
    """What to write for a value that a comma inside ``{ }`` cut in two."""
    advice = _number_advice(split.text, split.loc)
    if _DECIMAL_COMMA.match(split.text):
        advice = f"write {split.text.replace(',', '.')}, with a dot for the decimal point"
    if advice is not None:
        return f"'{split.key}' must be a number: {advice} (inside {{ }} a comma starts a new entry)"
    curly = curly_quotes(split.key, split.text)
    if curly is not None:
        return f"{curly} (inside {{ }} a comma starts a new entry unless the text is in straight quotes)"
    rest = split.text.split(",", 1)[1].strip()
    quoted = "'" + split.text.replace("'", "''") + "'" if '"' in split.text else f'"{split.text}"'
    return (f"inside {{ }} a comma starts a new entry, so YAML read '{rest[:40]}' as another key: put the text of "
            f"'{split.key}' in quotes, like this: {split.key}: {quoted}")

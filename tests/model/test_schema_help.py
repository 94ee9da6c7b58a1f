"""``appraise schema``: every property has a description for editor hovers, in plain words."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import run_appraise

from appraisal.model.help import FIELDS

KINDS = ("criteria", "option", "scenario", "assessment", "participant")


def schema(kind: str) -> dict[str, Any]:
    run = run_appraise("schema", kind)
    assert run.code == 0
    data: dict[str, Any] = json.loads(run.out)
    return data


def models(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each model and its properties; a model with a shorthand (a score may be a bare number) is
    an anyOf, and its mapping's properties count as the model's."""
    for name, model in [(str(data["title"]), data), *data.get("$defs", {}).items()]:
        shapes = [model, *model.get("anyOf", ())]
        yield name, {"properties": {k: v for shape in shapes for k, v in shape.get("properties", {}).items()}}


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description(kind: str) -> None:
    missing = [f"{name}.{key}" for name, model in models(schema(kind))
               for key, prop in model.get("properties", {}).items() if not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("kind", KINDS)
def test_no_code_markup_reaches_an_editor(kind: str) -> None:
    text = json.dumps(schema(kind))
    assert re.findall(r":(?:mod|class|func|data|attr|meth):|``", text) == []


def test_every_description_is_of_a_property_that_exists() -> None:
    properties = {name: set(model.get("properties", {})) for kind in KINDS for name, model in models(schema(kind))}
    stale = [f"{name}.{key}" for name, fields in FIELDS.items() for key in fields
             if key not in properties.get(name, set())]
    assert stale == []

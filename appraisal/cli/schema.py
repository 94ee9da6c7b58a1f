"""``appraise schema``: the JSON Schema of a file kind, for editors."""

from __future__ import annotations

import enum

import typer


class Kind(str, enum.Enum):
    criteria = "criteria"
    option = "option"
    scenario = "scenario"
    assessment = "assessment"


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(kind: Kind = typer.Argument(Kind.criteria, help="Which file kind.")) -> None:
    """Print the JSON Schema of criteria.yaml, an option, scenario or assessor's file.

    Save it beside the folder and point your editor at it with a first line such as
    `# yaml-language-server: $schema=criteria.schema.json`.
    """
    from appraisal.model.schema import schema as kind_schema
    from appraisal.render.machine import to_json

    print(to_json(kind_schema(kind.value)), end="")

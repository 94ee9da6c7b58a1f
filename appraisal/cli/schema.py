"""``appraise schema``: the JSON Schema of a file kind, for editors."""

from __future__ import annotations

import typer

from appraisal.text import series

KINDS = ("criteria", "option", "scenario", "assessment", "participant")


def _kind(name: str) -> str:
    """The file kind asked for, or a usage error that lists the kinds."""
    if name not in KINDS:
        raise typer.BadParameter(f"{name!r} is not a kind of file appraise reads; choose {series(KINDS, 'or')}")
    return name


def schema(
    kind: str = typer.Argument(
        "criteria", parser=_kind, metavar="KIND", show_default=False,
        help="Which file kind: criteria (criteria.yaml), option (a file in options/), scenario "
             "(a file in scenarios/), assessment (an assessor's file in assessments/) or participant (a weighting "
             "workshop participant's file in weights/). Default: criteria.",
    ),
) -> None:
    """Print the JSON Schema of criteria.yaml, an option, scenario, assessor's or participant's file.

    Save it beside the folder and point your editor at it with a first line such as
    `# yaml-language-server: $schema=criteria.schema.json`.
    """
    from appraisal.render.machine import to_json
    from appraisal.render.schema import schema as kind_schema

    print(to_json(kind_schema(kind)), end="")

"""The floor of the stack appraise requires: a Typer app with ``score``'s options that validates
one small pydantic model, and exits.

``bench/startup.py`` times ``appraise score options/``, ``--help`` and ``--version`` against
this script run by the same Python: no command built on typer, pydantic and PyYAML can start
faster than these libraries import, parse ``score``'s command line and build and run one
validator. Run it as the benchmark does::

    python bench/stack_floor.py score options/

It declares the same option names and types as ``appraisal/cli/score.py`` (the PATH argument,
``--scenario``, ``--format/-f`` with a checking parser, ``--output/-o``, ``--criteria``) on an
app with a root callback, so the command is chosen from a group as appraise's are.
"""

# ruff: noqa: B008  (typer declares options as call defaults, as appraisal/cli does)
from __future__ import annotations

from pathlib import Path

import typer
import yaml  # noqa: F401  (imported, as appraise's loading imports it)
from pydantic import BaseModel

FORMATS = ("table", "json", "csv", "markdown", "xlsx")


class Weight(BaseModel):
    """One small model, validated once: pydantic builds its schema and validator on first use."""

    name: str
    weight: float


def parse_format(name: str) -> str:
    if name not in FORMATS:
        raise typer.BadParameter(f"{name!r} is not a format")
    return name


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@app.callback()
def root() -> None:
    """The floor of the stack."""


@app.command("score")
def score(
    path: Path = typer.Argument(Path("."), help="The appraisal folder."),
    scenario: Path | None = typer.Option(None, "--scenario", metavar="FILE"),
    format: str | None = typer.Option(None, "--format", "-f", parser=parse_format),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE"),
    criteria: Path | None = typer.Option(None, "--criteria", metavar="FILE"),
) -> None:
    """Validate one small model and exit."""
    Weight.model_validate({"name": path.name, "weight": 1.0})


if __name__ == "__main__":
    app()

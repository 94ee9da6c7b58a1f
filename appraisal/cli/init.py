"""``appraise init``: start a new appraisal folder from the starter template."""

from __future__ import annotations

from pathlib import Path

import typer


def init(
    directory: Path = typer.Argument(..., help="The folder to create (must be empty or new)."),
    panel: bool = typer.Option(False, "--panel",
                               help="Also start a scoring panel and a weighting workshop: two assessors' files in "
                                    "assessments/ and two participants' files in weights/."),
) -> None:
    """Start a new appraisal folder: criteria.yaml, two options, a scenario and JSON Schemas."""
    from importlib.resources import files

    from appraisal.errors import UsageError
    from appraisal.render.machine import to_json
    from appraisal.render.schema import schema

    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise UsageError(f"{directory}: already exists and is not an empty folder")
    starter = files("appraisal") / "starter"
    for sub in ("", "options", "scenarios", *(["assessments", "weights"] if panel else [])):
        (directory / sub).mkdir(parents=True, exist_ok=True)
        folder = starter / sub if sub else starter
        for item in sorted(folder.iterdir(), key=lambda t: t.name):
            if item.is_file() and item.name.endswith(".yaml"):
                (directory / sub / item.name).write_bytes(item.read_bytes())  # the same bytes on Windows
    for kind in ("criteria", "option", "scenario", *(["assessment", "participant"] if panel else [])):
        (directory / f"{kind}.schema.json").write_bytes(to_json(schema(kind)).encode("utf-8"))
    print(f"created {directory}: edit criteria.yaml and options/, then run `appraise score {directory}`")

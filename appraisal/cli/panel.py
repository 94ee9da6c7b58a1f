"""``appraise panel``: the moderation pack for a panel's meeting (docs/panel.md)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, emit


class PanelFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


def register(app: typer.Typer) -> None:
    app.command("panel")(panel)


def panel(
    path: Path = PathArg,
    format: PanelFormat = typer.Option(PanelFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The moderation pack: each assessor's scores side by side, their spread, the agreed
    score and what to discuss. Works while agreed scores are still missing."""
    from appraisal.analysis.panel import moderation_pack
    from appraisal.errors import UsageError
    from appraisal.load.folder import load

    appraisal = load(path, criteria, pending=True)
    if not appraisal.assessments:
        raise UsageError(
            f"{path}: no assessors' files: put one file per panel member in the folder's "
            "assessments/ (assessments/<assessor>.yaml; see docs/panel.md)"
        )
    pack = moderation_pack(appraisal)
    title = appraisal.frame.title
    if format is PanelFormat.json:
        from appraisal.render.machine import pack_to_dict, to_json

        text = to_json(pack_to_dict(pack))
    elif format is PanelFormat.markdown:
        from appraisal.render.panel import to_markdown

        text = to_markdown(pack, title)
    else:
        from appraisal.render.panel import to_table

        text = to_table(pack, title, terminal=output is None and sys.stdout.isatty())
    emit(text, output)

"""``appraise panel``: the moderation pack for a panel's meeting (docs/panel.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, load_noting
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.panel import Pack


@dataclass(frozen=True)
class Moderation:
    """What ``appraise panel`` renders: the pack and the appraisal's title."""

    pack: Pack
    title: str


def _table(moderation: Moderation, terminal: bool) -> str:
    from appraisal.render.panel import to_table

    return to_table(moderation.pack, moderation.title, terminal=terminal)


def _json(moderation: Moderation, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, pack_to_dict

    return json_bytes(pack_to_dict(moderation.pack))


def _markdown(moderation: Moderation, terminal: bool) -> str:
    from appraisal.render.panel import to_markdown

    return to_markdown(moderation.pack, moderation.title)


FORMATS: Formats[Moderation] = Formats("panel", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("markdown", (".md", ".markdown"), _markdown),
])


def panel(
    path: Path = PathArg,
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The moderation pack: each assessor's scores side by side, their spread, the agreed
    score and what to discuss. Works while agreed scores are still missing."""
    from appraisal.analysis.panel import moderation_pack

    chosen = FORMATS.choose(format, output)
    appraisal = load_noting(path, criteria, pending=True)
    if not appraisal.assessments:
        raise no_assessors(path)
    FORMATS.write(chosen, Moderation(moderation_pack(appraisal), appraisal.frame.title), output)


def no_assessors(path: Path) -> Exception:
    from appraisal.errors import UsageError

    return UsageError(f"{path}: no assessors' files: put one file per panel member in the folder's "
                      "assessments/ (assessments/<assessor>.yaml; see docs/panel.md)")

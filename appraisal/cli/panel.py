"""``appraise panel``: the moderation pack for a panel's meeting (docs/panel.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, load_noting
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.panel import Pack


@dataclass(frozen=True)
class Moderation:
    """What ``appraise panel`` renders: the pack and the appraisal's title."""

    pack: Pack
    title: str
    organisation: str | None = None
    date: dt.date | None = None
    notice: str | None = None
    """criteria.yaml's notice (an illustrative example's), shown under the title."""


def _table(moderation: Moderation, terminal: bool) -> str:
    from appraisal.render.panel import to_table

    return to_table(moderation.pack, moderation.title, terminal=terminal, notice=moderation.notice)


def _json(moderation: Moderation, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, pack_to_dict

    return json_bytes(pack_to_dict(moderation.pack))


def _markdown(moderation: Moderation, terminal: bool) -> str:
    from appraisal.render.panel import to_markdown

    return to_markdown(moderation.pack, moderation.title, moderation.notice)


def _meeting(moderation: Moderation) -> Any:
    from appraisal.render.meeting import meeting

    date = moderation.date.isoformat() if moderation.date else None
    return meeting(moderation.pack, moderation.title, moderation.organisation, date, moderation.notice)


def _html(moderation: Moderation, terminal: bool) -> str:
    from appraisal import __version__
    from appraisal.render.meeting import to_html

    return to_html(_meeting(moderation), __version__)


def _docx(moderation: Moderation, terminal: bool) -> bytes:
    from appraisal import __version__
    from appraisal.cli.documents import check_word_packages

    check_word_packages("appraise panel --format docx")
    from appraisal.render.word.panel import to_docx

    return to_docx(_meeting(moderation), moderation.date, __version__)


FORMATS: Formats[Moderation] = Formats("panel", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("html", (".html", ".htm"), _html),
    Format("docx", (".docx",), _docx, binary=True),
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
    frame = appraisal.frame
    FORMATS.write(chosen, Moderation(moderation_pack(appraisal), frame.title, frame.organisation, frame.date,
                                     frame.notice),
                  output)


def no_assessors(path: Path) -> Exception:
    from appraisal.errors import UsageError

    return UsageError(f"{path}: no assessors' files: put one file per panel member in the folder's "
                      "assessments/ (assessments/<assessor>.yaml; see docs/panel.md)")

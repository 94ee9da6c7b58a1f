"""``appraise weights``: how the weights were set, from a weighting workshop's files (docs/weights.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.workshop import Workshop
    from appraisal.scoring.weighted_sum import Result


@dataclass(frozen=True)
class Weighed:
    """What ``appraise weights`` renders: the workshop and the scored appraisal."""

    workshop: Workshop
    result: Result


def _table(w: Weighed, terminal: bool) -> str:
    from appraisal.render.weights import to_table

    return to_table(w.workshop, w.result, terminal=terminal)


def _json(w: Weighed, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, workshop_to_dict

    return json_bytes(workshop_to_dict(w.workshop))


def _markdown(w: Weighed, terminal: bool) -> str:
    from appraisal.render.weights import to_markdown

    return to_markdown(w.workshop, w.result)


FORMATS: Formats[Weighed] = Formats("weights", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("markdown", (".md", ".markdown"), _markdown),
])


def weights(
    path: Path = PathArg,
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Each weighting workshop participant's weights, the combined and agreed weights, and their spread."""
    from appraisal.analysis.workshop import workshop
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output)
    result = score(load_appraisal(path, criteria, None))
    FORMATS.write(chosen, Weighed(workshop(result), result), output)

"""``appraise score``: rank the options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.scoring.weighted_sum import Result


def _table(result: Result, terminal: bool) -> str:
    from appraisal.render.score import to_table

    return to_table(result, terminal=terminal)


def _json(result: Result, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, result_to_dict

    return json_bytes(result_to_dict(result))


def _csv(result: Result, terminal: bool) -> str:
    from appraisal.render.machine import to_csv

    return to_csv(result)


def _markdown(result: Result, terminal: bool) -> str:
    from appraisal.render.score import to_markdown

    return to_markdown(result)


def _xlsx(result: Result, terminal: bool) -> bytes:
    from appraisal.render.xlsx.workbook import workbook

    return workbook(result)


FORMATS: Formats[Result] = Formats("score", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("csv", (".csv",), _csv),
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("xlsx", (".xlsx",), _xlsx, binary=True),
])


def score(
    path: Path = PathArg,
    scenario: Path | None = ScenarioOpt,
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Rank the options: totals, contributions per criterion, gates and the preferred option."""
    from appraisal.scoring.weighted_sum import score as run

    chosen = FORMATS.choose(format, output)
    FORMATS.write(chosen, run(load_appraisal(path, criteria, scenario)), output)

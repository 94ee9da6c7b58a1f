"""``appraise score``: rank the options."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, emit, load_appraisal


class ScoreFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"


def register(app: typer.Typer) -> None:
    app.command("score")(score)


def score(
    path: Path = PathArg,
    scenario: Path | None = ScenarioOpt,
    format: ScoreFormat = typer.Option(ScoreFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Rank the options: totals, contributions per criterion, gates and the preferred option."""
    from appraisal.scoring.weighted_sum import score as run

    result = run(load_appraisal(path, criteria, scenario))
    if format is ScoreFormat.xlsx:
        from appraisal.errors import UsageError
        from appraisal.render.xlsx.workbook import workbook

        if output is None or output.suffix.lower() != ".xlsx":
            raise UsageError("--format xlsx writes a workbook: give --output FILE.xlsx")
        emit(workbook(result), output)
        return
    if format is ScoreFormat.json:
        from appraisal.render.machine import result_to_dict, to_json

        text = to_json(result_to_dict(result))
    elif format is ScoreFormat.csv:
        from appraisal.render.machine import to_csv

        text = to_csv(result)
    elif format is ScoreFormat.markdown:
        from appraisal.render.score import to_markdown

        text = to_markdown(result)
    else:
        from appraisal.render.score import to_table

        text = to_table(result, terminal=output is None and sys.stdout.isatty())
    emit(text, output)

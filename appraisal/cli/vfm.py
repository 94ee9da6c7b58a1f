"""``appraise vfm``: value for money of the options, and their differences from the baseline."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, emit, load_appraisal


class VfmFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Against(str, enum.Enum):
    baseline = "baseline"
    do_minimum = "do-minimum"
    next_cheapest = "next-cheapest"


def register(app: typer.Typer) -> None:
    app.command("vfm")(vfm)


def vfm(
    path: Path = PathArg,
    format: VfmFormat = typer.Option(VfmFormat.table, "--format", "-f", help="Output format."),
    output: Path | None = OutputOpt,
    scenario: Path | None = ScenarioOpt,
    against: Against = typer.Option(
        Against.baseline, "--against",
        help="Work out the incremental cost per extra point against business as usual (the option "
             "marked 'baseline: true'), the do-minimum option, or the next-cheapest option that is "
             "not dominated.",
    ),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Value for money: cost per weighted point, incremental cost per extra point, dominated
    options and the efficiency frontier, with every option's difference from the baseline."""
    from appraisal.analysis.vfm import NoComparator, value_for_money
    from appraisal.errors import UsageError
    from appraisal.scoring.weighted_sum import score

    try:
        result = value_for_money(score(load_appraisal(path, criteria, scenario)), against.value)
    except NoComparator as exc:
        raise UsageError(f"--against {exc.against}: {exc}; use --against next-cheapest") from None
    if format is VfmFormat.json:
        from appraisal.render.machine import to_json, vfm_to_dict

        text = to_json(vfm_to_dict(result))
    elif format is VfmFormat.markdown:
        from appraisal.render.vfm import to_markdown

        text = to_markdown(result)
    else:
        from appraisal.render.vfm import to_table

        text = to_table(result, terminal=output is None and sys.stdout.isatty())
    emit(text, output)

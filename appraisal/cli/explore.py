"""``appraise explore``: a page to move the weights live in a workshop or committee (docs/explore.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, ScenarioOpt, emit, load_appraisal


def explore(
    path: Path = PathArg,
    output: Path = typer.Option(..., "--output", "-o", help="The page to write (FILE.html)."),
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """One self-contained HTML page to move the weights and watch the ranking, offline."""
    from appraisal.analysis.panel import with_assessor
    from appraisal.errors import UsageError
    from appraisal.render.explore import Views, to_html
    from appraisal.scoring.weighted_sum import score

    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--output {output}: appraise explore writes an HTML page: name it {output.stem}.html")
    appraisal = load_appraisal(path, criteria, scenario)
    result = score(appraisal)
    scores = {appraisal.assessments[who].name: score(with_assessor(appraisal, who)) for who in appraisal.assessments}
    emit(to_html(result, Views(scores=scores)), output)

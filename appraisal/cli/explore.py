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
    exempt: bool = typer.Option(False, "--exempt", help="Allow exempt costs: the page is marked NOT FOR PUBLICATION."),
) -> None:
    """One self-contained HTML page to move the weights and watch the ranking, offline."""
    from appraisal.analysis.panel import with_assessor
    from appraisal.errors import UsageError
    from appraisal.render.explore import Views, participant_shares, shares, to_html
    from appraisal.scoring.weighted_sum import score

    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"--output {output}: appraise explore writes an HTML page: name it {output.stem}.html")
    appraisal = load_appraisal(path, criteria, scenario)
    if appraisal.exempt and not exempt:
        from appraisal.render.exempt import GROUNDS
        from appraisal.text import series

        raise UsageError(
            f"{series(sorted(appraisal.exempt))} {'has' if len(appraisal.exempt) == 1 else 'have'} exempt costs "
            f"({GROUNDS}). The page carries every option's value on every criterion, from which an exempt price "
            "can be worked out, so it cannot be published: give --exempt for a page marked NOT FOR PUBLICATION, "
            "for the committee in private")
    result = score(appraisal)
    scores = {appraisal.assessments[who].name: score(with_assessor(appraisal, who)) for who in appraisal.assessments}
    views = Views(scores=scores, weights=participant_shares(appraisal, shares(result)))
    emit(to_html(result, views, exempt=bool(appraisal.exempt)), output)

"""``appraise disclosure``: one provider's disclosure pack, in Markdown and Word, written into a
folder as a set (docs/psr-notices.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, load_appraisal
from appraisal.cli.fileset import check_folder, write_set

INPUT_FOLDERS = ("options", "assessments", "scenarios", "weights", "templates")
"""The folders of an appraisal that appraise reads: no output goes inside one."""


def _inside_inputs(output_dir: Path, path: Path) -> str | None:
    """The input folder of the appraisal that ``output_dir`` is inside, if any."""
    from appraisal.load.folder import Layout

    root = Layout.find(path).folder.resolve()
    target = output_dir.resolve()
    for name in INPUT_FOLDERS:
        if target == root / name or (root / name) in target.parents:
            return name
    return None


def disclosure(
    path: Path = PathArg,
    provider: str = typer.Option(..., "--provider", "-p", metavar="ID",
                                 help="The id of the provider the pack is for (its options/<id>.yaml)."),
    output_dir: Path = typer.Option(..., "--output-dir", metavar="DIR",
                                    help="Write DIR/<id>-disclosure.md and .docx (the folder is made if missing)."),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The pack for a provider's representations and the review panel: each evaluator's scores and
    comments and the moderation record, for that provider and the most suitable one only."""
    from appraisal import __version__
    from appraisal.analysis.summaries import tenders
    from appraisal.cli.documents import check_word_packages
    from appraisal.errors import InputError, UsageError
    from appraisal.render.documents import document_file
    from appraisal.report.disclosure import leaks, pack
    from appraisal.report.psr import most_suitable
    from appraisal.scoring.weighted_sum import score
    from appraisal.text import did_you_mean, series

    check_folder(output_dir)
    inside = _inside_inputs(output_dir, path)
    if inside:
        raise UsageError(f"--output-dir {output_dir}: it is inside the appraisal's {inside}/ folder, which appraise "
                         "reads as input: choose a folder outside it")
    result = score(load_appraisal(path, criteria, None))
    if not result.appraisal.assessments:
        raise UsageError("this appraisal has no panel (no assessments/ folder): a disclosure pack holds each "
                         "evaluator's own scores and comments, so add assessments/<evaluator>.yaml for each "
                         "(docs/panel.md)")
    providers = sorted(o.id for o in tenders(result))
    if provider not in providers:
        raise UsageError(f"--provider {provider}: no provider of that id was assessed"
                         f"{did_you_mean(provider, providers)}; the providers are {series(providers)}")
    winner = most_suitable(result)
    if winner is None:
        raise UsageError("there is no single most suitable provider (a tie, or none ranked): the pack sets a "
                         "provider's evaluation beside the most suitable provider's, so settle the evaluation first")
    if provider == winner:
        others = [p for p in providers if p != winner]
        raise UsageError(f"--provider {provider}: that is the most suitable provider, and a disclosure pack is for a "
                         "provider making representations against the decision; give the id of the provider who "
                         f"asked ({series(others, 'or')}). The panel's own scores of every provider are in "
                         "appraise panel")
    found = leaks(result, provider, winner)
    if found:
        raise InputError(found)
    check_word_packages("appraise disclosure")
    document = pack(result, provider, winner)
    date = result.appraisal.frame.date
    files = [(f"{provider}-disclosure.{ext}", document_file(document, fmt, version=__version__, date=date,
                                                            footer="Disclosure pack"))
             for fmt, ext in (("markdown", "md"), ("docx", "docx"))]
    write_set(files, output_dir)

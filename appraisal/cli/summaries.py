"""``appraise summaries``: one assessment summary per assessed tender, in a folder (docs/tenders.md)."""

from __future__ import annotations

import enum
import gc
import sys
from pathlib import Path

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, ScenarioOpt, emit, load_appraisal


class SummaryFormat(str, enum.Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


def summaries(
    path: Path = PathArg,
    output_dir: Path = typer.Option(
        ..., "--output-dir", metavar="DIR",
        help="Write each summary to DIR/<option id>.md, .html or .docx (the folder is made if missing).",
    ),
    format: SummaryFormat = typer.Option(
        SummaryFormat.markdown, "--format", "-f", help="markdown, html or docx (Word).",
    ),
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The assessment summaries a tender evaluation owes its suppliers (Procurement Act 2023 s.50):
    each supplier's own scores and explanations and, for an unsuccessful tender, the most
    advantageous tender's. Nothing is written when any summary cannot be."""
    from appraisal import __version__
    from appraisal.analysis.summaries import no_winner, tenders
    from appraisal.check.summaries import summary_problems
    from appraisal.errors import InputError, OutputError, UsageError
    from appraisal.report.summaries import EXTENSIONS, summary_file
    from appraisal.report.summaries import summaries as build
    from appraisal.scoring.weighted_sum import score

    result = score(load_appraisal(path, criteria, scenario))
    if not tenders(result):
        raise UsageError("this appraisal has no tenders: give each shortlisted option that is a "
                         "tender a 'supplier:' (docs/tenders.md)")
    problems = summary_problems(result.appraisal) + no_winner(result)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if format is SummaryFormat.docx:
        from appraisal.cli.documents import check_word_packages

        check_word_packages("appraise summaries --format docx")
    for warning in sorted(problems):
        print(str(warning), file=sys.stderr)
    files = {}
    for s in build(result):
        files[s.id] = summary_file(s, format.value, __version__)
        if format is SummaryFormat.docx:
            # The collector is paused while a command runs (appraisal.cli.main), and a Word
            # document's objects refer to each other, so each summary's would stay until the
            # end: 6 MB a summary. Collecting the youngest objects frees them; as each
            # collection moves what survives out of the youngest, each looks only at the last
            # summary's objects, so the time stays linear.
            gc.collect(0)
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputError(f"--output-dir {output_dir}: it is a file, not a folder")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"--output-dir {output_dir}: cannot make the folder: {exc.strerror}") from None
    for option_id, data in files.items():
        emit(data, output_dir / f"{option_id}.{EXTENSIONS[format.value]}")

"""``appraise summaries``: one assessment summary per assessed tender, in a folder (docs/tenders.md)."""

from __future__ import annotations

import datetime as dt
import enum
import gc
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, PathArg, ScenarioOpt, iso_date, load_appraisal
from appraisal.cli.fileset import check_folder, write_set
from appraisal.cli.progress import Step, progress_bar

if TYPE_CHECKING:
    from appraisal.report.summaries import Letter, Summary
    from appraisal.scoring.weighted_sum import Result


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
    date: str | None = typer.Option(
        None, "--date", metavar="DATE",
        help="The letters' date, YYYY-MM-DD, when criteria.yaml's award.summaries_sent does not give it yet.",
    ),
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """The assessment summaries a tender evaluation owes its suppliers (Procurement Act 2023 s.50),
    as letters: each supplier's own scores and explanations and, for an unsuccessful tender, the
    most advantageous tender's; under the Provider Selection Regime, the letters to the providers
    whose offers were not chosen. Nothing is written when any letter cannot be."""
    from appraisal.analysis.summaries import no_winner, tenders
    from appraisal.check.summaries import letter_problems, summary_problems
    from appraisal.errors import InputError, UsageError
    from appraisal.report.summaries import EXTENSIONS
    from appraisal.report.summaries import summaries as build
    from appraisal.scoring.weighted_sum import score

    check_folder(output_dir)
    result = score(load_appraisal(path, criteria, scenario))
    if not tenders(result):
        raise UsageError("this appraisal has no tenders: give each shortlisted option that is a "
                         "tender a 'supplier:' (docs/tenders.md)")
    day = iso_date(date, "--date") if date is not None else None
    problems = summary_problems(result.appraisal) + no_winner(result) + letter_problems(result.appraisal, day)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if format is SummaryFormat.docx:
        from appraisal.cli.documents import check_word_packages

        check_word_packages("appraise summaries --format docx")
    for warning in sorted(problems):
        print(str(warning), file=sys.stderr)
    every = build(result, _letter(result, day))
    ext = EXTENSIONS[format.value]
    with _made(every, format.value) as made, progress_bar("Assessment summaries") as step:
        files = ((f"{s.id}.{ext}", data) for s, data in zip(every, made, strict=True))
        others = write_set(_counted(files, len(every), step), output_dir)
    stale = [p.name for p in others if p.suffix == f".{ext}"]
    if stale:
        print(f"appraise: warning: {output_dir} also holds {', '.join(stale)}, which this run did not write "
              "(from an earlier run, or another evaluation's): they are not this evaluation's summaries, so "
              "take them out before the folder is sent", file=sys.stderr)


def _letter(result: Result, date: dt.date | None) -> Letter:
    """The letters' date, reference, contact and standstill, which :func:`letter_problems` has
    checked: the dates and the standstill as every notice and the report's timeline give them
    (:func:`appraisal.analysis.award_facts.timeline`)."""
    from appraisal.analysis.award_facts import timeline
    from appraisal.report.summaries import Letter

    frame = result.appraisal.frame
    award = frame.award
    assert award is not None and award.reference and award.contact is not None
    dates = timeline(result)
    sent = dates.summaries_sent or date
    assert sent is not None
    contact = award.contact.name + (f", {award.contact.email}" if award.contact.email else "")
    return Letter(sent, award.reference, contact, award.buyer.name if award.buyer else frame.organisation,
                  dates.standstill, frame.regime)


PARALLEL_AT = 8
"""Word summaries from which the work is shared among processes, one per core."""


@contextmanager
def _made(every: Sequence[Summary], fmt: str) -> Iterator[Iterator[bytes]]:
    """Each summary's file, in order, as it is made: Word documents in a process per core
    (started before any other thread, such as the progress bar's), whose bytes do not depend on
    which process made them. Leaving stops the processes."""
    from appraisal import __version__

    make = partial(_one, fmt=fmt, version=__version__)
    if fmt != "docx" or len(every) < PARALLEL_AT or _cores() < 2:
        yield map(make, every)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(min(_cores(), len(every)), initializer=_worker) as pool:
        yield pool.imap(make, every, chunksize=4)


def _one(summary: Summary, fmt: str, version: str) -> bytes:
    from appraisal.report.summaries import summary_file

    data = summary_file(summary, fmt, version)
    # The collector is paused while a command runs (appraisal.cli.main), and a Word document's
    # objects refer to each other, so each summary's would stay until the end: 6 MB a summary.
    # Collecting the youngest objects frees them; as each collection moves what survives out of
    # the youngest, each looks only at the last summary's objects, so the time stays linear.
    gc.collect(0)
    return data


def _worker() -> None:
    """A process making Word summaries leaves Ctrl-C to the command, which stops them all."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def _counted(files: Iterable[tuple[str, bytes]], total: int, step: Step | None) -> Iterator[tuple[str, bytes]]:
    for done, item in enumerate(files, 1):
        yield item
        if step is not None:
            step(done, total)

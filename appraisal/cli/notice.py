"""``appraise notice``: a draft notice, by its type, in Markdown or Word (docs/psr-notices.md).

A thin dispatch: each type names the function that makes its typed document
(:mod:`appraisal.render.blocks`) from the folder; :mod:`appraisal.render.documents` writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.render.blocks import Document
    from appraisal.scoring.weighted_sum import Result


def _psr(record: bool) -> Callable[[Result], Document]:
    def make(result: Result) -> Document:
        from appraisal.report.notice_psr import notice

        return notice(result, record=record)

    return make


TYPES: dict[str, Callable[[Result], Document]] = {"psr-intention": _psr(False), "psr-record": _psr(True)}
"""Each ``--type`` and what makes its document."""


def _file(fmt: str) -> Callable[[Document, bool], bytes]:
    def render(document: Document, terminal: bool) -> bytes:
        from appraisal import __version__
        from appraisal.render.documents import document_file

        if fmt == "docx":
            from appraisal.cli.documents import check_word_packages

            check_word_packages("appraise notice --format docx")
        return document_file(document, fmt, version=__version__, footer=document.subject)

    return render


FORMATS: Formats[Document] = Formats("notice", [
    Format("markdown", (".md", ".markdown"), _file("markdown")),
    Format("docx", (".docx",), _file("docx"), binary=True),
])


def _type(name: str) -> str:
    if name not in TYPES:
        raise typer.BadParameter(f"{name!r} is not a notice appraise writes; choose {', '.join(TYPES)}")
    return name


def notice(
    path: Path = PathArg,
    type: str = typer.Option(..., "--type", "-t", parser=_type, metavar="[" + "|".join(TYPES) + "]",
                             help="Which notice: psr-intention (the notice of intention to award) or psr-record "
                                  "(the record of the decision), under the Provider Selection Regime."),
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """A draft notice filled from the folder, each item cited; nothing is written when an item is missing."""
    from appraisal.errors import UsageError
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output)
    appraisal = load_appraisal(path, criteria, None)
    if type.startswith("psr-") and appraisal.frame.regime != "psr":
        raise UsageError(f"--type {type} is a notice of the NHS Provider Selection Regime, and this appraisal is not "
                         "under it: add 'regime: psr' and 'process:' to criteria.yaml (docs/psr-notices.md)")
    document = TYPES[type](score(appraisal))
    FORMATS.write(chosen, document, output)

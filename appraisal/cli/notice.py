"""``appraise notice``: a draft notice after the award, by its type, in Markdown or Word, or (for the
Procurement Act's notices) its OCDS release (docs/tenders.md, docs/psr-notices.md).

A thin dispatch: :data:`TYPES` names, for each ``--type``, the function that makes its
:class:`appraisal.render.documents.Drafted` from the scored folder (the typed document, the
OCDS release where the type has one, the day the files are dated by), refusing with every
missing input located; :mod:`appraisal.render.documents` writes it. A new notice type is one
more entry; only the chosen type's module is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.render.documents import Drafted
    from appraisal.scoring.weighted_sum import Result


def _uk(kind: str) -> Callable[[Result], Drafted]:
    def make(result: Result) -> Drafted:
        from appraisal.report.notice_uk import drafted

        return drafted(result, kind)

    return make


def _psr(record: bool) -> Callable[[Result], Drafted]:
    def make(result: Result) -> Drafted:
        from appraisal.render.documents import Drafted
        from appraisal.report.notice_psr import notice

        return Drafted(notice(result, record=record), None, None)

    return make


TYPES: dict[str, tuple[Callable[[Result], Drafted], str]] = {
    "uk6": (_uk("uk6"), "the contract award notice (Procurement Act 2023, s.50)"),
    "uk7": (_uk("uk7"), "the contract details notice (Procurement Act 2023, s.53)"),
    "psr-intention": (_psr(False), "the notice of intention to award, under the Provider Selection Regime"),
    "psr-record": (_psr(True), "the record of the decision, under the Provider Selection Regime"),
}
"""Each ``--type``: what makes its draft, and what it is."""
TYPE_HELP = "Which notice: " + "; ".join(f"{name}, {what}" for name, (_, what) in TYPES.items()) + "."


def _file(fmt: str) -> Callable[[Drafted, bool], bytes]:
    def render(d: Drafted, terminal: bool) -> bytes:
        from appraisal import __version__
        from appraisal.render.documents import document_file

        if fmt == "docx":
            from appraisal.cli.documents import check_word_packages

            check_word_packages("appraise notice --format docx")
        return document_file(d.document, fmt, version=__version__, date=d.date, footer=d.document.subject)

    return render


def _json(d: Drafted, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes

    return json_bytes(d.release)


FORMATS: Formats[Drafted] = Formats("notice", [
    Format("markdown", (".md", ".markdown"), _file("markdown")),
    Format("docx", (".docx",), _file("docx"), binary=True),
    Format("json", (".json",), _json),
])


def _type(name: str) -> str:
    if name not in TYPES:
        raise typer.BadParameter(f"{name!r} is not a notice appraise writes; choose {', '.join(TYPES)}")
    return name


def notice(
    path: Path = PathArg,
    type: str = typer.Option(..., "--type", "-t", parser=_type, metavar="[" + "|".join(TYPES) + "]", help=TYPE_HELP),
    format: str | None = FORMATS.option(note=" json: the Procurement Act's notices as OCDS 1.1 releases."),
    output: Path | None = OutputOpt,
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """A draft notice after the award, filled from the folder, for the officer who types it into the
    platform that publishes it (appraise does not submit it); or, with --format json, a Procurement Act
    notice as an OCDS release. Nothing is written when the folder lacks anything the notice needs."""
    from appraisal.errors import UsageError
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output)
    appraisal = load_appraisal(path, criteria, scenario)
    if type.startswith("psr-") and appraisal.frame.regime != "psr":
        raise UsageError(f"--type {type} is a notice of the NHS Provider Selection Regime, and this appraisal is not "
                         "under it: add 'regime: psr' and 'process:' to criteria.yaml (docs/psr-notices.md)")
    drafted = TYPES[type][0](score(appraisal))
    if chosen.name == "json" and drafted.release is None:
        raise UsageError(f"--type {type} has no machine format: choose --format markdown or docx")
    FORMATS.write(chosen, drafted, output)

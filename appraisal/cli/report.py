"""``appraise report``: the committee appendix in Markdown, self-contained HTML, Word or PDF."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from appraisal.cli.common import (
    CriteriaOpt,
    OutputOpt,
    PathArg,
    ScenarioOpt,
    apply_noting,
    check_output,
    load_appraisal,
)
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.model.appraisal import Appraisal
    from appraisal.render.jinja import UserTemplates
    from appraisal.report import Provenance


@dataclass(frozen=True)
class Appendix:
    """What a report format renders: the report's context, the templates to render it with and,
    for Word and PDF, the footer's label and the reference document (``--reference-doc``)."""

    context: Mapping[str, Any]
    user: UserTemplates
    label: str = ""
    reference: Path | None = None


def _markdown(appendix: Appendix, terminal: bool) -> str:
    from appraisal.render.jinja import render

    return render(appendix.context, "markdown", appendix.user)


def _html(appendix: Appendix, terminal: bool) -> str:
    from appraisal.render.jinja import render

    return render(appendix.context, "html", appendix.user)


def _docx(appendix: Appendix, terminal: bool) -> bytes:
    from appraisal.cli.documents import document

    return document(appendix.context, "docx", appendix.user, appendix.label, appendix.reference)


def _pdf(appendix: Appendix, terminal: bool) -> bytes:
    from appraisal.cli.documents import document

    return document(appendix.context, "pdf", appendix.user, appendix.label, appendix.reference)


FORMATS: Formats[Appendix] = Formats("report", [
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("html", (".html", ".htm"), _html),
    Format("docx", (".docx",), _docx, binary=True),
    Format("pdf", (".pdf",), _pdf, binary=True),
])
"""docx is the Word document (the Markdown appendix typeset); pdf is that document laid out,
tagged, by LibreOffice (appraisal/cli/documents.py)."""

REFERENCE_HELP = ("docx and pdf: take the styles (fonts, headings, tables), headers, footers and "
                  "page set-up from this Word document, as pandoc's option of the same name does.")
APPENDIX_HELP = ("docx and pdf: the label in the footer beside the page number, such as "
                 "'Appendix 1'. Default: appendix: in criteria.yaml.")
TEMPLATE_HELP = ("Render this Jinja template instead of the bundled one, in Jinja's sandbox; it may "
                 "extend or include the bundled templates (see docs/report.md).")

TemplateOpt = typer.Option(None, "--template", help=TEMPLATE_HELP, metavar="FILE")
ReferenceOpt = typer.Option(None, "--reference-doc", help=REFERENCE_HELP, metavar="FILE")
AppendixOpt = typer.Option(None, "--appendix", help=APPENDIX_HELP, metavar="LABEL")
ExemptOpt = typer.Option(False, "--exempt", help=(
    "Render the exempt appendix, not for publication: it prints the cost figures of options whose "
    "costs say exempt: true, which the public report withholds (docs/report.md)."))


def report(
    path: Path = PathArg,
    format: str | None = FORMATS.option(", else --template's (.md.j2, .html.j2)",
                                          " docx is Word; pdf is a tagged PDF, laid out by LibreOffice."),
    output: Path | None = OutputOpt,
    template: Path | None = TemplateOpt,
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
    reference_doc: Path | None = ReferenceOpt,
    appendix: str | None = AppendixOpt,
    exempt: bool = ExemptOpt,
) -> None:
    """Render the committee appendix: recommendation, method, ranking, scoring matrix and chart,
    each option's case, risks and costs, the options set aside, finance and provenance."""
    from appraisal.cli.documents import check_document_options
    from appraisal.load.folder import Layout
    from appraisal.render.jinja import folder_templates
    from appraisal.report import build_context
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output, template)
    check_document_options(chosen.name, output, template, reference_doc, appendix)
    check_output(output, [("the --template", template), ("the --reference-doc", reference_doc),
                          ("the --criteria file", criteria), ("the --scenario file", scenario)])
    base = load_appraisal(path, criteria, None)
    overlay = apply_noting(base, scenario) if scenario is not None else None
    appraisal = overlay[0] if overlay else base
    folder = Layout.find(path, criteria).folder
    root = folder.resolve()
    appraisal = replace(appraisal, unread=tuple((relative(name, root), why) for name, why in appraisal.unread))
    user = folder_templates(folder, folder)
    if template is not None:
        user = user.with_main(template)
    context = build_context(score(appraisal), input_provenance(appraisal, folder, user),
                            scenario=(base, overlay[1]) if overlay else None, exempt=exempt)
    check_output(output, [("a file of the appraisal", Path(name)) for name in
                          [*appraisal.sources, *user.displays.values()]])
    label = appendix if appendix is not None else appraisal.frame.appendix or ""
    FORMATS.write(chosen, Appendix(context, user, label, reference_doc), output)


def relative(shown: str, root: Path) -> str:
    """A file's name as the loader shows it (a path from the current folder), relative to the
    appraisal folder ``root`` (resolved); a file outside it keeps its name as given."""
    try:
        return Path(shown).resolve().relative_to(root).as_posix()
    except ValueError:
        return shown


def input_provenance(appraisal: Appraisal, folder: Path, user: UserTemplates) -> Provenance:
    """The digests of the input files taken when they were read (so of the bytes that were
    scored), and of the user's templates, named relative to the appraisal folder.

    The loader's display names are paths from the current folder; a file outside the appraisal
    folder (``--criteria``, ``--scenario``) keeps its name as given.
    """
    from appraisal.report.provenance import FileDigest, digest_of, provenance

    root = folder.resolve()

    def scored(shown: str) -> FileDigest:
        return FileDigest(relative(shown, root), appraisal.sources[shown].sha256)

    def template(shown: str) -> FileDigest:
        try:
            return digest_of(relative(shown, root), Path(shown).read_bytes())
        except OSError as exc:
            from appraisal.errors import InputError, Problem

            raise InputError([Problem(shown, 1, 1, f"cannot read the template again: {exc.strerror}")]) from None

    inputs = {*appraisal.option_files.values(), *appraisal.assessment_files.values()}  # a panel's files too
    return provenance(
        scored(appraisal.criteria_file),
        [scored(n) for n in sorted(inputs)],
        scored(appraisal.scenario_file) if appraisal.scenario_file else None,
        [template(shown) for shown in sorted(user.displays.values())],
    )

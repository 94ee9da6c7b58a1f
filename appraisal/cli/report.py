"""``appraise report``: the committee appendix in Markdown, self-contained HTML, Word or PDF."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, emit, load_appraisal

if TYPE_CHECKING:
    from appraisal.model.appraisal import Appraisal
    from appraisal.render.jinja import UserTemplates
    from appraisal.report import Provenance


class ReportFormat(str, enum.Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"
    pdf = "pdf"


SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
            ".docx": "docx", ".pdf": "pdf"}
"""File endings that imply a format when ``--format`` is not given (``.j2`` is looked through)."""

FORMAT_HELP = ("markdown, html, docx (Word) or pdf (tagged, through LibreOffice). Default: the "
               "format --output's name implies (.md, .html, .docx, .pdf), else --template's (.md.j2, "
               ".html.j2), else markdown.")
REFERENCE_HELP = ("docx and pdf: take the styles (fonts, headings, tables), headers, footers and "
                  "page set-up from this Word document, as pandoc's option of the same name does.")
APPENDIX_HELP = ("docx and pdf: the label in the footer beside the page number, such as "
                 "'Appendix 1'. Default: appendix: in criteria.yaml.")
TEMPLATE_HELP = ("Render this Jinja template instead of the bundled one, in Jinja's sandbox; it may "
                 "extend or include the bundled templates (see docs/report.md).")

FormatOpt = typer.Option(None, "--format", "-f", help=FORMAT_HELP, show_default=False)
TemplateOpt = typer.Option(None, "--template", help=TEMPLATE_HELP, metavar="FILE")
ReferenceOpt = typer.Option(None, "--reference-doc", help=REFERENCE_HELP, metavar="FILE")
AppendixOpt = typer.Option(None, "--appendix", help=APPENDIX_HELP, metavar="LABEL")
ExemptOpt = typer.Option(False, "--exempt", help=(
    "Render the exempt appendix, not for publication: it prints the cost figures of options whose "
    "costs say exempt: true, which the public report withholds (docs/report.md)."))


def register(app: typer.Typer) -> None:
    app.command("report")(report)


def implied_format(path: Path | None) -> str | None:
    """The format a file name implies: appendix.html -> html, mine.md.j2 -> markdown."""
    if path is None:
        return None
    name = path.name.lower().removesuffix(".j2")
    return SUFFIXES.get(Path(name).suffix)


def report(
    path: Path = PathArg,
    format: ReportFormat | None = FormatOpt,
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
    from appraisal.cli.documents import check_document_options, document
    from appraisal.load.folder import Layout
    from appraisal.render.jinja import folder_templates, render
    from appraisal.report import build_context
    from appraisal.scenario.overlay import apply, read_scenario
    from appraisal.scoring.weighted_sum import score

    base = load_appraisal(path, criteria, None)
    overlay = read_scenario(scenario) if scenario is not None else None
    appraisal = apply(base, *overlay) if overlay else base
    fmt = format.value if format else implied_format(output) or implied_format(template) or "markdown"
    check_document_options(fmt, output, template, reference_doc, appendix)
    folder = Layout.find(path, criteria).folder
    user = folder_templates(folder, folder)
    if template is not None:
        user = user.with_main(template)
    context = build_context(score(appraisal), input_provenance(appraisal, folder, user),
                            scenario=(base, overlay[1]) if overlay else None, exempt=exempt)
    if fmt in ("docx", "pdf"):
        label = appendix if appendix is not None else appraisal.frame.appendix or ""
        emit(document(context, fmt, user, label, reference_doc), output)
    else:
        emit(render(context, fmt, user), output)


def input_provenance(appraisal: Appraisal, folder: Path, user: UserTemplates) -> Provenance:
    """The digests of the input files taken when they were read (so of the bytes that were
    scored), and of the user's templates, named relative to the appraisal folder.

    The loader's display names are paths from the current folder; a file outside the appraisal
    folder (``--criteria``, ``--scenario``) keeps its name as given.
    """
    from appraisal.report.provenance import FileDigest, digest_of, provenance

    root = folder.resolve()

    def relative(shown: str) -> str:
        try:
            return Path(shown).resolve().relative_to(root).as_posix()
        except ValueError:
            return shown

    def scored(shown: str) -> FileDigest:
        return FileDigest(relative(shown), appraisal.sources[shown].sha256)

    def template(shown: str) -> FileDigest:
        try:
            return digest_of(relative(shown), Path(shown).read_bytes())
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

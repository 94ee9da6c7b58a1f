"""``appraise report``: the committee appendix in Markdown or self-contained HTML."""

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


SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
"""File endings that imply a format when ``--format`` is not given (``.j2`` is looked through)."""

FORMAT_HELP = ("markdown or html. Default: the format --output's name implies (.md, .html), "
               "else --template's (.md.j2, .html.j2), else markdown.")
TEMPLATE_HELP = ("Render this Jinja template instead of the bundled one, in Jinja's sandbox; it may "
                 "extend or include the bundled templates (see docs/report.md).")

FormatOpt = typer.Option(None, "--format", "-f", help=FORMAT_HELP, show_default=False)
TemplateOpt = typer.Option(None, "--template", help=TEMPLATE_HELP, metavar="FILE")


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
) -> None:
    """Render the committee appendix: recommendation, method, ranking, scoring matrix and chart,
    each option's case, risks and costs, the options set aside, finance and provenance."""
    from appraisal.load.folder import Layout
    from appraisal.render.jinja import folder_templates, render
    from appraisal.report import build_context
    from appraisal.scoring.weighted_sum import score

    appraisal = load_appraisal(path, criteria, scenario)
    fmt = format.value if format else implied_format(output) or implied_format(template) or "markdown"
    folder = Layout.find(path, criteria).folder
    user = folder_templates(folder, folder)
    if template is not None:
        user = user.with_main(template)
    context = build_context(score(appraisal), input_provenance(appraisal, folder, user))
    emit(render(context, fmt, user), output)


def input_provenance(appraisal: Appraisal, folder: Path, user: UserTemplates) -> Provenance:
    """Digest the files the appraisal was loaded from, named relative to the appraisal folder.

    The loader's display names are paths from the current folder, so they can be read again
    here; a file outside the appraisal folder (``--criteria``, ``--scenario``) keeps its name
    as given.
    """
    from appraisal.report import provenance

    root = folder.resolve()

    def read(shown: str) -> tuple[str, bytes]:
        file = Path(shown)
        try:
            name = file.resolve().relative_to(root).as_posix()
        except ValueError:
            name = shown
        try:
            return name, file.read_bytes()
        except OSError as exc:
            from appraisal.errors import InputError, Problem

            raise InputError([Problem(shown, 1, 1, f"cannot read the file again: {exc.strerror}")]) from None

    option_names = set(appraisal.option_files.values())
    scenarios = [n for n in appraisal.sources if n != appraisal.criteria_file and n not in option_names]
    return provenance(
        read(appraisal.criteria_file),
        [read(n) for n in sorted(option_names)],
        read(scenarios[-1]) if scenarios else None,
        [read(shown) for shown in sorted(user.displays.values())],
    )

"""``appraise report``: the committee appendix in Markdown or self-contained HTML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.model.inputs import Appraisal
    from appraisal.render.jinja import UserTemplates
    from appraisal.report import Provenance


@dataclass(frozen=True)
class Appendix:
    """What a report format renders: the report's context and the templates to render it with."""

    context: Mapping[str, Any]
    user: UserTemplates


def _markdown(appendix: Appendix, terminal: bool) -> str:
    from appraisal.render.jinja import render

    return render(appendix.context, "markdown", appendix.user)


def _html(appendix: Appendix, terminal: bool) -> str:
    from appraisal.render.jinja import render

    return render(appendix.context, "html", appendix.user)


FORMATS: Formats[Appendix] = Formats("report", [
    Format("markdown", (".md", ".markdown"), _markdown),
    Format("html", (".html", ".htm"), _html),
])

TEMPLATE_HELP = ("Render this Jinja template instead of the bundled one, in Jinja's sandbox; it may "
                 "extend or include the bundled templates (see docs/report.md).")

TemplateOpt = typer.Option(None, "--template", help=TEMPLATE_HELP, metavar="FILE")


def register(app: typer.Typer) -> None:
    app.command("report", short_help="Render the committee appendix (Markdown or HTML).")(report)


def report(
    path: Path = PathArg,
    format: str | None = FORMATS.option(", else --template's (.md.j2, .html.j2)"),
    output: Path | None = OutputOpt,
    template: Path | None = TemplateOpt,
    scenario: Path | None = ScenarioOpt,
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Render the committee appendix: recommendation, method, ranking, scoring matrix and chart,
    each option's case, risks and costs, the options set aside, finance and provenance."""
    from appraisal.load.folder import Layout
    from appraisal.render.jinja import folder_templates
    from appraisal.report import build_context
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output, template)
    appraisal = load_appraisal(path, criteria, scenario)
    folder = Layout.find(path, criteria).folder
    user = folder_templates(folder, folder)
    if template is not None:
        user = user.with_main(template)
    context = build_context(score(appraisal), input_provenance(appraisal, folder, user))
    FORMATS.write(chosen, Appendix(context, user), output)


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

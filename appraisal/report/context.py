"""The report as an ordered list of sections, and the one function that builds its context.

A section is an id, a title and a builder (pure: :class:`~appraisal.report.base.Inputs` in,
plain data out). The templates render ``partials/<id>.md.j2`` or ``partials/<id>.html.j2``
for each section in turn, so adding a section takes one entry in :data:`SECTIONS` and one
partial per format (docs/report.md, Adding a section).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from appraisal.model.appraisal import Appraisal
from appraisal.model.scenario import Scenario
from appraisal.report.base import MAX_DETAILED_OPTIONS, Inputs, detailed_options, long_date
from appraisal.report.frame import method, recommendation
from appraisal.report.options import discounted, options
from appraisal.report.panel import panel_section
from appraisal.report.provenance import Provenance
from appraisal.report.scenario import changes
from appraisal.report.sensitivity import sensitivity_section
from appraisal.report.tables import finance, matrix, summary
from appraisal.report.vfm import value_for_money_section
from appraisal.scoring.weighted_sum import Result

Builder = Callable[[Inputs], Mapping[str, Any] | None]
"""Builds a section's data; None leaves the section out of this report."""


@dataclass(frozen=True)
class Section:
    id: str
    """Also the partial's name and the HTML anchor."""
    title: str
    build: Builder


def provenance_section(inputs: Inputs) -> dict[str, Any]:
    """The tool version and the digests of the input files (see :mod:`appraisal.report.provenance`)."""
    p = inputs.provenance
    return {
        "version": p.version,
        "files": [{"name": f.name, "sha256": f.sha256} for f in p.files],
        "manifest": p.manifest,
        "digest": p.digest,
        "command": p.command,
        "templates": [{"name": f.name, "sha256": f.sha256} for f in p.templates],
    }


SECTIONS: tuple[Section, ...] = (
    Section("recommendation", "Recommendation", recommendation),
    Section("method", "Method", method),
    Section("summary", "Summary of the options", summary),
    Section("matrix", "Scoring matrix", matrix),
    Section("panel", "How the scores were reached", panel_section),
    Section("options", "The shortlisted options", options),
    Section("discounted", "Options not taken forward", discounted),
    Section("finance", "Financial summary", finance),
    Section("value_for_money", "Value for money", value_for_money_section),
    Section("sensitivity", "Sensitivity", sensitivity_section),
    Section("provenance", "Provenance", provenance_section),
)
"""The appendix's sections in order (docs/report.md): how a panel reached the scores (only
when one did) after the scoring matrix; value for money after finance, then sensitivity."""


def build_context(
    result: Result,
    provenance: Provenance,
    *,
    sections: Sequence[Section] = SECTIONS,
    limit: int = MAX_DETAILED_OPTIONS,
    scenario: tuple[Appraisal, Scenario] | None = None,
) -> dict[str, Any]:
    """The whole template context: the appraisal's heading and each section's data, in order.

    ``scenario`` is the appraisal before the scenario was applied and the scenario itself, so
    the heading can say what the scenario changed. Pure and deterministic: no clock, no file;
    the only date is the one in ``criteria.yaml``.
    """
    inputs = Inputs(result, provenance, detailed_options(result, limit))
    frame = result.appraisal.frame
    built = []
    for section in sections:
        data = section.build(inputs)
        if data is not None:
            built.append({"id": section.id, "title": section.title, "data": dict(data)})
    return {
        "title": frame.title,
        "organisation": frame.organisation or "",
        "decision": frame.decision or "",
        "date": long_date(frame.date) if frame.date else "",
        "date_iso": frame.date.isoformat() if frame.date else "",
        "scenario": result.scenario or "",
        "scenario_description": (scenario[1].description or "") if scenario else "",
        "scenario_changes": changes(*scenario) if scenario else [],
        "version": provenance.version,
        "sections": built,
        "section": {s["id"]: s["data"] for s in built},
    }

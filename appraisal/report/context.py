"""The report as an ordered list of sections, and the one function that builds its context.

A section is an id, a title and a builder (pure: :class:`~appraisal.report.base.Inputs` in,
plain data out). The templates render ``partials/<id>.md.j2`` or ``partials/<id>.html.j2``
for each section in turn, so adding a section takes one entry in :data:`SECTIONS` and one
partial per format (docs/report.md, Adding a section).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from appraisal.model.appraisal import Appraisal
from appraisal.model.scenario import Scenario
from appraisal.render.exempt import GROUNDS, RUNNING
from appraisal.render.sensitivity import settings_text
from appraisal.report.base import EXEMPT, MAX_DETAILED_OPTIONS, Inputs, detailed_options, long_date
from appraisal.report.equality import equality_section
from appraisal.report.frame import method, recommendation
from appraisal.report.options import discounted, options
from appraisal.report.panel import panel_section
from appraisal.report.provenance import FileDigest, Provenance, sha256sum_lines
from appraisal.report.regime import psr_section
from appraisal.report.scenario import changes
from appraisal.report.sensitivity import sensitivity_section
from appraisal.report.tables import finance, matrix, summary
from appraisal.report.timeline import timeline_section
from appraisal.report.unread import files_not_read
from appraisal.report.vfm import value_for_money_section
from appraisal.report.withhold import analyse, exposures, holds, secret_files, statements
from appraisal.scoring.weighted_sum import Result
from appraisal.text import OPTION_WORDS

Builder = Callable[[Inputs], Mapping[str, Any] | None]
"""Builds a section's data; None leaves the section out of this report."""


@dataclass(frozen=True)
class Section:
    id: str
    """Also the partial's name and the HTML anchor."""
    title: str
    build: Builder
    named_title: str = ""
    """The title where the options are tenders or providers, if it differs, with ``{options}`` and ``{Options}``
    for what they are called (docs/tenders.md, docs/psr.md)."""


CHECK = ("The fingerprint is worked out from the contents of every input file: if any file changes, even by "
         "one character, the fingerprint changes, so a fingerprint that matches shows that these are the files "
         "the figures came from. An analyst can work it out again by running this command in the appraisal "
         "folder (on Linux or macOS):")
CHECK_EACH = ("Each file's own fingerprint is listed below. Saved as a file named SHA256SUMS in the appraisal "
              "folder, the list can be checked with the command sha256sum -c SHA256SUMS.")


def provenance_section(inputs: Inputs) -> dict[str, Any]:
    """The technical annex: how the figures were made (the sensitivity's settings) and the
    version and fingerprints of the input files (see :mod:`appraisal.report.provenance`)."""
    p = inputs.provenance
    secret = secret_files(inputs.appraisal, inputs.hidden)
    files = [FileDigest(f.name, EXEMPT if holds(f.name, secret) else f.sha256) for f in p.files]
    withheld = any(f.sha256 == EXEMPT for f in files)
    settings = inputs.sensitivity.montecarlo.settings
    return {
        "annex": [
            "This annex records how the figures in this report were produced, so that anyone can check "
            "them later. It is meant for analysts and auditors; the committee need not read it.",
            "Sensitivity: the computer repeated the scoring many times (each time is a 'sample'), with "
            "the weights and scores varied at random within set limits, and counted how often each "
            f"{inputs.words.option} came first. The settings were: {settings_text(settings, inputs.words)} "
            "Starting from the same number (the seed) gives the same samples, so the figures can be "
            "reproduced exactly.",
        ],
        "check": CHECK,
        "check_each": CHECK_EACH,
        "version": p.version,
        "files": [{"name": f.name, "sha256": f.sha256} for f in files],
        "manifest": sha256sum_lines(files),
        "digest": EXEMPT if withheld else p.digest,
        "withheld": (f"The digests of the files that hold exempt figures, and the input digest over them all, "
                     f"are withheld ({GROUNDS}): with a guess at the rest of such a file, its digest would "
                     "confirm a guessed price. They are in the exempt appendix.") if withheld else "",
        "command": p.command,
        "templates": [{"name": f.name, "sha256": f.sha256} for f in p.templates],
    }


def exempt_notice(inputs: Inputs, withheld: frozenset[str], appendix: bool) -> dict[str, Any]:
    """What the report says at its head about exempt information: in the public report, whose
    cost figures it withholds, what else it withholds because it is worked out from them
    (:func:`appraisal.report.withhold.statements`) and why; in the exempt appendix, that it is
    not for publication."""
    result = inputs.result
    names = [o.name for o in result.appraisal.options if o.id in withheld]
    none = "no " + result.appraisal.words.option
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""
    if appendix:
        text = (f"Not for publication. This exempt appendix contains exempt information under the "
                f"{GROUNDS}: the cost figures of {listed or none}. It is for the committee "
                "to consider in private, with the press and public excluded.")
    elif names:
        text = (f"The cost figures of {listed} are exempt information under the {GROUNDS} "
                "(information about the financial or business affairs of a particular person). This "
                "report does not print them, nor any figure from which they could be worked out: each "
                "appears as 'exempt'. The scores, points and ranks use them as usual. The figures are "
                "in the exempt appendix, for the committee to consider in private. Withheld here:")
    else:
        text = ""
    listed_out = [] if appendix else statements(result, inputs.withheld, result.appraisal.words.option)
    return {"appendix": appendix, "options": names, "text": text, "withheld": listed_out,
            "exposed": exposures(result, analyse(result, withheld)) if appendix else [],
            "running": RUNNING if appendix else ""}


SECTIONS: tuple[Section, ...] = (
    Section("recommendation", "Recommendation", recommendation),
    Section("method", "Method", method),
    Section("psr", "The Provider Selection Regime", psr_section),
    Section("summary", "Summary of the options", summary, "Summary of the {options}"),
    Section("matrix", "Scoring matrix", matrix),
    Section("panel", "How the scores were reached", panel_section),
    Section("options", "The shortlisted options", options, "The {options} assessed"),
    Section("discounted", "Options not taken forward", discounted, "{Options} not taken forward"),
    Section("timeline", "After the award", timeline_section),
    Section("equality", "Equality impacts", equality_section),
    Section("finance", "Financial summary", finance),
    Section("value_for_money", "Value for money", value_for_money_section),
    Section("sensitivity", "Sensitivity", sensitivity_section),
    Section("not_read", "Files not read", files_not_read),
    Section("provenance", "Technical annex", provenance_section),
)
"""The appendix's sections in order (docs/report.md): how a panel reached the scores (only
when one did) after the scoring matrix; equality impacts (only when recorded) after the
options; the timeline after the award (only when criteria.yaml's award: gives a date) after the
tenders not taken forward; value for money after finance, then sensitivity."""


def build_context(
    result: Result,
    provenance: Provenance,
    *,
    sections: Sequence[Section] = SECTIONS,
    limit: int = MAX_DETAILED_OPTIONS,
    scenario: tuple[Appraisal, Scenario] | None = None,
    exempt: bool = False,
) -> dict[str, Any]:
    """The whole template context: the appraisal's heading and each section's data, in order.

    ``scenario`` is the appraisal before the scenario was applied and the scenario itself, so
    the heading can say what the scenario changed. Pure and deterministic: no clock, no file;
    the only date is the one in ``criteria.yaml``. ``exempt`` builds the exempt appendix, which
    prints the figures of options whose costs are exempt; the public report withholds them.
    """
    withheld = result.appraisal.exempt
    hidden = frozenset() if exempt else withheld
    inputs = Inputs(result, provenance, detailed_options(result, limit), hidden)
    frame = result.appraisal.frame
    words = result.appraisal.words
    built = []
    for section in sections:
        data = section.build(inputs)
        if data is not None:
            title = section.title
            if words != OPTION_WORDS and section.named_title:
                title = section.named_title.format(options=words.options, Options=words.options.capitalize())
            built.append({"id": section.id, "title": title, "data": dict(data)})
    return {
        "title": frame.title,
        "notice": frame.notice or "",
        "organisation": frame.organisation or "",
        "decision": frame.decision or "",
        "date": long_date(frame.date) if frame.date else "",
        "date_iso": frame.date.isoformat() if frame.date else "",
        "scenario": result.scenario or "",
        "scenario_description": (scenario[1].description or "") if scenario else "",
        "scenario_changes": changes(*scenario, hidden) if scenario else [],
        "exempt": exempt_notice(inputs, withheld, exempt),
        "noun": words.option.capitalize(),  # what a table's first column calls its rows
        "words": asdict(words),  # what the prose calls them (appraisal.text.Words)
        "version": provenance.version,
        "sections": built,
        "section": {s["id"]: s["data"] for s in built},
    }

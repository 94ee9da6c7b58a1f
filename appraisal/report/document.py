"""The committee appendix as a typed document (:mod:`appraisal.render.blocks`), for Word and PDF.

Built once from the report's context (:func:`appraisal.report.context.build_context`), the
same data the Markdown and HTML templates read, so the words and figures agree across
formats. What Markdown cannot carry is said here: which column of a table is a name, a
number, a rating or prose; which block is the recommendation, a caution or the exempt notice;
which tables share their column widths (each option's scores); what a figure's caption and
alt text are.

The sections with a builder in :data:`BUILDERS` are built as blocks; any other section (one
added later, or one whose Markdown partial an appraisal folder overrides, see
docs/report.md) is its Markdown partial read back as blocks, with its chart as a figure in
place of the paragraph that describes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from appraisal.render import blocks as b
from appraisal.render.blocks import Block, Callout, Heading, Paragraph, text
from appraisal.render.exempt import GROUNDS
from appraisal.report import document_sections as s
from appraisal.text import OPTION_WORDS

Data = Mapping[str, Any]
Words = Mapping[str, str]
Builder = Callable[[Data, Mapping[str, Any]], list[Block]]
ReadMarkdown = Callable[[Mapping[str, Any]], list[Block]]
"""Reads one section's Markdown partial as blocks (the caller renders it with the user's templates)."""

MARKING = f"NOT FOR PUBLICATION – exempt information under the {GROUNDS}"

BUILDERS: dict[str, Builder] = {
    "recommendation": s.recommendation,
    "summary": s.summary,
    "matrix": s.matrix,
    "options": s.options,
    "timeline": s.timeline,
    "equality": s.equality,
    "provenance": s.annex,
}


def heading(context: Mapping[str, Any]) -> list[Block]:
    """The title, the exempt notice and the appraisal's particulars."""
    title = str(context["title"])
    if context.get("scenario"):
        title += f" (scenario: {context['scenario']})"
    exempt = context.get("exempt") or {}
    if exempt.get("appendix"):
        title += " (exempt appendix: not for publication)"
    out: list[Block] = [Heading(1, text(title))]
    if context.get("notice"):  # criteria.yaml's notice: an illustrative example's, a draft's
        out.append(Callout("note", str(context["notice"])))
    if exempt.get("text"):
        out.append(Callout("exempt", "Exempt information", (Paragraph(text(exempt["text"])),)))
    for label, key in (("Organisation", "organisation"), ("Date", "date"), ("Decision sought", "decision")):
        if context.get(key):
            out.append(Paragraph((b.Run(f"{label}: ", bold=True), b.Run(str(context[key]))), "bullet"))
    if context.get("scenario"):
        out.append(Paragraph((b.Run("Scenario: ", bold=True),
                              b.Run(f"{context['scenario']}: the figures include this scenario's changes")),
                             "bullet"))
    if context.get("scenario_description") or context.get("scenario_changes"):
        out.append(Paragraph((b.Run("What this scenario changes. ", bold=True),
                              b.Run(str(context.get("scenario_description") or "")))))
        out += [Paragraph(text(str(change)), "bullet") for change in context.get("scenario_changes") or ()]
    return out


def _with_figure(found: list[Block], data: Data, words: Words) -> list[Block]:
    """A Markdown section's blocks with its chart in place of the paragraph describing it."""
    chart, alt = data.get("chart"), " ".join(str(data.get("chart_description") or "").split())
    if not isinstance(chart, Mapping) or not alt:
        return found
    figure = b.Figure(chart, s.caption(data, words), alt)
    for i, block in enumerate(found):
        if isinstance(block, Paragraph) and alt in " ".join(b.plain(block.runs).split()):
            return [*found[:i], figure, *found[i + 1:]]
    return [*found, figure]


def build_document(context: Mapping[str, Any], read_markdown: ReadMarkdown,
                   overridden: Sequence[str] = ()) -> b.Document:
    """The appendix as blocks; the sections in ``overridden`` (ids) from their Markdown."""
    found = heading(context)
    words: Words = context.get("words") or asdict(OPTION_WORDS)
    for section in context["sections"]:
        found.append(Heading(2, text(str(section["title"])), annex=section["id"] == "provenance"))
        build = BUILDERS.get(section["id"])
        if build is None or section["id"] in overridden:
            found += _with_figure(read_markdown(section), section["data"], words)
        else:
            found += build(section["data"], context)
    exempt = (context.get("exempt") or {}).get("appendix")
    subject = (MARKING if exempt else "", str(context.get("decision") or ""))
    return b.Document(title=str(context["title"]) + (" (exempt appendix)" if exempt else ""),
                      subject=". ".join(x for x in subject if x),
                      author=str(context.get("organisation") or ""),
                      keywords="; ".join(k for k in (words.get("exercise", ""),
                                                     "NOT FOR PUBLICATION" if exempt else "") if k),
                      marking=MARKING if exempt else "", blocks=tuple(found))


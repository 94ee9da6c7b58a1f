"""The committee appendix as a Word document: the Markdown appendix typeset, with its charts.

One source of content, three renderers: the words come from the same report context through
the same Markdown templates (bundled, or an appraisal folder's own), so a section added to
the report appears in Word without code here. Each chart the context describes (a section's
``data.chart`` with its ``data.chart_description``) becomes a PNG picture with that
description as alt text and caption, in place of the Markdown's paragraph that carries the
description, or at the end of its section. See docs/report.md.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from appraisal.errors import InputError, Problem
from appraisal.render.word import document as d
from appraisal.render.word.markdown import Block, Code, Heading, Paragraph, Table, parse, plain
from appraisal.text import OPTION_WORDS

if TYPE_CHECKING:
    from docx.document import Document


def chart_title(kind: str, option: str) -> str:
    """A chart's title when its section names none (as the HTML report's SVG titles them);
    ``option`` is what the report calls an option (:class:`appraisal.text.Words`)."""
    if kind == "bars":
        return f"Total points of each {option}, split by top-level criterion"
    return f"Cost and points of each {option}, with the efficiency frontier"


def _words(context: Mapping[str, Any]) -> Mapping[str, str]:
    """The context's words (``appraisal.text.Words`` as a mapping); an options appraisal's when it has none."""
    words: Mapping[str, str] = context.get("words") or asdict(OPTION_WORDS)
    return words


@dataclass(frozen=True)
class Chart:
    section: str
    """The title of the section it belongs to."""
    title: str
    description: str
    png: bytes


def _squash(text: str) -> str:
    return " ".join(text.split())


def chart_pictures(context: Mapping[str, Any]) -> list[Chart]:
    """Every chart the report context lays out, as a picture, in section order."""
    from appraisal.render.word.charts import chart_png

    found = []
    for section in context["sections"]:
        data = section["data"]
        chart, description = data.get("chart"), data.get("chart_description")
        if not isinstance(chart, Mapping) or not description:
            continue
        png = chart_png(chart)
        if png is None:
            continue
        kind = "bars" if "bars" in chart else "markers"
        title = data.get("chart_title") or chart_title(kind, _words(context)["option"])
        found.append(Chart(section["title"], title, _squash(str(description)), png))
    return found


def open_reference(reference: tuple[str, bytes] | None) -> Document:
    """The council's document to take styles, headers, footers and page set-up from, emptied.

    Without one, python-docx's own template. ``reference`` is the name to show and the bytes.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if reference is None:
        from appraisal.render.word.document import page_a4

        doc = docx.Document()
        page_a4(doc)
        return doc
    shown, data = reference
    try:
        doc = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError, KeyError, SyntaxError, OSError) as exc:
        if isinstance(exc, zipfile.BadZipFile | PackageNotFoundError):
            why = "it is not a Word document (.docx)"
        else:
            why = f"Word's format could not be read from it ({exc})"
        raise InputError([Problem(shown, 1, 1, f"--reference-doc: {why}: open it in Word or "
                                  "LibreOffice and save it as a Word Document (.docx), then give "
                                  "that file")]) from None
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


def context_date(context: Mapping[str, Any]) -> dt.date | None:
    """The appraisal's date (``date:`` in criteria.yaml), which the files are stamped with."""
    iso = context.get("date_iso")
    return dt.date.fromisoformat(iso) if iso else None


def render_docx(context: Mapping[str, Any], markdown: str, *, appendix: str = "",
                reference: tuple[str, bytes] | None = None) -> bytes:
    """The Word document's bytes: ``markdown`` (the appendix rendered from ``context``) typeset."""
    from appraisal.render.word.package import normalise

    doc = open_reference(reference)
    d.set_properties(doc, title=str(context["title"]), subject=str(context.get("decision", "")),
                     author=str(context.get("organisation") or "appraise"),
                     date=context_date(context), version=str(context.get("version", "")),
                     keywords=_words(context)["exercise"])
    styles = d.styles_of(doc)
    d.add_footer(doc, styles, appendix)
    _typeset(doc, styles, parse(markdown), chart_pictures(context))
    out = io.BytesIO()
    doc.save(out)
    return normalise(out.getvalue())


def _wide_sections(blocks: list[Block], room_cm: float) -> set[str]:
    """The sections with a table too wide for the page: they are set in landscape."""
    from appraisal.render.word.document import too_wide

    wide, section = set(), ""
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 2:
            section = plain(block.runs)
        elif isinstance(block, Table) and section and too_wide(block, room_cm):
            wide.add(section)
    return wide


def _typeset(doc: Document, styles: d.Styles, blocks: list[Block], pending: list[Chart]) -> None:
    """Add the blocks to ``doc``, each chart where its description is, else at its section's end."""
    section, outline, number = "", 0, 0
    placed: set[int] = set()
    wide = _wide_sections(blocks, d.text_width(doc) / d.EMU_PER_CM)

    def flush(title: str) -> None:
        for i, chart in enumerate(pending):
            if i not in placed and chart.section == title:
                d.add_chart(doc, styles, chart.png, chart.title, chart.description)
                placed.add(i)

    for block in blocks:
        if isinstance(block, Heading):
            if block.level <= 2:
                flush(section)
                section = plain(block.runs)
                d.turn_page(doc, landscape=section in wide)
            outline = d.add_heading(doc, styles, block, outline)
        elif isinstance(block, Table):
            d.add_table(doc, styles, block)
        elif isinstance(block, Code):
            d.add_code(doc, block)
        elif isinstance(block, Paragraph):
            number = number + 1 if block.kind == "number" else 0
            text = _squash(plain(block.runs))
            match = next((i for i, c in enumerate(pending)
                          if i not in placed and c.section == section and c.description in text), None)
            if match is None:
                d.add_paragraph(doc, styles, block, number)
            else:
                chart = pending[match]
                d.add_chart(doc, styles, chart.png, chart.title, chart.description)
                placed.add(match)
    flush(section)

"""The committee appendix (or an assessment summary) as a Word document.

What it lays out is a typed document (:mod:`appraisal.render.blocks`): built by the report
from its context (:mod:`appraisal.report.document`), or read from Markdown where the words
come from a Markdown template (:func:`markdown_document`). The layout is :mod:`.layout`
(sections, pages) and :mod:`.tables` (column widths measured with the font). Building blocks
other documents may use: :func:`open_reference`, :func:`render_docx`, and
:class:`~appraisal.render.word.layout.Typesetter` (``add`` lays out one block). See docs/report.md.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from appraisal.render import blocks
from appraisal.render.word import document as d
from appraisal.render.word.layout import Typesetter
from appraisal.render.word.markdown import parse
from appraisal.text import OPTION_WORDS

if TYPE_CHECKING:
    from docx.document import Document


def _words(context: Mapping[str, Any]) -> Mapping[str, str]:
    """The context's words (``appraisal.text.Words`` as a mapping); an options appraisal's when it has none."""
    words: Mapping[str, str] = context.get("words") or asdict(OPTION_WORDS)
    return words


def open_reference(reference: tuple[str, bytes] | None) -> Document:
    """The council's document to take styles, headers, footers and page set-up from, emptied
    (and nothing else: :mod:`appraisal.render.word.reference`).

    Without one, python-docx's own template. ``reference`` is the name to show and the bytes.
    """
    import docx

    if reference is None:
        import io

        return docx.Document(io.BytesIO(_blank()))
    from appraisal.render.word.reference import open_reference as styles_of_reference

    doc = styles_of_reference(*reference)
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return doc


@functools.cache
def _blank() -> bytes:
    """python-docx's own template on A4 in :data:`~appraisal.render.word.document.FONT`, made
    once in a process (a process making Word summaries starts each from it)."""
    import io

    import docx

    from appraisal.render.word.layout import table_size
    from appraisal.render.word.tables import cell_styles

    doc = docx.Document()
    d.page_a4(doc)
    d.default_font(doc, d.FONT)
    styles = d.styles_of(doc)
    cell_styles(doc, table_size(d.body_size(doc, styles)), styles)  # the table cells' styles, made once
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def context_date(context: Mapping[str, Any]) -> dt.date | None:
    """The appraisal's date (``date:`` in criteria.yaml), which the files are stamped with."""
    iso = context.get("date_iso")
    return dt.date.fromisoformat(iso) if iso else None


def render_docx(document: blocks.Document, *, date: dt.date | None = None, version: str = "",
                appendix: str = "", reference: tuple[str, bytes] | None = None,
                progress: Callable[[int, int], None] | None = None) -> bytes:
    """The Word document's bytes: ``document`` laid out, in the reference document's styles.

    ``progress`` is told how many blocks are laid out of how many, as the work goes on.
    """
    doc = open_reference(reference)
    d.set_properties(doc, document, date=date, version=version)
    styles = d.styles_of(doc)
    if document.marking:
        d.add_marking(doc, styles, document.marking)
    d.add_footer(doc, styles, appendix)
    typesetter = Typesetter(doc, styles)
    typesetter.run(document.blocks, progress)
    return typesetter.save({"Marking": document.marking} if document.marking else None)


def markdown_document(context: Mapping[str, Any], markdown: str) -> blocks.Document:
    """A document whose words come from Markdown (a user's own template)."""
    return blocks.Document(title=str(context["title"]), subject=str(context.get("decision", "")),
                           author=str(context.get("organisation") or ""),
                           keywords=_words(context)["exercise"], blocks=tuple(parse(markdown)))

"""The moderation pack as a Word document to circulate before the meeting (docs/panel.md).

The same content, in the same order, as the HTML pack (``templates/moderation.html.j2``), from
:class:`appraisal.render.meeting.Meeting`: real heading styles, tables with a header row that
repeats on each page (:func:`appraisal.render.word.document.add_table`), the document's title
and language set, the marking OFFICIAL-SENSITIVE in every page's header and the page number in
its footer; the same appraisal gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from appraisal.render.meeting import Meeting
from appraisal.render.word import document as d
from appraisal.render.word.markdown import Run, Table

if TYPE_CHECKING:
    import datetime as dt

    from docx.document import Document

MARKING = "OFFICIAL-SENSITIVE"


def _cells(values: Sequence[str]) -> tuple[tuple[Run, ...], ...]:
    return tuple((Run(v),) for v in values)


def _table(doc: Document, styles: d.Styles, header: Sequence[str], rows: Sequence[Sequence[str]],
           right: Sequence[int] = ()) -> None:
    d.add_table(doc, styles, Table(_cells(header), tuple(_cells(r) for r in rows),
                                   tuple(i in right for i in range(len(header)))))


def _heading(doc: Document, styles: d.Styles, text: str, level: int) -> None:
    paragraph = doc.add_paragraph(text, style=styles.get(f"Heading {level}"))
    paragraph.paragraph_format.keep_with_next = True


def _para(doc: Document, text: str, lead: str = "") -> None:
    paragraph = doc.add_paragraph()
    if lead:
        paragraph.add_run(lead + " ").bold = True
    paragraph.add_run(text)


def _marking(doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    header = doc.sections[0].header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(MARKING).bold = True


def to_docx(m: Meeting, date: dt.date | None, version: str) -> bytes:
    """The pack's Word document."""
    import docx

    from appraisal.render.word.package import normalise

    doc = docx.Document()
    d.page_a4(doc)
    d.set_properties(doc, title=f"Moderation pack: {m.title}", subject="Moderation pack",
                     author=m.organisation or "appraise", date=date, version=version,
                     keywords=f"moderation, {MARKING}")
    styles = d.styles_of(doc)
    _marking(doc)
    d.add_footer(doc, styles, "Moderation pack")
    doc.add_paragraph("Moderation pack", style=styles.get("Title"))
    _para(doc, m.title, "Appraisal:")
    if m.organisation:
        _para(doc, m.organisation, "Organisation:")
    if m.date:
        _para(doc, m.date, "Date:")
    _para(doc, m.summary, "Items:")
    for sentence in m.chair:
        _para(doc, sentence, "For the chair: a declared interest.")
    _heading(doc, styles, "The panel", 1)
    _table(doc, styles, ["Assessor", "Role", "Interests declared", "Names", "Scores given", "Offset"],
           [[p.name, p.role, p.interests, p.interested_in, p.scored, p.offset] for p in m.people], (4, 5))
    _para(doc, (f"“Names” lists the {m.noun.lower()}s a declaration names, by name or supplier. The offset is "
                "how far an assessor's scores sat, on average, from the panel's median, as a share of the "
                "scale: positive for a generous marker, negative for a harsh one."))
    _heading(doc, styles, "Divergent scores: to discuss", 1)
    if not m.divergent:
        _para(doc, "The panel's scores diverge on no item.")
    for n, item in enumerate(m.divergent, 1):
        _heading(doc, styles, f"{n}. {item.heading}", 2)
        if item.interest:
            _para(doc, item.interest, "For the chair:")
        _para(doc, f"{item.facts} Agreed: {item.agreed}." + (f" {item.flags}." if item.flags else ""))
        _table(doc, styles, ["Assessor", "Score", "Rationale"], [list(v) for v in item.views], (1,))
    _heading(doc, styles, "Close scores: to agree", 1)
    if m.close:
        _para(doc, "The assessors' scores differ by less than counts as divergent, or the agreed score lies "
                   "outside them.")
        _table(doc, styles, [m.noun, "Criterion", "Scores", "Median", "Agreed", "Notes"],
               [[r.option, r.criterion, r.scores, r.median, r.agreed, " ".join(t for t in (r.flags, r.interest) if t)]
                for r in m.close], (3, 4))
    else:
        _para(doc, "None.")
    _heading(doc, styles, "Scores every assessor gave alike: to nod through", 1)
    if m.unanimous:
        _para(doc, f"On these items every assessor who scored gave the same score. The chair may take each "
                   f"{m.noun.lower()}'s together.")
    else:
        _para(doc, "None.")
    for group in m.unanimous:
        _heading(doc, styles, group.option, 2)
        if group.interest:
            _para(doc, group.interest, "For the chair:")
        _table(doc, styles, ["Criterion", "Score given", "Agreed"], [list(r) for r in group.rows], (1, 2))
    last = doc.paragraphs[-1]
    if not last.text:  # the space add_table leaves after the last table would start a blank page
        last._p.getparent().remove(last._p)
    out = io.BytesIO()
    doc.save(out)
    return normalise(out.getvalue())

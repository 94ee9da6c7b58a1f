"""The moderation pack as a Word document to circulate before the meeting (docs/panel.md).

The same content, in the same order, as the HTML pack (``templates/moderation.html.j2``), from
:class:`appraisal.render.meeting.Meeting`, built as the typed document every Word output is
laid out from (:mod:`appraisal.render.blocks`, :func:`appraisal.render.word.render_docx`):
real headings, tables whose columns are typed (names, numbers, prose) and whose header row
repeats on each page, the declarations of interest as callouts, OFFICIAL-SENSITIVE in every
page's running header and the page number in its footer; the same appraisal gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from appraisal.render import blocks as b
from appraisal.render.meeting import Meeting

if TYPE_CHECKING:
    import datetime as dt

MARKING = "OFFICIAL-SENSITIVE"


def _table(columns: Sequence[tuple[str, b.ColumnKind]], rows: Sequence[Sequence[str]], caption: str) -> b.Table:
    return b.Table(tuple(b.Column(h, k) for h, k in columns), tuple(tuple(b.cell(v) for v in r) for r in rows),
                   caption)


def _para(text: str, lead: str = "") -> b.Paragraph:
    return b.Paragraph(((b.Run(lead + " ", bold=True),) if lead else ()) + (b.Run(text),))


def _heading(text: str, level: int) -> b.Heading:
    return b.Heading(level, b.text(text))


def document(m: Meeting) -> b.Document:
    """The pack as a typed document."""
    out: list[b.Block] = [_heading("Moderation pack", 1), _para(m.title, "Appraisal:")]
    if m.notice:
        out.append(b.Callout("note", m.notice))
    if m.organisation:
        out.append(_para(m.organisation, "Organisation:"))
    if m.date:
        out.append(_para(m.date, "Date:"))
    out.append(_para(m.summary, "Items:"))
    out += [b.Callout("caution", "For the chair: a declared interest.", (_para(s),)) for s in m.chair]
    out += [_heading("The panel", 2), _table(
        [("Assessor", "name"), ("Role", "prose"), ("Interests declared", "prose"), ("Names", "name"),
         ("Scores given", "number"), ("Offset", "number")],
        [[p.name, p.role, p.interests, p.interested_in, p.scored, p.offset] for p in m.people],
        "The assessors, their declarations of interest and the scores each gave"),
        _para(f"“Names” lists the {m.noun.lower()}s a declaration names, by name or supplier. The offset is "
              "how far an assessor's scores sat, on average, from the panel's median, as a share of the "
              "scale: positive for a generous marker, negative for a harsh one.")]
    out.append(_heading("Divergent scores: to discuss", 2))
    if not m.divergent:
        out.append(_para("The panel's scores diverge on no item."))
    for n, item in enumerate(m.divergent, 1):
        out.append(_heading(f"{n}. {item.heading}", 3))
        if item.interest:
            out.append(b.Callout("caution", "For the chair:", (_para(item.interest),)))
        out.append(_para(f"{item.facts} Agreed: {item.agreed}." + (f" {item.flags}." if item.flags else "")))
        out.append(_table([("Assessor", "name"), ("Score", "number"), ("Rationale", "prose")],
                          [list(v) for v in item.views], f"Each assessor's score and rationale: {item.heading}"))
    out.append(_heading("Close scores: to agree", 2))
    if m.close:
        out.append(_para("The assessors' scores differ by less than counts as divergent, or the agreed score "
                         "lies outside them."))
        out.append(_table([(m.noun, "name"), ("Criterion", "name"), ("Scores", "prose"), ("Median", "number"),
                           ("Agreed", "number"), ("Notes", "prose")],
                          [[r.option, r.criterion, r.scores, r.median, r.agreed,
                            " ".join(t for t in (r.flags, r.interest) if t)] for r in m.close], "Close scores"))
    else:
        out.append(_para("None."))
    out.append(_heading("Scores every assessor gave alike: to nod through", 2))
    out.append(_para(f"On these items every assessor who scored gave the same score. The chair may take each "
                     f"{m.noun.lower()}'s together.") if m.unanimous else _para("None."))
    for group in m.unanimous:
        out.append(_heading(group.option, 3))
        if group.interest:
            out.append(b.Callout("caution", "For the chair:", (_para(group.interest),)))
        out.append(_table([("Criterion", "name"), ("Score given", "number"), ("Agreed", "number")],
                          [list(r) for r in group.rows], group.option))
    return b.Document(f"Moderation pack: {m.title}", tuple(out), subject="Moderation pack",
                      author=m.organisation or "appraise", keywords=f"moderation, {MARKING}", marking=MARKING)


def to_docx(m: Meeting, date: dt.date | None, version: str) -> bytes:
    """The pack's Word document."""
    from appraisal.render.word import render_docx

    return render_docx(document(m), date=date, version=version, appendix="Moderation pack")

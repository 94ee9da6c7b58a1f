"""An assessment summary (a letter) as the typed document the Word renderer lays out
(:mod:`appraisal.render.blocks`): the same words as its Markdown and HTML
(:mod:`appraisal.report.summaries` makes them), with what a typesetter needs to know: which
column is a reference, a name, a figure, a score or prose."""

from __future__ import annotations

from appraisal.render import blocks as b
from appraisal.report.summaries import Summary, TenderAssessment

CRITERIA_COLUMNS = (b.Column("Ref", "ref"), b.Column("Criterion", "name"), b.Column("Weight", "number"),
                    b.Column("Points available", "number"), b.Column("Threshold", "number"),
                    b.Column("How it was scored", "prose"))
SCORE_COLUMNS = (b.Column("Ref", "ref"), b.Column("Criterion", "name"), b.Column("Score", "rating"),
                 b.Column("Points", "number"), b.Column("Out of", "number"), b.Column("Explanation", "prose"))


def _paragraph(text: str) -> b.Paragraph:
    return b.Paragraph(b.text(text))


def _scores(t: TenderAssessment) -> b.Table:
    rows = [tuple(b.cell(v) for v in (line.ref, line.name, line.score, line.points, line.available, line.explanation))
            for line in t.lines]
    rows.append((b.cell(""), b.cell("Total", bold=True), b.cell(""), b.cell(t.total, bold=True),
                 b.cell("100", bold=True), b.cell("")))
    return b.Table(SCORE_COLUMNS, tuple(rows), family="scores")


def document(s: Summary) -> b.Document:
    """The summary's blocks, in the order of its Markdown (templates/summary.md.j2)."""
    out: list[b.Block] = [b.Heading(1, b.text(s.title))]
    if s.notice:
        out.append(b.Paragraph((b.Run(s.notice, italic=True),)))
    out += [b.Paragraph((b.Run(f"{label}: ", bold=True), b.Run(value)), "bullet") for label, value in s.heading]
    out += [_paragraph(s.intro), b.Heading(2, b.text("Outcome")), _paragraph(s.outcome),
            b.Heading(2, b.text("Standstill")), *(_paragraph(line) for line in s.standstill),
            b.Heading(2, b.text("The award criteria and how they were scored")),
            _paragraph("Each criterion's weight is its share of the total of 100 points."),
            b.Table(CRITERIA_COLUMNS, tuple(
                tuple(b.cell(v) for v in (c.ref, c.name, c.weight, c.available, c.threshold or "none", c.method))
                for c in s.criteria))]
    if any(c.threshold for c in s.criteria):
        out.append(_paragraph(s.threshold_note))
    out += [b.Heading(2, b.text(s.own_heading)), _scores(s.tender)]
    if s.winner is not None:
        out += [b.Heading(2, b.text(s.winner_heading)), _paragraph(s.winner_line), _scores(s.winner)]
    return b.Document(title=s.title, subject=s.tender.supplier.name, author=s.author,
                      keywords=s.words.exercise, blocks=tuple(out))

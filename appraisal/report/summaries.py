"""The words of each supplier's assessment summary: the award criteria, how each was scored,
and the assessments its plan (:func:`appraisal.analysis.summaries.plans`) says it holds
(docs/tenders.md), and the file each is written as: Markdown, HTML, or the Markdown typeset
as a Word document by the report's renderer (:mod:`appraisal.render.word`), so the three
formats hold the same words."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from typing import TYPE_CHECKING

from appraisal.analysis.summaries import plans
from appraisal.model.option import Option, Supplier
from appraisal.report.base import criterion_refs, figure_text, gate_names
from appraisal.report.frame import value_function_words
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult, Result
from appraisal.text import TENDER_WORDS, number, percent, points

if TYPE_CHECKING:
    from jinja2 import Template

EXTENSIONS = {"markdown": "md", "html": "html", "docx": "docx"}
TEMPLATES = {"markdown": "summary.md.j2", "html": "summary.html.j2"}


@dataclass(frozen=True)
class CriterionRule:
    """One award criterion as every supplier reads it: its weight and how it was scored."""

    ref: str
    name: str
    depth: int
    weight: str
    """Its share of the whole evaluation, as a percentage."""
    available: str
    """The points it can add to a total out of 100."""
    method: str
    """How it was scored, in words: the scale and its labels, or the formula."""
    threshold: str | None


@dataclass(frozen=True)
class ScoreLine:
    """One tender on one criterion: its score, the points it earned, and why."""

    ref: str
    name: str
    depth: int
    score: str
    """The score on the scale (``3 of 5, Good``), the measured figure, or a sub-total."""
    points: str
    available: str
    explanation: str


@dataclass(frozen=True)
class TenderAssessment:
    """One tender's assessment: every score with its explanation, its total and outcome."""

    id: str
    supplier: Supplier
    lines: tuple[ScoreLine, ...]
    total: str
    rank: int | None
    failed: tuple[str, ...]
    """The names of the gates (thresholds included) the tender failed: why it was disqualified."""


@dataclass(frozen=True)
class Summary:
    """One supplier's assessment summary."""

    id: str
    title: str
    organisation: str | None
    tender: TenderAssessment
    successful: bool
    criteria: tuple[CriterionRule, ...]
    winner: TenderAssessment | None
    """The most advantageous tender, for an unsuccessful supplier (None in the winner's own)."""
    notice: str | None = None
    """criteria.yaml's notice (an illustrative example's), shown under the title."""


def _method(c: CriterionInfo, currency: str) -> str:
    if c.children:
        return "The weighted sum of its sub-criteria."
    if c.measure is not None:
        return value_function_words(c, currency, TENDER_WORDS)
    assert c.scale is not None
    labels = "; ".join(f"{k} {v}" for k, v in sorted(c.scale.labels.items()))
    return (f"Scored by the evaluation panel from {number(c.scale.min)} to {number(c.scale.max)}"
            + (f" ({labels})" if labels else "")
            + "; the points earned are the score's share of the scale times the criterion's points.")


def _rules(result: Result) -> tuple[CriterionRule, ...]:
    refs = criterion_refs(result)
    thresholds = {c.id: c.threshold for c in result.appraisal.frame.all_criteria()}
    currency = result.appraisal.frame.currency
    return tuple(
        CriterionRule(refs[c.id], c.name, c.depth, percent(c.weight), points(c.weight * 100),
                      _method(c, currency),
                      None if thresholds[c.id] is None else number(thresholds[c.id]))
        for c in result.criteria
    )


def _line(result: Result, tender: OptionResult, option: Option, c: CriterionInfo, ref: str) -> ScoreLine:
    cell = tender.cells[c.id]
    if c.children:
        score, why = "sub-total", ""
    elif c.measure is not None:
        assert cell.measure is not None
        shown = figure_text(c.measure, cell.measure, result.appraisal.frame.currency)
        score, why = shown, f"Worked out from the tender's figure of {shown} by the formula above."
    else:
        assert c.scale is not None and cell.score is not None
        label = c.scale.label(cell.score)
        score = f"{number(cell.score)} of {number(c.scale.max)}" + (f", {label}" if label else "")
        why = option.scores[c.id].rationale or ""
    return ScoreLine(ref, c.name, c.depth, score, points(cell.contribution), points(c.weight * 100), why)


def assessment(result: Result, tender: OptionResult, option: Option) -> TenderAssessment:
    """One tender's scores, explanations, sub-totals, total and outcome (``option``: its file)."""
    refs = criterion_refs(result)
    names = gate_names(result.appraisal)
    assert option.supplier is not None
    return TenderAssessment(
        tender.id, option.supplier, tuple(_line(result, tender, option, c, refs[c.id]) for c in result.criteria),
        points(tender.total), tender.rank, tuple(names.get(g, g) for g in tender.failed_gates),
    )


def summaries(result: Result) -> tuple[Summary, ...]:
    """Every assessed tender's summary, in option id order.

    Each tender's assessment is built once (the most advantageous one is in every unsuccessful
    supplier's summary), with its option and result found by id, not by a search of them all.
    """
    frame = result.appraisal.frame
    options = {o.id: o for o in result.appraisal.shortlisted}
    tenders = {o.id: o for o in result.options}
    every = plans(result)
    assessed: dict[str, TenderAssessment] = {}
    for plan in every:
        for i in plan.shows:
            if i not in assessed:
                assessed[i] = assessment(result, tenders[i], options[i])
    rules = _rules(result)
    return tuple(
        Summary(p.recipient, frame.title, frame.organisation, assessed[p.shows[0]], p.successful, rules,
                assessed[p.shows[1]] if len(p.shows) > 1 else None, frame.notice)
        for p in every
    )


@cache
def _template(source: str) -> Template:
    """The bundled summary template for ``source`` (markdown or html), compiled once per run."""
    from appraisal.render.jinja import UserTemplates, environment

    return environment(source, UserTemplates()).get_template(TEMPLATES[source])


def summary_file(summary: Summary, fmt: str, version: str) -> bytes:
    """The summary's file in ``fmt`` (markdown, html or docx)."""
    source = "markdown" if fmt == "docx" else fmt
    text = _template(source).render(s=summary)
    if fmt != "docx":
        return text.encode("utf-8")
    from appraisal.render.word import markdown_document, render_docx

    context: dict[str, object] = {"title": f"Assessment summary: {summary.title}",
                                  "decision": summary.tender.supplier.name,
               "organisation": summary.organisation, "date_iso": None, "version": version, "sections": [],
               "words": asdict(TENDER_WORDS)}
    return render_docx(markdown_document(context, text), version=version)

"""The words of each supplier's assessment summary: the letter it is (its date, reference,
contact and the standstill), the award criteria, how each was scored, and the assessments its
plan (:func:`appraisal.analysis.summaries.plans`) says it holds (docs/tenders.md); and the file
each is written as: Markdown or HTML from a template, or a Word document laid out from the
typed document (:mod:`appraisal.report.summary_document`). Every sentence is made here, once,
so the three formats hold the same words.

Under the NHS Provider Selection Regime (``regime: psr``) the letters go to the providers whose
offers were not chosen, in the Regulations' words (:data:`appraisal.text.PSR_WORDS`: the
provider, its offer, the most suitable provider), with the
standstill of its regulation 12."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from appraisal.analysis.summaries import plans
from appraisal.check.standstill import Standstill
from appraisal.model.option import Option, Supplier
from appraisal.render.standstill import day_in_words
from appraisal.report.base import criterion_refs, figure_text, gate_names
from appraisal.report.frame import value_function_words
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult, Result
from appraisal.text import Words, bid, number, percent, points, vocabulary

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
class Letter:
    """What makes the summaries letters, the same in each (``award:`` in criteria.yaml)."""

    date: dt.date
    """The day they are sent: award.summaries_sent, or ``--date``."""
    reference: str
    contact: str
    """Whom to contact about the award, and how."""
    sender: str | None
    """The buyer (award.buyer), else the organisation."""
    standstill: Standstill | None
    """Worked out from the day the notice is published, once that is known."""
    regime: str


@dataclass(frozen=True)
class Summary:
    """One supplier's assessment summary, as a letter: its words ready to be laid out."""

    id: str
    title: str
    """The letter's heading."""
    tender: TenderAssessment
    successful: bool
    criteria: tuple[CriterionRule, ...]
    winner: TenderAssessment | None
    """The most advantageous tender, for an unsuccessful supplier (None in the winner's own)."""
    words: Words
    own_heading: str
    heading: tuple[tuple[str, str], ...]
    """The letter's heading lines as (label, value): to, identifier, address, email, from, date,
    reference, contact."""
    intro: str
    outcome: str
    standstill: tuple[str, ...]
    """What the standstill is and, once the notice's day is known, its dates."""
    threshold_note: str
    winner_heading: str
    winner_line: str
    date: dt.date
    author: str
    notice: str | None = None
    """criteria.yaml's notice (an illustrative example's), shown under the title."""


def _method(c: CriterionInfo, currency: str, words: Words) -> str:
    if c.children:
        return "The weighted sum of its sub-criteria."
    if c.measure is not None:
        return value_function_words(c, currency, words)
    assert c.scale is not None
    labels = "; ".join(f"{k} {v}" for k, v in sorted(c.scale.labels.items()))
    return (f"Scored by the evaluation panel from {number(c.scale.min)} to {number(c.scale.max)}"
            + (f" ({labels})" if labels else "")
            + "; the points earned are the score's share of the scale times the criterion's points.")


def _rules(result: Result, words: Words) -> tuple[CriterionRule, ...]:
    refs = criterion_refs(result)
    thresholds = {c.id: c.threshold for c in result.appraisal.frame.all_criteria()}
    currency = result.appraisal.frame.currency
    return tuple(
        CriterionRule(refs[c.id], c.name, c.depth, percent(c.weight), points(c.weight * 100),
                      _method(c, currency, words),
                      None if thresholds[c.id] is None else number(thresholds[c.id]))
        for c in result.criteria
    )


def _line(result: Result, tender: OptionResult, option: Option, c: CriterionInfo, ref: str, words: Words) -> ScoreLine:
    cell = tender.cells[c.id]
    if c.children:
        score, why = "sub-total", ""
    elif c.measure is not None:
        assert cell.measure is not None
        shown = figure_text(c.measure, cell.measure, result.appraisal.frame.currency)
        score, why = shown, f"Worked out from the {bid(words)}'s figure of {shown} by the formula above."
    else:
        assert c.scale is not None and cell.score is not None
        label = c.scale.label(cell.score)
        score = f"{number(cell.score)} of {number(c.scale.max)}" + (f", {label}" if label else "")
        why = option.scores[c.id].rationale or ""
    return ScoreLine(ref, c.name, c.depth, score, points(cell.contribution), points(c.weight * 100), why)


def assessment(result: Result, tender: OptionResult, option: Option, words: Words) -> TenderAssessment:
    """One tender's scores, explanations, sub-totals, total and outcome (``option``: its file)."""
    refs = criterion_refs(result)
    names = gate_names(result.appraisal)
    assert option.supplier is not None
    return TenderAssessment(
        tender.id, option.supplier,
        tuple(_line(result, tender, option, c, refs[c.id], words) for c in result.criteria),
        points(tender.total), tender.rank, tuple(names.get(g, g) for g in tender.failed_gates),
    )


LAW = {
    "procurement_act": (
        "This is the assessment summary of your tender that section 50 of the Procurement Act 2023 requires "
        "before the contract is awarded; regulation 31 of the Procurement Regulations 2024 says what it holds: "
        "the award criteria and their relative importance, how each was scored, your tender's score on each "
        "with an explanation"),
    "psr": (
        "This letter tells you the outcome of the competitive process for this contract, run under regulation 11 "
        "of the Health Care Services (Provider Selection Regime) Regulations 2023, and the reasons for the "
        "decision: the contract award criteria (the key criteria among them) and their relative importance, "
        "how each was scored, your offer's score on each with an explanation"),
}


def _heading(s: TenderAssessment, letter: Letter, w: Words) -> tuple[tuple[str, str], ...]:
    supplier = s.supplier
    lines = [("To", supplier.name), (f"{w.provider.capitalize()} identifier", supplier.identifier or ""),
             ("Address", supplier.address or ""), ("Email", supplier.email or ""),
             ("From", letter.sender or ""), ("Date", f"{letter.date.day} {letter.date:%B %Y}"),
             ("Our reference", letter.reference), ("Contact", letter.contact)]
    return tuple((label, value) for label, value in lines if value)


def _outcome(s: TenderAssessment, successful: bool, w: Words) -> str:
    noun = bid(w)
    if successful:
        return f"Your {noun} is the {w.preferred}, with a total of {s.total} points out of 100."
    if s.failed:
        return (f"Your {noun} was disqualified and is not ranked, because it did not meet: {'; '.join(s.failed)}. "
                f"Its total of {s.total} points out of 100 is shown for information.")
    ranked = f"ranked {s.rank}, with a total of {s.total} points out of 100."
    if noun == w.option:  # a tender is itself the most advantageous tender or not
        return f"Your {noun} was not the {w.preferred}. It {ranked}"
    return f"You were not selected as the {w.preferred}. Your {noun} {ranked}"


def _winner_words(w: Words) -> tuple[str, str]:
    """The most advantageous tender, or the most suitable provider's offer: what an unsuccessful
    letter calls the winner's, in its opening and in its heading."""
    if bid(w) == w.option:
        return w.preferred, f"The {w.preferred}'s assessment"
    return f"{w.preferred}'s {bid(w)}", f"The assessment of the {w.preferred}'s {bid(w)}"


def standstill_lines(letter: Letter) -> tuple[str, ...]:
    """The standstill as a supplier or provider reads it: what the law says and, once the
    notice's day is known, the dates (:func:`appraisal.check.standstill.standstill`)."""
    period = letter.standstill
    if letter.regime == "psr":
        if period is None:
            return ("The standstill period begins on the day after the notice of intention to award the contract is "
                    "published. If you are aggrieved by the decision and believe that the Regulations have not been "
                    "complied with, you may make written representations to us before midnight at the end of the "
                    "8th working day after the day the standstill period begins (regulation 12(2) and (3)); the "
                    "contract will not be entered into before then.",)
        return (f"The notice of intention to award the contract is published on {day_in_words(period.published)}, so "
                f"the standstill period begins on {day_in_words(period.begins)} (regulation 12(2)).",
                "If you are aggrieved by the decision and believe that the Regulations have not been complied with, "
                "you may make written representations to us before midnight at the end of "
                f"{day_in_words(period.ends)}, the 8th working day after the day the standstill period begins "
                "(regulation 12(3)). The contract "
                f"will not be entered into before {day_in_words(period.earliest_contract)}.",
                "If representations are made, we will review the decision and tell you our further decision; the "
                "contract will then not be entered into until 5 more working days have passed (regulation 12).")
    if period is None:
        return ("The contract will not be entered into before the end of a standstill period of 8 working days "
                "beginning with the day the contract award notice is published (Procurement Act 2023, s.51); "
                "the notice gives its dates.",)
    return (f"The contract award notice is published on {day_in_words(period.published)}. The standstill period of 8 "
            f"working days begins that day and ends at midnight at the end of {day_in_words(period.ends)} "
            "(Procurement Act 2023, s.51, counting the working days of s.123).",
            f"The contract will not be entered into before {day_in_words(period.earliest_contract)}.")


def summaries(result: Result, letter: Letter) -> tuple[Summary, ...]:
    """Every assessed tender's summary, in option id order; under the Provider Selection Regime,
    only the letters to the providers whose offers were not chosen.

    Each tender's assessment is built once (the most advantageous one is in every unsuccessful
    supplier's summary), with its option and result found by id, not by a search of them all.
    """
    frame = result.appraisal.frame
    w = vocabulary(True, letter.regime)
    options = {o.id: o for o in result.appraisal.shortlisted}
    tenders = {o.id: o for o in result.options}
    every = [p for p in plans(result) if not (letter.regime == "psr" and p.successful)]
    assessed: dict[str, TenderAssessment] = {}
    for plan in every:
        for i in plan.shows:
            if i not in assessed:
                assessed[i] = assessment(result, tenders[i], options[i], w)
    rules = _rules(result, w)
    title = ("Outcome of the competitive process" if letter.regime == "psr" else "Assessment summary") + \
        f": {frame.title}"
    law = LAW[letter.regime]
    standstill = standstill_lines(letter)
    noun = bid(w)
    winner_noun, winner_heading = _winner_words(w)
    note = (f"{'An' if noun[0] in 'aeiou' else 'A'} {noun} whose agreed score on a criterion is below that "
            "criterion's threshold is disqualified, as the assessment methodology said in advance.")
    out = []
    for p in every:
        own = assessed[p.shows[0]]
        winner = assessed[p.shows[1]] if len(p.shows) > 1 else None
        out.append(Summary(
            p.recipient, title, own, p.successful, rules, winner, w, f"Your {noun}'s assessment",
            _heading(own, letter, w), law + ("." if p.successful else f", and the same for the {winner_noun}."),
            _outcome(own, p.successful, w), standstill, note, winner_heading,
            f"The {w.preferred}, from {winner.supplier.name}, scored {winner.total} points out of 100."
            if winner else "", letter.date, letter.sender or "", frame.notice))
    return tuple(out)


@cache
def _template(source: str) -> Template:
    """The bundled summary template for ``source`` (markdown or html), compiled once per run."""
    from appraisal.render.jinja import UserTemplates, environment

    return environment(source, UserTemplates()).get_template(TEMPLATES[source])


def summary_file(summary: Summary, fmt: str, version: str) -> bytes:
    """The summary's file in ``fmt`` (markdown, html or docx)."""
    if fmt != "docx":
        return _template(fmt).render(s=summary).encode("utf-8")
    from appraisal.render.word import render_docx
    from appraisal.report.summary_document import document

    return render_docx(document(summary), date=summary.date, version=version)

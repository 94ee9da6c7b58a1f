"""The contract award notice (UK6) and the contract details notice (UK7) as drafts for the
officer who types them into the central digital platform (docs/tenders.md).

Built as a typed document (:mod:`appraisal.render.blocks`), one table of questions and answers
per part, in the order the Procurement Regulations 2024 list the notice's contents (regulation
27 for UK6, regulation 32 for UK7), from :func:`appraisal.analysis.award_facts.award_facts`
alone. Markdown and Word are laid out from it (:mod:`appraisal.render.documents`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appraisal.analysis.award_facts import award_facts
from appraisal.analysis.notice_uk import UK6, UK7, notice_problems
from appraisal.errors import InputError
from appraisal.render import blocks as b
from appraisal.render.documents import Drafted
from appraisal.render.machine import uk_release_to_dict
from appraisal.render.standstill import day_in_words
from appraisal.text import money

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from appraisal.analysis.award_facts import AwardFacts
    from appraisal.model.option import Supplier
    from appraisal.scoring.weighted_sum import Result

TITLES = {UK6: "Contract award notice (UK6)", UK7: "Contract details notice (UK7)"}
LAW = {
    UK6: ("Procurement Act 2023, s.50; Procurement Regulations 2024, regulation 27. Publishing it starts the "
          "standstill period (s.51)."),
    UK7: ("Procurement Act 2023, s.53: published once the contract has been entered into; Procurement "
          "Regulations 2024, regulation 32."),
}
SUBJECT = "the contract's subject-matter and classification codes (CPV), where not given above"
OTHERS = "anything else the platform asks that this folder does not hold"
LEFT = {
    UK6: ["the procedure followed (open or competitive flexible)", SUBJECT,
          "lots, if the procurement was divided into them", "where the contract is performed",
          "whether the supplier is a consortium, a supported employment provider or a public service mutual", OTHERS],
    UK7: ["the procedure followed (open or competitive flexible)", SUBJECT,
          "the contract's unique identifier on the platform", "a copy of the contract, where one must be published",
          OTHERS],
}


def _date(day: dt.date | None) -> str:
    return day_in_words(day) if day is not None else ""


def _yes(flag: bool | None) -> str:
    return "" if flag is None else "Yes" if flag else "No"


def _qa(part: str, rows: Sequence[tuple[str, str]]) -> list[b.Block]:
    """A part of the notice under its heading: each question and the answer to type in (only
    those this folder answers; the heading says what the table is, so it has no caption)."""
    return [b.Heading(2, b.text(part)), b.Table((b.Column("Question", "name"), b.Column("Answer", "prose")),
                                                tuple((b.cell(q), b.cell(a)) for q, a in rows if a), family="qa")]


def _heading(words: str) -> b.Heading:
    return b.Heading(2, b.text(words))


def _buyer(f: AwardFacts) -> list[b.Block]:
    buyer, contact = f.award.buyer, f.award.contact
    assert buyer is not None
    return _qa("Contracting authority", [
        ("Name", buyer.name), ("Identifier", buyer.identifier or ""), ("Postal address", buyer.address or ""),
        ("Email", buyer.email or ""), ("Contact", contact.name if contact else ""),
        ("Contact email", contact.email or "" if contact else "")])


def _procurement(f: AwardFacts) -> list[b.Block]:
    return _qa("The procurement", [
        ("Title", f.title), ("Procurement reference", f.award.reference or ""),
        ("Description (the contract's subject-matter)", " ".join((f.award.description or "").split())),
        ("Main classification code (CPV)", f.award.cpv or "")])


def _supplier(f: AwardFacts, s: Supplier) -> list[b.Block]:
    return _qa("The supplier awarded the contract", [
        ("Name", s.name), ("Unique identifier", s.identifier or ""), ("Postal address", s.address or ""),
        ("Email", s.email or ""),
        ("Small or medium-sized enterprise (SME)", {"sme": "Yes", "large": "No"}.get(s.scale or "", "")),
        ("Voluntary, community or social enterprise (VCSE)", _yes(s.vcse))])


def _contract(f: AwardFacts, *, signed: bool) -> list[b.Block]:
    value, t = f.award.value, f.timeline
    amount = value.amount if value else None
    gross = value.amount_gross if value else None
    rows = [("Value without VAT", money(amount, f.currency, exact=True) if amount is not None else ""),
            ("Value with VAT", money(gross, f.currency, exact=True) if gross is not None else ""),
            ("Contract start date", _date(t.contract_start)), ("Contract end date", _date(t.contract_end))]
    if signed:
        rows.append(("Date the contract was entered into", _date(t.signed)))
    return _qa("The contract", rows)


def _criteria(f: AwardFacts) -> list[b.Block]:
    table = b.Table((b.Column("Award criterion", "name"), b.Column("Type", "rating"), b.Column("Weighting", "number"),
                     b.Column("Description", "prose")),
                    tuple((b.cell(w.name), b.cell(w.kind.capitalize()), b.cell(f"{w.percent}%"),
                           b.cell(w.description)) for w in f.weights))
    return [_heading("Award criteria"), table, b.Paragraph(b.text(
        "Weightings are percentages of the whole, to two decimal places, that add up to exactly 100 (the largest "
        "remainder method: docs/tenders.md)."))]


def _tenders(f: AwardFacts) -> list[b.Block]:
    return _qa("Tenders", [
        ("Number of tenders received", str(f.received)), ("Number of tenders assessed", str(f.assessed)),
        ("Of those assessed, from SMEs", str(f.sme)), ("Of those assessed, from VCSEs", str(f.vcse))])


def _standstill(f: AwardFacts) -> list[b.Block]:
    t = f.timeline
    s = t.standstill
    return _qa("Dates and standstill", [
        ("Date of the award decision", _date(t.decision)),
        ("Date the assessment summaries were sent", _date(t.summaries_sent)),
        ("Date the notice is published", _date(t.notice_published)),
        ("Standstill period ends (at midnight)", _date(s.ends if s else None)),
        ("The contract may be entered into from", _date(s.earliest_contract if s else None))])


def _kpis(f: AwardFacts) -> list[b.Block]:
    out: list[b.Block] = []
    if f.kpis:
        out += [_heading("Key performance indicators"), b.Table(
            (b.Column("Indicator", "name"), b.Column("Description", "prose")),
            tuple((b.cell(k.name), b.cell(k.description or "")) for k in f.kpis))]
    if f.no_kpis_reason:
        out += _qa("Key performance indicators" if not f.kpis else "Key performance indicators: the reason",
                   [("Why the supplier's performance is not assessed by key performance indicators", f.no_kpis_reason)])
    return out


def draft(f: AwardFacts, kind: str) -> b.Document:
    """The ``kind`` notice (``uk6`` or ``uk7``) as a draft to type in."""
    title = f"{TITLES[kind]}: draft"
    head: list[b.Block] = [b.Heading(1, b.text(title))]
    if f.notice:
        head.append(b.Paragraph((b.Run(f.notice, italic=True),)))
    head.append(b.Callout("note", "A draft: appraise does not submit notices.", (
        b.Paragraph(b.text("Type these answers into the central digital platform (Find a Tender), which publishes "
                           "the notice. Check each against the evaluation's records before you publish.")),
        b.Paragraph(b.text(LAW[kind])))))
    body = (_buyer(f) + _procurement(f) + _supplier(f, f.supplier) + _contract(f, signed=kind == UK7)
            + (_criteria(f) + _tenders(f) + _standstill(f) if kind == UK6 else _kpis(f)))
    rest: list[b.Block] = [_heading("Not filled in here"), b.Paragraph(b.text(
        "appraise does not hold these; answer them on the platform:"))]
    rest += [b.Paragraph(b.text(item[0].upper() + item[1:]), "bullet") for item in LEFT[kind]]
    return b.Document(title, tuple(head + body + rest), subject=f"{TITLES[kind]}: {f.title}",
                      author=f.organisation or "appraise", keywords=f"notice, {kind}, draft")


def drafted(result: Result, kind: str) -> Drafted:
    """The ``kind`` notice: its draft and its OCDS release, dated by the day it is published (UK6)
    or the day the contract was entered into (UK7); every input it lacks refused at once, located
    (:mod:`appraisal.analysis.notice_uk`)."""
    problems = notice_problems(result, kind)
    if problems:
        raise InputError(problems)
    facts = award_facts(result)
    day = facts.timeline.notice_published if kind == UK6 else facts.timeline.signed
    return Drafted(draft(facts, kind), uk_release_to_dict(facts, kind), day)

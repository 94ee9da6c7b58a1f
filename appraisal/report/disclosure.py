"""One provider's disclosure pack, for its representations and for the review panel (contract
section 18; docs/psr-notices.md): each evaluator's own score and comments, the agreed score, its
rationale and the moderation note, on every judged criterion, for that provider and for the most
suitable provider only.

The independent review panel has said a competitive process must be able to disclose each
evaluator's scores and comments and the moderation reasoning for the complaining and the winning
providers. Nothing of a third provider may go in: every text the pack would hold is read as a
reader sees it (:class:`appraisal.check.names.Suppliers`, as the assessment summaries are) and
any name, distinctive word, trading name, identifier, email, address or option id of another
provider is refused, located where it is written. Evaluators are named by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from appraisal.check.names import Suppliers, frame_texts, reading
from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal, Target
from appraisal.model.option import Option
from appraisal.render import blocks as b
from appraisal.report.base import criterion_refs
from appraisal.scoring.weighted_sum import CriterionInfo, Result
from appraisal.text import number, percent

MARKING = "OFFICIAL-SENSITIVE: for the provider named and the review panel only"


@dataclass(frozen=True)
class Text:
    """One text the pack holds, and where it is written."""

    text: str
    where: Target
    what: str


def _score(c: CriterionInfo, value: float) -> str:
    assert c.scale is not None
    label = c.scale.label(value)
    return f"{number(value)} of {number(c.scale.max)}" + (f", {label}" if label else "")


def _judged(result: Result) -> list[CriterionInfo]:
    return [c for c in result.criteria if c.is_leaf and c.scale is not None]


def _texts(result: Result, option: Option) -> list[Text]:
    """Every text of ``option``'s evaluation the pack holds, with where it is written."""
    appraisal = result.appraisal
    out = []
    for c in _judged(result):
        agreed = option.scores.get(c.id)
        if agreed is not None:
            out += [Text(t, ("option", option.id, "scores", c.id, k), f"the {k} of {option.name}'s score on "
                         f"'{c.name}'") for k, t in (("rationale", agreed.rationale), ("moderation", agreed.moderation))
                    if t]
        for who, a in appraisal.assessments.items():
            given = a.scores.get(option.id, {}).get(c.id)
            if given is not None and given.rationale:
                out.append(Text(given.rationale, ("assessment", who, "scores", option.id, c.id, "rationale"),
                                f"{a.name}'s comment on {option.name}'s '{c.name}'"))
    return out


def leaks(result: Result, provider: str, winner: str) -> list[Problem]:
    """Each mention of a third provider (neither ``provider`` nor ``winner``) in a text the pack would hold."""
    appraisal = result.appraisal
    suppliers = Suppliers(appraisal.options, frame_texts(appraisal.frame))
    options = {o.id: o for o in appraisal.options}
    out = []
    for text in _texts(result, options[provider]) + _texts(result, options[winner]):
        found = {d.owner: d for d in reversed(suppliers.others(provider, reading(text.text))) if d.owner != winner}
        for detail in sorted(found.values(), key=lambda d: d.owner):  # one message for each provider it names
            out.append(appraisal.problem(text.where, (
                f"{text.what} names another provider ('{detail.shown}', {detail.what} of "
                f"{suppliers.names[detail.owner]}), and the disclosure pack of {suppliers.names[provider]} may "
                "hold no third provider's details: reword it by reference to this offer and the criteria alone")))
    return out


def _evaluation(result: Result, appraisal: Appraisal, option: Option, heading: str) -> list[b.Block]:
    refs = criterion_refs(result)
    names = {who: a.name for who, a in appraisal.assessments.items()}
    out: list[b.Block] = [b.heading(heading, 2)]
    for c in _judged(result):
        out.append(b.heading(f"{refs[c.id]}. {c.name} ({percent(c.weight)} of the evaluation)", 3))
        rows = []
        for who, a in appraisal.assessments.items():
            given = a.scores.get(option.id, {}).get(c.id)
            rows.append([names[who], _score(c, given.score) if given else "did not score",
                         (given.rationale or "") if given else ""])
        out.append(b.table((("Evaluator", "name"), ("Score", "rating"), ("Comments", "prose")), rows,
                           f"Each evaluator's own score: {c.name}"))
        agreed = option.scores.get(c.id)
        cell = next(o for o in result.options if o.id == option.id).cells[c.id]
        if cell.score is not None:
            out.append(b.para(_score(c, cell.score) + (" (taken from the evaluators' scores, not moderated)"
                                                       if cell.filled else ""), "Agreed score:"))
        out.append(b.para((agreed.rationale if agreed and agreed.rationale else "none recorded"), "Rationale:"))
        out.append(b.para((agreed.moderation if agreed and agreed.moderation else "none recorded"),
                          "Moderation note:"))
    return out


def pack(result: Result, provider: str, winner: str) -> b.Document:
    """The disclosure pack of ``provider``: its evaluation, then the most suitable provider's."""
    appraisal = result.appraisal
    options = {o.id: o for o in appraisal.options}
    mine, theirs = options[provider], options[winner]
    assert mine.supplier is not None and theirs.supplier is not None
    frame = appraisal.frame
    out: list[b.Block] = [b.heading(f"Disclosure pack: {mine.supplier.name}", 1),
                          b.para(frame.title, "Procurement:")]
    if frame.notice:
        out.append(b.Callout("note", frame.notice))
    out += [b.Callout("caution", f"For {mine.supplier.name}'s representations and for the review panel.", (
        b.para(f"It holds the evaluation of {mine.supplier.name}'s offer and of the most suitable provider's, "
               f"{theirs.supplier.name}: each evaluator's own score and comments, and the score the panel agreed "
               "with its rationale and moderation note. It holds nothing of any other provider."),)),
            b.table((("Evaluator", "name"), ("Role", "prose")),
                    [[a.name, a.role or ""] for a in appraisal.assessments.values()], "The evaluation panel"),
            b.para("Criteria scored from figures by a published formula (such as price) hold no evaluator's "
                   "judgement and are not in this pack. The evaluators' declarations of interest, and how each was "
                   "managed, are in the notice of intention to award.")]
    out += _evaluation(result, appraisal, mine, f"{mine.supplier.name} ({mine.name})")
    out += _evaluation(result, appraisal, theirs,
                       f"The most suitable provider: {theirs.supplier.name} ({theirs.name})")
    return b.Document(f"Disclosure pack: {mine.supplier.name}", tuple(out), subject="Disclosure pack",
                      author=frame.organisation or "", keywords="Provider Selection Regime, disclosure",
                      marking=MARKING)

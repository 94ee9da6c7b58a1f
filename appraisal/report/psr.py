"""What the Provider Selection Regime's notice of intention and record of a decision say, from a
scored result (Health Care Services (Provider Selection Regime) Regulations 2023, SI 2023/1348;
docs/psr-notices.md): the most suitable provider, the reasons by each key criterion, who decided,
the declared conflicts of interest and how each was managed, and the dates.

:func:`facts` gathers them once, with every input the documents need and the folder lacks as a
located problem (all at once: no document is written from a folder that cannot fill it). Nothing
here is re-typed: every figure is the result's, every word the files'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from appraisal.analysis.summaries import tenders
from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Supplier
from appraisal.model.psr import KEY_CRITERIA
from appraisal.report.withhold import NOTHING, Withheld, analyse
from appraisal.scoring.weighted_sum import CriterionInfo, OptionResult, Result
from appraisal.text import money, number, percent, points


@dataclass(frozen=True)
class Reason:
    """One key criterion, as the decision took it into account."""

    key: str
    """The key criterion's id (regulation 5)."""
    title: str
    """The key criterion in the Regulations' words."""
    criterion: str
    """The name of the criterion that stands for it."""
    weight: str
    """Its share of the whole evaluation, as a percentage."""
    earned: str
    """The most suitable provider's points on it, or 'withheld' when they are worked out from an exempt price."""
    available: str
    """The points it can add to a total out of 100."""
    scores: tuple[tuple[str, str, str], ...]
    """Each judged criterion at or under it: (criterion, score on its scale, the rationale)."""


@dataclass(frozen=True)
class Conflict:
    """A declared conflict or potential conflict of interest, and how it was managed."""

    who: str
    role: str
    part: str
    """'evaluator' or 'decision maker'."""
    interest: str
    managed: str


@dataclass(frozen=True)
class Facts:
    """Everything both documents say, found once."""

    title: str
    notice: str | None
    authority: str
    process: str
    chosen: str
    """What the Regulations call the provider selected: 'most suitable provider', or under direct award
    process C 'chosen provider' (``Appraisal.words``)."""
    reference: str
    winner: OptionResult
    supplier: Supplier
    description: str
    cpv: str
    value: str
    decision_makers: tuple[tuple[str, str], ...]
    """(name, role) of each decision maker."""
    reasons: tuple[Reason, ...]
    conflicts: tuple[Conflict, ...]
    evaluators: tuple[tuple[str, str, str], ...]
    """(name, role, declaration) of each assessor, by name."""
    assessed: int
    """How many providers were assessed."""
    total: str
    """The most suitable provider's total points out of 100, or why it is withheld."""
    published: dt.date | None
    decided: dt.date | None
    contract: tuple[dt.date | None, dt.date | None]
    process_reason: str | None
    withheld: Withheld


def _exempt(result: Result) -> frozenset[str]:
    return frozenset(o.id for o in result.appraisal.shortlisted if o.costs is not None and o.costs.exempt)


def most_suitable(result: Result) -> str | None:
    """The single most suitable provider's id: the one provider ranked first (None for a tie or none)."""
    ids = {o.id for o in tenders(result)}
    return result.preferred if result.preferred in ids else None


def _missing(appraisal: Appraisal, where: tuple[str | int, ...], what: str, key: bool = True) -> Problem:
    return appraisal.problem(("criteria", *where), what, key=key)


def problems(result: Result, record: bool) -> list[Problem]:
    """Every input the notice of intention (or, with ``record``, the record of the decision) needs
    and the folder lacks, each located where it is to be written."""
    appraisal = result.appraisal
    frame, award = appraisal.frame, appraisal.frame.award
    out: list[Problem] = []
    if award is None:
        return [_missing(appraisal, (), (
            "there is no 'award:' in criteria.yaml, and the notice needs it: add 'award:' with 'reference:', "
            "'description:', 'cpv:', 'value: {amount: ...}' and 'decision_makers:' (docs/psr-notices.md)"))]
    need: list[tuple[object, str]] = [
        (award.reference, "the award has no reference: add 'reference:' (the notice gives the contract's title and "
                          "reference)"),
        (award.description, "the award has no description of the health care services: add 'description:'"),
        (award.cpv, "the award has no CPV code: add 'cpv:' with the services' most relevant code, such as "
                    "85323000-9"),
        (award.value and award.value.amount, "the award has no value: add 'value: {amount: ...}', the contract's "
                                             "approximate lifetime value without VAT")]
    if record:
        need += [(award.process_reason, "the award does not say why this process was the one to follow, which the "
                                        "record must (regulation 24): add 'process_reason:'"),
                 (award.decision, "the award has no decision date: add 'decision: YYYY-MM-DD'")]
    out += [_missing(appraisal, ("award",), message) for given, message in need if not given]
    if not award.decision_makers:
        out.append(_missing(appraisal, ("award",), (
            "the award names no decision makers, and the Regulations require their details: add "
            "'decision_makers: [{name: ..., role: ...}]' (a committee's name or job titles are enough)")))
    if not award.buyer and not frame.organisation:
        out.append(_missing(appraisal, (), "the relevant authority is not named: add 'organisation:' or "
                                           "'award: {buyer: {name: ...}}'"))
    for i, m in enumerate(award.decision_makers):
        if m.interests and not (m.managed and m.managed.strip()):
            out.append(appraisal.problem(("criteria", "award", "decision_makers", i, "interests"), (
                f"{m.name} declared an interest, and the notice must say how it was managed: add 'managed:' "
                "(withdrew from the decision, for instance)")))
    for who, a in appraisal.assessments.items():
        if not a.declares_nothing and not (a.managed and a.managed.strip()):
            out.append(appraisal.problem(("assessment", who, "interests"), (
                f"{a.name} declared an interest, and the notice must say how it was managed: add 'managed:' "
                "(did not score that provider, for instance)")))
    winner = most_suitable(result)
    if winner is None:
        first = [o.name for o in result.options if o.rank == 1]
        why = (f"providers tie for first place ({', '.join(first)})" if len(first) > 1
               else "no provider passes every gate" if not first else f"{first[0]} names no 'supplier:'")
        out.append(_missing(appraisal, (), f"there is no single most suitable provider: {why}"))
        return out
    option = next(o for o in appraisal.shortlisted if o.id == winner)
    assert option.supplier is not None
    if not option.supplier.address:
        out.append(appraisal.problem(("option", winner, "supplier"), (
            f"the notice must give the address of the registered office or principal place of business of "
            f"{option.supplier.name}: add 'address:'"), key=True))
    for c in frame.key_criteria().values():
        for leaf in c.walk():
            if leaf.is_leaf and not leaf.measure and not (option.scores[leaf.id].rationale or "").strip():
                out.append(appraisal.problem(("option", winner, "scores", leaf.id), (
                    f"the score of {option.name} on '{leaf.name}' has no rationale, and the notice gives the "
                    "reasons by each key criterion: add 'rationale:'")))
    return out


def _reason(result: Result, winner: OptionResult, key: str, criterion: str, withheld: Withheld) -> Reason:
    infos = {c.id: c for c in result.criteria}
    info = infos[criterion]
    option = next(o for o in result.appraisal.shortlisted if o.id == winner.id)
    earned = "withheld" if withheld.cell(winner.id, criterion) else points(winner.cells[criterion].contribution)
    under = [c for c in result.criteria if c.id == criterion or _below(infos, c.id, criterion)]
    scores = []
    for c in under:
        if c.scale is None:
            continue
        score = winner.cells[c.id].score
        label = c.scale.label(score) if score is not None else None
        shown = f"{number(score)} of {number(c.scale.max)}" + (f", {label}" if label else "")
        scores.append((c.name, shown, option.scores[c.id].rationale or ""))
    return Reason(key, KEY_CRITERIA[key], info.name, percent(info.weight), earned, points(info.weight * 100),
                  tuple(scores))


def _below(infos: dict[str, CriterionInfo], child: str, ancestor: str) -> bool:
    parent = infos[child].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = infos[parent].parent
    return False


def facts(result: Result) -> Facts:
    """The facts of both documents; :func:`problems` must have found nothing first."""
    appraisal = result.appraisal
    frame, award = appraisal.frame, appraisal.frame.award
    assert award is not None and frame.process is not None
    winner_id = most_suitable(result)
    winner = next(o for o in result.options if o.id == winner_id)
    supplier = next(o.supplier for o in appraisal.shortlisted if o.id == winner_id)
    assert supplier is not None and award.value is not None and award.value.amount is not None
    hidden = _exempt(result)
    withheld = analyse(result, hidden) if hidden else NOTHING
    conflicts = [Conflict(a.name, a.role or "", "evaluator", a.interests, a.managed or "")
                 for a in appraisal.assessments.values() if not a.declares_nothing]
    conflicts += [Conflict(m.name, m.role or "", "decision maker", m.interests, m.managed or "")
                  for m in award.decision_makers if m.interests]
    return Facts(
        title=frame.title, notice=frame.notice,
        authority=award.buyer.name if award.buyer else frame.organisation or "",
        process=frame.process, chosen=appraisal.words.preferred, reference=award.reference or "",
        winner=winner, supplier=supplier,
        description=award.description or "", cpv=award.cpv or "",
        value=money(award.value.amount, frame.currency, exact=True),
        decision_makers=tuple((m.name, m.role or "") for m in award.decision_makers),
        reasons=tuple(_reason(result, winner, k, c.id, withheld) for k, c in frame.key_criteria().items()),
        conflicts=tuple(conflicts),
        evaluators=tuple((a.name, a.role or "", a.interests) for a in appraisal.assessments.values()),
        assessed=len(tenders(result)),
        total=("withheld: worked out from an exempt price" if withheld.total(winner.id)
               else f"{points(winner.total)} of 100"),
        published=award.notice_published, decided=award.decision,
        contract=(award.contract.start, award.contract.end) if award.contract else (None, None),
        process_reason=award.process_reason, withheld=withheld,
    )

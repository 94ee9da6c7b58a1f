"""The Provider Selection Regime's notice of intention to award and record of the decision, as
typed documents (:mod:`appraisal.render.blocks`), from :func:`appraisal.report.psr.facts`
(docs/psr-notices.md).

The notice lists, in order, each item the Regulations require of a notice of intention for the
process followed, with the item cited beside it: Schedule 10 (regulation 11(10)) for the
competitive process, Schedule 3 (regulation 9(4)) for direct award process C and, as contract
section 18 reads regulation 10, for the most suitable provider process. An item appraise cannot
know is a marked blank for the officer. The record holds what regulation 24 requires the
authority to keep, with the dates regulation 12 sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from appraisal.check.standstill import Standstill, standstill
from appraisal.model.psr import PROCESSES
from appraisal.render import blocks as b
from appraisal.report.psr import Facts
from appraisal.scoring.weighted_sum import Result
from appraisal.text import points

REGULATIONS = "the Health Care Services (Provider Selection Regime) Regulations 2023 (SI 2023/1348)"
DRAFT = "Draft for the officer to check before it is published"
RECORD_MARKING = "OFFICIAL-SENSITIVE: record of the decision"

SCHEDULE_10 = ("statement", "title", "provider", "services", "framework", "value", "decision_makers", "reasons",
               "conflicts", "managed", "framework_used")
"""Schedule 10 (regulation 11(10)): the notice of intention under the competitive process, paragraph by paragraph."""
SCHEDULE_3 = ("statement", "title", "provider", "services", "value", "decision_makers", "reasons", "conflicts",
              "managed")
"""Schedule 3 (regulation 9(4)): the notice of intention under direct award process C, paragraph by paragraph."""
SCHEDULES = {"competitive": ("Schedule 10", SCHEDULE_10), "direct_award_c": ("Schedule 3", SCHEDULE_3),
             "most_suitable_provider": ("Schedule 3", SCHEDULE_3)}

HEADINGS = {
    "statement": "Statement of intention", "title": "Contract title and reference", "provider": "The provider",
    "services": "The health care services", "framework": "Framework agreement: duration and who may use it",
    "value": "Approximate lifetime value", "decision_makers": "The decision makers",
    "reasons": "The decision makers' reasons, by the key criteria",
    "conflicts": "Declared conflicts or potential conflicts of interest",
    "managed": "How the conflicts of interest were managed",
    "framework_used": "Whether a framework agreement was used",
}
NAMES = {"competitive": "the Competitive Process (regulation 11)",
         "direct_award_c": "Direct Award Process C (regulation 9)",
         "most_suitable_provider": "the Most Suitable Provider Process (regulation 10)"}


def _officer(what: str) -> b.Paragraph:
    """A blank the officer fills in: something appraise cannot know."""
    return b.Paragraph((b.Run(f"[For the officer to complete: {what}]", bold=True),))


def _dates(f: Facts) -> Standstill | None:
    return standstill(f.published, "psr") if f.published else None


def _day(day: dt.date | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" if day else ""


def _reasons(f: Facts) -> list[b.Block]:
    out: list[b.Block] = [b.para(
        f"The decision makers selected {f.supplier.name} as the {f.chosen}"
        + (f" of the {f.assessed} providers assessed" if f.process == "competitive" else "")
        + f", with {f.total} points. Each of the five key criteria of regulation 5 was considered; the "
        "table gives the criterion of the evaluation that stands for each, its share of the evaluation, and the "
        "points the provider earned on it."),
        b.table((("Key criterion (regulation 5)", "name"), ("Evaluated as", "name"), ("Weight", "number"),
                 ("Points earned", "number"), ("Points available", "number")),
                [[r.title, r.criterion, r.weight, r.earned, r.available] for r in f.reasons], "The key criteria")]
    for r in f.reasons:
        out.append(b.heading(f"{r.title}: {r.criterion}", 3))
        if not r.scores:
            out.append(b.para("Scored from the provider's figures by the published formula: " + (
                f"{r.earned} of {r.available} points." if r.earned != "withheld" else
                "the points are withheld, being worked out from a price that is exempt from publication.")))
        out += [b.para(f"{score}. {why}", f"{name}:", "bullet") for name, score, why in r.scores]
    return out


def _conflicts(f: Facts) -> list[b.Block]:
    if not f.conflicts:
        return [b.para(f"None. Each of the {len(f.evaluators)} evaluators declared no interest, and no decision "
                       "maker declared one." if f.evaluators else "None: no decision maker declared an interest.")]
    return [b.table((("Who", "name"), ("Role", "prose"), ("Part in the decision", "name"),
                     ("Interest declared", "prose")),
                    [[c.who, c.role, c.part, c.interest] for c in f.conflicts], "Declared conflicts of interest")]


def _managed(f: Facts) -> list[b.Block]:
    if not f.conflicts:
        return [b.para("Not applicable: no conflict or potential conflict of interest was declared.")]
    return [b.table((("Who", "name"), ("Interest declared", "prose"), ("How it was managed", "prose")),
                    [[c.who, c.interest, c.managed] for c in f.conflicts], "How each conflict was managed")]


def _item(kind: str, f: Facts) -> list[b.Block]:
    content: dict[str, Callable[[], list[b.Block]]] = {
        "statement": lambda: [b.para(f"{f.authority} is intending to award a contract to {f.supplier.name} under "
                                     f"{NAMES[f.process]} of {REGULATIONS}.")],
        "title": lambda: [b.para(f.title, "Title:"), b.para(f.reference, "Reference:")],
        "provider": lambda: [b.para(f.supplier.name, "Name:"),
                             b.para(f.supplier.address or "", "Registered office or principal place of business:")],
        "services": lambda: [b.para(f.description), b.para(f.cpv, "Most relevant CPV code:")],
        "framework": lambda: [b.para("Not applicable: this notice is of the award of a contract, not of the "
                                     "conclusion of a framework agreement.")],
        "value": lambda: [b.para(f"{f.value}, excluding VAT.")],
        "decision_makers": lambda: [b.para(name + (f", {role}" if role else ""), kind="bullet")
                                    for name, role in f.decision_makers],
        "reasons": lambda: _reasons(f),
        "conflicts": lambda: _conflicts(f),
        "managed": lambda: _managed(f),
        "framework_used": lambda: [_officer("say whether a framework agreement was used, where appropriate")],
    }
    return content[kind]()


def _head(title: str, f: Facts, status: str) -> list[b.Block]:
    out: list[b.Block] = [b.heading(title, 1), b.para(f.title, "Procurement:")]
    if f.notice:
        out.append(b.Callout("note", f.notice))
    out.append(b.Callout("caution", status))
    return out


def intention(f: Facts) -> b.Document:
    """The notice of intention to award, item by item with each item's citation."""
    schedule, items = SCHEDULES[f.process]
    out = _head("Notice of intention to award a contract", f, DRAFT)
    out.append(b.para(f"Each item below is one {schedule} to {REGULATIONS} requires of this notice under "
                      f"{NAMES[f.process]}, cited beside it, filled from the appraisal's files."))
    for n, kind in enumerate(items, 1):
        out.append(b.heading(f"{n}. {HEADINGS[kind]} ({schedule}, para {n})", 2))
        out += _item(kind, f)
    out += _standstill(f)
    return b.Document(f"Notice of intention to award: {f.title}", tuple(out), subject="Notice of intention to award",
                      author=f.authority, keywords="Provider Selection Regime, notice of intention")


def _standstill(f: Facts) -> list[b.Block]:
    out: list[b.Block] = [b.heading("Standstill and representations (regulation 12)", 2)]
    period = _dates(f)
    if period is None:
        return [*out, _officer("the day this notice is published; then add 'notice_published:' to the award "
                               "and run this again for the standstill dates")]
    return [*out, b.para(_day(period.published), "Notice published:"),
            b.para(_day(period.begins), "Standstill begins:"),
            b.para(f"before midnight at the end of {_day(period.ends)} (the 8th working day after the day the "
                   "standstill begins)", "Written representations may be made:"),
            b.para("If representations are made, the standstill stays open until the authority has reviewed its "
                   "decision and told the provider, and then for a further 5 working days.")]


def record_document(f: Facts, result: Result) -> b.Document:
    """The record of the decision regulation 24 requires, with the dates of regulation 12."""
    letter = "f" if f.process == "competitive" else "e"
    out = _head("Record of the decision", f, "Kept by the authority (regulation 24). It holds every provider's "
                "results: an aggrieved provider is given its own disclosure pack (appraise disclosure).")
    out += [b.heading("1. The provider awarded the contract (regulation 24(a) and (c))", 2),
            b.para(f.supplier.name, "Name:"),
            b.para(f.supplier.address or "", "Registered office or principal place of business:"),
            b.heading("2. The decision-making process followed (regulation 24(d))", 2),
            b.para(PROCESSES[f.process][0].upper() + PROCESSES[f.process][1:] + ".", "Process:"),
            b.para(f.process_reason or "", "Why this process:"),
            b.para("The decision makers:", kind="text"),
            *[b.para(name + (f", {role}" if role else ""), kind="bullet") for name, role in f.decision_makers]]
    if f.evaluators:
        out.append(b.table((("Evaluator", "name"), ("Role", "prose"), ("Interests declared", "prose")),
                           [list(e) for e in f.evaluators], "The evaluation panel"))
        agreement = result.appraisal.frame.panel.agreement
        out.append(b.para("Each evaluator scored alone; the panel then agreed each score at moderation, with "
                          "its reasons." if agreement == "moderated" else
                          f"Scores the panel did not agree were taken as the {agreement} of the evaluators' scores."))
    out += [b.heading(f"3. How the key criteria were taken into account (regulation 24({letter}))", 2),
            *_reasons(f), *_gates(result, letter), *_assessed(f, result, letter),
            b.heading("6. Conflicts of interest and how they were managed (regulation 21)", 2),
            *_conflicts(f), *(_managed(f) if f.conflicts else []),
            b.heading("7. The dates (regulation 12)", 2), *_record_dates(f)]
    return b.Document(f"Record of the decision: {f.title}", tuple(out), subject="Record of the decision",
                      author=f.authority, keywords="Provider Selection Regime, regulation 24",
                      marking=RECORD_MARKING)


def _gates(result: Result, letter: str) -> list[b.Block]:
    out: list[b.Block] = [b.heading(f"4. How the basic selection criteria were assessed (regulation 24({letter}))",
                                    2)]
    names = result.appraisal.frame.gate_names()
    gates = [g for g in names if any(g in o.failed_gates for o in result.options)
             or g in {gate.id for gate in result.appraisal.frame.gates}]
    if not gates:
        return [*out, _officer("how the basic selection criteria (regulation 19) were assessed: none is in "
                               "criteria.yaml as a gate")]
    rows = [[o.name, *("failed" if g in o.failed_gates else "met" for g in gates)] for o in result.options]
    return [*out, b.table((("Provider", "name"), *((names[g], "rating") for g in gates)), rows,
                          "Each provider against each basic selection criterion")]


def _assessed(f: Facts, result: Result, letter: str) -> list[b.Block]:
    out: list[b.Block] = [b.heading(f"5. The providers assessed and how the award criteria were evaluated "
                                    f"(regulation 24({letter}))", 2)]
    names = result.appraisal.frame.gate_names()
    rows = [[o.name, "withheld (exempt price)" if f.withheld.total(o.id) else points(o.total),
             f"ranked {o.rank}" if o.rank else "not ranked: failed " + ", ".join(names.get(g, g)
                                                                                  for g in o.failed_gates)]
            for o in result.options]
    return [*out, b.table((("Provider", "name"), ("Points of 100", "number"), ("Outcome", "prose")), rows,
                          "Every provider assessed")]


def _record_dates(f: Facts) -> list[b.Block]:
    out: list[b.Block] = [b.para(_day(f.decided), "Decision:")]
    period = _dates(f)
    if period is None:
        out.append(_officer("the day the notice of intention was published (award.notice_published)"))
    else:
        out += [b.para(_day(period.published), "Notice of intention published:"),
                b.para(_day(period.begins), "Standstill began:"),
                b.para(f"until midnight at the end of {_day(period.ends)}", "Representations could be made:"),
                b.para(_day(period.earliest_contract), "Earliest day the contract may be entered into:")]
    start, end = f.contract
    out.append(b.para(_day(start), "Contract starts:") if start else _officer("the day the contract was entered into"))
    if end:
        out.append(b.para(_day(end), "Contract ends:"))
    out.append(_officer("any representations received, the review of the decision and the further decision "
                        "(regulation 12(4)), with their dates"))
    return out


def notice(result: Result, record: bool) -> b.Document:
    """The notice of intention (or, with ``record``, the record of the decision); every input it needs and
    the folder lacks is raised at once, located (:func:`appraisal.report.psr.problems`)."""
    from appraisal.check.standstill import OutsideCalendar
    from appraisal.errors import InputError
    from appraisal.report.psr import facts, problems

    appraisal = result.appraisal
    assert appraisal.frame.regime == "psr", "the command refuses an appraisal outside the regime first"
    found = problems(result, record)
    award = appraisal.frame.award
    if award is not None and award.notice_published is not None:
        try:
            standstill(award.notice_published, "psr")
        except OutsideCalendar as exc:
            found.append(appraisal.problem(("criteria", "award", "notice_published"), str(exc)))
    if found:
        raise InputError(found)
    f = facts(result)
    return record_document(f, result) if record else intention(f)

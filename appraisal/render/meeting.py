"""The moderation pack as a document to circulate before the meeting (docs/panel.md): what
``appraise panel --format html`` and ``--format docx`` both lay out.

Plain strings in the meeting's order (:func:`appraisal.analysis.panel.agenda`): the panel and
their declarations, with a note to the chair wherever a declaration names an option or its
supplier; the divergent items, each with every assessor's score and rationale by name; the
close ones in one table; and, by option, the items on which every assessor gave the same
score, to nod through. People are named by name throughout, never by their file's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from appraisal.analysis.panel import Pack, agenda
from appraisal.render.panel import offset_text
from appraisal.text import number, plural, series

if TYPE_CHECKING:
    from appraisal.check.panel import Item

FLAG_WORDS = {
    "missing": "no agreed score yet",
    "divergent": "the scores diverge",
    "outside": "the agreed score lies outside the panel's scores",
    "unexplained": "no moderation note explains the agreed score",
}


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    interests: str
    scored: str
    offset: str
    interested_in: str
    """The options their declaration names ('' if none)."""


@dataclass(frozen=True)
class Discussion:
    """A divergent item: its heading, what the panel gave, and each assessor's view."""

    heading: str
    facts: str
    agreed: str
    flags: str
    views: tuple[tuple[str, str, str], ...]
    """(assessor's name, score, rationale) in the panel's order."""
    interest: str
    """The note to the chair when a declaration names this option ('' if none)."""


@dataclass(frozen=True)
class Row:
    option: str
    criterion: str
    scores: str
    median: str
    agreed: str
    flags: str
    interest: str


@dataclass(frozen=True)
class Group:
    option: str
    rows: tuple[tuple[str, str, str], ...]
    """(criterion, the score every assessor gave, agreed)."""
    interest: str


@dataclass(frozen=True)
class Meeting:
    title: str
    organisation: str | None
    date: str | None
    noun: str
    """'Option' or 'Tender'."""
    summary: str
    people: tuple[Person, ...]
    chair: tuple[str, ...]
    """Sentences for the chair: who declared an interest naming which options."""
    divergent: tuple[Discussion, ...]
    close: tuple[Row, ...]
    unanimous: tuple[Group, ...]
    agreement: str
    notice: str | None = None
    """criteria.yaml's notice (an illustrative example's), shown under the title."""


def meeting(pack: Pack, title: str, organisation: str | None, date: str | None,
            notice: str | None = None) -> Meeting:
    words = pack.words
    order = agenda(pack)
    names = {i.option: i.option_name for i in pack.items}
    people = tuple(Person(a.name, a.role or "", a.interests, str(a.scored), offset_text(a.offset),
                          series(names.get(o, o) for o, who in pack.interested.items() if a.id in who))
                   for a in pack.assessors)
    chair = tuple(
        f"{p.name} declared “{p.interests}”, which names {p.interested_in}: decide before the meeting whether "
        f"{p.name} takes part in the items on {'it' if ' and ' not in p.interested_in else 'them'}."
        for p in people if p.interested_in)
    summary = (f"{plural(len(pack.items), 'item')} scored by {plural(len(pack.assessors), 'assessor')}: "
               f"{len(order.divergent)} divergent, to discuss; {len(order.close)} close, to agree; "
               f"{sum(len(i) for _, i in order.unanimous)} on which every assessor gave the same score, "
               "to nod through.")
    return Meeting(
        title=title, organisation=organisation, date=date, noun=words.option.capitalize(), summary=summary,
        people=people, chair=chair,
        divergent=tuple(_discussion(pack, i) for i in order.divergent),
        close=tuple(Row(i.option_name, i.criterion_name, _scores(pack, i), number(i.median), _agreed(pack, i),
                        _flags(i), _interest(pack, i.option, i.option_name)) for i in order.close),
        unanimous=tuple(Group(names[o], tuple((i.criterion_name, number(i.median), _agreed(pack, i)) for i in items),
                              _interest(pack, o, names[o])) for o, items in order.unanimous),
        agreement=pack.agreement, notice=notice,
    )


def _scores(pack: Pack, item: Item) -> str:
    """'Ann Able 8, Bob Best 6': each assessor's score by name (a score never wraps away from it)."""
    return ", ".join(f"{pack.name(who)}\u00a0{number(s)}" for who, s in item.scores.items())


def _agreed(pack: Pack, item: Item) -> str:
    if (item.option, item.criterion) in pack.filled:
        return f"not agreed (the {pack.agreement} fills it)"
    if item.agreed is None:
        return "not agreed yet"
    return number(item.agreed)


def _flags(item: Item) -> str:
    text = "; ".join(FLAG_WORDS[f] for f in item.flags)
    return text[:1].upper() + text[1:]


def _interest(pack: Pack, option: str, name: str) -> str:
    who = [pack.name(w) for w in pack.interested.get(option, ())]
    if not who:
        return ""
    verb = "declares" if len(who) == 1 else "declare"
    return f"Declared interest: {series(who)} {verb} an interest naming {name}."


def _discussion(pack: Pack, item: Item) -> Discussion:
    high = [pack.name(w) for w, s in item.scores.items() if s == item.high]
    low = [pack.name(w) for w, s in item.scores.items() if s == item.low]
    facts = (f"Scores from {number(item.low)} ({series(low)}) to {number(item.high)} ({series(high)}): a range of "
             f"{number(item.range)}, where {number(item.divergence)} counts as divergent; median "
             f"{number(item.median)}.")
    agreed = _agreed(pack, item)
    if item.moderation:
        agreed += f": {item.moderation}"
    return Discussion(
        heading=f"{item.option_name}: {item.criterion_name}", facts=facts, agreed=agreed, flags=_flags(item),
        views=tuple((pack.name(w), number(s), item.rationales.get(w) or "(no rationale given)")
                    for w, s in item.scores.items()),
        interest=_interest(pack, item.option, item.option_name),
    )


def to_html(m: Meeting, version: str) -> str:
    """The pack as one self-contained HTML file, in the report's style (its Jinja environment)."""
    from appraisal.render.jinja import environment

    template = environment("html").get_template("moderation.html.j2")
    return template.render(m=m, title=m.title, words={"exercise": "Moderation pack"}, scenario=None,
                           version=version, marking="OFFICIAL-SENSITIVE")

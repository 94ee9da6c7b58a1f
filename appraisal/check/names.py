"""Another supplier's identifying details in a text, found as a reader sees it (docs/tenders.md).

A summary must not tell one supplier about another (Procurement Act 2023 s.50, contract 12).
The text is compared as it reads, not as it is encoded: :func:`reading` applies Unicode
compatibility normalisation (NFKC: a no-break space, a full-width or mathematical letter become
the plain one), drops invisible characters (zero-width spaces and joiners, soft hyphens and the
other format characters, variation selectors), folds case, maps look-alike letters to one
letter as Unicode's TR39 skeletons do (a Cyrillic "а" reads as the Latin "a", "0" as "O"), and
takes the words alone, so a name wrapped over a line or spaced twice is still one phrase.

A supplier is identified by its name, each distinctive word of its name, its trading names
(``also_known_as``), its identifier, its email, its postal address and each line of the address
that holds a number (a street address, a postcode), and by its option id. A word is distinctive
when no other supplier's name shares it, it is not an ordinary word of names
(:data:`ORDINARY`) and the appraisal's own words do not use it (:func:`frame_texts`: its title,
the criteria and gates, what is bought): "Northgate" of "Northgate Care Partnership LLP", not
"Care" or "LLP", nor "Visiting" of "Brightwell Health Visiting Ltd" in a health visiting
service's evaluation, where every explanation may speak of health visiting.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from appraisal.confusables import skeleton
from appraisal.model.criteria import CriteriaFile
from appraisal.model.option import Option

ORDINARY = frozenset("""
a an and at by for from in of on or the to with
ltd limited llp lp plc cic cio inc llc co company companies corporation corp uk gb group
holdings trust trustees partnership partners association society foundation charity
charitable federation alliance network consortium collective cooperative coop mutual
enterprise enterprises organisation organization agency services service solutions
consultancy consulting consultants care carers caring community communities health
healthcare social support supported housing homes home living family families children
childrens child young people youth adult adults learning education training nursing
residential domiciliary day centre center centres practice clinic medical hospital nhs
council borough county city district regional national international local new
""".split())
"""Words of names so common in tendering that they identify no one on their own."""

_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\w+(?:-\w+)*")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)


def reading(text: str) -> str:
    """``text`` as a reader sees it, for comparison (:func:`appraisal.confusables.skeleton`:
    normalised, invisible characters dropped, case folded, look-alike letters mapped, whitespace
    runs made one space)."""
    return skeleton(text)


def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as a reader sees them, punctuation and spacing aside."""
    return tuple(_WORD.findall(reading(text)))


@dataclass(frozen=True)
class Detail:
    """One identifying detail of a supplier: the words to find, as written and what it is."""

    owner: str
    """The option id of the tender whose supplier it identifies."""
    words: tuple[str, ...]
    shown: str
    what: str
    """What it is, in words: "the name", "a distinctive word of the name", ..."""


@dataclass(frozen=True)
class Found:
    detail: Detail
    start: int
    end: int


def _address_parts(address: str) -> Iterator[str]:
    yield address
    for part in re.split(r"[,\n;]", address):
        if re.search(r"\d", part) and len(_WORD.findall(part)) >= 2:
            yield part.strip()
    yield from (m.group(0) for m in _POSTCODE.finditer(address))


def frame_texts(frame: CriteriaFile) -> Iterator[str]:
    """The appraisal's own words, which every supplier's letter may use: its title and decision,
    the criteria's and gates' names and descriptions, and the description of what is bought."""
    yield from (t for t in (frame.title, frame.decision) if t)
    for c in frame.all_criteria():
        yield from (t for t in (c.name, c.description) if t)
    for g in frame.gates:
        yield from (t for t in (g.name, g.description) if t)
    if frame.award is not None and frame.award.description:
        yield frame.award.description


def _details(option: Option, shared: dict[str, int], common: frozenset[str]) -> Iterator[Detail]:
    s = option.supplier
    assert s is not None
    read = words(s.name)
    yield Detail(option.id, read, s.name, "the name")
    spelt = _WORD.findall(unicodedata.normalize("NFKC", s.name))
    for i, word in enumerate(read):
        if shared[word] == 1 and len(word) >= 3 and not word.isdigit() and word not in _ordinary() \
                and word not in common:
            shown = spelt[i] if len(spelt) == len(read) else word
            yield Detail(option.id, (word,), shown, "a distinctive word of the name")
    for name in s.also_known_as:
        yield Detail(option.id, words(name), name, "a trading name")
    for value, what in ((s.identifier, "the identifier"), (s.email, "the email")):
        if value:
            yield Detail(option.id, words(value), value, what)
    for part in _address_parts(s.address or ""):
        yield Detail(option.id, words(part), part, "the address" if part == s.address else "part of the address")


@cache
def _ordinary() -> frozenset[str]:
    """The ordinary words as :func:`words` reads them."""
    return frozenset(w for word in ORDINARY for w in words(word))


class Suppliers:
    """Every supplier's identifying details, indexed by their first word, so that finding the
    ones a text holds costs one look-up a word of the text, whatever the number of suppliers."""

    def __init__(self, options: Iterable[Option], common: Iterable[str] = ()) -> None:
        """``common``: texts whose words are no supplier's distinctive word (:func:`frame_texts`)."""
        tenders = [o for o in options if o.supplier is not None]
        self.names = {o.id: o.supplier.name for o in tenders if o.supplier is not None}
        shared: dict[str, int] = {}
        for o in tenders:
            assert o.supplier is not None
            for word in {w for name in (o.supplier.name, *o.supplier.also_known_as) for w in words(name)}:
                shared[word] = shared.get(word, 0) + 1
        ours = frozenset(w for text in common for w in words(text))
        self.index: dict[str, list[Detail]] = {}
        for detail in dict.fromkeys(d for o in tenders for d in _details(o, shared, ours) if d.words):
            self.index.setdefault(detail.words[0], []).append(detail)
        self.ids = {reading(o.id): o.id for o in tenders}

    def others(self, option_id: str, read: str) -> list[Detail]:
        """The other suppliers' details that a text holds (``read``: as :func:`reading` gives
        it), once each, in the order they come.

        Only the longest details found are counted: "Acme Care" within "Acme Care Trust" is part
        of Acme Care Trust's name, which is no leak in its own explanation."""
        seen = tuple(_WORD.findall(read))
        found = [Found(d, i, i + len(d.words)) for i, word in enumerate(seen) for d in self.index.get(word, ())
                 if seen[i:i + len(d.words)] == d.words]
        named = [f.detail for f in found if f.detail.owner != option_id and not any(
            g.start <= f.start and f.end <= g.end and g.end - g.start > f.end - f.start for g in found)]
        named += [Detail(self.ids[w], (w,), self.ids[w], "the option id")
                  for w in _COMPOUND.findall(read) if w in self.ids and self.ids[w] != option_id]
        once: dict[tuple[str, tuple[str, ...]], Detail] = {}
        for d in named:  # each detail once, and an id that is also a word of the name once
            once.setdefault((d.owner, d.words), d)
        return list(once.values())


def disguised(shown: str, text: str) -> bool:
    """Whether ``text`` holds ``shown`` only as a reader sees it: spelt with look-alike letters,
    hidden characters or other spacing."""
    return " ".join(shown.casefold().split()) not in " ".join(text.casefold().split())

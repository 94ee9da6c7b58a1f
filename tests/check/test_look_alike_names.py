"""No option may pose as another by its name (issue 24, item 7).

Two options whose names differ only by invisible characters (a zero-width space, a bidi mark),
by look-alike letters (a Cyrillic "о" for a Latin "o", "0" for "O") or by width and case are
refused at the later option's ``name:``; names that merely share words pass. The disguises
are made by hypothesis from names an officer would write.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.confusables import _stand_ins, skeleton
from appraisal.errors import InputError
from appraisal.load.folder import assemble
from appraisal.load.source import parse_yaml

CRITERIA = "title: T\ncriteria:\n  - id: q\n    name: Q\n    weight: 1\n"


def load(names: dict[str, str]) -> Any:
    """Options of these names (double-quoted, so any character can be written): the appraisal,
    or the problems."""
    texts = {"criteria.yaml": CRITERIA} | {
        f"options/{oid}.yaml": f"name: \"{name.encode('unicode_escape').decode('ascii')}\"\nscores: {{q: 3}}\n"
        for oid, name in names.items()}
    parsed = {name: parse_yaml(text, name, text.encode()) for name, text in texts.items()}
    try:
        return assemble(parsed, "criteria.yaml")[0]  # type: ignore[arg-type]
    except InputError as exc:
        return exc.problems


NAMES = st.sampled_from(["In-house", "Care at home", "Outsource to Riverside", "Do minimum", "Option 1",
                         "Shared service", "Community model"])
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u061c", "\u034f",
             "\ufe0f"]
LOOK_ALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440", "i": "\u0456",
              "s": "\u0455", "O": "0", "l": "1", "m": "rn", "I": "\u0406", "H": "\u041d", "C": "\u0421"}


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(NAMES)
    how = draw(st.sampled_from(["invisible", "look-alike", "width", "case", "spacing"]))
    if how == "invisible":
        at = draw(st.integers(0, len(name)))
        other = name[:at] + draw(st.sampled_from(INVISIBLE)) + name[at:]
    elif how == "look-alike":
        spots = [i for i, c in enumerate(name) if c in LOOK_ALIKE]
        if not spots:
            return name, name
        i = draw(st.sampled_from(spots))
        other = name[:i] + LOOK_ALIKE[name[i]] + name[i + 1:]
    elif how == "width":
        other = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    elif how == "case":
        other = name.swapcase()
    else:
        other = name.replace(" ", "  \u00a0")
    return name, other


@settings(max_examples=200, deadline=None)
@given(pair=disguised())
def test_a_name_disguised_as_another_options_is_refused_at_its_name(pair: tuple[str, str]) -> None:
    name, other = pair
    loaded = load({"a": name, "b": other, "c": name})  # the same name again is written plainly: not refused
    if name == other:
        assert sorted(o.id for o in loaded.options) == ["a", "b", "c"]
        return
    assert [(p.file, p.line, p.col) for p in loaded] == [("options/b.yaml", 1, 7)], (name, other)
    assert "reads the same as" in loaded[0].message
    assert "the name of option 'a' (options/a.yaml)" in loaded[0].message


def test_the_message_names_the_odd_character() -> None:
    (problem,) = load({"in-house": "In-house", "zz": "In-h\u043euse"})
    assert problem.message == (
        "the name 'In-hоuse' reads the same as 'In-house' (it holds U+043E CYRILLIC SMALL LETTER O, which looks "
        "like another letter or shows nothing), the name of option 'in-house' (options/in-house.yaml): give "
        "each option a name of its own")


def test_names_that_share_words_are_not_refused() -> None:
    loaded = load({"a": "Care at home", "b": "Care at home plus", "c": "Community care", "d": "Option 1",
                   "e": "Option 2", "f": "Option 11", "g": "Riverside Care", "h": "Riverside Care Ltd"})
    assert sorted(o.id for o in loaded.options) == list("abcdefgh")


def test_a_bidi_control_in_a_name_is_refused() -> None:
    """A right-to-left override makes a name read differently from what it is: refused at input
    (as every other text's), not only neutralised in output."""
    (problem,) = load({"a": "In-house", "b": "esuoh-nI\u202e"})
    assert problem.file == "options/b.yaml" and "U+202E" in problem.message


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(max_codepoint=127), max_size=20))
def test_ascii_names_are_compared_as_the_full_data_compares_them(text: str) -> None:
    """ASCII names take a short cut that does not read the data; it gives what the data gives."""
    full = " ".join(text.casefold().translate(_stand_ins()).casefold().split())
    assert skeleton(text) == full


def test_every_ascii_character_is_mapped_as_the_data_maps_it() -> None:
    for code in range(128):
        c = chr(code)
        assert skeleton(f"x{c}x") == " ".join(f"x{c}x".casefold().translate(_stand_ins()).casefold().split()), c


def test_skeletons_of_examples() -> None:
    plain = skeleton("In-house")
    for other in ["In-h\u043euse", "In\u200b-house", "\uff29\uff4e-\uff48\uff4f\uff55\uff53\uff45", "IN-HOUSE",
                  "In-house\ufe0f"]:
        assert skeleton(other) == plain, (other, [unicodedata.name(c, "?") for c in other])
    assert skeleton("Outsourced") != plain

"""No explanation names another supplier as a reader would see it (contract 12, docs/tenders.md):
by its name, a distinctive word of it, a trading name, its identifier, email, address or
option id, however the text is spaced, wrapped, hidden or spelt with look-alike letters; and
words that several suppliers share, or ordinary words of names, are never refused."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tenders_case import OPTIONS, folder

from appraisal.check.names import Suppliers, frame_texts, reading
from appraisal.check.summaries import summary_problems
from appraisal.load.folder import load
from appraisal.model.criteria import CriteriaFile
from appraisal.model.option import Option, Supplier


def named(problem: str) -> str:
    return problem.split("names another supplier ('")[1].split("', ", maxsplit=1)[0]


def leaks(tmp_path: Path, options: dict) -> list[tuple[str, str]]:
    problems = [str(p) for p in summary_problems(load(folder(tmp_path / "t", options)))]
    return [(p.split(":")[0].rsplit("/", 1)[-1], named(p)) for p in problems if "names another supplier" in p]


def test_every_other_supplier_an_explanation_names_is_found_in_option_order(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["supplier"]["name"] = "Acme"
    options["beta"]["supplier"]["name"] = "Acme Care"
    options["gamma"]["supplier"]["name"] = "acme care trust"
    # gamma's own name holds beta's and alpha's: only its own, so only the identifier leaks
    options["gamma"]["scores"]["staff"]["rationale"] = "ACME CARE TRUST staffing, as gb-coh-0002 set out."
    # beta's own name holds alpha's: no leak
    options["beta"]["scores"]["method"]["rationale"] = "Acme Care's plan in weeks."
    # alpha's text holds gamma's whole name (and within it beta's): gamma's is the one named
    options["alpha"]["scores"]["staff"]["rationale"] = "Staffing as at Acme Care Trust."
    # a name inside a longer word is not a name: 'Acme' in 'Acmeville'
    options["alpha"]["scores"]["method"]["rationale"] = "Acmeville centre first."
    assert leaks(tmp_path, options) == [("alpha.yaml", "acme care trust"), ("gamma.yaml", "GB-COH-0002")]


def test_an_explanation_naming_no_supplier_raises_nothing(tmp_path: Path) -> None:
    assert summary_problems(load(folder(tmp_path / "t"))) == []


def rivals(tmp_path: Path) -> dict:
    """Three tenders and a discounted one, named as a council's suppliers are: sharing words."""
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["supplier"].update(name="Northgate Care Partnership LLP")
    options["beta"]["supplier"].update(name="Brightstart Community Care Ltd", also_known_as=["Little Acorns"])
    options["gamma"]["supplier"].update(name="Riverside Community Care", address="3 Riverside Walk,\nBath BA2 3CC")
    options["delta"] = copy.deepcopy(OPTIONS["beta"])
    options["delta"].update(name="Late bid", status="discounted", reason="Received after the deadline.")
    options["delta"]["supplier"].update(name="Oakfield Homes Ltd", identifier="GB-COH-0099",
                                         email="tenders@oakfield.example")
    return options


FOUND = {
    "similar to Brightstart.": "Brightstart",
    "unlike Riverside's plan": "Riverside",
    "as Riverside Community\n  Care does": "Riverside Community Care",
    "as Riverside  Community Care does": "Riverside Community Care",
    "as Riverside\u00a0Community Care does": "Riverside Community Care",
    "as River\u200bside does": "Riverside",
    "as Rivers\u00adide does": "Riverside",
    "as Brightst\u0430rt does": "Brightstart",  # Cyrillic а
    "as ＢＲＩＧＨＴＳＴＡＲＴ does": "Brightstart",  # full-width letters
    "as little acorns does": "Little Acorns",
    "see gb-coh-0099": "GB-COH-0099",
    "write to tenders@oakfield.example": "tenders@oakfield.example",
    "as Oakfield did": "Oakfield",  # a discounted tender's supplier
    "at 3 Riverside Walk": "3 Riverside Walk",
    "near BA2 3CC": "BA2 3CC",
    "as in beta's plan": "beta",
}


def test_each_way_of_naming_a_rival_is_refused_where_it_is_written(tmp_path: Path) -> None:
    for i, (text, rival) in enumerate(FOUND.items()):
        options = rivals(tmp_path)
        options["alpha"]["scores"]["staff"]["rationale"] = f"Staffing is sound, {text}"
        assert leaks(tmp_path / str(i), options) == [("alpha.yaml", rival)], text


def test_a_refusal_is_located_at_the_rationale_and_says_how_it_was_disguised(tmp_path: Path) -> None:
    options = rivals(tmp_path)
    options["alpha"]["scores"]["staff"]["rationale"] = "Staffing is sound, as Brightst\u0430rt does."
    root = folder(tmp_path / "t", options)
    problems = [str(p) for p in summary_problems(load(root))]
    lines = (root / "options" / "alpha.yaml").read_text("utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, 1) if "Brightst" in text]
    (error,) = [p for p in problems if "names another supplier" in p]
    assert error.startswith(f"{root / 'options' / 'alpha.yaml'}:{line}:")
    assert "a distinctive word of the name of Brightstart Community Care Ltd, written with look-alike" in error


SHARED = ["Community care of a high standard.", "A care partnership with the LLP's staff.",
          "Ltd staff are trained; the community is served.", "Care homes nearby.",
          "A bright start for each child.", "Acorns are little.", "The oak field."]


def test_shared_and_ordinary_words_pass(tmp_path: Path) -> None:
    options = rivals(tmp_path)
    for o, text in zip(("alpha", "beta", "gamma"), SHARED, strict=False):
        options[o]["scores"]["staff"]["rationale"] = text
    options["gamma"]["scores"]["method"]["rationale"] = " ".join(SHARED)
    assert leaks(tmp_path, options) == []


# The mechanism, on random texts: whatever is inserted into a rival's name that a reader does not
# see, or sees as the same letters, it is found; shared and ordinary words never are.

NAMES = {"alpha": "Northgate Care Partnership LLP", "beta": "Brightstart Community Care Ltd",
         "gamma": "Riverside Community Care"}
SUPPLIERS = Suppliers(Option(id=i, name=f"{n} tender", supplier=Supplier(name=n, identifier=f"X-{i}"))
                      for i, n in NAMES.items())
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f", "\ufe0f"]
SPACES = [" ", "  ", "\n", "\n    ", "\t", "\u00a0", "\u2003", "\u3000", " \u200b "]
LOOKALIKE = {"a": "\u0430\uff41\U0001d41a", "e": "\u0435\uff45", "o": "\u043e\u03bf\u0030",
             "i": "\u0456\u2170", "c": "\u0441\u217d", "p": "\u0440", "t": "\U0001d42d", "s": "\u0455",
             "h": "\u04bb", "r": "\U0001d42b", "n": "\U0001d427", "g": "\u0261", "d": "\u217e",
             "l": "\u2113\u0031", "b": "\U0001d41b", "v": "\u03bd", "y": "\u0443"}


@st.composite
def disguised(draw: st.DrawFn, phrase: str) -> str:
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(draw(st.sampled_from(SPACES)))
            continue
        case = draw(st.sampled_from([ch, ch.upper(), ch.lower()]))
        swaps = LOOKALIKE.get(ch.lower(), "")
        out.append(draw(st.sampled_from(swaps)) if swaps and draw(st.booleans()) else case)
        out.extend(draw(st.lists(st.sampled_from(HIDDEN), max_size=2)))
    return "".join(out)


PHRASES = [(i, p) for i, n in NAMES.items() for p in (n, n.split()[0])]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PHRASES), st.data(), st.sampled_from(["", "As ", "see\n"]),
       st.sampled_from(["", ".", "'s plan", ",\nwhich"]))
def test_a_rivals_name_however_disguised_is_found(target: tuple[str, str], data: st.DataObject,
                                                 before: str, after: str) -> None:
    rival, phrase = target
    text = before + data.draw(disguised(phrase)) + after
    for reader in NAMES:
        found = [(d.owner, d.shown) for d in SUPPLIERS.others(reader, reading(text))]
        assert (rival, phrase) in found if reader != rival else found == [], (reader, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Community", "Care", "Ltd", "LLP", "Partnership", "the", "of", "community care",
                                 "care partnership", "and", "staff", "a", "bright", "river", "north gate",
                                 "start", "Homes", "services", "limited"]), min_size=1, max_size=12),
       st.sampled_from(list(NAMES)), st.data())
def test_shared_and_ordinary_words_are_never_refused(words: list[str], reader: str, data: st.DataObject) -> None:
    text = " ".join(data.draw(disguised(w)) for w in words)
    assert SUPPLIERS.others(reader, reading(text)) == [], text


def test_reading_is_what_a_reader_sees() -> None:
    assert reading("Brightst\u0430rt\u200b  Care\n") == reading("BRIGHTSTART CARE")
    assert reading("\uff32iverside") == reading("riverside")


def test_an_option_id_that_is_also_a_word_of_the_name_is_one_problem(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)  # alpha's supplier is Alpha Services Ltd
    options["beta"]["scores"]["staff"]["rationale"] = "Staffing as at alpha, then as at Alpha again."
    assert leaks(tmp_path, options) == [("beta.yaml", "Alpha")]


def test_a_word_of_the_appraisals_own_text_is_no_rivals_distinctive_word() -> None:
    """A health visiting service's explanations speak of health visiting: "Visiting" in a rival's
    name does not make them name the rival, though the rival's full name still does."""
    frame = CriteriaFile.model_validate({"title": "Health visiting and school nursing", "criteria": [
        {"id": "reach", "name": "Reach", "weight": 1, "description": "Brightwell-style home visits"}]})
    tenders = [Option(id="a", name="A", supplier=Supplier(name="Brightwell Health Visiting Ltd")),
               Option(id="b", name="B", supplier=Supplier(name="Riverside Family Services"))]
    plain, ours = Suppliers(tenders), Suppliers(tenders, frame_texts(frame))
    text = reading("The visiting plan reaches every ward.")
    assert [d.shown for d in plain.others("b", text)] == ["Visiting"]  # without the appraisal's words
    assert ours.others("b", text) == []
    assert [d.shown for d in ours.others("b", reading("Unlike Brightwell Health Visiting Ltd"))] == [
        "Brightwell Health Visiting Ltd"]
    assert ours.others("b", reading("Brightwell's reach")) == []  # the criterion's description uses it

"""Number and text formatting shared by the human formats (table, Markdown, HTML).

Numbers are rounded only here, when presented, to fixed decimals.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that act on a terminal or reorder text instead of showing: C0 controls but tab
and newline, DEL, C1 controls (ESC and CSI start the escape sequences that recolour, retitle
or clear a terminal), and the bidirectional embeddings, overrides and isolates that make text
display in another order than it is stored ("Trojan Source", CVE-2021-42574)."""


_SHOWN_ESCAPED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What :func:`visible` escapes: the unsafe characters, and tabs and the invisible bidi marks
(which are allowed in input but would shift a terminal's columns or hide in a message)."""


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet program read typed or imported text as a formula (OWASP CSV injection)."""


def formula_like(text: str) -> bool:
    """Whether ``text`` would become a formula if typed into a cell or opened as CSV: the CSV
    prefixes a quote (``render.machine``), a workbook keeps it a text cell with Excel's quote
    prefix (``render.xlsx.cells``)."""
    return text.startswith(FORMULA_START)


def visible(text: str) -> str:
    """``text`` with control and bidi characters written as escapes (``\\x1b``, ``\\u202e``, ``\\t``).

    For messages, which quote keys, file names and values as the user wrote them, and for
    terminal tables. Line breaks are kept (a message or paragraph may have several lines).
    """
    return _SHOWN_ESCAPED.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    """:func:`visible`, with line feeds written as ``\\n`` too: for a file name or id, which is
    one line however it is spelt (``options/in-house<newline>.yaml``)."""
    return visible(text).replace("\n", "\\n")


_OBJECT = re.compile(r"<((?:[^<>]|<lambda>|<locals>|<genexpr>){1,300}?) at 0x[0-9a-fA-F]+>")
"""Python's default repr of an object (``<_io.BytesIO object at 0x7f...>``,
``<function f at 0x7f...>``), which a library's or Python's own exception text may quote."""


def no_objects(text: str) -> str:
    """``text`` with every Python object's default repr in it named in words instead
    (``<_io.BytesIO object at 0x7f...>`` becomes ``a BytesIO``, ``<function f at 0x...>``
    ``the function f``).

    For messages, which may carry a library's words about a value it was given: nobody who
    reads a message should meet a memory address. The message still says what was wrong.
    """
    def words(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.endswith(" object"):
            return "a " + inner.removesuffix(" object").rsplit(".", 1)[-1]
        if inner.startswith("function "):
            return "the function " + inner.removeprefix("function ")
        return "a value"

    return _OBJECT.sub(words, text)


_MD_SPECIAL = re.compile(r"([\\`*\[\]|~{}$^])")
"""Punctuation that is Markdown (or pandoc) syntax wherever it stands."""
_MD_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An underscore that is not between two letters or digits: one inside a word
(``value_for_money``) makes no emphasis in GitHub's Markdown or pandoc's, so needs no escape."""
_MD_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
"""An ampersand that would start a character reference (``&amp;``, ``&#60;``); any other
``&`` (``B&NES``) is shown as it is."""
_MD_HASH = re.compile(r"^#|#+$")
"""A ``#`` that opens a heading, or a run that would close one (and be dropped)."""
_MD_BULLET = re.compile(r"^([-+])(?=[\s-])")
"""A bullet (``- ``, ``+ ``) or thematic break (``---``) at the start of a paragraph."""
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
"""An ordered-list marker (``1. ``, ``2) ``) at the start of a paragraph."""
_CODE_OR_GITHUB_REFERENCE = re.compile(
    r"(?<!\\)(`+).*?\1|(?<!\w)@(?=[A-Za-z0-9])|#(?=[0-9])|(?<!\w)GH-(?=[0-9])", re.IGNORECASE)
"""A code span (kept as it is; a backtick after a backslash, as md escapes one, opens none), or
what GitHub turns into a notification or a link in a comment: ``@someone`` where it starts a
word (a mention, which notifies them), ``#12`` anywhere (``owner/repo#12`` too) and ``GH-12``
(links to an issue, which leave a back-link on it)."""


def github_neutral(markdown: str) -> str:
    """Markdown (``md`` output and its tables) as GitHub shows it without notifying or linking:
    a zero-width space after each mark of :data:`_CODE_OR_GITHUB_REFERENCE` (``@&#8203;someone``).

    GitHub looks for mentions in the text once the Markdown is read, so a backslash or ``&#64;``
    would not stop one; the zero-width space breaks the pattern and shows nothing. Code spans are
    left alone: GitHub finds nothing there, and an entity would show as written. For Markdown
    posted to GitHub (the ``diff`` comment); Word and PDF are made without it, where an invisible
    character would hide the text from a search.
    """
    return _CODE_OR_GITHUB_REFERENCE.sub(lambda m: m[0] if m[1] else m[0] + "&#8203;", markdown)


def md(text: object) -> str:
    """Escape user text for a Markdown table cell or paragraph (GitHub and pandoc).

    Backslash-escapes Markdown punctuation (also ``{}``, pandoc's heading attributes; ``$``
    and ``^``, math and superscript in pandoc and GitHub; ``#`` where it would open or close a
    heading; ``_`` except inside a word), turns ``<`` and ``>`` into entities (so no HTML gets
    through) and ``&`` where it would start an entity, folds line breaks, which would end a
    table row, into spaces, and escapes a list marker at the start, so text that opens a
    paragraph or list item stays text. Text needing no escape is left as it is, so the
    Markdown source reads as the user wrote it.
    """
    s = str(text)
    return _md_remembered(s) if len(s) <= REMEMBERED_LENGTH else _md(s)


REMEMBERED_LENGTH = 200
"""Text up to this long is escaped once and remembered: a table repeats its names and figures
row by row (a moderation pack of 1,000 options escapes 346,000 cells, 2,355 of them different).
Longer text (a rationale, whatever a template prints) is escaped each time, so the memory held
stays small."""


def _md(text: str) -> str:
    s = " ".join(text.split())
    s = _MD_ENTITY.sub("&amp;", s).replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = _MD_UNDERSCORE.sub(r"\\_", s)
    s = _MD_HASH.sub(lambda m: "\\#" * len(m.group()), s)
    s = _MD_BULLET.sub(r"\\\1", s)
    return _MD_ORDERED.sub(r"\1\\\2", s)


_md_remembered = functools.lru_cache(maxsize=4096)(_md)


def titled(title: str, scenario: str | None, escape: Callable[[str], str] = str) -> str:
    """'Title (scenario)': a heading that names the scenario applied; ``escape`` (such as
    :func:`md`) is applied to each part."""
    return escape(title) + (f" ({escape(scenario)})" if scenario else "")


SHORT = 40
"""Characters of a name a terminal table shows before it shortens it (:func:`shortened`)."""


def shortened(name: str, limit: int = SHORT) -> str:
    """``name`` cut at a space to at most ``limit`` characters, with an ellipsis: a terminal
    table's label for a long option or criterion name (the full name is in every other format)."""
    if len(name) <= limit:
        return name
    cut = name[:limit - 1]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    if cut.count("(") > cut.count(")"):  # not "Threshold on Method (at…": the bracket goes too
        cut = cut[:cut.rfind("(")]
    return cut.rstrip(" ,;:(") + "…"


def noticed(notice: str | None, escape: Callable[[str], str] = str) -> list[str]:
    """The lines a heading's notice adds under it (criteria.yaml's ``notice``: an illustrative
    example's, a draft's): in italics where ``escape`` is Markdown's, then a blank line."""
    if not notice:
        return []
    return [f"_{escape(notice)}_" if escape is not str else notice, ""]


def points(value: float) -> str:
    """A total or contribution: two decimals."""
    return f"{value:.2f}"


def percent(fraction: float, places: int = 1) -> str:
    """A weight as a percentage of the whole."""
    return f"{fraction * 100:.{places}f}%"


def number(value: float | None) -> str:
    """A score: as given, without a trailing .0."""
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def money(value: float, currency: str = "GBP", *, exact: bool = False) -> str:
    """Whole units with thousands separators: GBP 1,650,000; with ``exact``, a figure with pence
    keeps them as written (an input shown as it was given)."""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency)
    amount = f"{value:,}" if exact and value != round(value) else f"{round(value):,}"
    return f"{symbol}{amount}" if symbol else f"{currency} {amount}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """A count and its noun in agreement: '1 warning', '2 warnings', '0 options'.

    ``words`` gives an irregular plural ('1 criterion', '3 criteria'). Counts of a thousand or
    more get thousands separators.
    """
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def series(items: Iterable[str], conjunction: str = "and") -> str:
    """Items as a list in words: 'A', 'A and B', 'A, B and C' ('or' for alternatives)."""
    names = list(items)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conjunction} " + names[-1]


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or nothing.

    Nothing when there are over 1,000 choices: each comparison costs, and suggesting a name
    for each of thousands of missing ones would take hours.
    """
    if len(choices) > 1000:
        return ""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Words:
    """What the outputs call the things appraised: options, or in a tender evaluation tenders.

    Every sentence that names them takes its words from here (``vocabulary``), so an appraisal
    without suppliers reads as it always has and a tender evaluation reads as one throughout
    (docs/tenders.md, What reads differently). Lower case; ``.capitalize()`` opens a sentence.
    """

    option: str
    options: str
    an_option: str
    """With its article: 'an option', 'a tender'."""
    preferred: str
    """The one recommended, without its article: 'preferred option', 'most advantageous tender'
    (the Procurement Act 2023 s.19 awards to the most advantageous tender)."""
    best: str
    """The same as a predicate: 'X stays preferred', 'X stays most advantageous'."""
    shortlisted: str
    """The adjective for those scored: 'shortlisted options', 'assessed tenders'."""
    exercise: str
    """What the whole is: 'options appraisal', 'tender evaluation'."""
    providers: str
    """Who would deliver them: 'providers', 'suppliers'; under the regime the providers themselves."""

    @property
    def provider(self) -> str:
        """One of :attr:`providers`: 'provider', 'supplier'."""
        return self.providers.removesuffix("s")


OPTION_WORDS = Words("option", "options", "an option", "preferred option", "preferred", "shortlisted",
                     "options appraisal", "providers")
TENDER_WORDS = Words("tender", "tenders", "a tender", "most advantageous tender", "most advantageous",
                     "assessed", "tender evaluation", "suppliers")
PSR_WORDS = Words("provider", "providers", "a provider", "most suitable provider", "most suitable", "assessed",
                  "provider selection", "providers")
"""Under the NHS Provider Selection Regime what is assessed is each provider (its offer), and the one chosen
is the most suitable provider (Health Care Services (Provider Selection Regime) Regulations 2023, regs 10, 11)."""
PSR_DIRECT_WORDS = Words("provider", "providers", "a provider", "chosen provider", "chosen", "assessed",
                         "provider selection", "providers")
"""Under direct award process C no provider is found most suitable among others: the existing provider is
awarded again, and Schedule 3 gives the reasons for selecting 'the chosen provider'."""


def bid(words: Words) -> str:
    """What a bidder submits and is assessed on, as its letter calls it: 'tender', or under the
    Provider Selection Regime, whose words name the provider, its 'offer'."""
    return "offer" if words.exercise == PSR_WORDS.exercise else words.option


def vocabulary(tender: bool, regime: str = "procurement_act", process: str | None = None) -> Words:
    """The words of a selection under the Provider Selection Regime (by its ``process``), of a tender
    evaluation (``Appraisal.tender``), or of an options appraisal (``Appraisal.words`` chooses)."""
    if regime == "psr":
        return PSR_DIRECT_WORDS if process == "direct_award_c" else PSR_WORDS
    return TENDER_WORDS if tender else OPTION_WORDS

"""One part of a workbook parsed as a stream, with every limit checked as it goes (load/xlsxguard.py).

expat (the parser defusedxml builds on) reads the part in any encoding XML allows, UTF-16
included; a document type declaration, nesting deeper than :data:`MAX_DEPTH`, a tag or text
longer than the limit, more elements, shared texts or merged cells than :class:`Limits` allow
stop it, and each cell's stored value is checked as a spreadsheet program writes it.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 100
"""XML nesting; Excel's deepest parts (charts) nest about twenty."""
MAX_NUMBER_TEXT = 100
"""Characters of a number as stored; Excel writes at most 17 significant digits."""
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_SHEETLIKE = frozenset({"worksheet", "sst"})
"""Parts whose elements count against the sheets' budget; the rest against the others'."""
_INSIDE = frozenset({"f", "is"})
_NOTED = frozenset({"si", "mergeCell", "hyperlink", "sheet", "Relationship"})
MAX_UNPACKED = 200_000_000
"""The parts together, unpacked: a bound against a zip bomb."""
SAVE_AGAIN = "save the workbook again from Excel as 'Excel Workbook (.xlsx)' and import that file"


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold: its reader derives these from what it expects to find."""

    rows: int
    """The last row a value may be in, on any sheet."""
    columns: int = 100
    """The last column a value may be in."""
    elements: int = 200_000
    """XML elements in the sheets and the shared-string table together."""
    others: int = 20_000
    """XML elements in the other parts (styles, theme, drawings...), which openpyxl reads more slowly."""
    strings: int = 100_000
    """Entries in the shared-string table."""
    unpacked: int = MAX_UNPACKED
    """Bytes of all the parts, unpacked."""

    @property
    def tag(self) -> int:
        """Bytes one XML tag or text may take (a data validation lists every score cell in one tag)."""
        return 1_000_000 + 16 * self.rows


@dataclass
class Tally:
    """What the parse of a workbook's parts has counted and found so far."""

    limits: Limits
    elements: int = 0
    others: int = 0
    strings: int = 0
    merged: int = 0
    problems: list[tuple[str, int, int, str]] = field(default_factory=list)
    """Part, row, column and message of each cell whose value is wrong."""
    unvalued: list[tuple[str, int, int]] = field(default_factory=list)
    """Part, row and column of each formula with no stored value."""
    shared: tuple[str, int, int, int] | None = None
    """Where the highest shared-text index a cell uses is, and the index."""
    workbook: tuple[str, list[tuple[str, str]]] | None = None
    """The workbook part, and each sheet's name and relationship id."""
    rels: dict[str, dict[str, str]] = field(default_factory=dict)
    """By relationships part, each relationship's id and target."""


class Refused(Exception):
    """A part breaks a limit: the scan stops."""


class PartParser:
    """One XML part, parsed as a stream by expat with every limit checked as it goes."""

    def __init__(self, state: Tally, part: str) -> None:
        self.state, self.part, self.depth, self.root = state, part, 0, ""
        self.sheetlike = self.worksheet = False
        self.gap = 0  # bytes since the last '>' (in any encoding): a tag longer than the limit is refused unread
        self.row = self.column = 0
        self.in_cell = self.in_v = self.valued = self.formula = False
        self.kind = "n"
        self.text: list[str] = []
        self.locals: dict[str, str] = {}
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        self.parser = parser

    def feed(self, data: bytes, final: bool) -> None:
        first = data.find(b">")
        self.gap += len(data) if first < 0 else first
        if self.gap > self.state.limits.tag:
            raise Refused(f"holds a single XML tag or text of over {self.state.limits.tag:,} bytes, which Excel "
                          f"never writes: {SAVE_AGAIN}")
        if first >= 0:
            self.gap = len(data) - data.rfind(b">") - 1
        self.parser.Parse(data, final)

    def _doctype(self, *_: Any) -> None:
        raise Refused("declares a document type or XML entities, which Excel never writes (an XML bomb starts "
                      f"so): {SAVE_AGAIN}")

    def _characters(self, text: str) -> None:
        if self.in_v and len(self.text) < MAX_NUMBER_TEXT:
            self.text.append(text)

    def _local(self, tag: str) -> str:
        local = self.locals.get(tag)
        if local is None:
            local = self.locals[tag] = tag.rsplit(" ", 1)[-1]
        return local

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise Refused(f"is nested more than {MAX_DEPTH} levels deep, which Excel never writes: {SAVE_AGAIN}")
        local = self._local(tag)
        if not self.root:
            self.root, self.sheetlike, self.worksheet = local, local in _SHEETLIKE, local == "worksheet"
        self._tally_element()
        if local == "c" and self.worksheet:
            self._cell(attrs)
        elif local == "v":
            self.valued = self.in_v = self.in_cell
        elif local in _INSIDE:
            self.formula = self.formula or local == "f"
            self.valued = self.valued or local == "is"
        elif local == "row" and self.worksheet:
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
        elif local in _NOTED:
            self._note(local, attrs)

    def _tally_element(self) -> None:
        state, limits = self.state, self.state.limits
        if self.sheetlike:
            state.elements += 1
            if state.elements > limits.elements:
                raise Refused(f"takes the workbook's sheets past {limits.elements:,} XML elements, far more than "
                              "a scoresheet for this appraisal holds: is this the right file?")
        else:
            state.others += 1
            if state.others > limits.others:
                raise Refused(f"takes the workbook's styles and other parts past {limits.others:,} XML elements, "
                              "far more than a scoresheet holds: is this the right file?")

    def _note(self, local: str, attrs: dict[str, str]) -> None:
        """A shared text counted, a merged or linked range measured, a sheet or relationship noted."""
        state = self.state
        if local == "si":
            state.strings += 1
            if state.strings > state.limits.strings:
                raise Refused(f"holds over {state.limits.strings:,} pieces of text, far more than a scoresheet for "
                              "this appraisal holds: is this the right file?")
        elif local in ("mergeCell", "hyperlink"):
            self._area(attrs.get("ref", ""))
        elif local == "sheet" and self.root == "workbook":
            rid = next((v for k, v in attrs.items() if k.endswith(" id")), "")
            state.workbook = state.workbook or (self.part, [])
            state.workbook[1].append((attrs.get("name", ""), rid))
        elif local == "Relationship":
            state.rels.setdefault(self.part, {})[attrs.get("Id", "")] = attrs.get("Target", "")

    def _cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is None:
            self.column += 1
        else:
            match = _REF.fullmatch(ref)
            if match is None:
                raise Refused(f"names a cell {ref[:20]!r}, which is not a cell: {SAVE_AGAIN}")
            letters, digits = match.groups()
            self.column, self.row = _COLUMNS.get(letters) or _column(letters), int(digits)
        self.kind = attrs.get("t", "n")
        self.in_cell, self.valued, self.formula = True, False, False
        self.text = []

    def _area(self, ref: str) -> None:
        """A merged or linked range, which openpyxl fills cell by cell."""
        corners = [_REF.fullmatch(c.replace("$", "")) for c in ref.split(":")]
        if not ref or len(corners) > 2 or None in corners:
            raise Refused(f"names a range {ref[:30]!r}, which is not a range: {SAVE_AGAIN}")
        rows = [int(m.group(2)) for m in corners if m]
        columns = [_column(m.group(1)) for m in corners if m]
        self.state.merged += (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)
        if max(rows) > self.state.limits.rows or max(columns) > self.state.limits.columns or \
                self.state.merged > self.state.limits.rows * self.state.limits.columns:
            raise Refused(f"merges or links cells ({ref}) far outside a scoresheet for this appraisal: clear the "
                          "formatting there, or import the workbook `appraise scoresheet` wrote")

    def _end(self, tag: str) -> None:
        self.depth -= 1
        if self.in_cell:
            local = self._local(tag)
            if local == "v":
                self.in_v = False
            elif local == "c":
                self.in_cell = False
                self._check()

    def _check(self) -> None:
        state, limits = self.state, self.state.limits
        where = (self.part, self.row, self.column)
        if not (self.valued or self.formula):
            return  # an empty cell (formatting only) holds nothing to read, wherever it is
        if self.row > limits.rows or self.column > limits.columns:
            state.problems.append((*where, (
                f"a value far outside a scoresheet for this appraisal (beyond row {limits.rows:,} or column "
                f"{limits.columns}): clear it")))
        elif self.formula and not self.valued:
            state.unvalued.append(where)
        elif self.text:
            problem = value_problem(self.kind, "".join(self.text).strip())
            if isinstance(problem, str):
                state.problems.append((*where, problem))
            elif problem is not None and (state.shared is None or problem > state.shared[3]):
                state.shared = (*where, problem)


def value_problem(kind: str, value: str) -> str | int | None:
    """What is wrong with a cell's stored value (or, for shared text, the index it refers to)."""
    if not value:
        return None  # <v/>: no value, as openpyxl reads it
    shown = value if len(value) <= 30 else value[:30] + "..."
    if kind == "n" and not (len(value) <= MAX_NUMBER_TEXT and _NUMBER.fullmatch(value)
                            and abs(float(value)) != float("inf")):
        return (f"the cell holds {shown!r} where a number should be, which no spreadsheet program writes: "
                "type the value again")
    if kind == "b" and value not in ("0", "1"):
        return f"the cell holds {shown!r} where TRUE or FALSE should be: type the value again"
    if kind == "s":
        if not value.isdigit() or len(value) > 9:
            return f"the cell refers to shared text {shown!r}, which is not a number: type the value again"
        return int(value)
    if kind == "d":
        from openpyxl.utils.datetime import from_ISO8601

        try:
            from_ISO8601(value)
        except (ValueError, TypeError, OverflowError):
            return f"the cell holds {shown!r} where a date should be: type the date again"
    return None


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


_COLUMNS = {chr(64 + a) + chr(64 + b) * (b > 0): _column(chr(64 + a) + chr(64 + b) * (b > 0))
            for a in range(1, 27) for b in range(27)}
"""The columns A to ZZ by their letters, looked up rather than computed for each cell."""

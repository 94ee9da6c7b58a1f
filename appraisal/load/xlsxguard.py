"""A workbook checked before openpyxl reads it, and then read (docs/reliability.md, Workbooks).

openpyxl trusts what it reads: a value in the last row makes a reader walk a million rows, a
merge of the whole sheet builds 17 billion cells, a flood of shared strings or styles costs
minutes, and damage raises whatever exception the library meets. So :func:`scan` first reads
every part once, as a stream, with expat (any encoding XML allows, UTF-16 included), and
refuses at its part or cell: a document type declaration, an encrypted or oddly compressed
member, a damaged stream, XML that is not well-formed or nested deeper than
:data:`MAX_DEPTH`, more than the caller's :class:`Limits`, and values no spreadsheet writes
(``NaN``, a 5,000-digit number). Only then does :func:`open_workbook` let openpyxl read it,
its warnings unshown; whatever it still raises is a damaged file (exit 2). The scan notes the
formulas with no stored value, which a reader must refuse rather than take for empty cells.
"""

from __future__ import annotations

import re
import warnings
import xml.parsers.expat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from appraisal.errors import InputError, Problem

MAX_BYTES = 20_000_000  # a scoresheet of 500 criteria x 1,000 options is well under this
MAX_UNPACKED = 200_000_000  # the parts together, unpacked: a bound against a zip bomb
MAX_MEMBERS = 1_000  # parts in the zip; Excel writes about fifteen
MAX_DEPTH = 100
"""XML nesting; Excel's deepest parts (charts) nest about twenty."""
MAX_NUMBER_TEXT = 100
"""Characters of a number as stored; Excel writes at most 17 significant digits."""
_CHUNK = 1 << 16
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_SAVE_AGAIN = "save the workbook again from Excel as 'Excel Workbook (.xlsx)' and import that file"


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem at a cell: ``file`` is ``FILE.xlsx:SHEET``, ``line`` the row, ``col`` the column."""

    def __str__(self) -> str:
        from openpyxl.utils import get_column_letter

        from appraisal.text import visible

        return visible(f"{self.file}!{get_column_letter(self.col)}{self.line}: {self.severity}: {self.message}")


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
        """Bytes one XML tag may take (a data validation lists every score cell in one)."""
        return 1_000_000 + 16 * self.rows


@dataclass
class Scan:
    """What the scan saw that a reader needs."""

    unvalued: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    """By sheet name, the (row, column) of each formula that has no stored value."""


class _Refused(Exception):
    """A part breaks a limit: the scan stops."""


def open_workbook(path: Path, limits: Limits) -> tuple[Any, Scan]:
    """The workbook at ``path`` read by openpyxl (values only), once :func:`scan` passed it."""
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency; never parse a workbook without it
        raise InputError([Problem(str(path), 1, 1, "cannot read workbooks safely: install defusedxml")])
    seen = scan(path, limits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and the like
        try:
            return load_workbook(path, data_only=True, keep_links=False, keep_vba=False), seen
        except Exception:  # noqa: BLE001 - anything openpyxl raises on bytes the scan passed means damage
            raise InputError([Problem(str(path), 1, 1, (
                f"not an Excel workbook appraise can read (.xlsx): {_SAVE_AGAIN}"))]) from None


def scan(path: Path, limits: Limits) -> Scan:
    """Read every part of the workbook at ``path`` within ``limits``; InputError naming the part or cell."""
    name = str(path)
    if not path.is_file():
        raise InputError([Problem(name, 1, 1, "no such file: give the scoresheet's path")])
    if (size := path.stat().st_size) > MAX_BYTES:
        raise InputError([Problem(name, 1, 1, (
            f"the workbook is {size:,} bytes; a scoresheet is at most {MAX_BYTES:,}: is this the right file?"))])
    with path.open("rb") as stream:
        if stream.read(len(_OLE)) == _OLE:
            encrypted = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e".encode() in stream.read()
            raise InputError([Problem(name, 1, 1, (
                "the workbook is protected with a password: remove it (in Excel, File > Info > Protect "
                "Workbook > Encrypt with Password, clear the password), save, and import that file"
                if encrypted else "an Excel 97-2003 workbook (.xls): save it as 'Excel Workbook (.xlsx)' "
                "and import that file"))])
    state = _State(name, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            _check_members(members, name, limits)
            for info in members:
                state.read(archive, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, UnicodeDecodeError):
        raise InputError([Problem(name, 1, 1, f"not an Excel workbook appraise can read: {_SAVE_AGAIN}")]) from None
    return state.finish()


def _check_members(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    def refuse(message: str) -> None:
        raise InputError([Problem(name, 1, 1, message)])

    if len(members) > MAX_MEMBERS:
        refuse(f"the workbook has {len(members):,} parts; a scoresheet has about fifteen: is this the right file?")
    unpacked = sum(i.file_size for i in members)
    if unpacked > limits.unpacked:
        refuse(f"the workbook unpacks to {unpacked:,} bytes; a scoresheet for this appraisal is at most "
               f"{limits.unpacked:,}: is this the right file?")
    for info in members:
        if info.flag_bits & 0x1:
            refuse(f"the workbook's part {info.filename} is encrypted with a password: {_SAVE_AGAIN}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(f"the workbook's part {info.filename} is compressed in a way Excel never uses: {_SAVE_AGAIN}")


class _State:
    """The scan of one workbook: counts across its parts, and what it found."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.elements = self.others = self.strings = self.merged = 0
        self.problems: list[tuple[str, int, int, str]] = []  # part, row, column, message
        self.unvalued: list[tuple[str, int, int]] = []
        self.shared: tuple[str, int, int, int] | None = None  # the highest shared-string index a cell uses
        self.workbook: tuple[str, list[tuple[str, str]]] | None = None  # its part, each sheet's name and rel id
        self.rels: dict[str, dict[str, str]] = {}  # rels part: id -> target

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        part = info.filename
        try:
            with archive.open(info) as stream:
                chunk = stream.read(_CHUNK)
                if not _looks_like_xml(chunk):
                    while stream.read(_CHUNK):  # an image or the like: unpacked only, to check its stream
                        pass
                    return
                reader = _Part(self, part)
                while chunk:
                    reader.feed(chunk, final=False)
                    chunk = stream.read(_CHUNK)
                reader.feed(b"", final=True)
        except (zlib.error, zipfile.BadZipFile, EOFError) as exc:
            raise InputError([Problem(self.name, 1, 1, (
                f"the workbook is damaged: its part {part} does not unpack ({exc}): {_SAVE_AGAIN}"))]) from None
        except _Refused as exc:
            raise InputError([Problem(self.name, 1, 1, f"the workbook's part {part} {exc}")]) from None
        except xml.parsers.expat.ExpatError as exc:
            raise InputError([Problem(self.name, 1, 1, (
                f"the workbook is damaged: its part {part} is not well-formed XML (line {exc.lineno}, column "
                f"{exc.offset + 1}: {xml.parsers.expat.ErrorString(exc.code)}): {_SAVE_AGAIN}"))]) from None

    def finish(self) -> Scan:
        sheets = self._sheets()
        if self.shared is not None and self.shared[3] >= self.strings:
            part, row, column, index = self.shared
            self.problems.append((part, row, column, (
                f"the cell refers to shared text number {index + 1:,}, but the workbook has only {self.strings:,}")))
        if self.problems:
            raise InputError([self._at(sheets, p, r, c, m) for p, r, c, m in self.problems])
        seen = Scan()
        where = {part: n for n, part in sheets.items()}
        for part, row, column in self.unvalued:
            seen.unvalued.setdefault(where.get(part, part), set()).add((row, column))
        return seen

    def _sheets(self) -> dict[str, str]:
        """Each sheet's name and part, from the workbook part and its relationships."""
        if self.workbook is None:
            return {}
        part, sheets = self.workbook
        folder = PurePosixPath(part).parent
        rels = self.rels.get(str(folder / "_rels" / (PurePosixPath(part).name + ".rels")), {})
        out = {}
        for sheet, rid in sheets:
            target = rels.get(rid, "")
            out[sheet] = _normal(target.lstrip("/") if target.startswith("/") else str(folder / target))
        return out

    def _at(self, sheets: dict[str, str], part: str, row: int, column: int, message: str) -> Problem:
        where = {p: n for n, p in sheets.items()}
        return CellProblem(f"{self.name}:{where.get(part, part)}", row, column, message)


def _normal(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _looks_like_xml(start: bytes) -> bool:
    """Whether a part is XML in any encoding an XML parser would detect (else it is not parsed as XML)."""
    text = start.lstrip(b"\xef\xbb\xbf \t\r\n")  # UTF-8, then the byte-order marks and '<' of UTF-16 and -32
    return text.startswith((b"<", b"\xff\xfe", b"\xfe\xff", b"\x00<", b"\x00\x00\x00<", b"\x00\x00\xfe\xff",
                            b"\x4c\x6f\xa7\x94"))  # and EBCDIC's '<?': expat refuses those two


class _Part:
    """One XML part, parsed as a stream by expat with every limit checked as it goes."""

    def __init__(self, state: _State, part: str) -> None:
        self.state, self.part, self.depth, self.fed, self.root = state, part, 0, 0, ""
        self.last = 0  # the byte where the last event began: a tag longer than the limit is refused unfinished
        self.row = self.column = 0
        self.cell: dict[str, Any] | None = None
        self.text: list[str] = []
        parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.CommentHandler = parser.ProcessingInstructionHandler = self._event
        self.parser = parser

    def feed(self, data: bytes, final: bool) -> None:
        self.fed += len(data)
        self.parser.Parse(data, final)
        if self.fed - self.last > self.state.limits.tag:
            raise _Refused(f"holds a single XML tag of over {self.state.limits.tag:,} bytes, which Excel never "
                           f"writes: {_SAVE_AGAIN}")

    def _event(self, *_: Any) -> None:
        self.last = self.parser.CurrentByteIndex

    def _doctype(self, *_: Any) -> None:
        raise _Refused("declares a document type or XML entities, which Excel never writes (an XML bomb starts "
                       f"so): {_SAVE_AGAIN}")

    def _characters(self, text: str) -> None:
        self.last = self.parser.CurrentByteIndex
        if self.cell is not None and self.cell["in_v"] and sum(map(len, self.text)) <= MAX_NUMBER_TEXT:
            self.text.append(text)

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        self.last = self.parser.CurrentByteIndex
        state, limits = self.state, self.state.limits
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(f"is nested more than {MAX_DEPTH} levels deep, which Excel never writes: {_SAVE_AGAIN}")
        local = tag.rsplit(" ", 1)[-1]
        self.root = self.root or local
        if self.root in ("worksheet", "sst"):
            state.elements += 1
            if state.elements > limits.elements:
                raise _Refused(f"takes the workbook's sheets past {limits.elements:,} XML elements, far more than "
                               "a scoresheet for this appraisal holds: is this the right file?")
        else:
            state.others += 1
            if state.others > limits.others:
                raise _Refused(f"takes the workbook's styles and other parts past {limits.others:,} XML elements, "
                               "far more than a scoresheet holds: is this the right file?")
        if local == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
        elif local == "c":
            self._cell(attrs)
        elif local in ("v", "is", "f") and self.cell is not None:
            self.cell[local] = True
            self.cell["in_v"] = local == "v"
        elif local == "si":
            state.strings += 1
            if state.strings > limits.strings:
                raise _Refused(f"holds over {limits.strings:,} pieces of text, far more than a scoresheet for this "
                               "appraisal holds: is this the right file?")
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
                raise _Refused(f"names a cell {ref[:20]!r}, which is not a cell: {_SAVE_AGAIN}")
            self.column, self.row = _column(match.group(1)), int(match.group(2))
        self.cell = {"t": attrs.get("t", "n"), "row": self.row, "column": self.column, "in_v": False}
        self.text = []

    def _area(self, ref: str) -> None:
        """A merged or linked range, which openpyxl fills cell by cell."""
        corners = [_REF.fullmatch(c.replace("$", "")) for c in ref.split(":")]
        if not ref or len(corners) > 2 or None in corners:
            raise _Refused(f"names a range {ref[:30]!r}, which is not a range: {_SAVE_AGAIN}")
        rows = [int(m.group(2)) for m in corners if m]
        columns = [_column(m.group(1)) for m in corners if m]
        self.state.merged += (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)
        if max(rows) > self.state.limits.rows or max(columns) > self.state.limits.columns or \
                self.state.merged > self.state.limits.rows * self.state.limits.columns:
            raise _Refused(f"merges or links cells ({ref}) far outside a scoresheet for this appraisal: clear the "
                           "formatting there, or import the workbook `appraise scoresheet` wrote")

    def _end(self, tag: str) -> None:
        self.last = self.parser.CurrentByteIndex
        self.depth -= 1
        cell = self.cell
        if cell is None:
            return
        local = tag.rsplit(" ", 1)[-1]
        if local == "v":
            cell["in_v"] = False
        elif local == "c":
            self.cell = None
            self._check(cell, "".join(self.text))

    def _check(self, cell: dict[str, Any], value: str) -> None:
        state, limits = self.state, self.state.limits
        row, column = cell["row"], cell["column"]
        where = (self.part, row, column)
        if not (cell.get("v") or cell.get("is") or cell.get("f")):
            return  # an empty cell (formatting only) holds nothing to read, wherever it is
        if row > limits.rows or column > limits.columns:
            state.problems.append((*where, (
                f"a value far outside a scoresheet for this appraisal (beyond row {limits.rows:,} or column "
                f"{limits.columns}): clear it")))
        elif cell.get("f") and not cell.get("v"):
            state.unvalued.append(where)
        elif cell.get("v"):
            problem = _value(cell["t"], value.strip())
            if isinstance(problem, str):
                state.problems.append((*where, problem))
            elif problem is not None and (state.shared is None or problem > state.shared[3]):
                state.shared = (*where, problem)


def _value(kind: str, value: str) -> str | int | None:
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

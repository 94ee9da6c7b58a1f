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

import warnings
import xml.parsers.expat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from appraisal.errors import InputError, Problem
from appraisal.load.xlsxparse import MAX_DEPTH, MAX_UNPACKED, SAVE_AGAIN, Limits, PartParser, Refused, Tally

__all__ = ["MAX_DEPTH", "MAX_UNPACKED", "CellProblem", "Limits", "Scan", "open_workbook", "scan"]

MAX_BYTES = 20_000_000  # a scoresheet of 500 criteria x 1,000 options is well under this
MAX_MEMBERS = 1_000  # parts in the zip; Excel writes about fifteen
_CHUNK = 1 << 16
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True, order=True)
class CellProblem(Problem):
    """A problem at a cell: ``file`` is ``FILE.xlsx:SHEET``, ``line`` the row, ``col`` the column."""

    def __str__(self) -> str:
        from openpyxl.utils import get_column_letter

        from appraisal.text import visible

        return visible(f"{self.file}!{get_column_letter(self.col)}{self.line}: {self.severity}: {self.message}")


@dataclass
class Scan:
    """What the scan saw that a reader needs."""

    unvalued: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    """By sheet name, the (row, column) of each formula that has no stored value."""


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
                f"not an Excel workbook appraise can read (.xlsx): {SAVE_AGAIN}"))]) from None


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
        if _declared_parts(stream) > MAX_MEMBERS:  # refused before zipfile lists them all
            raise InputError([Problem(name, 1, 1, _too_many(f"over {MAX_MEMBERS:,}"))])
    tally = Tally(limits)
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist() if not i.is_dir()]
            _check_members(members, name, limits)
            for info in members:
                _read(tally, name, archive, info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, UnicodeDecodeError,
            NotImplementedError):  # a zip "version needed" or method zipfile cannot unpack: a damaged header
        raise InputError([Problem(name, 1, 1, f"not an Excel workbook appraise can read: {SAVE_AGAIN}")]) from None
    return _finish(tally, name)


def _too_many(parts: str) -> str:
    return f"the workbook has {parts} parts; a scoresheet has about fifteen: is this the right file?"


def _declared_parts(stream: BinaryIO) -> int:
    """The number of parts the zip's end record declares (0 if there is none to be found)."""
    size = stream.seek(0, 2)
    stream.seek(max(0, size - 65_557))  # the record (22 bytes) and a comment of at most 65,535
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    return int.from_bytes(tail[at + 10:at + 12], "little") if 0 <= at <= len(tail) - 22 else 0


def _check_members(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    def refuse(message: str) -> None:
        raise InputError([Problem(name, 1, 1, message)])

    if len(members) > MAX_MEMBERS:
        refuse(_too_many(f"{len(members):,}"))
    unpacked = sum(i.file_size for i in members)
    if unpacked > limits.unpacked:
        refuse(f"the workbook unpacks to {unpacked:,} bytes; a scoresheet for this appraisal is at most "
               f"{limits.unpacked:,}: is this the right file?")
    for info in members:
        if info.flag_bits & 0x1:
            refuse(f"the workbook's part {info.filename} is encrypted with a password: {SAVE_AGAIN}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(f"the workbook's part {info.filename} is compressed in a way Excel never uses: {SAVE_AGAIN}")


def _read(tally: Tally, name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """One part unpacked as a stream, and parsed if it is XML."""
    part = info.filename
    try:
        with archive.open(info) as stream:
            chunk = stream.read(_CHUNK)
            if not _looks_like_xml(chunk):
                while stream.read(_CHUNK):  # an image or the like: unpacked only, to check its stream
                    pass
                return
            reader = PartParser(tally, part)
            while chunk:
                reader.feed(chunk, final=False)
                chunk = stream.read(_CHUNK)
            reader.feed(b"", final=True)
    except (zlib.error, zipfile.BadZipFile, EOFError) as exc:
        raise InputError([Problem(name, 1, 1, (
            f"the workbook is damaged: its part {part} does not unpack ({exc}): {SAVE_AGAIN}"))]) from None
    except Refused as exc:
        raise InputError([Problem(name, 1, 1, f"the workbook's part {part} {exc}")]) from None
    except xml.parsers.expat.ExpatError as exc:
        raise InputError([Problem(name, 1, 1, (
            f"the workbook is damaged: its part {part} is not well-formed XML (line {exc.lineno}, column "
            f"{exc.offset + 1}: {xml.parsers.expat.ErrorString(exc.code)}): {SAVE_AGAIN}"))]) from None


def _finish(tally: Tally, name: str) -> Scan:
    """The scan's findings located at their sheets' cells: InputError, or what a reader needs."""
    where = {part: sheet for sheet, part in _sheets(tally).items()}
    if tally.shared is not None and tally.shared[3] >= tally.strings:
        part, row, column, index = tally.shared
        tally.problems.append((part, row, column, (
            f"the cell refers to shared text number {index + 1:,}, but the workbook has only {tally.strings:,}")))
    if tally.problems:
        raise InputError([CellProblem(f"{name}:{where.get(p, p)}", r, c, m) for p, r, c, m in tally.problems])
    seen = Scan()
    for part, row, column in tally.unvalued:
        seen.unvalued.setdefault(where.get(part, part), set()).add((row, column))
    return seen


def _sheets(tally: Tally) -> dict[str, str]:
    """Each sheet's name and part, from the workbook part and its relationships."""
    if tally.workbook is None:
        return {}
    part, sheets = tally.workbook
    folder = PurePosixPath(part).parent
    rels = tally.rels.get(str(folder / "_rels" / (PurePosixPath(part).name + ".rels")), {})
    out = {}
    for sheet, rid in sheets:
        target = rels.get(rid, "")
        out[sheet] = _normal(target.lstrip("/") if target.startswith("/") else str(folder / target))
    return out


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

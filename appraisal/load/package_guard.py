"""A zip package (an Office Open XML file: a Word document, an Excel workbook) checked before a
library reads it.

python-docx and openpyxl read a package whole, each part into memory and each XML part into a
tree, and answer a damaged or hostile one with whatever their code happens to raise. Here the
package is read once, streamed, within limits that hold whatever it declares: the number of
parts, each part's and the whole's size unpacked and the ratio of unpacked to packed size (a
1.5 MB file unpacking to 1.5 GB is refused before anything is unpacked), every compressed
stream and checksum (an encrypted or damaged part), and every XML part's well-formedness, depth
and absence of a document type declaration (no entity can expand, as none is allowed; Office
never writes one). A package that passes can be read by the library within those bounds; one
that does not is a :class:`PackageProblem` in words, naming the part.

zipfile trusts no size it is told: a part is unpacked only up to the size the zip's directory
declares, and its checksum then fails, so the directory's sizes bound the work.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat


@dataclass(frozen=True)
class Limits:
    members: int = 2_000
    """Parts in the package (a council's template has about twenty)."""
    total_bytes: int = 40_000_000
    """All parts unpacked."""
    member_bytes: int = 25_000_000
    """One part unpacked."""
    xml_bytes: int = 15_000_000
    """All XML parts unpacked: each becomes a tree of about ten times its size in memory."""
    ratio: int = 500
    """Unpacked over packed size of a part of over a megabyte (text packs about 10 to 1)."""
    xml_depth: int = 200
    """Elements inside elements (Office writes fewer than 30)."""


LIMITS = Limits()
XML_ENDINGS = (".xml", ".rels", ".vml")
CHUNK = 1 << 16


class PackageProblem(Exception):
    """A package that cannot be read safely; ``str()`` says why in words, naming the part."""


class NotAPackage(PackageProblem):
    """Not a zip at all: the caller names the kind of file it wanted."""


def open_package(data: bytes, limits: Limits = LIMITS) -> zipfile.ZipFile:
    """``data`` opened as a zip, every part checked as the module says; or a :class:`PackageProblem`."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
            IndexError, UnicodeDecodeError):
        raise NotAPackage("it is not a zip package (an Office file is one)") from None
    _check_directory(infos, limits)
    xml_bytes = 0
    for info in infos:
        if info.filename.lower().endswith(XML_ENDINGS):
            xml_bytes += info.file_size
            if xml_bytes > limits.xml_bytes:
                raise PackageProblem(f"its XML parts unpack to more than {limits.xml_bytes:,} bytes, the limit")
        _read_part(package, info, limits)
    return package


def _check_directory(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The limits the zip's directory can be held to before anything is unpacked."""
    if len(infos) > limits.members:
        raise PackageProblem(f"it has {len(infos):,} parts; at most {limits.members:,} are read")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})[0]
        raise PackageProblem(f"its part {twice} is in it twice")
    total = 0
    for info in infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise PackageProblem(f"its part {name} is encrypted (protected by a password)")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageProblem(f"its part {name} is packed by a method Office does not use")
        if info.file_size > limits.member_bytes:
            raise PackageProblem(f"its part {name} unpacks to {info.file_size:,} bytes; "
                                 f"at most {limits.member_bytes:,} are read")
        if info.file_size > 1_000_000 and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise PackageProblem(f"its part {name} unpacks to {info.file_size:,} bytes from "
                                 f"{info.compress_size:,}, more than {limits.ratio} times its size "
                                 "(a zip bomb)")
        total += info.file_size
        if total > limits.total_bytes:
            raise PackageProblem(f"its parts unpack to more than {limits.total_bytes:,} bytes, the limit")


def _read_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Unpack one part, streamed, checking its checksum and, for XML, its shape."""
    name = info.filename
    xml = _XmlScan(name, limits.xml_depth) if name.lower().endswith(XML_ENDINGS) else None
    try:
        with package.open(info) as part:
            while chunk := part.read(CHUNK):
                if xml is not None:
                    xml.feed(chunk)
        if xml is not None:
            xml.feed(b"", final=True)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError):
        raise PackageProblem(f"its part {name} is damaged (it cannot be unpacked)") from None
    except expat.ExpatError as exc:
        raise PackageProblem(f"its part {name} is not well-formed XML (line {exc.lineno}, column "
                             f"{exc.offset + 1}: {expat.ErrorString(exc.code)})") from None


class _XmlScan:
    """An XML part parsed as it streams: depth counted, no DOCTYPE, nothing kept."""

    def __init__(self, name: str, max_depth: int) -> None:
        self.name, self.depth, self.max_depth = name, 0, max_depth
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.StartDoctypeDeclHandler = self._doctype

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.parser.Parse(chunk, final)

    def _start(self, name: str, attributes: object) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise PackageProblem(f"its part {self.name} is nested more than {self.max_depth} elements deep")

    def _end(self, name: str) -> None:
        self.depth -= 1

    def _doctype(self, *args: object) -> None:
        raise PackageProblem(f"its part {self.name} declares a document type (DOCTYPE), which Office never "
                             "writes and appraise does not read")

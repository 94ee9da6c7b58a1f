"""The Word document's zip written the same way every time: same inputs, same bytes.

A .docx is a zip; python-docx stamps each entry with the clock. Here every entry gets the
zip format's earliest date (1 January 1980), the same permissions and compression, in a
fixed order ([Content_Types].xml first, as Word writes it, then by name).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Mapping
from xml.sax.saxutils import escape

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"


CUSTOM = "docProps/custom.xml"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id Word gives every user-defined property."""


def _custom_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(properties.items()), start=2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"{items}</Properties>").encode()


def _with_custom(parts: dict[str, bytes], properties: dict[str, str]) -> None:
    """Add ``docProps/custom.xml`` (File > Properties > Custom in Word) to the package's parts."""
    parts[CUSTOM] = _custom_xml(properties)
    types = parts[CONTENT_TYPES].decode()
    if f'PartName="/{CUSTOM}"' not in types:
        types = types.replace("</Types>", f'<Override PartName="/{CUSTOM}" ContentType="{_CUSTOM_TYPE}"/></Types>')
    parts[CONTENT_TYPES] = types.encode()
    rels = parts["_rels/.rels"].decode()
    if _CUSTOM_REL not in rels:
        rels = rels.replace("</Relationships>",
                            f'<Relationship Id="rIdCustom" Type="{_CUSTOM_REL}" Target="{CUSTOM}"/></Relationships>')
    parts["_rels/.rels"] = rels.encode()


Pieces = Callable[[bytes], Iterable[bytes]]


def normalise(data: bytes, custom: dict[str, str] | None = None, pieces: Mapping[str, Pieces] | None = None) -> bytes:
    """``data`` (a zip) rewritten with fixed dates and order, with ``custom`` properties if any;
    a part named in ``pieces`` is written as the pieces its function gives for its bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    if custom:
        _with_custom(parts, custom)
    names = sorted(parts, key=lambda n: (n != CONTENT_TYPES, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            if pieces and name in pieces:
                with target.open(info, "w") as stream:
                    for piece in pieces[name](parts[name]):
                        stream.write(piece)
            else:
                target.writestr(info, parts[name], compresslevel=6)
    return out.getvalue()

"""The Word document's zip written the same way every time: same inputs, same bytes.

A .docx is a zip; python-docx stamps each entry with the clock. Here every entry gets the
zip format's earliest date (1 January 1980), the same permissions and compression, in a
fixed order ([Content_Types].xml first, as Word writes it, then by name).
"""

from __future__ import annotations

import io
import zipfile

FIXED_DATE = (1980, 1, 1, 0, 0, 0)
CONTENT_TYPES = "[Content_Types].xml"


def normalise(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed dates and order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != CONTENT_TYPES, n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()

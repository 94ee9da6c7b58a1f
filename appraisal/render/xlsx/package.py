"""Save an openpyxl workbook as the same bytes every time (docs/spreadsheets.md).

openpyxl stamps the save time into the document properties and each zip entry; both are
replaced here by the appraisal's own date, and the entries are written in name order.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook

EPOCH = dt.date(1980, 1, 1)
"""The date used when the appraisal states none: the earliest a zip entry can carry."""
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fixed_bytes(workbook: Workbook, date: dt.date | None) -> bytes:
    """The workbook's bytes, with its properties and zip entries dated ``date`` (or :data:`EPOCH`)."""
    when = dt.datetime.combine(max(date or EPOCH, EPOCH), dt.time())
    workbook.properties.created = when
    workbook.properties.creator = "appraise"
    workbook.properties.lastModifiedBy = "appraise"
    raw = io.BytesIO()
    workbook.save(raw)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            data = source.read(name)
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    return out.getvalue()

"""The committee appendix as a tagged PDF: the Word document, laid out by LibreOffice.

Why LibreOffice from the Word document rather than Chromium's print of the HTML: it is the
same document the council files (one layout to get right), with its footer of page numbers
and the appendix label, tables whose header rows repeat and whose rows do not split, and
headings kept with what follows, which Chromium's print of the HTML cannot promise; and its
PDF export writes a tagged PDF (a structure tree, the document's title shown as the window
title, its language, bookmarks from the headings) with one option (``UseTaggedPDF``), with
PDF/UA's checks on (``PDFUACompliance``). LibreOffice is a program, not a Python package, so
it is needed only for ``--format pdf``; without it the command says how to install it.

LibreOffice stamps the file with the clock and a random file id. The stamps are rewritten
here in place (same length, so the cross-reference offsets stay right): the dates become the
appraisal's date, and the id a digest of the file itself, so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from appraisal.errors import OutputError

EXPORT = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"},'
          '"ExportBookmarks":{"type":"boolean","value":"true"}}')
"""LibreOffice's PDF export with its filter options (JSON, LibreOffice 7.4 or newer)."""
TIMEOUT_SECONDS = 300
PROGRAMS = ("soffice", "libreoffice")
INSTALL = ("appraise report --format pdf needs LibreOffice to lay out the PDF, and it is not "
           "installed (no 'soffice' or 'libreoffice' program on the PATH). Install it, then run the "
           "command again: on Debian or Ubuntu 'sudo apt-get install libreoffice-writer-nogui', on "
           "macOS 'brew install --cask libreoffice', on Windows from https://www.libreoffice.org. "
           "Or make a Word document with --format docx and save it as PDF from Word.")

_INFO_DATE = re.compile(rb"\(D:\d{14}")
_XMP_DATE = re.compile(rb"(<xmp:(?:CreateDate|ModifyDate|MetadataDate)>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
_FILE_ID = re.compile(rb"(/ID \[ ?<)[0-9A-Fa-f]{32}(>\s?<)[0-9A-Fa-f]{32}>")
_CHECKSUM = re.compile(rb"(/DocChecksum /)[0-9A-Fa-f]{32}")
"""LibreOffice's own checksum of the file, which covers the clock's stamps."""


def soffice() -> str:
    """The LibreOffice program, or an error that says what to install."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    raise OutputError(INSTALL)


def docx_to_pdf(docx: bytes, date: dt.date | None) -> bytes:
    """Lay ``docx`` out as a tagged PDF, with LibreOffice in a private profile of its own.

    A private profile (``-env:UserInstallation``) lets several conversions run at once and
    leaves the user's own LibreOffice settings alone.
    """
    program = soffice()
    with _terminated_as_interrupt(), tempfile.TemporaryDirectory(prefix="appraise-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "appendix.docx"
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", EXPORT, "--outdir", str(folder), str(source)]
        env = {**os.environ, "TZ": "UTC", "HOME": str(folder), "TMPDIR": str(folder), "TMP": str(folder),
               "TEMP": str(folder)}
        try:
            code, stderr = _run(command, env)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"LibreOffice ({program}) could not make the PDF: {exc}") from None
        pdf = folder / "appendix.pdf"
        if code != 0 or not pdf.is_file():
            said = stderr.decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"LibreOffice ({program}) could not make the PDF"
                              + (f": {said[-1]}" if said else f" (exit status {code})"))
        return fix_stamps(pdf.read_bytes(), date)


def _run(command: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run LibreOffice in a process group of its own, and end the whole group (soffice starts
    a second process) if this one is interrupted or times out, so that nothing is left writing
    to the work folder when it is removed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except BaseException:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return process.returncode, stderr


@contextlib.contextmanager
def _terminated_as_interrupt() -> Iterator[None]:
    """SIGTERM (a terminal closed, a job stopped) raises KeyboardInterrupt while the PDF is made,
    as Ctrl-C does, so the work folder and LibreOffice's profile in it are removed either way."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def fix_stamps(pdf: bytes, date: dt.date | None) -> bytes:
    """``pdf`` with its dates set to ``date`` (1 January 2000 without one) and a content-based id."""
    day = date or dt.date(2000, 1, 1)
    out = _INFO_DATE.sub(b"(D:" + day.strftime("%Y%m%d").encode() + b"000000", pdf)
    out = _XMP_DATE.sub(lambda m: m.group(1) + day.isoformat().encode() + b"T00:00:00", out)
    digest = hashlib.md5(_ids(out, b"0" * 32), usedforsecurity=False).hexdigest().upper().encode()
    return _ids(out, digest)


def _ids(pdf: bytes, value: bytes) -> bytes:
    """``pdf`` with both halves of its file id, and LibreOffice's checksum, set to ``value``."""
    pdf = _FILE_ID.sub(lambda m: m.group(1) + value + m.group(2) + value + b">", pdf)
    return _CHECKSUM.sub(lambda m: m.group(1) + value, pdf)

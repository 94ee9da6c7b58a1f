"""``appraise report --format docx|pdf``: the checks and reading the Word and PDF formats need.

The Word document is the Markdown appendix typeset (:mod:`appraisal.render.word`), so it is
rendered from the Markdown templates; the PDF is that document laid out by LibreOffice
(:mod:`appraisal.render.pdf`). See docs/report.md.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from appraisal.errors import UsageError

if TYPE_CHECKING:
    from appraisal.render.jinja import UserTemplates

DOCUMENT_FORMATS = ("docx", "pdf")
MAX_REFERENCE_BYTES = 50_000_000
"""A council's template is a few hundred kilobytes; a bigger file is not one."""
INSTALL_DOCX = ("appraise report --format {fmt} needs the Python packages python-docx and Pillow, "
                "which this installation of appraise lacks: install them with "
                "pip install 'appraise[docx]' (or pip install python-docx Pillow), then run the "
                "command again")


def check_document_options(fmt: str, output: Path | None, template: Path | None,
                           reference: Path | None, appendix: str | None) -> None:
    """Refuse option combinations that cannot work, before any work is done."""
    if fmt not in DOCUMENT_FORMATS:
        for flag, value in (("--reference-doc", reference), ("--appendix", appendix)):
            if value is not None:
                raise UsageError(f"{flag} is for --format docx or pdf, not {fmt}: add --format docx "
                                 f"(or name the output .docx or .pdf), or leave {flag} out")
        return
    if template is not None and not template.name.lower().removesuffix(".j2").endswith(
            (".md", ".markdown")):
        raise UsageError(f"--template {template}: a {fmt} report is laid out from the Markdown "
                         "templates, so --template must be a Markdown template (.md.j2)")
    if output is None and sys.stdout.isatty():
        raise UsageError(f"a {fmt} file is not text to show on the screen: give --output "
                         f"FILE.{fmt}, or send standard output to a file")


def _read_reference(path: Path) -> tuple[str, bytes]:
    try:
        if path.stat().st_size > MAX_REFERENCE_BYTES:
            raise UsageError(f"--reference-doc {path}: {path.stat().st_size:,} bytes is too big for a "
                             "Word template (at most 50 MB)")
        return str(path), path.read_bytes()
    except OSError as exc:
        raise UsageError(f"--reference-doc {path}: cannot read it: {exc.strerror}") from None


def document(context: Mapping[str, Any], fmt: str, user: UserTemplates, appendix: str,
             reference: Path | None) -> bytes:
    """The Word document, or the PDF made from it."""
    from appraisal.render.jinja import render

    if any(importlib.util.find_spec(package) is None for package in ("docx", "PIL")):
        raise UsageError(INSTALL_DOCX.format(fmt=fmt))
    from appraisal.render.word import context_date, render_docx

    ref = _read_reference(reference) if reference is not None else None
    word = render_docx(context, render(context, "markdown", user), appendix=appendix, reference=ref)
    if fmt == "docx":
        return word
    from appraisal.render.pdf import docx_to_pdf

    return docx_to_pdf(word, context_date(context))

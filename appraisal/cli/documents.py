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
WORD_PACKAGES = ("docx", "PIL")
"""The import names of python-docx and Pillow, which every install of appraise includes."""


def check_word_packages(command: str) -> None:
    """Refuse a Word or PDF command, with what to do, when python-docx or Pillow is missing: they
    come with every install, so an installation without them was made with ``--no-deps`` or
    broken since. (``appraise`` on the Python Package Index is another project: never name it.)"""
    if any(importlib.util.find_spec(package) is None for package in WORD_PACKAGES):
        raise UsageError(f"{command} needs the Python packages python-docx and Pillow, which come with "
                         "appraise but are missing from this installation: install them with "
                         "pip install python-docx Pillow (or install appraise again from its "
                         "repository, with pip install . in its folder), then run the command again")


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

    check_word_packages(f"appraise report --format {fmt}")
    from appraisal.render.word import context_date, render_docx

    ref = _read_reference(reference) if reference is not None else None
    word = render_docx(context, render(context, "markdown", user), appendix=appendix, reference=ref)
    if fmt == "docx":
        return word
    from appraisal.render.pdf import docx_to_pdf

    return docx_to_pdf(word, context_date(context))

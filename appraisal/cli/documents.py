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

from appraisal.cli.progress import progress_bar, working
from appraisal.errors import UsageError

if TYPE_CHECKING:
    from appraisal.render.blocks import Document
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


def appendix_document(context: Mapping[str, Any], user: UserTemplates) -> Document:
    """The appendix as a typed document. An appraisal folder's own Markdown appendix template
    (or ``--template``) makes the whole document from its Markdown; its own Markdown partial
    of a section makes that section from the Markdown (docs/report.md, Word and PDF)."""
    from appraisal.render.jinja import MAIN_TEMPLATE, USER_MAIN, render, render_section
    from appraisal.render.word import markdown_document
    from appraisal.render.word.markdown import parse
    from appraisal.report.document import build_document

    if USER_MAIN in user.files or MAIN_TEMPLATE["markdown"] in user.files:
        return markdown_document(context, render(context, "markdown", user))
    overridden = [s["id"] for s in context["sections"] if f"partials/{s['id']}.md.j2" in user.files]
    return build_document(context, lambda section: list(parse(render_section(context, section, user))),
                          overridden)


def document(context: Mapping[str, Any], fmt: str, user: UserTemplates, appendix: str,
             reference: Path | None) -> bytes:
    """The Word document, or the PDF made from it."""
    check_word_packages(f"appraise report --format {fmt}")
    from appraisal.render.word import context_date, render_docx

    ref = _read_reference(reference) if reference is not None else None
    with progress_bar(f"Laying out the {fmt.upper()} document") as progress:
        word = render_docx(appendix_document(context, user), date=context_date(context),
                           version=str(context.get("version", "")), appendix=appendix, reference=ref,
                           progress=progress)
    if fmt == "docx":
        return word
    from appraisal.render.pdf import docx_to_pdf

    with working("Laying out the PDF with LibreOffice"):
        return docx_to_pdf(word, context_date(context))

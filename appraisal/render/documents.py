"""A typed document (:mod:`appraisal.render.blocks`) as a file: Markdown, or Word.

A document built once as blocks (the Provider Selection Regime's notices, a disclosure pack) is
written as Word by :func:`appraisal.render.word.render_docx` and as Markdown here
(:func:`to_markdown`), so the two formats hold the same words. Every run of text is escaped
(:func:`appraisal.text.md`), so a provider's or an assessor's words never become markup; a
document's marking heads the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from appraisal.render import blocks as b
from appraisal.render.markdown import pipe_table
from appraisal.text import md


@dataclass(frozen=True)
class Drafted:
    """A notice as its type drafts it for ``appraise notice``: the typed document, the machine
    document where the type has one (the Procurement Act's notices' OCDS release), and the day
    its Word file is dated by (None: 1 January 2000, never the clock)."""

    document: b.Document
    release: Mapping[str, Any] | None = field(hash=False)
    date: dt.date | None


_LEADS = {"text": "", "bullet": "- ", "number": "1. ", "quote": "> "}


def _runs(runs: b.Inline) -> str:
    out = []
    for r in runs:
        text = f"`{r.text.replace('`', '')}`" if r.code else md(r.text)
        if text and r.bold:
            text = f"**{text}**"
        if text and r.italic:
            text = f"*{text}*"
        space = r.text[len(r.text.rstrip()):] if r.text.strip() else ""
        out.append(text + (" " if space else ""))
    return "".join(out).strip()


def _block(block: b.Block) -> list[str]:
    if isinstance(block, b.Heading):
        return ["#" * block.level + " " + _runs(block.runs), ""]
    if isinstance(block, b.Paragraph):
        return [_LEADS.get(block.kind, "") + _runs(block.runs), ""]
    if isinstance(block, b.Callout):
        lines = [f"> **{md(block.title)}**"]
        for p in block.body:
            lines += [">", "> " + _runs(p.runs)]
        return [*lines, ""]
    if isinstance(block, b.Table):
        numeric = [i for i, c in enumerate(block.columns) if c.kind == "number"]
        rows = [[b.plain(c.runs) for c in row] for row in block.rows]
        caption = [f"*{md(block.caption)}*", ""] if block.caption else []
        return [*caption, *pipe_table([c.header for c in block.columns], rows, numeric), ""]
    if isinstance(block, b.Code):
        return ["```text", block.text.replace("```", "'''"), "```", ""]
    return [f"*{md(block.caption)}*", ""]  # a figure: its caption (Markdown has no chart)


def to_markdown(document: b.Document) -> str:
    """The document's Markdown: its marking (if any), then each block in order."""
    lines = [f"**{md(document.marking)}**", ""] if document.marking else []
    for block in document.blocks:
        lines += _block(block)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


EXTENSIONS = {"markdown": "md", "docx": "docx"}


def document_file(document: b.Document, fmt: str, *, version: str, date: dt.date | None = None,
                  footer: str = "") -> bytes:
    """The document's bytes in ``fmt`` (markdown or docx); ``footer`` labels a Word document's pages."""
    if fmt == "markdown":
        return to_markdown(document).encode("utf-8")
    from appraisal.render.word import render_docx

    return render_docx(document, date=date, version=version, appendix=footer)

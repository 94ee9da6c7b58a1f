"""Read Markdown as the typed document's blocks (:mod:`appraisal.render.blocks`).

The bundled appendix is built as blocks directly (:mod:`appraisal.report.document`); Markdown
is read back only where the words come from a Markdown template: a section whose partial an
appraisal folder overrides. Markdown can say that a column is
right-aligned (a number) and nothing more, so other columns are prose. This parser knows only the Markdown
those templates write (see ``templates/partials/*.md.j2``): ATX headings, paragraphs, ``-``
and ``1.`` lists, ``>`` quotes, pipe tables, fenced code, ``**bold**``, ``*italic*``,
```code``` and ``[links](url)``; anything else is read as a paragraph, never dropped. User
text arrives escaped by :func:`appraisal.text.md` (backslashes and HTML entities), which is
undone here, so an option named ``**A**`` shows its asterisks.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from appraisal.render.blocks import Cell, Code, Column, Heading, Paragraph, Run, Table, plain

Block = Heading | Paragraph | Code | Table

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^\d{1,9}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^>\s?(.*)$")
_RULE = re.compile(r"^:?-{3,}:?$")


@dataclass
class _Inline:
    """State of the inline scanner: the open looks and the text gathered so far."""

    runs: list[Run] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    bold: bool = False
    italic: bool = False

    def flush(self) -> None:
        if self.buffer:
            text = html.unescape("".join(self.buffer))
            self.runs.append(Run(text, self.bold, self.italic))
            self.buffer.clear()


def inline(text: str) -> tuple[Run, ...]:
    """Split Markdown inline text into runs: backslash escapes and entities undone."""
    state = _Inline()
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            state.buffer.append(text[i + 1])
            i += 2
        elif text.startswith("**", i) or text.startswith("__", i):
            state.flush()
            state.bold = not state.bold
            i += 2
        elif ch in "*_" and _emphasis_can_open_or_close(text, i):
            state.flush()
            state.italic = not state.italic
            i += 1
        elif ch == "`":
            ticks = len(text[i:]) - len(text[i:].lstrip("`"))
            end = text.find("`" * ticks, i + ticks)
            if end < 0:
                state.buffer.append(text[i : i + ticks])
                i += ticks
                continue
            state.flush()
            state.runs.append(Run(text[i + ticks : end].strip(), state.bold, state.italic, code=True))
            i = end + ticks
        elif ch == "[" and (link := _link(text, i)) is not None:
            label, url, end = link
            state.flush()
            state.runs.extend(inline(label))
            if not url.startswith("#") and url != plain(inline(label)):
                state.buffer.append(f" ({url})")
            i = end
        else:
            state.buffer.append(ch)
            i += 1
    state.flush()
    return tuple(r for r in state.runs if r.text)


def _emphasis_can_open_or_close(text: str, i: int) -> bool:
    """A lone ``*`` or ``_`` is emphasis only beside a word, not between spaces (``2 * 3``)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isspace() and after.isspace()) and not (before.isalnum() and after.isalnum())


def _link(text: str, start: int) -> tuple[str, str, int] | None:
    """``[label](url)`` at ``start``: its label, its address and where it ends."""
    close = text.find("](", start)
    end = text.find(")", close + 2) if close >= 0 else -1
    if close < 0 or end < 0 or "\n" in text[start:end]:
        return None
    return text[start + 1 : close], text[close + 2 : end], end + 1


def cells(line: str) -> list[str]:
    """The cells of a pipe-table row, split at pipes that are not escaped."""
    body = line.strip()
    body = body.removeprefix("|")
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    out, current, i = [], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            current.append(body[i : i + 2])
            i += 2
            continue
        if body[i] == "|":
            out.append("".join(current).strip())
            current = []
        else:
            current.append(body[i])
        i += 1
    out.append("".join(current).strip())
    return out


def _table(lines: list[str]) -> Table | Paragraph:
    rows = [cells(line) for line in lines]
    if len(rows) < 2 or not all(_RULE.match(c.replace(" ", "")) for c in rows[1]):
        return Paragraph(inline(" ".join(lines)))
    width = len(rows[0])
    right = [c.replace(" ", "").endswith(":") for c in rows[1]]
    right = (right + [False] * width)[:width]

    def fit(row: list[str]) -> tuple[Cell, ...]:
        row = (row + [""] * width)[:width]
        return tuple(Cell(inline(c)) for c in row)

    columns = tuple(Column(plain(c.runs), "number" if r else "prose")
                    for c, r in zip(fit(rows[0]), right, strict=True))
    return Table(columns, tuple(fit(r) for r in rows[2:]))


def parse(text: str) -> list[Block]:
    """The blocks of a Markdown document, in order."""
    blocks: list[Block] = []
    lines = text.splitlines()
    paragraph: list[str] = []
    item: tuple[str, list[str]] | None = None

    def end_paragraph() -> None:
        nonlocal item
        if paragraph:
            blocks.append(Paragraph(inline(" ".join(paragraph))))
            paragraph.clear()
        if item is not None:
            blocks.append(Paragraph(inline(" ".join(item[1])), item[0]))
            item = None

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            end_paragraph()
        elif fence := _FENCE.match(stripped):
            end_paragraph()
            body: list[str] = []
            i += 1
            while i < len(lines) and lines[i].strip() != fence.group(1):
                body.append(lines[i])
                i += 1
            blocks.append(Code("\n".join(body)))
        elif heading := _HEADING.match(stripped):
            end_paragraph()
            blocks.append(Heading(len(heading.group(1)), inline(heading.group(2))))
        elif stripped.startswith("|"):
            end_paragraph()
            table = [stripped]
            while i + 1 < len(lines) and lines[i + 1].strip().startswith("|"):
                i += 1
                table.append(lines[i].strip())
            blocks.append(_table(table))
        elif marker := _BULLET.match(stripped) or _NUMBER.match(stripped):
            end_paragraph()
            item = ("bullet" if marker.re is _BULLET else "number", [marker.group(1)])
        elif quote := _QUOTE.match(stripped):
            end_paragraph()
            item = ("quote", [quote.group(1)])
        elif item is not None:
            item[1].append(stripped)
        else:
            paragraph.append(stripped)
        i += 1
    end_paragraph()
    return blocks

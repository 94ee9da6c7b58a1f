"""Which files in ``options/``, ``scenarios/`` and ``assessments/`` are read, by their names.

An officer's tools make names that look like YAML but are not read as it, and each is decided
here, once, for the three folders, on disk and in git (docs/file-formats.md, Files in the folders):

- ``x.yaml`` and ``x.yml``, in any case (``x.YAML``, as Windows shows a name typed in capitals):
  read.
- ``x.yaml.txt`` (Notepad's *Save as* adds ``.txt`` unless "All files" is chosen) and
  ``x.yaml.rtf`` or ``.docx`` (a word processor's document): an **error**. The officer meant a
  YAML file and would otherwise see the appraisal run without it; the message says what happened
  and how to rename it.
- ``x.yaml `` or ``x.yaml.`` (a space or dot after the ending, which Windows cannot show): an
  error, for the same reason.
- ``~$x.yaml`` (the lock file Word or Excel keeps beside a file it has open): not read, with a
  warning saying so; it goes when the file is closed.
- any other file (``notes.docx``, a copy set aside as ``x.yaml.bak`` or ``x.yaml~``): not read,
  with a warning; the report lists it.
- hidden files (``.gitkeep``, ``.DS_Store``, LibreOffice's ``.~lock.x.yaml#``, an editor's
  ``.x.yaml.swp``) and the files Windows makes for itself (``Thumbs.db``, ``desktop.ini``, a
  copy's ``x.yaml:Zone.Identifier``): passed over quietly, as they are never anyone's input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from appraisal.errors import Problem

YAML_ENDINGS = (".yaml", ".yml")
PLAIN_TEXT = (".txt", ".text")
"""What a text editor adds when it saves a file as plain text (Notepad, TextEdit's plain text)."""
DOCUMENTS = (".rtf", ".doc", ".docx", ".odt", ".pages", ".wps")
"""What a word processor adds when it saves a document (WordPad, Word, LibreOffice, Pages)."""
SYSTEM_FILES = ("thumbs.db", "desktop.ini")
"""Files Windows keeps in a folder for itself."""
EXPLORER = ("in Windows Explorer, turn on File name extensions, on the View menu, to see and change "
            "the whole name")

Kind = Literal["read", "error", "warning", "quiet"]


@dataclass(frozen=True)
class Verdict:
    """What happens to a file of this name: read, refused (an error), not read (a warning and
    a line in the report's list of files not read), or passed over quietly."""

    kind: Kind
    message: str = ""
    """For an error or a warning: what the officer reads at the file."""
    reason: str = ""
    """For a file not read: why, in a few words, as the report lists it."""


READ = Verdict("read")
QUIET = Verdict("quiet")


def verdict(name: str, kind: str, folder: str) -> Verdict:
    """What happens to the file ``name`` in ``folder``/ (whose files are ``kind``: options,
    scenarios, assessors' files)."""
    lower = name.lower()
    if name.startswith(".") or lower in SYSTEM_FILES or name.endswith(":Zone.Identifier"):
        return QUIET
    if name.startswith("~$"):
        return Verdict("warning", (
            "this file is not read: it is the lock file Word or Excel keeps while a file is open, and it "
            "goes when that file is closed"), "a lock file kept while a file is open")
    if lower.endswith(YAML_ENDINGS):
        return READ
    stripped = name.rstrip(" .")
    if stripped != name and stripped.lower().endswith(YAML_ENDINGS):
        return Verdict("error", (
            f"this file's name ends in '{name[len(stripped):]}' after .{stripped.rpartition('.')[2]}, so it is "
            f"not read as one of the {kind}: rename it to {stripped} ({EXPLORER})"))
    base, dot, ending = stripped.rpartition(".")  # "x.yaml.txt", "x.yaml .txt", "x.yaml.txt "
    base = base.rstrip(" ")
    if dot and base.lower().endswith(YAML_ENDINGS):
        if f".{ending.lower()}" in PLAIN_TEXT:
            return Verdict("error", (
                f"this file is named '{name}', so it is not read as one of the {kind}: Notepad (or another "
                f"editor) probably added .{ending} when it was saved. Rename it to {base} ({EXPLORER}); "
                "next time, choose 'All files' as the type when saving"))
        if f".{ending.lower()}" in DOCUMENTS:
            return Verdict("error", (
                f"this file is named '{name}': a word processor saved it as a document, which appraise cannot "
                f"read. Open it in a plain-text editor (Notepad), or save it as plain text, and name it {base}"))
    return Verdict("warning", (
        f"this file is not read: only files whose names end in .yaml or .yml are {kind}; if it is one, "
        f"rename it to end in .yaml, and if not, move it out of {folder}/"),
        "its name does not end in .yaml or .yml")


def not_read(found: Sequence[Problem]) -> tuple[tuple[str, str], ...]:
    """The files found in the folders and not read, each with why in a few words (for the report),
    from the warnings that say so; in name order."""
    out = []
    for problem in found:
        if problem.severity == "warning":
            said = verdict(PurePath(problem.file).name, "", "")
            out.append((problem.file, said.reason if said.kind == "warning" else problem.message))
    return tuple(sorted(out))

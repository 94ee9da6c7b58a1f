"""No message ever shows a Python object (issue 25, item 8).

A ``.dotx`` reference document was refused with ``file '<_io.BytesIO object at 0x7f...>' is not a
Word file``: a library's exception text, which describes the values it was given by their
Python repr, was put into the message. The mechanism is closed at the two places messages are
printed (:func:`appraisal.text.no_objects`, in :class:`appraisal.errors.Problem` and the
command line's error handler), and at the sources found (the reference document's refusal
quotes no library text; a user's template errors are its own). These tests feed broken files
to every file option of every command, and object-mentioning template errors to ``report``,
and assert that no message holds a repr; the fuzz test (tests/system/test_fuzz.py) asserts the
same over its random corruptions of every YAML file kind.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, run_appraise
from hypothesis import given
from hypothesis import strategies as st

from appraisal.errors import Problem
from appraisal.text import no_objects

REPR = re.compile(r"<[\w.]+ object at 0x|at 0x[0-9a-fA-F]{6,}>")
PANEL = REPO / "tests" / "data" / "panel-small"


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


BROKEN = {
    "empty": b"",
    "garbage": bytes(range(256)) * 4,
    "empty zip": b"PK\x05\x06" + bytes(18),
    "zip of junk": zipped({"[Content_Types].xml": b"<x", "word/document.xml": b"\x00"}),
    "office file of the wrong kind": zipped({
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               b'<Override PartName="/x.xml" ContentType="application/x"/></Types>',
        "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       b'<Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       b'relationships/officeDocument" Target="x.xml"/></Relationships>',
        "x.xml": b"<x/>"}),
    "yaml": b"a: [1, {b: !!python/object:os.system x}]\n",
    "latin-1": "café: £\n".encode("latin-1"),
    "template": b"{{ section[lipsum] }}{{ cycler() }}",
}

COMMANDS = [
    ("score", REPO, ["--criteria", "--scenario"]),
    ("validate", REPO, ["--criteria"]),
    ("report", REPO, ["--criteria", "--scenario", "--template"]),
    ("report", REPO, ["--reference-doc"]),
    ("summaries", REPO, ["--criteria", "--scenario"]),
    ("diff", REPO, ["--scenario"]),
    ("sensitivity", REPO, ["--criteria", "--scenario"]),
    ("vfm", REPO, ["--criteria", "--scenario"]),
    ("panel", PANEL, ["--criteria"]),
    ("scoresheet", PANEL, ["--criteria"]),
    ("import", PANEL, ["WORKBOOK"]),
]
CASES = [(command, folder, flag, kind) for command, folder, flags in COMMANDS for flag in flags for kind in BROKEN]


@pytest.mark.parametrize(("command", "folder", "flag", "kind"), CASES,
                         ids=[f"{c}-{f}-{k}" for c, _, f, k in CASES])
def test_no_broken_file_shows_a_python_object(tmp_path: Path, command: str, folder: Path, flag: str,
                                              kind: str) -> None:
    endings = {"--template": "mine.md.j2", "--reference-doc": "council.docx", "WORKBOOK": "sheet.xlsx"}
    path = tmp_path / endings.get(flag, "file.yaml")
    path.write_bytes(BROKEN[kind])
    out = tmp_path / "out"
    args: list[str | Path] = [command]
    if flag == "WORKBOOK":
        args += [path, folder]
    else:
        args += [folder, flag, path]
    if command == "report":
        args += ["-o", out.with_suffix(".docx" if flag == "--reference-doc" else ".md")]
    elif command == "summaries":
        args += ["--output-dir", out]
    elif command in ("scoresheet",):
        args += ["--assessor", "ann", "-o", out.with_suffix(".xlsx")]
    elif command == "diff":
        args = ["diff", "--scenario", path, folder]
    run = run_appraise(*args, timeout=60)
    assert run.code in (0, 1, 2), (run.code, run.err[-2000:])
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err[-2000:]
    assert not REPR.search(run.err + run.out), run.err[-2000:]


class Thing:
    """An object with Python's default repr."""


@given(st.sampled_from([Thing(), io.BytesIO(), lambda: 1, object(), len, [].append, Thing().__init__]),
       st.text(max_size=40), st.text(max_size=40))
def test_a_message_quoting_any_object_names_it_in_words(thing: object, before: str, after: str) -> None:
    shown = str(Problem("f.docx", 1, 1, f"{before}file {thing!r} is not a Word file{after}"))
    assert not REPR.search(shown), shown
    assert shown.startswith("f.docx:1:1: error: ") and "is not a Word file" in shown


def test_objects_are_named_in_words() -> None:
    assert no_objects(f"file {io.BytesIO()!r} is not") == "file a BytesIO is not"
    assert no_objects(f"no element {Thing()!r}") == "no element a Thing"
    assert no_objects(f"no element {no_objects!r}") == "no element the function no_objects"
    assert no_objects("<b>not an object at all</b> and <x at y>") == "<b>not an object at all</b> and <x at y>"

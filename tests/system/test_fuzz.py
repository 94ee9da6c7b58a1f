"""Fuzzing the whole command line with corrupted copies of the reference appraisal (issue 7).

Hypothesis takes the repository's own criteria.yaml, options/*.yaml and scenarios/*.yaml,
corrupts one file at random (lines deleted, duplicated, swapped; truncation; punctuation; odd
scalars; tags; anchors, aliases and alias bombs; control, bidi and byte-order characters;
very long strings; deep nesting; other encodings) and runs a command on the result. Whatever
the input, the answer must be exit 0 with valid output, or exit 2 with every message at
``FILE:LINE:COL`` in a file of the folder, and no output file; never a traceback, never exit
70 (internal error), never a hang, never code run by a tag.

Examples run in this process (``appraisal.cli.main``, about 50 ms each), each under a time
limit; a few run through the real console script, which also catches a crash of the
interpreter. ``APPRAISE_FUZZ_EXAMPLES`` sets how many (default 300); ``bench/fuzz_campaign.py``
runs the same check for tens of thousands of examples over many seeds.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import REPO, Run, run_appraise, spawn_appraise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFERENCE = {
    str(p.relative_to(REPO)): p.read_text(encoding="utf-8")
    for p in [REPO / "criteria.yaml", *sorted((REPO / "options").glob("*.yaml")),
              *sorted((REPO / "scenarios").glob("*.yaml"))]
}
"""The reference appraisal, read once: relative name to text."""

EXAMPLES = int(os.environ.get("APPRAISE_FUZZ_EXAMPLES", "300"))
TIME_LIMIT = 20.0
"""Seconds one example may take (a normal one takes under 0.3 s even on a busy machine)."""
MARKER = "PWNED"
"""The file a hostile tag tries to create in the example's folder."""

ODD_SCALARS = [
    ".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e308", "1.0e+308", "-1.0e+308", "1.7976931348623157e+308",
    "5.0e-324", "0", "-0", "-1", "1" * 400, "9" * 5000, "0x" + "f" * 300, "0o17", "1_000", "190:20:30",
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "~", "null", "Null", "''", '""', "' '", "[]", "{}",
    "2017-03-14", "2017-03-14T10:00:00Z", "2017-02-30", "true", "false", "True", "=cmd|' /C calc'!A0",
    "'5'", "!!str 5", "!!int '7'", "!!float '1e3'", "-", "?", ":", "|", ">", "'", '"', "#",
]
TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:builtins.open ['{marker}', 'w']",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!pairs [a: 1]",
    "!!timestamp 2001-12-14",
    "!!merge x",
    "!foo bar",
    "!<tag:example.com,2000:x> y",
    "!!map {a: 1}",
    "!!seq [1]",
    "!!map 1",
    "!!float abc",
    "!!bool maybe",
    "!!int",
]
CHARACTERS = [
    "\x00", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b", "\t", "\r", "\r\n",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\ufeff", "\ufffe", "\u2028", "\u2029", "\ud800", "😀", "é", "\\", "\\e[2J", '"\\e[2J"', '"\\u202e"',
]
PUNCTUATION = list(":-[]{},#&*!|>'\"%@`?") + [": ", "- ", "---", "...", "<<: ", "&a ", "*a", "? "]
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)
VALUE = re.compile(r"^([ \t]*(?:- )?[^\s:#][^:#\n]*: )(\S.*)$", re.MULTILINE)
"""A ``key: value`` line: group 1 up to the value, group 2 the value (a comment included)."""

Edit = tuple[Any, ...]


@st.composite
def edits(draw: st.DrawFn) -> Edit:  # noqa: PLR0911 (one return per kind of edit)
    """One corruption, with positions as large numbers taken modulo the text's size."""
    at = st.integers(0, 10**6)
    kind = draw(st.sampled_from(
        ["delete", "duplicate", "swap", "truncate", "insert", "scalar", "tag", "alias", "long", "deep", "bomb"]))
    if kind in ("delete", "duplicate"):
        return (kind, draw(at))
    if kind == "swap":
        return (kind, draw(at), draw(at))
    if kind == "truncate":
        return (kind, draw(at))
    if kind == "insert":
        return (kind, draw(at), draw(st.sampled_from(CHARACTERS + PUNCTUATION)))
    if kind == "scalar":
        return (kind, draw(at), draw(st.sampled_from(ODD_SCALARS)))
    if kind == "tag":
        return (kind, draw(at), draw(st.sampled_from(TAGS)))
    if kind == "alias":
        return (kind, draw(at), draw(at))
    if kind == "long":
        return (kind, draw(at), draw(st.sampled_from(["x", "é", "9", "a ", "\\u202e"])),
                draw(st.sampled_from([301, 10_001, 100_000, 600_000])))
    if kind == "deep":
        return (kind, draw(at), draw(st.sampled_from(["[", "{a: ", "- "])), draw(st.sampled_from([39, 41, 1_500,
                                                                                                  60_000])))
    return (kind, draw(at), draw(st.sampled_from(["value", "file"])))


def apply_edit(text: str, edit: Edit, marker: Path) -> str:  # noqa: C901, PLR0911, PLR0912 (one branch per kind)
    """``text`` with one corruption made (see :func:`edits`)."""
    kind, at = edit[0], edit[1]
    lines = text.split("\n")
    values = list(VALUE.finditer(text))
    value = values[at % len(values)] if values else None

    def replace_value(new: str) -> str:
        if value is None:
            return text + new
        return text[: value.start(2)] + new + text[value.end(2):]

    if kind == "delete":
        del lines[at % len(lines)]
    elif kind == "duplicate":
        i = at % len(lines)
        lines.insert(i, lines[i])
    elif kind == "swap":
        i, j = at % len(lines), edit[2] % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "truncate":
        return text[: at % (len(text) + 1)]
    elif kind == "insert":
        i = at % (len(text) + 1)
        return text[:i] + str(edit[2]) + text[i:]
    elif kind == "scalar":
        return replace_value(edit[2])
    elif kind == "tag":
        return replace_value(edit[2].replace("{marker}", str(marker)))
    elif kind == "alias":
        if value is None:
            return text
        other = values[edit[2] % len(values)]
        if other.start() == value.start():  # an alias inside its own anchor: a loop
            return replace_value("&x [*x]")
        anchored = text[: value.start(2)] + "&x " + text[value.start(2):]
        shift = 3 if other.start() > value.start() else 0
        return anchored[: other.start(2) + shift] + "*x" + anchored[other.end(2) + shift:]
    elif kind == "long":
        return replace_value(edit[2] * edit[3])
    elif kind == "deep":
        opener, depth = edit[2], edit[3]
        if opener == "- ":
            return replace_value("\n" + "- " * depth + "x")
        closer = "]" if opener == "[" else "}"
        return replace_value(opener * depth + ("1" if opener != "[" else "") + closer * depth)
    elif kind == "bomb":
        if edit[2] == "value":
            return replace_value("[" + BILLION_LAUGHS.strip().replace("\n", ", ") + "]")
        return text + "\n" + BILLION_LAUGHS
    return "\n".join(lines)


def encode(text: str, encoding: str) -> bytes:
    """Bytes of the corrupted text (lone surrogates become invalid UTF-8, as in a broken file)."""
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if encoding in ("utf-16", "latin-1"):
        return text.encode(encoding, "replace")
    return text.encode("utf-8", "surrogatepass")


COMMANDS: list[list[str]] = [
    ["score", "{folder}", "--format", "json"],
    ["score", "{folder}", "--format", "json", "--output", "{output}"],
    ["score", "{folder}", "--format", "table"],
    ["score", "{folder}", "--format", "csv", "--output", "{output}"],
    ["score", "{folder}", "--format", "markdown"],
    ["score", "{folder}", "--format", "json", "--scenario", "{folder}/scenarios/finance-led.yaml"],
    ["validate", "{folder}"],
    ["report", "{folder}", "--format", "markdown"],
    ["report", "{folder}", "--format", "html", "--output", "{output}"],
    ["diff", "{original}", "{folder}", "--format", "json"],
    ["sensitivity", "{folder}", "--samples", "30", "--format", "json"],
    ["vfm", "{folder}", "--format", "json"],
]


@dataclass(frozen=True)
class Example:
    """One fuzz input: which file to corrupt, how, in what encoding, and the command to run."""

    file: str
    edits: tuple[Edit, ...]
    encoding: str
    command: tuple[str, ...]


def examples() -> st.SearchStrategy[Example]:
    return st.builds(
        Example,
        file=st.sampled_from(sorted(REFERENCE)),
        edits=st.lists(edits(), min_size=1, max_size=3).map(tuple),
        encoding=st.sampled_from(["utf-8"] * 8 + ["utf-8-bom", "utf-16", "latin-1"]),
        command=st.sampled_from(COMMANDS).map(tuple),
    )


LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:error|warning): \S.*$")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def build(example: Example, root: Path) -> tuple[list[str], Path, Path]:
    """Write the original and the corrupted folder under ``root``; return argv, folder, output."""
    original, folder = root / "original", root / "appraisal"
    for base in (original, folder):
        for name, text in REFERENCE.items():
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_text(text, encoding="utf-8")
    text = REFERENCE[example.file]
    for edit in example.edits:
        text = apply_edit(text, edit, folder / MARKER)
    (folder / example.file).write_bytes(encode(text, example.encoding))
    output = root / "out" / "result"  # no ending: each command writes its --format
    output.parent.mkdir()
    argv = [a.format(folder=folder, original=original, output=output) for a in example.command]
    return argv, folder, output


def check(example: Example, run: Callable[..., Run] = run_appraise) -> None:
    """Build the example, run it, and assert the documented answer to any input."""
    with tempfile.TemporaryDirectory(prefix="appraise-fuzz-") as tmp:
        root = Path(tmp)
        argv, folder, output = build(example, root)
        result = run(*argv, timeout=TIME_LIMIT)
        assert result.code in (0, 2), (result.code, result.err[-2000:])
        assert "Traceback" not in result.err and "internal error" not in result.err, result.err[-2000:]
        assert not UNSAFE.search(result.err), "raw control character on standard error"
        assert not re.search(r"<[\w.]+ object at 0x", result.err), "a Python object in a message"
        assert not (folder / MARKER).exists(), "a tag ran code"
        leftovers = [p.name for p in output.parent.iterdir() if p.name != output.name]
        assert not leftovers, f"temporary files left behind: {leftovers}"
        if result.code == 2:
            check_refusal(result, root, output)
        else:
            check_answer(result, argv, output)


def check_refusal(result: Run, root: Path, output: Path) -> None:
    """Exit 2: each message at FILE:LINE:COL in a file of the folder, and no output file."""
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert lines, "exit 2 with nothing said"
    for line in lines:
        found = LOCATED.match(line)
        assert found, f"not FILE:LINE:COL: {line[:300]!r}"
        path = Path(found["file"])
        assert path.is_file() and root in path.resolve().parents, f"not a file of the folder: {line[:300]!r}"
        assert int(found["line"]) >= 1 and int(found["col"]) >= 1
    assert any(": error: " in line for line in lines)
    assert not output.exists(), "an output file was written for bad input"


def check_answer(result: Run, argv: list[str], output: Path) -> None:
    """Exit 0: valid output of the kind asked for."""
    text = output.read_text(encoding="utf-8") if "--output" in argv else result.out
    assert text.strip(), "exit 0 with no output"
    assert not UNSAFE.search(text), "a control character in the output"
    if argv[0] == "validate":
        assert result.out.startswith("ok: "), result.out
    if "json" in argv:
        document = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
        if argv[0] == "score":
            check_score_json(document)


def check_score_json(doc: dict[str, Any]) -> None:
    """The shape and arithmetic of the score JSON, checked by hand."""
    assert set(doc) >= {"title", "scenario", "criteria", "options", "discounted", "preferred"}
    assert isinstance(doc["title"], str) and doc["title"]
    criteria = {c["id"]: c for c in doc["criteria"]}
    parents = {c["parent"] for c in doc["criteria"]}
    leaves = [c for c in doc["criteria"] if c["id"] not in parents]
    assert math.isclose(sum(c["weight"] for c in leaves), 1.0, rel_tol=1e-9)
    top = [c["id"] for c in doc["criteria"] if c["parent"] is None]
    ranks = []
    for option in doc["options"]:
        assert set(option) >= {"id", "name", "rank", "total", "eligible", "failed_gates", "criteria"}
        assert -1e-9 <= option["total"] <= 100 + 1e-9
        contributions = sum(option["criteria"][c]["contribution"] for c in top)
        assert math.isclose(contributions, option["total"], rel_tol=1e-9, abs_tol=1e-9)
        assert set(option["criteria"]) == set(criteria)
        assert (option["rank"] is None) == (not option["eligible"])
        assert option["eligible"] == (not option["failed_gates"])
        ranks.append(option["rank"])
    ranked = [r for r in ranks if r is not None]
    assert ranks[: len(ranked)] == ranked == sorted(ranked)  # ranked first, in order
    top_ranked = [o["id"] for o in doc["options"] if o["rank"] == 1]
    assert doc["preferred"] == (top_ranked[0] if len(top_ranked) == 1 else None)


FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example, HealthCheck.filter_too_much])


@FUZZ
@given(examples())
def test_any_corruption_gets_an_answer_or_a_located_refusal(example: Example) -> None:
    check(example)


@settings(FUZZ, max_examples=6)
@given(examples())
def test_the_console_script_answers_too(example: Example) -> None:
    """A handful through the real console script: this also sees a crash of the interpreter."""
    check(example, run=spawn_appraise)


def test_the_corruptions_reach_every_kind_of_failure() -> None:
    """The edits do what they say on the reference files (a guard against a fuzzer that fuzzes nothing)."""
    marker = Path("/nonexistent") / MARKER
    text = REFERENCE["options/tender-two.yaml"]
    assert apply_edit(text, ("delete", 0), marker).count("\n") == text.count("\n") - 1
    assert apply_edit(text, ("truncate", 10), marker) == text[:10]
    scalar = apply_edit(text, ("scalar", 0, ".nan"), marker)
    assert scalar != text and ": .nan" in scalar
    assert "!!python/object/apply:os.system" in apply_edit(text, ("tag", 3, TAGS[0]), marker)
    aliased = apply_edit(text, ("alias", 2, 5), marker)
    assert "&x " in aliased and "*x" in aliased
    assert "[" * 1500 in apply_edit(text, ("deep", 1, "[", 1500), marker)
    assert BILLION_LAUGHS in apply_edit(text, ("bomb", 0, "file"), marker)

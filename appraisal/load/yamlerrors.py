"""Translating what the YAML library and the decoder say into plain advice, with its place."""

from __future__ import annotations

import yaml

from appraisal.load.safeyaml import TOO_DEEP, BaseLoader


def describe_yaml_error(exc: yaml.YAMLError) -> tuple[str, yaml.Mark | None]:
    """Turn a PyYAML error into one plain sentence and the place it points at."""
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in str(
        exc.problem
    ):
        tag = str(exc.problem).split("'")[1] if "'" in str(exc.problem) else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return (
            (f"the tag '{tag}' is not allowed: appraise reads plain YAML (text, numbers, "
             "true/false, dates, lists and mappings)"),
            exc.problem_mark,
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:
            # libyaml 0.2.5 as bundled from PyYAML 6.0.4 has its own depth limit (1,000), met
            # by its scanner before our event scan sees the 41st level: one message for both.
            return TOO_DEEP, exc.problem_mark
        if "found character '\\t'" in problem:
            problem = "a tab character cannot indent YAML: use spaces"
        if exc.context and exc.problem and exc.context not in problem:
            problem = f"{problem} ({exc.context})"
        return f"invalid YAML: {problem}", exc.problem_mark or exc.context_mark
    return f"invalid YAML: {exc}", None


def decode(raw: bytes) -> tuple[str | None, str, int, int]:
    """Decode UTF-8 (with or without a byte-order mark); on failure say where."""
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        return None, "this is a binary file, not YAML text (it contains a NUL byte)", line, col
    try:
        return raw.decode("utf-8-sig"), "", 0, 0
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, "the file is not UTF-8 text: save it as UTF-8", line, col


def reader_problem(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int, str]:
    """Line, column and message for a character YAML does not allow (a control character).

    libyaml gives the place as a byte offset into the UTF-8 text (PyYAML's own reader as a
    character offset) and words it over two lines; this names the character on one line.
    """
    offset = exc.position
    if BaseLoader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return line, col, f"the character U+{code:04X} is not allowed in YAML ({exc.reason}): remove it"

"""Translating what the YAML library and the decoder say into plain advice, with its place."""

from __future__ import annotations

import re

import yaml

from appraisal.load.safeyaml import TOO_DEEP, BaseLoader, place

Place = tuple[str, int, int]
"""A message and the 1-based line and column it is about."""

_KEY = re.compile(r"^(?P<indent>\s*)(?:- +)?(?P<key>[^\s:#'\"{}\[\],&*!|>%@`-][^:#]*?):(?:\s+|$)")
"""A ``key:`` (or ``- key:``) at the start of a line, with a space or the line's end after the colon."""
_NO_SPACE = re.compile(r"^\s*(?:- +)?(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s/].*)$")
"""``score:1``: a key with no space after its colon (a URL's ``://`` is text, not this)."""


def describe_yaml_error(exc: yaml.YAMLError, text: str) -> Place:
    """Turn a PyYAML error into plain advice and the place of the mistake.

    libyaml names what its grammar expected ("mapping values are not allowed in this
    context"), often where it noticed the problem, a line or more after the mistake. Each kind
    of error is matched to its usual causes by looking at the lines it points at, and the
    advice says what is probably wrong and how to write it instead.
    """
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in str(exc.problem):
        tag = str(exc.problem).split("'")[1] if "'" in str(exc.problem) else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        line, col = place(exc.problem_mark)
        return _at(f"the tag '{tag}' is not allowed: appraise reads plain YAML (text, numbers, "
                   "true/false, dates, lists and mappings)", line, col)
    if not isinstance(exc, yaml.MarkedYAMLError):
        return f"invalid YAML: {exc}", 1, 1
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines()
    if "nesting depth" in problem:
        # libyaml 0.2.5 as bundled from PyYAML 6.0.4 has its own depth limit (1,000), met
        # by its scanner before our event scan sees the 41st level: one message for both.
        return (TOO_DEEP, *place(mark))
    if "found character '\\t'" in problem or (mark is not None and _line(lines, mark.line)[mark.column:][:1] == "\t"):
        return _at("invalid YAML: a tab character cannot indent YAML: use spaces",
                   *place(mark))  # libyaml words it 2 ways
    advice = _advice(problem, exc.context or "", exc.problem_mark, exc.context_mark, lines)
    if advice is not None:
        found = _KEY.match(_line(lines, advice[1] - 1))
        curly = curly_quotes(found["key"], _line(lines, advice[1] - 1)[found.end():]) if found else None
        return (curly, advice[1], found.end() + 1) if curly and found else advice
    if exc.context and exc.problem and exc.context not in problem:
        problem = f"{problem} ({exc.context})"
    return _at(f"invalid YAML: {problem}", *place(mark))


def _at(message: str, line: int, col: int) -> Place:
    return message, line, col


def _line(lines: list[str], index: int) -> str:
    return lines[index] if 0 <= index < len(lines) else ""


def _quoted(line: str, *, apostrophe: bool = False) -> str:
    """``, like this: KEY: "VALUE"``: the line's value in double quotes (single if it holds a
    double quote); with ``apostrophe``, the value was in single quotes, which are dropped."""
    found = _KEY.match(line)
    if not found:
        return ""
    value = line[found.end():].strip()
    if apostrophe and len(value) > 1 and value[0] == value[-1] == "'":
        value = value[1:-1]
    if '"' in value:
        value = "'" + value.replace("'", "''") + "'"
    else:
        value = f'"{value}"'
    return f", like this: {found['key']}: {value}"


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a"
"""Typographic quotes (“ ” ‘ ’ „ ‚ « » ‹ ›), as Word and Outlook type them."""


def curly_quotes(key: str, value: str) -> str | None:
    """Advice for a value wrapped in curly quotes, which YAML reads as ordinary letters; None otherwise."""
    value = value.split(" #", 1)[0].strip()
    if not value or value[0] not in _CURLY:
        return None
    inner = value.strip(_CURLY + " ")
    quoted = "'" + inner.replace("'", "''") + "'" if '"' in inner else f'"{inner}"'
    return (f"the text of '{key}' starts with {value[0]}, a curly quote (as Word types it), which YAML does not "
            f"read as a quote: use straight quotes instead, like this: {key}: {quoted}")


def _advice(  # noqa: C901, PLR0911, PLR0912 (one branch per libyaml message)
    problem: str, context: str, at: yaml.Mark | None, start: yaml.Mark | None,
    lines: list[str],
) -> Place | None:
    """Plain advice for the syntax errors officers meet most, or None for the rest."""
    if at is None:
        return None
    here, col = _line(lines, at.line), at.column
    if "mapping values are not allowed" in problem:
        return _colon(lines, at.line, col)
    if "could not find expected ':'" in problem and start is not None:
        return _not_a_key(lines, start.line)
    if "quoted scalar" in context and start is not None:
        if "end of stream" in problem or "end of document" in problem:
            quote = _line(lines, start.line)[start.column:start.column + 1] or '"'
            return _at(f"this text opens with {quote} but is never closed: end it with {quote} on the same line",
                       start.line + 1, start.column + 1)
        slash = here.rfind("\\", 0, col + 1)
        return _at("a backslash (\\) inside double quotes starts a special character: put text with backslashes "
                   "(a Windows path, say) in single quotes instead, or write each backslash twice",
                   at.line + 1, (slash if slash >= 0 else col) + 1)
    if "flow" in context and start is not None and problem.startswith("did not find expected"):
        opener = _line(lines, start.line)[start.column:start.column + 1] or "{"
        closer = "}" if opener == "{" else "]"
        if at.line > start.line:
            return _at(f"the '{opener}' here is not closed on its line: end it with '{closer}'",
                       start.line + 1, start.column + 1)
        return _after_quote(here, at.line, col, example=False) or _at(
            f"inside '{opener} {closer}' a comma separates the items and ': ' a key from its value: put any text "
            "holding either in quotes", at.line + 1, col + 1)
    if ("did not find expected key" in problem or "expected '-' indicator" in problem
            or "expected <block end>" in problem):
        return _misplaced(lines, at.line, col)
    if "found unexpected ':'" in problem:
        return _at("a colon here must have a space after it (as in 'score: 4'); text that holds a colon must be "
                   "in quotes", at.line + 1, col + 1)
    if "cannot start any token" in problem or "undefined alias" in problem:
        char = here[col:col + 1] or "?"
        why = " (it marks a reference to an '&' anchor)" if char == "*" else ""
        return _at(f"text cannot start with '{char}' in YAML{why}: put the text in quotes{_quoted(here)}", at.line + 1,
                   col + 1)
    marks = [i for i in range(min(col, len(here) - 1), -1, -1) if here[i] in "&*%?"]
    char = here[marks[0]] if marks else "?"
    if "directive name" in problem or "mapping keys are not allowed" in problem or (
            ("alphabetic" in problem or "alphabetical" in problem) and char in "%?"):
        return _at(f"text cannot start with '{char}' in YAML: put the text in quotes", at.line + 1,
                   (marks[0] if marks else col) + 1)
    if "alphabetic or numeric character" in problem or "non-alphabetical character" in problem:
        return _at("'&' and '*' at the start of a value mark an anchor and a reference to it in YAML: put the text "
                   f"in quotes{_quoted(here)}", at.line + 1, col + 1)
    if "expected node content" in problem or "whitespace or line break" in problem:
        return _at("a value is missing here, or starts with a character YAML reads as punctuation (such as ',', "
                   "']', '}' or '!'): write the value, or put the text in quotes", at.line + 1, col + 1)
    if "expected <document start>" in problem:
        return _at("this line does not fit the 'key: value' lines above it: check its indentation, and that any "
                   "quotes on the line above are closed", at.line + 1, col + 1)
    if "block sequence entries are not allowed" in problem:
        return _at("a value cannot start with '- ' on its key's line (it would start a list): put the text in quotes, "
                   "or start the list on the next line, indented", at.line + 1, col + 1)
    if "block scalar" in context:
        return _at("after '|' or '>' the text starts on the next line, indented: move it there, or put the text in "
                   "quotes instead", at.line + 1, col + 1)
    return None


def _colon(lines: list[str], index: int, col: int) -> Place:
    """"Mapping values are not allowed": a second ': ' in the text, ``score:1`` above, or a key
    indented under one whose value is already given (its text then runs on into this line)."""
    here = _line(lines, index)
    key = _KEY.match(here)
    if key and key.end() <= col:
        return _at(f"the text after '{key['key']}:' holds ': ', which YAML reads as the start of another key: put "
                   f"the whole text in quotes{_quoted(here)}", index + 1, col + 1)
    indent = len(here) - len(here.lstrip())
    for above in range(index - 1, -1, -1):
        line = _line(lines, above)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        glued = _NO_SPACE.match(line)
        if glued:
            return _at(f"'{glued['key']}:{glued['value'].strip()}' needs a space after the colon: write "
                       f"'{glued['key']}: {glued['value'].strip()}'", above + 1, line.index(":") + 1)
        owner = _KEY.match(line)
        if owner and len(owner["indent"]) < indent:
            name = key["key"] if key else here.strip()[:30]
            return _at(f"'{name}' is indented more than '{owner['key']}:' on line {above + 1}, whose value is given "
                       f"already, so YAML reads it as more of that value: start it in the same column as "
                       f"'{owner['key']}:' (or quote the text)", index + 1, indent + 1)
    return _at(f"this line holds ': ' where YAML does not expect a key: put the text in quotes{_quoted(here)}",
               index + 1, col + 1)


def _not_a_key(lines: list[str], index: int) -> Place:
    """"Could not find expected ':'", reported at the next line: the mistake is this line."""
    line = _line(lines, index)
    glued = _NO_SPACE.match(line)
    indent = len(line) - len(line.lstrip())
    if glued:
        return _at(f"'{glued['key']}:{glued['value'].strip()}' needs a space after the colon: write "
                   f"'{glued['key']}: {glued['value'].strip()}'", index + 1, line.index(":") + 1)
    return _at("this line is not 'key: value': write ': ' after the key, or, if it carries on the text of the line "
               "above, indent it further than that line's key (or put the whole text in quotes)", index + 1, indent + 1)


def _after_quote(here: str, index: int, col: int, *, example: bool = True) -> Place | None:
    """Text where YAML expects none, after a closing quote or bracket: an apostrophe inside
    single quotes (``'It's good'``), or quoted words at the start of longer text. The
    ``example`` of the line rewritten is left out inside ``{ }``, where it would quote them."""
    before = here[:col].rstrip()
    quoted = _quoted(here, apostrophe=True) if example else ""
    if before.endswith("'") and here[col:col + 1].isalpha():
        return _at("the text in single quotes ends at the apostrophe: inside single quotes write an apostrophe "
                   f"twice (''), or put the text in double quotes instead{quoted}", index + 1, len(before))
    if before.endswith(("'", '"', "]", "}")):
        return _at(f"the value ends at the {before[-1]} before '{here[col:].strip()[:20]}', and YAML expects nothing "
                   f"more on the line: put the whole text in quotes{_quoted(here) if example else ''}",
                   index + 1, col + 1)
    return None


def _misplaced(lines: list[str], index: int, col: int) -> Place:
    """"Did not find expected key" and kin: text after closing quotes, or a line out of column."""
    here = _line(lines, index)
    after = _after_quote(here, index, col)
    if after is not None:
        return after
    indent = len(here) - len(here.lstrip())
    dash = here.lstrip().startswith("-")
    nearest: tuple[int, int] | None = None  # (line, column) of the key just above, when out of line with this one
    for above in range(index - 1, -1, -1):
        line = _line(lines, above)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        other = len(line) - len(line.lstrip())
        if dash and line.lstrip().startswith("-") and other != indent:
            return _at(f"this list item's '-' is in column {indent + 1}, but the item above has its '-' in column "
                       f"{other + 1}: put the '-' of every item of one list in the same column", index + 1, indent + 1)
        key = _KEY.match(line)
        if nearest is None and key and not dash and key.start("key") != indent:
            nearest = (above, key.start("key"))
        if other <= indent:
            break
    where = (f"but the key on line {nearest[0] + 1} starts in column {nearest[1] + 1}" if nearest
             else "which does not line up with the lines above it")
    return _at(f"this line starts in column {indent + 1}, {where}: start the keys of one mapping, and the '-' of "
               "one list, in the same column", index + 1, indent + 1)


_CUT_HERE = re.compile(r" #\S")
"""One space, then ``#`` and more: ``risk #1``, not a comment set off as ``value  # note`` or ``value # note``."""
_RESOLVER = yaml.resolver.Resolver()


def cut_by_comments(text: str) -> list[Place]:
    """Warnings for plain text values that a `` #`` cut short: ``rationale: risk #1 pensions``
    is read as ``risk``, because YAML takes `` #`` and all after it as a comment.

    Only text values (not keys, numbers or true/false) followed by one space, ``#`` and no
    space are named: a comment meant as one is usually set off by two spaces, or starts
    ``# ``. Files with no `` #`` after text skip the scan, so most files parse as fast as before.
    """
    if not _maybe_cut(text):
        return []
    lines = text.splitlines()
    found: list[Place] = []
    previous: yaml.Token | None = None
    for token in yaml.scan(text, Loader=BaseLoader):
        if isinstance(token, yaml.ScalarToken) and token.plain and not isinstance(previous, yaml.KeyToken):
            rest = _line(lines, token.end_mark.line)[token.end_mark.column:]
            if _CUT_HERE.match(rest) and _is_text(token.value):
                whole = f"{token.value} {rest.strip()}".replace('"', "'")
                found.append(_at(f"only '{token.value[:40]}' is read here: ' #' starts a comment, so "
                                 f"'{rest.strip()[:40]}' "
                                 f"is left out. If it is part of the text, put the whole text in quotes: "
                                 f"\"{whole[:80]}\"",
                                 token.start_mark.line + 1, token.start_mark.column + 1))
        previous = token
    return found


def _maybe_cut(text: str) -> bool:
    """Whether ``text`` has `` #`` between two characters that are not spaces anywhere: the
    cheap test (a few string searches; a regular expression costs ten times more) before
    :func:`cut_by_comments` scans the file's tokens."""
    at = text.find(" #")
    while at != -1:
        if at > 0 and not text[at - 1].isspace() and not text[at + 2:at + 3].isspace() and text[at + 2:at + 3]:
            return True
        at = text.find(" #", at + 2)
    return False


def _is_text(value: str) -> bool:
    """Whether a plain scalar is read as text (not a number, true/false, a date or null)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag == "tag:yaml.org,2002:str"


def decode(raw: bytes) -> tuple[str | None, str, int, int]:
    """Decode UTF-8 (with or without a byte-order mark); on failure say where, and why.

    Windows editors offer "Unicode" (UTF-16) when saving: its text has a NUL byte beside every
    ASCII character, so it is named as UTF-16 rather than called a binary file.
    """
    if b"\x00" in raw:
        if _utf16(raw):
            return None, ("the file is saved as UTF-16 text, and appraise reads UTF-8: save it again as UTF-8 "
                          "(in Notepad: Save As, then Encoding: UTF-8)"), 1, 1
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


def _utf16(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-16 text: a byte-order mark (not UTF-32's), or, without one, a NUL
    in every other byte of the first line's worth of text (ASCII in UTF-16) and nowhere else."""
    if raw[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return False
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    head = raw[:200] if len(raw) % 2 == 0 else b""
    for nuls, text, codec in ((head[1::2], head[0::2], "utf-16-le"), (head[0::2], head[1::2], "utf-16-be")):
        if nuls and nuls.count(0) >= 0.9 * len(nuls) and b"\x00" not in text:
            try:
                raw.decode(codec)
            except UnicodeDecodeError:
                continue
            return True
    return False


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

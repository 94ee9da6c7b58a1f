"""Write an agreed score into an option file's text, changing nothing else (docs/panel.md).

The moderation sheet's import (:mod:`appraisal.load.moderation`) sets ``scores.<criterion>:
{score, moderation}`` in ``options/<id>.yaml``, which people keep by hand, with comments,
blank lines, quoting and flow mappings of their own. A YAML library's round trip re-emits the
whole file, and even ruamel.yaml's normalises indentation and spacing it did not record, so
here ruamel.yaml only reads: its composer gives each key and value's exact place in the text,
and only the span of the value being changed is replaced, or a line added after an entry's
last line. New values are rendered by ruamel.yaml as YAML 1.1, the version appraise reads,
so a note reading ``yes`` or ``3.5`` stays text. The caller re-parses the result and checks
it holds exactly the intended data (:func:`set_agreed` does), so a file laid out in a way
this cannot edit is refused, never damaged.

A bare score ``users: 4`` becomes a block mapping when a note is added; a flow mapping
``{score: 4, rationale: ...}`` stays one while its line stays under :data:`WIDTH` characters,
else it opens into a block mapping; a criterion not yet scored is added after the file's last
score, in the style of the ``scores:`` mapping.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

WIDTH = 100
"""The longest line a flow mapping may grow to before it is written as a block."""


class CannotEdit(Exception):
    """The file is laid out in a way this cannot edit in place (the message says how)."""


@dataclass(frozen=True)
class Agreed:
    """An agreed score and, if given, the panel's note of how it was reached."""

    score: float
    moderation: str | None = None


def number_text(value: float) -> str:
    """``4`` for 4.0, ``3.5`` for 3.5: as a person writes a score."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def scalar_text(value: Any, *, flow: bool) -> str:
    """``value`` as a YAML 1.1 scalar that reads back as itself, in a flow or block context."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML()
    yaml.version = (1, 1)
    yaml.width = 1_000_000
    data = CommentedMap(k=CommentedMap(v=value))
    if flow:
        data["k"].fa.set_flow_style()
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue().split("\n", 2)[2]  # after '%YAML 1.1' and '---'
    text = text.rstrip("\n")
    return text.removeprefix("k: {v: ").removesuffix("}") if flow else text.removeprefix("k:\n  v: ")


def compose(text: str) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML().compose(text)
    except YAMLError as exc:  # the file was read by appraise a moment ago: it changed since
        raise CannotEdit("the file is not valid YAML now: did it change during the import?") from exc


def _find(mapping: Any, key: str) -> tuple[Any, Any] | None:
    return next(((k, v) for k, v in mapping.value if k.value == key), None)


def _kind(node: Any) -> str:
    return type(node).__name__.removesuffix("Node").lower()  # scalar | mapping | sequence


def _last_end(node: Any) -> int:
    """Where the text of ``node``'s last line of content ends (a block collection's own end
    mark lies after any comments and blank lines that follow it)."""
    while _kind(node) in ("mapping", "sequence") and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The index of the newline ending the line ``index`` is on (or the text's end)."""
    if index > 0 and text[index - 1] == "\n":
        return index - 1
    found = text.find("\n", index)
    return len(text) if found < 0 else found


def _child_indent(parent_key: Any, mapping: Any) -> int:
    """The indentation of a block mapping's keys under ``parent_key`` (2 more, when it has none)."""
    first = mapping.value[0][0] if mapping.value else None
    return int(first.start_mark.column) if first is not None else int(parent_key.start_mark.column) + 2


def _flow(pairs: list[tuple[str, str]]) -> str:
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def _block(pairs: list[tuple[str, str]], indent: int) -> str:
    return "".join(f"\n{' ' * indent}{k}: {v}" for k, v in pairs)


def _set_scalar(text: str, mapping: Any, key: str, value: Any) -> str:
    """``key: value`` set in ``mapping`` (a value replaced, or a new entry after its last)."""
    found = _find(mapping, key)
    if found is not None:
        _, node = found
        if _kind(node) != "scalar":
            raise CannotEdit(f"its '{key}' is not a single value")
        rendered = scalar_text(value, flow=bool(mapping.flow_style))
        return text[:node.start_mark.index] + rendered + text[node.end_mark.index:]
    if mapping.flow_style:
        rendered = f"{key}: {scalar_text(value, flow=True)}"
        if not mapping.value:
            at = mapping.end_mark.index - 1  # before the closing brace
            return text[:at] + rendered + text[at:]
        at = _last_end(mapping.value[-1][1])
        return text[:at] + ", " + rendered + text[at:]
    column = mapping.value[0][0].start_mark.column
    at = _line_end(text, _last_end(mapping))
    return text[:at] + f"\n{' ' * column}{key}: {scalar_text(value, flow=False)}" + text[at:]


def _pairs(text: str, node: Any, agreed: Agreed) -> list[tuple[str, str]]:
    """The entry's keys and values as text: its own (for a flow mapping), with the score and
    note set; a new key goes after the others. Flow-safe text is also valid in a block."""
    own = ([(str(k.value), text[v.start_mark.index:v.end_mark.index]) for k, v in node.value]
           if node is not None and _kind(node) == "mapping" else [])
    if node is not None and _kind(node) == "mapping" and any(
            _kind(v) != "scalar" or "\n" in t for (_, v), (_, t) in zip(node.value, own, strict=True)):
        raise CannotEdit("its score is a mapping written over several lines in flow style")
    values = dict(own)
    values["score"] = number_text(agreed.score)
    if agreed.moderation is not None:
        values["moderation"] = scalar_text(agreed.moderation, flow=True)
    return [(k, values[k]) for k in [*values]]


def set_agreed(text: str, criterion: str, agreed: Agreed) -> str:
    """``text`` (an option file) with ``scores.<criterion>`` set to ``agreed``; CannotEdit if the
    file's layout does not allow an edit in place."""
    import yaml

    from appraisal.load.safeyaml import YamlProblem, parse_plain

    if "\r\n" in text:  # a file saved on Windows keeps its line endings, new lines included
        return set_agreed(text.replace("\r\n", "\n"), criterion, agreed).replace("\n", "\r\n")
    edited = _edit(text, criterion, agreed)
    try:
        before, after = parse_plain(text), parse_plain(edited)
    except (yaml.YAMLError, YamlProblem) as exc:
        raise CannotEdit("an edit in place would break the file") from exc
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise CannotEdit("it does not hold a mapping")
    expected = dict(before)
    scores = dict(before.get("scores") or {})
    old = scores.get(criterion)
    entry = dict(old) if isinstance(old, dict) else {}
    entry["score"] = agreed.score
    if agreed.moderation is not None:
        entry["moderation"] = agreed.moderation
    scores[criterion] = entry if set(entry) != {"score"} or isinstance(old, dict) else agreed.score
    expected["scores"] = scores
    if after != expected:
        raise CannotEdit("an edit in place would change more than the score")
    return edited


def _edit(text: str, criterion: str, agreed: Agreed) -> str:  # noqa: PLR0911 - one return per layout
    root = compose(text)
    if root is None or _kind(root) != "mapping" or root.flow_style:
        raise CannotEdit("it is not a block mapping of keys")
    found = _find(root, "scores")
    if found is None or (_kind(found[1]) == "scalar" and found[1].value in ("", "~", "null")):
        pairs = _pairs(text, None, agreed)
        lines = f"scores:\n  {criterion}:" + (_block(pairs, 4) if agreed.moderation is not None else f" {pairs[0][1]}")
        if found is None:
            return text + ("" if not text or text.endswith("\n") else "\n") + lines + "\n"
        key, value = found
        return text[:key.start_mark.index] + lines + text[value.end_mark.index:]
    scores_key, scores = found
    if _kind(scores) != "mapping":
        raise CannotEdit("its 'scores' is not a mapping")
    entry = _find(scores, criterion)
    if entry is None:
        return _add_entry(text, scores_key, scores, criterion, agreed)
    key, node = entry
    inner = [v for _, v in node.value] if _kind(node) == "mapping" else []
    if node.anchor is not None or any(v.anchor is not None for v in inner):
        raise CannotEdit(f"its score for '{criterion}' is shared through a YAML anchor (&)")
    if _kind(node) == "mapping" and not node.flow_style:
        text = _set_scalar(text, node, "score", agreed.score)
        if agreed.moderation is not None:
            root = compose(text)
            text = _set_scalar(text, _find(_find(root, "scores")[1], criterion)[1],  # type: ignore[index]
                               "moderation", agreed.moderation)
        return text
    if _kind(node) == "scalar" and agreed.moderation is None:
        return text[:node.start_mark.index] + number_text(agreed.score) + text[node.end_mark.index:]
    if _kind(node) not in ("scalar", "mapping"):
        raise CannotEdit(f"its score for '{criterion}' is a list")
    pairs = _pairs(text, node, agreed)
    flow = _flow(pairs)
    line_start = text.rfind("\n", 0, node.start_mark.index) + 1
    if scores.flow_style or (_kind(node) == "mapping" and node.start_mark.index - line_start + len(flow) <= WIDTH):
        return text[:node.start_mark.index] + flow + text[node.end_mark.index:]
    colon = text.index(":", key.end_mark.index)
    step = max(2, int(key.start_mark.column) - int(scores_key.start_mark.column))
    block = _block(pairs, int(key.start_mark.column) + step)
    end = _line_end(text, node.end_mark.index)
    rest = text[node.end_mark.index:end]
    if rest.strip().startswith("#"):  # the line's comment stays on the key's line
        return text[:colon + 1] + rest + block + text[end:]
    return text[:colon + 1] + block + text[node.end_mark.index:]


def _add_entry(text: str, scores_key: Any, scores: Any, criterion: str, agreed: Agreed) -> str:
    """A new ``criterion:`` entry after the last score, in the style of the scores mapping."""
    pairs = _pairs(text, None, agreed)
    if scores.flow_style:
        rendered = f"{criterion}: {pairs[0][1] if agreed.moderation is None else _flow(pairs)}"
        if not scores.value:
            at = scores.end_mark.index - 1
            return text[:at] + rendered + text[at:]
        at = _last_end(scores.value[-1][1])
        return text[:at] + ", " + rendered + text[at:]
    column = _child_indent(scores_key, scores)
    at = _line_end(text, _last_end(scores))
    if agreed.moderation is None:
        return text[:at] + f"\n{' ' * column}{criterion}: {pairs[0][1]}" + text[at:]
    step = max(2, column - int(scores_key.start_mark.column))
    return text[:at] + f"\n{' ' * column}{criterion}:" + _block(pairs, column + step) + text[at:]

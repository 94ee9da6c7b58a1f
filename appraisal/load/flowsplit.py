"""Values that a comma cut in two inside ``{ }``, put back together for the message.

Inside ``{ }`` every comma starts a new entry, so ``{annual: £1,050,000}`` reads as
``annual: £1`` followed by the keys ``050`` and ``000`` (YAML reads the first as the octal
number 40), and ``{rationale: Good, one for each lot.}`` as a rationale ``Good`` and a key
``one for each lot.``. The pieces after the comma are keys with no ``:`` after them. Finding
them in the file lets the message quote what the officer wrote and say how to write it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Split:
    """One value of a ``{ }`` mapping and the pieces a comma cut off it."""

    loc: Loc
    """Where the value is: the mapping's place and the value's key."""
    key: str
    text: str
    """The value as written, pieces and commas included (``£1,050,000``)."""
    pieces: tuple[Any, ...]
    """The pieces as keys of the parsed data (``40`` and ``0`` for ``050`` and ``000``)."""


def find_splits(root: yaml.Node | None, data: Any, text: str) -> list[Split]:
    """Every value in a ``{ }`` mapping of the file whose text ran on past a comma.

    ``root`` is the file composed as nodes, ``data`` the same file parsed (for the pieces as
    keys of the data, which is what validation names), ``text`` the file's text.
    """
    return list(_walk(root, data, (), text)) if root is not None else []


def _walk(node: yaml.Node, data: Any, loc: Loc, text: str) -> Iterator[Split]:
    if isinstance(node, yaml.MappingNode):
        keys = list(data) if isinstance(data, dict) and len(data) == len(node.value) else None
        if node.flow_style and keys is not None:
            yield from _splits(node.value, keys, loc, text)
        for index, (key, value) in enumerate(node.value):
            if isinstance(key, yaml.ScalarNode) and keys is not None:
                yield from _walk(value, data[keys[index]], (*loc, keys[index]), text)
    elif isinstance(node, yaml.SequenceNode) and isinstance(data, list) and len(data) == len(node.value):
        for index, item in enumerate(node.value):
            yield from _walk(item, data[index], (*loc, index), text)


def _splits(entries: Sequence[tuple[yaml.Node, yaml.Node]], keys: list[Any], loc: Loc, text: str) -> Iterator[Split]:
    """The runs of keys-without-colon in one ``{ }`` mapping, each joined to the plain value before it."""
    index = 0
    while index < len(entries):
        key, value = entries[index]
        run = index + 1
        while run < len(entries) and _piece(entries[run], text):
            run += 1
        plain = isinstance(value, yaml.ScalarNode) and not value.style and value.value != ""
        if run > index + 1 and plain and isinstance(key, yaml.ScalarNode):
            end = entries[run - 1][0].end_mark.index
            yield Split((*loc, keys[index]), key.value, text[value.start_mark.index:end],
                        tuple(keys[index + 1:run]))
        index = run


def _piece(entry: tuple[yaml.Node, yaml.Node], text: str) -> bool:
    """Whether an entry is a key with no ``:`` after it: a piece a comma cut off the value before."""
    key, value = entry
    if not isinstance(key, yaml.ScalarNode) or key.style:
        return False
    between = text[key.end_mark.index:value.start_mark.index]
    return isinstance(value, yaml.ScalarNode) and value.value == "" and ":" not in between


def within(loc: Sequence[str | int], split: Split) -> bool:
    """Whether a problem at ``loc`` is about the split value or one of its pieces."""
    plain = tuple(part for part in loc if part != "[key]")
    if plain[:len(split.loc)] == split.loc:
        return True
    parent = split.loc[:-1]
    return plain[:len(parent)] == parent and len(plain) > len(parent) and _same_key(plain[len(parent)], split.pieces)


def _same_key(part: str | int, pieces: tuple[Any, ...]) -> bool:
    return any(part == piece or str(part) == str(piece) for piece in pieces)

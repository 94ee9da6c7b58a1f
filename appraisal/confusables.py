"""Text as a reader sees it, to compare names that must not be mistaken for each other.

:func:`skeleton` follows Unicode's TR39 (Security Mechanisms): two texts with the same
skeleton look alike. It applies compatibility normalisation (NFKC: a full-width or
mathematical letter, a no-break space become the plain one), drops invisible characters
(zero-width spaces and joiners, bidi marks, soft hyphens and the other format characters,
variation selectors), folds case, maps each look-alike letter to one stand-in (a Cyrillic "а"
and a Latin "a"; "0" and "O"; "l", "1" and "I") and makes each run of spaces one space.

The look-alikes are Unicode's confusables data (confusables.txt), as the confusable-homoglyphs
package ships it: pairs, both ways round. The same table serves the check that an assessment
summary names no other supplier (``appraisal.check``), which must find a rival's name however
it is spelt.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files

_IGNORABLE_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
                     (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF))
"""Invisible characters that are not format (Cf) characters: the combining grapheme joiner,
Hangul fillers, Mongolian and other variation selectors (Unicode's Default_Ignorable_Code_Point)."""


@cache
def _stand_ins() -> dict[int, str]:
    """Each look-alike character's stand-in, for ``str.translate``.

    Each pair of the data joins a character to one it looks like, so the characters that look
    alike form groups; every member stands for the one that most of the group's pairs name (its
    prototype), a group of two for the lesser, the same on both sides of a comparison.
    """
    pairs = json.loads((files("confusable_homoglyphs") / "confusables.json").read_text("utf-8"))
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    degree: dict[str, int] = {}
    for key, entries in pairs.items():
        for entry in entries:
            a, b = root(key), root(entry["c"])
            if a != b:
                parent[a] = b
            degree[key] = degree.get(key, 0) + 1
    groups: dict[str, list[str]] = {}
    for member in list(parent):
        groups.setdefault(root(member), []).append(member)
    table: dict[int, str] = {}
    for members in groups.values():
        prototype = min(members, key=lambda m: (-degree.get(m, 0), len(m), m))
        table.update((ord(m), prototype) for m in members if len(m) == 1 and m != prototype)
    for lo, hi in _IGNORABLE_RANGES:
        table.update((c, "") for c in range(lo, hi + 1))
    return table


_ASCII = str.maketrans({'"': "''", "%": "\u00ba/\u2080", "0": "o", "1": "l", "`": "'", "m": "rn", "|": "l"})
"""What :func:`_stand_ins` gives the ASCII characters once lower-cased (tests/model/
test_confusables.py checks it against the data): ASCII names, the usual case, are compared
without reading the data, which takes a sixth of a second."""


def skeleton(text: str) -> str:
    """``text`` as a reader sees it, for comparison: normalised, invisible characters dropped,
    case folded, look-alike letters mapped, whitespace runs made one space."""
    if text.isascii():  # its own normal form, with no format characters
        return " ".join(text.lower().translate(_ASCII).split())
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.casefold().translate(_stand_ins()).casefold()
    return " ".join(text.split())

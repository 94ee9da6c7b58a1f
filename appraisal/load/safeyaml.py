"""Parsing YAML text safely into plain data: libyaml's speed, none of YAML's dangers.

Plain YAML only: no tag constructs an object, duplicate keys are errors, and alias expansion
and nesting depth are bounded. The parse keeps no positions; :mod:`appraisal.load.source`
finds them again only when a problem has to be placed.
"""

from __future__ import annotations

import sys
from typing import Any, ClassVar

import yaml

MAX_NODES = 100_000
"""Values in one file after alias expansion (stops a "billion laughs" file)."""
MAX_DEPTH = 40
"""Nesting depth of one file; a criteria tree is a handful of levels deep."""
TOO_DEEP = f"the file is nested more than {MAX_DEPTH} levels deep"
TOO_MANY = f"the file expands to more than {MAX_NODES:,} values (aliases repeated too often)"
_TOO_LARGE = 10**308
"""Whole numbers this large or larger are refused as they are read (see ``_Loader``)."""
_REMEMBER_UP_TO, _REMEMBERED = 32, 10_000
"""Plain scalars up to this length have their tag remembered, this many of them (see ``_Loader.resolve``)."""
_SCAN_ABOVE = 1000
"""Texts with more nesting indicators than this get the event scan of :func:`too_deep`."""

try:
    BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    BaseLoader = yaml.SafeLoader

_MERGE = "tag:yaml.org,2002:merge"


class YamlProblem(Exception):
    """A problem found while constructing, with the node it is about."""

    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's safe loader, whose numbers and dates report what is wrong with them, and where."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        """A whole number, refused (with its place) beyond the range of a float.

        Python will not convert a number of over 4,300 digits from or to text (a ValueError
        wherever it is read or printed), and no appraisal number needs more than 308.
        """
        try:
            value = int(super().construct_yaml_int(node))
        except ValueError:
            if sum(c.isdigit() for c in node.value) <= 4300:
                raise  # not a number at all ("!!int abc"): see _checked
            value = _TOO_LARGE
        if not -_TOO_LARGE < value < _TOO_LARGE:
            raise YamlProblem("this number is too large", node.start_mark)
        return value

    _plain_tags: ClassVar[dict[str, str]] = {}
    """Tags of short plain scalars already resolved (scores, costs, true and false recur in every file)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """The tag of a node; a short plain scalar's is remembered by its text.

        PyYAML's resolver tries its regular expressions on every plain scalar, a fifth of the
        parse of an option file. With no path resolvers (the safe loader has none), a plain
        scalar's tag depends on its text alone, so the answer for ``4`` is found once.
        """
        if kind is not yaml.ScalarNode or not implicit[0] or len(value) > _REMEMBER_UP_TO or self.yaml_path_resolvers:
            return str(super().resolve(kind, value, implicit))
        tag = self._plain_tags.get(value)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(self._plain_tags) < _REMEMBERED:
                self._plain_tags[value] = tag
        return tag

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or a located problem for one that does not exist (2017-02-30 must be reported, not crash)."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise YamlProblem(f"'{node.value}' is not a date that exists ({exc})", node.start_mark) from None


_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false",
          "timestamp": "a date written YYYY-MM-DD", "binary": "base64 data"}
"""What a scalar with each of YAML's core tags must be."""
_COLLECTIONS = ("map", "seq", "set", "omap", "pairs")


def _checked(construct: Any, name: str) -> Any:
    """A core-tag constructor that reports a value it cannot build as a located problem.

    PyYAML's own raise ValueError ("!!float abc"), KeyError ("!!bool maybe"), IndexError (an
    empty "!!int"), AttributeError ("!!timestamp x") or, for a collection tag on a scalar
    ("!!map 1"), return an unfinished generator: each must be a located problem, not a crash.
    """

    def construct_checked(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
        if name in _COLLECTIONS and isinstance(node, yaml.ScalarNode):
            raise YamlProblem(f"'{node.value[:40]}' is one value, but the tag !!{name} wants a collection",
                               node.start_mark)
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            shown = node.value[:40] if isinstance(node.value, str) else "this"
            raise YamlProblem(f"'{shown}' is not {_KINDS.get(name, f'a !!{name}')}", node.start_mark) from None

    return construct_checked


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
for _name in (*_KINDS, *_COLLECTIONS):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}",
                            _checked(_Loader.yaml_constructors[f"tag:yaml.org,2002:{_name}"], _name))


def place(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"


def parse_plain(text: str) -> Any:
    """Parse ``text`` to plain data: libyaml composes the nodes, one pass here builds the values.

    Building straight from the node tree skips PyYAML's generic construction machinery (a
    third of the parse time) and is the one place that checks what the data must not be:
    nested more than MAX_DEPTH deep, expanding to more than MAX_NODES values (keys not counted)
    through aliases (each subtree's size is remembered, so an alias costs its full expansion
    without a second walk), an alias inside the value it names, or a mapping with a repeated
    key. Scalars use the loader's constructors (so ``_Loader``'s checks on numbers and dates
    apply); merge keys are flattened as PyYAML does, and a collection with an unusual tag
    (``!!set``, ``!!omap``) is checked like any other, then built by PyYAML.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is None:
        return None
    return _Builder(loader).build(root, 0)[0]


class _Builder:
    """The one pass of :func:`parse_plain` over one file's nodes.

    An object rather than nested functions: functions that call each other through their
    enclosing scope form a reference cycle, which would keep every file's nodes alive until
    the cyclic collector runs (and the command line pauses it).
    """

    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.built: dict[int, tuple[Any, int]] = {}
        self.active: set[int] = set()
        self.budget = MAX_NODES

    def scalar(self, node: yaml.ScalarNode) -> Any:
        value, tag = node.value, node.tag
        if tag == _STR:
            return value
        if (tag == _INT and value.isascii() and value.isdigit() and len(value) < 16
                and (value[0] != "0" or value == "0")):
            return int(value)  # plain decimal (a leading 0 is octal in YAML 1.1): no checks needed
        return self.constructors.get(tag, self.constructors[None])(self.loader, node)

    def key(self, node: yaml.Node) -> Any:
        if type(node) is not yaml.ScalarNode:
            raise YamlProblem("a key must be plain text, not a list or a mapping", node.start_mark)
        if node.tag == _STR:
            return sys.intern(node.value)
        name = self.scalar(node)
        # one copy of each key for all files: 10,000 option files repeat the same 25 keys
        return sys.intern(name) if type(name) is str else name

    def mapping(self, node: yaml.MappingNode, depth: int) -> tuple[dict[Any, Any], int]:
        """The mapping's values; merge keys are flattened first (merged pairs first, so the
        mapping's own keys win), and none of its own keys may repeat."""
        merged = 0
        if any(k.tag == _MERGE for k, _ in node.value):
            own = sum(k.tag != _MERGE for k, _ in node.value)
            self.loader.flatten_mapping(node)
            merged = len(node.value) - own
        result: dict[Any, Any] = {}
        size = 1
        for key_node, value_node in node.value[:merged]:
            result[self.key(key_node)], n = self.build(value_node, depth + 1)
            size += n
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value[merged:]:
            name = self.key(key_node)
            if name in seen:
                first = seen[name].start_mark.line + 1
                raise YamlProblem(f"duplicate key '{key_node.value}' (first given on line {first})",
                                  key_node.start_mark)
            seen[name] = key_node
            result[name], n = self.build(value_node, depth + 1)
            size += n
        return result, size

    def build(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        """The value of ``node`` and how many values it expands to.

        A scalar is built again where an alias repeats it (it is immutable, and contains
        nothing), so only collections are remembered.
        """
        if type(node) is yaml.ScalarNode:
            self.budget -= 1
            if self.budget < 0:
                raise YamlProblem(TOO_MANY, None)
            return self.scalar(node), 1
        key = id(node)
        if key in self.built:
            value, size = self.built[key]
            self.budget -= size
            if self.budget < 0:
                raise YamlProblem(TOO_MANY, None)
            return value, size
        if key in self.active:
            raise YamlProblem("an alias refers to the value that contains it (a loop)", None)
        self.budget -= 1
        if self.budget < 0:
            raise YamlProblem(TOO_MANY, None)
        if depth > MAX_DEPTH:
            raise YamlProblem(TOO_DEEP, node.start_mark)
        self.active.add(key)
        if isinstance(node, yaml.SequenceNode):
            items = [self.build(item, depth + 1) for item in node.value]
            result: tuple[Any, int] = ([v for v, _ in items], 1 + sum(n for _, n in items))
            plain = node.tag == _SEQ
        else:
            assert isinstance(node, yaml.MappingNode)  # the only other kind of node
            result = self.mapping(node, depth)
            plain = node.tag == _MAP
        if not plain:  # another tag ("!!set", or "!!map" on a list): PyYAML builds it, or says why not
            result = (self.loader.construct_object(node, deep=True), result[1])
        self.active.discard(key)
        self.built[key] = result
        return result


def too_deep(text: str, scan_above: int = _SCAN_ABOVE) -> tuple[int, int] | None:
    """Line and column where the text first nests more than MAX_DEPTH collections deep, from the event stream.

    libyaml composes a document recursively in C, so a file of 30,000 ``[`` crashes the
    interpreter (a segmentation fault, not a RecursionError) before any depth check on the
    data can run. The event parser keeps its own stack, so this scan is safe at any depth.
    Every nested collection starts with one of ``[{-?:``, so a text with few of them is
    shallow enough for libyaml and skips the scan.
    """
    if sum(map(text.count, "[{-?:")) <= scan_above:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=BaseLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the top-level mapping is depth 0 in parse_plain
                return place(event.start_mark)  # type: ignore[arg-type]  # libyaml's own Mark class
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None

"""Reading one YAML file safely, and finding where a value sits in it.

The fast path parses with libyaml (``CSafeLoader``) and keeps no positions. Only when a
problem has to be reported is the file composed again, node by node, to find the line and
column of the offending value (:meth:`Source.where`). Plain YAML only: no tag constructs an
object, duplicate keys are errors, and size, alias expansion and nesting depth are bounded.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from appraisal.errors import Problem, Severity

MAX_FILE_BYTES = 1024 * 1024
"""A larger file is refused: no appraisal file needs a megabyte."""
MAX_NODES = 100_000
"""Values in one file after alias expansion (stops a "billion laughs" file)."""
MAX_DEPTH = 40
"""Nesting depth of one file; a criteria tree is a handful of levels deep."""
_TOO_LARGE = 10**308
"""Whole numbers this large or larger are refused as they are read (see ``_Loader``)."""
_SCAN_ABOVE = 1000
"""Texts with more nesting indicators than this get the event scan of :func:`_too_deep`."""

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

Loc = Sequence[str | int]


_MERGE = "tag:yaml.org,2002:merge"


class _YamlProblem(Exception):
    """A problem found while constructing, with the node it is about."""

    def __init__(self, message: str, mark: yaml.Mark | None) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's safe loader that refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # "!!map 1": PyYAML says what is wrong, and where
            return super().construct_mapping(node, deep=deep)
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE]
        if len(set(keys)) != len(keys):  # rare: find the first repeat, with its place
            seen: dict[str, yaml.Node] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                    continue
                if key_node.value in seen:
                    first = seen[key_node.value].start_mark.line + 1
                    raise _YamlProblem(
                        f"duplicate key '{key_node.value}' (first given on line {first})",
                        key_node.start_mark,
                    )
                seen[key_node.value] = key_node
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

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
            raise _YamlProblem("this number is too large", node.start_mark)
        return value


    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or a located problem for one that does not exist (2017-02-30 must be reported, not crash)."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise _YamlProblem(f"'{node.value}' is not a date that exists ({exc})", node.start_mark) from None


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
            raise _YamlProblem(f"'{node.value[:40]}' is one value, but the tag !!{name} wants a collection",
                               node.start_mark)
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            shown = node.value[:40] if isinstance(node.value, str) else "this"
            raise _YamlProblem(f"'{shown}' is not {_KINDS.get(name, f'a !!{name}')}", node.start_mark) from None

    return construct_checked


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
for _name in (*_KINDS, *_COLLECTIONS):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}",
                            _checked(_Loader.yaml_constructors[f"tag:yaml.org,2002:{_name}"], _name))

def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _describe_yaml_error(exc: yaml.YAMLError) -> tuple[str, yaml.Mark | None]:
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
            return f"the file is nested more than {MAX_DEPTH} levels deep", exc.problem_mark
        if "found character '\\t'" in problem:
            problem = "a tab character cannot indent YAML: use spaces"
        if exc.context and exc.problem and exc.context not in problem:
            problem = f"{problem} ({exc.context})"
        return f"invalid YAML: {problem}", exc.problem_mark or exc.context_mark
    return f"invalid YAML: {exc}", None


def _check_shape(data: Any) -> str | None:
    """Count values after alias expansion and measure depth; say what is too big."""
    budget = [MAX_NODES]  # every visit counts, so the walk itself is bounded too
    active: set[int] = set()

    def walk(obj: dict[Any, Any] | list[Any], depth: int) -> str | None:
        if depth > MAX_DEPTH:
            return f"the file is nested more than {MAX_DEPTH} levels deep"
        if id(obj) in active:
            return "an alias refers to the value that contains it (a loop)"
        children = list(obj.values()) if isinstance(obj, dict) else obj
        budget[0] -= len(children) + 1
        if budget[0] < 0:
            return f"the file expands to more than {MAX_NODES:,} values (aliases repeated too often)"
        active.add(id(obj))
        for child in children:
            if isinstance(child, (dict, list)):
                found = walk(child, depth + 1)
                if found:
                    return found
        active.discard(id(obj))
        return None

    return walk(data, 0) if isinstance(data, (dict, list)) else None


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"


def _build(text: str) -> Any:
    """Parse ``text`` to plain data: libyaml composes the nodes, one pass here builds the values.

    Building straight from the node tree skips PyYAML's generic construction machinery (a
    third of the parse time) and checks as it goes what the data must not be: nested more than
    MAX_DEPTH deep, expanding to more than MAX_NODES values (keys not counted) through aliases (each subtree's
    size is remembered, so an alias costs its full expansion without a second walk), an alias
    inside the value it names, or a mapping with a repeated key. Scalars use the loader's
    constructors (so ``_Loader``'s checks on numbers and dates apply); an unusual tag or a
    merge key falls back to PyYAML's own construction and the walk of :func:`_check_shape`.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    if root is None:
        return None
    constructors = loader.yaml_constructors
    built: dict[int, tuple[Any, int]] = {}
    active: set[int] = set()
    budget = [MAX_NODES]

    def scalar(node: yaml.ScalarNode) -> Any:
        value, tag = node.value, node.tag
        if tag == _STR:
            return value
        if tag == _INT and value.isascii() and value.isdigit() and len(value) < 16 and (value[0] != "0" or value == "0"):
            return int(value)  # plain decimal (a leading 0 is octal in YAML 1.1): no checks needed
        return constructors.get(tag, constructors[None])(loader, node)

    def fallback(node: yaml.Node) -> tuple[Any, int]:
        value = loader.construct_object(node, deep=True)
        problem = _check_shape(value)
        if problem:
            raise _YamlProblem(problem, None)
        return value, 1

    def build(node: yaml.Node, depth: int) -> tuple[Any, int]:
        key = id(node)
        if key in built:
            value, size = built[key]
            budget[0] -= size
            if budget[0] < 0:
                raise _YamlProblem(f"the file expands to more than {MAX_NODES:,} values (aliases repeated too often)", None)
            return value, size
        if key in active:
            raise _YamlProblem("an alias refers to the value that contains it (a loop)", None)
        budget[0] -= 1
        if budget[0] < 0:
            raise _YamlProblem(f"the file expands to more than {MAX_NODES:,} values (aliases repeated too often)", None)
        if isinstance(node, yaml.ScalarNode):
            value = scalar(node)
            built[key] = (value, 1)
            return value, 1
        if depth > MAX_DEPTH:
            raise _YamlProblem(f"the file is nested more than {MAX_DEPTH} levels deep", node.start_mark)
        active.add(key)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            items = [build(item, depth + 1) for item in node.value]
            result: tuple[Any, int] = ([v for v, _ in items], 1 + sum(n for _, n in items))
        elif isinstance(node, yaml.MappingNode) and node.tag == _MAP and not any(k.tag == _MERGE for k, _ in node.value):
            mapping: dict[Any, Any] = {}
            size = 1
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _YamlProblem("a key must be plain text, not a list or a mapping", key_node.start_mark)
                name = scalar(key_node)
                if name in mapping:
                    first = next(k for k, _ in node.value if k is not key_node and scalar(k) == name)
                    raise _YamlProblem(
                        f"duplicate key '{key_node.value}' (first given on line {first.start_mark.line + 1})",
                        key_node.start_mark,
                    )
                mapping[name], n = build(value_node, depth + 1)
                size += n
            result = (mapping, size)
        else:
            result = fallback(node)
        active.discard(key)
        built[key] = result
        return result

    return build(root, 0)[0]


def _decode(raw: bytes) -> tuple[str | None, str, int, int]:
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


@dataclass
class Source:
    """One parsed input file: its display name, text and plain data, and a lazy locator."""

    name: str
    text: str
    data: Any
    sha256: str
    """The SHA-256 (lower-case hex) of the file's bytes as read: what the report's provenance
    lists, so it digests exactly the bytes that were scored."""
    _root: yaml.Node | None = field(default=None, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict, repr=False, compare=False)
    """Each mapping node's keys, indexed the first time a problem is placed in it, so placing
    many problems in one large mapping does not scan the mapping for each of them."""

    def _node(self) -> yaml.Node | None:
        if self._root is None:
            try:
                self._root = yaml.compose(self.text, Loader=_BaseLoader)
            except yaml.YAMLError:  # pragma: no cover - the text parsed once already
                return None
        return self._root

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``, or of its key if ``key``.

        Parts of ``loc`` that name no key here (pydantic's union tags, say) are skipped, and a
        path that ends early points at the deepest value found, so every problem gets a place.
        """
        node = self._node()
        if node is None:
            return (1, 1)
        key_node: yaml.Node | None = None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                keys = self._keys.get(id(node))
                if keys is None:  # the last of repeated keys wins, as in the data
                    keys = self._keys[id(node)] = {
                        k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)
                    }
                if str(part) in keys:
                    key_node, node = keys[str(part)]
                    continue
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
                continue
        target = key_node if key and key_node is not None else node
        return _mark(target.start_mark)

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Problem:
        """A :class:`Problem` at the value (or key) ``loc`` in this file."""
        line, col = self.where(loc, key=key)
        return Problem(self.name, line, col, message, severity)


@functools.lru_cache(maxsize=256)
def _resolved_absolute(folder: Path) -> Path:
    return folder.resolve()


def _resolved(folder: Path) -> Path:
    """A folder's real path, found once: resolving each of 10,000 option files costs a second.

    Remembered by its absolute path: a relative name such as ``.`` names another folder once
    the working folder changes (two runs in one process).
    """
    return _resolved_absolute(folder.absolute())


def outside(path: Path, folder: Path) -> str | None:
    """Why ``path`` may not be read as part of the appraisal ``folder``: a symbolic link out of it.

    Appraisal folders arrive in pull requests, and git checks symbolic links out as links: an
    ``options/x.yaml`` that points at ``~/.aws/credentials`` would put that file's keys into
    messages, and a ``templates/`` file that points at ``/etc/passwd`` would put the whole file
    into the report. Links that stay inside the folder are followed.
    """
    root = _resolved(folder)
    real = path.resolve() if path.is_symlink() else _resolved(path.parent) / path.name
    if real == root or root in real.parents:
        return None
    return f"the file is a symbolic link out of the appraisal folder (to {real}), which appraise does not follow"


def read_yaml(path: Path, name: str, *, folder: Path | None = None) -> Source | Problem:
    """Read and parse one YAML file, or say what is wrong with it (and where).

    ``folder`` is the appraisal folder the file was found in (not named by the user): a link
    out of it is refused (see :func:`outside`).
    """
    why = outside(path, folder) if folder is not None else None
    if why:
        return Problem(name, 1, 1, why)
    try:
        with path.open("rb") as handle:  # read no more than the limit: the file may be huge
            raw = handle.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    except OSError as exc:
        return Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    return parse_bytes(raw, name, size=size)


def parse_bytes(raw: bytes, name: str, *, size: int | None = None) -> Source | Problem:
    """Check the size and encoding of a file's bytes (from disk, or from git), then parse them.

    ``size`` is the file's full size when ``raw`` holds only its first bytes.
    """
    size = len(raw) if size is None else size
    if size > MAX_FILE_BYTES:
        return Problem(
            name, 1, 1, f"the file is {size:,} bytes; appraise reads files up to {MAX_FILE_BYTES:,} bytes"
        )
    text, why, line, col = _decode(raw)
    if text is None:
        return Problem(name, line, col, why)
    return parse_yaml(text, name, raw)


def _too_deep(text: str, scan_above: int = _SCAN_ABOVE) -> tuple[int, int] | None:
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
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the top-level mapping is depth 0 in _check_shape
                return _mark(event.start_mark)  # type: ignore[arg-type]  # libyaml's own Mark class
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> tuple[int, int, str]:
    """Line, column and message for a character YAML does not allow (a control character).

    libyaml gives the place as a byte offset into the UTF-8 text (PyYAML's own reader as a
    character offset) and words it over two lines; this names the character on one line.
    """
    offset = exc.position
    if _BaseLoader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return line, col, f"the character U+{code:04X} is not allowed in YAML ({exc.reason}): remove it"


def parse_yaml(text: str, name: str, raw: bytes) -> Source | Problem:
    """Parse YAML ``text`` already in memory (a file, or a file read from git), decoded from ``raw``."""
    try:
        deep = _too_deep(text)
        if deep is not None:
            return Problem(name, *deep, f"the file is nested more than {MAX_DEPTH} levels deep")
        data = _build(text)
    except yaml.reader.ReaderError as exc:
        line, col, message = _reader_problem(text, exc)
        return Problem(name, line, col, message)
    except _YamlProblem as exc:
        line, col = _mark(exc.mark)
        return Problem(name, line, col, exc.message)
    except yaml.YAMLError as exc:
        message, mark = _describe_yaml_error(exc)
        line, col = _mark(mark)
        lines = text.splitlines()
        if mark is not None and mark.line < len(lines) and lines[mark.line][mark.column:][:1] == "\t":
            message = "invalid YAML: a tab character cannot indent YAML: use spaces"  # libyaml words it 2 ways
        return Problem(name, line, col, message)
    except RecursionError:
        return Problem(name, 1, 1, f"the file is nested more than {MAX_DEPTH} levels deep")
    if data is None:
        return Problem(name, 1, 1, "the file is empty")
    return Source(name, text, data, hashlib.sha256(raw).hexdigest())

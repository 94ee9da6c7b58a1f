"""Reading one YAML file, and finding where a value sits in it.

The fast path parses with libyaml (see :mod:`appraisal.load.safeyaml`) and keeps no positions.
Only when a problem has to be reported is the file composed again, node by node, to find the
line and column of the offending value (:meth:`Source.where`).
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
from appraisal.load.safeyaml import TOO_DEEP, BaseLoader, YamlProblem, parse_plain, place, too_deep
from appraisal.load.yamlerrors import cut_by_comments, decode, describe_yaml_error, reader_problem

MAX_FILE_BYTES = 1024 * 1024
"""A larger file is refused: no appraisal file needs a megabyte."""

Loc = Sequence[str | int]


@dataclass
class Source:
    """One parsed input file: its display name, text and plain data, and a lazy locator."""

    name: str
    text: str
    data: Any
    sha256: str
    """The SHA-256 (lower-case hex) of the file's bytes as read: what the report's provenance
    lists, so it digests exactly the bytes that were scored."""
    warnings: list[Problem] = field(default_factory=list)
    """What was read but is probably not what the author meant (text cut short by a comment)."""
    _root: yaml.Node | None = field(default=None, repr=False)
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(default_factory=dict, repr=False, compare=False)
    """Each mapping node's keys, indexed the first time a problem is placed in it, so that many
    problems in one large mapping do not each scan it."""

    def node(self) -> yaml.Node | None:
        """The file composed as YAML nodes (with their places), composed the first time it is asked for."""
        if self._root is None:
            try:
                self._root = yaml.compose(self.text, Loader=BaseLoader)
            except yaml.YAMLError:  # pragma: no cover - the text parsed once already
                return None
        return self._root

    def where(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``loc``, or of its key if ``key``.

        Parts of ``loc`` that name no key here (pydantic's union tags, say) are skipped, and a
        path that ends early points at the deepest value found, so every problem gets a place.
        """
        node = self.node()
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
        return place(target.start_mark)

    def problem(
        self, loc: Loc, message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Problem:
        """A :class:`Problem` at the value (or key) ``loc`` in this file."""
        line, col = self.where(loc, key=key)
        return Problem(self.name, line, col, message, severity)


@functools.lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    """A folder's real path, found once: resolving each of 10,000 option files costs a second.

    Callers pass an absolute path: a relative name such as ``.`` names another folder once the
    working folder changes (two runs in one process).
    """
    return folder.resolve()


def _within(real: Path, root: Path) -> bool:
    """Whether the resolved path ``real`` is the resolved folder ``root`` or inside it."""
    return real == root or root in real.parents


def _absolute(name: str) -> str:
    """``name`` made absolute, as :meth:`Path.absolute` does (nothing resolved), as text: cheaper
    than a Path for each of 10,000 files."""
    return name if os.path.isabs(name) else os.path.join(os.getcwd(), name)


@functools.lru_cache(maxsize=256)
def _inside(parent: str, folder: str) -> bool:
    """Whether the folder ``parent`` is ``folder`` or inside it, once both are resolved (both absolute)."""
    return _within(_resolved(Path(parent)), _resolved(Path(folder)))


def outside(path: Path, folder: Path) -> str | None:
    """Why ``path`` may not be read as part of the appraisal ``folder``: a symbolic link out of it.

    Appraisal folders arrive in pull requests, and git checks symbolic links out as links: an
    ``options/x.yaml`` that points at ``~/.aws/credentials`` would put that file's keys into
    messages, and a ``templates/`` file that points at ``/etc/passwd`` would put the whole file
    into the report. Links that stay inside the folder are followed.
    """
    if not path.is_symlink() and _inside(_absolute(os.path.dirname(path)), _absolute(str(folder))):
        return None  # the usual case, answered once per folder: a file's own name cannot lead out
    root = _resolved(folder.absolute())  # absolute: a cached "." would outlive a change of directory
    real = path.resolve() if path.is_symlink() else _resolved(path.parent.absolute()) / path.name
    if _within(real, root):
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
            stated = os.fstat(handle.fileno()).st_size
            want = min(stated, MAX_FILE_BYTES) + 1  # a buffer of the file's size, not of the limit
            raw = handle.read(want)
            if len(raw) == want:  # it grew since fstat (or says 0, as some files do): read on to the limit
                raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
            size = max(len(raw), stated)
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
    text, why, line, col = decode(raw)
    if text is None:
        return Problem(name, line, col, why)
    return parse_yaml(text, name, raw)


def parse_yaml(text: str, name: str, raw: bytes) -> Source | Problem:
    """Parse YAML ``text`` already in memory (a file, or a file read from git), decoded from ``raw``."""
    try:
        deep = too_deep(text)
        if deep is not None:
            return Problem(name, *deep, TOO_DEEP)
        data = parse_plain(text)
    except yaml.reader.ReaderError as exc:
        line, col, message = reader_problem(text, exc)
        return Problem(name, line, col, message)
    except YamlProblem as exc:
        line, col = place(exc.mark)
        return Problem(name, line, col, exc.message)
    except yaml.YAMLError as exc:
        message, line, col = describe_yaml_error(exc, text)
        return Problem(name, line, col, message)
    except RecursionError:
        return Problem(name, 1, 1, TOO_DEEP)
    if data is None:
        return Problem(name, 1, 1, "the file is empty")
    warnings = [Problem(name, line, col, message, "warning") for message, line, col in cut_by_comments(text)]
    return Source(name, text, data, hashlib.sha256(raw).hexdigest(), warnings)


"""Reading one YAML file, and finding where a value sits in it.

The fast path parses with libyaml (see :mod:`appraisal.load.safeyaml`) and keeps no positions.
Only when a problem has to be reported is the file composed again, node by node, to find the
line and column of the offending value (:meth:`Source.where`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
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
    """Why ``path``, which appraise found in the appraisal ``folder`` by itself (not a name the
    user gave), may not be read or written there; None when it may.

    The one rule for symbolic links, on reading and on writing (``appraise import``): a link
    that stays inside the folder is followed; one that leads out of it (``options/x.yaml`` to
    ``~/.aws/credentials``, or ``assessments/`` to a folder elsewhere), that leads nowhere, or
    that loops is refused. Appraisal folders arrive in pull requests, and git checks links out
    as links: a ``templates/`` file linked to ``/etc/passwd`` would put that file into the
    report, and a dangling ``assessments/jo.yaml`` would have ``import`` write wherever it points.
    """
    link = path.is_symlink()
    if not link and _inside(_absolute(os.path.dirname(path)), _absolute(str(folder))):
        return None  # the usual case, answered once per folder: a file's own name cannot lead out
    root = _resolved(folder.absolute())  # absolute: a cached "." would outlive a change of directory
    try:
        real = path.resolve(strict=False) if link else _resolved(path.parent.absolute()) / path.name
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
        return "this is a symbolic link that leads round in a loop, which appraise does not follow"
    if not _within(real, root):
        if not link:
            return (f"this is reached through a symbolic link out of the appraisal folder (to {real}), "
                    "which appraise does not follow")
        what = "folder" if real.is_dir() else "file"
        return f"the {what} is a symbolic link out of the appraisal folder (to {real}), which appraise does not follow"
    if link and not os.path.lexists(real):
        return (f"this is a symbolic link to {real}, which does not exist: remove the link, or put back "
                "what it points to")
    return None


SPECIAL = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a device",
           stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}
"""What a file that is not a regular file is, in words, by its type (``stat.S_IFMT``)."""


def special(mode: int) -> str | None:
    """What the file of this ``st_mode`` is in words, if it is not a regular file."""
    return None if stat.S_ISREG(mode) else SPECIAL.get(stat.S_IFMT(mode), "a special file")


_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
"""Open without waiting for a writer (a named pipe); Windows has no such flag, nor named pipes in folders."""


def read_yaml(path: Path, name: str, *, folder: Path | None = None) -> Source | Problem:
    """Read and parse one YAML file, or say what is wrong with it (and where).

    ``folder`` is the appraisal folder the file was found in (not named by the user): a link
    out of it is refused (see :func:`outside`), and so is anything but a regular file (a named
    pipe would wait for ever). A file the user names (``--criteria <(...)``) is their choice.
    """
    why = outside(path, folder) if folder is not None else None
    if why:
        return Problem(name, 1, 1, why)
    try:  # a named pipe found in the folder is opened without waiting, to be refused below
        with open(os.open(path, os.O_RDONLY | (_NO_WAIT if folder is not None else 0)), "rb") as handle:
            status = os.fstat(handle.fileno())
            kind = special(status.st_mode) if folder is not None else None
            if kind:
                return Problem(name, 1, 1, f"this is {kind}, not a file: appraise reads only regular files here")
            stated = status.st_size  # read no more than the limit: the file may be huge
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


"""A set of files written into a folder whole or not at all (``appraise summaries``).

The files are written into a temporary folder beside the target (on the same file system, so
moving them is a rename; inside the target when only it may be written in): a failure
part-way (a bad input, a full disk, Ctrl-C, a hang-up, SIGTERM) removes it and leaves the
target as it was. A target that does not exist yet is the temporary folder renamed, in one
step. Into an existing folder the files are moved one by one, with those signals held back
until all are in, and any file they replace is kept aside until then, so a failure puts the
old files back.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from appraisal.errors import OutputError


def check_folder(folder: Path) -> None:
    """Refuse, before any work, a target that is a file."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"--output-dir {folder}: it is a file, not a folder")


def write_set(files: Iterable[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write each (name, data) of ``files`` into ``folder``, all of them or none; return the
    files already in the folder that this set did not write (left as they are)."""
    check_folder(folder)
    with _Stops() as stops:
        staging: Path | None = None
        try:
            with stops.held():  # a stop while the folder is made takes effect once it is known
                staging = _staging(folder)
            names = []
            for name, data in files:
                try:
                    with open(staging / name, "wb") as handle:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                except OSError as exc:
                    raise OutputError(f"{folder / name}: cannot write: {exc.strerror}") from None
                names.append(name)
            with stops.held():
                if not folder.exists():
                    _publish_folder(staging, folder)
                    return []
                _move_in(staging, folder, names)
        finally:
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
    written = set(names)
    return sorted(p for p in folder.iterdir() if p.name not in written and not p.name.startswith("."))


def _staging(folder: Path) -> Path:
    """A new temporary folder beside ``folder`` (or, when only ``folder`` may be written in, inside it)."""
    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        try:
            return Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
        except PermissionError:  # a folder one may write in, inside one one may not
            if not folder.is_dir():
                raise
            return Path(tempfile.mkdtemp(dir=folder, prefix=".appraise.", suffix=".tmp"))
    except OSError as exc:
        raise OutputError(f"--output-dir {folder}: cannot make the folder: {exc.strerror}") from None


def _publish_folder(staging: Path, folder: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(staging, 0o777 & ~umask)
        os.rename(staging, folder)
    except OSError as exc:
        raise OutputError(f"--output-dir {folder}: cannot make the folder: {exc.strerror}") from None


def _move_in(staging: Path, folder: Path, names: list[str]) -> None:
    taken = [name for name in names if (folder / name).is_dir()]
    if taken:
        raise OutputError(f"--output-dir {folder}: cannot write {', '.join(taken)}: a folder has that name")
    aside = staging / ".replaced"
    aside.mkdir()
    moved: list[str] = []
    try:
        for name in names:
            if (folder / name).exists():
                os.replace(folder / name, aside / name)
            moved.append(name)
            os.replace(staging / name, folder / name)
    except OSError as exc:
        for name in reversed(moved):  # put the folder back as it was
            if (aside / name).exists():
                os.replace(aside / name, folder / name)
            else:
                (folder / name).unlink(missing_ok=True)
        raise OutputError(f"--output-dir {folder}: cannot write: {exc.strerror}") from None


class _Stops:
    """Ctrl-C, a hang-up (the terminal closed) and a request to stop (SIGTERM) while the files
    are made end the run through its clean-up, so no temporary folder is left; while the files
    move in (:meth:`held`) they wait until all are in. Only the main thread can catch signals:
    elsewhere nothing changes."""

    def __init__(self) -> None:
        self.holding = False
        self.caught: list[int] = []
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Stops:
        if threading.current_thread() is threading.main_thread():
            for name in ("SIGINT", "SIGTERM", "SIGHUP"):
                if hasattr(signal, name):
                    number = getattr(signal, name)
                    self.previous[number] = signal.signal(number, self._on)
        return self

    def __exit__(self, *exc: object) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)

    def _on(self, signum: int, frame: object) -> None:
        if self.holding:
            self.caught.append(signum)
        else:
            _stop(signum)

    @contextmanager
    def held(self) -> Iterator[None]:
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.caught:
            _stop(self.caught[0])


def _stop(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)

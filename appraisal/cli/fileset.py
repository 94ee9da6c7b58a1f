"""A set of files written into a folder whole or not at all (``appraise summaries``).

The files are written into a temporary folder beside the target (on the same file system, so
moving them is a rename; inside the target when only it may be written in): a failure
part-way (a bad input, a full disk, Ctrl-C) removes it and leaves the target as it was. A
target that does not exist yet is the temporary folder renamed, in one step. Into an existing
folder the files are moved one by one, with Ctrl-C held back until all are in, and any file
they replace is kept aside until then, so a failure puts the old files back.
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
    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        try:
            staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
        except PermissionError:  # a folder one may write in, inside one one may not
            if not folder.is_dir():
                raise
            staging = Path(tempfile.mkdtemp(dir=folder, prefix=".appraise.", suffix=".tmp"))
    except OSError as exc:
        raise OutputError(f"--output-dir {folder}: cannot make the folder: {exc.strerror}") from None
    try:
        with _ended_by_signals():
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
        with _held_interrupt():
            if not folder.exists():
                _publish_folder(staging, folder)
                return []
            _move_in(staging, folder, names)
        written = set(names)
        return sorted(p for p in folder.iterdir() if p.name not in written and not p.name.startswith("."))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


@contextmanager
def _ended_by_signals() -> Iterator[None]:
    """A hang-up (the terminal closed) or a request to stop (SIGTERM) while the files are made
    ends the run as Ctrl-C does, through the clean-up, instead of leaving the temporary folder."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {sig: signal.signal(sig, end) for sig in wanted}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _held_interrupt() -> Iterator[None]:
    """Ctrl-C while the files move in takes effect once they are all in."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[Any] = []
    previous = signal.signal(signal.SIGINT, lambda *args: caught.append(args))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt

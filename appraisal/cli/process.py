"""What a run of ``appraise`` sets up before its command runs, and how its process ends, to
start and stop faster.

Measured with ``bench/startup.py`` against the floor of the stack (bench/README.md).
"""

from __future__ import annotations

import atexit
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

from appraisal.errors import OutputError

PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"


def _no_plugins() -> Iterable[Any]:
    """No pydantic plugins: what pydantic's own loader returns when the variable says ``__all__``."""
    return ()


def without_pydantic_plugins() -> None:
    """Validate with no pydantic plugins, unless ``PYDANTIC_DISABLE_PLUGINS`` is set.

    When pydantic builds its first validator it asks ``pydantic.plugin._loader.get_plugins``
    for the plugins installed (packages declaring entry points in the group ``pydantic``, such
    as tracing tools). That module imports ``importlib.metadata`` (with ``email``, ``zipfile``
    and ``csv``) as it loads, even when ``PYDANTIC_DISABLE_PLUGINS=__all__``, the documented
    way to load none, tells it to look for nothing: about 13 ms, a tenth of ``appraise score``
    on a small folder, for plugins appraise has no use for (its validation is its own, and a
    plugin another package installed should not hook into a council's appraisal).

    So unless the user has set the variable (any value, even empty, is theirs: pydantic then
    loads plugins as it documents, ``PYDANTIC_DISABLE_PLUGINS=`` loading them all), a module
    that returns no plugins stands in for the loader. This reaches into a private module of
    pydantic, for a tenth of start-up; ``tests/cli/test_process.py`` fails if pydantic stops
    importing ``get_plugins`` from there, and leaving the loader in place changes no output.
    Nothing is set in ``os.environ``, so no program appraise starts is affected.
    """
    if PLUGINS_VARIABLE in os.environ:
        return
    loader = types.ModuleType("pydantic.plugin._loader", _no_plugins.__doc__)
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)  # a loader already imported stays


def stdout_failed(exc: OSError) -> None:
    """After a write to standard output failed: point it at the null device, so the
    interpreter's last flush of the unwritten bytes cannot fail again, and say what failed.

    A reader that has gone away (``appraise score | head -1``) chose to read no more: that is
    not a failure of appraise (exit 1 would mean a failed check), so the rest is dropped
    quietly. Anything else (a full disk, a closed terminal) is an OutputError, not a bug.
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    if not isinstance(exc, BrokenPipeError):
        raise OutputError(f"cannot write to standard output: {exc.strerror or exc}") from None


class GuardedStdout:
    """Standard output for the text typer and ``--version`` print (help, the version), with
    the same rules as the bytes a command writes (:func:`stdout_failed`).

    Without it, typer ends a run whose help meets a closed pipe (``appraise --help | head -1``)
    with exit 1, the interpreter's last flush of ``--version`` prints a BrokenPipeError and
    exits 120, and a full disk is reported as an internal error. A failed write is reported at
    the flush that follows it (click's echo writes, then flushes), because click probes the
    stream with writes whose every exception it swallows. Everything else is the stream's own.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._failure: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return int(self._stream.write(text))
        except OSError as exc:
            self._failure = self._failure or exc
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self._failure = self._failure or exc
        failure, self._failure = self._failure, None
        if failure is not None:
            stdout_failed(failure)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Ending:
    """The end of a process that ran ``appraise``, without the interpreter's teardown.

    After the last exit handler, the interpreter flushes standard output and error, then
    takes every module apart and collects the garbage: some 20 ms on a small ``appraise
    score``, a seventh of the run, freeing memory the operating system is about to take back.
    :meth:`arm` registers, before anything else of the run can, an exit handler that ends the
    process there instead. The interpreter has by then joined every thread, and runs exit
    handlers last registered first, so those registered during the run (multiprocessing's,
    temporary folders', logging's) have all run. The handler flushes standard output and error
    and ends with the exit code of :func:`appraisal.cli.main`; if a flush fails, or the run
    ended with an exception instead of an exit code, it does nothing and the interpreter ends
    as it always would (reporting the failed flush, printing the traceback). Every file
    appraise writes is closed (and a written ``--output`` renamed into place) before ``main``
    returns, so nothing is left to flush but the standard streams.
    """

    def __init__(self) -> None:
        self.code: int | None = None
        """The exit code, once :func:`appraisal.cli.main` has given one."""

    def arm(self) -> bool:
        """Register the exit handler, if no exit handler was registered before it: one would run
        after it, so not at all (``coverage`` registers one as a process starts, to save what it
        measured). Only CPython says how many there are, in ``atexit._ncallbacks``; elsewhere
        the process ends as usual."""
        registered = getattr(atexit, "_ncallbacks", None)
        if registered is None or registered() != 0:
            return False
        atexit.register(self._end)
        return True

    def _end(self) -> None:
        if self.code is None:
            return
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):  # a closed pipe, a full disk, a closed stream: as before
            return
        os._exit(self.code)

"""Shared test helpers: build appraisal folders from dicts, run appraise in this process or as a new one."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml


@pytest.fixture(autouse=True, scope="session")
def _no_terminal_width() -> None:
    """Child processes see no COLUMNS or LINES unless a test sets them.

    Plain tables wrap to COLUMNS (docs/output.md), and GNU readline, once imported, exports
    COLUMNS and LINES to the C environment, which child processes inherit though os.environ
    does not show them: the suite's output would depend on the terminal it was started from.
    pytest-xdist's workers are started with that C environment, so there COLUMNS is in
    os.environ too (80, not a width anyone asked for): it goes as well.
    """
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
        os.unsetenv(name)


TESTS = Path(__file__).resolve().parent
"""The tests folder: conftest.py, helpers.py, data/ and golden/ here, the tests in folders that
mirror the package (tests/load/ for appraisal/load/, ...) and the system tests in tests/system/."""

REPO = TESTS.parent
"""The repository root, which is itself the reference appraisal folder."""


def appraise_command() -> list[str]:
    """The installed console script (falls back to ``python -m appraisal`` next to this Python)."""
    script = shutil.which("appraise", path=str(Path(sys.executable).parent)) or shutil.which("appraise")
    return [script] if script else [sys.executable, "-m", "appraisal"]


@dataclass
class Run:
    code: int
    out: str
    err: str
    out_bytes: bytes = b""
    """Standard output as written (a workbook or Word file is not text); in process only."""


def spawn_appraise(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                   timeout: float = 120) -> Run:
    """Run ``appraise ARGS`` as a user would: the installed console script, in a new process.

    About 0.5 s a run, so only for what no run in this process can show: the entry point
    itself, start-up and imports, signals and pipes, resource limits, ``PYTHONHASHSEED`` and
    the environment an interpreter starts with, a crash of the interpreter, and a few
    end-to-end runs. Everything else uses :func:`run_appraise`.
    """
    full_env = {**os.environ, **(env or {})}
    full_env.pop("APPRAISE_DEBUG", None)
    proc = subprocess.run([*appraise_command(), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", env=full_env, timeout=timeout, check=False)
    return Run(proc.returncode, proc.stdout, proc.stderr)


class Hang(BaseException):
    """A run went past its time limit (a BaseException, so the CLI's own handlers let it through)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` in the block once ``seconds`` have passed (SIGALRM: the main thread only).

    Windows has no SIGALRM: there the block runs without a limit (CI's own time-out still holds).
    """
    def fire(signum: int, frame: object) -> None:
        raise Hang(f"no answer within {seconds} s")

    if not hasattr(signal, "SIGALRM"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_appraise(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 120) -> Run:
    """Run ``appraise ARGS`` through :func:`appraisal.cli.main` in this process, as a new process would.

    The console script's code path less the interpreter start (about 20 ms a run instead of
    500 ms). What a new process would not inherit is set up and put back afterwards: the
    working folder (``cwd``), the environment (``env`` over this one's, less ``APPRAISE_DEBUG``),
    an empty standard input, and standard output and error that are not a terminal (also for
    ``shutil.get_terminal_size``, which asks ``sys.__stdout__``). A test's monkeypatches do
    apply, which is what some tests want; pytest undoes them after the test. A run longer than
    ``timeout`` seconds fails the test instead of hanging the suite.
    """
    from appraisal.cli import main

    if env and "PYTHONHASHSEED" in env:
        raise ValueError("PYTHONHASHSEED acts only when an interpreter starts: use spawn_appraise")
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdin, sys.__stdout__, sys.__stderr__
    os.environ.update(env or {})
    os.environ.pop("APPRAISE_DEBUG", None)
    sys.stdin, sys.__stdout__, sys.__stderr__ = io.StringIO(""), out, err
    code = 0
    try:
        if cwd is not None:
            os.chdir(cwd)
        with time_limit(timeout), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        sys.stdin, sys.__stdout__, sys.__stderr__ = saved_streams
    out.flush()
    assert isinstance(out.buffer, io.BytesIO)
    raw = out.buffer.getvalue()
    return Run(code, raw.decode("utf-8", errors="replace"), err.getvalue(), raw)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On Windows, skip the tests marked ``posix`` (symbolic links need an administrator there,
    and there is no ``resource``, no SIGALRM and no bash): the rest of the suite runs as on Linux."""
    if sys.platform != "win32":
        return
    skip = pytest.mark.skip(reason="needs POSIX (symbolic links, resource limits, bash or a FIFO)")
    for item in items:
        if item.get_closest_marker("posix") is not None:
            item.add_marker(skip)


def write_yaml(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def make_appraisal(root: Path, criteria: dict[str, Any], options: dict[str, dict[str, Any]],
                   scenarios: dict[str, dict[str, Any]] | None = None) -> Path:
    """Write criteria.yaml, options/<id>.yaml (and scenarios/) under ``root``; return ``root``."""
    write_yaml(root / "criteria.yaml", criteria)
    (root / "options").mkdir(parents=True, exist_ok=True)
    for oid, data in options.items():
        write_yaml(root / "options" / f"{oid}.yaml", data)
    for name, data in (scenarios or {}).items():
        write_yaml(root / "scenarios" / f"{name}.yaml", data)
    return root


@pytest.fixture
def appraisal_dir(tmp_path: Path) -> Callable[..., Path]:
    """``appraisal_dir(criteria, options, scenarios=None)`` builds a folder in tmp_path."""
    return lambda criteria, options, scenarios=None: make_appraisal(tmp_path / "a", criteria, options, scenarios)


@pytest.fixture
def reference_copy(tmp_path: Path) -> Path:
    """A copy of the repository's reference appraisal (criteria.yaml, options/, scenarios/)."""
    dest = tmp_path / "ref"
    dest.mkdir()
    shutil.copy(REPO / "criteria.yaml", dest / "criteria.yaml")
    for sub in ("options", "scenarios"):
        if (REPO / sub).is_dir():
            shutil.copytree(REPO / sub, dest / sub)
    return dest

"""The test harness: ``run_appraise`` runs the command line in this process as a new process would.

Most tests run ``appraise`` through :func:`conftest.run_appraise` rather than the console
script, so it must give each run what a new process gets and leave nothing behind: the
working folder, the environment, standard input and the streams are checked here with a probe
standing in for :func:`appraisal.cli.main`.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Hang, run_appraise

import appraisal.cli


def probe(seen: dict[str, Any]) -> Any:
    """A stand-in for :func:`appraisal.cli.main` that records what the run saw, then exits 3."""
    def main(argv: list[str]) -> None:
        seen.update(argv=argv, cwd=os.getcwd(), env=dict(os.environ), stdin=sys.stdin.read(),
                    columns=shutil.get_terminal_size().columns, tty=(sys.stdout.isatty(), sys.stderr.isatty()))
        print("out é")
        print("err", file=sys.stderr)
        raise SystemExit(3)
    return main


def test_a_run_gets_its_own_folder_environment_and_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(appraisal.cli, "main", probe(seen))
    monkeypatch.setenv("APPRAISE_DEBUG", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((200, 50)))  # as in a wide terminal
    monkeypatch.setattr(sys, "stdin", io.StringIO("typed at the terminal"))
    before = (os.getcwd(), dict(os.environ), sys.stdin, sys.__stdout__, sys.__stderr__)
    run = run_appraise("score", tmp_path, cwd=tmp_path, env={"APPRAISE_TEST_VALUE": "x"})
    assert (run.code, run.out, run.err) == (3, "out é\n", "err\n")
    assert seen["argv"] == ["score", str(tmp_path)]
    assert seen["cwd"] == str(tmp_path)
    assert seen["env"]["APPRAISE_TEST_VALUE"] == "x" and "APPRAISE_DEBUG" not in seen["env"]
    assert seen["stdin"] == ""  # a new process run by a test reads nothing typed
    assert seen["tty"] == (False, False)
    assert seen["columns"] == 80  # shutil's fallback for a pipe, whatever this process's terminal
    assert (os.getcwd(), dict(os.environ), sys.stdin, sys.__stdout__, sys.__stderr__) == before


def test_everything_is_put_back_after_a_run_that_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(argv: list[str]) -> None:
        os.environ["APPRAISE_LEFT_BEHIND"] = "1"
        raise RuntimeError("the harness must not leak this run's state")

    monkeypatch.setattr(appraisal.cli, "main", boom)
    before = (os.getcwd(), dict(os.environ), sys.stdin, sys.__stdout__, sys.__stderr__)
    with pytest.raises(RuntimeError):
        run_appraise("score", cwd=tmp_path)
    assert (os.getcwd(), dict(os.environ), sys.stdin, sys.__stdout__, sys.__stderr__) == before


def test_a_run_past_its_time_limit_fails_the_test(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(appraisal.cli, "main", lambda argv: time.sleep(5))
    start = time.perf_counter()
    with pytest.raises(Hang):
        run_appraise("score", timeout=0.2)
    assert time.perf_counter() - start < 4


def test_a_hash_seed_is_refused_in_process() -> None:
    with pytest.raises(ValueError, match="spawn_appraise"):
        run_appraise("score", env={"PYTHONHASHSEED": "1"})

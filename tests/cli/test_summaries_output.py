"""``appraise summaries`` writes its files as a set, whole or not at all; Word summaries made in
several processes are the bytes one process makes; a terminal sees progress, a pipe nothing."""

from __future__ import annotations

import copy
import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import appraise_command, run_appraise
from tenders_case import OPTIONS, folder, tender

import appraisal.report.summaries as report_summaries
from appraisal.cli import summaries as cli_summaries


def many(n: int) -> dict[str, dict[str, Any]]:
    """The three hand-worked tenders and ``n - 3`` more, all passing, none first."""
    options = copy.deepcopy(OPTIONS)
    for i in range(n - 3):
        options[f"t{i:02}"] = tender(f"Supplier{i:02} Services", f"GB-COH-1{i:03}", 150 + i, 3, 3)
    return options


def listing(folder_: Path) -> list[str]:
    return sorted(p.name for p in folder_.iterdir())


def failing_after(count: int, error: BaseException, monkeypatch: pytest.MonkeyPatch) -> None:
    made = report_summaries.summary_file
    calls = []

    def summary_file(*args: Any) -> bytes:
        calls.append(1)
        if len(calls) > count:
            raise error
        return made(*args)

    monkeypatch.setattr(report_summaries, "summary_file", summary_file)


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_part_way_leaves_no_summary_and_no_temporary_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    root = folder(tmp_path / "t")
    failing_after(2, error, monkeypatch)
    run = run_appraise("summaries", root, "--output-dir", tmp_path / "out")
    assert run.code != 0
    assert listing(tmp_path) == ["t"], "no folder, no temporary folder"


def test_an_existing_folder_keeps_its_old_files_when_a_run_fails(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder(tmp_path / "t")
    out = tmp_path / "out"
    out.mkdir()
    (out / "alpha.md").write_text("last week's", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    failing_after(2, OSError(28, "No space left on device"), monkeypatch)
    assert run_appraise("summaries", root, "--output-dir", out).code != 0
    assert listing(out) == ["alpha.md", "notes.txt"]
    assert (out / "alpha.md").read_text(encoding="utf-8") == "last week's"
    assert listing(tmp_path) == ["out", "t"]


def test_a_folder_where_a_summary_must_go_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    out = tmp_path / "out"
    out.mkdir()
    (out / "alpha.md").write_text("last week's", encoding="utf-8")
    (out / "gamma.md").mkdir()
    (out / "gamma.md" / "keep.txt").write_text("mine", encoding="utf-8")
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 2 and "cannot write gamma.md: a folder has that name" in run.err, run.err
    assert listing(out) == ["alpha.md", "gamma.md"] and listing(out / "gamma.md") == ["keep.txt"]
    assert (out / "alpha.md").read_text(encoding="utf-8") == "last week's"
    assert listing(tmp_path) == ["out", "t"]


def test_a_move_that_fails_puts_the_folder_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder(tmp_path / "t")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("alpha.md", "beta.md"):
        (out / name).write_text("last week's", encoding="utf-8")
    replace, moves = os.replace, []

    def failing(src: Any, dst: Any) -> None:
        if Path(dst).parent == out:
            moves.append(dst)
            if len(moves) == 2:  # alpha's is in; beta's fails
                raise OSError(5, "Input/output error")
        replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 2 and "cannot write: Input/output error" in run.err, run.err
    assert listing(out) == ["alpha.md", "beta.md"]
    assert all((out / n).read_text(encoding="utf-8") == "last week's" for n in ("alpha.md", "beta.md"))
    assert listing(tmp_path) == ["out", "t"]


def test_an_existing_folder_gets_every_summary_and_is_told_of_files_it_did_not_write(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    out = tmp_path / "out"
    out.mkdir()
    (out / "alpha.md").write_text("last week's", encoding="utf-8")
    (out / "delta.md").write_text("an old tender's", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 0, run.err
    assert listing(out) == ["alpha.md", "beta.md", "delta.md", "gamma.md", "notes.txt"]
    assert (out / "alpha.md").read_text(encoding="utf-8") != "last week's"
    assert "also holds delta.md, which this run did not write" in run.err
    assert "notes.txt" not in run.err


def test_word_summaries_made_in_several_processes_are_the_bytes_one_process_makes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docx")
    root = folder(tmp_path / "t", many(cli_summaries.PARALLEL_AT + 2))
    monkeypatch.setattr(cli_summaries, "_cores", lambda: 2)
    assert run_appraise("summaries", root, "--output-dir", tmp_path / "two", "-f", "docx").code == 0
    monkeypatch.setattr(cli_summaries, "_cores", lambda: 1)
    assert run_appraise("summaries", root, "--output-dir", tmp_path / "one", "-f", "docx").code == 0
    two, one = tmp_path / "two", tmp_path / "one"
    assert listing(two) == listing(one) and len(listing(one)) == cli_summaries.PARALLEL_AT + 2
    assert all((two / name).read_bytes() == (one / name).read_bytes() for name in listing(one))


def test_a_worker_failing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("docx")
    root = folder(tmp_path / "t", many(cli_summaries.PARALLEL_AT + 2))
    monkeypatch.setattr(cli_summaries, "_cores", lambda: 2)
    failing_after(3, OSError(28, "No space left on device"), monkeypatch)  # in each process
    assert run_appraise("summaries", root, "--output-dir", tmp_path / "out", "-f", "docx").code != 0
    assert listing(tmp_path) == ["t"]


def terminal_stderr(*args: str | os.PathLike[str]) -> tuple[int, str]:
    """Run the console script with standard error a terminal; what the terminal showed."""
    controller, child = pty.openpty()
    proc = subprocess.Popen([*appraise_command(), *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=child, stdin=subprocess.DEVNULL)
    os.close(child)
    shown = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return proc.wait(timeout=60), shown.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals")
def test_progress_is_shown_on_a_terminal_and_nowhere_else(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    code, shown = terminal_stderr("summaries", root, "--output-dir", tmp_path / "tty")
    assert code == 0 and "Assessment summaries" in shown, shown
    run = run_appraise("summaries", root, "--output-dir", tmp_path / "pipe")
    assert run.code == 0 and run.err == ""


def test_a_folder_whose_parent_cannot_be_written_in_is_written_through_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    root = folder(tmp_path / "t")
    out = tmp_path / "out"
    out.mkdir()
    made = tempfile.mkdtemp

    def mkdtemp(**kwargs: Any) -> str:
        if Path(kwargs["dir"]) == tmp_path:
            raise PermissionError(13, "Permission denied")
        return made(**kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 0, run.err
    assert listing(out) == ["alpha.md", "beta.md", "gamma.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM to catch")
def test_a_run_stopped_while_the_summaries_are_made_leaves_nothing(tmp_path: Path) -> None:
    import signal
    import time

    pytest.importorskip("docx")
    root = folder(tmp_path / "t", many(40))
    proc = subprocess.Popen([*appraise_command(), "summaries", str(root), "--output-dir", str(tmp_path / "out"),
                             "-f", "docx"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    assert listing(tmp_path) == ["t"]

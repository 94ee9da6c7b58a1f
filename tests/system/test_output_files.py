"""``--output FILE`` is written whole or not at all (README.md).

The file is written to a temporary file in the target folder and renamed over the target.
A failure at any point (a rendering error, a full disk, an interrupt) leaves an existing file
as it was and no temporary file behind; a folder that is missing or cannot be written is a
plain error with exit 2. Failures are made real where the system allows it without root
(a file-size limit, /dev/full, /sys) and by monkeypatching in this process otherwise.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, run_appraise

OLD = "the committee's previous copy\n"

COMMANDS = {
    "score": ["score", "{ref}", "--format", "json"],
    "report": ["report", "{ref}", "--format", "html"],
    "diff": ["diff", "{ref}", "{ref}", "--format", "json"],
    "sensitivity": ["sensitivity", "{ref}", "--samples", "20", "--format", "json"],
    "vfm": ["vfm", "{ref}", "--format", "json"],
}

pytestmark = pytest.mark.posix  # symbolic links, resource limits and bash


def argv(command: str, ref: Path, output: Path) -> list[str]:
    return [a.format(ref=ref) for a in COMMANDS[command]] + ["--output", str(output)]


def out_folder(tmp_path: Path) -> Path:
    """An empty folder for the output (the reference copy lives in tmp_path too)."""
    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    return folder


def only(folder: Path, name: str) -> None:
    """``folder`` holds the file ``name`` and nothing else (no temporary file left behind)."""
    assert sorted(p.name for p in folder.iterdir()) == [name]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_is_written_beside_the_target_and_renamed(
    command: str, reference_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "result"
    out.parent.mkdir()
    out.write_text(OLD)
    renames: list[tuple[Path, Path]] = []
    real = os.replace

    def spy(src: str, dst: str) -> None:
        renames.append((Path(src), Path(dst)))
        assert out.read_text() == OLD  # the old file is whole until the rename
        real(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    run = run_appraise(*argv(command, reference_copy, out))
    assert run.code == 0, run.err
    [(src, dst)] = renames
    assert dst == out.resolve() and src.parent == out.parent.resolve()
    assert src.name.startswith(".result.") and src.name.endswith(".tmp")
    assert out.read_text(encoding="utf-8") != OLD and not run.out
    only(out.parent, "result")


def test_an_error_while_rendering_leaves_the_old_file(
    reference_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import appraisal.render.machine

    def broken(data: object) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(appraisal.render.machine, "json_bytes", broken)
    out = out_folder(tmp_path) / "result.json"
    out.write_text(OLD)
    run = run_appraise("score", reference_copy, "--format", "json", "--output", out)
    assert run.code == 70 and "internal error (RuntimeError: renderer broke)" in run.err
    assert out.read_text() == OLD
    only(out.parent, "result.json")


def _fail_in_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make the write of the temporary file fail after some bytes have gone to disk."""
    real = os.fsync

    def failing(fd: int) -> None:
        real(fd)
        raise error

    monkeypatch.setattr(os, "fsync", failing)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    command: str, reference_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = out_folder(tmp_path) / "result"
    out.write_text(OLD)
    _fail_in_write(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    run = run_appraise(*argv(command, reference_copy, out))
    assert run.code == 2, run.err
    assert run.err.strip() == f"{out}: cannot write: No space left on device"
    assert out.read_text() == OLD
    only(out.parent, "result")


def test_an_interrupt_while_writing_leaves_the_old_file(
    reference_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = out_folder(tmp_path) / "result.json"
    out.write_text(OLD)
    _fail_in_write(monkeypatch, KeyboardInterrupt())
    run = run_appraise("score", reference_copy, "--format", "json", "--output", out)
    assert run.code == 130 and "Traceback" not in run.err  # typer turns Ctrl-C into a quiet exit 130
    assert out.read_text() == OLD
    only(out.parent, "result.json")


def test_a_file_size_limit_stops_a_real_write_cleanly(reference_copy: Path, tmp_path: Path) -> None:
    """A real failure of the operating system's write: RLIMIT_FSIZE of 4 KiB (the JSON is ~16 KiB)."""
    out = out_folder(tmp_path) / "result.json"
    out.write_text(OLD)
    import subprocess

    from conftest import appraise_command

    proc = subprocess.run(
        [*appraise_command(), "score", str(reference_copy), "--format", "json", "--output", str(out)],
        capture_output=True, text=True, check=False,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)),
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"{out}: cannot write: File too large"
    assert out.read_text() == OLD
    only(out.parent, "result.json")


TEXT_ONLY = [["--version"], ["--help"], ["score", "--help"]]
"""Runs whose output typer or ``--version`` prints, not the command's own writer."""


@pytest.mark.parametrize("args", [["score"], *TEXT_ONLY], ids=" ".join)
def test_a_full_standard_output_is_a_plain_error(reference_copy: Path, args: list[str]) -> None:
    """``appraise score > /dev/full`` was an internal error (exit 70); ``--help`` and
    ``--version`` said nothing and exited 0."""
    import subprocess

    from conftest import appraise_command

    with open("/dev/full", "w") as full:
        proc = subprocess.run([*appraise_command(), *args], stdout=full, cwd=reference_copy,
                              stderr=subprocess.PIPE, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "cannot write to standard output: No space left on device"


def test_a_missing_output_folder_is_a_plain_error(reference_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "result.json"
    run = run_appraise("score", reference_copy, "--output", out)
    assert run.code == 2
    assert run.err.strip() == f"{out}: cannot write: the folder {out.parent} does not exist"
    assert not (tmp_path / "no").exists()


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this user cannot create files in: chmod for a user, /sys for root (which ignores modes)."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys")
    assert folder.is_dir()
    return folder


def test_a_read_only_output_folder_is_a_plain_error(reference_copy: Path, tmp_path: Path) -> None:
    folder = _read_only_folder(tmp_path)
    before = sorted(os.listdir(folder))
    out = folder / "result.json"
    run = run_appraise("score", reference_copy, "--format", "json", "--output", out)
    assert run.code == 2
    assert run.err.strip() == f"{out}: cannot write: Permission denied"
    assert sorted(os.listdir(folder)) == before


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: p.symlink_to(REPO / "options")],
                         ids=["folder", "link-to-folder"])
def test_output_naming_a_folder_is_refused(reference_copy: Path, tmp_path: Path,
                                           make: Callable[[Path], None]) -> None:
    out = tmp_path / "target"
    make(out)
    run = run_appraise("score", reference_copy, "--output", out)
    assert run.code == 2
    assert run.err.strip() == f"{out}: cannot write: it is a folder"


@pytest.mark.parametrize("name", ["options/ranking.yaml", "scenarios/ranking.yml", "ranking.YAML"])
def test_a_yaml_output_is_refused_so_it_is_never_read_back_as_input(reference_copy: Path, name: str) -> None:
    out = reference_copy / name
    run = run_appraise("score", reference_copy, "--format", "json", "--output", out)
    assert run.code == 2 and not out.exists()
    assert run.err.strip() == (
        f"{out}: appraise writes no YAML, and a .yaml file in an appraisal folder is read as an option or "
        "scenario next time: name the output .json, .csv, .md, .html or .txt"
    )
    assert run_appraise("validate", reference_copy).code == 0


def test_other_output_in_the_options_folder_is_not_read_as_an_option(reference_copy: Path) -> None:
    out = reference_copy / "options" / "ranking.json"
    assert run_appraise("score", reference_copy, "--format", "json", "--output", out).code == 0
    again = run_appraise("score", reference_copy, "--format", "json")
    assert again.code == 0 and json.loads(again.out) == json.loads(out.read_text(encoding="utf-8"))


def test_a_symlink_is_followed_even_to_another_file_system(reference_copy: Path, tmp_path: Path) -> None:
    """The temporary file is made beside the link's target: a rename cannot cross file systems
    ("Invalid cross-device link" when --output was a link from /tmp into /dev/shm)."""
    shm = Path("/dev/shm")
    other = shm if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path / "elsewhere"
    other.mkdir(exist_ok=True)
    target = other / f"appraise-{os.getpid()}-{tmp_path.name}.json"
    target.write_text(OLD)
    try:
        link = tmp_path / "result.json"
        link.symlink_to(target)
        run = run_appraise("score", reference_copy, "--format", "json", "--output", link)
        assert run.code == 0, run.err
        assert link.is_symlink() and link.resolve() == target.resolve()
        assert json.loads(target.read_text(encoding="utf-8"))["title"]
        assert not [p for p in other.iterdir() if p.name.startswith(f".{target.name}.")]
    finally:
        target.unlink(missing_ok=True)


def test_an_existing_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    reference_copy: Path, tmp_path: Path
) -> None:
    private = tmp_path / "private.json"
    private.write_text(OLD)
    private.chmod(0o600)
    assert run_appraise("score", reference_copy, "--format", "json", "--output", private).code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600 and private.read_text() != OLD
    fresh = tmp_path / "fresh.json"
    assert run_appraise("score", reference_copy, "--format", "json", "--output", fresh, env={}).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("args", [["score", "--format", "json"], *TEXT_ONLY], ids=" ".join)
def test_a_reader_that_stops_early_is_not_a_failure(args: list[str]) -> None:
    """``appraise score | head -c 1``: the closed pipe is the reader's choice; exit 0, no message.
    ``appraise --help | head -1`` exited 1 (typer's answer to a closed pipe), and ``--version``
    printed a BrokenPipeError and exited 120."""
    import subprocess

    from conftest import REPO, appraise_command

    writer = subprocess.Popen([*appraise_command(), *args], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.close()  # the reader goes away before reading anything
    err = writer.stderr.read().decode()
    assert writer.wait(timeout=60) == 0, err
    assert err == ""

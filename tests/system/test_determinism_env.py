"""Same inputs, same bytes, whatever the environment (README.md, Scoring rules).

tests/system/test_determinism.py compares ``score`` in every format across runs and hash seeds.
This file covers the rest of the environment: every other command (and the error path)
under ``PYTHONHASHSEED`` 0, 1 and random, and every command with the file system listing
folders in reversed order (``os.scandir``, ``os.listdir`` and ``Path.iterdir`` patched in
this process), including folders where the order would change the answer if it leaked: two
files claiming one option id.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

import pytest
from conftest import appraise_command, run_appraise

COMMANDS = {
    "report-markdown": ["report", "{ref}", "--format", "markdown"],
    "report-html": ["report", "{ref}", "--format", "html"],
    "sensitivity": ["sensitivity", "{ref}", "--samples", "300", "--seed", "7", "--format", "json"],
    "vfm": ["vfm", "{ref}", "--format", "json"],
    "diff": ["diff", "{ref}", "--scenario", "{ref}/scenarios/finance-led.yaml", "--format", "json"],
    "validate": ["validate", "{ref}"],
    "score-scenario": ["score", "{ref}", "--scenario", "{ref}/scenarios/stability-first.yaml", "--format", "csv"],
}


def _break(ref: Path) -> None:
    """Many problems in many files, so the order of the messages is tested too."""
    for path in sorted((ref / "options").glob("*.yaml"))[:4]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("score: 3", "score: 9").replace("likelihood: 3", "likelihood: 7")
                        + "\nunknown_key: 1\n", encoding="utf-8")


def _run(argv: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    import subprocess

    proc = subprocess.run([*appraise_command(), *argv], capture_output=True, check=False, timeout=120,
                          env={**os.environ, **env})
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("command", [*sorted(COMMANDS), "bad-input"])
def test_hash_seeds_change_no_byte(command: str, reference_copy: Path) -> None:
    if command == "bad-input":
        _break(reference_copy)
        argv = ["validate", str(reference_copy)]
    else:
        argv = [a.format(ref=reference_copy) for a in COMMANDS[command]]
    results = {seed: _run(argv, {"PYTHONHASHSEED": seed}) for seed in ("0", "1", "random")}
    code, out, err = results["0"]
    assert code == (2 if command == "bad-input" else 0), err.decode()
    assert out or err
    if command == "bad-input":  # an unknown key in each of four files, and likelihoods over 5
        assert err.count(b"error: unknown key 'unknown_key'") == 4 and err.count(b": error: ") > 4
    assert results["1"] == results["0"], f"{command} differs between PYTHONHASHSEED 0 and 1"
    assert results["random"] == results["0"], f"{command} differs under PYTHONHASHSEED=random"


class Reversed:
    """The file system listing every folder in reverse name order, counting the listings."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.listings = 0
        real_scandir, real_listdir = os.scandir, os.listdir

        def scandir(path: Any = ".") -> _Entries:
            self.listings += 1
            with real_scandir(path) as entries:
                found = sorted(entries, key=lambda e: e.name, reverse=True)
            return _Entries(found)

        def listdir(path: Any = ".") -> list[Any]:
            self.listings += 1
            return sorted(real_listdir(path), reverse=True)

        def iterdir(self_path: Path) -> Iterator[Path]:
            self.listings += 1
            return iter([self_path / name for name in sorted(real_listdir(self_path), reverse=True)])

        monkeypatch.setattr(os, "scandir", scandir)
        monkeypatch.setattr(os, "listdir", listdir)
        monkeypatch.setattr(Path, "iterdir", iterdir)


class _Entries(list):  # type: ignore[type-arg]
    """A list of directory entries that is also a context manager, as os.scandir's iterator is."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.mark.parametrize("command", [*sorted(COMMANDS), "score-json", "bad-input"])
def test_the_order_folders_are_listed_in_changes_no_byte(
    command: str, reference_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if command == "bad-input":
        _break(reference_copy)
        argv = ["validate", str(reference_copy)]
    elif command == "score-json":
        argv = ["score", str(reference_copy), "--format", "json"]
    else:
        argv = [a.format(ref=reference_copy) for a in COMMANDS[command]]
    natural = run_appraise(*argv)
    with monkeypatch.context() as patch:
        listing = Reversed(patch)
        reversed_run = run_appraise(*argv)
    assert listing.listings > 0, "the patch did not see the folders being listed"
    assert (reversed_run.code, reversed_run.out, reversed_run.err) == (natural.code, natural.out, natural.err)


def test_two_files_claiming_one_id_are_reported_the_same_way_in_any_order(
    reference_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first file in name order keeps the id; the messages name the others, however the folder lists."""
    options = reference_copy / "options"
    (options / "aaa.yaml").write_text((options / "in-house.yaml").read_text(encoding="utf-8") + "id: in-house\n",
                                      encoding="utf-8")
    (options / "in-house.yml").write_text((options / "in-house.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    natural = run_appraise("score", reference_copy)
    with monkeypatch.context() as patch:
        Reversed(patch)
        backwards = run_appraise("score", reference_copy)
    assert natural.code == backwards.code == 2
    assert natural.err == backwards.err
    assert f"option id 'in-house' is also the id of {options / 'in-house.yaml'} (from its file name)" in natural.err
    assert f"option id 'in-house' is also the id of {options / 'in-house.yml'} (from its file name)" in natural.err

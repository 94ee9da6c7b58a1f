"""The same inputs always give byte-identical output, in every format (README.md, Scoring rules).

Runs the real console script repeatedly, under different hash seeds (set and dict order
must not leak into output), terminal widths and file-creation orders, and compares bytes.
Each test works on its own copy of the reference example, so inputs cannot change mid-test.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, appraise_command

FORMATS = ("table", "json", "csv", "markdown")


def run_bytes(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, clear: bool = False) -> bytes:
    """stdout of ``appraise ARGS`` as raw bytes (no decoding that could hide a difference);
    ``clear`` runs it with ``env`` alone, not added to this process's environment."""
    proc = subprocess.run([*appraise_command(), *map(str, args)], cwd=cwd, capture_output=True, check=False,
                          env=dict(env or {}) if clear else {**os.environ, **(env or {})}, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    return proc.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_across_runs_hash_seeds_and_output_files(fmt: str, reference_copy: Path,
                                                             tmp_path: Path) -> None:
    first = run_bytes("score", "options/", "--format", fmt, cwd=reference_copy, env={"PYTHONHASHSEED": "0"})
    second = run_bytes("score", "options/", "--format", fmt, cwd=reference_copy, env={"PYTHONHASHSEED": "1"})
    assert first == second, f"{fmt} output depends on PYTHONHASHSEED"
    target = tmp_path / ("out." + {"table": "txt", "markdown": "md"}.get(fmt, fmt))
    assert run_bytes("score", "options/", "--format", fmt, "--output", target, cwd=reference_copy,
                     env={"PYTHONHASHSEED": "4242"}) == b""
    assert target.read_bytes() == first
    assert b"in-house" in first


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_with_a_scenario_across_hash_seeds(fmt: str, reference_copy: Path) -> None:
    args = ("score", ".", "--scenario", "scenarios/finance-led.yaml", "--format", fmt)
    outputs = {run_bytes(*args, cwd=reference_copy, env={"PYTHONHASHSEED": seed}) for seed in ("0", "1")}
    assert len(outputs) == 1


def test_table_does_not_depend_on_the_terminal_when_piped(reference_copy: Path) -> None:
    """Piped, the table is the same whatever the terminal; only an explicit COLUMNS wraps it
    (tests/render/test_termtable.py)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    plain = run_bytes("score", "options/", cwd=reference_copy, env=env, clear=True)
    short = run_bytes("score", "options/", cwd=reference_copy, env={**env, "LINES": "10"}, clear=True)
    assert plain == short
    assert max(len(line) for line in plain.decode().splitlines()) > 200  # not wrapped to any width


def test_file_creation_order_does_not_matter(tmp_path: Path) -> None:
    """Two copies of the reference example whose option files were created in opposite orders."""
    options = sorted((REPO / "options").glob("*.yaml"))
    criteria = (REPO / "criteria.yaml").read_bytes()
    contents = {path.name: path.read_bytes() for path in options}
    results = []
    for name, order in (("forward", options), ("backward", list(reversed(options)))):
        folder = tmp_path / name
        (folder / "options").mkdir(parents=True)
        (folder / "criteria.yaml").write_bytes(criteria)
        for path in order:
            (folder / "options" / path.name).write_bytes(contents[path.name])
        results.append({fmt: run_bytes("score", ".", "--format", fmt, cwd=folder) for fmt in ("json", "markdown")})
    assert results[0] == results[1]


def test_validate_messages_are_in_a_stable_order(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    (folder / "options").mkdir(parents=True)
    (folder / "criteria.yaml").write_text(
        "title: T\ncriteria:\n  - {id: a, name: A, weight: 1}\n  - {id: b, name: B, weight: 1}\n"
        "  - {id: c, name: C, weight: 1}\n", encoding="utf-8")
    for oid in ("zulu", "alpha", "mike"):
        (folder / "options" / f"{oid}.yaml").write_text(f"name: {oid}\nscores: {{b: 9}}\n", encoding="utf-8")
    errs = set()
    for seed in ("0", "1", "4242"):
        proc = subprocess.run([*appraise_command(), "validate", "."], cwd=folder, capture_output=True, check=False,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        assert proc.returncode == 2
        errs.add(proc.stderr)
    assert len(errs) == 1
    lines = [line for line in errs.pop().decode().splitlines() if ": error: " in line]
    # sorted by file, then line and column; per option: missing a, missing c, b out of scale
    assert [line.split(":")[0] for line in lines] == ["options/alpha.yaml"] * 3 + ["options/mike.yaml"] * 3 + \
        ["options/zulu.yaml"] * 3


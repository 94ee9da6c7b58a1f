"""The benchmark scripts stay runnable: each one's ``--help`` works, so a script that imports a
name another script no longer has fails here, not on the day someone measures."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

SCRIPTS = sorted(p.name for p in (REPO / "bench").glob("*.py")
                 if p.name != "run_all.py" and "__main__" in p.read_text(encoding="utf-8"))
"""Every script (not plot.py, which the others import) but run_all.py, which runs them all (for
25 minutes) and takes no options."""


def test_the_bench_folder_has_its_scripts() -> None:
    assert {"startup.py", "scale.py", "commands.py", "report_scale.py", "synthetic.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_benchmark_script_starts(script: str) -> None:
    run = subprocess.run([sys.executable, str(REPO / "bench" / script), "--help"], capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert "usage:" in run.stdout.lower()


def test_run_all_runs_only_scripts_that_exist() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import run_all
    finally:
        sys.path.remove(str(REPO / "bench"))
    assert {script for script, *_ in run_all.RUNS} <= set(SCRIPTS)


def test_the_stage_timer_runs_on_a_small_folder() -> None:
    """bench/scale_stages.py calls the loader's functions one by one, not the command line, so
    a change to their signatures breaks it where --help cannot tell."""
    run = subprocess.run([sys.executable, str(REPO / "bench" / "scale_stages.py"), "--options", "30", "--lean"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert "total" in run.stdout and "the JSON text" in run.stdout

"""Start-up stays light: --version and --help import none of the heavy libraries (issue 6).

Measured with ``python -X importtime``, which lists every module a run imports.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "jinja2", "numpy", "rich.console", "yaml")


def imported_modules(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "appraisal", *args],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = imported_modules(*args)
    assert "appraisal.cli" in modules  # the measurement sees our own imports
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_score_imports_pydantic_but_not_the_report_or_sampling_libraries(tmp_path: object) -> None:
    """The score path loads what it needs (pydantic, yaml) and no more: no jinja2, numpy or rich."""
    from conftest import REPO

    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "appraisal", "score", str(REPO / "options"),
                           "--format", "json"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "pydantic" in modules and "yaml" in modules
    assert not [m for m in modules if m.split(".")[0] in ("jinja2", "numpy", "rich")]


def test_valid_files_are_never_re_read_for_positions() -> None:
    """Positions are composed only when something is wrong (the fast path keeps none)."""
    from pathlib import Path

    from conftest import REPO

    from appraisal.load.folder import load

    appraisal = load(Path(REPO))
    assert appraisal.sources and all(source._root is None for source in appraisal.sources.values())

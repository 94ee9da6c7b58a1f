"""Start-up stays light: --version and --help import none of the heavy libraries (issue 6).

A run's modules are read from ``sys.modules`` as it exits (``python -X importtime`` misses a
module imported with ``importlib.import_module``, as the lazily built commands are).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pydantic", "jinja2", "numpy", "rich.console", "yaml")


PRINT_MODULES = """\
import sys
from appraisal.cli import main
try:
    main(sys.argv[1:])
finally:
    # modules found and loaded (not the stand-in for pydantic's plugin loader, cli/process.py)
    print("modules:", *sorted(m for m, module in sys.modules.items() if getattr(module, "__spec__", None) is not None),
          file=sys.stderr)
"""


def imported_modules(*args: str) -> set[str]:
    """Every module a run of ``appraise ARGS`` in a new interpreter had imported when it ended."""
    proc = subprocess.run([sys.executable, "-c", PRINT_MODULES, *args], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return set(proc.stderr.rpartition("modules: ")[2].split())


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_import_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = imported_modules(*args)
    assert "appraisal.cli" in modules  # the measurement sees our own imports
    heavy = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == []


def test_score_imports_pydantic_but_not_the_report_or_sampling_libraries(tmp_path: object) -> None:
    """The score path loads what it needs (pydantic, yaml) and no more: no jinja2, numpy or rich."""
    from conftest import REPO

    modules = imported_modules("score", str(REPO / "options"), "--format", "json")
    assert "pydantic" in modules and "yaml" in modules
    assert not [m for m in modules if m.split(".")[0] in ("jinja2", "numpy", "rich")]


COMMAND_MODULES = {f"appraisal.cli.{name}" for name in (
    "diff", "import_", "init", "panel", "report", "schema", "score", "scoresheet", "sensitivity", "summaries",
    "validate", "vfm")}


@pytest.mark.parametrize(("args", "wanted"), [
    (("--version",), set()),
    (("--help",), set()),
    (("score", "--help"), {"appraisal.cli.score"}),
    (("vfm", "--help"), {"appraisal.cli.vfm"}),
    (("schema", "option"), {"appraisal.cli.schema"}),
])
def test_only_the_command_that_runs_is_imported(args: tuple[str, ...], wanted: set[str]) -> None:
    """The commands are built lazily (appraisal/cli/commands.py): a run imports its own module only."""
    assert imported_modules(*args) & COMMAND_MODULES == wanted


def test_valid_files_are_never_re_read_for_positions() -> None:
    """Positions are composed only when something is wrong (the fast path keeps none)."""
    from pathlib import Path

    from conftest import REPO

    from appraisal.load.folder import load

    appraisal = load(Path(REPO))
    assert appraisal.sources and all(source._root is None for source in appraisal.sources.values())

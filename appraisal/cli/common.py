"""What the commands share: the PATH argument, loading with a scenario, and writing output."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.errors import OutputError

if TYPE_CHECKING:
    from appraisal.model import Appraisal

PATH_HELP = "The appraisal folder, or its options/ folder. Default: the current folder."
CRITERIA_HELP = "Use this criteria file instead of the folder's criteria.yaml."
SCENARIO_HELP = "Apply this scenario overlay (scenarios/NAME.yaml) before scoring."
OUTPUT_HELP = "Write to this file (written whole, or not at all) instead of standard output."

PathArg = typer.Argument(Path("."), help=PATH_HELP, show_default=False)
CriteriaOpt = typer.Option(None, "--criteria", help=CRITERIA_HELP, metavar="FILE")
ScenarioOpt = typer.Option(None, "--scenario", help=SCENARIO_HELP, metavar="FILE")
OutputOpt = typer.Option(None, "--output", "-o", help=OUTPUT_HELP, metavar="FILE")


def load_appraisal(path: Path, criteria: Path | None, scenario: Path | None) -> Appraisal:
    """Load the folder and apply the scenario, if any."""
    from appraisal.load import load

    appraisal = load(path, criteria)
    if scenario is not None:
        from appraisal.scenario import apply, read_scenario

        appraisal = apply(appraisal, *read_scenario(scenario))
    return appraisal


def emit(content: str | bytes, output: Path | None) -> None:
    """Write to standard output, or to ``output`` atomically (a temporary file, then a rename).

    A failure leaves any existing file untouched and no temporary file behind.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = output.resolve().parent
    if not target.is_dir():
        raise OutputError(f"{output}: cannot write: the folder {output.parent} does not exist")
    if output.is_dir():
        raise OutputError(f"{output}: cannot write: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(dir=target, prefix=f".{output.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, output)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{output}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""What the commands share: the PATH argument, loading with a scenario, and writing output."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.process import stdout_failed
from appraisal.errors import OutputError

if TYPE_CHECKING:
    from appraisal.model.appraisal import Appraisal
    from appraisal.model.scenario import Scenario

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
    appraisal = load_noting(path, criteria)
    return apply_noting(appraisal, scenario)[0] if scenario is not None else appraisal


def apply_noting(appraisal: Appraisal, scenario: Path) -> tuple[Appraisal, Scenario]:
    """The appraisal with the scenario applied, printing to standard error what the scenario's
    file warns of (text a comment cut off) and, when the scenario sets weights, whether they
    still add up to 100."""
    from appraisal.check.weights import weight_warnings
    from appraisal.scenario.overlay import apply, read_scenario

    source, overlay = read_scenario(scenario)
    applied = apply(appraisal, source, overlay)
    notes = [*source.warnings, *(weight_warnings(applied) if overlay.weights else ())]
    for note in sorted(notes):
        print(note, file=sys.stderr)
    return applied, overlay


def load_noting(path: Path, criteria: Path | None, *, pending: bool = False) -> Appraisal:
    """Load the folder, printing to standard error the warnings every command gives: what was
    not read (so nothing is dropped without a word, whatever the command), and weights that do
    not add up to 100."""
    from appraisal.load.folder import load_with_notes

    appraisal, notes = load_with_notes(path, criteria, pending=pending)
    for note in sorted(notes):
        print(note, file=sys.stderr)
    return appraisal


def emit(content: str | bytes, output: Path | None) -> None:
    """Write to standard output, or to ``output`` atomically (a temporary file, then a rename).

    A failure leaves any existing file untouched and no temporary file behind. A symbolic
    link is followed: the file it points to is replaced, in its own folder (a rename cannot
    cross file systems), and an existing file keeps its permissions. A ``.yaml`` name is
    refused: appraise writes no YAML, and a YAML file in an appraisal folder is read as input.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    if output is None:
        _to_stdout(data)
        return
    if output.suffix.lower() in (".yaml", ".yml"):
        raise OutputError(
            f"{output}: appraise writes no YAML, and a .yaml file in an appraisal folder is read as an "
            "option or scenario next time: name the output .json, .csv, .md, .html or .txt"
        )
    write_atomically(data, output)


def write_atomically(data: bytes, output: Path) -> None:
    """Write ``data`` to ``output`` whole or not at all, as :func:`emit` describes."""
    final = output.resolve()
    target = final.parent
    if not target.is_dir():
        raise OutputError(f"{output}: cannot write: the folder {output.parent} does not exist")
    if final.is_dir():
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
        if final.exists():
            mode = stat.S_IMODE(final.stat().st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, final)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{output}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _to_stdout(data: bytes) -> None:
    """Write to standard output, failing as :func:`appraisal.cli.process.stdout_failed` says."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except OSError as exc:
        stdout_failed(exc)

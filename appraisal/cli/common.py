"""What the commands share: the PATH argument, loading with a scenario, and writing output."""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
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


def iso_date(text: str, option: str) -> dt.date:
    """A date given on the command line as ``option`` (``--published``, ``--date``), or a usage
    error saying how to write it."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write it YYYY-MM-DD, such as 2026-02-24",
                                 param_hint=f"'{option}'") from None


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


def check_output(output: Path | None, inputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse an ``--output`` that is one of the run's own inputs (each ``(what it is, path)``),
    before any work: ``report -o mine.md.j2 --template mine.md.j2`` would replace the template
    with the report made from it. The same file by another name or a link counts too."""
    if output is None or not os.path.lexists(output):
        return
    for what, given in inputs:
        try:
            same = given is not None and os.path.samefile(output, given)
        except OSError:  # an input that is not there is not this file
            same = False
        if same:
            raise OutputError(f"--output {output}: it is {what} of this run ({given}): appraise does not write "
                              "over its own input; name another file")


def write_atomically(data: bytes, output: Path) -> None:
    """Write ``data`` to ``output`` whole or not at all, as :func:`emit` describes.

    Only a regular file is written: a new name, an existing file, or a symbolic link to an
    existing file (which is replaced, the link kept). A folder, a named pipe, a device or a
    socket (``-o /dev/null``, which a rename would replace for the whole system when run as
    root), a link that leads nowhere or round in a loop, are refused.
    """
    write_all({output: data})


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file whole, or none, as :func:`write_atomically` writes one: each is written
    to a temporary file beside it first, and only when all are written are they renamed into
    place (``appraise import`` of a moderation sheet changes several option files at once)."""
    staged: list[tuple[str, Path, Path]] = []
    try:
        for output, data in files.items():
            tmp, final = _stage(data, output)
            staged.append((tmp, final, output))
        for tmp, final, output in staged:
            try:
                os.replace(tmp, final)
            except OSError as exc:
                raise OutputError(f"{output}: cannot write: {exc.strerror}") from None
    except BaseException:
        for tmp, _, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def _stage(data: bytes, output: Path) -> tuple[str, Path]:
    """``data`` in a temporary file beside where ``output`` leads, with the mode that file has (or
    would get), and that place."""
    from appraisal.load.source import special

    try:
        final = output.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links (Python 3.11)
        raise OutputError(f"{output}: cannot write: it is a symbolic link that leads round in a loop") from None
    target = final.parent
    if output.is_symlink() and not os.path.lexists(final):
        raise OutputError(f"{output}: cannot write: it is a symbolic link to {final}, which does not exist: "
                          "appraise writes through a link only to an existing file")
    if not target.is_dir():
        raise OutputError(f"{output}: cannot write: the folder {output.parent} does not exist")
    kind = special(final.stat().st_mode) if final.exists() else None
    if kind == "a folder":
        raise OutputError(f"{output}: cannot write: it is a folder")
    if kind:
        raise OutputError(f"{output}: cannot write: it is {kind}, not a file: appraise writes only files")
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
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{output}: cannot write: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp, final


def _to_stdout(data: bytes) -> None:
    """Write to standard output, failing as :func:`appraisal.cli.process.stdout_failed` says."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except OSError as exc:
        stdout_failed(exc)

"""Which inputs produced a report: a SHA-256 of each input file and one digest over them all.

The files are listed in a fixed order, the criteria file first, then the option files (and a
panel's assessors' files, docs/panel.md) sorted by name (byte order, as ``LC_ALL=C`` sorts a
shell glob), then the scenario file if one was applied, each as ``sha256sum`` prints it: the
hex digest, two spaces, the name relative to the appraisal folder. The input digest is the SHA-256 of that
list, so from the appraisal folder

    LC_ALL=C sha256sum criteria.yaml options/*.yaml | sha256sum

prints it again. The digest covers the bytes of the files exactly as stored, so any change,
even to a comment, changes it. Templates a user supplied are listed apart: they change how
the report looks, not what the inputs say.
"""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from appraisal import __version__


@dataclass(frozen=True)
class FileDigest:
    """One file: its name as listed and the SHA-256 of its bytes (lower-case hex)."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Provenance:
    """The tool version, the input files in their defined order and the digest over them."""

    version: str
    files: tuple[FileDigest, ...]
    digest: str
    command: str
    """A shell command that, run in the appraisal folder, prints ``digest``."""
    templates: tuple[FileDigest, ...] = ()
    """User templates (``--template`` or the folder's ``templates/``) that shaped the report."""

    @property
    def manifest(self) -> str:
        """The file list exactly as ``sha256sum`` prints it (and as the digest is taken over)."""
        return sha256sum_lines(self.files)


def sha256sum_lines(files: Sequence[FileDigest]) -> str:
    """``<hex>  <name>`` lines, each ending in a newline, as GNU ``sha256sum`` writes them."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in files)


def digest_of(name: str, data: bytes) -> FileDigest:
    """The SHA-256 of one file's bytes."""
    return FileDigest(name, hashlib.sha256(data).hexdigest())


def provenance(
    criteria: FileDigest,
    options: Sequence[FileDigest],
    scenario: FileDigest | None = None,
    templates: Sequence[FileDigest] = (),
) -> Provenance:
    """The input files' digests (names relative to the appraisal folder) in the defined order,
    and the digest over them."""
    option_files = sorted(options, key=lambda f: f.name.encode("utf-8"))
    files = [criteria, *option_files]
    if scenario is not None:
        files.append(scenario)
    digest = hashlib.sha256(sha256sum_lines(files).encode("utf-8")).hexdigest()
    return Provenance(
        version=__version__,
        files=tuple(files),
        digest=digest,
        command=check_command(criteria.name, [f.name for f in option_files], scenario.name if scenario else None),
        templates=tuple(sorted(templates, key=lambda f: f.name)),
    )


def check_command(criteria: str, options: Sequence[str], scenario: str | None) -> str:
    """The command that reproduces the digest: a glob per folder (``assessments/``, ``options/``)
    when the globs select exactly the files, in the same order."""
    folders = list(dict.fromkeys(name.rpartition("/")[0] for name in options))
    grouped = [name for folder in folders for name in options if name.rpartition("/")[0] == folder]
    if grouped == list(options) and all(name.endswith(".yaml") for name in options):
        listed = [f"{shlex.quote(folder) + '/' if folder else ''}*.yaml" for folder in folders]
    else:
        listed = [shlex.quote(name) for name in options]
    names = [shlex.quote(criteria), *listed, *([shlex.quote(scenario)] if scenario else [])]
    return f"LC_ALL=C sha256sum {' '.join(names)} | sha256sum"

"""Problems found in the input, and the exit codes they turn into.

Every stage reports problems as :class:`Problem` values that carry a location; the loader
collects them all and raises one :class:`InputError`, so a user sees every problem at once.
The CLI is the one place where these become exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EXIT_OK = 0
"""Success."""
EXIT_CHECK_FAILED = 1
"""A requested check failed (``appraise diff --fail-on``)."""
EXIT_BAD_INPUT = 2
"""Bad input or usage."""

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in an input file."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """``FILE:LINE:COL: severity: message``, with control characters written as escapes and
        no Python object's repr (:func:`appraisal.text.no_objects`)."""
        from appraisal.text import no_objects, one_line, visible

        where = f"{one_line(self.file)}:{self.line}:{self.col}: "
        return where + visible(no_objects(f"{self.severity}: {self.message}"))


class AppraiseError(Exception):
    """Base of every error the CLI turns into a message and an exit code."""

    exit_code = EXIT_BAD_INPUT


class InputError(AppraiseError):
    """One or more problems in the input files."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(AppraiseError):
    """The command line asks for something that cannot be done (missing folder, bad ref...)."""


class OutputError(AppraiseError):
    """The output file cannot be written."""


class CheckFailed(AppraiseError):
    """A check the user asked for failed (``appraise diff --fail-on``); the output is written."""

    exit_code = EXIT_CHECK_FAILED


def raise_if_errors(problems: list[Problem]) -> None:
    """Raise one :class:`InputError` with all ``problems`` if one of them is an error (the
    warnings among them are shown with the errors)."""
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)

"""The output formats each command writes: their names, file endings and renderers, in one table.

A command lists its formats as :class:`Format` rows in a :class:`Formats` table. The table
gives typer its choices, picks the format from ``--format`` or, without it, from the ending of
the ``--output`` name (``-o ranking.csv`` writes CSV), refuses an ending that contradicts
``--format`` or that no format of the command writes, and renders once, deciding in one place
whether the output goes to a terminal. A new format (a workbook, a Word document) is one more
row. See docs/output.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import typer

from appraisal.cli.common import emit
from appraisal.errors import UsageError
from appraisal.text import series

T = TypeVar("T")

YAML_ENDINGS = (".yaml", ".yml")
"""Refused by :func:`appraisal.cli.common.emit` with its own message (YAML is read as input)."""


@dataclass(frozen=True)
class Format(Generic[T]):
    """One format of a command: its ``--format`` name, the file endings that imply it, and its
    renderer, which turns the command's result into the text or bytes written (``terminal`` is
    true when the output goes to a terminal, which may then be coloured or wrapped to its width)."""

    name: str
    endings: tuple[str, ...]
    render: Callable[[T, bool], str | bytes]
    binary: bool = False
    """A file format (a workbook, a Word document): never printed on a terminal."""


@dataclass(frozen=True)
class Formats(Generic[T]):
    """A command's formats; the first is the default when neither ``--format`` nor a known
    ending of ``--output`` says otherwise."""

    command: str
    rows: Sequence[Format[T]]

    def names(self) -> list[str]:
        return [f.name for f in self.rows]

    def option(self, extra: str = "", note: str = "") -> Any:
        """The ``--format`` option, offering exactly this table's names (``extra`` names another
        source of the default; ``note`` says more of the formats)."""
        endings = ", ".join(e for f in self.rows for e in f.endings)
        return typer.Option(
            None, "--format", "-f", parser=self.parse, metavar="[" + "|".join(self.names()) + "]",
            show_default=False,
            help=f"Output format. Default: the one --output's name implies ({endings}){extra}, "
                 f"else {self.rows[0].name}.{note}",
        )

    def parse(self, name: str) -> str:
        """``--format``'s value, checked against this table's names."""
        if name not in self.names():
            raise typer.BadParameter(f"{name!r} is not a format of appraise {self.command}; "
                                     f"choose {series(self.names(), 'or')}")
        return name

    def by_name(self, name: str) -> Format[T]:
        return next(f for f in self.rows if f.name == name)

    def by_ending(self, path: Path | None) -> Format[T] | None:
        """The format a file name implies (``appendix.html`` -> html; ``mine.md.j2`` -> markdown)."""
        if path is None:
            return None
        ending = Path(path.name.lower().removesuffix(".j2")).suffix
        return next((f for f in self.rows if ending in f.endings), None)

    def choose(self, given: str | None, output: Path | None, fallback: Path | None = None) -> Format[T]:
        """The format to write: ``--format``, else the one ``output``'s ending implies, else the
        one ``fallback``'s does (a template's name), else the default.

        An ``output`` ending no format writes, or one that implies another format than
        ``given``, is a usage error naming the formats and endings this command writes; so is a
        name without an ending and no ``--format`` (``-o appendix`` would otherwise be Markdown
        without a word). A YAML name is left to :func:`emit` to refuse.
        """
        implied = self.by_ending(output)
        if output is not None and output.suffix and implied is None and output.suffix.lower() not in YAML_ENDINGS:
            raise UsageError(
                f"--output {output}: appraise {self.command} does not write {output.suffix} files; "
                f"it writes {self._listing()}"
            )
        if given is not None:
            chosen = self.by_name(given)
            if implied is not None and implied is not chosen:
                raise UsageError(
                    f"--output {output} is named as {implied.name} but --format is {given}: "
                    f"name the file {series(chosen.endings, 'or')} or leave out --format"
                )
        elif output is not None and not output.suffix and self.by_ending(fallback) is None and not output.is_dir():
            raise UsageError(
                f"--output {output} has no ending, so appraise cannot tell which format to write: name it "
                f"{series([output.name + f.endings[0] for f in self.rows], 'or')}, or give --format"
            )
        else:
            chosen = implied or self.by_ending(fallback) or self.rows[0]
        if chosen.binary and output is None and sys.stdout.isatty():
            raise UsageError(
                f"--format {chosen.name} makes a file, not text for the screen: "
                f"give --output FILE{chosen.endings[0]} (or send standard output to a file)"
            )
        return chosen

    def write(self, chosen: Format[T], result: T, output: Path | None) -> None:
        """Render ``result`` in ``chosen`` and write it to ``output`` (standard output if None)."""
        emit(chosen.render(result, output is None and sys.stdout.isatty()), output)

    def _listing(self) -> str:
        return series([f"{f.name} ({series(f.endings, 'or')})" for f in self.rows], "and")

"""The commands of ``appraise``, each imported and built only when it runs.

A run uses one command, so building every command's module and Typer command at start-up
(their options, types and defaults read from each function's signature) was work thrown
away on every run. :data:`COMMANDS` names each command's module, function and the short
help ``appraise --help`` lists; :class:`LazyGroup` lists them from this table and imports
and builds a command only when it is looked up, the lazy loading Click documents for
subcommands ("Lazily Loading Subcommands"). ``tests/cli/test_commands.py`` checks the
table's ``--help`` against every command built the ordinary way, so the two cannot drift.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from gettext import gettext
from typing import TYPE_CHECKING, Any

import typer
import typer.core
import typer.main

if TYPE_CHECKING:  # the click that typer vendors; for annotations only
    from typer._click import Command, Context, HelpFormatter


@dataclass(frozen=True)
class Entry:
    """Where a command's function is (``appraisal.cli.<module>.<function>``) and its line in
    ``appraise --help``."""

    module: str
    function: str
    short_help: str


COMMANDS: dict[str, Entry] = {
    "score": Entry("score", "score", "Rank the options."),
    "validate": Entry("validate", "validate", "Check every file and list all the problems at once."),
    "panel": Entry("panel", "panel", "The moderation pack of a scoring panel."),
    "weights": Entry("weights", "weights", "How the weights were set: a weighting workshop's participants."),
    "scoresheet": Entry("scoresheet", "scoresheet", "An Excel scoresheet for one panel member to fill in."),
    "import": Entry("import_", "import_", "Read a filled scoresheet into the assessors' files."),
    "report": Entry("report", "report", "Render the committee appendix (Markdown, HTML, Word or PDF)."),
    "summaries": Entry("summaries", "summaries", "One assessment summary per tender, in a folder."),
    "diff": Entry("diff", "diff", "Compare two appraisals: ranks, totals and changed inputs."),
    "sensitivity": Entry("sensitivity", "sensitivity", "Switching values and Monte Carlo rank probabilities."),
    "standstill": Entry("standstill", "standstill", "When standstill ends and the contract may be entered into."),
    "notice": Entry("notice", "notice", "Draft a notice after the award, or its OCDS release."),
    "disclosure": Entry("disclosure", "disclosure", "A provider's PSR disclosure pack: evaluators' scores."),
    "explore": Entry("explore", "explore", "A page to move the weights live and watch the ranking."),
    "vfm": Entry("vfm", "vfm", "Value for money: cost per point and the efficiency frontier."),
    "schema": Entry("schema", "schema", "Print the JSON Schema of a file kind, for editors."),
    "init": Entry("init", "init", "Start a new appraisal folder from a template."),
}
"""Every command, in the order ``appraise --help`` lists them."""


def add_command(app: typer.Typer, name: str) -> None:
    """Register command ``name`` on ``app``, importing its module."""
    entry = COMMANDS[name]
    function = getattr(importlib.import_module(f"appraisal.cli.{entry.module}"), entry.function)
    app.command(name, short_help=entry.short_help)(function)


def build(name: str) -> Command:
    """Command ``name`` as Typer builds it from its function (as a subcommand it takes the
    ``-h`` option and the program name from the ``appraise`` group it runs under)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
    add_command(app, name)
    return typer.main.get_command(app)


class _Built(Mapping[str, "Command"]):
    """The group's commands by name: every name is known, a command is built when first read."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in COMMANDS:
            raise KeyError(name)
        if name not in self._built:
            self._built[name] = build(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class LazyGroup(typer.core.TyperGroup):
    """The ``appraise`` group: commands listed from :data:`COMMANDS`, built only when run.

    Typer looks a command up with ``self.commands.get(name)`` and suggests a close name from
    ``self.commands.keys()`` after a typo; both work on the table without building anything.
    """

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Built()  # type: ignore[assignment]  # a read-only mapping: nothing is added

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The Commands section of ``--help``, as Typer writes it, from the table."""
        with formatter.section(gettext("Commands")):
            formatter.write_dl([(name, entry.short_help) for name, entry in COMMANDS.items()])

"""The lazily built commands (appraisal/cli/commands.py) behave as commands registered the ordinary way.

``appraise --help`` lists the commands from a table, without importing their modules; these
tests build every command as Typer would at start-up and check the table against them, so a
new command, a renamed one or a changed short help cannot leave ``--help`` behind.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from contextlib import redirect_stdout

import pytest
import typer

import appraisal.cli
from appraisal.cli import app
from appraisal.cli.commands import COMMANDS, add_command


def eager_app() -> typer.Typer:
    """``appraise`` as it was built before the commands were lazy: every command registered on
    an ordinary Typer group with the same settings and root callback."""
    eager = typer.Typer(name=app.info.name, help=app.info.help, add_completion=False, no_args_is_help=True,
                        pretty_exceptions_enable=False, rich_markup_mode=None,
                        context_settings={"help_option_names": ["-h", "--help"]})
    assert app.registered_callback is not None and app.registered_callback.callback is not None
    eager.callback()(app.registered_callback.callback)
    for name in COMMANDS:
        add_command(eager, name)
    return eager


def output(application: typer.Typer, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        try:
            code = application(args=list(args), prog_name="appraise", standalone_mode=False)
        except typer.TyperException as exc:
            code = exc.exit_code
    return (code or 0), out.getvalue()


@pytest.mark.parametrize("args", [("--help",), ("-h",)])
def test_help_lists_the_same_commands_and_short_helps_as_the_commands_built_eagerly(args: tuple[str, ...]) -> None:
    lazy = output(app, *args)
    assert lazy == output(eager_app(), *args)
    assert all(f"  {name} " in lazy[1] for name in COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_s_own_help_is_the_eagerly_built_one(name: str) -> None:
    assert output(app, name, "--help") == output(eager_app(), name, "--help")


def test_the_table_names_every_command_module() -> None:
    """A command module left out of the table would never run: every module of appraisal/cli
    that defines a Typer command (a function of that name taking Typer parameters) is listed."""
    helpers = {"common", "commands", "documents", "fileset", "formats", "process", "progress"}
    modules = {m.name for m in pkgutil.iter_modules(appraisal.cli.__path__)} - helpers
    assert modules == {entry.module for entry in COMMANDS.values()}
    for entry in COMMANDS.values():
        function = getattr(importlib.import_module(f"appraisal.cli.{entry.module}"), entry.function)
        assert callable(function) and function.__doc__


def test_a_mistyped_command_is_still_given_the_close_names() -> None:
    with pytest.raises(typer.TyperException, match="Did you mean 'score'"):
        app(args=["scor"], prog_name="appraise", standalone_mode=False)


def test_looking_up_one_command_builds_only_that_one() -> None:
    import typer.main

    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert list(commands) == list(COMMANDS) and "nope" not in commands
    assert commands.get("vfm").name == "vfm"
    assert list(commands._built) == ["vfm"]

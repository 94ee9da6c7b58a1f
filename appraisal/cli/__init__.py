"""The ``appraise`` command line: a thin layer over the pipeline.

Each command lives in its own module, imported only when it runs (``commands.py``), and
imports the heavy parts of the pipeline (pydantic, YAML, jinja2, numpy, rich) inside its
function, so ``--version`` and ``--help`` stay fast. :func:`main` is the one place where
errors become messages and exit codes.
"""

from __future__ import annotations

import gc
import os
import sys

import typer

from appraisal import __version__
from appraisal.cli.commands import LazyGroup
from appraisal.cli.process import Ending, GuardedStdout, without_pydantic_plugins
from appraisal.errors import EXIT_BAD_INPUT, AppraiseError
from appraisal.text import no_objects, visible

app = typer.Typer(
    name="appraise",
    cls=LazyGroup,
    help="Options appraisal as code: score, compare and report commissioning options kept as YAML.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"appraise {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Options appraisal as code."""


EXIT_INTERNAL = 70
"""A bug in appraise itself (sysexits EX_SOFTWARE); never the answer to bad input."""


def main(argv: list[str] | None = None) -> None:
    """Run the command line and exit with its documented exit code (README.md).

    The cyclic garbage collector is paused while the command runs: loading, scoring and
    rendering 10,000 options build a million objects that live until the end, and the
    collector rescanned them ever more often as they grew (a third of the run). The pipeline
    makes almost no cycles (a few hundred objects at 10,000 options); they, and any other,
    are collected as usual once the collector resumes, here or when the process ends.
    """
    without_pydantic_plugins()
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = app(args=argv, prog_name="appraise", standalone_mode=False)
        sys.stdout.flush()  # what typer and --version printed: a failure to write it is an error here
    except typer.Abort:
        print("appraise: interrupted", file=sys.stderr)
        code = 130
    except typer.TyperException as exc:  # typer's (vendored click's) usage errors
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:  # pragma: no cover - every usage error typer raises can show itself
            print(f"appraise: {exc}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except AppraiseError as exc:
        print(visible(no_objects(str(exc))), file=sys.stderr)  # it may quote a path or key with an ESC in it
        code = exc.exit_code
    except KeyboardInterrupt:
        print("appraise: interrupted", file=sys.stderr)
        code = 130
    except Exception as exc:
        if os.environ.get("APPRAISE_DEBUG"):
            raise
        print(
            visible(no_objects(f"appraise: internal error ({type(exc).__name__}: {exc}); please report it "
                               "with the input files (set APPRAISE_DEBUG=1 to see the traceback)")),
            file=sys.stderr,
        )
        code = EXIT_INTERNAL
    finally:
        if collecting:
            gc.enable()
    sys.exit(code if isinstance(code, int) else 0)


def run() -> None:
    """The console script ``appraise`` and ``python -m appraisal``: :func:`main` in a process of
    its own, which then ends without the interpreter's teardown (:class:`~appraisal.cli.process.Ending`)."""
    ending = Ending()
    ending.arm()
    if sys.stdout is not None:
        sys.stdout = GuardedStdout(sys.stdout)
    try:
        main()
    except SystemExit as exc:
        ending.code = exc.code if isinstance(exc.code, int) else None
        raise

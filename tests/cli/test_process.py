"""A run of appraise validates with no pydantic plugins unless the user says otherwise (cli/process.py)."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest
from conftest import REPO

PRINT = """\\
import sys
from appraisal.cli import main
try:
    main(sys.argv[1:])
finally:
    loader = sys.modules.get("pydantic.plugin._loader")
    print("metadata" if "importlib.metadata" in sys.modules else "none", getattr(loader, "__file__", None) is not None,
          file=sys.stderr)
"""


def run(env: dict[str, str]) -> tuple[str, str]:
    """Whether a score run imported importlib.metadata, and whether pydantic's own loader was used."""
    proc = subprocess.run([sys.executable, "-c", PRINT, "score", str(REPO / "options"), "--format", "json"],
                          capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    metadata, real_loader = proc.stderr.split()[-2:]
    return metadata, real_loader


def environment(**variables: str) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return {**env, **variables}


def test_no_plugin_scan_and_no_importlib_metadata_by_default() -> None:
    assert run(environment()) == ("none", "False")


@pytest.mark.parametrize("value", ["", "__all__", "logfire"])
def test_the_users_setting_is_left_to_pydantic(value: str) -> None:
    """Set at all (empty: load every plugin), the variable is pydantic's to read, with its own loader."""
    assert run(environment(PYDANTIC_DISABLE_PLUGINS=value)) == ("metadata", "True")


def test_the_same_output_with_pydantic_s_own_loader() -> None:
    def output(env: dict[str, str]) -> bytes:
        return subprocess.run([sys.executable, "-m", "appraisal", "score", str(REPO / "options"), "--format", "json"],
                              capture_output=True, check=True, env=env).stdout

    assert output(environment()) == output(environment(PYDANTIC_DISABLE_PLUGINS=""))


def test_pydantic_still_asks_its_loader_module_for_plugins() -> None:
    """The stand-in takes the place of ``pydantic.plugin._loader.get_plugins``: if pydantic stops
    looking there, this fails and the stand-in (appraisal/cli/process.py) must be revisited."""
    from pydantic.plugin import _schema_validator

    source = inspect.getsource(_schema_validator.create_schema_validator)
    assert "from ._loader import get_plugins" in source and "get_plugins()" in source


NOISY = """\
import atexit, sys
from appraisal.cli import run
{before}
class Noisy:
    def __del__(self):
        sys.stderr.write("torn down\\n")
keep = Noisy()
sys.argv = ["appraise", *sys.argv[1:]]
run()
"""


def ending(*args: str, before: str = "") -> tuple[int, str, str]:
    """Exit code, output and messages of ``run()`` in a new interpreter that holds an object
    whose finaliser says when the interpreter takes the modules apart."""
    proc = subprocess.run([sys.executable, "-c", NOISY.format(before=before), *args],
                          capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(("args", "code"), [(("--version",), 0), (("score", "nope"), 2)])
def test_a_run_ends_with_its_exit_code_and_output_but_without_the_teardown(args: tuple[str, ...], code: int) -> None:
    returned, out, err = ending(*args)
    assert returned == code
    assert "torn down" not in err
    assert out.startswith("appraise 0.") if code == 0 else "nope" in err


def test_exit_handlers_registered_during_the_run_still_run() -> None:
    before = """\
import functools, appraisal.cli.schema as command
original = command.schema
@functools.wraps(original)
def schema(*args, **kwargs):
    atexit.register(lambda: sys.stderr.write("handler ran\\n"))
    return original(*args, **kwargs)
command.schema = schema
"""
    returned, out, err = ending("schema", "option", before=before)
    assert (returned, err) == (0, "handler ran\n")
    assert '"title": "Option"' in out


def test_an_exit_handler_registered_before_the_run_keeps_the_ordinary_end() -> None:
    """``coverage`` registers one as a process starts: it would never run after the early end."""
    returned, out, err = ending("--version", before="atexit.register(lambda: sys.stderr.write('earlier\\n'))")
    assert returned == 0 and out.startswith("appraise 0.")
    assert "earlier\n" in err and "torn down\n" in err


def test_an_exception_ends_as_it_always_did() -> None:
    """With APPRAISE_DEBUG an internal error's traceback is printed and the interpreter ends as usual."""
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from appraisal.cli import run; sys.argv = ['appraise', 'score', '.'];"
         "import appraisal.load.folder as f; f.load_with_notes = None; run()"],
        capture_output=True, text=True, check=False, env={**environment(), "APPRAISE_DEBUG": "1"}, cwd=REPO)
    assert proc.returncode == 1 and "Traceback" in proc.stderr and "TypeError" in proc.stderr

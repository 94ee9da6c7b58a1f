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

"""appraise is installed from its repository, never by the name ``appraise`` from the index.

The project called ``appraise`` on the Python Package Index is an unrelated one: a README, a
document or an error message that said to install it from the index (with or without the
old ``docx`` extra) would install a stranger's code. The distribution is ``options-appraisal``; the command
stays ``appraise`` and the import package ``appraisal``. Word output (python-docx, Pillow) is
part of every install, so no extra is needed for the officers' main format.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NAME = "options-appraisal"
TAKEN = "apprai" + "se"
"""The index's unrelated project (spelt in two parts so that this file does not match its own patterns)."""

INSTALLER = r"(?:pip3?|python3?\s+-m\s+pip|pipx|uv\s+pip|uv\s+tool|uv)\s+(?:install|add)"
ADVICE = [
    re.compile(INSTALLER + r"(?:\s+-{1,2}[\w-]+(?:[= ][^\s'\"]+)?)*\s+['\"]?" + TAKEN + r"(?![\w.-])", re.IGNORECASE),
    re.compile(r"(?<![\w./-])" + TAKEN + r"\[", re.IGNORECASE),
    re.compile(r"['\"]" + TAKEN + r"(?:==|>=|~=)", re.IGNORECASE),
]
"""What would send anyone to the index's project: pip's install command with the taken name, the
name with an extra in brackets, or as a requirement with a version, in any installer's spelling
(the parametrized examples below spell each one out with the name filled in)."""


def advice_in(text: str) -> list[str]:
    return [m.group(0) for pattern in ADVICE for m in pattern.finditer(text)]


def _tracked() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [REPO / name for name in listed.decode("utf-8").split("\0") if name]


@pytest.mark.parametrize("text", [
    "pip install {}", "pip install '{}[docx]'", "python -m pip install -q {}", "pip install --upgrade {}==1.0",
    'dependencies = ["{}>=0.1"]', "uv add {}", "pipx install {}",
])
def test_the_patterns_find_advice_to_install_the_index_project(text: str) -> None:
    assert advice_in(text.format(TAKEN))


@pytest.mark.parametrize("text", [
    "pip install .", "pip install -e '.[test,dev]'", "appraise report . -o a.docx", "pip install python-docx Pillow",
    "pip install options-appraisal", "the {} command", "pip install {}-tools-of-someone-else",
    "'{}' (the command)", "[{}](README.md)",
])
def test_the_patterns_pass_the_right_advice(text: str) -> None:
    assert advice_in(text.format(TAKEN)) == []


def test_no_file_in_the_repository_says_to_install_appraise_from_the_index() -> None:
    found = []
    for path in _tracked():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # images, fonts, workbooks; a file deleted in the working tree
        found += [f"{path.relative_to(REPO)}: {hit}" for hit in advice_in(text)]
    assert found == []


def test_the_distribution_has_its_own_name_and_the_command_stays_appraise() -> None:
    assert PROJECT["name"] == NAME != TAKEN
    assert PROJECT["scripts"] == {TAKEN: "appraisal.cli:run"}


def test_word_output_needs_no_extra() -> None:
    """python-docx and Pillow are dependencies, and no extra names this project itself (pip could
    then look the name up on the index)."""
    needed = {re.split(r"[<>=~!;\[ ]", d, maxsplit=1)[0].lower() for d in PROJECT["dependencies"]}
    assert {"python-docx", "pillow"} <= needed
    extras = PROJECT["optional-dependencies"]
    assert "docx" not in extras
    named = [d for ds in extras.values() for d in ds if re.match(rf"({NAME}|{TAKEN})\b", d, re.IGNORECASE)]
    assert named == []


def test_the_lower_bounds_pin_every_dependency() -> None:
    pinned = {line.split("==")[0].lower() for line in (REPO / ".ci" / "lower-bounds.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    every = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
    names = {re.split(r"[<>=~!;\[ ]", d, maxsplit=1)[0].lower() for d in every}
    assert names == pinned


def test_the_missing_word_packages_message_names_no_index_project(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from appraisal.cli.documents import check_word_packages
    from appraisal.errors import UsageError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    with pytest.raises(UsageError) as raised:
        check_word_packages("appraise report --format docx")
    assert "pip install python-docx Pillow" in str(raised.value)
    assert advice_in(str(raised.value)) == []


def test_the_installed_metadata_is_under_the_new_name() -> None:
    """``importlib.metadata`` finds this checkout's install as options-appraisal (the editable
    install the suite runs in); ``appraise --version`` reads the package's own version."""
    from importlib import metadata

    from appraisal import __version__

    try:
        installed = metadata.version(NAME)
    except metadata.PackageNotFoundError:
        pytest.skip(f"{NAME} is not installed in {sys.prefix} (the tests run from a plain checkout)")
    assert installed == __version__

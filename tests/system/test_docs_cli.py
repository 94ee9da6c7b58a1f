"""Every command and every option the CLI offers is documented (README.md or docs/).

As datasette does: the documentation is checked against the real ``--help``, so an option
added without a word in the docs fails here.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, run_appraise

DOCS = "\n".join(p.read_text(encoding="utf-8") for p in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))])


def commands() -> list[str]:
    help_text = run_appraise("--help").out
    section = help_text.split("Commands:", 1)[1]
    return [line.split()[0] for line in section.splitlines() if line.startswith("  ") and line.split()]


def test_the_top_level_help_lists_every_command_and_the_readme_names_them() -> None:
    found = commands()
    assert {"score", "validate", "report", "diff", "sensitivity", "vfm", "schema", "init"} <= set(found)
    for command in found:
        assert f"appraise {command}" in DOCS, f"`appraise {command}` is not documented"


@pytest.mark.parametrize("command", commands())
def test_every_option_of_a_command_is_documented(command: str) -> None:
    run = run_appraise(command, "--help")
    assert run.code == 0, run.err
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", run.out)) - {"--help"}
    missing = sorted(o for o in options if o not in DOCS)
    assert not missing, f"appraise {command}: undocumented options {missing}"

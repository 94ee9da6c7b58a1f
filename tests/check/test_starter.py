"""``appraise init``'s starter: its placeholders are named by validate until replaced, and
neither it nor the README points at things a new user does not have."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import yaml
from conftest import REPO, run_appraise

from appraisal.check.placeholders import PLACEHOLDERS

STARTER = Path(str(files("appraisal") / "starter"))


def test_the_placeholders_are_the_starters() -> None:
    data = yaml.safe_load((STARTER / "criteria.yaml").read_text(encoding="utf-8"))
    assert {field: data[field] for field in PLACEHOLDERS} == {f: p for f, (p, _) in PLACEHOLDERS.items()}


def test_validate_names_each_placeholder_until_it_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert run_appraise("init", folder).code == 0
    run = run_appraise("validate", folder)
    criteria = folder / "criteria.yaml"
    assert run.code == 0
    lines = [line for line in run.err.splitlines() if "placeholder" in line]
    assert lines == [
        (f"{criteria}:4:8: warning: 'title' is still the starter's placeholder (New options appraisal): "
        "replace it with the appraisal's title, as the committee will read it"),
        (f"{criteria}:5:11: warning: 'decision' is still the starter's placeholder (Which option should the "
        "committee approve?): replace it with the decision the committee is asked to take"),
        (f"{criteria}:6:15: warning: 'organisation' is still the starter's placeholder (Your organisation): "
        "replace it with the name of your council or organisation"),
        (f"{criteria}:7:7: warning: 'date' is still the starter's placeholder (2026-01-01): replace it with "
        "the date of the appraisal (YYYY-MM-DD)"),
    ]
    text = criteria.read_text(encoding="utf-8")
    for old, new in [("New options appraisal", "Library services"),
                     ("Which option should the committee approve?", "How should the libraries be run?"),
                     ("Your organisation", "Anytown Council"), ("2026-01-01", "2026-03-14")]:
        text = text.replace(old, new)
    criteria.write_text(text, encoding="utf-8")
    run = run_appraise("validate", folder)
    assert run.code == 0 and "placeholder" not in run.err


def test_the_starter_speaks_for_itself() -> None:
    for path in STARTER.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "ours, not the paper" not in text and "the paper" not in text, path


def test_the_readme_names_only_files_in_the_repository() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w.-]+(?:/[\w.-]+)+\.\w+)`", readme))
    assert named, "the pattern finds the README's file names"
    missing = sorted(name for name in named if not (REPO / name).exists())
    assert missing == []


def test_the_starters_texts_inside_braces_are_quoted() -> None:
    """An officer who adds a comma to a starter's rationale inside ``{ }`` keeps one text (issue 31):
    every text of words inside ``{ }`` or ``[ ]`` in the starter files is in quotes."""
    unquoted = []
    for path in sorted(STARTER.rglob("*.yaml")):
        depth = 0
        for token in yaml.scan(path.read_text(encoding="utf-8")):
            if isinstance(token, (yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)):
                depth += 1
            elif isinstance(token, (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)):
                depth -= 1
            elif isinstance(token, yaml.ScalarToken) and depth and token.plain and " " in token.value:
                unquoted.append(f"{path.name}:{token.start_mark.line + 1}: {token.value}")
    assert unquoted == []


def test_every_command_warns_of_the_starters_placeholders(tmp_path: Path) -> None:
    """``report`` rendered "Your organisation" without the warning ``validate`` gives (issue 31)."""
    folder = tmp_path / "new"
    assert run_appraise("init", folder).code == 0
    for command in (("report",), ("score",), ("vfm",)):
        run = run_appraise(*command, folder)
        assert run.code == 0, run.err
        assert "warning: 'organisation' is still the starter's placeholder (Your organisation)" in run.err, command
    validated = run_appraise("validate", folder)
    assert validated.err.count("is still the starter's placeholder") == len(PLACEHOLDERS)  # said once each

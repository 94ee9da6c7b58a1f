"""docs/sensitivity.md and the README's sensitivity section: their examples, run as written."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from conftest import REPO, run_appraise

DOC = (REPO / "docs" / "sensitivity.md").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def commands(text: str) -> list[list[str]]:
    lines = [line.split("#")[0].strip() for block in fenced(text, "sh") for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("appraise sensitivity")]


def test_every_example_command_runs(reference_copy: Path) -> None:
    readme = README[README.index("### sensitivity"):README.index("### scenarios and diff")]
    found = commands(DOC) + commands(readme)
    assert len(found) == 9
    for args in found:
        run = run_appraise(*args, cwd=reference_copy)
        assert run.code == 0, (args, run.err)
    assert (reference_copy / "sensitivity.md").is_file()


def test_the_shown_output_is_what_the_command_prints(reference_copy: Path) -> None:
    markdown = run_appraise("sensitivity", ".", "--format", "markdown", cwd=reference_copy).out
    for line in fenced(DOC, "text")[0].splitlines():
        assert line in markdown
    data = json.loads(run_appraise("sensitivity", ".", "--format", "json", cwd=reference_copy).out)
    shown = fenced(DOC, "json")[0]
    assert str(data["switching"][0]["upper"]) in shown
    assert json.dumps(data["rank_probabilities"]["in-house"]) in shown
    assert f'"preferred_probability": {data["preferred_probability"]}' in shown


def test_every_option_in_the_doc_is_a_real_option() -> None:
    help_text = run_appraise("sensitivity", "--help").out
    documented = set(re.findall(r"^\| `(--[a-z-]+)", DOC, flags=re.MULTILINE))
    assert documented == {"--samples", "--seed", "--weights", "--concentration", "--scores", "--cost-uncertainty",
                          "--format"}
    for option in documented | {"--output", "--scenario", "--criteria"}:
        assert option in help_text, option
    for option in set(re.findall(r"--[a-z][a-z-]*", help_text)) - {"--help"}:  # and the other way round
        assert f"`{option}" in DOC, f"{option} is not documented in docs/sensitivity.md"

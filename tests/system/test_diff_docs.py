"""docs/diff.md's examples, run as written against the reference example."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import REPO, run_appraise
from helpers import GIT_ENV, WORKFLOW, commit, git, steps

from appraisal.load.folder import load
from appraisal.scenario.overlay import apply, read_scenario
from appraisal.scoring.weighted_sum import score

DOC = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    """The fenced code blocks of the doc whose fence names ``language`` ("" for none)."""
    found, current, fence = [], [], None
    for line in DOC.splitlines(keepends=True):
        if fence is None and line.startswith("```"):
            fence, current = line[3:].strip(), []
        elif fence is not None and line.rstrip() == "```":
            if fence == language:
                found.append("".join(current))
            fence = None
        elif fence is not None:
            current.append(line)
    return found


def test_the_typo_scenario_gets_the_errors_shown(reference_copy: Path) -> None:
    scenario = next(b for b in blocks("yaml") if b.startswith("# scenarios/typo.yaml\n"))
    (reference_copy / "scenarios" / "typo.yaml").write_text(scenario, encoding="utf-8")
    command = re.search(r"gets, from `(appraise [^`]+)` \(exit code 2\)", DOC)
    assert command is not None
    run = run_appraise(*shlex.split(command.group(1))[1:], cwd=reference_copy)
    assert run.code == 2
    expected = next(b for b in blocks("") if b.startswith("scenarios/typo.yaml:"))
    assert run.err == expected


def test_what_the_doc_says_the_reference_scenarios_do() -> None:
    def ranked(name: str) -> list[str]:
        result = score(apply(load(REPO), *read_scenario(REPO / "scenarios" / name)))
        return [o.id for o in result.options if o.rank is not None]

    assert ranked("finance-led.yaml")[:2] == ["in-house", "tender-one"]
    assert ranked("stability-first.yaml")[0] == "mixed-economy"
    cost_rise = ranked("in-house-cost-rise.yaml")
    assert cost_rise[0] == "mixed-economy" and "in-house" not in cost_rise


def test_the_diff_commands_run_as_written(reference_copy: Path, tmp_path: Path) -> None:
    upstream = reference_copy
    git(upstream, "-c", "init.defaultBranch=main", "init", "-q")
    commit(upstream, "reference")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), str(clone))
    git(clone, "checkout", "-q", "-b", "my-branch")  # the branch the doc names
    block = next(b for b in blocks("sh") if "appraise diff --against main" in b)
    commands = [line.split("#")[0].strip() for line in block.splitlines()]
    runnable = [c for c in commands if c and "OLD NEW" not in c]
    assert len(runnable) == 4
    for command in runnable:
        run = run_appraise(*shlex.split(command)[1:], cwd=clone, env=GIT_ENV)
        assert run.code == 0, (command, run.err)
        assert "The preferred option" in run.out


def test_the_doc_shows_the_workflow_s_own_diff_command() -> None:
    run = next(s["run"] for s in steps() if "appraise diff" in s.get("run", ""))
    command = next(line.strip() for line in run.splitlines() if line.strip().startswith("appraise diff"))
    assert f"```sh\n{command}\n```" in DOC
    assert WORKFLOW.name in DOC


def test_every_diff_option_is_documented() -> None:
    run = run_appraise("diff", "--help")
    options = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]+)", run.out, re.MULTILINE)) - {"--help"}
    assert options == {"--against", "--to", "--scenario", "--format", "--fail-on", "--output", "--criteria"}
    assert [o for o in sorted(options) if f"`{o}" not in DOC] == []

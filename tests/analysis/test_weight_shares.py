"""Weights are proportions: every command says when they do not add up to 100, and ``diff``
shows each changed weight's share of the whole beside the number written (issue 23).

Hand-computed: weights cost 40, quality 60 (sum 100, so shares 40% and 60%). Changing cost to
30 and quality to 120 (sum 150) gives cost 20.0% and quality 80.0%: "40 → 30" alone would read
as a cut of a quarter in cost's say, when it is a cut of half. Sub-criteria staff and reach
(1 and 1 under quality) are each half of quality's share.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise
from helpers import SCENARIO_CRITERIA as CRITERIA
from helpers import SCENARIO_OPTIONS as OPTIONS

REWEIGHTED = {"name": "Reweighted", "weights": {"cost": 30, "quality": 120}}


def _folder(root: Path, cost: float = 40, quality: float = 60) -> Path:
    criteria: dict[str, Any] = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"], criteria["criteria"][1]["weight"] = cost, quality
    return make_appraisal(root, criteria, OPTIONS, {"reweighted": REWEIGHTED})


def test_diff_json_gives_each_changed_weights_share_on_each_side(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "a")
    run = run_appraise("diff", "--scenario", folder / "scenarios" / "reweighted.yaml", folder, "--format", "json")
    assert run.code == 0, run.err
    weights = {i["path"]: (i["old"], i["new"], i["old_share"], i["new_share"]) for i in json.loads(run.out)["inputs"]}
    assert weights == {
        "criteria.cost.weight": (40, 30, pytest.approx(0.4), pytest.approx(0.2)),
        "criteria.quality.weight": (60, 120, pytest.approx(0.6), pytest.approx(0.8)),
    }


def test_diff_json_adds_no_share_to_other_inputs(tmp_path: Path) -> None:
    old, new = _folder(tmp_path / "old"), _folder(tmp_path / "new")
    text = (new / "options" / "a.yaml").read_text(encoding="utf-8").replace("annual: 600", "annual: 650")
    (new / "options" / "a.yaml").write_text(text, encoding="utf-8")
    run = run_appraise("diff", old, new, "--format", "json")
    assert run.code == 0, run.err
    assert [sorted(i) for i in json.loads(run.out)["inputs"]] == [["file", "line", "new", "old", "path"]]


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_diff_table_and_markdown_show_the_shares(tmp_path: Path, fmt: str) -> None:
    folder = _folder(tmp_path / "a")
    run = run_appraise("diff", "--scenario", folder / "scenarios" / "reweighted.yaml", folder, "--format", fmt)
    assert run.code == 0, run.err
    assert "40 (40.0%)" in run.out and "30 (20.0%)" in run.out
    assert "60 (60.0%)" in run.out and "120 (80.0%)" in run.out


def test_a_sub_criterions_share_is_of_the_whole(tmp_path: Path) -> None:
    """staff 1 → 3 beside reach 1, under quality (60%): 30% → 45% of the whole."""
    old, new = _folder(tmp_path / "old"), _folder(tmp_path / "new")
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["criteria"][0]["weight"] = 3
    make_appraisal(new, criteria, OPTIONS)
    run = run_appraise("diff", old, new, "--format", "json")
    assert run.code == 0, run.err
    (staff,) = json.loads(run.out)["inputs"]
    assert (staff["path"], staff["old_share"], staff["new_share"]) == (
        "criteria.staff.weight", pytest.approx(0.3), pytest.approx(0.45))


WARNED = ("criteria.yaml:{line}:{col}: warning: the top-level weights add up to 120, not 100; they are used as "
          "proportions: cost 40 counts as 33.3%, quality 80 counts as 66.7%")


@pytest.mark.parametrize("command", [["score"], ["report", "--format", "markdown"], ["validate"],
                                     ["diff", "--scenario", "scenarios/reweighted.yaml"]])
def test_every_command_warns_when_the_weights_do_not_add_up_to_100(tmp_path: Path, command: list[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path / "a", 40, 80)
    monkeypatch.chdir(folder)
    run = run_appraise(*command, ".")
    assert run.code == 0, run.err
    warned = [line for line in run.err.splitlines() if "add up to" in line]
    assert warned[0].startswith("criteria.yaml:") and warned[0].split(": ", 1)[1] == WARNED.split(": ", 1)[1]


def test_a_scenarios_weights_are_warned_of_at_the_scenario(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path / "a")
    monkeypatch.chdir(folder)
    run = run_appraise("score", ".", "--scenario", "scenarios/reweighted.yaml")
    assert run.code == 0, run.err
    assert run.err.splitlines() == [
        "scenarios/reweighted.yaml:3:3: warning: the top-level weights add up to 150, not 100; they are used as "
        "proportions: cost 30 counts as 20.0%, quality 120 counts as 80.0%"]


def test_control_weights_adding_up_to_100_are_not_warned_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path / "a")
    monkeypatch.chdir(folder)
    run = run_appraise("score", ".")
    assert (run.code, run.err) == (0, "")


def test_a_scenarios_own_warnings_are_said_when_it_is_applied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text a ' #' cut off as a comment in the scenario file: said by score --scenario, as for any
    other file (it was dropped without a word before)."""
    folder = _folder(tmp_path / "a")
    (folder / "scenarios" / "cut.yaml").write_text("name: Cost-led #2 of 3\nweights: {cost: 50, quality: 50}\n",
                                                   encoding="utf-8")
    monkeypatch.chdir(folder)
    run = run_appraise("score", ".", "--scenario", "scenarios/cut.yaml")
    assert run.code == 0, run.err
    assert [line.split(": warning: ")[0] for line in run.err.splitlines()] == ["scenarios/cut.yaml:1:7"]

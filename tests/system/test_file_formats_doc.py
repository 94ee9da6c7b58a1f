"""docs/file-formats.md is true: its example files form an appraisal that loads, scores and
takes its scenario, and every key the input models accept is named in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, run_appraise
from pydantic import BaseModel

from appraisal.model.criteria import CriteriaFile, Criterion, Gate, Scale, Weighting
from appraisal.model.equality import Equality, EqualitySettings, ImpactEntry
from appraisal.model.finance import Costs, Finance, OptimismBias
from appraisal.model.option import OptionFile, Risk, Score, Supplier
from appraisal.model.panel import Assessment, Panel
from appraisal.model.scenario import Scenario, ScenarioCosts, ScenarioFinance
from appraisal.model.weights import Participant

DOC = (REPO / "docs" / "file-formats.md").read_text(encoding="utf-8")
FILES = dict(re.findall(r"```yaml\n# (\S+)\n(.*?)```", DOC, flags=re.DOTALL))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_examples_are_one_appraisal_of_each_file_kind() -> None:
    assert sorted(FILES) == ["criteria.yaml", "options/close.yaml", "options/in-house.yaml",
                             "options/tender.yaml", "scenarios/cost-led.yaml", "weights/jo-bloggs.yaml"]


def test_the_example_appraisal_validates_without_a_problem(folder: Path) -> None:
    run = run_appraise("validate", folder)
    assert run.code == 0 and run.err == "", run.err
    assert "3 options (2 shortlisted), 1 participant, 1 scenario; 0 warnings" in run.out


def test_the_example_scenario_applies(folder: Path) -> None:
    run = run_appraise("score", folder, "--scenario", folder / "scenarios" / "cost-led.yaml", "--format", "json")
    assert run.code == 0, run.err
    assert '"scenario": "Cost-led weighting"' in run.out


@pytest.mark.parametrize("model", [CriteriaFile, Scale, Criterion, Gate, Finance, OptimismBias, OptionFile,
                                   Costs, Score, Risk, Supplier, Scenario, ScenarioCosts, ScenarioFinance, Panel,
                                   Assessment, Equality, ImpactEntry, EqualitySettings, Participant, Weighting])
def test_every_key_is_documented(model: type[BaseModel]) -> None:
    missing = [key for key in model.model_fields
               if not any(form in DOC for form in (f"`{key}`", f"`{key}:", f"\n{key}:", f" {key}:"))]
    assert not missing, f"{model.__name__}: keys not in docs/file-formats.md: {missing}"

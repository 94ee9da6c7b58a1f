"""criteria.yaml under the NHS Provider Selection Regime (contract section 18): the five key criteria
of regulation 5 must each stand in the tree, by id or by ``key_criterion:``; the process is stated;
neither is accepted outside the regime. Each problem is located, all at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import make_appraisal, run_appraise

from appraisal.load.folder import load
from appraisal.text import vocabulary

KEYS = ["quality_innovation", "value", "integration", "access", "social_value"]


def frame(criteria: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"title": "Health visiting", "regime": "psr", "process": "competitive", "criteria": criteria, **extra}


def by_id(*ids: str) -> list[dict[str, Any]]:
    return [{"id": k, "name": k.replace("_", " ").capitalize(), "weight": 20} for k in ids]


OPTIONS = {"a": {"name": "Provider A", "scores": {k: 3 for k in KEYS}},
           "b": {"name": "Provider B", "scores": {k: 4 for k in KEYS}}}


def errors(run: Any) -> list[str]:
    return [line for line in run.err.splitlines() if ": error: " in line]


def test_five_top_level_criteria_with_the_regulations_ids_are_enough(tmp_path: Path) -> None:
    run = run_appraise("validate", make_appraisal(tmp_path / "a", frame(by_id(*KEYS)), OPTIONS))
    assert run.code == 0, run.err


def test_a_missing_key_criterion_is_located_at_the_criteria_and_named(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", frame(by_id("quality_innovation", "value", "integration")), {
        k: {"name": o["name"], "scores": {c: 3 for c in KEYS[:3]}} for k, o in OPTIONS.items()})
    run = run_appraise("validate", folder)
    assert run.code == 2
    [error] = errors(run)
    assert re.search(r"/a/criteria\.yaml:\d+:1: error: ", error)  # the key 'criteria:', first column
    assert ("the key criteria improving access, reducing health inequalities and facilitating choice (access) and "
            "social value (social_value) are not in the criteria") in error
    assert "regulation 5" in error and "key_criterion: <id>" in error


def test_one_missing_key_criterion_is_named_in_the_singular(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", frame(by_id(*KEYS[:4])), {
        k: {"name": o["name"], "scores": {c: 3 for c in KEYS[:4]}} for k, o in OPTIONS.items()})
    [error] = errors(run_appraise("validate", folder))
    assert "the key criterion social value (social_value) is not in the criteria" in error
    assert "Give it a top-level criterion with that id" in error


def test_key_criterion_stands_for_a_criterion_under_another_id_at_any_level(tmp_path: Path) -> None:
    criteria = [*by_id("quality_innovation", "value", "integration"),
                {"id": "reach", "name": "Reach", "weight": 20, "key_criterion": "access"},
                {"id": "community", "name": "Community", "weight": 20, "criteria": [
                    {"id": "jobs", "name": "Local jobs", "weight": 1, "key_criterion": "social_value"},
                    {"id": "green", "name": "Carbon", "weight": 1}]}]
    scores = {c: 3 for c in ("quality_innovation", "value", "integration", "reach", "jobs", "green")}
    folder = make_appraisal(tmp_path / "a", frame(criteria), {"a": {"name": "A", "scores": scores}})
    run = run_appraise("validate", folder)
    assert run.code == 0, run.err
    found = load(folder).frame.key_criteria()  # the resolver the notices read
    assert {k: c.id for k, c in found.items()} == {
        "quality_innovation": "quality_innovation", "value": "value", "integration": "integration",
        "access": "reach", "social_value": "jobs"}
    assert list(found) == KEYS  # the Regulations' order


def test_a_key_criterion_claimed_twice_and_one_only_nested_are_each_located(tmp_path: Path) -> None:
    criteria = [*by_id("quality_innovation", "value", "integration"),
                {"id": "price", "name": "Price", "weight": 20, "key_criterion": "value"},
                {"id": "people", "name": "People", "weight": 20, "criteria": [
                    {"id": "social_value", "name": "Social value", "weight": 1},
                    {"id": "access", "name": "Access", "weight": 1}]}]
    scores = {c: 3 for c in ("quality_innovation", "value", "integration", "price", "social_value", "access")}
    folder = make_appraisal(tmp_path / "a", frame(criteria), {"a": {"name": "A", "scores": scores}})
    run = run_appraise("validate", folder)
    assert run.code == 2
    found = errors(run)
    assert len(found) == 2
    assert any("'value' already stands for the key criterion value ('value')" in e for e in found)
    missing = next(e for e in found if "are not in the criteria" in e)
    assert "'access' is below the top level, so mark it 'key_criterion: access'" in missing
    assert "'social_value' is below the top level" in missing


def test_the_process_is_required_under_the_regime_and_refused_outside_it(tmp_path: Path) -> None:
    no_process = {k: v for k, v in frame(by_id(*KEYS)).items() if k != "process"}
    run = run_appraise("validate", make_appraisal(tmp_path / "a", no_process, OPTIONS))
    assert run.code == 2 and "say which process was followed" in run.err
    assert "'process: direct_award_c, most_suitable_provider or competitive'" in run.err
    outside = {**frame(by_id(*KEYS)), "regime": "procurement_act"}
    outside["criteria"][0]["key_criterion"] = "quality_innovation"
    run = run_appraise("validate", make_appraisal(tmp_path / "b", outside, OPTIONS))
    assert run.code == 2 and len(errors(run)) == 2
    assert "'process: competitive' is a process of the NHS Provider Selection Regime" in run.err
    assert "'key_criterion: quality_innovation' names a key criterion" in run.err


def test_an_unknown_key_criterion_or_process_lists_the_choices(tmp_path: Path) -> None:
    criteria = by_id(*KEYS)
    criteria[0]["key_criterion"] = "quality"
    run = run_appraise("validate", make_appraisal(tmp_path / "a", frame(criteria, process="open"), OPTIONS))
    assert run.code == 2 and len(errors(run)) == 2
    assert "quality_innovation" in run.err and "most_suitable_provider" in run.err


def test_decision_makers_are_read_and_the_schema_lists_the_key_criteria(tmp_path: Path) -> None:
    award = {"decision_makers": [{"name": "Cabinet Member for Health and Wellbeing", "role": "decided"},
                                 {"name": "Director of Public Health"}]}
    folder = make_appraisal(tmp_path / "a", frame(by_id(*KEYS), award=award), OPTIONS)
    assert run_appraise("validate", folder).code == 0
    makers = load(folder).frame.award.decision_makers  # type: ignore[union-attr]
    assert [(m.name, m.role) for m in makers] == [("Cabinet Member for Health and Wellbeing", "decided"),
                                                   ("Director of Public Health", None)]
    schema = run_appraise("schema", "criteria").out
    assert all(f'"{k}"' in schema for k in KEYS) and "most_suitable_provider" in schema


def test_the_regime_has_its_own_words() -> None:
    words = vocabulary(True, "psr")
    assert (words.option, words.preferred) == ("provider", "most suitable provider")
    assert vocabulary(True).option == "tender" and vocabulary(False).option == "option"
    # under direct award process C the existing provider is awarded again: Schedule 3's "chosen provider"
    assert vocabulary(False, "psr", "direct_award_c").preferred == "chosen provider"
    assert vocabulary(False, "psr", "competitive").preferred == "most suitable provider"


def test_a_direct_award_report_speaks_of_the_chosen_provider(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "a", frame(by_id(*KEYS), process="direct_award_c"),
                            {"a": OPTIONS["a"]})
    report = run_appraise("report", folder)
    assert report.code == 0, report.err
    assert "chosen provider" in report.out.lower() and "most suitable" not in report.out.lower()

"""A weighting workshop's files (weights/, contract section 14): weights filled from the
participants' by the declared rule, and every mistake located, all at once.

Criteria: cost (measured, lower), quality (a parent of staff and access). Expectations worked by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise, write_yaml

CRITERIA: dict[str, Any] = {
    "title": "Weighted by a workshop",
    "weighting": {"combine": "median"},
    "criteria": [
        {"id": "cost", "name": "Cost", "measure": "annual_cost", "direction": "lower"},
        {"id": "quality", "name": "Quality", "criteria": [
            {"id": "staff", "name": "Staff"}, {"id": "access", "name": "Access"}]},
    ],
}
OPTIONS = {
    "a": {"name": "A", "costs": {"annual": 100}, "scores": {"staff": 4, "access": 2}},
    "b": {"name": "B", "costs": {"annual": 200}, "scores": {"staff": 5, "access": 5}},
}
JO = {"name": "Jo", "interests": "None declared", "method": "swing",
      "judgements": {"root": {"cost": 100, "quality": 60}, "quality": {"staff": 100, "access": 100}}}
SAM = {"name": "Sam", "interests": "None declared", "method": "rank",
       "judgements": {"root": ["quality", "cost"], "quality": ["staff", "access"]}}
LEE = {"name": "Lee", "interests": "Chairs the provider forum", "method": "points",
       "judgements": {"root": {"cost": 50, "quality": 50}}}


def folder(tmp_path: Path, people: dict[str, Any], criteria: dict[str, Any] | None = None) -> Path:
    root = make_appraisal(tmp_path / "w", criteria or CRITERIA, OPTIONS)
    for pid, data in people.items():
        write_yaml(root / "weights" / f"{pid}.yaml", data)
    return root


def weights_of(root: Path) -> dict[str, float]:
    run = run_appraise("score", root, "-f", "json")
    assert run.code == 0, run.err
    return {c["id"]: c["weight"] for c in json.loads(run.out)["criteria"]}


def test_missing_weights_are_the_participants_median(tmp_path: Path) -> None:
    # root: Jo swing 100/60 -> 0.625/0.375; Sam rank [quality, cost] ROC -> cost 0.25, quality 0.75;
    # Lee points 50/50 -> 0.5/0.5. Medians: cost 0.5, quality 0.5 (sum 1).
    # quality group: Jo 0.5/0.5; Sam ROC staff 0.75, access 0.25; Lee gave none.
    # Medians of two: staff 0.625, access 0.375. Global: staff 0.3125, access 0.1875.
    got = weights_of(folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE}))
    assert got == pytest.approx({"cost": 0.5, "quality": 0.5, "staff": 0.3125, "access": 0.1875})


def test_given_weights_stay_as_given(tmp_path: Path) -> None:
    criteria = json.loads(json.dumps(CRITERIA))
    criteria["criteria"][0]["weight"], criteria["criteria"][1]["weight"] = 30, 70
    got = weights_of(folder(tmp_path, {"jo": JO, "sam": SAM}, criteria))
    # root given (0.3/0.7); quality's children from the median of Jo (0.5/0.5) and Sam (0.75/0.25)
    assert got == pytest.approx({"cost": 0.3, "quality": 0.7, "staff": 0.7 * 0.625, "access": 0.7 * 0.375})


def test_geometric_takes_the_pairwise_judgements_geometric_mean(tmp_path: Path) -> None:
    criteria = {**CRITERIA, "weighting": {"combine": "geometric"}}
    one = {"name": "One", "interests": "None", "method": "pairwise",
           "judgements": {"root": [["cost", "quality", 2]], "quality": [["staff", "access", 1]]}}
    two = {**one, "name": "Two", "judgements": {"root": [["cost", "quality", 8]],
                                                "quality": [["staff", "access", "1/3"]]}}
    got = weights_of(folder(tmp_path, {"one": one, "two": two}, criteria))
    # root: sqrt(2 x 8) = 4 -> 4/5, 1/5; quality: sqrt(1 x 1/3) = 0.57735 -> 0.57735/1.57735
    staff = 3 ** -0.5 / (1 + 3 ** -0.5)
    assert got == pytest.approx({"cost": 0.8, "quality": 0.2, "staff": 0.2 * staff, "access": 0.2 * (1 - staff)})


def test_mistakes_are_located_all_at_once(tmp_path: Path) -> None:
    bad = {"name": "Bad", "interests": "None", "method": "swing",
           "judgements": {"root": {"cost": 100, "qualty": 60}, "quality": {"staff": 100, "access": -5},
                          "nowhere": {"cost": 1}}}
    pair = {"name": "Pair", "interests": "None", "method": "pairwise",
            "judgements": {"root": [["cost", "quality", 12]], "quality": [["staff", "access", 2],
                                                                         ["access", "staff", 3]]}}
    root = folder(tmp_path, {"bad": bad, "pair": pair})
    run = run_appraise("validate", root)
    assert run.code == 2
    errors = [line for line in run.err.splitlines() if ": error: " in line]
    expected = [
        "'qualty' is not a criterion of this group (cost and quality) (did you mean 'quality'?)",
        "judge every criterion of the group, or leave the group out: quality is missing",
        "the weight given to 'access' must be a number above 0, not -5",
        "'nowhere' is not a group of criteria",
        "the ratio 12 is not on Saaty's scale",
        "'access' and 'staff' are compared twice (first in item 1): keep one",
    ]
    for text in expected:
        assert any(text in e for e in errors), (text, errors)
    assert all(e.startswith(("weights/bad.yaml:", "weights/pair.yaml:")) or "/weights/" in e for e in errors), errors
    assert len(errors) == len(expected), errors


def test_a_weight_left_out_without_a_rule_is_an_error(tmp_path: Path) -> None:
    criteria = {k: v for k, v in CRITERIA.items() if k != "weighting"}
    run = run_appraise("validate", folder(tmp_path, {}, criteria))
    assert run.code == 2
    assert "criteria.yaml:3:3: error: missing required key 'weight': give the criterion a weight, or, to take it " \
           "from a weighting workshop's files in weights/, say in criteria.yaml how they are combined: " \
           "weighting: {combine: median}" in run.err
    assert "Traceback" not in run.err


def test_an_inconsistent_pairwise_group_is_a_warning(tmp_path: Path) -> None:
    criteria = json.loads(json.dumps(CRITERIA))
    criteria["criteria"].append({"id": "risk", "name": "Risk"})
    for option in OPTIONS.values():
        option["scores"]["risk"] = 3
    cycle = {"name": "Cyc", "interests": "None", "method": "pairwise",
             "judgements": {"root": [["cost", "quality", 9], ["quality", "risk", 9], ["risk", "cost", 9]],
                            "quality": [["staff", "access", 1]]}}
    try:
        run = run_appraise("validate", folder(tmp_path, {"cyc": cycle}, criteria))
    finally:
        for option in OPTIONS.values():
            option["scores"].pop("risk")
    assert run.code == 0, run.err
    assert "warning: these pairwise judgements are inconsistent: their consistency ratio is" in run.err


def test_the_weights_command_shows_each_participant_the_combined_the_agreed_and_the_spread(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    run = run_appraise("weights", root, "-f", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    people = {p["id"]: p for p in data["participants"]}
    assert list(people) == ["jo", "lee", "sam"]
    # Jo: root 0.625/0.375, quality 0.5/0.5 -> staff 0.1875, access 0.1875
    assert people["jo"]["weights"] == pytest.approx({"cost": 0.625, "quality": 0.375, "staff": 0.1875,
                                                     "access": 0.1875})
    assert people["jo"]["consistency"] == {"root": None, "quality": None}
    # Lee judged only the top level: staff and access have no global weight of Lee's
    assert people["lee"]["weights"] == pytest.approx({"cost": 0.5, "quality": 0.5})
    assert people["sam"]["rule"] == "roc" and people["jo"]["rule"] is None
    assert data["combined"]["rule"] == "median"
    assert data["combined"]["weights"] == pytest.approx({"cost": 0.5, "quality": 0.5, "staff": 0.3125,
                                                         "access": 0.1875})
    assert data["agreed"] == pytest.approx(data["combined"]["weights"])
    assert data["filled"] == ["access", "cost", "quality", "staff"]
    # cost: Jo 0.625, Sam 0.25, Lee 0.5; staff: Jo 0.1875, Sam 0.75 x 0.75 = 0.5625
    assert data["spread"]["cost"] == pytest.approx({"min": 0.25, "max": 0.625})
    assert data["spread"]["staff"] == pytest.approx({"min": 0.1875, "max": 0.5625})
    table = run_appraise("weights", root)
    assert table.code == 0 and "Jo" in table.out and "62.5%" in table.out and "(filled)" in table.out
    assert "3 participants weighed the criteria" in table.out
    markdown = run_appraise("weights", root, "-f", "markdown")
    assert markdown.out.startswith("# Weights: Weighted by a workshop") and "| Cost |" in markdown.out


def test_more_mistakes_are_located_in_the_officers_words(tmp_path: Path) -> None:
    undeclared = {"name": "Una", "method": "points", "judgements": {"root": {"cost": 1, "quality": 1}}}
    ruled = {"name": "Rae", "interests": "None", "method": "swing", "rule": "roc",
             "judgements": {"root": {"cost": 100, "quality": 50}}}
    selfish = {"name": "Sol", "interests": "None", "method": "pairwise",
               "judgements": {"root": [["cost", "cost", 3]], "qualty": [["staff", "access", 2]]}}
    root = folder(tmp_path, {"una": undeclared, "rae": ruled, "sol": selfish})
    run = run_appraise("validate", root)
    assert run.code == 2 and "Traceback" not in run.err and run.out == ""
    errors = sorted(line.split("/weights/")[-1] for line in run.err.splitlines() if ": error: " in line)
    assert errors == sorted([
        "rae.yaml:4:7: error: 'rule' chooses how a rank order becomes weights, so it goes with 'method: rank', "
        "not 'swing': remove it",
        "sol.yaml:6:5: error: 'cost' is compared with itself: compare two different criteria",
        "sol.yaml:9:3: error: 'qualty' is not a group of criteria: judge 'root' (the top-level criteria) or a "
        "criterion with sub-criteria (quality) (did you mean 'quality'?)",
        "una.yaml:1:1: error: no declaration of interests: add 'interests:' with what this participant declared "
        "(write 'interests: None declared' if there was nothing to declare)",
    ]), run.err


def test_scaling_a_participants_points_changes_nothing(tmp_path: Path) -> None:
    scaled = {**LEE, "judgements": {"root": {"cost": 50 * 7.5, "quality": 50 * 7.5}}}
    assert weights_of(folder(tmp_path / "one", {"jo": JO, "sam": SAM, "lee": LEE})) == pytest.approx(
        weights_of(folder(tmp_path / "two", {"jo": JO, "sam": SAM, "lee": scaled})))


def test_weights_against_the_participants_own_ranking_are_a_warning(tmp_path: Path) -> None:
    # Jo ranked quality's swing above cost's, then rated cost 100 and quality 60
    jo = {**JO, "order": {"root": ["quality", "cost"]}}
    run = run_appraise("validate", folder(tmp_path, {"jo": jo, "sam": SAM}))
    assert run.code == 0, run.err
    warning = next(line for line in run.err.splitlines() if "ranked" in line)
    assert warning.split("/weights/")[-1] == (
        "jo.yaml:5:3: warning: Jo ranked 'quality' above 'cost' but gave 'cost' more weight (62.5% against 37.5%): "
        "check which they meant")
    # in the order she rated them, nothing is said
    ordered = {**JO, "order": {"root": ["cost", "quality"]}}
    again = run_appraise("validate", folder(tmp_path / "two", {"jo": ordered, "sam": SAM}))
    assert "ranked" not in again.err


def test_an_order_that_misses_a_criterion_is_an_error(tmp_path: Path) -> None:
    jo = {**JO, "order": {"root": ["quality"]}}
    run = run_appraise("validate", folder(tmp_path, {"jo": jo, "sam": SAM}))
    assert run.code == 2
    assert "error: the order of 'root' must list each of its criteria once: cost and quality" in run.err


def test_every_output_says_which_weights_were_filled(tmp_path: Path) -> None:
    """vfm and sensitivity say so too, not only score and the report (contract section 14)."""
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    for command in (("vfm", "--against", "next-cheapest"), ("sensitivity", "--samples", "20")):
        for shown in ("table", "markdown"):
            run = run_appraise(*command, root, "-f", shown)
            assert run.code == 0, run.err
            assert "Not agreed in the criteria file: 4 weights are the median" in run.out, (command, shown)
        data = json.loads(run_appraise(*command, root, "-f", "json").out)
        assert data["filled_weights"] == ["cost", "quality", "staff", "access"]


def test_a_second_file_for_one_participant_is_refused_not_read_over_the_first(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    write_yaml(root / "weights" / "jo.yml", SAM)
    run = run_appraise("score", root)
    assert run.code == 2
    assert "jo.yml:1:1: error: participant 'jo' already has a file" in run.err and "jo.yaml: keep one" in run.err

"""Tender evaluations: suppliers on options, thresholds on criteria, and tender wording (docs/tenders.md)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from conftest import run_appraise
from tenders_case import CRITERIA, OPTIONS, folder, scored


def test_a_score_below_the_threshold_disqualifies_the_tender_by_hand(tmp_path: Path) -> None:
    result = scored(folder(tmp_path / "t"))
    got = {o["id"]: (o["rank"], round(o["total"], 6), o["failed_gates"]) for o in result["options"]}
    assert got == {"gamma": (1, 86.0, []), "alpha": (2, 78.0, []), "beta": (None, 76.0, ["threshold:method"])}
    assert result["preferred"] == "gamma"


def test_without_the_threshold_the_cheapest_tender_sets_the_price_and_is_ranked(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    del criteria["criteria"][1]["criteria"][0]["threshold"]
    result = scored(folder(tmp_path / "t", criteria=criteria))
    # best price 80: alpha 24 + 24 + 24 = 72; gamma 30 x 0.64 + 30 + 32 = 81.2; beta 76
    got = {o["id"]: (o["rank"], round(o["total"], 6)) for o in result["options"]}
    assert got == {"gamma": (1, 81.2), "beta": (2, 76.0), "alpha": (3, 72.0)}


def test_a_score_equal_to_the_threshold_passes(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["beta"]["scores"]["method"]["score"] = 2
    result = scored(folder(tmp_path / "t", options))
    assert next(o for o in result["options"] if o["id"] == "beta")["failed_gates"] == []


def test_the_threshold_gate_is_named_in_the_score_table_and_the_report(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    table = run_appraise("score", root)
    assert table.code == 0, table.err
    header = table.out.splitlines()[2]
    assert header.split()[:3] == ["Rank", "Tender", "Total"]
    assert "failed: Threshold on Method statement…" in table.out  # the gate by name, shortened on a terminal
    report = run_appraise("report", root, "--format", "markdown")
    assert report.code == 0, report.err
    assert "Threshold on Method statement (at least 2)" in report.out
    assert "Threshold: Method statement" in report.out  # the method section's list of gates


def test_without_suppliers_the_table_still_speaks_of_options(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    table = run_appraise("score", folder(tmp_path / "t", options))
    assert table.out.splitlines()[2].split()[:3] == ["Rank", "Option", "Total"]


@pytest.mark.parametrize("suppliers", [True, False])
def test_the_report_speaks_of_tenders_only_in_a_tender_evaluation(tmp_path: Path, suppliers: bool) -> None:
    options = copy.deepcopy(OPTIONS)
    if not suppliers:
        for o in options.values():
            del o["supplier"]
    root = folder(tmp_path / "t", options)
    for fmt, header in (("markdown", "| Rank | {} | Total (of 100) |"),
                        ("html", '<th scope="col" class="num">Rank</th><th scope="col">{}</th>')):
        run = run_appraise("report", root, "--format", fmt)
        assert run.code == 0, run.err
        noun, nouns = ("Tender", "tenders") if suppliers else ("Option", "options")
        assert header.format(noun) in run.out
        assert f"Summary of the {nouns}" in run.out
        assert ("The tenders assessed" if suppliers else "The shortlisted options") in run.out


def test_a_tender_evaluation_is_not_asked_for_a_baseline_or_do_minimum(tmp_path: Path) -> None:
    run = run_appraise("validate", folder(tmp_path / "t"))
    assert run.code == 0, run.err
    assert "warning" not in run.err
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    run = run_appraise("validate", folder(tmp_path / "o", options))
    assert "baseline: true" in run.err and "do_minimum" in run.err


def test_a_threshold_on_a_parent_or_outside_the_scale_is_refused(tmp_path: Path) -> None:
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["threshold"] = 2
    run = run_appraise("validate", folder(tmp_path / "p", criteria=criteria))
    assert run.code == 2
    assert "criteria.yaml:" in run.err and "applies to a judged score" in run.err
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["criteria"][0]["scale"] = {"min": 0, "max": 3}
    criteria["criteria"][1]["criteria"][0]["threshold"] = 4
    run = run_appraise("validate", folder(tmp_path / "s", criteria=criteria))
    assert run.code == 2 and "threshold 4 of 'method' lies outside its scale, 0 to 3" in run.err
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][1]["criteria"][0]["threshold"] = 6  # the default scale is 0 to 5
    run = run_appraise("validate", folder(tmp_path / "d", criteria=criteria))
    assert run.code == 2
    assert re.search(r"criteria\.yaml:\d+:\d+: error: the threshold 6 of 'method' lies outside its scale, 0 to 5",
                     run.err)

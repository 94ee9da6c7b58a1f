"""The report's section on how a panel reached the scores, and the report's provenance of it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from helpers import axe_source, axe_violations, browser, open_page, render  # noqa: F401 - fixtures

from appraisal.load.folder import load
from appraisal.report import build_context, provenance
from appraisal.report.provenance import check_command, digest_of
from appraisal.scoring.weighted_sum import score

SMALL = REPO / "tests" / "data" / "panel-small"


def section(folder: Path) -> dict[str, object] | None:
    context = build_context(score(load(folder)), provenance(digest_of("c", b""), []))
    data: dict[str, object] | None = context["section"].get("panel")
    return data


def test_the_section_names_the_panel_the_divergences_and_how_they_were_resolved() -> None:
    data = section(SMALL)
    assert data is not None
    assert [(a["name"], a["interests"], a["scored"], a["offset"]) for a in data["assessors"]] == [
        ("Ann Able", "None declared", 4, "+0.16"),
        ("Bob Best", "Former employee of the Alpha provider (left 2019)", 4, "-0.08"),
        ("Cat Cole", "None declared", 3, "-0.18"),
        ("Dan Dee", "None declared", 2, "+0.04"),
    ]
    assert data["scored_items"] == 4
    assert [(d["option"], d["criterion"], d["scores"], d["agreed"], d["moderation"]) for d in data["divergent"]] == [
        ("Alpha", "Quality", "Ann Able 8, Bob Best 6, Cat Cole 4, Dan Dee 5", "6",
         "Bob's view of the staffing plan prevailed."),
        ("Beta", "Access", "Ann Able 4, Bob Best 1, Cat Cole 2, Dan Dee 3", "2", "No moderation note was recorded."),
    ]
    assert [(d["option"], d["criterion"], d["flags"]) for d in data["concerns"]] == [
        ("Beta", "Quality", "outside, unexplained"), ("Beta", "Access", "divergent, unexplained")]
    assert data["filled"] == []
    assert data["dependence"].endswith("the preferred option is still Alpha: it does not depend on whose view "
                                       "prevails.")


def test_the_section_says_when_one_assessors_view_would_change_the_preferred_option(tmp_path: Path) -> None:
    folder = tmp_path / "panel"
    shutil.copytree(SMALL, folder)
    ann = folder / "assessments" / "ann.yaml"
    ann.write_text("name: Ann Able\ninterests: None declared\nscores:\n"
                   "  alpha: {quality: 0, access: 0}\n  beta: {quality: 10, access: 4}\n", encoding="utf-8")
    # with Ann's scores: alpha 40 + 0 + 0 = 40, beta 0 + 30 + 30 = 60; with the others' alpha stays ahead
    data = section(folder)
    assert data is not None
    assert data["dependence"] == (
        "The preferred option depends on whose view prevails. With each assessor's own scores in place of the "
        "agreed ones (where they gave one): with Ann Able's scores it would be Beta; with Bob Best's, Cat Cole's "
        "and Dan Dee's it stays Alpha.")  # people by name, never 'the other assessors'


def test_no_panel_no_section() -> None:
    assert section(REPO / "tests" / "data" / "report-small") is None


def test_the_report_shows_the_section_in_both_formats_and_digests_the_assessors_files(tmp_path: Path) -> None:
    md = run_appraise("report", SMALL).out
    assert "## How the scores were reached" in md
    assert md.index("## Scoring matrix") < md.index("## How the scores were reached") < md.index("## The shortlisted "
                                                                                                 "options")
    assert "| Bob Best |  | Former employee of the Alpha provider (left 2019) | 4 | -0.08 |" in md
    assert "The panel's scores diverged on 2 of the 4 items scored." in md
    html = run_appraise("report", SMALL, "--format", "html").out
    assert 'id="panel"' in html and "Bob&#39;s view of the staffing plan prevailed." in html
    for name in ("assessments/ann.yaml", "assessments/dan.yaml", "options/alpha.yaml"):
        digest = hashlib.sha256((SMALL / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in md
    assert "LC_ALL=C sha256sum criteria.yaml assessments/*.yaml options/*.yaml | sha256sum" in md


def test_the_digest_command_globs_each_folder_when_that_keeps_the_order() -> None:
    assert check_command("criteria.yaml", ["assessments/a.yaml", "options/b.yaml"], None) == \
        "LC_ALL=C sha256sum criteria.yaml assessments/*.yaml options/*.yaml | sha256sum"
    assert check_command("criteria.yaml", ["a/x.yaml", "b/y.yaml", "a/z.yaml"], None) == \
        "LC_ALL=C sha256sum criteria.yaml a/x.yaml b/y.yaml a/z.yaml | sha256sum"


def test_a_median_panel_lists_the_filled_scores_in_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "panel"
    shutil.copytree(SMALL, folder)
    beta = folder / "options" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("  access: {score: 2, rationale: One site}\n", ""),
                    encoding="utf-8")
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8") + "panel: {agreement: median}\n", encoding="utf-8")
    data = section(folder)
    assert data is not None
    assert [(d["option"], d["criterion"], d["scores"]) for d in data["filled"]] == [
        ("Beta", "Access", "Ann Able 4, Bob Best 1, Cat Cole 2, Dan Dee 3")]
    md = run_appraise("report", folder).out
    assert "Not moderated: these scores are the median of the assessors' scores, not agreed by the panel:" in md



@pytest.mark.browser
def test_the_panel_section_meets_wcag_22_aa_in_a_browser(browser: Any, axe_source: str, tmp_path: Path) -> None:  # noqa: F811
    html = render(REPO / "examples" / "lincolnshire-early-years", tmp_path / "appendix.html")
    context, page, outside = open_page(browser, html)
    assert page.evaluate("document.querySelectorAll('#panel table').length") == 2
    assert axe_violations(page, axe_source) == [] and outside == []
    assert page.evaluate("[...document.querySelectorAll('#panel th')].every(th => th.hasAttribute('scope'))")
    context.close()

"""Equality impact of each option (contract section 16, docs/equality.md): checked, located,
shown beside the scores in every output, never folded into the total."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
from conftest import make_appraisal, run_appraise

from appraisal.model.equality import CHARACTERISTICS

CRITERIA: dict[str, Any] = {
    "title": "Equality test", "date": dt.date(2017, 3, 14),
    "criteria": [{"id": "quality", "name": "Quality", "weight": 100}],
}


def impacts(**special: dict[str, Any]) -> dict[str, Any]:
    return {k: special.get(k, {"impact": "neutral"}) for k in CHARACTERISTICS}


def option(name: str, score: int, **special: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "scores": {"quality": {"score": score, "rationale": "r"}},
            "equality": {"assessed": dt.date(2017, 2, 20), "by": "Equalities officer", "impacts": impacts(**special)}}


NEGATIVE = {"impact": "negative", "note": "Two sites lose step-free access.", "mitigation": "Outreach at the others.",
            "residual": "negative"}
OPTIONS = {
    "alpha": option("Alpha", 4, disability=NEGATIVE),
    "beta": option("Beta", 3),
}


def folder(tmp_path: Path, options: dict[str, Any] | None = None, criteria: dict[str, Any] | None = None) -> Path:
    return make_appraisal(tmp_path / "e", criteria or CRITERIA, options or OPTIONS)


def test_impacts_are_beside_the_scores_not_in_them(tmp_path: Path) -> None:
    root = folder(tmp_path)
    data = json.loads(run_appraise("score", root, "-f", "json").out)
    alpha = next(o for o in data["options"] if o["id"] == "alpha")
    assert alpha["total"] == 80 and alpha["rank"] == 1  # 4 of 5: the impact does not touch the total
    assert alpha["equality"]["disability"] == "negative" and alpha["equality"]["age"] == "neutral"
    assert len(alpha["equality"]) == 9


def test_the_report_shows_impacts_in_words_and_names_the_preferred_options_gap(tmp_path: Path) -> None:
    root = folder(tmp_path)
    markdown = run_appraise("report", root).out
    section = markdown.split("## Equality impacts", 1)[1].split("\n## ", 1)[0]
    assert "| Disability | Negative | Neutral |" in section
    assert "Outreach at the others." in section
    assert "section 149" in section
    # the recommendation: Alpha, preferred, leaves a negative impact Beta does not
    recommendation = markdown.split("## Recommendation", 1)[1].split("\n## ", 1)[0]
    assert "Alpha leaves a negative impact on disability after mitigation, which Beta does not." in recommendation
    html = run_appraise("report", root, "-f", "html").out
    assert '<td class="impact impact-negative">Negative</td>' in html  # colour adds to the word


def test_in_word_each_impact_is_shaded_and_in_words_and_the_section_says_what_markdown_says(tmp_path: Path) -> None:
    root = folder(tmp_path, {**OPTIONS, "gamma": option("Gamma", 2, age={"impact": "positive"},
                                                        sex={"impact": "unknown"})})
    out = tmp_path / "appendix.docx"
    assert run_appraise("report", root, "--output", out).code == 0
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    shaded = set(re.findall(r'<w:shd [^>]*w:fill="([0-9A-F]{6})"[^>]*/></w:tcPr><w:p>'
                            r"(?:(?!</w:p>).)*?<w:t[^>]*>([^<]*)</w:t>", body))
    fills = {word: {fill for fill, said in shaded if said == word} for word in ("Negative", "Positive", "Not known")}
    assert all(len(f) == 1 for f in fills.values()), fills  # each impact its own colour, with its word
    assert len(set().union(*fills.values())) == 3
    assert not any(said == "Neutral" for _, said in shaded)  # a neutral impact is left plain
    document = docx.Document(str(out))
    text = " ".join(" ".join(p.text.split()) for p in document.paragraphs)
    markdown = " ".join(run_appraise("report", root).out.split("## Equality impacts", 1)[1]
                        .split("\n## ", 1)[0].split())
    for said in ("These impacts are shown beside the scores, not added into them.",
                 "Negative impacts and how each would be mitigated:", "What the committee must consider."):
        assert said in text and said.replace("What the", "**What the") in markdown.replace("** ", "** ")
    rows = {tuple(c.text for c in row.cells) for t in document.tables for row in t.rows}
    assert ("Disability", "Negative", "Neutral", "Neutral") in rows
    assert ("Alpha", "Disability", "Two sites lose step-free access.", "Outreach at the others.", "negative") in rows


def test_a_mitigated_impact_is_no_gap(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["equality"]["impacts"]["disability"]["residual"] = "neutral"
    markdown = run_appraise("report", folder(tmp_path, options)).out
    assert "Negative; neutral once mitigated" in markdown
    assert "leaves a negative impact" not in markdown


def test_mistakes_are_located_all_at_once(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    del options["beta"]["equality"]["impacts"]["race"]
    options["beta"]["equality"]["impacts"]["ethnicity"] = {"impact": "neutral"}
    options["alpha"]["equality"]["impacts"]["disability"] = {"impact": "negative"}
    options["gamma"] = {"name": "Gamma", "scores": {"quality": 2}}
    run = run_appraise("validate", folder(tmp_path, options))
    assert run.code == 2
    errors = [line.split("/e/", 1)[-1] for line in run.err.splitlines() if ": error: " in line]
    assert any(e.startswith("options/alpha.yaml:") and "a negative impact on disability needs 'mitigation:'" in e
               for e in errors), errors
    assert any(e.startswith("options/beta.yaml:") and "'ethnicity' is not a protected characteristic" in e
               for e in errors), errors
    assert any(e.startswith("options/beta.yaml:") and "leave out Race (race)" in e for e in errors), errors
    assert any(e.startswith("options/gamma.yaml:1:1:") and "'gamma' has no 'equality:', but alpha and beta have"
               in e for e in errors), errors


def test_unknown_impacts_and_late_assessments_are_warnings(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["beta"]["equality"]["impacts"]["race"] = {"impact": "unknown"}
    options["beta"]["equality"]["assessed"] = dt.date(2017, 4, 1)
    run = run_appraise("validate", folder(tmp_path, options))
    assert run.code == 0, run.err
    assert "warning: the impact on race is unknown" in run.err
    late = "warning: the equality impacts were assessed on 2017-04-01, after the appraisal's date (2017-03-14)"
    assert late in run.err


def test_a_councils_groups_are_required_too(tmp_path: Path) -> None:
    criteria = {**CRITERIA, "equality": {"groups": ["carers"]}}
    run = run_appraise("validate", folder(tmp_path, criteria=criteria))
    assert run.code == 2 and "leave out Carers (carers)" in run.err


def test_the_equality_gate_fails_an_option_left_with_a_negative_impact(tmp_path: Path) -> None:
    criteria = {**CRITERIA, "equality": {"gate": True}}
    data = json.loads(run_appraise("score", folder(tmp_path, criteria=criteria), "-f", "json").out)
    alpha = next(o for o in data["options"] if o["id"] == "alpha")
    assert alpha["rank"] is None and alpha["failed_gates"] == ["equality_impact"]
    assert data["preferred"] == "beta"


def test_diff_and_scenarios_see_changed_impacts(tmp_path: Path) -> None:
    root = folder(tmp_path)
    scenario = root / "scenarios" / "mitigated.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Mitigated\nequality: {alpha: {disability: {impact: negative, mitigation: Lift, "
                        "residual: neutral}}}\n", encoding="utf-8")
    data = json.loads(run_appraise("score", root, "--scenario", scenario, "-f", "json").out)
    assert next(o for o in data["options"] if o["id"] == "alpha")["equality"]["disability"] == "neutral"
    diff = run_appraise("diff", "--scenario", scenario, root)
    assert diff.code == 0, diff.err
    assert "Alpha: equality impact on disability" in diff.out

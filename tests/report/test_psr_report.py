"""Under ``regime: psr`` every output speaks the regime's words (provider, most suitable provider,
key criteria), and the report shows which criterion stands for each key criterion of regulation 5,
the process followed and why the record matters (contract section 18, docs/psr.md)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import REPO, make_appraisal, run_appraise

EXAMPLE = REPO / "examples" / "worcestershire-health-visiting-psr"
REGULATIONS_NAMES = ["Quality and innovation", "Value", "Integration, collaboration and service sustainability",
                     "Improving access, reducing health inequalities and facilitating choice", "Social value"]


def report(folder: Path, tmp_path: Path, fmt: str = "markdown") -> str:
    out = tmp_path / f"report.{'md' if fmt == 'markdown' else fmt}"
    run = run_appraise("report", folder, "--format", fmt, "--output", out)
    assert run.code == 0, run.err
    return out.read_text(encoding="utf-8")


class _Visible(HTMLParser):
    """The text of an HTML page a reader sees: no markup, style sheet or attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def words_of_other_regimes(text: str) -> list[str]:
    """'tender', 'supplier', 'option' and 'preferred' as a reader sees them (file names such as options/x.yaml
    are not read as words, nor HTML's markup)."""
    if text.startswith("<!DOCTYPE html>"):
        page = _Visible()
        page.feed(text)
        text = " ".join(page.parts)
    text = re.sub(r"options/\S+", "", text)
    return re.findall(r"\b(?:tenders?|suppliers?|options?|preferred)\b", text, re.IGNORECASE)


def test_the_examples_report_reads_in_the_regimes_words(tmp_path: Path) -> None:
    for fmt in ("markdown", "html"):
        text = report(EXAMPLE, tmp_path, fmt)
        assert words_of_other_regimes(text) == [], fmt
        assert "Most suitable provider" in text
    text = report(EXAMPLE, tmp_path)
    for title in ("## The Provider Selection Regime", "## Summary of the providers", "## The providers assessed",
                  "## Providers not taken forward"):
        assert title in text
    assert "following the competitive process (regulation 11)" in text
    assert "Why this process: The four current contracts end" in text  # award.process_reason
    assert "Decided by: Cabinet Member with Responsibility for Health and Wellbeing (took the award decision)" in text
    assert "Why the record matters." in text and "regulation 24" in text


def test_the_key_criteria_table_names_the_criterion_for_each(tmp_path: Path) -> None:
    keys = ["quality_innovation", "value", "integration"]
    criteria: dict[str, Any] = {
        "title": "Sexual health service", "regime": "psr", "process": "most_suitable_provider",
        "gates": [{"id": "standing", "name": "Economic and financial standing"}],
        "criteria": [*({"id": k, "name": k.title(), "weight": 20} for k in keys),
                     {"id": "reach", "name": "Reach and equity", "weight": 20, "key_criterion": "access"},
                     {"id": "community", "name": "Community", "weight": 20, "criteria": [
                         {"id": "green", "name": "Carbon", "weight": 3},
                         {"id": "jobs", "name": "Local jobs", "weight": 1, "key_criterion": "social_value"}]}]}
    scores = {c: 3 for c in (*keys, "reach", "green", "jobs")}
    options = {"a": {"name": "Provider A", "scores": scores, "gates": {"standing": True}},
               "b": {"name": "Provider B", "scores": {**scores, "reach": 4}, "gates": {"standing": False}}}
    text = report(make_appraisal(tmp_path / "a", criteria, options), tmp_path)
    section = text[text.index("## The Provider Selection Regime"):]
    section = section[:section.index("\n## ", 5)]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    # the Regulations' order and names; each with the criterion that stands for it, its ref and share of the whole
    assert rows == [
        "| Quality and innovation | 1 | Quality_Innovation | 20.0% |",
        "| Value | 2 | Value | 20.0% |",
        "| Integration, collaboration and service sustainability | 3 | Integration | 20.0% |",
        "| Improving access, reducing health inequalities and facilitating choice | 4 | Reach and equity | 20.0% |",
        "| Social value | 5.2 | Local jobs | 5.0% |",  # a quarter of Community's 20%
    ]
    assert "following the most suitable provider process (regulation 10)" in section
    assert "give the reasons in criteria.yaml as award.process_reason" in section  # none given: said so
    assert "The basic selection criteria are the gates: Economic and financial standing." in section
    assert [name for name in REGULATIONS_NAMES if name in section] == REGULATIONS_NAMES


def test_no_regime_section_outside_the_regime(tmp_path: Path) -> None:
    text = report(REPO / "examples" / "childrens-centre-tender", tmp_path)
    assert "Provider Selection Regime" not in text and "## Summary of the tenders" in text


def test_value_for_money_and_the_moderation_pack_say_provider() -> None:
    vfm = run_appraise("vfm", EXAMPLE)
    assert vfm.code == 0, vfm.err
    assert vfm.out.splitlines()[3].startswith("Provider ") and "Cheapest provider first" in vfm.out
    panel = run_appraise("panel", EXAMPLE, "--format", "markdown")
    assert panel.code == 0, panel.err
    assert words_of_other_regimes(panel.out) == []
    assert "| Provider |" in panel.out


def test_the_scoresheet_asks_for_interests_in_the_providers_and_their_partners(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "sheet.xlsx"
    run = run_appraise("scoresheet", EXAMPLE, "--assessor", "natarajan", "--output", out)
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(out)
    shown = [v for sheet in book if sheet.sheet_state == "visible"
             for row in sheet.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert any("any interest in the providers or their partners and subcontractors" in v for v in shown)
    assert words_of_other_regimes(" ".join(shown)) == []


def test_the_example_has_notices_and_a_disclosure_pack_to_draft(tmp_path: Path) -> None:
    """The worked example holds what the regime's documents need: both notices draft, and a provider's
    disclosure pack has each evaluator's comments for it and the selected provider, nothing of the third."""
    for kind in ("psr-intention", "psr-record"):
        run = run_appraise("notice", EXAMPLE, "--type", kind)
        assert run.code == 0, run.err
    run = run_appraise("disclosure", EXAMPLE, "--provider", "severnside", "--output-dir", tmp_path / "pack")
    assert run.code == 0, run.err
    pack = (tmp_path / "pack" / "severnside-disclosure.md").read_text(encoding="utf-8")
    # Helen Ashdown's comment on Severnside (she did not score the selected provider: her conflict)
    assert "| Helen Ashdown | 3 of 5, Satisfactory | All contacts covered, but the antenatal offer" in pack
    assert "| Mark Ellison | 5 of 5, Excellent | One contract, one pathway and a monthly partnership board" in pack
    assert "Teme" not in pack and "temevalley" not in pack

"""``appraise report`` through the command line: contents worked out by hand, formats,
determinism, provenance, scenarios, large appraisals and bad input.

tests/data/report-small is scored by hand (README.md, Scoring rules): global weights are cost 0.4,
access 0.6 x 1/4 = 0.15 and reach 0.6 x 3/4 = 0.45. Gamma's annual cost (1,200) exceeds the
budget (1,000), so cost is scaled over Alpha (800, value 1) and Beta (900, value 0):

    Alpha  40 + 15 x 4/4 + 45 x 2/4 = 77.50   ranked 1
    Beta    0 + 15 x 2/4 + 45 x 4/4 = 52.50   ranked 2, the baseline
    Gamma   0 + 15       + 45       = 60.00   not ranked: fails within_budget
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, make_appraisal, run_appraise, spawn_appraise

SMALL = REPO / "tests" / "data" / "report-small"


def small_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "small"
    shutil.copytree(SMALL, dest)
    return dest


def report(*args: str | Path, cwd: Path | None = None) -> str:
    run = run_appraise("report", *args, cwd=cwd)
    assert run.code == 0, run.err
    assert run.err == ""
    return run.out


@pytest.fixture(scope="module")
def small_md() -> str:
    """The Markdown report of tests/data/report-small, rendered once for the tests that only read it."""
    return report(SMALL)


def test_markdown_heading_and_recommendation(small_md: str) -> None:
    out = small_md
    assert out.startswith("# Library service options\n\n- **Organisation:** Example Borough Council\n"
                          "- **Date:** 1 May 2024\n- **Decision sought:** How to run the library service "
                          "from April 2025\n\n## Recommendation\n")
    assert "**Preferred option: Alpha** (77.50 points out of 100, 25.00 ahead of the runner-up)" in out
    assert ("The preferred option is Alpha, with 77.50 points out of 100: 25.00 points ahead of the "
            "runner-up, Beta (52.50).") in out
    assert "- Gamma (60.00 points) fails: Within budget" in out


def test_sections_come_in_the_order_the_issue_sets(small_md: str) -> None:
    """Issue 3's eight sections, in its order (later issues may add sections between them)."""
    issue = ["## Recommendation", "## Method", "## Summary of the options", "## Scoring matrix",
             "## The shortlisted options", "## Options not taken forward", "## Financial summary",
             "## Technical annex"]
    headings = [line for line in small_md.splitlines() if line.startswith("## ")]
    assert [h for h in headings if h in issue] == issue
    assert headings[-1] == "## Technical annex"


def test_method_gives_weights_as_shares_of_the_whole_and_value_functions_in_words(small_md: str) -> None:
    out = small_md
    assert "| 1 | Cost | 40.0% | 40.0% | Measured: annual cost, lower is better |" in out
    assert "| 2 | **Quality** | 60.0% | 60.0% | Weighted mean of its sub-criteria |" in out
    assert "| 2.1 | Access | 25.0% | 15.0% | Judged on a scale of 0 to 4 |" in out
    assert "| 2.2 | Reach | 75.0% | 45.0% | Judged on a scale of 0 to 4 |" in out
    assert "| 0 | Absent |\n| 2 | Partial |\n| 4 | Full |" in out
    assert "| Lawful | Meets the statutory duty |" in out
    assert "no more than the budget of £1,000 a year" in out
    assert ("The lowest annual cost among the options that pass every gate (or among all shortlisted "
            "options when none passes) scores 1 and the highest scores 0") in out


def test_summary_table_ranks_every_option_with_gates_and_costs(small_md: str) -> None:
    out = small_md
    # whole-life: one-off plus two years of annual cost (finance.years = 2)
    assert ("| 1 | Alpha | 77.50 | Passed | £800 | £1,700 |\n"
            "| 2 | Beta (baseline) | 52.50 | Passed | £900 | £1,800 |\n"
            "| – | Gamma | 60.00 | Failed: Within budget | £1,200 | £2,400 |") in out
    assert "1 option was not taken forward" in out


def test_matrix_has_raw_scores_points_and_totals(small_md: str) -> None:
    out = small_md
    assert "| 1 | Cost | 40.0% | £800 | 40.00 | £900 | 0.00 | £1,200 | 0.00 |" in out
    assert "| 2 | **Quality** | 60.0% |  | 37.50 |  | 52.50 |  | 60.00 |" in out
    assert "| 2.1 | Access | 15.0% | 4 | 15.00 | 2 | 7.50 | 4 | 15.00 |" in out
    assert "| 2.2 | Reach | 45.0% | 2 | 22.50 | 4 | 45.00 | 4 | 45.00 |" in out
    assert "| | **Total** | 100% | | **77.50** | | **52.50** | | **60.00** |" in out
    assert "| alpha | 40.00 | 37.50 | 77.50 |" in out  # the chart's data table


def test_option_section_has_scores_with_rationale_labels_risks_and_costs(small_md: str) -> None:
    out = small_md
    alpha = out.split("### Alpha\n", 1)[1].split("\n### ", 1)[0]
    assert "- **Ranked 1**, with 77.50 points out of 100" in alpha
    assert "Run the service in house." in alpha
    assert "| 2.1 | Access | 4 of 4 (Full) | Open every day | 15.00 |" in alpha
    assert "| 2.2 | Reach | 2 of 4 (Partial) | Two branches close | 22.50 |" in alpha
    assert "| 1 | Cost | £800 (measured) |" in alpha
    assert "- Cheapest" in alpha and "- Fewer branches" in alpha
    # L x I bands: 15 red, 4 green, 6 amber; the owner column appears because one risk has one
    assert "| Staff leave | 3 | 5 | 15 | Red (high) | Retention plan | Head of service |" in alpha
    assert "| IT fails | 1 | 4 | 4 | Green (low) |  |  |" in alpha
    assert "| Demand falls | 2 | 3 | 6 | Amber (medium) |  |  |" in alpha
    # NPV at 10%: 100 + 800 + 800 / 1.1 = 1,627.27
    assert "| One-off cost | £100 |" in alpha
    assert "| Whole-life cost (2 years) | £1,700 |" in alpha
    assert "| Net present cost (discounted at 10% a year) | £1,627 |" in alpha
    beta = out.split("### Beta\n", 1)[1].split("\n### ", 1)[0]
    assert "- **Ranked 2: the baseline**" in beta
    assert "| 2.1 | Access | 2 of 4 (Partial) | Shorter hours | 7.50 |" in beta
    assert "#### Risks\n\nNone recorded." in beta
    gamma = out.split("### Gamma\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Not ranked**, with 60.00 points out of 100" in gamma
    assert "- **Gates:** Failed: Within budget" in gamma


def test_discounted_and_financial_summary(small_md: str) -> None:
    out = small_md
    assert "| Delta | Closing the service would breach the statutory duty. |" in out
    assert "The budget is £1,000 a year (£2,000 over 2 years)." in out
    assert "| Alpha | £800 | £200 under | £100 | £1,700 | £1,627 |" in out
    # Beta: 900 + 900 / 1.1 = 1,718.18; Gamma: 1,200 + 1,200 / 1.1 = 2,290.91
    assert "| Beta | £900 | £100 under | £0 | £1,800 | £1,718 |" in out
    assert "| Gamma | £1,200 | **£200 over** | £0 | £2,400 | £2,291 |" in out


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_provenance_digest_is_reproducible_from_the_files(tmp_path: Path) -> None:
    folder = small_copy(tmp_path)
    names = ["criteria.yaml", "options/alpha.yaml", "options/beta.yaml", "options/delta.yaml", "options/gamma.yaml"]
    manifest = "".join(f"{_sha((folder / n).read_bytes())}  {n}\n" for n in names)
    digest = _sha(manifest.encode())
    out = report(folder)
    assert f"- **Fingerprint of the input files (SHA-256):** {digest}" in out
    assert f"```\n{manifest}```" in out
    assert "```sh\nLC_ALL=C sha256sum criteria.yaml options/*.yaml | sha256sum\n```" in out
    assert "- **Produced by:** appraise 0.1.0" in out
    if shutil.which("sha256sum") and shutil.which("bash"):
        shown = subprocess.run(["bash", "-c", "LC_ALL=C sha256sum criteria.yaml options/*.yaml | sha256sum"],
                               cwd=folder, capture_output=True, text=True, check=True).stdout
        assert shown.split()[0] == digest
    # the same digest whichever way the folder is named
    assert f"{digest}" in report("options", cwd=folder)
    (folder / "options" / "beta.yaml").write_text((folder / "options" / "beta.yaml").read_text() + "# note\n")
    assert digest not in report(folder)


def test_scenario_is_named_and_its_file_digested_last(tmp_path: Path) -> None:
    folder = small_copy(tmp_path)
    scenario = folder / "scenarios" / "dear.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Dearer Alpha\ncosts: {alpha: {annual: 950}}\n")
    out = report(folder, "--scenario", scenario)
    assert out.startswith("# Library service options (scenario: Dearer Alpha)\n")
    assert "- **Scenario:** Dearer Alpha: the figures include this scenario's changes" in out
    # Alpha now costs the most among those passing the gates: cost value 0; Beta 1
    # Alpha 0 + 15 + 22.5 = 37.50; Beta 40 + 7.5 + 45 = 92.50
    assert "| 1 | Beta (baseline) | 92.50 | Passed | £900 | £1,800 |" in out
    names = ["criteria.yaml", "options/alpha.yaml", "options/beta.yaml", "options/delta.yaml",
             "options/gamma.yaml", "scenarios/dear.yaml"]
    manifest = "".join(f"{_sha((folder / n).read_bytes())}  {n}\n" for n in names)
    assert f"```\n{manifest}```" in out
    assert "LC_ALL=C sha256sum criteria.yaml options/*.yaml scenarios/dear.yaml | sha256sum" in out


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    for fmt in ("markdown", "html"):
        first = spawn_appraise("report", SMALL, "-f", fmt, env={"PYTHONHASHSEED": "1"})
        second = spawn_appraise("report", SMALL, "-f", fmt, env={"PYTHONHASHSEED": "2"})
        assert first.code == second.code == 0
        assert first.out == second.out


def test_no_clock_time_and_no_date_unless_set(tmp_path: Path) -> None:
    folder = small_copy(tmp_path)
    today = dt.date.today()
    for fmt in ("markdown", "html"):
        out = report(folder, "-f", fmt)
        assert "1 May 2024" in out
        assert today.isoformat() not in out and f"{today.day} {today:%B} {today.year}" not in out
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text().replace("date: 2024-05-01\n", ""))
    md = report(folder)
    html = report(folder, "-f", "html")
    assert "Date:" not in md and "2024" not in md
    assert "<time" not in html and ">Date<" not in html


def test_format_follows_the_output_name_and_may_not_contradict_it(tmp_path: Path) -> None:
    run_appraise("report", SMALL, "-o", tmp_path / "a.html")
    run_appraise("report", SMALL, "-o", tmp_path / "a.md")
    contradicted = run_appraise("report", SMALL, "-o", tmp_path / "b.html", "--format", "markdown")
    assert (tmp_path / "a.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# Library service options")
    assert contradicted.code == 2 and "is named as html but --format is markdown" in contradicted.err
    assert not (tmp_path / "b.html").exists()
    assert report(SMALL).startswith("# ")


def test_html_is_one_file_with_no_script_or_external_reference() -> None:
    html = report(SMALL, "-f", "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert "<script" not in html.lower()
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html and " src=" not in html and "<link" not in html and "@import" not in html
    assert "default-src 'none'" in html  # the content security policy forbids scripts and fetches
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "<title id=\"matrix-chart-title\">" in html and "<desc id=\"matrix-chart-desc\">" in html


def test_tie_and_no_eligible_option_are_said_plainly(tmp_path: Path) -> None:
    criteria = {"title": "T", "criteria": [{"id": "q", "name": "Q", "weight": 1}],
                "gates": [{"id": "ok", "name": "Legal"}]}

    def option(name: str, score: float, ok: bool) -> dict[str, Any]:
        return {"name": name, "scores": {"q": score}, "gates": {"ok": ok}}

    tie = make_appraisal(tmp_path / "tie", criteria, {"a": option("Ann", 4, True), "b": option("Bob", 4, True),
                                                      "c": option("Cy", 1, True)})
    out = report(tie)
    assert "**No single preferred option: there is a tie for first place.**" in out
    assert "There is no single preferred option: Ann and Bob tie for first place with 80.00 points each" in out
    none = make_appraisal(tmp_path / "none", criteria, {"a": option("Ann", 4, False), "b": option("Bob", 2, False)})
    out = report(none)
    assert "**No preferred option: no option passes every gate.**" in out
    assert "No option passes every gate, so no option is ranked and there is no preferred option." in out
    assert "- Ann (80.00 points) fails: Legal" in out
    html = report(none, "-f", "html")
    assert "No preferred option: no option passes every gate" in html
    one = make_appraisal(tmp_path / "one", criteria, {"a": option("Ann", 4, True), "b": option("Bob", 2, False)})
    assert "It is the only option that passes every gate." in report(one)


def test_more_options_than_the_cut_off_keep_the_full_ranking(tmp_path: Path) -> None:
    criteria = {"title": "Many", "criteria": [{"id": "q", "name": "Q", "weight": 1}],
                "scale": {"min": 0, "max": 100}}
    options = {f"o{i:02d}": {"name": f"Option {i:02d}", "scores": {"q": 100 - i}} for i in range(60)}
    options["o59"]["baseline"] = True
    folder = make_appraisal(tmp_path / "many", criteria, options)
    out = report(folder)
    summary = out.split("## Summary of the options", 1)[1].split("## Scoring matrix", 1)[0]
    assert summary.count("\n| ") == 62  # header, alignment row and all 60 options
    assert ("There are more than 50 shortlisted options, so this matrix, the option sections and the "
            "financial summary show the 50 highest-ranked and the baseline. 9 options are left out here") in out
    sections = out.split("## The shortlisted options", 1)[1].split("## Options not taken forward", 1)[0]
    assert sections.count("\n### ") == 51
    assert "\n### Option 49\n" in sections and "\n### Option 50\n" not in sections
    assert "\n### Option 59\n" in sections  # the baseline, though ranked 60th
    assert "Options 51 to 51 of 51:" in out



def test_cost_lines_and_a_discount_schedule(tmp_path: Path) -> None:
    """Capital and operating lines (docs/green-book.md), worked by hand at 10% over 2 years:
    recurrent 200 + 20 and 200 + 40; whole-life 10 + 150 + 460 = 620;
    net present 10 + (100 + 50 / 1.1) + (220 + 240 / 1.1) = 593.64."""
    criteria = {"title": "Lines", "criteria": [{"id": "q", "name": "Q", "weight": 1}],
                "finance": {"years": 2, "discount_rate": 0.1}}
    option = {"name": "Build", "scores": {"q": 3},
              "costs": {"one_off": 10, "capital": [100, 50], "annual": 200, "operating": [20, 40]}}
    folder = make_appraisal(tmp_path / "lines", criteria, {"build": option})
    out = report(folder)
    assert ("| One-off cost | £10 |\n| Capital cost | £150 |\n| Annual cost (contract, average) | £200 |\n"
            "| Operating cost (a year, average) | £30 |\n| Annual cost (average) | £230 |\n"
            "| Annual cost in year 1 | £220 |\n| Annual cost in year 2 | £240 |\n"
            "| Whole-life cost (2 years) | £620 |\n| Net present cost (discounted at 10% a year) | £594 |") in out
    assert "| Option | Annual cost | One-off and capital cost |" in out
    assert "| Build | £230 | £160 | £620 | £594 |" in out
    criteria["finance"] = {"years": 2, "schedule": "standard"}
    folder = make_appraisal(tmp_path / "schedule", criteria, {"build": option})
    out = report(folder)
    assert "discounts the cost of each year after the first at the Green Book standard schedule (3.5% a year" in out

def test_bad_input_exits_2_and_writes_no_file(tmp_path: Path) -> None:
    folder = small_copy(tmp_path)
    (folder / "options" / "beta.yaml").write_text("name: Beta\nscores: {access: nine}\n")
    target = tmp_path / "out.html"
    run = run_appraise("report", folder, "-o", target)
    assert run.code == 2
    assert "options/beta.yaml:2:" in run.err and "Traceback" not in run.err
    assert not target.exists()


def test_report_example_in_the_docs_runs(tmp_path: Path) -> None:
    """docs/report.md's first example, run as written on a copy of the reference appraisal."""
    docs = (REPO / "docs" / "report.md").read_text(encoding="utf-8")
    assert "appraise report . --format html --output appendix.html" in docs
    for sub in ("options", "scenarios"):
        shutil.copytree(REPO / sub, tmp_path / sub)
    shutil.copy(REPO / "criteria.yaml", tmp_path)
    assert run_appraise("report", ".", "--format", "html", "--output", "appendix.html", cwd=tmp_path).code == 0
    assert (tmp_path / "appendix.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


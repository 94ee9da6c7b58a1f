"""Exempt information (docs/report.md): an option whose ``costs:`` say ``exempt: true`` keeps its
scores and points, but the public report, in every format, prints none of its cost figures nor
any sum worked out from them; ``appraise report --exempt`` prints them in the exempt appendix.

The appraisal: two years at 10%, so a net present cost is the annual cost times 1 + 1/1.1 =
21/11; a budget of £2,000,000 a year; Cost (40%, linear, lower is better) and Quality (60%, a
score of 0 to 4). Business as usual costs £1,200,000 a year and scores 2; In house £1,000,000 and
3; the exempt Tender A a year and 4.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import make_appraisal, run_appraise
from helpers import need, pages_text

STATEMENT = "exempt information under the Local Government Act 1972, Schedule 12A, paragraph 3"
BUDGET = 2_000_000
NPV = 21 / 11


def build(root: Path, annual: float) -> Path:
    criteria = {
        "title": "Library contract", "currency": "GBP", "date": dt.date(2025, 1, 10),
        "scale": {"min": 0, "max": 4},
        "criteria": [
            {"id": "cost", "name": "Cost", "weight": 40, "measure": "annual_cost", "direction": "lower",
             "value_function": "linear"},
            {"id": "quality", "name": "Quality", "weight": 60},
        ],
        "finance": {"budget": BUDGET, "years": 2, "discount_rate": 0.1},
    }
    options = {
        "current": {"name": "Business as usual", "baseline": True, "costs": {"annual": 1_200_000},
                    "scores": {"quality": 2}},
        "inhouse": {"name": "In house", "costs": {"annual": 1_000_000}, "scores": {"quality": 3}},
        "tender": {"name": "Tender", "costs": {"annual": annual, "exempt": True}, "scores": {"quality": 4}},
    }
    return make_appraisal(root, criteria, options)


def secrets(annual: float) -> list[float]:
    """The Tender's figures and those worked from them, by hand: annual, whole-life and net
    present cost, budget headroom, cost per point, and the differences from the baseline."""
    npv = annual * NPV
    worst, best = max(annual, 1_200_000), min(annual, 1_000_000)
    cost_points = 40 * (worst - annual) / (worst - best)
    total = cost_points + 60
    base_points = 40 * (worst - 1_200_000) / (worst - best) + 30
    extra = npv - 1_200_000 * NPV
    # value for money's benefit points leave Cost out: Quality alone, 4 of 4 and 2 of 4
    benefit, base_benefit = 100, 50
    return [annual, 2 * annual, npv, abs(BUDGET - annual), npv / total, abs(extra),
            abs(extra) / abs(total - base_points), npv / benefit, abs(extra) / (benefit - base_benefit)]


def forms(value: float) -> list[str]:
    """How a sum may be printed: £1,650,000, 1,650,000 and 1650000."""
    whole = round(value)
    return [f"£{whole:,}", f"{whole:,}", str(whole)]


def leaked(text: str, annual: float) -> list[str]:
    return [f for v in secrets(annual) for f in forms(v) if re.search(rf"(?<![\d,.]){re.escape(f)}(?![\d,])", text)]


def report(folder: Path, out: Path, *args: str) -> Path:
    run = run_appraise("report", folder, "--output", out, *args, timeout=300)
    assert run.code == 0, run.err
    return out


def docx_text(path: Path) -> str:
    """Every XML part of the document but the theme (whose colour numbers are not figures): its
    text, alt text and properties."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.endswith((".xml", ".rels", ".svg")) and "theme" not in n)


@pytest.mark.parametrize("annual", [1_650_000, 2_345_678, 1_111_111])
def test_the_public_markdown_and_html_print_no_exempt_figure(tmp_path: Path, annual: float) -> None:
    folder = build(tmp_path / "a", annual)
    for fmt in ("md", "html"):
        text = report(folder, tmp_path / f"public.{fmt}").read_text(encoding="utf-8")
        assert leaked(text, annual) == [], fmt
        assert STATEMENT in text and "Tender" in text
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    assert "not for publication" in exempt
    assert {f"£{round(v):,}" for v in secrets(annual)[:3]} <= set(re.findall(r"£[\d,]+", exempt))


def _totals(text: str) -> dict[str, tuple[str, str]]:
    """Each option's (rank, total) in the summary table."""
    table = text.split("## Summary of the options")[1].split("## Scoring matrix", maxsplit=1)[0]
    rows = [line.split(" | ") for line in table.splitlines() if re.match(r"\| (\d|–) \| ", line)]
    return {r[1].removesuffix(" (baseline)"): (r[0].removeprefix("| "), r[2]) for r in rows}


def test_the_dearest_price_sets_every_option_s_points_so_every_total_is_withheld(tmp_path: Path) -> None:
    """Tender is the dearest, so under ``linear`` it sets the worst end: every option's cost
    points are a function of its price (In house's 40 x (x - 1,000,000) / (x - 1,000,000) gives
    nothing, but Business as usual's 40 x (x - 1,200,000) / (x - 1,000,000) gives x back), and
    so is every total. The ranks and the quality points stay."""
    folder = build(tmp_path / "a", 1_650_000)
    public = report(folder, tmp_path / "public.md").read_text(encoding="utf-8")
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    # Tender: cost 0 of 40 (the dearest), quality 4 of 4: 60 points. In house: 40 (the cheapest)
    # + 45 = 85. Business as usual: 40 x 450,000 / 650,000 + 30 = 57.69.
    assert _totals(exempt) == {"In house": ("1", "85.00"), "Tender": ("2", "60.00"),
                               "Business as usual": ("3", "57.69")}
    assert _totals(public) == {"In house": ("1", "exempt"), "Tender": ("2", "exempt"),
                               "Business as usual": ("3", "exempt")}
    tender = next(line for line in public.splitlines() if line.startswith("| 2 | Tender |"))
    assert tender.endswith("| exempt | exempt |")
    matrix = public.split("## Scoring matrix")[1].splitlines()
    cost = next(line for line in matrix if line.startswith("| 1 | Cost |"))
    assert cost.count("exempt") == 4  # three options' points and Tender's figure
    quality = next(line for line in matrix if line.startswith("| 2 | Quality |"))
    assert "| 3 | 45.00 | 4 | 60.00 | 2 | 30.00 |" in quality
    assert "Every option's value and points on Cost: the highest annual cost that sets its scale is exempt" in public


def test_a_price_between_the_others_withholds_only_its_own_points_and_total(tmp_path: Path) -> None:
    """Tender at £1,100,000 lies between In house (£1,000,000, the best) and Business as usual
    (£1,200,000, the worst): the others' points do not depend on it. Its own cost points would
    be 40 x 100,000 / 200,000 = 20 and its total 80."""
    folder = build(tmp_path / "a", 1_100_000)
    public = report(folder, tmp_path / "public.md").read_text(encoding="utf-8")
    assert _totals(public) == {"In house": ("1", "85.00"), "Tender": ("2", "exempt"),
                               "Business as usual": ("3", "30.00")}
    assert "80.00" not in public and "20.00" not in public
    assert "The total of Tender: a total less the points shown would give the withheld points back." in public


def test_the_exempt_appendix_holds_the_derived_figures(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_650_000)
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    # Whole-life £3,300,000; net present £3,150,000; headroom £350,000; per benefit point
    # £31,500 (Quality alone: 100 benefit points).
    for shown in ("£1,650,000", "£3,300,000", "£3,150,000", "£350,000 under", "£31,500"):
        assert shown in exempt
    assert "Exempt information." in exempt and "Not for publication." in exempt


def test_the_public_word_document_prints_no_exempt_figure(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_650_000)
    text = docx_text(report(folder, tmp_path / "public.docx"))
    assert leaked(text, 1_650_000) == []
    assert STATEMENT in text
    exempt = docx_text(report(folder, tmp_path / "exempt.docx", "--exempt"))
    assert "£1,650,000" in exempt and "£3,150,000" in exempt


def test_the_public_pdf_prints_no_exempt_figure(tmp_path: Path) -> None:
    need("soffice", "pdftotext")
    folder = build(tmp_path / "a", 1_650_000)
    text = " ".join(pages_text(report(folder, tmp_path / "public.pdf")))
    assert leaked(text, 1_650_000) == []
    assert "Schedule 12A" in text


def test_a_scenario_keeps_the_costs_exempt_and_names_its_change_without_the_figure(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_650_000)
    scenario = folder / "scenarios" / "dearer.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Dearer tender\ncosts: {tender: {annual: 1700000}}\n", encoding="utf-8")
    text = report(folder, tmp_path / "public.md", "--scenario", str(scenario)).read_text(encoding="utf-8")
    assert "- Annual cost of Tender: set by the scenario (exempt)" in text
    assert leaked(text, 1_700_000) == [] and leaked(text, 1_650_000) == []
    assert STATEMENT in text


MARK_NOTE = "exempt information (Local Government Act 1972, Schedule 12A, paragraph 3)"


def test_vfm_marks_the_exempt_figures_and_those_worked_from_them(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_650_000)
    table = run_appraise("vfm", folder, "--format", "table")
    assert table.code == 0, table.err
    tender = next(line for line in table.out.splitlines() if line.startswith("tender"))
    # NPC 1,650,000 x 21/11; per benefit point (Quality alone, 4 of 4: 100) / 100; +£859,091 and
    # £17,182 per extra benefit point on the baseline (2 of 4: 50).
    for shown in ("£3,150,000 [exempt]", "£31,500 [exempt]", "+£859,091 [exempt]", "£17,182 [exempt]"):
        assert shown in tender
    inhouse = next(line for line in table.out.splitlines() if line.startswith("inhouse"))
    assert "[exempt]" not in inhouse and MARK_NOTE in table.out
    markdown = run_appraise("vfm", folder, "--format", "markdown").out
    assert "£3,150,000 \\[exempt\\]" in markdown and MARK_NOTE in markdown


def test_score_marks_the_exempt_option_and_json_says_exempt(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_650_000)
    markdown = run_appraise("score", folder, "--format", "markdown").out
    assert "| 2 | Tender (tender) \\[exempt\\] | 60.00 |" in markdown and MARK_NOTE in markdown
    for command in ("score", "vfm"):
        options = json.loads(run_appraise(command, folder, "--format", "json").out)["options"]
        assert {o["id"]: o.get("exempt", False) for o in options} == {
            "inhouse": False, "tender": True, "current": False}


def test_the_score_workbook_marks_the_exempt_option(tmp_path: Path) -> None:
    """The workbook keeps the figures (its formulas need them) but marks the option, as the
    score table does, with the footnote under the ranking."""
    import openpyxl

    folder = build(tmp_path / "a", 1_650_000)
    run = run_appraise("score", folder, "--output", tmp_path / "a.xlsx")
    assert run.code == 0, run.err
    ranking = openpyxl.load_workbook(tmp_path / "a.xlsx")["Ranking"]
    names = {row[0].value: row[1].value for row in ranking.iter_rows(min_row=2) if row[0].value}
    assert names["tender"] == "Tender [exempt]" and names["inhouse"] == "In house"
    assert any(str(row[0].value).startswith("[exempt]: exempt information") for row in ranking.iter_rows())


def test_diff_marks_a_changed_exempt_cost(tmp_path: Path) -> None:
    old = build(tmp_path / "old", 1_650_000)
    new = build(tmp_path / "new", 1_700_000)
    table = run_appraise("diff", old, new, "--format", "table")
    assert table.code == 0, table.err
    row = next(line for line in table.out.splitlines() if ": annual cost" in line)  # the input in words
    assert "1,650,000 [exempt]" in row and "1,700,000 [exempt]" in row and MARK_NOTE in table.out
    markdown = run_appraise("diff", old, new, "--format", "markdown").out
    assert "1,700,000 \\[exempt\\]" in markdown and MARK_NOTE in markdown
    inputs = json.loads(run_appraise("diff", old, new, "--format", "json").out)["inputs"]
    assert [(i["path"], i.get("exempt", False)) for i in inputs] == [("options.tender.costs.annual", True)]


def test_the_relative_price_formula_does_not_name_an_exempt_lowest_price(tmp_path: Path) -> None:
    """Under ``relative`` another option's reason names the lowest price: when that is the exempt
    tender's (£900,000 here), the reason gives the rule without the figure."""
    folder = build(tmp_path / "rel", 900_000)
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace("linear", "relative"), encoding="utf-8")
    text = report(folder, tmp_path / "public.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<![\d,])900,?000(?![\d,])", text), "the exempt lowest price is printed"
    assert "Its value and points are withheld: the lowest annual cost, which sets the scale, is exempt" in text
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    assert "(the lowest annual cost, £900,000, divided by this option's)" in exempt


def test_the_exempt_appendix_warns_when_a_shared_rank_gives_a_withheld_total_away(tmp_path: Path) -> None:
    """Tender at £1,075,000 scores 40 x 125,000 / 200,000 = 25 on cost and 60 on quality: 85,
    In house's total, so they share rank 1 and the public report's shown 85.00 is Tender's too."""
    folder = build(tmp_path / "a", 1_075_000)
    public = report(folder, tmp_path / "public.md").read_text(encoding="utf-8")
    assert _totals(public)["Tender"] == ("1", "exempt") and _totals(public)["In house"] == ("1", "85.00")
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    assert ("1. Tender shares rank 1 with In house, whose total is shown in the public report: the two totals "
            "are equal, so the public report gives Tender's total away.") in exempt
    assert "shares rank" not in public


def test_no_digest_of_a_file_holding_an_exempt_figure_is_printed(tmp_path: Path) -> None:
    """A SHA-256 of tender.yaml (or of a scenario that sets its costs), with a guess at the rest
    of the file, confirms a guessed price; so does the digest over every file's digest."""
    import hashlib

    folder = build(tmp_path / "a", 1_650_000)
    scenario = folder / "scenarios" / "dearer.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Dearer tender\ncosts: {tender: {annual: 1700000}}\n", encoding="utf-8")
    secret = {hashlib.sha256((folder / name).read_bytes()).hexdigest()
              for name in ("options/tender.yaml", "scenarios/dearer.yaml")}
    shown = hashlib.sha256((folder / "options/inhouse.yaml").read_bytes()).hexdigest()
    for args in ((), ("--scenario", str(scenario))):
        public = report(folder, tmp_path / "public.md", *args).read_text(encoding="utf-8")
        exempt = report(folder, tmp_path / "exempt.md", "--exempt", *args).read_text(encoding="utf-8")
        digests = set(re.findall(r"[0-9a-f]{64}", public))
        every = set(re.findall(r"[0-9a-f]{64}", exempt))
        assert shown in digests and not digests & secret
        assert len(every - digests) == len(secret & every) + 1  # the files' and the input digest
        assert "- **Fingerprint of the input files (SHA-256):** exempt" in public
        assert "exempt  options/tender.yaml" in public


def test_a_discounted_option_with_exempt_costs_is_reported_without_them(tmp_path: Path) -> None:
    folder = build(tmp_path / "a", 1_100_000)
    make_appraisal(folder, {**yaml.safe_load((folder / "criteria.yaml").read_text(encoding="utf-8"))}, {
        "shared": {"name": "Shared service", "status": "discounted", "reason": "No partner council.",
                   "costs": {"annual": 987_654, "exempt": True}}})
    for args in ((), ("--exempt",)):
        text = report(folder, tmp_path / "out.md", *args).read_text(encoding="utf-8")
        assert "Shared service" in text and "987,654" not in text


def test_the_exempt_appendix_warns_when_shown_totals_either_side_are_close(tmp_path: Path) -> None:
    """Cost (30, linear) and Quality (70, 0 to 5). A: £1,000,000 (30) and 2 (28): 58.00. B:
    £1,200,000 (0) and 4.2 (58.8): 58.80. The exempt C: £1,090,000, 30 x 110,000 / 200,000 = 16.5,
    and 3 (42): 58.50, ranked between them: the public ranks place it within 0.80 points."""
    criteria = {"title": "Close", "date": dt.date(2025, 1, 10), "scale": {"min": 0, "max": 5}, "criteria": [
        {"id": "cost", "name": "Cost", "weight": 30, "measure": "annual_cost", "direction": "lower",
         "value_function": "linear"},
        {"id": "quality", "name": "Quality", "weight": 70}]}
    options = {"a": {"name": "A", "costs": {"annual": 1_000_000}, "scores": {"quality": 2}},
               "b": {"name": "B", "costs": {"annual": 1_200_000}, "scores": {"quality": 4.2}},
               "c": {"name": "C", "costs": {"annual": 1_090_000, "exempt": True}, "scores": {"quality": 3}}}
    folder = make_appraisal(tmp_path / "a", criteria, options)
    public = report(folder, tmp_path / "public.md").read_text(encoding="utf-8")
    assert _totals(public) == {"B": ("1", "58.80"), "C": ("2", "exempt"), "A": ("3", "58.00")}
    exempt = report(folder, tmp_path / "exempt.md", "--exempt").read_text(encoding="utf-8")
    assert ("1. The public report ranks C between B (58.80) and A (58.00), whose totals are shown: that "
            "places its total within 0.80 points.") in exempt

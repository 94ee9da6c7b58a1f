"""``appraise notice --type uk6|uk7`` (contract section 17, docs/tenders.md): the notices filled
from the folder, checked against figures worked by hand, the report's and score's own figures,
located refusals, exempt prices and byte-for-byte determinism."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, run_appraise
from helpers import expect_error, line_of
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tenders_case import CRITERIA, OPTIONS, folder

EXAMPLE = REPO / "examples" / "childrens-centre-tender"

AWARD: dict[str, Any] = {
    "buyer": {"name": "Example Council", "identifier": "GB-PPON-PABC-1234-DEFG", "email": "buy@council.example"},
    "reference": "EC-2026-014",
    "value": {"amount": 300, "amount_gross": 360},
    "decision": dt.date(2026, 12, 14),
    "summaries_sent": dt.date(2026, 12, 18),
    "notice_published": dt.date(2026, 12, 21),
    "contract": {"start": dt.date(2027, 2, 1), "end": dt.date(2028, 1, 31), "signed": dt.date(2027, 1, 20)},
}
"""Published Monday 21 December 2026: standstill ends Tuesday 5 January 2027 (tests/check/test_standstill.py
works it by hand over Christmas, New Year and Scotland's 2 January)."""

FLAGS = {"alpha": ("sme", False), "beta": ("large", False), "gamma": ("sme", True)}


def tender_folder(root: Path, award: dict[str, Any] | None = AWARD, flags: dict[str, tuple[str, bool]] = FLAGS,
                  options: dict[str, dict[str, Any]] | None = None, criteria: dict[str, Any] = CRITERIA) -> Path:
    """tenders_case's evaluation (gamma most advantageous, beta disqualified) with an award and the flags."""
    criteria = copy.deepcopy(criteria) | ({"award": copy.deepcopy(award)} if award else {})
    options = copy.deepcopy(options or OPTIONS)
    for oid, (scale, vcse) in flags.items():
        options[oid]["supplier"] |= {"scale": scale, "vcse": vcse}
    return folder(root, options, criteria)


def notice(folder: Path, kind: str, fmt: str = "json") -> Any:
    run = run_appraise("notice", folder, "--type", kind, "--format", fmt)
    assert run.code == 0, run.err
    return json.loads(run.out) if fmt == "json" else run.out


def test_the_award_notice_by_hand(tmp_path: Path) -> None:
    release = notice(tender_folder(tmp_path / "t"), "uk6")
    assert release["tag"] == ["award"] and release["ocid"] == "ocds-draft-EC-2026-014"
    assert release["id"] == "ocds-draft-EC-2026-014-uk6"
    # three tenders received and assessed (beta disqualified is still assessed); alpha and gamma are SMEs,
    # gamma alone a VCSE
    assert {s["measure"]: s["value"] for s in release["bids"]["statistics"]} == {
        "bids": 3, "finalStageBids": 3, "smeFinalStageBids": 2, "vcseFinalStageBids": 1}
    # global weights: price 30; method 70 x 3/7 = 30; staff 70 x 4/7 = 40
    criteria = release["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert [(c["name"], c["type"], c["numbers"]) for c in criteria] == [
        ("Price", "price", [{"number": 30, "weight": "percentageExact"}]),
        ("Method statement", "quality", [{"number": 30, "weight": "percentageExact"}]),
        ("Staffing", "quality", [{"number": 40, "weight": "percentageExact"}])]
    award = release["awards"][0]
    assert award["suppliers"] == [{"id": "GB-CHC-0003", "name": "Gamma Trust"}]  # 86 against alpha's 78
    assert award["status"] == "pending"
    assert award["standstillPeriod"] == {"startDate": "2026-12-21T00:00:00+00:00",
                                         "endDate": "2027-01-05T23:59:59+00:00"}
    assert award["assessmentSummariesDateSent"] == "2026-12-18T00:00:00+00:00"
    assert award["value"] == {"amount": 300, "amountGross": 360, "currency": "GBP"}
    gamma = next(p for p in release["parties"] if p["id"] == "GB-CHC-0003")
    assert gamma["roles"] == ["supplier", "tenderer"] and gamma["details"] == {"scale": "sme", "vcse": True}
    assert gamma["identifier"] == {"scheme": "GB-CHC", "id": "0003"}
    buyer = next(p for p in release["parties"] if p["roles"] == ["buyer"])
    assert buyer["identifier"] == {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"}


def test_the_contract_details_notice_by_hand(tmp_path: Path) -> None:
    release = notice(tender_folder(tmp_path / "t"), "uk7")
    assert release["tag"] == ["contract"] and release["date"] == "2027-01-20T00:00:00+00:00"
    (contract,) = release["contracts"]
    assert contract["dateSigned"] == "2027-01-20T00:00:00+00:00"
    assert contract["period"] == {"startDate": "2027-02-01T00:00:00+00:00", "endDate": "2028-01-31T23:59:59+00:00"}
    assert release["awards"][0]["status"] == "active" and "bids" not in release


def test_the_draft_is_in_the_regulations_order_with_the_notice_line(tmp_path: Path) -> None:
    root = tender_folder(tmp_path / "t")
    criteria = root / "criteria.yaml"
    criteria.write_text("notice: 'Draft for the panel'\n" + criteria.read_text(encoding="utf-8"), encoding="utf-8")
    text = notice(root, "uk6", "markdown")
    lines = text.splitlines()
    assert lines[0] == "# Contract award notice (UK6): draft" and lines[2] == "*Draft for the panel*"
    assert "appraise does not submit notices" in text
    heads = [line for line in lines if line.startswith("## ")]
    assert heads == ["## Contracting authority", "## The procurement", "## The supplier awarded the contract",
                     "## The contract", "## Award criteria", "## Tenders", "## Dates and standstill",
                     "## Not filled in here"]
    assert "| Standstill period ends (at midnight) | Tuesday 5 January 2027 |" in text
    assert "| The contract may be entered into from | Wednesday 6 January 2027 |" in text
    assert "| Of those assessed, from SMEs | 2 |" in text
    assert "| Staffing | Quality | 40.00% |  |" in text
    assert "Main classification code (CPV)" not in text  # not given: left to the platform
    details = notice(root, "uk7", "markdown")
    assert "| Date the contract was entered into | Wednesday 20 January 2027 |" in details


def test_the_notice_agrees_with_score_and_the_report_on_the_example() -> None:
    release = notice(EXAMPLE, "uk6")
    run = run_appraise("score", EXAMPLE, "--format", "json")
    assert run.code == 0, run.err
    scored = json.loads(run.out)
    winner = scored["preferred"]
    supplier = yaml.safe_load((EXAMPLE / "options" / f"{winner}.yaml").read_text(encoding="utf-8"))["supplier"]
    assert release["awards"][0]["suppliers"][0]["name"] == supplier["name"] == "Riverside Children's Charity"
    leaves = [c for c in scored["criteria"] if c["leaf"]]
    numbers = [c["numbers"][0]["number"] for c in release["tender"]["lots"][0]["awardCriteria"]["criteria"]]
    assert numbers == [round(c["weight"] * 100, 2) for c in leaves] == [40, 25, 20, 15]
    # four tenders, all assessed (Northgate's disqualified by the threshold); Brightstart, Meadow and Riverside
    # are SMEs, Meadow and Riverside VCSEs
    assert [s["value"] for s in release["bids"]["statistics"]] == [4, 4, 3, 2]
    report = run_appraise("report", EXAMPLE)
    assert report.code == 0, report.err
    assert "Most advantageous tender: Riverside Children's Charity tender" in report.out
    # the report's timeline and the notice give the same standstill
    assert release["awards"][0]["standstillPeriod"]["endDate"].startswith("2026-03-05")
    assert "Thursday 5 March 2026" in report.out


@pytest.mark.parametrize("fmt", ["markdown", "json", "docx"])
def test_the_same_folder_gives_the_same_bytes(tmp_path: Path, fmt: str) -> None:
    made = []
    for n in range(2):
        out = tmp_path / f"n{n}.{ {'markdown': 'md'}.get(fmt, fmt)}"
        run = run_appraise("notice", EXAMPLE, "--type", "uk6", "--format", fmt, "--output", out)
        assert run.code == 0, run.err
        made.append(out.read_bytes())
    assert made[0] == made[1]


def test_every_missing_input_is_located_and_nothing_is_written(tmp_path: Path) -> None:
    award = {k: v for k, v in AWARD.items() if k not in ("notice_published", "value")}
    root = tender_folder(tmp_path / "t", award, {"alpha": ("sme", False), "gamma": ("sme", True)})
    out = tmp_path / "notice.json"
    run = run_appraise("notice", root, "--type", "uk6", "--output", out)
    criteria = (root / "criteria.yaml").read_text(encoding="utf-8")
    expect_error(run, "criteria.yaml", line_of(criteria, "award:"), "award.notice_published is missing")
    expect_error(run, "criteria.yaml", line_of(criteria, "award:"), "award.value.amount is missing")
    beta = (root / "options" / "beta.yaml").read_text(encoding="utf-8")
    expect_error(run, "beta.yaml", line_of(beta, "supplier:"), "add 'scale: sme' or 'scale: large'")
    expect_error(run, "beta.yaml", line_of(beta, "supplier:"), "add 'vcse: true' or 'vcse: false'")
    assert not out.exists() and run.out == ""
    # the winner's notice needs its address too (gamma has one; drop it)
    options = copy.deepcopy(OPTIONS)
    del options["gamma"]["supplier"]["address"]
    run = run_appraise("notice", tender_folder(tmp_path / "u", options=options), "--type", "uk7")
    gamma = (tmp_path / "u" / "options" / "gamma.yaml").read_text(encoding="utf-8")
    expect_error(run, "gamma.yaml", line_of(gamma, "supplier:"), "supplier.address is missing")


def test_no_award_block_is_an_error_at_criteria(tmp_path: Path) -> None:
    run = run_appraise("notice", tender_folder(tmp_path / "t", None), "--type", "uk7")
    expect_error(run, "criteria.yaml", 1, "no award: the contract details notice (UK7)")


def test_no_single_winner_is_refused(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["gamma"]["scores"]["method"]["score"] = 1  # below the threshold: only alpha left... and
    options["alpha"]["scores"]["method"]["score"] = 1  # alpha too: nothing ranked
    run = run_appraise("notice", tender_folder(tmp_path / "t", options=options), "--type", "uk6")
    assert run.code == 2 and "there is no single most advantageous tender" in run.err


def test_a_contract_over_5_million_needs_three_kpis(tmp_path: Path) -> None:
    award = copy.deepcopy(AWARD)
    award["value"] = {"amount": 4_500_000, "amount_gross": 5_400_000}  # over 5 million with VAT
    award["contract"]["kpis"] = [{"name": "On time"}, {"name": "Complaints"}]
    root = tender_folder(tmp_path / "t", award)
    run = run_appraise("notice", root, "--type", "uk7")
    criteria = (root / "criteria.yaml").read_text(encoding="utf-8")
    expect_error(run, "criteria.yaml", line_of(criteria, "- name: On time") , "at least 3 key performance indicators")
    award["contract"]["kpis"].append({"name": "Satisfaction", "description": "At least 80% satisfied."})
    release = notice(tender_folder(tmp_path / "u", award), "uk7")
    assert [m["title"] for m in release["contracts"][0]["agreedMetrics"]] == ["On time", "Complaints", "Satisfaction"]
    assert notice(tender_folder(tmp_path / "v", award), "uk6")  # the award notice does not ask for KPIs
    # s.52's exception: performance that KPIs could not appropriately assess, and why
    award["contract"]["kpis"] = []
    reason = award["contract"]["no_kpis_reason"] = "A one-off delivery, accepted on completion."
    root = tender_folder(tmp_path / "w", award)
    assert notice(root, "uk7")["contracts"][0]["noAgreedMetricsRationale"] == reason
    assert "| Why the supplier's performance is not assessed by key performance indicators | A one-off delivery" \
        in notice(root, "uk7", "markdown")


def test_no_exempt_price_of_another_tender_reaches_a_notice(tmp_path: Path) -> None:
    """A notice is published: it carries the award's value (the law publishes it), never a tender's price."""
    options = copy.deepcopy(OPTIONS)
    prices = {"alpha": 104_321.0, "beta": 98_765.0, "gamma": 123_457.0}
    for oid, price in prices.items():
        options[oid]["costs"] = {"annual": price, "exempt": True}
    root = tender_folder(tmp_path / "t", options=options)
    for kind in ("uk6", "uk7"):
        for fmt in ("json", "markdown"):
            text = notice(root, kind, fmt)
            shown = json.dumps(text) if fmt == "json" else text
            for price in prices.values():
                for form in (f"{price:g}", f"{price:,.0f}", f"{int(price)}", f"{price:.1f}"):
                    assert form not in shown, (kind, fmt, form)


def test_under_the_provider_selection_regime_the_act_s_notices_are_refused(tmp_path: Path) -> None:
    keys = ["quality_innovation", "value", "integration", "access", "social_value"]
    criteria = {"title": "Health visiting", "regime": "psr", "process": "competitive",
                "criteria": [{"id": k, "name": k.replace("_", " ").capitalize(), "weight": 20} for k in keys]}
    options = {oid: {"name": f"{oid} bid",
                     "supplier": {"name": f"{oid.capitalize()} Health", "identifier": f"GB-COH-{n}",
                                  "email": f"{oid}@example.org"},
                     "scores": {k: {"score": 5 - n, "rationale": "As the specification asks."} for k in keys}}
               for n, oid in enumerate(["alpha", "beta"])}
    root = tender_folder(tmp_path / "t", flags={}, options=options, criteria=criteria)
    run = run_appraise("notice", root, "--type", "uk6")
    text = (root / "criteria.yaml").read_text(encoding="utf-8")
    expect_error(run, "criteria.yaml", line_of(text, "regime: psr"), "not the Procurement Act 2023")


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_the_report_s_timeline_in_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{ {'markdown': 'md'}.get(fmt, fmt)}"
    run = run_appraise("report", tender_folder(tmp_path / "t"), "--format", fmt, "--output", out)
    assert run.code == 0, run.err
    if fmt == "docx":
        import docx

        document = docx.Document(str(out))
        text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    else:
        text = out.read_text(encoding="utf-8")
    # by hand: published Monday 21 December 2026, standstill ends Tuesday 5 January 2027
    for step, day in [("Assessment summaries sent to every assessed supplier", "Friday 18 December 2026"),
                      ("Contract award notice published: standstill begins", "Monday 21 December 2026"),
                      ("Standstill ends (at midnight)", "Tuesday 5 January 2027"),
                      ("The earliest day the contract may be entered into", "Wednesday 6 January 2027")]:
        assert step in text and day in text, (step, day)


def test_no_award_dates_no_timeline(tmp_path: Path) -> None:
    run = run_appraise("report", tender_folder(tmp_path / "t", None))
    assert run.code == 0 and "After the award" not in run.out


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=997), min_size=3, max_size=3))
def test_the_release_s_weights_sum_to_exactly_100_whatever_the_weights(weights: list[int]) -> None:
    """From the folder to the bytes: the numbers as JSON writes them (shortest float text) add up to
    100 exactly in decimal, each within 0.01 of its share."""
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"] = weights[0]
    criteria["criteria"][1]["criteria"][0]["weight"] = weights[1]
    criteria["criteria"][1]["criteria"][1]["weight"] = weights[2]
    with tempfile.TemporaryDirectory() as where:
        root = tender_folder(Path(where) / "t", criteria=criteria)
        run = run_appraise("notice", root, "--type", "uk6", "--format", "json")
    assume("tie for first place" not in run.err)  # some weights make alpha and gamma equal: no winner to award
    assert run.code == 0, run.err
    release = json.loads(run.out, parse_float=Decimal, parse_int=Decimal)
    shown = [c["numbers"][0]["number"] for c in release["tender"]["lots"][0]["awardCriteria"]["criteria"]]
    assert sum(shown) == 100
    price = Fraction(weights[0], weights[0] + 70)  # the top level: price against quality's 70
    quality = 1 - price
    exact = [price, quality * Fraction(weights[1], weights[1] + weights[2]),
             quality * Fraction(weights[2], weights[1] + weights[2])]
    for p, share in zip(shown, exact, strict=True):
        assert abs(Fraction(p) - share * 100) < Fraction(1, 100)


def test_a_bad_flag_or_prefix_is_located_when_the_folder_is_read(tmp_path: Path) -> None:
    award = copy.deepcopy(AWARD) | {"ocid_prefix": "OCDS-X"}
    root = tender_folder(tmp_path / "t", award, {"alpha": ("medium", False), "beta": ("large", False),
                                                  "gamma": ("sme", True)})
    run = run_appraise("validate", root)
    criteria = (root / "criteria.yaml").read_text(encoding="utf-8")
    alpha = (root / "options" / "alpha.yaml").read_text(encoding="utf-8")
    expect_error(run, "criteria.yaml", line_of(criteria, "ocid_prefix"), "is not an Open Contracting ID prefix")
    expect_error(run, "alpha.yaml", line_of(alpha, "scale: medium"), "'scale' should be 'sme' or 'large'")
    award["ocid_prefix"] = "ocds-abc123"
    assert notice(tender_folder(tmp_path / "u", award), "uk6")["ocid"] == "ocds-abc123-EC-2026-014"

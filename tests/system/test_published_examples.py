"""Published worked examples, encoded as appraisal folders under tests/data/, must give their
published results.

1. Negometrix, "Low bid scoring formula" (procurement platform support manual),
   https://support-us.negometrix.com/support/solutions/articles/44001761046-low-bid-scoring-formula
   The RFP gives Experience 60 points (30%), Extent of quality control / quality assurance
   40 (20%), Time to completion 30 (15%) and Price 70 (35%). "Bidder A scores 40 (of 60),
   30 (of 40), 20 (of 30) and submits a price of $ 10,000. Bidder B scores 32, 20, 22 and
   submits $ 8,000. Bidder A has more points (146) than bidder B (144) and wins." Its table:
   bidder A 40 (20%), 30 (15%), 20 (10%), price 56 (28%), total 146 (73%); bidder B 32 (16%),
   20 (10%), 22 (11%), price 70 (35%), total 144 (72%); "8,000 / 10,000 x 70 (max points) =
   56 points", "8,000/8,000 x 70 = 70 points".

2. The Bean Counter, cost-benefit analysis tutorial workbook, "Multi-Criteria Analysis" sheet,
   https://www.dwmbeancounter.com/BCTutorials/Decisions/files/Cost-Benefit-Analysis_files/sheet006.htm
   Weights 50%, 25%, 15%, 10%; scores out of 10 (0 = nil, 10 = high); weighted score =
   weight x score. Published (score, weighted score) by option:
   Option 1: 3 1.50, 5 1.25, 4 0.60, 4 0.40, overall 16 and 3.8;
   Option 2: 5 2.50, 9 2.25, 6 0.90, 3 0.30, overall 23 and 6.0;
   Option 3: 5 2.50, 0 (blank), 8 1.20, 5 0.50, overall 18 and 4.2;
   Option 4: 5 2.50, 6 1.50, 8 1.20, 8 0.80, overall 27 and 6.0.
   The sheet shows one decimal: Option 2's 6.0 is 5.95 rounded, so options 2 and 4 only look
   tied there; appraise keeps full precision and ranks option 4 (6.00) above option 2 (5.95).
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import REPO, run_appraise

from appraisal.load.folder import load
from appraisal.scoring.weighted_sum import score

DATA = REPO / "tests" / "data"
APPROX = 1e-9


def test_low_bid_price_formula_gives_the_published_points() -> None:
    result = score(load(DATA / "low-bid-scoring"))
    # appraise totals are out of 100; the published points are out of 200, so percent = total.
    points = {o.id: o.total * 2 for o in result.options}
    assert points == pytest.approx({"bidder-a": 146, "bidder-b": 144}, abs=APPROX)
    assert {o.id: o.total for o in result.options} == pytest.approx({"bidder-a": 73, "bidder-b": 72}, abs=APPROX)
    # Each criterion's published share of the 200 points is its contribution.
    published = {
        "bidder-a": {"experience": 20, "quality_assurance": 15, "time_to_completion": 10, "price": 28},
        "bidder-b": {"experience": 16, "quality_assurance": 10, "time_to_completion": 11, "price": 35},
    }
    for o in result.options:
        assert {k: c.contribution for k, c in o.cells.items()} == pytest.approx(published[o.id], abs=APPROX)
    # Price points out of 70: 8,000 / 10,000 x 70 = 56 and 8,000 / 8,000 x 70 = 70.
    price_points = {o.id: o.cells["price"].value * 70 for o in result.options}
    assert price_points == pytest.approx({"bidder-a": 56, "bidder-b": 70}, abs=APPROX)
    # "Bidder A has more points (146) than bidder B (144) and wins."
    assert [(o.id, o.rank) for o in result.options] == [("bidder-a", 1), ("bidder-b", 2)]
    assert result.preferred == "bidder-a"


def test_low_bid_example_through_the_cli() -> None:
    run = run_appraise("score", DATA / "low-bid-scoring", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert [(o["id"], o["rank"]) for o in data["options"]] == [("bidder-a", 1), ("bidder-b", 2)]
    assert [o["total"] for o in data["options"]] == pytest.approx([73, 72], abs=APPROX)
    # The published weight table: 30%, 20%, 15%, 35%.
    assert {c["id"]: c["weight"] for c in data["criteria"]} == pytest.approx(
        {"experience": 0.30, "quality_assurance": 0.20, "time_to_completion": 0.15, "price": 0.35}, abs=APPROX)
    assert data["preferred"] == "bidder-a"


def half_up(value: float, places: str) -> Decimal:
    """Round as a spreadsheet displays (half away from zero), from the shortest decimal repr."""
    return Decimal(repr(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def test_mca_template_gives_the_published_weighted_scores() -> None:
    result = score(load(DATA / "mca-template"))
    published_cells = {
        "option-1": [1.50, 1.25, 0.60, 0.40],
        "option-2": [2.50, 2.25, 0.90, 0.30],
        "option-3": [2.50, 0.00, 1.20, 0.50],
        "option-4": [2.50, 1.50, 1.20, 0.80],
    }
    published_overall = {"option-1": "3.8", "option-2": "6.0", "option-3": "4.2", "option-4": "6.0"}
    for o in result.options:
        # weighted score (weight x score out of 10) = contribution (out of 100) / 10
        cells = [o.cells[f"criterion-{i}"].contribution / 10 for i in range(1, 5)]
        assert cells == pytest.approx(published_cells[o.id], abs=APPROX), o.id
        assert str(half_up(o.total / 10, "0.1")) == published_overall[o.id], o.id
    # Exact totals, out of 100: 37.5, 59.5, 42, 60.
    assert {o.id: o.total for o in result.options} == pytest.approx(
        {"option-1": 37.5, "option-2": 59.5, "option-3": 42, "option-4": 60}, abs=APPROX)
    assert [(o.id, o.rank) for o in result.options] == [
        ("option-4", 1), ("option-2", 2), ("option-3", 3), ("option-1", 4)]
    assert result.preferred == "option-4"


def test_published_example_folders_validate_without_errors() -> None:
    for name in ("low-bid-scoring", "mca-template"):
        run = run_appraise("validate", DATA / name)
        assert run.code == 0, run.err
        assert " error:" not in run.err
        assert run.out.startswith("ok: ")

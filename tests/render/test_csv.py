"""``appraise score --format csv``: numbers without float noise, parent totals and measured figures.

Hand-computed on the Essex children's centres example (examples/essex-childrens-centres):
weights cost 25, services 35 (reach and targeted, 1:1), then 10 + 10 + 10 + 15 (see its
criteria.yaml). See docs/output.md for the CSV layout.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_appraise

from appraisal.render.machine import BOM, csv_number

ESSEX = REPO / "examples" / "essex-childrens-centres"


def rows() -> list[dict[str, str]]:
    run = run_appraise("score", ESSEX, "--format", "csv")
    assert run.code == 0 and run.out.startswith(BOM)
    return list(csv.DictReader(io.StringIO(run.out.removeprefix(BOM))))


def test_numbers_carry_no_float_noise() -> None:
    keep = next(r for r in rows() if r["id"] == "keep-85-main-sites")
    # targeted: score 2 of 5 -> 0.4, global weight 35% / 2 = 17.5% -> 7 points (floats give 6.999999999999999)
    assert keep["targeted.score"] == "2"
    assert keep["targeted.value"] == "0.4"
    assert keep["targeted.contribution"] == "7"
    assert keep["total"] == "73"


def test_a_parent_criterion_has_its_value_and_total() -> None:
    keep = next(r for r in rows() if r["id"] == "keep-85-main-sites")
    # services = reach (1.0 -> 17.5) + targeted (0.4 -> 7) = 24.5 points; value 24.5 / 35 = 0.7
    assert keep["services.contribution"] == "24.5"
    assert keep["services.value"] == "0.7"
    assert "services.score" not in keep


def test_measured_figures_are_columns() -> None:
    by_id = {r["id"]: r for r in rows()}
    assert by_id["keep-85-main-sites"]["measure.annual_cost"] == "20000000"
    assert by_id["main-and-delivery-sites"]["measure.annual_cost"] == "18800000"
    # cost (relative, lower is better): 18.8m / 20m = 0.94 of the best -> 0.94 x 25 = 23.5 points
    assert by_id["keep-85-main-sites"]["cost.value"] == "0.94"
    assert by_id["keep-85-main-sites"]["cost.contribution"] == "23.5"


def test_the_header_follows_the_criteria_tree() -> None:
    run = run_appraise("score", ESSEX, "--format", "csv")
    header = run.out.removeprefix(BOM).splitlines()[0].split(",")
    assert header[8:16] == ["cost.score", "cost.value", "cost.contribution", "services.value",
                            "services.contribution", "reach.score", "reach.value", "reach.contribution"]
    assert [h for h in header if h.startswith("measure.")] == sorted(h for h in header if h.startswith("measure."))


@pytest.mark.parametrize(("value", "text"), [
    (6.999999999999999, "7"), (13.999999999999998, "14"), (4.000000000000001, "4"), (0.1 + 0.2, "0.3"),
    (-0.0, "0"), (80.5, "80.5"), (1 / 3, "0.3333333333"), (37764251.20772947, "37764251.20772947"),
    (-2.5, "-2.5"), (1e15, "1000000000000000"),
])
def test_csv_number(value: float, text: str) -> None:
    assert csv_number(value) == text


def test_the_file_opens_as_utf8_in_excel(tmp_path: Path) -> None:
    """Excel on Windows reads a CSV file without a byte order mark in the system's code page: a
    name with – é £ came out as "â€“ Ã© Â£" (issue 31). The file starts with UTF-8's mark."""
    folder = tmp_path / "a"
    shutil.copytree(REPO / "tests" / "data" / "report-small", folder)
    option = folder / "options" / "alpha.yaml"
    text = option.read_text(encoding="utf-8")
    option.write_text(re.sub(r"(?m)^name: .*$", "name: Café – £5 a week", text, count=1), encoding="utf-8")
    out = tmp_path / "ranking.csv"
    assert run_appraise("score", folder, "-o", out).code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    names = [r["name"] for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))]
    assert "Café – £5 a week" in names

"""Value for money against the Scottish Capital Investment Manual's worked example, and its rules."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.analysis.vfm import (
    Candidate,
    NoComparator,
    cost_per_point,
    dominance,
    frontier,
    next_cheaper,
    step,
    value_for_money,
)
from appraisal.load.folder import load
from appraisal.scoring.weighted_sum import score
from tests.conftest import REPO, run_appraise

SCIM = REPO / "tests" / "data" / "scim-option-appraisal"
"""SCIM's inputs (net present cost, weighted score): P 3.0m/790, Q 4.5m/1010, R 4.0m/1250, S 5.0m/1480."""

P, Q, R, S = (Candidate("p", 3.0e6, 790), Candidate("q", 4.5e6, 1010),
              Candidate("r", 4.0e6, 1250), Candidate("s", 5.0e6, 1480))


def pounds(value: float | None) -> int:
    assert value is not None
    return round(value)


def test_scim_cost_per_point() -> None:
    # 3.0m / 790 = 3,797.47; 4.0m / 1,250 = 3,200; 5.0m / 1,480 = 3,378.38.
    assert [pounds(cost_per_point(c.cost, c.points)) for c in (P, R, S)] == [3797, 3200, 3378]


def test_scim_q_is_dominated_by_r() -> None:
    # Q costs more than R (4.5m > 4.0m) and scores less (1,010 < 1,250).
    assert dominance([P, Q, R, S]) == {"p": (), "q": ("r",), "r": (), "s": ()}


def test_scim_incremental_cost_per_point_against_p() -> None:
    # R: 1.0m / 460 = 2,173.91; S: 2.0m / 690 = 2,898.55.
    assert pounds(step(R, P).cost_per_point) == 2174
    assert pounds(step(S, P).cost_per_point) == 2899


def test_scim_frontier_and_next_cheapest() -> None:
    assert frontier([P, Q, R, S]) == ("p", "r", "s")
    undominated = [P, R, S]
    assert next_cheaper(S, undominated) == R  # Q is cheaper than S but dominated
    assert next_cheaper(R, undominated) == P
    assert next_cheaper(P, undominated) is None
    assert pounds(step(S, R).cost_per_point) == 4348  # 1.0m / 230


def _vfm(folder: Path, *args: str) -> dict[str, Any]:
    run = run_appraise("vfm", folder, "--format", "json", *args)
    assert run.code == 0, run.err
    return dict(json.loads(run.out))


def test_scim_through_the_cli_to_the_pound() -> None:
    doc = _vfm(SCIM)
    by_id = {o["id"]: o for o in doc["options"]}
    assert [o["id"] for o in doc["options"]] == ["p", "r", "q", "s"]  # cheapest first
    assert {k: pounds(o["cost_per_point"]) for k, o in by_id.items()} == {"p": 3797, "q": 4455, "r": 3200, "s": 3378}
    assert by_id["q"]["dominated_by"] == ["r"]
    assert [k for k, o in by_id.items() if o["dominated_by"]] == ["q"]
    assert pounds(by_id["r"]["versus_baseline"]["cost_per_extra_point"]) == 2174
    assert pounds(by_id["s"]["versus_baseline"]["cost_per_extra_point"]) == 2899
    assert by_id["p"]["versus_baseline"] is None and doc["baseline"] == "p"
    assert doc["frontier"] == ["p", "r", "s"]
    assert by_id["r"]["points"] == pytest.approx(1250) and doc["points_out_of"] == 2000


def test_scim_against_the_next_cheapest() -> None:
    by_id = {o["id"]: o for o in _vfm(SCIM, "--against", "next-cheapest")["options"]}
    assert by_id["p"]["incremental"] is None
    assert by_id["r"]["incremental"]["against"] == "p"
    assert pounds(by_id["r"]["incremental"]["cost_per_extra_point"]) == 2174
    assert by_id["s"]["incremental"]["against"] == "r"
    assert pounds(by_id["s"]["incremental"]["cost_per_extra_point"]) == 4348
    assert by_id["q"]["incremental"]["against"] == "r"  # the dearest undominated option cheaper than Q
    assert by_id["q"]["incremental"]["cost_per_extra_point"] is None  # Q scores fewer points than R


def test_scim_markdown_and_table_show_the_published_figures(tmp_path: Path) -> None:
    run = run_appraise("vfm", SCIM, "--format", "markdown")
    assert run.code == 0, run.err
    for figure in ("£3,797", "£3,200", "£3,378", "£2,174", "£2,899"):
        assert figure in run.out
    assert "| Option Q (q) | 1010.00 | £4,500,000 | £4,455 |" in run.out
    assert "dominated by r" in run.out
    out = tmp_path / "vfm.txt"
    run = run_appraise("vfm", SCIM, "--output", out)
    assert run.code == 0 and run.out == ""
    table = out.read_text(encoding="utf-8")
    assert "£3,797" in table and "\x1b[" not in table
    assert run_appraise("vfm", SCIM, "--output", out).code == 0
    assert out.read_text(encoding="utf-8") == table  # deterministic


def test_the_extended_dominance_option_is_off_the_frontier() -> None:
    # B is not dominated, but mixing A and C buys more points for B's cost: A->C costs 0.2 a point,
    # A->B 0.5 a point.
    a, b, c = Candidate("a", 1, 10), Candidate("b", 2, 12), Candidate("c", 3, 20)
    assert dominance([a, b, c]) == {"a": (), "b": (), "c": ()}
    assert frontier([a, b, c]) == ("a", "c")


def test_twins_do_not_dominate_each_other_and_a_line_keeps_every_point() -> None:
    a, twin = Candidate("a", 1, 10), Candidate("twin", 1, 10)
    assert dominance([a, twin]) == {"a": (), "twin": ()}
    line = [Candidate("x", 0, 0), Candidate("y", 1, 10), Candidate("z", 2, 20)]
    assert frontier(line) == ("x", "y", "z")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=12))
def test_the_frontier_is_undominated_and_ever_dearer_per_point(pairs: list[tuple[int, int]]) -> None:
    candidates = [Candidate(f"o{i}", float(c), float(p)) for i, (c, p) in enumerate(pairs)]
    dominated = dominance(candidates)
    path = [next(c for c in candidates if c.id == i) for i in frontier(candidates)]
    assert path and all(not dominated[c.id] for c in path)
    assert all(b.cost > a.cost and b.points > a.points for a, b in pairwise(path))
    slopes = [(b.cost - a.cost) / (b.points - a.points) for a, b in pairwise(path)]
    assert all(s2 >= s1 - 1e-12 for s1, s2 in pairwise(slopes))
    cheapest = min(c.cost for c in candidates)
    assert path[0].cost == cheapest and path[0].points == max(c.points for c in candidates if c.cost == cheapest)


def _criteria(**finance: Any) -> dict[str, Any]:
    return {
        "title": "Money",
        "criteria": [{"id": "quality", "name": "Quality", "weight": 100}],
        "gates": [{"id": "legal", "name": "Lawful"}],
        "finance": {"years": 3, "discount_rate": 0.0, **finance},
    }


def _option(score: float, costs: dict[str, Any] | None, *, legal: bool = True, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": f"Scores {score}", "scores": {"quality": {"score": score, "rationale": "r"}},
                            "gates": {"legal": legal}, **extra}
    if costs is not None:
        data["costs"] = costs
    return data


def test_optimism_bias_is_shown_apart_and_never_changes_npv_cost(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(optimism_bias={"project_type": "outsourcing"}), {
        "bau": _option(2, {"annual": 100_000}, baseline=True),
        "build": _option(4, {"capital": 1_000_000, "operating": 50_000},
                         optimism_bias={"project_type": "standard_buildings"}),
    })
    by_id = {o["id"]: o for o in _vfm(folder)["options"]}
    # Outsourcing: +41% on operating lines (the annual line counts as operating): 0.41 x 300,000.
    assert by_id["bau"]["npv_cost"] == pytest.approx(300_000)
    assert by_id["bau"]["optimism_bias"] == pytest.approx({"annual": 123_000})
    assert by_id["bau"]["cost"] == pytest.approx(423_000)
    # The option's own type wins: standard buildings, +24% on capital, no operating uplift.
    assert by_id["build"]["optimism_bias"] == pytest.approx({"capital": 240_000})
    assert by_id["build"]["cost"] == pytest.approx(1_150_000 + 240_000)
    score = json.loads(run_appraise("score", folder, "--format", "json").out)
    assert {o["id"]: o["measures"]["npv_cost"] for o in score["options"]} == pytest.approx(
        {"bau": 300_000, "build": 1_150_000})
    md = run_appraise("vfm", folder, "--format", "markdown").out
    assert "| Optimism bias | Cost with optimism bias |" in md and "£123,000" in md


def test_an_option_failing_a_gate_dominates_nothing(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {
        "bau": _option(2, {"annual": 300}, baseline=True),
        "cheap-unlawful": _option(5, {"annual": 100}, legal=False),
    })
    by_id = {o["id"]: o for o in _vfm(folder)["options"]}
    assert by_id["bau"]["dominated_by"] == [] and by_id["bau"]["on_frontier"]
    assert not by_id["cheap-unlawful"]["on_frontier"] and not by_id["cheap-unlawful"]["eligible"]
    assert by_id["cheap-unlawful"]["versus_baseline"]["extra_cost"] == pytest.approx(-600)


def test_without_a_baseline_say_so_and_offer_next_cheapest(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {"a": _option(2, {"annual": 1}), "b": _option(3, {"annual": 2})})
    run = run_appraise("vfm", folder)
    assert run.code == 2 and "--against next-cheapest" in run.err and run.out == ""
    doc = _vfm(folder, "--against", "next-cheapest")
    assert doc["baseline"] is None
    assert doc["options"][1]["incremental"]["cost_per_extra_point"] == pytest.approx(3 / (0.2 * 100))


def test_the_engine_raises_a_domain_error_not_a_command_line_one(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {"a": _option(2, {"annual": 1}, baseline=True), "b": _option(3, {"annual": 2})})
    result = score(load(folder))
    with pytest.raises(NoComparator) as raised:
        value_for_money(result, "do-minimum")
    assert raised.value.against == "do-minimum" and "--against" not in str(raised.value)
    assert str(raised.value) == "no shortlisted option is with 'role: do_minimum'"
    run = run_appraise("vfm", folder, "--against", "do-minimum")
    assert run.code == 2 and run.out == ""
    assert run.err.strip() == ("--against do-minimum: no shortlisted option is with 'role: do_minimum'; "
                               "use --against next-cheapest")


def test_against_the_do_minimum(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {
        "bau": _option(1, {"annual": 10}, baseline=True),
        "min": _option(2, {"annual": 20}, role="do_minimum"),
        "big": _option(4, {"annual": 50}, role="preferred_way_forward"),
    })
    by_id = {o["id"]: o for o in _vfm(folder, "--against", "do-minimum")["options"]}
    # big over min: 90 extra over 2 points of 5 = 40 points on the 0-100 total.
    assert by_id["big"]["incremental"] == {"against": "min", "extra_cost": 90.0, "extra_points": 40.0,
                                           "cost_per_extra_point": 2.25}
    assert by_id["big"]["versus_baseline"]["against"] == "bau"
    assert by_id["big"]["roles"] == ["preferred_way_forward"]


def test_an_option_without_costs_is_named(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {"bau": _option(2, None, baseline=True), "b": _option(3, {"annual": 2})})
    run = run_appraise("vfm", folder)
    assert run.code == 2
    assert "options/bau.yaml:1:1: error: value for money needs every shortlisted option's costs" in run.err


def test_a_scenario_changes_the_figures(tmp_path: Path) -> None:
    folder = tmp_path / "scim"
    shutil.copytree(SCIM, folder)
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "dear-r.yaml").write_text(
        "name: R costs more\ncosts: {r: {one_off: 4600000}}\n", encoding="utf-8")
    doc = _vfm(folder, "--scenario", folder / "scenarios" / "dear-r.yaml")
    by_id = {o["id"]: o for o in doc["options"]}
    assert doc["scenario"] == "R costs more"
    assert by_id["q"]["dominated_by"] == []  # R now costs more than Q
    assert pounds(by_id["r"]["cost_per_point"]) == 3680  # 4.6m / 1,250


def test_roles_are_checked_and_the_short_list_warned_about(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {
        "a": _option(2, {"annual": 1}, role="business_as_usual"),
        "b": _option(3, {"annual": 2}, role="do_minimum"),
        "c": _option(3, {"annual": 2}, role="do_minimum"),
    })
    run = run_appraise("validate", folder)
    assert run.code == 2 and "options/c.yaml:" in run.err and "only one option can be the do minimum" in run.err
    (folder / "options" / "c.yaml").unlink()
    (folder / "options" / "b.yaml").write_text("name: B\nscores: {quality: {score: 3, rationale: r}}\n"
                                                "gates: {legal: true}\ncosts: {annual: 2}\n", encoding="utf-8")
    run = run_appraise("validate", folder)
    assert run.code == 0 and "warning: no shortlisted option has 'role: do_minimum'" in run.err
    assert "Green Book 2022, para 5.53" in run.err
    doc = json.loads(run_appraise("score", folder, "--format", "json").out)
    assert {o["id"]: o["baseline"] for o in doc["options"]} == {"a": True, "b": False}


def test_baseline_and_role_must_agree(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {"a": _option(2, {"annual": 1}, baseline=True, role="do_minimum")})
    run = run_appraise("validate", folder)
    assert run.code == 2 and "'baseline: true' marks the business-as-usual option" in run.err


def test_the_documented_scim_output_is_what_the_command_prints() -> None:
    doc = (REPO / "docs" / "green-book.md").read_text(encoding="utf-8")
    block = doc.split("<!-- scim-output", 1)[1].split("```markdown\n", 1)[1].split("```\n", 1)[0]
    run = run_appraise("vfm", SCIM, "--format", "markdown")
    assert run.code == 0 and run.out == block


# --- the report's value-for-money section ---------------------------------------------------


def test_report_markdown_has_the_section_with_the_published_figures() -> None:
    run = run_appraise("report", SCIM, "--format", "markdown")
    assert run.code == 0, run.err
    section = run.out.split("## Value for money\n", 1)[1].split("\n## ", 1)[0]
    assert "| Option R | 1250.00 | £4,000,000 | £3,200 | +£1,000,000 | +460.00 | £2,174 | on the frontier |" in section
    assert "| Option P | 790.00 | £3,000,000 | £3,797 | baseline | – | – |" in section
    assert "£3,378" in section and "£2,899" in section
    assert "Efficiency frontier: Option P, then Option R, then Option S." in section
    assert "Dominated (costs more and scores less than another option): Option Q." in section


def test_report_html_draws_the_frontier_as_inline_svg_with_a_text_alternative() -> None:
    run = run_appraise("report", SCIM, "--format", "html")
    assert run.code == 0, run.err
    section = run.out.split('id="value_for_money"', 1)[1].split("</section>", 1)[0]
    assert "<script" not in run.out.lower()
    assert ('role="img" aria-labelledby="value_for_money-chart-title" '
            'aria-describedby="value_for_money-chart-desc"') in section
    assert "The efficiency frontier joins Option P, then Option R, then Option S." in section
    # Axes: costs 3.0m..5.0m over x 96..730, points 600..1,600 over y 340..16 (nice ticks around the data).
    # P (3.0m, 790): x 96, y 340 - 190/1000 x 324 = 278.44; R (4.0m, 1,250): x 413, y 129.4;
    # S (5.0m, 1,480): x 730, y 54.88.
    assert '<polyline points="96.0,278.44 413.0,129.4 730.0,54.88"' in section
    assert '<circle cx="571.5" cy="207.16" r="5.5" fill="#ffffff"' in section  # Q: a ring, dominated
    assert "<title>Option Q: £4,500,000, 1010.00 points</title>" in section
    assert "<caption" in section and "£2,174" in section
    for tick in (">£3.0m<", ">£4.5m<", ">£5.0m<", ">600<", ">1,600<"):
        assert tick in section


def test_report_leaves_the_section_out_without_costs(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {"a": _option(2, None, baseline=True), "b": _option(3, {"annual": 2})})
    run = run_appraise("report", folder, "--format", "markdown")
    assert run.code == 0, run.err
    assert "## Value for money" not in run.out and "## Financial summary" in run.out


def test_report_escapes_option_names_in_the_chart(appraisal_dir: Callable[..., Path]) -> None:
    folder = appraisal_dir(_criteria(), {
        "a": _option(2, {"annual": 1}, baseline=True),
        "b": {**_option(3, {"annual": 2}), "name": "<b onload=x>Bold</b> & co"},
    })
    html = run_appraise("report", folder, "--format", "html").out
    section = html.split('id="value_for_money"', 1)[1].split("</section>", 1)[0]
    assert "<b onload" not in section and "&lt;b onload=x&gt;Bold&lt;/b&gt; &amp; co" in section


def test_a_tender_evaluation_compares_each_tender_with_the_next_cheapest_unless_told(tmp_path: Path) -> None:
    """Tenders have no business as usual to be marked 'baseline: true': the default
    comparator of a tender evaluation is the next-cheapest tender, as the report's is."""
    from tenders_case import folder

    tenders = folder(tmp_path)
    doc = _vfm(tenders)
    assert doc["against"] == "next-cheapest" and doc["baseline"] is None
    assert doc == _vfm(tenders, "--against", "next-cheapest")
    run = run_appraise("vfm", tenders, "--against", "baseline")
    assert run.code == 2 and "use --against next-cheapest" in run.err

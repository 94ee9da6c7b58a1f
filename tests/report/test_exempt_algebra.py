"""The public report gives no path to an exempt price (contract section 11; docs/report.md,
Exempt information), tried as an algebra problem by :mod:`exempt_attack`: every number of the
public Markdown, HTML and template context, and every way of working a price back from them.

Then a property over random prices: moving an exempt price a little (so that no option changes
place, gate or role) leaves the public report byte for byte the same, so no function of it,
however clever, can tell the two prices apart; the exempt appendix does change.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from exempt_attack import Attack, Case, leaks, recovered, rendered
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from appraisal.analysis.dominance import dominators
from appraisal.analysis.switching import switching_values
from appraisal.analysis.vfm import value_for_money
from appraisal.report.withhold import analyse
from appraisal.scoring.weighted_sum import Result

PRICES = {"a": 1_200_000, "b": 1_050_000, "c": 1_110_000, "d": 1_480_000, "e": 1_320_000}
"""The tester's case: the cheapest price £1,050,000, one of £1,110,000 (28.38 price points of 30
under ``relative`` when it is not the cheapest: 40 x 1,050,000 / 1,110,000 x 0.75)."""

CASES = [
    Case("relative, exempt middle (the tester's case)", PRICES, frozenset({"c"})),
    Case("relative, exempt cheapest", PRICES, frozenset({"b"})),
    Case("relative, exempt dearest", PRICES, frozenset({"d"})),
    Case("linear, exempt middle", PRICES, frozenset({"c"}), "linear"),
    Case("linear, exempt cheapest", PRICES, frozenset({"b"}), "linear"),
    Case("linear, exempt dearest", PRICES, frozenset({"d"}), "linear"),
    Case("relative, parent criterion, exempt middle", PRICES, frozenset({"e"}), parent=True),
    Case("linear, parent criterion, exempt cheapest", PRICES, frozenset({"b"}), "linear", parent=True),
    Case("relative, two exempt", PRICES, frozenset({"b", "e"})),
    Case("linear, two exempt, budget", PRICES, frozenset({"c", "d"}), "linear", budget=1_400_000),
    Case("relative, budget, exempt over budget", PRICES, frozenset({"d"}), budget=1_400_000),
    Case("relative, no baseline, whole-life cost", PRICES, frozenset({"c"}), baseline=None,
         measure="whole_life_cost"),
    Case("linear, net present cost, exempt baseline", PRICES, frozenset({"a"}), "linear", measure="npv_cost"),
    Case("points, parent criterion, budget", PRICES, frozenset({"c"}), "points", parent=True, budget=1_400_000),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_path_recovers_an_exempt_price(tmp_path: Path, case: Case) -> None:
    assert leaks(case, tmp_path) == []


@pytest.mark.parametrize("case", [CASES[0], CASES[1]], ids=["exempt middle", "exempt cheapest"])
def test_no_path_recovers_an_exempt_price_from_the_word_document(tmp_path: Path, case: Case) -> None:
    """The Word document is the Markdown typeset, with the charts drawn as pictures: its text,
    alt text and properties are read too (the PDF is that document laid out)."""
    assert leaks(case, tmp_path, word=True) == []


@pytest.mark.parametrize("function", ["relative", "linear", "points"])
def test_the_attack_finds_a_price_that_is_printed(tmp_path: Path, function: str) -> None:
    """The control: with nothing exempt, the same paths find c's price (printed, and worked back
    from its points and total) and, but under ``points``, b's, the cheapest, from the other
    options' points."""
    case = Case("control", PRICES, frozenset(), function)
    report = rendered(case, tmp_path / "all")
    paths = {key[0] for key in recovered(report, Attack(case, "c"))}
    assert {"direct", "own points", "total less other points", "product"} <= paths
    cheapest = {key[0] for key in recovered(report, Attack(case, "b"))}
    assert ("setter" in cheapest) == (function != "points")


def _regime(result: Result, hidden: frozenset[str]) -> tuple[object, ...]:
    """Everything discrete about an appraisal that a public report may show: the order, the
    gates, which ends exempt figures set, dominance, the frontier and who a switch goes to."""
    vfm = value_for_money(result, "baseline" if any(o.baseline for o in result.options) else "next-cheapest")
    return (
        [(o.id, o.rank, o.eligible) for o in result.options],
        sorted(analyse(result, hidden).set_by.items()),
        sorted(dominators(result).items()),
        [(o.id, o.on_frontier, o.dominated_by, o.incremental.against if o.incremental else None)
         for o in vfm.options],
        [(w.criterion, w.below, w.above) for w in switching_values(result)],
    )


PRICE = st.integers(min_value=600_000, max_value=2_400_000)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A random appraisal of three to five options, one or two of them with exempt costs."""
    prices = draw(st.lists(PRICE, min_size=3, max_size=5, unique=True))
    ids = "abcde"[:len(prices)]
    exempt = draw(st.sets(st.sampled_from(ids), min_size=1, max_size=2))
    return Case("random", dict(zip(ids, prices, strict=True)), frozenset(exempt),
                draw(st.sampled_from(["relative", "linear", "points"])), draw(st.booleans()),
                draw(st.one_of(st.none(), PRICE)), draw(st.sampled_from(["a", None])),
                draw(st.sampled_from(["annual_cost", "whole_life_cost", "npv_cost"])))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), shift=st.integers(min_value=1, max_value=4_000))
def test_moving_an_exempt_price_a_little_changes_nothing_public(case: Case, shift: int) -> None:
    target = sorted(case.exempt)[0]
    moved = case.with_price(target, case.prices[target] + shift)
    assume(moved.prices[target] not in {x for o, x in case.prices.items() if o != target})
    with tempfile.TemporaryDirectory() as tmp:
        one, two = rendered(case, Path(tmp) / "one"), rendered(moved, Path(tmp) / "two")
        assume(_regime(one.result, case.exempt) == _regime(two.result, case.exempt))
        assert one.appendix != two.appendix  # the move is real: the exempt appendix shows it
        assert one.markdown == two.markdown
        assert one.html == two.html

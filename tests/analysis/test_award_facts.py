"""The award facts every notice is filled from: weights as exact percentages (the largest
remainder method at two places) and the UK's time of day in the releases' dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from appraisal.analysis.award_facts import exact_percentages
from appraisal.check.standstill import uk_time


def test_percentages_by_hand() -> None:
    # three equal weights: 33.333... each; 33.33 x 3 = 99.99, the one unit left goes to the first (ties: earlier)
    assert exact_percentages([1, 1, 1]) == (Decimal("33.34"), Decimal("33.33"), Decimal("33.33"))
    # six equal: 16.666... each; 16.66 x 6 = 99.96, four units left: the first four get 16.67
    assert exact_percentages([2.5] * 6) == (*[Decimal("16.67")] * 4, *[Decimal("16.66")] * 2)
    # 1 : 2 : 3 (sum 6): 16.666.., 33.333.., 50; remainders .666 and .333: the first gets the unit
    assert exact_percentages([1, 2, 3]) == (Decimal("16.67"), Decimal("33.33"), Decimal("50.00"))
    assert exact_percentages([40, 25, 20, 15]) == (Decimal("40.00"), Decimal("25.00"), Decimal("20.00"),
                                                    Decimal("15.00"))
    # 0.1 + 0.2 in binary floats is not 0.3: the fractions are exact, so 1/3 and 2/3 of the whole
    assert exact_percentages([0.1, 0.2]) == (Decimal("33.33"), Decimal("66.67"))


weights = st.lists(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False),
                   min_size=1, max_size=40)


@given(weights)
def test_percentages_sum_to_exactly_100_each_within_a_unit_of_its_share(given: list[float]) -> None:
    shown = exact_percentages(given)
    assert sum(shown) == Decimal(100)
    total = sum(Fraction(w) for w in given)
    for w, p in zip(given, shown, strict=True):
        assert p == p.quantize(Decimal("0.01"))
        share = Fraction(w) / total * 100
        assert abs(Fraction(p) - share) < Fraction(1, 100)  # the cut loses less than a unit; a unit added at most


@given(weights)
def test_a_larger_weight_never_shows_a_smaller_percentage(given: list[float]) -> None:
    shown = exact_percentages(given)
    for i in range(len(given)):
        for j in range(len(given)):
            if Fraction(given[i]) > Fraction(given[j]):
                assert shown[i] >= shown[j]


def test_uk_time_around_the_clock_changes() -> None:
    # 2026: Summer Time from Sunday 29 March (01:00 GMT) to Sunday 25 October (01:00 GMT)
    assert uk_time(dt.date(2026, 3, 28)) == "2026-03-28T00:00:00+00:00"
    assert uk_time(dt.date(2026, 3, 29)) == "2026-03-29T00:00:00+00:00"  # midnight comes before 01:00 GMT
    assert uk_time(dt.date(2026, 3, 29), end=True) == "2026-03-29T23:59:59+01:00"
    assert uk_time(dt.date(2026, 3, 30)) == "2026-03-30T00:00:00+01:00"
    assert uk_time(dt.date(2026, 10, 25)) == "2026-10-25T00:00:00+01:00"  # still BST at its start
    assert uk_time(dt.date(2026, 10, 25), end=True) == "2026-10-25T23:59:59+00:00"
    assert uk_time(dt.date(2026, 12, 21), end=True) == "2026-12-21T23:59:59+00:00"

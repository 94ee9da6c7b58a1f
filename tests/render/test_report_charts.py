"""Chart text fits its chart: widths are measured (conservatively), names wrap above their bars,
the plot leaves room for the widest total, legend names wrap, and a gate-failing option's bar
is marked in words as well as by its hatching."""

from __future__ import annotations

import pytest

from appraisal.render.charts import (
    LABEL_SIZE,
    LEGEND_SIZE,
    UNRANKED,
    WIDTH,
    stacked_bars,
    text_width,
    wrap,
)

LONG = "Bring Bath West into the Council as one Council-managed Children's Centre service, with outreach"


def test_text_width_is_an_upper_bound_by_character_class() -> None:
    # 'i' is narrow, 'm' wide, digits in between: 0.36, 1.12 and 0.72 em at 10px
    assert text_width("i", 10) == pytest.approx(3.6)
    assert text_width("m", 10) == pytest.approx(11.2)
    assert text_width("12", 10) == pytest.approx(14.4)
    assert text_width("", 14) == 0


def test_wrap_breaks_at_spaces_and_cuts_the_last_line() -> None:
    lines = wrap(LONG, 300, LABEL_SIZE, 2)
    assert len(lines) == 2
    assert all(text_width(line, LABEL_SIZE) <= 300 for line in lines)
    assert lines[0] == LONG[: len(lines[0])]  # the first line is the start of the name, unchanged
    assert lines[1].endswith("…")
    assert wrap("Short name", 300, LABEL_SIZE, 2) == ["Short name"]
    assert wrap("x" * 100, 100, LABEL_SIZE, 2)[0].endswith("…")


def test_every_label_total_and_legend_name_fits_inside_the_chart() -> None:
    series = [LONG, "Impact on the current providers and organisations", "Social value", "Risk"]
    chart = stacked_bars([(LONG, [40.0, 30.0, 20.0, 10.0], "100.00", False), ("B", [10.0, 0, 0, 0], "10.00", True)],
                         series)
    for bar in chart["bars"]:
        assert bar["total_x"] + text_width(bar["total"], LABEL_SIZE) <= WIDTH
        assert all(chart["plot_left"] + text_width(line, LABEL_SIZE) <= WIDTH for line in bar["lines"])
    for item in chart["legend"]:
        assert all(item["x"] + 20 + text_width(line, LEGEND_SIZE) <= WIDTH for line in item["lines"])
        assert item["y"] + 20 * (len(item["lines"]) - 1) < chart["height"]
    assert [" ".join(i["lines"]) for i in chart["legend"]][1:] == series[1:]  # nothing cut but the longest
    # a bar of the full 100 points ends where the plot ends, and its total still fits after it
    assert chart["bars"][0]["segments"][-1]["x"] + chart["bars"][0]["segments"][-1]["width"] == chart["plot_right"]


def test_a_gate_failing_bar_is_marked_in_words_and_hatched() -> None:
    chart = stacked_bars([("A", [70.0], "70.00", True), ("B", [80.0], "80.00", False)], ["Cost"])
    ranked, failing = chart["bars"]
    assert (ranked["ranked"], ranked["total"]) == (True, "70.00")
    assert (failing["ranked"], failing["total"]) == (False, f"80.00 ({UNRANKED})")
    assert chart["hatched"] is True
    assert stacked_bars([("A", [70.0], "70.00", True)], ["Cost"])["hatched"] is False

"""Chart geometry for the HTML report: positions and colours, drawn as inline SVG by a template.

This module only computes where things go; ``templates/partials/stacked_bars.svg.j2`` draws
them, so every piece of text in a chart passes through the HTML environment's autoescape.
No JavaScript and no external file is involved. Every chart comes with a title, a text
description and a data table (WCAG 2.2 success criterion 1.1.1, non-text content).

Text is placed by its measured width (:func:`text_width`), not by a count of characters, so
a label never runs past the chart's edge: option names go above their bars, wrapped to
:data:`LABEL_LINES` lines; the plot leaves room on its right for the widest total; legend
names wrap within the chart's width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

PALETTE = (
    "#1d70b8", "#b58840", "#4c2c92", "#28a197", "#d4351c",
    "#505a5f", "#d53880", "#00703c", "#6f72af", "#85994b",
)
"""Series colours from the GOV.UK Frontend palette, each at least 3:1 against white (WCAG 2.2
success criterion 1.4.11, non-text contrast), ordered so neighbours differ in hue and lightness.
A chart with more series than colours reuses them in order; the legend and table tell them apart."""

WIDTH = 760
PLOT_LEFT = 8
BAR_HEIGHT = 24
LINE_HEIGHT = 18
"""Height of one line of a 14px label above its bar."""
BAR_GAP = 14
TOP = 8
LABEL_SIZE = 14
"""Font size in pixels of bar labels and totals (``.chart-label``, ``.chart-total``)."""
LEGEND_SIZE = 13
"""Font size in pixels of the legend (``.chart-legend``)."""
LABEL_LINES = 2
LEGEND_ROW = 20
SWATCH = 20
"""A legend item's swatch and the gap before its text."""
LEGEND_GAP = 18
UNRANKED = "not ranked: fails a gate"
"""The words after a gate-failing option's total, so it is told apart by more than its hatching."""

_EM = {
    **dict.fromkeys("il.,:;'!|`", 0.36),
    **dict.fromkeys("fjtrI()[]{}-/\\\"", 0.52),
    **dict.fromkeys("mwMW%@…", 1.12),
    " ": 0.36,
}
"""Conservative advance widths, in ems, of the widest sans-serif fonts a browser may pick for
the chart (DejaVu Sans Bold, the Linux fallback, is wider than Arial, Roboto or Segoe UI)."""
_DIGIT, _LOWER, _UPPER, _OTHER = 0.72, 0.72, 0.82, 1.0


def text_width(text: str, size: float) -> float:
    """An upper bound on the width in pixels of ``text`` at ``size`` pixels, in any sans font."""
    em = 0.0
    for ch in text:
        if ch in _EM:
            em += _EM[ch]
        elif ch.isdigit():
            em += _DIGIT
        elif ch.isascii() and ch.islower():
            em += _LOWER
        elif ch.isascii() and ch.isupper():
            em += _UPPER
        else:
            em += _OTHER
    return em * size


def cut(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fit(text: str, width: float, size: float) -> str:
    """``text`` if it fits in ``width`` pixels, else as much of its start as fits, and an ellipsis."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text.rstrip() + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def wrap(text: str, width: float, size: float, lines: int) -> list[str]:
    """``text`` broken at spaces into at most ``lines`` lines of at most ``width`` pixels; the
    last line is cut with an ellipsis when the text does not fit, and a word too long for a
    line is cut the same way."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", size) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = out[-1] + " " + " ".join(words)
    return [fit(line, width, size) for line in out]


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    series: str
    value: str


@dataclass(frozen=True)
class Bar:
    y: float
    """The top of the bar; its label's lines sit above it."""
    lines: tuple[str, ...]
    """The label drawn, wrapped (and cut, if need be) to fit; ``title`` has it in full."""
    title: str
    total: str
    total_x: float
    ranked: bool
    """False for an option that fails a gate: the template hatches its bar and says so."""
    width: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    """The baseline of the first line of the label."""
    colour: str
    lines: tuple[str, ...]
    title: str


@dataclass(frozen=True)
class StackedBars:
    width: int
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bar_height: float
    line_height: float
    legend_row: float
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    legend: tuple[LegendItem, ...]
    hatched: bool
    """Whether any bar is hatched, so the template defines the pattern."""


def _legend(series: Sequence[str], top: float) -> tuple[list[LegendItem], float]:
    """Legend items flowed left to right, a name too wide for the chart wrapped onto more rows.

    Returns the items and the y below the last row.
    """
    items: list[LegendItem] = []
    x, y, row_lines = float(PLOT_LEFT), top, 1
    room = WIDTH - PLOT_LEFT - SWATCH - 4
    for j, name in enumerate(series):
        lines = wrap(name, room, LEGEND_SIZE, 3)
        width = SWATCH + max(text_width(line, LEGEND_SIZE) for line in lines)
        if x > PLOT_LEFT and (x + width > WIDTH - 4 or len(lines) > 1):
            x, y, row_lines = float(PLOT_LEFT), y + row_lines * LEGEND_ROW, 1
        items.append(LegendItem(round(x, 2), y, PALETTE[j % len(PALETTE)], tuple(lines), name))
        row_lines = max(row_lines, len(lines))
        x += width + LEGEND_GAP
        if len(lines) > 1:
            x = WIDTH  # a wrapped name has its rows to itself
    return items, y + row_lines * LEGEND_ROW


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float | None], str, bool]],
    series: Sequence[str],
    *,
    maximum: float = 100.0,
    step: float = 20.0,
    fmt: str = "{:.2f}",
) -> dict[str, Any]:
    """Horizontal stacked bars on a 0..``maximum`` axis, one bar per row.

    Each row is (label, one value per series, total text, ranked); an unranked row's total
    says so (:data:`UNRANKED`). A value of None is withheld (an exempt figure's points): it
    gets no segment and no room, so nothing on the chart measures it. Returns plain data for
    the template: the SVG's size, the axis ticks, each bar's label lines and segments, and the
    legend.
    """
    totals = [total if ranked else f"{total} ({UNRANKED})" for _, _, total, ranked in rows]
    room = max((text_width(t, LABEL_SIZE) for t in totals), default=0.0) + 6 + 4
    plot_width = WIDTH - PLOT_LEFT - room
    scale = plot_width / maximum
    bars = []
    y = TOP
    for (label, values, _, ranked), total in zip(rows, totals, strict=True):
        lines = wrap(label, WIDTH - PLOT_LEFT - 4, LABEL_SIZE, LABEL_LINES)
        y += len(lines) * LINE_HEIGHT
        x = float(PLOT_LEFT)
        segments = []
        for j, value in enumerate(values):
            if value is None:
                continue
            width = max(0.0, value) * scale
            if width > 0:
                segments.append(Segment(round(x, 2), round(width, 2), PALETTE[j % len(PALETTE)],
                                        series[j], fmt.format(value)))
            x += width
        bars.append(Bar(y, tuple(lines), label, total, round(x + 6, 2), ranked, round(x - PLOT_LEFT, 2),
                        tuple(segments)))
        y += BAR_HEIGHT + BAR_GAP
    plot_bottom = y - BAR_GAP + 4
    count = round(maximum / step)
    ticks = tuple(Tick(round(PLOT_LEFT + k * step * scale, 2), f"{k * step:g}") for k in range(count + 1))
    legend, below = _legend(series, plot_bottom + 44)
    height = below if series else plot_bottom + 30
    chart = StackedBars(WIDTH, height, PLOT_LEFT, round(PLOT_LEFT + plot_width, 2), TOP - 4, plot_bottom,
                        BAR_HEIGHT, LINE_HEIGHT, LEGEND_ROW, ticks, tuple(bars), tuple(legend),
                        any(not ranked for *_, ranked in rows))
    return asdict(chart)

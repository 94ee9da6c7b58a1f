"""Chart geometry for the HTML report: positions and colours, drawn as inline SVG by a template.

This module only computes where things go; ``templates/partials/stacked_bars.svg.j2`` draws
them, so every piece of text in a chart passes through the HTML environment's autoescape.
No JavaScript and no external file is involved. Every chart comes with a title, a text
description and a data table (WCAG 2.2 success criterion 1.1.1, non-text content).
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
LABEL_WIDTH = 170
PLOT_LEFT = 180
PLOT_WIDTH = 500
BAR_HEIGHT = 24
BAR_STEP = 36
TOP = 8
CHAR_WIDTH = 7.2
"""Rough width of one character at the chart's 13px font, for wrapping and cutting labels."""
LEGEND_ROW = 24
LABEL_CHARS = 22
LEGEND_CHARS = 44


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
    label: str
    """The label drawn (cut to fit); ``title`` has it in full."""
    title: str
    total: str
    total_x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    colour: str
    label: str
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
    ticks: tuple[Tick, ...]
    bars: tuple[Bar, ...]
    legend: tuple[LegendItem, ...]


def cut(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def stacked_bars(
    rows: Sequence[tuple[str, str, Sequence[float], str]],
    series: Sequence[str],
    *,
    maximum: float = 100.0,
    step: float = 20.0,
    fmt: str = "{:.2f}",
) -> dict[str, Any]:
    """Horizontal stacked bars on a 0..``maximum`` axis, one bar per row.

    Each row is (label, full title, one value per series, total text). Returns plain data
    for the template: the SVG's size, the axis ticks, each bar's segments and the legend.
    """
    scale = PLOT_WIDTH / maximum
    bars = []
    for i, (label, title, values, total) in enumerate(rows):
        y = TOP + i * BAR_STEP
        x = float(PLOT_LEFT)
        segments = []
        for j, value in enumerate(values):
            width = max(0.0, value) * scale
            if width > 0:
                segments.append(Segment(round(x, 2), round(width, 2), PALETTE[j % len(PALETTE)],
                                        series[j], fmt.format(value)))
            x += width
        bars.append(Bar(y, cut(label, LABEL_CHARS), title, total, round(x + 6, 2), tuple(segments)))
    plot_bottom = TOP + len(rows) * BAR_STEP
    count = round(maximum / step)
    ticks = tuple(Tick(PLOT_LEFT + k * step * scale, f"{k * step:g}") for k in range(count + 1))
    legend = []
    x, y = float(PLOT_LEFT), plot_bottom + 44
    for j, name in enumerate(series):
        label = cut(name, LEGEND_CHARS)
        width = 22 + len(label) * CHAR_WIDTH + 18
        if x + width > WIDTH and x > PLOT_LEFT:
            x, y = float(PLOT_LEFT), y + LEGEND_ROW
        legend.append(LegendItem(round(x, 2), y, PALETTE[j % len(PALETTE)], label, name))
        x += width
    height = (y + LEGEND_ROW) if series else plot_bottom + 30
    chart = StackedBars(WIDTH, height, PLOT_LEFT, PLOT_LEFT + PLOT_WIDTH, TOP - 4, plot_bottom,
                        BAR_HEIGHT, ticks, tuple(bars), tuple(legend))
    return asdict(chart)

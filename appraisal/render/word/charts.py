"""The report's charts as PNG images, drawn from the geometry the HTML report's SVG uses.

A chart in a Word document must show in Word and in LibreOffice alike, and both read PNG
(an SVG picture in Word needs a PNG fallback anyway). The layout is the one computed for the
SVG (:mod:`appraisal.render.charts`, :mod:`appraisal.report.vfm`): each section's
``data.chart`` holds it, so a section that draws stacked bars or a benefit-cost chart gets
its picture here with no code of its own. Drawn at twice the SVG's size for print. Colour is
never the only cue: bars carry their labels and totals and follow the legend's order, a bar
not ranked is hatched, the frontier's markers differ in shape, and every figure is in the
table beside the chart.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

SCALE = 2
INK = "#0b0c0c"
GRID = "#b1b4b6"


def chart_png(chart: Mapping[str, Any]) -> bytes | None:
    """A PNG of ``chart``: stacked bars (it has ``bars``) or a benefit-cost chart (``markers``).

    None for a geometry this module does not know, so the section keeps its table and text.
    """
    from PIL import Image, ImageDraw

    if "bars" not in chart and "markers" not in chart:
        return None
    image = Image.new("RGB", (round(chart["width"] * SCALE), round(chart["height"] * SCALE)), "white")
    draw = ImageDraw.Draw(image)
    if "bars" in chart:
        _stacked_bars(image, draw, chart)
    else:
        _frontier(image, draw, chart)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@functools.cache
def _font(size: float) -> ImageFont.FreeTypeFont:
    """Liberation Sans, shipped with appraise (fonts/, SIL Open Font License), so every machine
    draws the same pixels. Pillow's own font has no £, € or dashes (a box in their place) and
    no letters beyond ASCII that a name may hold; Liberation Sans has Arial's widths, which
    :func:`appraisal.render.charts.text_width` allows for."""
    from PIL import ImageFont

    with resources.files(__package__).joinpath("fonts", "LiberationSans-Regular.ttf").open("rb") as file:
        return ImageFont.truetype(io.BytesIO(file.read()), size * SCALE)


def _p(*values: float) -> list[float]:
    return [v * SCALE for v in values]


def _text(draw: ImageDraw.ImageDraw, x: float, y: float, text: str, size: float,
          anchor: str = "ls", bold: bool = False) -> None:
    """Text at an SVG position (``y`` is the baseline); ``anchor`` as Pillow's: l/m/r then s."""
    draw.text((x * SCALE, y * SCALE), text, fill=INK, font=_font(size), anchor=anchor,
              stroke_width=1 if bold else 0, stroke_fill=INK)


def _stacked_bars(image: Any, draw: ImageDraw.ImageDraw, c: Mapping[str, Any]) -> None:
    """As ``partials/stacked_bars.svg.j2`` draws them: names (above each bar when the geometry
    gives ``lines``, else beside it), segments, totals, a hatched outline on a bar that is not
    ranked, and the legend."""
    for t in c["ticks"]:
        draw.line(_p(t["x"], c["plot_top"], t["x"], c["plot_bottom"]), fill=GRID, width=SCALE)
        _text(draw, t["x"], c["plot_bottom"] + 18, t["label"], 13, "ms")
    height = c["bar_height"]
    for bar in c["bars"]:
        middle = bar["y"] + height / 2 + 5
        lines = bar.get("lines")
        if lines is None:
            _text(draw, c["plot_left"] - 8, middle, bar["label"], 14, "rs")
        for i, line in enumerate(lines or ()):
            _text(draw, c["plot_left"], bar["y"] - (len(lines) - i) * c["line_height"] + 13, line, 14)
        for s in bar["segments"]:
            draw.rectangle(_p(s["x"], bar["y"], s["x"] + s["width"], bar["y"] + height),
                           fill=s["colour"], outline="white", width=SCALE)
        if not bar.get("ranked", True):
            _hatch(image, c["plot_left"], bar["y"], bar["width"], height)
        _text(draw, bar["total_x"], middle, bar["total"], 14, "ls", bold=True)
    draw.line(_p(c["plot_left"], c["plot_bottom"], c["plot_right"], c["plot_bottom"]), fill=INK,
              width=SCALE)
    for item in c["legend"]:
        draw.rectangle(_p(item["x"], item["y"] - 12, item["x"] + 14, item["y"] + 2), fill=item["colour"])
        for i, line in enumerate(item.get("lines") or (item["label"],)):
            _text(draw, item["x"] + 20, item["y"] + i * c.get("legend_row", 0), line, 13)


def _hatch(image: Any, x: float, y: float, width: float, height: float) -> None:
    """Diagonal stripes and an outline over a bar: the SVG's mark of an option not ranked."""
    from PIL import Image, ImageDraw

    w, h = max(1, round(width * SCALE)), max(1, round(height * SCALE))
    stripes = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    pen = ImageDraw.Draw(stripes)
    for offset in range(-h, w, 8 * SCALE):
        pen.line((offset, h, offset + h, 0), fill=INK, width=2 * SCALE)
    pen.rectangle((0, 0, w - 1, h - 1), outline=INK, width=SCALE)
    image.paste(stripes, (round(x * SCALE), round(y * SCALE)), stripes)


def _marker(draw: ImageDraw.ImageDraw, kind: str, x: float, y: float, colour: str) -> None:
    """The SVG's marker shapes: a disc on the frontier, a square, a ring if dominated, else a cross."""
    if kind == "frontier":
        draw.ellipse(_p(x - 6, y - 6, x + 6, y + 6), fill=colour)
    elif kind == "undominated":
        draw.rectangle(_p(x - 5, y - 5, x + 5, y + 5), fill=colour)
    elif kind == "dominated":
        draw.ellipse(_p(x - 5.5, y - 5.5, x + 5.5, y + 5.5), fill="white", outline=colour, width=2 * SCALE)
    else:
        draw.line(_p(x - 5, y - 5, x + 5, y + 5), fill=colour, width=round(2.5 * SCALE))
        draw.line(_p(x - 5, y + 5, x + 5, y - 5), fill=colour, width=round(2.5 * SCALE))


def _points(text: str) -> Sequence[float]:
    """An SVG polyline's ``points`` as a flat list, scaled."""
    return [float(v) * SCALE for pair in text.split() for v in pair.split(",")]


def _frontier(image: Any, draw: ImageDraw.ImageDraw, c: Mapping[str, Any]) -> None:
    from PIL import Image, ImageDraw

    left, right, top, bottom = c["plot_left"], c["plot_right"], c["plot_top"], c["plot_bottom"]
    for t in c["xticks"]:
        draw.line(_p(t["at"], top, t["at"], bottom), fill=GRID, width=SCALE)
        _text(draw, t["at"], bottom + 18, t["label"], 13, "ms")
    for t in c["yticks"]:
        draw.line(_p(left, t["at"], right, t["at"]), fill=GRID, width=SCALE)
        _text(draw, left - 8, t["at"] + 4, t["label"], 13, "rs")
    draw.line(_p(left, bottom, right, bottom), fill=INK, width=SCALE)
    draw.line(_p(left, top, left, bottom), fill=INK, width=SCALE)
    _text(draw, (left + right) / 2, bottom + 40, c.get("x_title", ""), 13, "ms")
    y_title = c.get("y_title", "")
    if y_title:
        font = _font(13)
        box = draw.textbbox((0, 0), y_title, font=font)
        label = Image.new("RGB", (round(box[2] - box[0]) + 4, round(box[3] - box[1]) + 4), "white")
        ImageDraw.Draw(label).text((2 - box[0], 2 - box[1]), y_title, fill=INK, font=font)
        turned = label.rotate(90, expand=True)
        image.paste(turned, (round(18 * SCALE - turned.width / 2),
                             round((top + bottom) / 2 * SCALE - turned.height / 2)))
    if c.get("frontier"):
        draw.line(_points(c["frontier"]), fill=c.get("line_colour", INK), width=2 * SCALE)
    for m in c["markers"]:
        _marker(draw, m["kind"], m["x"], m["y"], m["colour"])
        _text(draw, m["label_x"], m["y"] - 7, m["label"], 13, "rs" if m["anchor"] == "end" else "ls")
    for item in c.get("legend", ()):
        _marker(draw, item["kind"], item["x"] + 7, item["y"] - 5, item["colour"])
        _text(draw, item["x"] + 20, item["y"], item["label"], 13)

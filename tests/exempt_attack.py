"""An attacker's reading of a public report, for the exempt-information tests: the appraisals
(built from a few settings), what a member of the public knows of them, every number a report
prints, and each way of working an exempt price back from those numbers.

The attacker knows what the public report and the published method say: the weights, the
judged scores (so every option's points on judged criteria), the prices that are not exempt,
which options pass the gates, the value function and the finance settings. From the report's
numbers they try:

- ``direct``: a sum of money that is the price, its whole-life or its net present cost;
- ``money``: a sum plus or minus a public sum (budget headroom, a difference from the baseline);
- ``own points``: the exempt option's points on the price criterion, as printed, or worked out
  as its total (or its parent criterion's points) less its other points, or as a percentage
  of the best score, turned back into a price through the value function;
- ``setter``: another option's price points (printed, or its total less its other points),
  which under ``relative`` give the lowest price and under ``linear`` the lowest or highest;
- ``product``: two numbers on one line multiplied (cost per point times points, cost per
  extra point times extra points), plus or minus a public sum;
- ``switching``: a switching value between the preferred option and the exempt one, solved
  for the exempt option's price points (the weight on the price criterion) or its total (the
  weight on another criterion).

Every number is read with the rounding it is printed to, so a path gives an interval of prices;
it *recovers* the price when the interval holds the true price and is narrower than
:data:`NARROW`. A report holds hundreds of numbers, so to tell a path from a coincidence each
appraisal is rendered at two exempt prices: a path counts only when the same numbers, in the
same places, recover both.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import make_appraisal

from appraisal.cli.documents import document
from appraisal.load.folder import load
from appraisal.render.jinja import UserTemplates, render
from appraisal.report import build_context, provenance
from appraisal.report.provenance import digest_of
from appraisal.scoring.weighted_sum import Result, score

YEARS = 5
RATE = 0.035
ANNUITY = sum(1 / (1 + RATE) ** t for t in range(YEARS))
"""Net present cost over annual cost: five years from year 0 at 3.5%."""
FACTORS = {"annual_cost": 1.0, "whole_life_cost": float(YEARS), "npv_cost": ANNUITY}
NARROW = 0.002
"""A path that pins the price to within 0.2% recovers it."""
SCORES = {  # judged scores (0 to 5) per option: quality, social value, affordability
    "a": (4, 3, 2), "b": (3, 4, 4), "c": (5, 2, 3), "d": (2, 5, 1), "e": (3, 3, 5),
}
WEIGHTS = {"price": 40, "quality": 35, "social": 25}
POINTS = ((600_000, 1.0), (2_400_000, 0.0))
"""The ``points`` value function's line, in annual cost (scaled for the other measures)."""
AFFORD_SHARE = 0.25
"""With a parent, Financial (40) holds Price (3) and Affordability (1)."""


@dataclass(frozen=True)
class Case:
    """One appraisal: prices by option, which are exempt, and the settings."""

    name: str
    prices: dict[str, float]
    exempt: frozenset[str]
    function: str = "relative"
    parent: bool = False
    budget: float | None = None
    baseline: str | None = "a"
    measure: str = "annual_cost"

    def with_price(self, option: str, price: float) -> Case:
        return Case(self.name, {**self.prices, option: price}, self.exempt, self.function, self.parent,
                    self.budget, self.baseline, self.measure)

    @property
    def price_weight(self) -> float:
        """The price criterion's global weight, as a fraction."""
        share = (1 - AFFORD_SHARE) if self.parent else 1.0
        return WEIGHTS["price"] / 100 * share

    def judged(self, option: str) -> dict[str, float]:
        """Points from each judged criterion: public, as the scores are."""
        q, s, a = SCORES[option]
        points = {"quality": WEIGHTS["quality"] * q / 5, "social": WEIGHTS["social"] * s / 5}
        if self.parent:
            points["afford"] = WEIGHTS["price"] * AFFORD_SHARE * a / 5
        return points

    def pool(self) -> list[str]:
        """The options that set best and worst: those within the budget, or all."""
        within = [o for o, x in self.prices.items() if self.budget is None or x <= self.budget]
        return within or list(self.prices)

    def line(self) -> list[list[float]]:
        """The ``points`` value function's points, in the case's measure."""
        return [[x * FACTORS[self.measure], v] for x, v in POINTS]

    def value(self, x: float, best: float, worst: float) -> float:
        if self.function == "points":
            (x0, v0), (x1, v1) = self.line()
            v = v0 + (v1 - v0) * (x - x0) / (x1 - x0)
        elif self.function == "relative":
            v = best / x
        else:
            v = 1.0 if best == worst else (worst - x) / (worst - best)
        return min(1.0, max(0.0, v))

    def extremes(self, public: bool) -> tuple[float, float] | None:
        """(best, worst) measure over the pool; ``public``: as the attacker can know them, from
        the prices that are not exempt (None when every price in the pool is exempt)."""
        xs = [self.prices[o] * FACTORS[self.measure] for o in self.pool() if not (public and o in self.exempt)]
        return (min(xs), max(xs)) if xs else None


def build(case: Case, root: Path) -> Path:
    price: dict[str, Any] = {"id": "price", "name": "Price", "measure": case.measure, "direction": "lower",
                             "value_function": {"points": case.line()} if case.function == "points" else case.function}
    criteria: list[dict[str, Any]] = [
        {"id": "quality", "name": "Quality", "weight": WEIGHTS["quality"]},
        {"id": "social", "name": "Social value", "weight": WEIGHTS["social"]},
    ]
    if case.parent:
        criteria.insert(0, {"id": "financial", "name": "Financial", "weight": WEIGHTS["price"], "criteria": [
            {**price, "weight": 3}, {"id": "afford", "name": "Affordability", "weight": 1}]})
    else:
        criteria.insert(0, {**price, "weight": WEIGHTS["price"]})
    finance: dict[str, Any] = {"years": YEARS, "discount_rate": RATE}
    if case.budget is not None:
        finance["budget"] = case.budget
    frame = {"title": "Library services contract", "date": dt.date(2025, 1, 10), "currency": "GBP",
             "scale": {"min": 0, "max": 5}, "criteria": criteria, "finance": finance}
    options = {}
    for o, x in case.prices.items():
        q, s, a = SCORES[o]
        scores: dict[str, Any] = {"quality": q, "social": s}
        if case.parent:
            scores["afford"] = a
        costs: dict[str, Any] = {"annual": x}
        if o in case.exempt:
            costs["exempt"] = True
        options[o] = {"name": f"Option {o.upper()}", "costs": costs, "scores": scores,
                      "baseline": o == case.baseline}
    return make_appraisal(root, frame, options)


@dataclass
class Rendered:
    result: Result
    context: dict[str, Any]
    markdown: str
    html: str
    appendix: str
    """The exempt appendix in Markdown, which holds every figure."""
    word: list[str] = field(default_factory=list)
    """The public Word document's paragraphs and table cells, and its charts' alt text."""


def word_text(docx: bytes) -> list[str]:
    """A Word document's text, a paragraph to a line, with its alt text and properties."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml") and "theme" not in n)
    out = [html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
           for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)]
    out += [html.unescape(d) for d in re.findall(r'descr="([^"]*)"', xml)]
    out += [html.unescape(t) for t in re.findall(r"<(?:dc|cp):\w+>([^<]*)</", xml)]
    return out


def rendered(case: Case, root: Path, *, word: bool = False) -> Rendered:
    """The public report (context, Markdown, HTML, and with ``word`` the Word document) and the
    exempt appendix of ``case``."""
    folder = build(case, root)
    files = [digest_of(f"options/{p.name}", p.read_bytes()) for p in sorted((folder / "options").iterdir())]
    inputs = provenance(digest_of("criteria.yaml", (folder / "criteria.yaml").read_bytes()), files)
    result = score(load(folder))
    context = build_context(result, inputs)
    appendix = render(build_context(result, inputs, exempt=True), "markdown")
    docx = word_text(document(context, "docx", UserTemplates(), "", None)) if word else []
    return Rendered(result, context, render(context, "markdown"), render(context, "html"), appendix, docx)


# --- Every number, line by line ----------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(%?)(?![\w])")
Interval = tuple[float, float]


def number_interval(text: str, percent: bool) -> Interval:
    """The values that print as ``text``: its last digit is rounded."""
    digits = text.replace(",", "")
    places = len(digits.partition(".")[2])
    value, half = float(digits), 0.5 * 10 ** -places
    scale = 0.01 if percent else 1.0
    return ((value - half) * scale, (value + half) * scale)


def lines(r: Rendered) -> list[str]:
    """What a reader reads: the Markdown's lines, the HTML's text (tags stripped, attributes
    such as titles and alt text kept), and each string and number of the template context."""
    visible = re.sub(r"<[^>]*?(?:title|aria-label|alt)=\"([^\"]*)\"[^>]*>", r"\n\1\n", r.html)
    visible = html.unescape(re.sub(r"<[^>]+>", "\n", visible))
    leaves: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            leaves.append(str(value))

    walk(r.context)
    every = (*r.markdown.splitlines(), *visible.splitlines(), *leaves, *r.word)
    return [line for line in every if NUMBER.search(line)]


def numbers(line: str) -> list[Interval]:
    return [number_interval(m.group(1), bool(m.group(2))) for m in NUMBER.finditer(line)]


# --- The paths ---------------------------------------------------------------------------------


def span(f: Callable[..., float], *args: Interval) -> Interval | None:
    """f over a box of intervals, from its corners (f is monotone in each argument here)."""
    try:
        values = [f(*corner) for corner in itertools.product(*args)]
    except ZeroDivisionError:
        return None
    return min(values), max(values)


@dataclass
class Attack:
    """The paths tried against one case, each yielding (path, where, interval of the price)."""

    case: Case
    target: str
    public_money: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        c = self.case
        for o, x in c.prices.items():
            if o not in c.exempt:
                self.public_money += [x, x * YEARS, x * ANNUITY]
        if c.budget is not None:
            self.public_money += [c.budget, c.budget * YEARS]

    def measure_to_price(self, m: Interval) -> Interval:
        k = FACTORS[self.case.measure]
        return (m[0] / k, m[1] / k)

    def own_points(self, t: Interval, pct: bool) -> Iterator[tuple[str, Interval]]:
        """Candidate price points of the target from one number."""
        c, w100 = self.case, self.case.price_weight * 100
        judged = c.judged(self.target)
        yield "own points", t
        yield "total less other points", (t[0] - sum(judged.values()), t[1] - sum(judged.values()))
        if c.parent:
            yield "parent less sibling", (t[0] - judged["afford"], t[1] - judged["afford"])
        if pct:
            yield "percentage of the best", (t[0] * w100, t[1] * w100)

    def invert(self, points: Interval, best: float, worst: float) -> Interval | None:
        """The target's measure from its price points, when best and worst are known."""
        w100 = self.case.price_weight * 100
        if self.case.function == "points":
            (x0, v0), (x1, v1) = self.case.line()
            m = span(lambda p: x0 + (p / w100 - v0) / (v1 - v0) * (x1 - x0), points)
        elif self.case.function == "relative":
            m = span(lambda p: best / (p / w100), points)
        else:
            m = span(lambda p: worst - p / w100 * (worst - best), points)
        return None if m is None else self.measure_to_price(m)

    def setter(self, other: str, points: Interval, ends: tuple[float, float]) -> Iterator[Interval]:
        """The target's price when it sets an end, from another option's price points."""
        c, w100 = self.case, self.case.price_weight * 100
        if c.function == "points":
            return
        x_o = c.prices[other] * FACTORS[c.measure]
        best, worst = ends
        if c.function == "relative":
            found = span(lambda p: p / w100 * x_o, points)
            if found:
                yield self.measure_to_price(found)
            return
        # linear: v = (worst - x_o) / (worst - best), solved for whichever end is unknown
        for found in (span(lambda p: (x_o - p / w100 * best) / (1 - p / w100), points),
                      span(lambda p: worst - (worst - x_o) / (p / w100), points)):
            if found:
                yield self.measure_to_price(found)

    def single(self, t: Interval, pct: bool) -> Iterator[tuple[str, Interval]]:
        c = self.case
        for k in FACTORS.values():
            yield "direct", (t[0] / k, t[1] / k)
            for p in self.public_money:
                yield "money", ((t[0] + p) / k, (t[1] + p) / k)
                yield "money", ((p - t[1]) / k, (p - t[0]) / k)
        ends = c.extremes(public=True)
        if ends is not None:
            for path, points in self.own_points(t, pct):
                found = self.invert(points, *ends)
                if found:
                    yield path, found
        known = ends or (0.0, 0.0)
        for other in c.prices:
            if other in c.exempt:
                continue
            judged = c.judged(other)
            for path, points in (("setter", t), ("setter via total", (t[0] - sum(judged.values()),
                                                                      t[1] - sum(judged.values())))):
                for found in self.setter(other, points, known):
                    yield path, found

    def pair(self, a: Interval, b: Interval) -> Iterator[tuple[str, Interval]]:
        product = (a[0] * b[0], a[1] * b[1])
        for k in FACTORS.values():
            yield "product", (product[0] / k, product[1] / k)
            for p in self.public_money:
                yield "product", ((product[0] + p) / k, (product[1] + p) / k)
                yield "product", ((p - product[1]) / k, (p - product[0]) / k)

    def switching(self, w: Interval, r: Rendered) -> Iterator[tuple[str, Interval]]:
        """From a switching value between the preferred option and the target."""
        c = self.case
        preferred = r.result.preferred
        ends = c.extremes(public=True)
        if preferred is None or preferred in c.exempt or preferred == self.target or ends is None:
            return
        w0 = c.price_weight
        v_p = c.value(c.prices[preferred] * FACTORS[c.measure], *ends)
        judged_p, judged_e = c.judged(preferred), c.judged(self.target)
        r_p = sum(judged_p.values())  # the rest, when the weight moved is the price's

        def price_points(ws: float) -> float:
            v_e = (100 * ws * v_p + (1 - ws) / (1 - w0) * (r_p - sum(judged_e.values()))) / (100 * ws)
            return v_e * w0 * 100

        found = span(price_points, w)
        if found:
            inverted = self.invert(found, *ends)
            if inverted:
                yield "switching (price weight)", inverted
        total_p = r_p + v_p * w0 * 100
        for k, weight in (("quality", WEIGHTS["quality"] / 100), ("social", WEIGHTS["social"] / 100)):
            v_pk, v_ek = judged_p[k] / (weight * 100), judged_e[k] / (weight * 100)
            rest_p = total_p - 100 * weight * v_pk

            def via_total(ws: float, v_pk: float = v_pk, v_ek: float = v_ek, rest_p: float = rest_p,
                          weight: float = weight) -> float:
                rest_e = rest_p + 100 * ws * (1 - weight) / (1 - ws) * (v_pk - v_ek)
                total_e = rest_e + 100 * weight * v_ek
                return total_e - sum(judged_e.values())

            found = span(via_total, w)
            if found:
                inverted = self.invert(found, *ends)
                if inverted:
                    yield f"switching ({k} weight)", inverted


def recoveries(r: Rendered, attack: Attack) -> Iterator[tuple[str, int, tuple[int, ...], Interval]]:
    """Every (path, line number, token places, price interval) the report's numbers give."""
    for n, line in enumerate(lines(r)):
        tokens = [(m.group(1), bool(m.group(2))) for m in NUMBER.finditer(line)]
        values = [number_interval(t, pct) for t, pct in tokens]
        for i, (value, (_, pct)) in enumerate(zip(values, tokens, strict=True)):
            for path, found in attack.single(value, pct):
                yield path, n, (i,), found
            if pct:
                for path, found in attack.switching(value, r):
                    yield path, n, (i,), found
        for (i, a), (j, b) in itertools.permutations(enumerate(values), 2):
            if i < j:
                for path, found in attack.pair(a, b):
                    yield path, n, (i, j), found


def recovered(r: Rendered, attack: Attack) -> dict[tuple[str, int, tuple[int, ...]], str]:
    """The paths that pin the target's price down, with the line each used."""
    truth = attack.case.prices[attack.target]
    every = lines(r)
    return {(path, n, places): every[n][:200] for path, n, places, (lo, hi) in recoveries(r, attack)
            if lo <= truth <= hi and hi - lo <= NARROW * truth}


def shifted(case: Case, shift: float) -> Case:
    """The case with every exempt price moved by ``shift`` (a fraction)."""
    moved = case
    for o in case.exempt:
        moved = moved.with_price(o, round(case.prices[o] * (1 + shift)))
    return moved


def leaks(case: Case, root: Path, shift: float = 0.0071, *, word: bool = False) -> list[str]:
    """The paths that recover an exempt price from the public report both at the case's prices
    and with the exempt prices moved by ``shift``, described for a failure message."""
    second = shifted(case, shift)
    one, two = rendered(case, root / "one", word=word), rendered(second, root / "two", word=word)
    found = []
    for exempt in sorted(case.exempt):
        first = recovered(one, Attack(case, exempt))
        again = recovered(two, Attack(second, exempt))
        found += [f"{exempt}: {key[0]} from {line!r}" for key, line in first.items() if key in again]
    return found


def context_json(context: dict[str, Any]) -> str:
    return json.dumps(context, sort_keys=True, default=str)

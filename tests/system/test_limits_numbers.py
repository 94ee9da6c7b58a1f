"""Numbers in input files (issue 7): NaN, infinity and numbers near the float limit are refused,
with their place, in every numeric field the JSON Schemas list; what is allowed gives finite
output; overflow that only appears in sums or ratios is refused where it starts.

Expected places come from the text the test writes, never from appraise (see test_limits.py).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_appraise
from helpers import errors, expect_error, line_of, option_file


def _numeric_paths(model: Any) -> list[tuple[str, ...]]:
    """Every place a number can be written in a file kind, read from its JSON Schema.

    ``[]`` stands for any list item, ``*`` for any key of a mapping, ``[0]`` for a tuple's
    first place. Reading the schema (not a hand list) means a numeric field added later is
    swept too.
    """
    schema = model.model_json_schema()
    defs = schema.get("$defs", {})
    found: set[tuple[str, ...]] = set()

    def walk(node: dict[str, Any], path: tuple[str, ...], refs: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in refs:
                walk(defs[name], path, refs | {name})
            return
        for sub in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            walk(sub, path, refs)
        if node.get("type") in ("number", "integer"):
            found.add(path)
        for key, sub in node.get("properties", {}).items():
            walk(sub, (*path, key), refs)
        for sub in node.get("patternProperties", {}).values():
            walk(sub, (*path, "*"), refs)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], (*path, "*"), refs)
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, "[]"), refs)
        for i, sub in enumerate(node.get("prefixItems", [])):
            walk(sub, (*path, f"[{i}]"), refs)

    walk(schema, (), frozenset())
    return sorted(found)


KEYS = {"inflation": 2024, "measures": "families_reached", "weights": "financial", "scores": "users"}
"""A key to use where a path says ``*`` and the file has no entry yet, by the mapping's name;
a ``*`` followed by another (a scenario's ``scores.*.*``) is an option id."""


def _plant(node: Any, path: tuple[str, ...], value: float, name: str = "") -> Any:
    """``node`` with ``value`` at ``path``, creating on the way whatever the path needs."""
    if not path:
        return value
    part, rest = path[0], path[1:]
    if part.startswith("["):
        index = 0 if part == "[]" else int(part[1:-1])
        items = list(node) if isinstance(node, list) else []
        while len(items) <= index:
            items.append(0.0 if part != "[]" else None)
        items[index] = _plant(items[index], rest, value, name)
        return items
    mapping = dict(node) if isinstance(node, dict) else {}
    key: Any = part
    if part == "*":
        key = next(iter(mapping), "in-house" if rest[:1] == ("*",) else KEYS.get(name, "x"))
    mapping[key] = _plant(mapping.get(key), rest, value, name if part == "*" else part)
    return mapping


def _cases() -> Iterator[tuple[str, tuple[str, ...]]]:
    from appraisal.render.schema import SCHEMAS

    for kind, model in SCHEMAS.items():
        for path in _numeric_paths(model):
            yield kind, path


FILES = {"criteria": "criteria.yaml", "option": "options/tender-two.yaml", "scenario": "scenarios/finance-led.yaml"}


def _run_planted(folder: Path, kind: str, path: tuple[str, ...], value: float) -> tuple[Any, str, int]:
    """Write ``value`` at ``path`` in the reference file of ``kind``; run score; say where it went."""
    file = folder / FILES[kind]
    data = _plant(yaml.safe_load(file.read_text(encoding="utf-8")), path, value)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    file.write_text(text, encoding="utf-8")
    line = line_of(text, yaml.safe_dump(value).split("\n")[0])
    args: list[str | Path] = ["score", folder, "--format", "json"]
    if kind == "scenario":
        args += ["--scenario", file]
    return run_appraise(*args), FILES[kind], line


def test_every_numeric_field_is_found() -> None:
    """The sweep below covers what the contract names, so the schema walk works."""
    paths = {(kind, ".".join(path)) for kind, path in _cases()}
    for expected in [("criteria", "criteria.[].weight"), ("criteria", "scale.min"), ("criteria", "finance.budget"),
                     ("criteria", "criteria.[].value_function.points.[].[0]"), ("option", "costs.one_off"),
                     ("option", "costs.annual.[]"), ("option", "measures.*"), ("option", "scores.*.score"),
                     ("option", "scores.*.low"), ("scenario", "weights.*"), ("scenario", "scores.*.*.high"),
                     ("scenario", "measures.*.*"), ("scenario", "costs.*.annual"), ("scenario", "finance.budget")]:
        assert expected in paths


@pytest.mark.parametrize(("kind", "path"), list(_cases()), ids=lambda v: ".".join(v) if isinstance(v, tuple) else v)
def test_nan_and_infinity_are_refused_in_every_numeric_field(reference_copy: Path, kind: str, path: tuple[str,
                                                                                                          ...]) -> None:
    for value in (math.nan, math.inf, -math.inf):
        run, file, line = _run_planted(reference_copy, kind, path, value)
        expect_error(run, file, line, "")
        assert any(f"must be a finite number, not {value}" in e[3] or f"must be a whole number, not {value}" in e[3]
                   for e in errors(run.err) if e[1] == line), run.err
        assert not run.out


@pytest.mark.parametrize(("kind", "path"), list(_cases()), ids=lambda v: ".".join(v) if isinstance(v, tuple) else v)
def test_numbers_near_the_float_limit_are_refused_in_every_numeric_field(
    reference_copy: Path, kind: str, path: tuple[str, ...]
) -> None:
    for value in (1e308, -1.7976931348623157e308):
        run, file, line = _run_planted(reference_copy, kind, path, value)
        expect_error(run, file, line, "")
        said = [e[3] for e in errors(run.err) if e[1] == line]
        assert any((f"not {value:g}" in m or f"not {value!r}" in m) and re.search(r"too large|at (most|least)|less "
                                                                                  r"than|more than|whole", m)
                   for m in said), said


def test_nan_messages_say_finite_and_big_ones_say_too_large(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("annual: 1665000", "annual: .nan"), encoding="utf-8")
    run = run_appraise("score", reference_copy, "--format", "json")
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: 1665000"),
                 "'annual' must be a finite number, not nan")
    path.write_text(text.replace("annual: 1665000", "annual: 1.0e+308"), encoding="utf-8")
    run = run_appraise("score", reference_copy, "--format", "json")
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: 1665000"),
                 "'annual' is too large: appraise takes numbers up to 1e+15 in size, not 1e+308")
    path.write_text(text.replace("annual: 1665000", "annual: 1e308"), encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: 1665000"),
                 "'annual' must be a number, not '1e308' (YAML reads a number with an exponent only in the form")


@pytest.mark.parametrize("digits", ["1" * 5000, "-" + "9" * 400, "0x" + "f" * 5000, "1" + "_0" * 4400],
                         ids=["5000-digits", "400-digits-negative", "hex-5000", "underscores"])
def test_whole_numbers_too_long_for_python_are_located(reference_copy: Path, digits: str) -> None:
    """Python refuses to convert ints of over 4,300 digits: that was an internal error (exit 70)."""
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8").replace("annual: 1665000", f"annual: {digits}")
    path.write_text(text, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: " + digits[:10]), "this number is too large")


@pytest.mark.parametrize(("date", "why"), [("2017-02-30", "day is out of range for month"),
                                         ("2017-13-01", "month must be in 1..12"), ("0000-01-01",
                                                                                    "year 0 is out of range")])
def test_a_date_that_does_not_exist_is_located(reference_copy: Path, date: str, why: str) -> None:
    """Found by the fuzz campaign (seed 101): PyYAML's ValueError was an internal error (exit 70)."""
    criteria = reference_copy / "criteria.yaml"
    text = criteria.read_text(encoding="utf-8").replace("date: 2017-03-14", f"date: {date}")
    criteria.write_text(text, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "criteria.yaml", line_of(text, f"date: {date}"), f"'{date}' is not a date that exists ({why})")


def test_the_largest_numbers_allowed_give_finite_output(tmp_path: Path) -> None:
    """1e15 a year for 200 years, weights from 1e15 to the smallest float: every total finite."""
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria.yaml").write_text(
        "title: T\ncriteria:\n"
        "  - {id: cost, name: Cost, weight: 1.0e+15, measure: whole_life_cost, direction: lower, value_function: "
        "relative}\n"
        "  - {id: q, name: Q, weight: 5.0e-324, scale: {min: -1.0e+15, max: 1.0e+15}}\n"
        "finance: {years: 200, budget: 1.0e+15, discount_rate: 0.99}\n"
    )
    (tmp_path / "options" / "a.yaml").write_text("name: A\ncosts: {one_off: 1.0e+15, annual: 1.0e+15}\nscores: {q: "
                                                 "1.0e+15}\n")
    (tmp_path / "options" / "b.yaml").write_text("name: B\ncosts: {annual: 5.0e-324}\nscores: {q: -1.0e+15}\n")
    run = run_appraise("score", tmp_path, "--format", "json")
    assert run.code == 0, run.err
    doc = json.loads(run.out, parse_constant=lambda c: pytest.fail(f"{c} in the JSON"))
    totals = {o["id"]: o["total"] for o in doc["options"]}
    # b's whole-life cost (200 x 5e-324 = 1e-321) is the best; a's is 2.01e17: relative gives ~0.
    assert totals["b"] == pytest.approx(100.0, rel=1e-12)
    assert 0 <= totals["a"] < 1e-300
    measures = {o["id"]: o["measures"] for o in doc["options"]}
    assert measures["a"]["whole_life_cost"] == pytest.approx(1e15 + 200 * 1e15, rel=1e-12)


def test_negative_cost_and_zero_price_are_located(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("annual: 1665000", "annual: -5"), encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: 1665000"), "'annual' must be at least 0")
    path.write_text(text.replace("annual: 1665000", "annual: 0"), encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "annual: 1665000"),
                 "'financial' uses the relative value function, which divides by annual_cost; "
                 "annual_cost must be above 0, not 0")


def _relative_higher(root: Path, families: dict[str, float]) -> Path:
    """One measured criterion, ``relative`` and ``direction: higher`` (x/best), over ``families``."""
    (root / "options").mkdir()
    (root / "criteria.yaml").write_text(
        "title: T\ncriteria:\n  - {id: reach, name: Reach, weight: 1, measure: families, value_function: relative}\n")
    for oid, x in families.items():
        (root / "options" / f"{oid}.yaml").write_text(f"name: {oid.upper()}\nmeasures:\n  families: {x:g}\n")
    return root


def test_relative_higher_takes_zero_and_negative_numbers_when_the_best_is_above_0(tmp_path: Path) -> None:
    """x/best divides by the best only: 0 of 10 is value 0, 5 of 10 is 0.5, -3 is 0 (clamped)."""
    run = run_appraise("score", _relative_higher(tmp_path, {"a": 10, "b": 0, "c": 5, "d": -3}), "--format", "json")
    assert run.code == 0, run.err
    totals = {o["id"]: o["total"] for o in json.loads(run.out)["options"]}
    assert totals == {"a": 100.0, "b": 0.0, "c": 50.0, "d": 0.0}


def test_relative_higher_refuses_a_best_of_0_or_less_at_the_best(tmp_path: Path) -> None:
    run = run_appraise("score", _relative_higher(tmp_path, {"a": -2, "b": 0, "c": -7}))
    expect_error(run, "options/b.yaml", 3, "'reach' uses the relative value function, which divides each option's "
                 "families by the highest, and the highest is 0")
    assert len(errors(run.err)) == 1, run.err


def test_an_overflowing_inflation_index_is_located(reference_copy: Path) -> None:
    """Each index figure is in range, their ratio is not: report died in money formatting."""
    criteria = reference_copy / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8").replace(
        "  discount_rate: 0.035", "  discount_rate: 0.035\n  price_base_year: 2024\n"
        "  inflation: {2024: 1.0e+15, 2025: 1.0e-300, 2026: 1.0, 2027: 1.0, 2028: 1.0}"), encoding="utf-8")
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8").replace("  annual: 1665000", "  annual: 1665000\n  prices: nominal")
    path.write_text(text, encoding="utf-8")
    for command in ("score", "report", "sensitivity"):
        run = run_appraise(command, reference_copy)
        expect_error(run, "options/tender-two.yaml", line_of(text, "  one_off: 90000"),
                     "the costs come to more than appraise can compute (annual_cost overflows)")

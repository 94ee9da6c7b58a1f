"""No single operation in a user's template builds more than MAX_SANDBOX_RESULT characters or items (issue 24, item 5).

``*`` was bounded; ``center``, format widths (``'%999999999s'|format``, ``'{:>999999999}'.format``),
``replace``, ``join``, ``indent``, ``~`` in a loop and the rest each built a gigabyte in one step.
The property, over every str method and filter that can lengthen and random sizes: in the
sandbox, an operation either gives a result within the limit or is refused before it runs; and
a refusal is not a false alarm (the operation, run outside the sandbox where that is cheap,
would indeed have made something of the order of the limit).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import jinja2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appraisal.render.jinja import USER_MAIN, UserTemplates, environment
from appraisal.render.template_limits import MAX_SANDBOX_RESULT

EXPRESSIONS = [
    "s.center(n)", "s.ljust(n)", "s.rjust(n)", "s.zfill(n)", "s.expandtabs(n)", "s.replace(t, s)",
    "t.join(items)", "s|center(n)", "s|indent(n)", "s|indent(t, true, true)",
    "s|wordwrap(k, wrapstring=t)", "s|replace(t, s)", "items|join(s)", "('%' ~ n ~ 's')|format(s)",
    "('%' ~ n ~ 's') % s", "('%.' ~ n ~ 'f') % k", "('{:>' ~ n ~ '}').format(s)", "'{0:{1}}'.format(s, n)",
    "('{x:>' ~ n ~ '}').format_map({'x': s})", "'%*s' % (n, s)", "s ~ t ~ s", "s + t", "s * k",
    "items * k", "items|batch(n, 'x')|list", "items|slice(n)|list", "[items * k, items]|sum(start=[])",
    "(s ~ t)|replace('', t)", "s.expandtabs(k)", "lipsum(k, false)",
]


def size(value: Any) -> int:
    """Characters of text, or items of a list counted all the way down (lists inside lists)."""
    if isinstance(value, (list, tuple)):
        return len(value) + sum(size(v) for v in value if isinstance(v, (list, tuple)))
    return len(str(value))


def evaluate(env: jinja2.Environment, expression: str, values: dict[str, Any]) -> Any:
    return env.compile_expression(expression, undefined_to_none=False)(**values)


SANDBOX = environment("markdown", UserTemplates({USER_MAIN: ("", "mine.md.j2")}))
PLAIN = jinja2.Environment()
ESTIMATE = re.compile(r"\(([\d,]+) characters or items")

values = st.fixed_dictionaries({
    "s": st.text(alphabet="ab\t\n -", max_size=3000),
    "t": st.text(alphabet="xy\n", max_size=50),
    "items": st.lists(st.text(alphabet="pq", max_size=20), max_size=200),
    "n": st.one_of(st.integers(0, 3000), st.integers(0, 2_000_000), st.just(999_999_999)),
    "k": st.one_of(st.integers(1, 300), st.integers(1, 200_000)),
})


@pytest.mark.parametrize("expression", EXPRESSIONS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=values)
def test_one_operation_makes_at_most_the_limit(expression: str, values: dict[str, Any]) -> None:
    try:
        result = evaluate(SANDBOX, expression, values)
    except jinja2.exceptions.SecurityError as exc:
        found = ESTIMATE.search(str(exc))
        assert found, str(exc)
        estimate = int(found.group(1).replace(",", ""))
        assert estimate > MAX_SANDBOX_RESULT
        if estimate <= 5 * MAX_SANDBOX_RESULT:  # cheap enough to make: no false alarm
            assert size(evaluate(PLAIN, expression, values)) > MAX_SANDBOX_RESULT // 10
        return
    except (TypeError, ValueError, ArithmeticError):  # wrong arguments fail in Python's own words
        return
    assert size(result) <= MAX_SANDBOX_RESULT + MAX_SANDBOX_RESULT // 100


def test_every_str_method_that_lengthens_is_covered() -> None:
    """A str method whose result can be much longer than its text, over its arguments, is in the
    table (the others, such as upper or strip, make at most a few times their text)."""
    from appraisal.render.template_limits import FILTERS, STR_METHODS

    lengthening = {name for name in dir(str) if not name.startswith("_") and _lengthens(getattr("ab\tc", name))}
    assert lengthening <= set(STR_METHODS) | {"join", "format", "format_map"}, lengthening - set(STR_METHODS)
    assert {"center", "indent", "wordwrap", "replace", "format", "join", "batch", "slice", "sum"} <= set(FILTERS)


def _lengthens(method: Callable[..., Any]) -> bool:
    """Whether the method makes more than 100 characters from 4 with some small arguments."""
    for args in ((1000,), ("", "x" * 1000), ("b", "x" * 1000), (1000, "x"), (["x" * 500] * 3,)):
        try:
            result = method(*args)
        except Exception:  # noqa: BLE001 - the wrong arguments for this method
            continue
        if size(result) > 100:
            return True
    return False


TEMPLATES = {
    "{{ 'x'.center(999999999) }}": "the text would be too long (999,999,999 characters",
    "{{ '%999999999s'|format(1) }}": "the text would be too long",
    "{{ '{:>999999999}'.format(1) }}": "the text would be too long",
    "{{ ('a' * 100000)|replace('a', 'b' * 1000) }}": "the text would be too long",
    "{{ range(100000)|join('x' * 100000) }}": "the text would be too long",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}":
        "the text would be too long (1,048,576 characters",
}


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_a_report_template_building_a_gigabyte_is_refused_at_its_line(template: str, tmp_path: Any) -> None:
    from conftest import REPO, run_appraise

    path = tmp_path / "mine.md.j2"
    path.write_text("first line\n" + template + "\n", encoding="utf-8")
    out = tmp_path / "report.md"
    run = run_appraise("report", REPO / "tests" / "data" / "report-small", "--template", path, "-o", out,
                       timeout=30)
    assert run.code == 2, run.err
    assert run.err.startswith(f"{path}:2:1: error: template error: {TEMPLATES[template]}"), run.err
    assert not out.exists()

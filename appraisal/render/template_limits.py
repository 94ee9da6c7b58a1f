"""What one step of a user's template may build: at most :data:`MAX_SANDBOX_RESULT` characters or items.

Jinja's sandbox stops a template reaching Python, not filling memory: ``'x'.center(10**9)``,
``'%999999999s'|format(1)``, ``'{:>999999999}'.format(1)``, ``s|replace('a', long)``,
``range(10**5)|join(long)``, ``''|indent(10**9)`` or ``s ~ s`` doubled in a loop each build a
gigabyte in one step. Every operation of a template that can build text or a list larger than
its arguments has an estimate here of the size of its result, an upper bound computed from its
arguments before it runs; an estimate over the limit is refused (a ``SecurityError``, which the
report names at the template's line) and nothing is built. The sandbox (appraisal/render/jinja.py)
routes through here: the operators ``*``, ``**``, ``+``, ``%`` and ``~``, the calls of ``str``'s
methods and ``lipsum``, ``str.format`` and ``format_map``, and the filters that lengthen.
Operations whose result is no longer than a small multiple of their arguments (``upper``,
``trim``, ``truncate``, ``list``) need no estimate: their arguments were bounded when built.
"""

from __future__ import annotations

import functools
import operator
import re
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any

MAX_SANDBOX_RESULT = 1_000_000
"""The longest text or list one operation in a user's template may make (a memory bound)."""


def _estimate(estimate: Callable[..., int], *args: Any, **kwargs: Any) -> int:
    """The estimate, or 0 when the arguments are wrong (the operation then fails in its own words)."""
    try:
        return estimate(*args, **kwargs)
    except (TypeError, ValueError):
        return 0


def refuse_over(size: int, what: str = "text") -> None:
    if size > MAX_SANDBOX_RESULT:
        from jinja2.exceptions import SecurityError

        raise SecurityError(f"the {what} would be too long ({size:,} characters or items; at most "
                            f"{MAX_SANDBOX_RESULT:,} are made in one step)")


def _length(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value))


def _whole(value: Any) -> int:
    """A width or count argument as a number (0 when it is not one: the operation then fails as it would)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def binop(op: str, left: Any, right: Any) -> Any:
    """``*``, ``**``, ``+`` and ``%`` in a user's template, refusing results too big to hold."""
    if op == "**" and isinstance(right, (int, float)) and abs(right) > 100:
        from jinja2.exceptions import SecurityError

        raise SecurityError(f"the power {right} is too large")
    if op == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)):
                refuse_over(len(seq) * _whole(count), "repeated text or list")
    elif op == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        refuse_over(len(left) + len(right))
    elif op == "%" and isinstance(left, str):
        refuse_over(printf_size(left, right))
    functions: dict[str, Callable[[Any, Any], Any]] = {
        "*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod}
    return functions[op](left, right)


def concat(parts: tuple[Any, ...]) -> tuple[Any, ...]:
    """The parts of a ``~`` concatenation, once their total length is known to be within the limit."""
    refuse_over(sum(_length(part) for part in parts))
    return parts


_PRINTF = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def printf_size(template: str, values: Any) -> int:
    """An upper bound of the length of ``template % values``: its text, and for each conversion
    its width, its precision and its value's text."""
    positional = list(values) if isinstance(values, tuple) else [values]
    size = len(template)
    for key, width, precision, kind in _PRINTF.findall(template):
        if kind == "%":
            continue
        for number in (width, precision):
            if number == "*":
                size += abs(_whole(positional.pop(0))) if positional else 0
            elif number:
                size += int(number) if len(number) < 10 else MAX_SANDBOX_RESULT + 1
        if key and isinstance(values, Mapping):
            size += _length(values.get(key, ""))
        elif positional:
            size += _length(positional.pop(0))
    return size


def format_size(template: str, args: tuple[Any, ...], kwargs: Mapping[str, Any],
                field: Callable[[str], Any]) -> int:
    """An upper bound of the length of ``template.format(*args, **kwargs)``: its text, and for
    each field its value's text and the numbers of its format spec (nested fields resolved by
    ``field``, the sandbox's own lookup)."""
    size, automatic = 0, 0
    for literal, written, spec, _ in string.Formatter().parse(template):
        size += len(literal)
        if written is None:
            continue
        name = written or str(automatic)
        automatic += not written
        size += _length(field(name))
        for nested_literal, nested_written, _, _ in string.Formatter().parse(spec or ""):
            size += sum(int(n) if len(n) < 10 else MAX_SANDBOX_RESULT + 1 for n in re.findall(r"\d+", nested_literal))
            if nested_written is not None:
                nested = nested_written or str(automatic)
                automatic += not nested_written
                size += abs(_whole(field(nested))) + len(str(field(nested)))
    return size


def _replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    old_text, new_text = str(old), str(new)
    times = len(text) + 1 if not old_text else len(text) // len(old_text)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(0, len(new_text) - len(old_text))


def _join_size(separator: Any, items: list[Any]) -> int:
    return sum(_length(item) for item in items) + len(str(separator)) * max(0, len(items) - 1)


STR_METHODS: dict[str, Callable[..., int]] = {
    "center": lambda s, width=0, *_: max(len(s), _whole(width)),
    "ljust": lambda s, width=0, *_: max(len(s), _whole(width)),
    "rjust": lambda s, width=0, *_: max(len(s), _whole(width)),
    "zfill": lambda s, width=0: max(len(s), _whole(width)),
    "expandtabs": lambda s, tabsize=8: len(s) + s.count("\t") * _whole(tabsize),
    "replace": _replace_size,
}
"""The methods of ``str`` whose result may be much longer than the text: its size from the call's arguments."""


def call(function: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """Check a call a user's template makes before it is made: refused when a ``str`` method (or
    ``lipsum``) would build too much. The arguments to make it with (an iterable to join is
    listed once, to be counted)."""
    owner = getattr(function, "__self__", None)
    name = getattr(function, "__name__", "")
    if isinstance(owner, str) and name in STR_METHODS:
        refuse_over(_estimate(STR_METHODS[name], owner, *args, **kwargs))
    elif isinstance(owner, str) and name == "join" and len(args) == 1:
        items = list(args[0]) if isinstance(args[0], Iterable) else args[0]
        refuse_over(_join_size(owner, items) if isinstance(items, list) else 0)
        return (items,)
    elif name == "generate_lorem_ipsum":
        words = {**dict(zip(("n", "html", "min", "max"), args, strict=False)), **kwargs}
        refuse_over(_whole(words.get("n", 5)) * max(_whole(words.get("max", 100)), 100) * 12)
    return args


def _filter(estimate: Callable[..., int]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A filter that first checks ``estimate(value, *args, **kwargs)`` (without Jinja's own
    leading context argument, which the filter still gets)."""
    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

        @functools.wraps(function)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            if len(args) > skip and _lazy(args[skip]):  # a generator is listed once, to be counted
                args = (*args[:skip], list(args[skip]), *args[skip + 1:])
            refuse_over(_estimate(estimate, *args[skip:], **kwargs))
            return function(*args, **kwargs)

        return bounded

    return wrap


def _indent_size(text: Any, width: Any = 4, first: bool = False, blank: bool = False) -> int:
    step = len(width) if isinstance(width, str) else _whole(width)
    body = str(text)  # every line but the first is indented, and the first too when asked
    return len(body) + 1 + (body.count("\n") + bool(first)) * step


def _wordwrap_size(text: Any, width: Any = 79, break_long_words: bool = True, wrapstring: Any = None,
                   *_: Any) -> int:
    body = str(text)
    return len(body) + (len(body) // max(1, _whole(width)) + 1) * len(str(wrapstring or "\n"))


def _lazy(value: Any) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, (str, list, tuple, Mapping))


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else list(value) if isinstance(value, Iterable) else []


FILTERS: dict[str, Callable[..., int]] = {
    "center": lambda value, width=80: max(_length(value), _whole(width)),
    "indent": _indent_size,
    "wordwrap": _wordwrap_size,
    "replace": lambda value, old, new, count=None: _replace_size(str(value), old, new,
                                                                 -1 if count is None else count),
    "format": lambda value, *args, **kwargs: printf_size(str(value), kwargs or args),
    "join": lambda value, d="", attribute=None: _join_size(d, _listed(value)),
    "batch": lambda value, linecount, fill_with=None: len(_listed(value)) + (  # the last batch filled up
        _whole(linecount) if _listed(value) and fill_with is not None else 0),
    "slice": lambda value, slices, fill_with=None: _whole(slices),
    "sum": lambda iterable, attribute=None, start=0: (
        0 if isinstance(start, (int, float)) else sum(_length(i) for i in _listed(iterable))),
}
"""The filters whose result may be much longer than their arguments: its size from their
arguments (a generator given to one is listed first, to be counted)."""


def bounded_filters(filters: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """``filters`` with each one in :data:`FILTERS` checked before it runs."""
    return {name: _filter(FILTERS[name])(function) if name in FILTERS else function
            for name, function in filters.items()}

"""Number and text formatting shared by the human formats (table, Markdown, HTML).

Numbers are rounded only here, when presented, to fixed decimals.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: object) -> str:
    """Escape user text for a Markdown table cell or paragraph (GitHub and pandoc).

    Backslash-escapes Markdown punctuation, turns ``<`` and ``>`` into entities (so no HTML
    gets through) and folds line breaks, which would end a table row, into spaces.
    """
    s = " ".join(str(text).split())
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def points(value: float) -> str:
    """A total or contribution: two decimals."""
    return f"{value:.2f}"


def percent(fraction: float, places: int = 1) -> str:
    """A weight as a percentage of the whole."""
    return f"{fraction * 100:.{places}f}%"


def number(value: float | None) -> str:
    """A score: as given, without a trailing .0."""
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def money(value: float, currency: str = "GBP") -> str:
    """Whole units with thousands separators: GBP 1,650,000."""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency)
    amount = f"{round(value):,}"
    return f"{symbol}{amount}" if symbol else f"{currency} {amount}"

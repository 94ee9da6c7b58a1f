"""How the human formats of ``score``, ``vfm`` and ``diff`` mark exempt figures: the cost
figures of an option whose ``costs:`` say ``exempt: true``, and the sums worked from them
(docs/report.md, Exempt information). The figures are still printed, for officers working on
the appraisal; the mark and its footnote say they must not be published.
"""

from __future__ import annotations

GROUNDS = "Local Government Act 1972, Schedule 12A, paragraph 3"
"""Why the figures are exempt: information about the financial or business affairs of a particular person."""

PARAGRAPH_3 = ("Information relating to the financial or business affairs of any particular person "
               "(including the authority holding that information).")
"""The words of Schedule 12A, paragraph 3, as the exempt appendix's running header quotes them."""

RUNNING = f"NOT FOR PUBLICATION. Exempt information under the {GROUNDS}: {PARAGRAPH_3}"
"""The running header and footer of every page of the exempt appendix."""

MARK = " [exempt]"
"""Follows an exempt figure (or the name of an option whose costs are exempt)."""

FOOTNOTE = f"[exempt]: exempt information ({GROUNDS}): cost figures not for publication."


def marked(text: str, exempt: bool) -> str:
    """``text`` with the mark when ``exempt``."""
    return text + MARK if exempt else text

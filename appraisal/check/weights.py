"""The warning every command gives when the top-level weights do not add up to 100.

Weights are proportions (contract section 2), so 30 among weights adding up to 132 counts as
22.7%, not 30%: a reader of the files, or of "30 → 25" in a diff, would take the number for a
share. ``validate``, ``score``, ``report``, ``diff`` and every other command that loads an
appraisal say so, through this one check (the loader adds it to the warnings it returns), and
name each weight's share. Sub-criteria's weights are shares of their parent, conventionally
equal small numbers (1, 1, 1), so only the top level is checked; and a single top-level
criterion is the whole whatever its number, so it is not warned of.
"""

from __future__ import annotations

from appraisal.errors import Problem
from appraisal.model.appraisal import Appraisal
from appraisal.text import percent

TOLERANCE = 1e-9


def weight_warnings(appraisal: Appraisal) -> list[Problem]:
    """A warning, with each top-level weight's share, when they do not add up to 100; at the
    first weight a scenario set, when one did (the scenario made the sum), else at ``criteria:``."""
    top = appraisal.frame.criteria
    if len(top) < 2 or any(c.weight is None for c in top):  # a weight still missing is an error of its own
        return []
    total = sum(c.relative_weight for c in top)
    if abs(total - 100) <= TOLERANCE:
        return []
    shares = ", ".join(f"{c.id} {c.relative_weight:g} counts as {percent(c.relative_weight / total)}" for c in top)
    targets = [("criteria", "criteria", i, "weight") for i in range(len(top))]
    where = next((t for t in targets if t in appraisal.origins), ("criteria", "criteria"))
    return [appraisal.problem(where, (
        f"the top-level weights add up to {total:g}, not 100; they are used as proportions: {shares}"),
        key=True, severity="warning")]

"""The report's "Equality impacts" section (contract section 16, docs/equality.md).

Options by characteristic, in words (colour may add to them in HTML, never carry them alone),
then each negative impact's mitigation and what is left, then what the committee must consider
under the Public Sector Equality Duty. The recommendation section names any negative impact the
preferred option leaves that another shortlisted option does not (:func:`preferred_gaps`).
"""

from __future__ import annotations

from typing import Any

from appraisal.check.equality import required
from appraisal.model.appraisal import Appraisal
from appraisal.model.equality import NAMES, ImpactEntry
from appraisal.report.base import Inputs, long_date
from appraisal.text import series

WORDS = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative", "unknown": "Not known"}

DUTY = ("The Public Sector Equality Duty (Equality Act 2010, section 149) asks the committee, before it "
        "decides, to have due regard to the need to eliminate discrimination, harassment and victimisation; to "
        "advance equality of opportunity between people who share a protected characteristic and those who do "
        "not; and to foster good relations between them. The duty is the committee's own: it is met by "
        "considering these impacts, and their mitigations, as part of the decision, not by this record alone.")


def cell(entry: ImpactEntry | None) -> dict[str, str]:
    """One option's impact on one characteristic, in words, with the impact left after mitigation."""
    if entry is None:
        return {"text": "Not assessed", "kind": "unknown"}
    text = WORDS[entry.impact]
    if entry.residual and entry.residual != entry.impact:
        text += f"; {WORDS[entry.residual].lower()} once mitigated"
    return {"text": text, "kind": entry.outcome}


def equality_section(inputs: Inputs) -> dict[str, Any] | None:
    """The section's data, or None when no option records its equality impacts."""
    appraisal = inputs.appraisal
    options = [o for o in appraisal.shortlisted if o.equality is not None]
    if not options:
        return None
    keys = required(appraisal)
    rows = [{"name": NAMES.get(k, k.replace("_", " ").capitalize()),
             "cells": [cell(o.equality.impacts.get(k)) for o in options if o.equality is not None]} for k in keys]
    mitigations = [
        {"option": o.name, "characteristic": NAMES.get(k, k), "note": e.note or "", "mitigation": e.mitigation or "",
         "residual": WORDS[e.outcome].lower()}
        for o in options if o.equality is not None for k, e in o.equality.impacts.items()
        if e.impact == "negative"]
    records: dict[str, list[str]] = {}  # one line per distinct assessment, naming the options it covers
    for o in options:
        assert o.equality is not None
        record = (long_date(o.equality.assessed) + (f", by {o.equality.by}" if o.equality.by else "")
                  + (f"; evidence: {o.equality.evidence}" if o.equality.evidence else ""))
        records.setdefault(record, []).append(o.name)
    assessed = [f"{'every ' + inputs.words.option if len(names) == len(options) > 1 else series(names)}: {record}"
                for record, names in records.items()]
    return {"options": [o.name for o in options], "rows": rows, "mitigations": mitigations,
            "assessed": assessed, "duty": DUTY, "gaps": preferred_gaps(appraisal, inputs.result.preferred)}


def preferred_gaps(appraisal: Appraisal, preferred: str | None) -> list[str]:
    """Each negative impact the preferred option leaves after mitigation that another shortlisted
    option does not have, in a sentence naming the options that avoid it."""
    chosen = next((o for o in appraisal.shortlisted if o.id == preferred), None)
    if chosen is None or chosen.equality is None:
        return []
    out = []
    for key, entry in chosen.equality.impacts.items():
        if entry.outcome != "negative":
            continue
        others = [o.name for o in appraisal.shortlisted if o.id != chosen.id and o.equality is not None
                  and (other := o.equality.impacts.get(key)) is not None and other.outcome != "negative"]
        if others:
            out.append(f"{chosen.name} leaves a negative impact on {NAMES.get(key, key).lower()} after mitigation, "
                       f"which {series(others)} {'does' if len(others) == 1 else 'do'} not.")
    return out

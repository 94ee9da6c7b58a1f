"""The report's timeline after the award (contract section 17, docs/tenders.md): when the
assessment summaries went out, when the contract award notice is published, when standstill
ends and the first day the contract may be entered into, from the same facts the notices use
(:func:`appraisal.analysis.award_facts.timeline`). Only when criteria.yaml's ``award:`` gives a date."""

from __future__ import annotations

from typing import Any

from appraisal.analysis.award_facts import timeline
from appraisal.render.standstill import LAW, day_in_words
from appraisal.report.base import Inputs


def timeline_section(inputs: Inputs) -> dict[str, Any] | None:
    t = timeline(inputs.result)
    if not t.any:
        return None
    s = t.standstill
    psr = inputs.result.appraisal.frame.regime == "psr"
    rows = [
        ("The award decision", t.decision),
        ("Letters sent to every assessed provider" if psr else "Assessment summaries sent to every assessed supplier",
         t.summaries_sent),
        *([("Contract award notice published: standstill begins", t.notice_published)] if not psr else
          [("Notice of intention published", t.notice_published), ("Standstill begins", s.begins if s else None)]),
        ("Standstill ends (at midnight)", s.ends if s else None),
        ("The earliest day the contract may be entered into", s.earliest_contract if s else None),
        ("The contract entered into", t.signed),
        ("The contract starts", t.contract_start),
    ]
    return {
        "rows": [{"event": event, "date": day_in_words(day)} for event, day in rows if day is not None],
        "law": f"Standstill: {LAW[s.regime]}." if s else "",
    }

"""The report's section on the NHS Provider Selection Regime (docs/psr.md): which process was
followed, which criterion stands for each of the five key criteria of regulation 5, the basic
selection criteria (the gates), who decided, and why the record matters. Only under ``regime: psr``.
"""

from __future__ import annotations

from typing import Any

from appraisal.model.psr import KEY_CRITERIA, PROCESSES
from appraisal.report.base import Inputs, criterion_refs
from appraisal.text import percent, series

REGULATIONS = "the Health Care Services (Provider Selection Regime) Regulations 2023 (SI 2023/1348)"

RECORD = (
    "Why the record matters. The Regulations require a record of each decision (regulation 24), including the "
    "decision-making process followed and who made the decisions. During standstill a provider who is aggrieved "
    "may make representations and ask for that recorded information, which must be given promptly (regulation "
    "12(4)). The Independent Patient Choice and Procurement Panel, which advises on representations a provider "
    "takes further, looks for a complete record of how each key criterion was considered and why the process was "
    "the right one; for a competitive process it has asked for each evaluator's scores and comments and the "
    "reasons for the moderated scores, for the provider that complained and for the one selected. This report, "
    "the assessors' own scores (assessments/) and the moderation notes beside each agreed score are that record.")


def psr_section(inputs: Inputs) -> dict[str, Any] | None:
    """The regime's part of the report, or None outside it."""
    frame = inputs.appraisal.frame
    if frame.regime != "psr":
        return None
    refs = criterion_refs(inputs.result)
    info = {c.id: c for c in inputs.result.criteria}
    chosen = frame.key_criteria()
    key = [{"key": name, "id": k, "ref": refs[chosen[k].id], "criterion": chosen[k].name,
            "weight": percent(info[chosen[k].id].weight)}
           for k, name in KEY_CRITERIA.items() if k in chosen]
    process = PROCESSES.get(frame.process or "", "")
    gates = [g.name for g in frame.gates]
    makers = [m.name + (f" ({m.role})" if m.role else "") for m in frame.award.decision_makers] if frame.award else []
    reason = frame.award.process_reason if frame.award else None
    return {
        "intro": (f"This decision is made under {REGULATIONS}, not the Procurement Act 2023"
                  + (f", following {process}." if process else ".")),
        "process_reason": (f"Why this process: {reason.strip()}" if reason else
                           "Why this process was the one to follow is not recorded here: give the reasons in "
                           "criteria.yaml as award.process_reason, since the record must show them."),
        "key_intro": ("Regulation 5 sets five key criteria, and every one must be considered. Each is taken into "
                      "account through the criterion beside it, with the weight shown (its share of the whole):"),
        "key_criteria": key,
        "gates": (f"The basic selection criteria are the gates: {series(gates)}. A provider that does not meet one "
                  "is not selected, whatever its score (it is shown, but not ranked)." if gates else
                  "No basic selection criteria are recorded as gates: a provider is assessed on the key criteria "
                  "alone. If the procurement set basic selection criteria, add each to criteria.yaml as a gate."),
        "decision_makers": makers,
        "record": RECORD,
    }

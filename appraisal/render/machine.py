"""Machine formats: every command's JSON document, and the Result as CSV.

The one place JSON documents are built (the analyses return dataclasses, not dicts): plain
serialisation, full float precision, keys in a fixed order, so the same input always gives
the same bytes. The documents' keys are described in docs/ (README.md for ``score``,
docs/sensitivity.md, docs/diff.md, docs/green-book.md for ``vfm``, docs/panel.md for ``panel``).
CSV rounds to :data:`CSV_DECIMALS` decimals to hide float noise (docs/output.md).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

from appraisal.analysis.award_facts import AwardFacts
from appraisal.analysis.diff import Diff, Side
from appraisal.analysis.dominance import dominators
from appraisal.analysis.panel import Pack
from appraisal.analysis.sensitivity import Sensitivity
from appraisal.analysis.vfm import Step, ValueForMoney
from appraisal.analysis.workshop import Workshop
from appraisal.check.standstill import FURTHER_DAYS, Calendar, Standstill, uk_time
from appraisal.model.equality import Equality
from appraisal.scoring.weighted_sum import Cell, Result
from appraisal.text import formula_like


def _cell(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"score": cell.score, "value": cell.value, "contribution": cell.contribution}
    if cell.measure is not None:
        out["measure"] = cell.measure
    return out


def _exempt(exempt: bool) -> dict[str, bool]:
    """``"exempt": true`` for an option whose costs are exempt information; nothing otherwise,
    so the documents of appraisals without exempt costs keep their keys."""
    return {"exempt": True} if exempt else {}


def result_to_dict(result: Result) -> dict[str, Any]:
    """The JSON document of ``appraise score --format json``, with ``dominated_by`` for each
    option (see :mod:`appraisal.analysis.dominance`), and ``filled`` on a cell whose score a
    panel's median or mean supplied (docs/panel.md), and on a criterion whose weight the weighting
    workshop's participants' supplied (docs/weights.md)."""
    dominated = dominators(result)
    rule = result.appraisal.frame.panel.agreement
    weighting = result.appraisal.frame.weighting
    made: dict[int, dict[str, Any]] = {}  # a cell options share (a bare score's) is one mapping

    def cell(c: Cell) -> dict[str, Any]:
        found = made.get(id(c)) if c.shared else None
        if found is None:
            found = {**_cell(c), **({"filled": rule} if c.filled else {})}
            if c.shared:
                made[id(c)] = found
        return found

    equality = {o.id: o.equality for o in result.appraisal.shortlisted if o.equality is not None}
    return {
        "title": result.title,
        "scenario": result.scenario,
        **notice(result.notice),
        "criteria": [
            {"id": c.id, "name": c.name, "parent": c.parent, "weight": c.weight,
             "local_weight": c.local_weight, "leaf": c.is_leaf, "measure": c.measure,
             **({"filled": weighting.combine} if c.filled and weighting else {})}
            for c in result.criteria
        ],
        "options": [
            {"id": o.id, "name": o.name, "rank": o.rank, "total": o.total, "eligible": o.eligible,
             "failed_gates": list(o.failed_gates), "baseline": o.baseline,
             "criteria": {k: cell(v) for k, v in o.cells.items()}, "measures": o.measures,
             "dominated_by": list(dominated[o.id]), **_exempt(o.id in result.appraisal.exempt),
             **_equality(equality.get(o.id))}
            for o in result.options
        ],
        "discounted": [{"id": d.id, "name": d.name, "reason": d.reason} for d in result.discounted],
        "preferred": result.preferred,
    }


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The JSON document of ``appraise panel --format json`` (docs/panel.md): items in option
    then criteria order, full precision."""
    return {
        "agreement": pack.agreement,
        "assessors": [
            {"id": a.id, "name": a.name, "role": a.role, "interests": a.interests, "date": a.date,
             "scored": a.scored, "offset": a.offset}
            for a in pack.assessors
        ],
        "items": [
            {"option": i.option, "criterion": i.criterion, "scores": i.scores, "min": i.low, "max": i.high,
             "range": i.range, "median": i.median, "agreed": i.agreed, "flags": list(i.flags),
             "divergence": i.divergence, "rationales": i.rationales, "moderation": i.moderation}
            for i in pack.items
        ],
    }


def _equality(given: Equality | None) -> dict[str, Any]:
    """``{"equality": {characteristic: impact}}``, the impact left after mitigation where given
    (contract section 16); nothing for an option without ``equality:``."""
    if given is None:
        return {}
    return {"equality": {k: e.outcome for k, e in given.impacts.items()}}


def _filled(criteria: list[str]) -> dict[str, list[str]]:
    """``{"filled_weights": [...]}``: the criteria whose weight a weighting workshop's participants filled, if any."""
    return {"filled_weights": criteria} if criteria else {}


def notice(text: str | None) -> dict[str, str]:
    """``{"notice": text}`` where criteria.yaml gives a notice (an illustrative example's), else nothing."""
    return {"notice": text} if text else {}


def standstill_to_dict(s: Standstill, calendar: Calendar) -> dict[str, Any]:
    """The JSON document of ``appraise standstill --format json`` (contract sections 17 and 18): under the
    regime, also the working days that follow a decision on representations, and once given, their dates."""
    regime: dict[str, Any] = {}
    if s.regime == "psr":
        f = s.further
        regime = {"representations_until": s.ends.isoformat(), "further_working_days": FURTHER_DAYS,
                  "after_representations": None if f is None else {
                      "decided": f.decided.isoformat(), "ends": f.ends.isoformat(),
                      "earliest_contract": f.earliest_contract.isoformat(),
                      "skipped": [{"date": k.date.isoformat(), "why": k.why} for k in f.skipped]}}
    return {
        "regime": s.regime,
        "published": s.published.isoformat(),
        "begins": s.begins.isoformat(),
        "ends": s.ends.isoformat(),
        "earliest_contract": s.earliest_contract.isoformat(),
        "skipped": [{"date": k.date.isoformat(), "why": k.why} for k in s.skipped],
        "calendar": {"source": "GOV.UK bank holidays (govuk-bank-holidays)", "years": [calendar.first, calendar.last]},
        **regime,
    }


def _party(name: str, identifier: str | None, address: str | None, email: str | None,
           roles: list[str]) -> dict[str, Any]:
    """An OCDS party: its id is its identifier, or its first role when it has none. An identifier
    written as org-id writes them (``GB-COH-01234567``, ``GB-PPON-PXMP-2417-ABCD``: a country
    code and a register, then the number in it) gives the scheme and the number apart."""
    parts = (identifier or "").split("-", 2)
    orgid = len(parts) == 3 and len(parts[0]) == 2 and parts[0].isalpha() and parts[0].isupper() and all(parts)
    out: dict[str, Any] = {"id": identifier or roles[0], "name": name}
    if identifier:
        out["identifier"] = {"scheme": f"{parts[0]}-{parts[1]}", "id": parts[2]} if orgid else {"id": identifier}
    if address:
        out["address"] = {"streetAddress": address}
    if email:
        out["contactPoint"] = {"email": email}
    return out | {"roles": roles}


def _whole(x: float | None) -> float | int | None:
    """A whole number as an integer (40, not 40.0); any other as it is."""
    return int(x) if x is not None and x.is_integer() else x


def uk_release_to_dict(f: AwardFacts, kind: str) -> dict[str, Any]:
    """The OCDS 1.1 release of a UK6 (tag ``award``) or UK7 (tag ``contract``) notice, with the
    lots, bid, awardCriteria and UK extensions' fields (contract section 17, docs/tenders.md;
    its JSON Schema: appraisal/schemas/notice-release.json)."""
    a, t = f.award, f.timeline
    assert a.buyer is not None and a.value is not None
    s = f.supplier
    buyer = _party(a.buyer.name, a.buyer.identifier, a.buyer.address, a.buyer.email, ["buyer"])
    if a.contact:
        buyer["contactPoint"] = {"name": a.contact.name} | ({"email": a.contact.email} if a.contact.email else {})
    supplier = _party(s.name, s.identifier, s.address, s.email, ["supplier", "tenderer"])
    supplier["details"] = {"scale": s.scale, "vcse": s.vcse}
    value = {"amount": _whole(a.value.amount)} | (
        {"amountGross": _whole(a.value.amount_gross)} if a.value.amount_gross is not None else {}) | {
        "currency": f.currency}
    period = {k: uk_time(d, end=k == "endDate")
              for k, d in (("startDate", t.contract_start), ("endDate", t.contract_end)) if d is not None}
    award: dict[str, Any] = {"id": "1", "status": "pending" if kind == "uk6" else "active",
                             "suppliers": [{"id": supplier["id"], "name": s.name}], "value": value}
    if period:
        award["contractPeriod"] = period
    published = t.notice_published if kind == "uk6" else t.signed
    assert published is not None
    out: dict[str, Any] = {
        "ocid": f.ocid, "id": f"{f.ocid}-{kind}", "date": uk_time(published),
        "tag": ["award" if kind == "uk6" else "contract"], "initiationType": "tender", "language": "en",
        "parties": [buyer, supplier], "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "tender": {"id": a.reference, "title": f.title} | (
            {"description": " ".join(a.description.split())} if a.description else {}),
    }
    if kind == "uk6":
        assert t.standstill is not None and t.summaries_sent is not None
        out["tender"]["lots"] = [{"id": "1", "awardCriteria": {"criteria": [
            {"type": w.kind, "name": w.name, **({"description": w.description} if w.description else {}),
             "numbers": [{"number": _whole(float(w.percent)), "weight": "percentageExact"}]} for w in f.weights]}}]
        out["bids"] = {"statistics": [{"id": str(n), "measure": measure, "value": count} for n, (measure, count) in
                                      enumerate((("bids", f.received), ("finalStageBids", f.assessed),
                                                 ("smeFinalStageBids", f.sme), ("vcseFinalStageBids", f.vcse)), 1)]}
        award |= {"relatedLots": ["1"], "standstillPeriod": {"startDate": uk_time(t.standstill.begins),
                                                             "endDate": uk_time(t.standstill.ends, end=True)},
                  "assessmentSummariesDateSent": uk_time(t.summaries_sent)}
    else:
        contract: dict[str, Any] = {"id": "1", "awardID": "1", "status": "active", "value": value}
        if period:
            contract["period"] = period
        if t.signed is not None:
            contract["dateSigned"] = uk_time(t.signed)
        if f.kpis:
            contract["agreedMetrics"] = [{"id": str(n), "title": k.name, **(
                {"description": k.description} if k.description else {})} for n, k in enumerate(f.kpis, 1)]
        if f.no_kpis_reason:
            contract["noAgreedMetricsRationale"] = f.no_kpis_reason
        out["contracts"] = [contract]
    out["awards"] = [award]
    return out


def workshop_to_dict(w: Workshop) -> dict[str, Any]:
    """The JSON document of ``appraise weights --format json`` (contract section 14)."""
    return {
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role, "interests": p.interests, "method": p.method,
             "rule": p.rule, "weights": p.weights, "consistency": p.consistency}
            for p in w.participants
        ],
        "combined": {"rule": w.rule, "weights": w.combined},
        "agreed": w.agreed,
        "filled": sorted(w.filled),
        "spread": {k: {"min": low, "max": high} for k, (low, high) in w.spread.items()},
    }


def sensitivity_to_dict(s: Sensitivity) -> dict[str, Any]:
    """The JSON document of ``appraise sensitivity --format json`` (docs/sensitivity.md)."""
    mc = s.montecarlo
    return {
        "title": s.result.title,
        "scenario": s.result.scenario,
        **notice(s.result.notice),
        **_filled([c.id for c in s.result.criteria if c.filled]),
        "preferred": s.result.preferred,
        "switching": [
            {"criterion": w.criterion, "weight": w.weight, "lower": w.lower, "upper": w.upper,
             "below": w.below, "above": w.above, "name": w.name, "parent": w.parent}
            for w in s.switching
        ],
        "samples": mc.settings.samples,
        "seed": mc.settings.seed,
        "rank_probabilities": {o: list(p) for o, p in mc.rank_probabilities.items()},
        "preferred_probability": mc.preferred_probability,
        "preferred_probability_any_weights": s.any_weights,
        "sampling": {k: v for k, v in asdict(mc.settings).items() if k not in ("samples", "seed")},
        "over_budget": mc.over_budget,
    }


def diff_to_dict(diff: Diff) -> dict[str, Any]:
    """The JSON document of ``appraise diff --format json`` (docs/diff.md)."""

    def side(s: Side) -> dict[str, Any]:
        return {"label": s.label, "preferred": s.result.preferred, "title": s.result.title,
                "scenario": s.result.scenario, **notice(s.result.notice), "commit": s.commit}

    def gates(g: tuple[str, ...] | None) -> list[str] | None:
        return None if g is None else list(g)

    return {
        "old": side(diff.old),
        "new": side(diff.new),
        "preferred_changed": diff.preferred_changed,
        "ranking_changed": diff.ranking_changed,
        "options": [
            {"id": o.id, "name": o.name, "old_rank": o.old_rank, "new_rank": o.new_rank,
             "old_total": o.old_total, "new_total": o.new_total, "old_status": o.old_status,
             "new_status": o.new_status, "old_failed_gates": gates(o.old_failed_gates),
             "new_failed_gates": gates(o.new_failed_gates), "changed": o.changed}
            for o in diff.options
        ],
        "inputs": [
            {"file": i.file, "line": i.line, "path": i.path, "old": i.old, "new": i.new, **_exempt(diff.exempt(i)),
             **({"old_share": i.old_share, "new_share": i.new_share} if i.is_weight else {})}
            for i in diff.inputs
        ],
    }


def _step(s: Step | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"against": s.against, "extra_cost": s.extra_cost, "extra_points": s.extra_points,
            "cost_per_extra_point": s.cost_per_point}


def vfm_to_dict(vfm: ValueForMoney) -> dict[str, Any]:
    """The JSON document of ``appraise vfm --format json`` (full precision, fixed key order)."""
    return {
        "title": vfm.title,
        "scenario": vfm.scenario,
        **notice(vfm.notice),
        **_filled(list(vfm.filled_weights)),
        "currency": vfm.currency,
        "discounting": vfm.discounting,
        "points_out_of": vfm.points_out_of,
        "against": vfm.against,
        "baseline": vfm.baseline,
        # benefit points and the criteria they leave out, where any is left out (otherwise the
        # points are the benefit points, and the document is as it was before they were added)
        **({"excluded_criteria": [i for i, _ in vfm.excluded]} if vfm.excluded else {}),
        "options": [
            {"id": o.id, "name": o.name, "rank": o.rank, "eligible": o.eligible, "roles": list(o.roles),
             "points": o.total, **({"benefit_points": o.points} if vfm.excluded else {}),
             "npv_cost": o.npv_cost, "optimism_bias": dict(sorted(o.optimism_bias.items())),
             "cost": o.cost, "cost_per_point": o.cost_per_point, "dominated_by": list(o.dominated_by),
             "on_frontier": o.on_frontier, "versus_baseline": _step(o.versus_baseline),
             "incremental": _step(o.incremental), **_exempt(o.exempt)}
            for o in vfm.options
        ],
        "frontier": list(vfm.frontier),
    }


def to_json(data: Any) -> str:
    """:func:`json_bytes` as text."""
    return json_bytes(data).decode("utf-8")


def json_bytes(data: Any) -> bytes:
    """Indented JSON with a final newline, in UTF-8 (non-ASCII text kept as it is), as written
    to a file or standard output (29 MB for 10,000 options: no text to decode and encode again).

    Serialised by pydantic-core (Rust), which is already loaded: the standard library's
    encoder falls back to pure Python when indenting, ten times slower on 10,000 options.
    Floats round-trip exactly (shortest repr).
    """
    from pydantic_core import to_json as dump

    return dump(data, indent=2) + b"\n"


CSV_DECIMALS = 10
"""CSV numbers are rounded to this many decimals, which hides float noise (6.999999999999999
is written 7) and keeps far more precision than any input has. See docs/output.md."""


BOM = "\ufeff"
"""The byte order mark a CSV file starts with, so that Excel reads it as UTF-8 (see :func:`to_csv`)."""


def csv_number(value: float) -> str:
    """A number for CSV: rounded to :data:`CSV_DECIMALS`, then written in its shortest form,
    a whole number without a decimal point (``14``, ``0.7``, ``37764251.2077294737``)."""
    rounded = round(value, CSV_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(int(rounded)) if rounded.is_integer() else repr(rounded)


def to_csv(result: Result) -> str:
    """One row per option (ranked, unranked, then discounted).

    Criteria in tree order: a parent criterion's value and contribution (the sum of its
    children's), a leaf's score, value and contribution; then each measure the options carry
    (``measure.annual_cost`` and the like: the figures measured criteria are scored from).

    The text starts with a byte order mark: Excel on Windows reads a CSV file without one in the
    system's code page, and shows £ as "Â£" and "–" as "â€“". Python's ``utf-8-sig``, pandas and
    LibreOffice read past it.
    """
    measures = sorted({name for o in result.options for name in o.measures})
    header = ["rank", "id", "name", "status", "total", "eligible", "failed_gates", "reason"]
    for c in result.criteria:
        header += ([f"{c.id}.score"] if c.is_leaf else []) + [f"{c.id}.value", f"{c.id}.contribution"]
    header += [f"measure.{name}" for name in measures]
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for o in result.options:
        row: list[Any] = [o.rank if o.rank is not None else "", o.id, _safe(o.name), "shortlisted",
                          csv_number(o.total), o.eligible, " ".join(o.failed_gates), ""]
        for c in result.criteria:
            cell = o.cells[c.id]
            if c.is_leaf:
                row.append("" if cell.score is None else csv_number(cell.score))
            row += [csv_number(cell.value), csv_number(cell.contribution)]
        row += ["" if name not in o.measures else csv_number(o.measures[name]) for name in measures]
        writer.writerow(row)
    for d in result.discounted:
        writer.writerow(["", d.id, _safe(d.name), "discounted", "", "", "", _safe(d.reason)]
                        + [""] * (len(header) - 8))
    return buffer.getvalue()


def _safe(text: str) -> str:
    """Defuse spreadsheet formulas: text a spreadsheet would read as a formula is prefixed with a quote."""
    return "'" + text if formula_like(text) else text

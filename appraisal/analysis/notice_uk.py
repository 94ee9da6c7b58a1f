"""What the contract award notice (UK6) and the contract details notice (UK7) need from the
folder, and the located errors when it is not there (docs/tenders.md).

A date or a flag left out is fine until the notice that needs it is drafted: then each missing
one is an error at the place to add it, all at once, and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from appraisal.analysis.award_facts import KPI_VALUE, KPIS
from appraisal.analysis.summaries import most_advantageous, no_winner, tenders
from appraisal.check.standstill import OutsideCalendar, standstill

if TYPE_CHECKING:
    from appraisal.errors import Problem
    from appraisal.model.appraisal import Appraisal
    from appraisal.model.award import Award
    from appraisal.scoring.weighted_sum import Result

UK6 = "uk6"
UK7 = "uk7"
NAMES = {UK6: "contract award notice (UK6)", UK7: "contract details notice (UK7)"}

NEEDS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    UK6: [
        (("buyer", "name"), "the buyer's name (the contracting authority the notice is published by)"),
        (("reference",), "the procurement's reference, which the notice quotes"),
        (("value", "amount"), "the contract's value without VAT, which the notice publishes"),
        (("summaries_sent",), ("the day the assessment summaries were sent: they go to every assessed supplier "
                               "before the notice is published (Procurement Act 2023, s.50(3))")),
        (("notice_published",), ("the day the notice is to be published: standstill begins with it "
                                 "(Procurement Act 2023, s.51), and the notice says when it ends")),
    ],
    UK7: [
        (("buyer", "name"), "the buyer's name (the contracting authority the notice is published by)"),
        (("reference",), "the procurement's reference, which the notice quotes"),
        (("value", "amount"), "the contract's value without VAT, which the notice publishes"),
        (("contract", "start"), "the contract's first day, which the notice publishes"),
        (("contract", "end"), "the contract's last day, which the notice publishes"),
        (("contract", "signed"), ("the day the contract was entered into: the notice follows it "
                                  "(Procurement Act 2023, s.53)")),
    ],
}
"""Each notice's fields of ``award:`` in criteria.yaml, and why it needs each."""

SUPPLIER = [
    ("identifier", "its unique identifier"),
    ("address", "its postal address"),
    ("email", "its email address"),
]
"""What a notice says of the supplier the contract goes to (regulations 27(2)(e) and 32(2)(g))."""


def _get(award: Award, path: tuple[str, ...]) -> object:
    value: object = award
    for part in path:
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _place(award: Award, path: tuple[str, ...]) -> tuple[str, ...]:
    """Where in criteria.yaml to add ``award.<path>``: the deepest part of it already written."""
    at: tuple[str, ...] = ("criteria", "award")
    value: object = award
    for part in path[:-1]:
        value = getattr(value, part, None)
        if value is None:
            break
        at += (part,)
    return at


def notice_problems(result: Result, kind: str) -> list[Problem]:
    """Every input the ``kind`` notice lacks, each where to add it."""
    appraisal = result.appraisal
    name = NAMES[kind]
    award = appraisal.frame.award
    if appraisal.frame.regime == "psr":
        return [appraisal.problem(("criteria", "regime"), (
            f"regime: psr: the award is made under the Provider Selection Regime, not the Procurement Act 2023, so "
            f"no {name} is published; the regime has its own notices"))]
    if award is None:
        out = [appraisal.problem(("criteria",), (
            f"no award: the {name} is filled from criteria.yaml's 'award:' block (buyer, reference, value and "
            "dates, docs/tenders.md); add it"))]
    else:
        out = [appraisal.problem(_place(award, path), f"award.{'.'.join(path)} is missing: the {name} needs {why}",
                                 key=True)
               for path, why in NEEDS[kind] if _get(award, path) is None]
        if kind == UK6 and award.notice_published is not None:
            try:
                standstill(award.notice_published, appraisal.frame.regime)
            except OutsideCalendar as exc:
                out.append(appraisal.problem(("criteria", "award", "notice_published"), str(exc)))
        if kind == UK7:
            out += _kpi_problems(appraisal, award, name)
    out += no_winner(result)
    winner = most_advantageous(result)
    if winner is not None:
        out += _supplier_problems(appraisal, winner, name)
        if kind == UK6:
            out += [p for o in tenders(result) if o.id != winner for p in _flags(appraisal, o.id, name)]
    return out


def _supplier_problems(appraisal: Appraisal, winner: str, name: str) -> list[Problem]:
    supplier = next(o.supplier for o in appraisal.options if o.id == winner)
    assert supplier is not None
    out = [appraisal.problem(("option", winner, "supplier"), (
        f"supplier.{field} is missing: the {name} gives {why} of the supplier the contract is awarded to"), key=True)
        for field, why in SUPPLIER if getattr(supplier, field) is None]
    return out + _flags(appraisal, winner, name)


def _flags(appraisal: Appraisal, option: str, name: str) -> list[Problem]:
    """An assessed supplier's SME and VCSE flags, which the notice counts or states."""
    supplier = next(o.supplier for o in appraisal.options if o.id == option)
    assert supplier is not None
    out = []
    if supplier.scale is None:
        out.append(appraisal.problem(("option", option, "supplier"), (
            f"supplier.scale is missing: the {name} says how many tenders came from small and medium-sized "
            "enterprises; add 'scale: sme' or 'scale: large'"), key=True))
    if supplier.vcse is None:
        out.append(appraisal.problem(("option", option, "supplier"), (
            f"supplier.vcse is missing: the {name} says how many tenders came from voluntary, community or social "
            "enterprises; add 'vcse: true' or 'vcse: false'"), key=True))
    return out


def _kpi_problems(appraisal: Appraisal, award: Award, name: str) -> list[Problem]:
    """Procurement Act 2023, s.52: more than £5 million needs at least three KPIs (the value with
    VAT where given, else without: the cautious reading)."""
    value = award.value
    worth = value.amount_gross if value and value.amount_gross is not None else (value.amount if value else None)
    kpis = award.contract.kpis if award.contract else []
    excused = award.contract is not None and award.contract.no_kpis_reason is not None
    if worth is None or worth <= KPI_VALUE or len(kpis) >= KPIS or excused:
        return []
    where = ("criteria", "award", "contract", "kpis") if kpis else _place(award, ("contract", "kpis"))
    return [appraisal.problem(where, (
        f"the contract is worth {worth:,.0f}, more than 5,000,000, so it needs at least {KPIS} key performance "
        f"indicators (Procurement Act 2023, s.52), which the {name} publishes; {len(kpis)} given: add them under "
        "award.contract.kpis, each a name and a description (or, where the supplier's performance could not "
        "appropriately be assessed by them, say why in award.contract.no_kpis_reason)"), key=not kpis)]

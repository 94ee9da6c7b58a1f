"""``award:`` in criteria.yaml: after a tender evaluation, the award under the Procurement Act 2023
(contract section 17, docs/tenders.md). A date left out is fine until the command that needs it runs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, Field, Strict

from appraisal.model.psr import DecisionMaker
from appraisal.model.values import InputModel, Name, NonNegative, Text

Date = Annotated[dt.date, Strict()]


def _ocid_prefix(value: str) -> str:
    if not re.fullmatch(r"ocds-[a-z0-9]{1,20}", value):
        raise ValueError(f"{value!r} is not an Open Contracting ID prefix: write 'ocds-' and then up to 20 lower-case "
                         "letters or digits, such as ocds-h6vhtk")
    return value


OcidPrefix = Annotated[str, Strict(), AfterValidator(_ocid_prefix)]


class Party(InputModel):
    """The buyer: the contracting authority, as the notices name it."""

    name: Name
    identifier: Name | None = None
    address: Text | None = None
    email: Name | None = None


class Contact(InputModel):
    """Whom suppliers contact about the award."""

    name: Name
    email: Name | None = None


class Value(InputModel):
    """The contract's value in the appraisal's currency, without and with VAT."""

    amount: NonNegative | None = None
    amount_gross: NonNegative | None = None


class Period(InputModel):
    start: Date | None = None
    end: Date | None = None


class Kpi(InputModel):
    """A key performance indicator the contract is to be assessed by (Procurement Act 2023, s.52)."""

    name: Name
    description: Text | None = None


class Contract(Period):
    """The contract: its period, the day it was entered into, and its key performance indicators."""

    signed: Date | None = None
    kpis: list[Kpi] = Field(default_factory=list, max_length=50)
    no_kpis_reason: Text | None = None
    """Why the supplier's performance could not appropriately be assessed by KPIs (s.52's exception)."""


class Award(InputModel):
    """The award: who buys, the procurement's reference, the value and the dates that set standstill."""

    buyer: Party | None = None
    reference: Name | None = None
    value: Value | None = None
    contract: Contract | None = None
    decision: Date | None = None
    summaries_sent: Date | None = None
    notice_published: Date | None = None
    contact: Contact | None = None
    decision_makers: list[DecisionMaker] = Field(default_factory=list, max_length=50)
    """Who decided: under the Provider Selection Regime every notice and the record name them."""
    description: Text | None = None
    """Under the Provider Selection Regime, the health care services the contract is for, as the notice of
    intention describes them."""
    cpv: Name | None = None
    """The most relevant CPV code of those services (Common Procurement Vocabulary, e.g. 85323000-9)."""
    process_reason: Text | None = None
    """Under the Provider Selection Regime, why the process followed was the one to follow: the record of the
    decision must say (regulation 24)."""
    ocid_prefix: OcidPrefix | None = None
    """The prefix of the notices' Open Contracting ID (docs/tenders.md): ``ocds-draft`` unless given."""

"""What every report section builder shares: its input, option records and formatting.

A section builder takes :class:`Inputs` and returns plain data (dicts, lists, strings,
numbers, booleans): every number is formatted here, in Python, so the Markdown and HTML
templates only lay text out, and a user's template in Jinja's sandbox sees nothing but data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from appraisal.analysis.montecarlo import Settings
from appraisal.analysis.sensitivity import Sensitivity, analyse
from appraisal.finance.costs import COST_MEASURES
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option
from appraisal.report.provenance import Provenance
from appraisal.report.withhold import NOTHING, Withheld
from appraisal.report.withhold import analyse as withheld_figures
from appraisal.scoring.weighted_sum import OptionResult, Result
from appraisal.text import Words, money, points

MAX_DETAILED_OPTIONS = 50
"""Above this many shortlisted options, the scoring matrix, the chart, the option sections and
the financial summary cover the highest-ranked this many (plus the baseline, when it is not
among them), with a note of how many were left out; the summary table still ranks them all.
A report of 1,000 options must stay usable: 50 keeps the HTML near 1 MB (docs/report.md)."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
"""English month names, independent of the machine's locale (GOV.UK style: 14 March 2017)."""

EXEMPT = "exempt"
"""What the public report prints in place of an exempt figure."""

REPORT_WORK = 200_000_000
"""Samples x options x criteria a report may sample (a few seconds); above it, fewer samples."""


def report_settings(options: int, leaves: int) -> Settings:
    """The command's default settings, with fewer samples when the appraisal is very large."""
    default = Settings()
    cells = max(1, options * leaves)
    return Settings(samples=max(1_000, min(default.samples, REPORT_WORK // cells)))

@dataclass(frozen=True)
class Inputs:
    """Everything a section builder may use."""

    result: Result
    provenance: Provenance
    detailed: tuple[OptionResult, ...]
    """The options shown in detail: all of them, or the top MAX_DETAILED_OPTIONS and the baseline."""
    hidden: frozenset[str] = frozenset()
    """Options whose cost figures are exempt and this report withholds (none in the exempt appendix)."""

    @cached_property
    def withheld(self) -> Withheld:
        """The figures worked out from the ``hidden`` options' costs, which this report withholds
        (:mod:`appraisal.report.withhold`)."""
        return withheld_figures(self.result, self.hidden)

    @cached_property
    def sensitivity(self) -> Sensitivity:
        """Switching values and rank probabilities, computed once for every section that uses
        them (the recommendation's warnings and the sensitivity section)."""
        ranked = sum(1 for o in self.result.options if o.rank is not None)
        return analyse(self.result, report_settings(ranked, len(self.result.leaves)))

    @property
    def appraisal(self) -> Appraisal:
        """The inputs, for what they say in words and settings as written (see :class:`Result`)."""
        return self.result.appraisal

    @property
    def words(self) -> Words:
        """What the report calls the options: tenders in a tender evaluation (docs/tenders.md)."""
        return self.appraisal.words

    @property
    def left_out(self) -> int:
        """How many shortlisted options the detailed sections leave out."""
        return len(self.result.options) - len(self.detailed)

    def option(self, option_id: str) -> Option:
        """The option as written in its file."""
        return next(o for o in self.appraisal.options if o.id == option_id)

    def money(self, value: float | None) -> str:
        """A sum in the appraisal's currency, or 'not stated'."""
        return "not stated" if value is None else money(value, self.appraisal.frame.currency)

    def cost(self, option_ids: str | tuple[str, ...], value: float | None) -> str:
        """:meth:`money` for a sum worked from the costs of ``option_ids``: 'exempt' when any of
        them is withheld, so no figure derived from an exempt cost is printed."""
        ids = (option_ids,) if isinstance(option_ids, str) else option_ids
        return EXEMPT if self.withheld.cost(*ids) else self.money(value)

    def points(self, option: OptionResult, criterion_id: str) -> str:
        """The option's points on a criterion, or 'exempt' when worked out from an exempt figure."""
        hidden = self.withheld.cell(option.id, criterion_id)
        return EXEMPT if hidden else points(option.cells[criterion_id].contribution)

    def record(self, option: OptionResult) -> dict[str, Any]:
        """:func:`option_record` with this report's withheld totals."""
        return option_record(option, self.withheld)

    def measured(self, option_id: str, measure: str, value: float) -> str:
        """:func:`figure`, or 'exempt' for a cost measure of a withheld option."""
        if measure in COST_MEASURES and self.withheld.cost(option_id):
            return EXEMPT
        return figure(self, measure, value)


def detailed_options(result: Result, limit: int = MAX_DETAILED_OPTIONS) -> tuple[OptionResult, ...]:
    """The first ``limit`` options in rank order, plus the baseline if it falls below the cut."""
    shown = list(result.options[:limit])
    shown += [o for o in result.options[limit:] if o.baseline]
    return tuple(shown)


def long_date(date: dt.date) -> str:
    """14 March 2017."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def option_record(option: OptionResult, withheld: Withheld = NOTHING) -> dict[str, Any]:
    """How every section refers to an option: name, id, rank, total and a link target; a total
    worked out from an exempt figure is 'exempt' (:mod:`appraisal.report.withhold`)."""
    hidden = withheld.total(option.id)
    return {
        "id": option.id,
        "name": option.name,
        "rank": option.rank,
        "rank_text": str(option.rank) if option.rank is not None else "–",
        "total": EXEMPT if hidden else points(option.total),
        "total_text": ("its total withheld as exempt information" if hidden
                       else f"{points(option.total)} points out of 100"),
        "points_text": "total withheld" if hidden else f"{points(option.total)} points",
        "total_withheld": hidden,
        "eligible": option.eligible,
        "baseline": option.baseline,
        "anchor": f"option-{option.id}",
    }


def gate_names(appraisal: Appraisal) -> dict[str, str]:
    """Every gate's name by id, the built-in budget gate included (:meth:`CriteriaFile.gate_names`)."""
    return appraisal.frame.gate_names()


def gates_text(option: OptionResult, names: dict[str, str]) -> str:
    """'Passed', or 'Failed: ' and the names of the gates failed."""
    if option.eligible:
        return "Passed"
    return "Failed: " + "; ".join(names.get(g, g) for g in option.failed_gates)


def criterion_refs(result: Result) -> dict[str, str]:
    """A reference number for each criterion by its place in the tree: 1, 2, 2.1, 2.2, 3."""
    refs: dict[str, str] = {}
    counters: dict[str | None, int] = {}
    for c in result.criteria:
        counters[c.parent] = counters.get(c.parent, 0) + 1
        prefix = refs[c.parent] + "." if c.parent is not None else ""
        refs[c.id] = f"{prefix}{counters[c.parent]}"
    return refs


def measure_name(measure: str) -> str:
    """A measure's id in words: annual_cost -> 'annual cost', families_reached -> 'families reached'."""
    return {"whole_life_cost": "whole-life cost", "npv_cost": "net present cost"}.get(
        measure, measure.replace("_", " ").replace("-", " ")
    )


def figure(inputs: Inputs, measure: str, value: float) -> str:
    """A measured number as the committee reads it: money for costs, else with separators."""
    return figure_text(measure, value, inputs.appraisal.frame.currency)


def figure_text(measure: str, value: float, currency: str) -> str:
    """:func:`figure` for a currency given directly."""
    if measure in COST_MEASURES:
        return money(value, currency)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"

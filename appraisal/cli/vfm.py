"""``appraise vfm``: value for money of the options, and their differences from the baseline."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from appraisal.cli.common import CriteriaOpt, OutputOpt, PathArg, ScenarioOpt, load_appraisal
from appraisal.cli.formats import Format, Formats

if TYPE_CHECKING:
    from appraisal.analysis.vfm import ValueForMoney


class Against(str, enum.Enum):
    baseline = "baseline"
    do_minimum = "do-minimum"
    next_cheapest = "next-cheapest"


def _table(vfm: ValueForMoney, terminal: bool) -> str:
    from appraisal.render.vfm import to_table

    return to_table(vfm, terminal=terminal)


def _json(vfm: ValueForMoney, terminal: bool) -> bytes:
    from appraisal.render.machine import json_bytes, vfm_to_dict

    return json_bytes(vfm_to_dict(vfm))


def _markdown(vfm: ValueForMoney, terminal: bool) -> str:
    from appraisal.render.vfm import to_markdown

    return to_markdown(vfm)


FORMATS: Formats[ValueForMoney] = Formats("vfm", [
    Format("table", (".txt",), _table),
    Format("json", (".json",), _json),
    Format("markdown", (".md", ".markdown"), _markdown),
])


def vfm(
    path: Path = PathArg,
    format: str | None = FORMATS.option(),
    output: Path | None = OutputOpt,
    scenario: Path | None = ScenarioOpt,
    against: Against | None = typer.Option(
        None, "--against", show_default=False,
        help="Work out the incremental cost per extra point against business as usual (the option "
             "marked 'baseline: true'), the do-minimum option, or the next-cheapest option that is "
             "not dominated. Default: baseline; in a tender evaluation, next-cheapest (tenders have "
             "no business as usual).",
    ),
    criteria: Path | None = CriteriaOpt,
) -> None:
    """Value for money: cost per weighted point, incremental cost per extra point, dominated
    options and the efficiency frontier, with every option's difference from the baseline."""
    from appraisal.analysis.benefits import NoBenefits
    from appraisal.analysis.vfm import NoComparator, value_for_money
    from appraisal.errors import InputError, UsageError
    from appraisal.scoring.weighted_sum import score

    chosen = FORMATS.choose(format, output)
    appraisal = load_appraisal(path, criteria, scenario)
    if against is None:
        against = Against.next_cheapest if appraisal.bids else Against.baseline
    try:
        result = value_for_money(score(appraisal), against.value)
    except NoComparator as exc:
        raise UsageError(f"--against {exc.against}: {exc}; use --against next-cheapest") from None
    except NoBenefits as exc:
        raise InputError([appraisal.problem(("criteria",), (
            f"value for money divides cost by benefit points, and {exc}: add the criteria that "
            "measure the benefits (docs/green-book.md, Value for money)"))]) from None
    FORMATS.write(chosen, result, output)

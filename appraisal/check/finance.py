"""Cross-file rules for the Green Book settings: discounting, prices, cost lines and option roles.

Called from :func:`appraisal.check.crossfile.check_appraisal`, so they run on load and again after a
scenario is applied (a problem a scenario causes points into the scenario file). See
docs/green-book.md for each rule and its source.
"""

from __future__ import annotations

from appraisal.errors import Problem
from appraisal.finance.costs import profile_years
from appraisal.finance.prices import missing_index_years
from appraisal.model.appraisal import Appraisal
from appraisal.model.option import Option
from appraisal.text import plural


def finance_problems(appraisal: Appraisal) -> list[Problem]:
    """Errors in ``finance`` itself, in each shortlisted option's cost lines, and in roles."""
    problems = _settings(appraisal)
    for option in appraisal.shortlisted:
        problems += _cost_lines(appraisal, option)
    problems += _roles(appraisal)
    return problems


def _settings(appraisal: Appraisal) -> list[Problem]:
    finance = appraisal.frame.finance
    problems = []
    if finance.schedule is not None and "discount_rate" in finance.model_fields_set:
        # Point at whichever a scenario set, so the message lands in the file that caused it.
        key = "schedule" if ("criteria", "finance", "schedule") in appraisal.origins else "discount_rate"
        problems.append(appraisal.problem(("criteria", "finance", key), (
            f"give either discount_rate (one flat rate for every year) or schedule (the Green Book's "
            f"{finance.schedule} schedule, whose rate steps down after year 30), not both"), key=True))
    if finance.price_base_year is None:
        for key in ("inflation", "start_year"):
            if key in finance.model_fields_set:
                problems.append(appraisal.problem(("criteria", "finance", key), (
                    f"'{key}' needs finance.price_base_year: the year whose prices costs are shown in"), key=True))
    elif finance.inflation and finance.price_base_year not in finance.inflation:
        problems.append(appraisal.problem(("criteria", "finance", "inflation"), (
            f"the inflation index has no figure for the price base year {finance.price_base_year}"), key=True))
    return problems


def _cost_lines(appraisal: Appraisal, option: Option) -> list[Problem]:
    """Yearly lists that do not fit the profile, and nominal prices the index cannot convert.

    The length of ``annual`` when ``finance.years`` is set is checked in :mod:`appraisal.check.crossfile`.
    """
    costs = option.costs
    if costs is None:
        return []
    oid = option.id
    finance = appraisal.frame.finance
    years = profile_years(costs, finance)
    problems = []
    span = f"finance.years is {years}" if finance.years is not None else (
        f"the longest list runs {years} years (set finance.years to say how long the appraisal runs)")
    for line in ("annual", "operating", "capital"):
        values = getattr(costs, line)
        if not isinstance(values, list) or (line == "annual" and finance.years is not None):
            continue
        if len(values) > years or (line != "capital" and len(values) != years):
            problems.append(appraisal.problem(("option", oid, "costs", line), (
                f"{plural(len(values), 'year')} of {line} costs given, but {span}")))
    if costs.prices == "nominal":
        if finance.price_base_year is None:
            problems.append(appraisal.problem(("option", oid, "costs", "prices"), (
                "nominal prices need finance.price_base_year and finance.inflation "
                "(a GDP deflator index by year) to be converted to real prices")))
        else:
            missing = missing_index_years(finance, years)
            if missing:
                problems.append(appraisal.problem(("option", oid, "costs", "prices"), (
                    "nominal prices need an inflation index for every year of the profile; "
                    f"finance.inflation has none for {', '.join(map(str, missing))}")))
    return problems


def _roles(appraisal: Appraisal) -> list[Problem]:
    """At most one do-minimum and one preferred way forward (business as usual: see check._baseline)."""
    problems = []
    for role in ("do_minimum", "preferred_way_forward"):
        marked = [o for o in appraisal.options if o.role is not None and role in o.roles]
        problems += [
            appraisal.problem(("option", o.id, "role"), (
                f"only one option can be the {role.replace('_', ' ')}; '{marked[0].id}' is marked already"), key=True)
            for o in marked[1:]
        ]
    return problems


def finance_warnings(appraisal: Appraisal) -> list[Problem]:
    """A short list without a do-minimum option (the business-as-usual warning is in check.py);
    not for a tender evaluation, whose tenders are bids, not a Green Book short list."""
    if (appraisal.shortlisted and not appraisal.bids
            and not any("do_minimum" in o.roles for o in appraisal.shortlisted)):
        return [appraisal.problem(("criteria",), (
            "no shortlisted option has 'role: do_minimum'; a Green Book short list holds a "
            "do-minimum option as well as business as usual (Green Book 2022, para 5.53); "
            "if business as usual is the do-minimum, give it both roles"),
            severity="warning")]
    return []

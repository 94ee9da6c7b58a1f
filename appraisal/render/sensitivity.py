"""Human formats of ``appraise sensitivity``: plain-words switching values, Markdown and the terminal table.

The sentences read as the Green Book asks switching values to be put to decision makers: how far
an input would have to move before the preferred option changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from appraisal.analysis.montecarlo import Settings, weight_spread
from appraisal.analysis.sensitivity import Sensitivity
from appraisal.analysis.switching import Switch
from appraisal.render.markdown import pipe_table
from appraisal.render.weights import filled_weights_note
from appraisal.scoring.weighted_sum import OptionResult
from appraisal.text import Words, md, noticed, percent, plural, series, shortened, titled


def switching_intro(w: Words) -> str:
    """What a switching value is, in one sentence."""
    return (f"A switching value is the weight of one criterion at which the {w.preferred} would change, "
            "the other criteria keeping their proportions to each other.")


SWITCH_HEADERS = ("Criterion", "Weight", "Switches below", "To", "Switches above", "To")
SWITCH_NUMERIC = {1, 2, 4}
"""The switching-values table's columns, and those aligned right (weights)."""

MAX_PLACES = 5
"""Places shown one by one in the human formats; the rest are summed into one column."""


def ordinal(k: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def apart(fraction: float, now: float) -> str:
    """``fraction`` as a percentage with enough decimals (1 to 4) to differ from ``now``'s."""
    for places in (1, 2, 3):
        if percent(fraction, places) != percent(now, places):
            return percent(fraction, places)
    return percent(fraction, 4)


def sentence(switch: Switch, preferred: str, label: Callable[[str], str], criterion: str, w: Words) -> str:
    """One switching value in plain words, e.g. "B stays preferred unless the weight on risk
    rises above 32.0% (now 15.0%); above it, C is preferred."

    ``preferred`` and ``criterion`` are the names to print; ``label`` turns an option id into one.
    """
    now = percent(switch.weight)
    head = f"{preferred} stays {w.best}"
    if switch.lower is None and switch.upper is None:
        return f"{head} whatever the weight on {criterion} (now {now})."
    if switch.upper is None:
        assert switch.lower is not None and switch.below is not None
        return (f"{head} unless the weight on {criterion} falls below {apart(switch.lower, switch.weight)} "
                f"(now {now}); below it, {label(switch.below)} is {w.best}.")
    if switch.lower is None:
        assert switch.above is not None
        return (f"{head} unless the weight on {criterion} rises above {apart(switch.upper, switch.weight)} "
                f"(now {now}); above it, {label(switch.above)} is {w.best}.")
    assert switch.below is not None and switch.above is not None
    return (f"{head} unless the weight on {criterion} falls below {apart(switch.lower, switch.weight)} "
            f"or rises above {apart(switch.upper, switch.weight)} (now {now}); below, "
            f"{label(switch.below)} is {w.best}; above, {label(switch.above)}.")


def no_preferred(options: Sequence[OptionResult], label: Callable[[OptionResult], str], w: Words) -> str:
    """Why there are no switching values: nothing ranked, or a tie for first (options by ``label``)."""
    if not any(o.rank is not None for o in options):
        return f"No {w.option} passes every gate, so there is no {w.preferred} and no switching value."
    tied = series(label(o) for o in options if o.rank == 1)
    return f"There is no {w.preferred} ({tied} tie for first), so there is no switching value."


def varied(settings: Settings, spread: float | None, w: Words) -> str:
    """What the samples varied, in a committee's words (``weights varied by about ±5 points
    around the agreed ones; judged scores within their stated ranges``); ``spread`` is
    :func:`~appraisal.analysis.montecarlo.weight_spread`."""
    weights = {
        "dirichlet": "weights varied by about ±{} around the agreed ones".format(
            "1 point" if spread is None or round(spread) <= 1 else f"{round(spread)} points"),
        "simplex": "weights drawn from every weighting that adds up to 100, ignoring the agreed ones",
        "fixed": "the agreed weights",
        "panel": "each weight drawn between the lowest and highest the weighting workshop's participants gave it",
    }[settings.weights]
    scores = {
        "triangular": "judged scores within their stated ranges, most often at the score given",
        "uniform": "judged scores anywhere within their stated ranges",
        "fixed": "the scores as given",
        "panel": "judged scores within the range of the scoring panel's own scores",
    }[settings.scores]
    costs = ""
    if settings.cost_uncertainty > 0:
        costs = f"; each {w.option}'s costs up to {percent(settings.cost_uncertainty, 0)} higher or lower"
    return f"{weights}; {scores}{costs}"


def describe(settings: Settings, w: Words, spread: float | None = None) -> str:
    """What was sampled, in words, with the number of samples and the seed."""
    return f"{plural(settings.samples, 'sample')} (seed {settings.seed}): {varied(settings, spread, w)}."


def settings_text(settings: Settings, w: Words) -> str:
    """The sampling settings as an analyst names them, for the report's technical annex:
    ``10,000 samples (seed 0): weights drawn from a Dirichlet distribution, concentration 100,
    around the agreed ones; ...``. The committee's words are :func:`describe`'s."""
    weights = {
        "dirichlet": f"weights drawn around the agreed ones (Dirichlet, concentration {settings.concentration:g})",
        "simplex": "weights drawn uniformly from every weighting that sums to 100% (as in SMAA)",
        "fixed": "the agreed weights",
    }[settings.weights]
    scores = {
        "triangular": "judged scores drawn within their low-high ranges (triangular, peaking at the score)",
        "uniform": "judged scores drawn uniformly within their low-high ranges",
        "fixed": "the stated scores",
        "panel": "judged scores drawn within the scoring panel's range (triangular, peaking at the agreed "
                 "score), others within their low-high ranges",
    }[settings.scores]
    costs = ""
    if settings.cost_uncertainty > 0:
        costs = f"; each {w.option}'s costs varied by up to {percent(settings.cost_uncertainty, 0)} (triangular)"
    return f"{plural(settings.samples, 'sample')} (seed {settings.seed}): {weights}; {scores}{costs}."


def robustness(s: Sensitivity) -> str:
    """The headline: how often the preferred option stays preferred, under what, and with any weights at all."""
    mc, w = s.montecarlo, s.result.appraisal.words
    if mc.preferred is None or mc.preferred_probability is None:
        return f"There is no {w.preferred} to test."
    name = s.result.option(mc.preferred).name
    spread = weight_spread(s.result, mc.settings)
    anywhere = "" if s.any_weights is None else (
        f" With any weights at all (every weighting equally likely), it stays {w.best} in {percent(s.any_weights)}.")
    return (f"{name} stays {w.best} in {percent(mc.preferred_probability)} of {plural(mc.settings.samples, 'sample')}"
            f" with {varied(mc.settings, spread, w)}.{anywhere}")


def place_headers(n: int) -> list[str]:
    """Column headers for the places shown: 1st ... 5th, then "6th or lower" when there are more."""
    if n <= MAX_PLACES + 1:
        return [ordinal(k) for k in range(1, n + 1)]
    return [*(ordinal(k) for k in range(1, MAX_PLACES + 1)), f"{ordinal(MAX_PLACES + 1)} or lower"]


def place_shares(probabilities: tuple[float, ...]) -> list[float]:
    """The shares for :func:`place_headers`: the first places, then the rest summed."""
    shown = list(probabilities)
    if len(shown) > MAX_PLACES + 1:
        shown = [*shown[:MAX_PLACES], sum(shown[MAX_PLACES:])]
    return shown


def place_cells(probabilities: tuple[float, ...]) -> list[str]:
    """The shares for :func:`place_headers`, as percentages."""
    return [percent(p) for p in place_shares(probabilities)]


def _id(option: OptionResult) -> str:
    return option.id


def _name(option: OptionResult) -> str:
    return shortened(option.name)


def _switch_cells(w: Switch, names: Mapping[str, str] | None = None) -> list[str]:
    """A switching value's weight, limits and the options past them (by ``names``, else by id)."""
    label = (lambda o: names.get(o, o)) if names is not None else (lambda o: o)
    return [
        percent(w.weight),
        "-" if w.lower is None else apart(w.lower, w.weight), label(w.below) if w.below else "-",
        "-" if w.upper is None else apart(w.upper, w.weight), label(w.above) if w.above else "-",
    ]


def to_markdown(s: Sensitivity) -> str:
    """Headline, switching values (sentences, then a table) and rank probabilities."""
    result, mc, w = s.result, s.montecarlo, s.result.appraisal.words
    names = {o.id: o.name for o in result.options}
    lines = [f"# Sensitivity: {titled(result.title, result.scenario, md)}", "", *noticed(result.notice, md),
             md(robustness(s)), "",
             "## Switching values", ""]
    if result.preferred is None:
        lines += [md(no_preferred(result.options, _id, w)), ""]
    else:
        lines += [md(switching_intro(w)), ""]
        switches = [w for w in s.switching if w.lower is not None or w.upper is not None]
        lines += [f"- {md(sentence(x, result.preferred, str, x.name, w))}" for x in switches]
        if len(switches) < len(s.switching):
            lines.append(f"- {md(result.preferred)} stays {w.best} whatever the weight on "
                         f"{'any other criterion' if switches else 'any one criterion'}.")
        rows = [[f"{x.name} ({x.criterion})", *_switch_cells(x)] for x in s.switching]
        lines += ["", *pipe_table(SWITCH_HEADERS, rows, SWITCH_NUMERIC)]
        lines.append("")
    lines += ["## Rank probabilities", "", md(describe(mc.settings, w, weight_spread(result, mc.settings))), ""]
    if mc.rank_probabilities:
        headers = place_headers(len(mc.rank_probabilities))
        rows = [[f"{names[o]} ({o})", *place_cells(p)] for o, p in mc.rank_probabilities.items()]
        lines += pipe_table([w.option.capitalize(), *headers], rows, range(1, len(headers) + 1))
    else:
        lines.append(f"No {w.option} is ranked, so there is nothing to sample.")
    if note := filled_weights_note(result):
        lines += ["", md(note)]
    return "\n".join(lines) + "\n"


def to_table(s: Sensitivity, *, terminal: bool) -> str:
    """Switching values and rank probabilities as tables (rich on a terminal, plain text otherwise)."""
    from appraisal.render.terminal import Block, Table, render

    result, mc, w = s.result, s.montecarlo, s.result.appraisal.words
    names = {o.id: shortened(o.name) for o in result.options}
    blocks: list[Block] = [f"Sensitivity: {titled(result.title, result.scenario)}", *noticed(result.notice), ""]
    if result.preferred is None:
        blocks.append(no_preferred(result.options, _name, w))
    else:
        depth = {c.id: c.depth for c in result.criteria}
        rows = [["  " * depth[x.criterion] + shortened(x.name), *_switch_cells(x, names)] for x in s.switching]
        blocks.append(Table("Switching values (global weight of each criterion)", SWITCH_HEADERS, rows, SWITCH_NUMERIC))
        full = {o.id: o.name for o in result.options}  # sentences wrap, so they name in full
        blocks += [sentence(x, full[result.preferred], full.__getitem__, x.name, w) for x in s.switching
                   if x.lower is not None or x.upper is not None]
        blocks.append("")
    if mc.rank_probabilities:
        places = (w.option.capitalize(), *place_headers(len(mc.rank_probabilities)))
        shares = [[names[o], *place_cells(p)] for o, p in mc.rank_probabilities.items()]
        blocks += [Table("Rank probabilities", places, shares, set(range(1, len(places)))),
                   describe(mc.settings, w, weight_spread(result, mc.settings))]
    blocks.append(robustness(s))
    blocks += [note] if (note := filled_weights_note(result)) else []
    return render(blocks, terminal=terminal)

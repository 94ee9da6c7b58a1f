"""``appraise weights`` as a terminal table and Markdown (its JSON: ``machine.workshop_to_dict``)."""

from __future__ import annotations

from collections.abc import Sequence

from appraisal.analysis.workshop import Workshop
from appraisal.render.markdown import pipe_table
from appraisal.scoring.weighted_sum import Result
from appraisal.text import md, percent, plural, series, shortened

METHODS = {
    "points": "points shared out", "swing": "swing weighting", "smart": "SMART (least important 10)",
    "pairwise": "pairwise comparison", "rank": "ranking",
}
RULES = {"roc": "rank order centroid", "rank_sum": "rank sum", "reciprocal": "reciprocal ranks"}


def method_words(method: str, rule: str | None) -> str:
    """A participant's method in words: 'ranking (rank order centroid weights)'."""
    return METHODS[method] + (f" ({RULES[rule]} weights)" if rule else "")


def filled_weights_note(result: Result) -> str | None:
    """The sentence every score output ends with when weights were filled from a weighting
    workshop's participants (``weighting.combine``), as :func:`appraisal.render.panel.filled_note`
    says of scores."""
    weighting = result.appraisal.frame.weighting
    return weights_note([c.id for c in result.criteria if c.filled], weighting.combine if weighting else None)


def weights_note(filled: Sequence[str], combine: str | None) -> str | None:
    """That sentence, from the criteria whose weight was filled and the combining rule."""
    if not filled or combine is None:
        return None
    verb = "is" if len(filled) == 1 else "are"
    return (f"Not agreed in the criteria file: {plural(len(filled), 'weight')} {verb} the {combine} of the "
            f"weighting workshop participants' weights (weighting.combine: {combine}): {series(filled)}.")


def how_set(w: Workshop, names: dict[str, str] | None = None) -> str:
    """One sentence: how the agreed weights were set, and which were filled from the participants'
    (named by ``names``, criterion id to name, else by id)."""
    if not w.participants:
        return "The weights are as agreed in the criteria file; no weighting workshop's files were given."
    people = plural(len(w.participants), "participant")
    filled = (f" {plural(len(w.filled), 'weight was', 'weights were')} filled from the participants' "
              f"{w.rule} ({series(sorted((names or {}).get(c, c) for c in w.filled))})." if w.filled else
              " Every agreed weight was written in the criteria file.")
    methods = series(sorted({method_words(p.method, p.rule) for p in w.participants}))
    return f"{people} weighed the criteria ({methods}).{filled}"


def _rows(w: Workshop, result: Result, *, names: bool) -> tuple[list[str], list[list[str]]]:
    people = list(w.participants)
    headers = ["Criterion", *(p.name for p in people), "Lowest", "Highest",
               f"Combined ({w.rule or 'median'})", "Agreed"]
    rows = []
    for c in result.criteria:
        label = ("  " * c.depth) + (shortened(c.name) if names else c.id)
        low, high = w.spread.get(c.id, (None, None))
        cells = [percent(p.weights[c.id]) if c.id in p.weights else "-" for p in people]
        agreed = percent(w.agreed[c.id]) + (" (filled)" if c.id in w.filled else "")
        rows.append([label, *cells, "-" if low is None else percent(low), "-" if high is None else percent(high),
                     percent(w.combined[c.id]) if c.id in w.combined else "-", agreed])
    return headers, rows


def _notes(w: Workshop) -> list[str]:
    notes = [how_set(w)]
    for p in w.participants:
        inconsistent = [f"{g} ({cr:.2f})" for g, cr in p.consistency.items() if cr is not None and cr > 0.10]
        line = f"{p.name}{f', {p.role}' if p.role else ''}: {method_words(p.method, p.rule)}; interests: {p.interests}."
        if inconsistent:
            line += f" Inconsistent pairwise judgements (consistency ratio above 0.10): {series(inconsistent)}."
        notes.append(line)
    return notes


def to_table(w: Workshop, result: Result, *, terminal: bool) -> str:
    from appraisal.render.terminal import Table, render

    headers, rows = _rows(w, result, names=True)
    table = Table(f"Weights: {result.title}", headers, rows, set(range(1, len(headers))))
    return render([table, *_notes(w), "Global weights: each criterion's share of the whole (a parent's is the sum "
                   "of its sub-criteria's)."], terminal=terminal)


def to_markdown(w: Workshop, result: Result) -> str:
    headers, rows = _rows(w, result, names=True)
    lines = [f"# Weights: {md(result.title)}", "", md(how_set(w)), ""]
    lines += pipe_table(headers, rows, range(1, len(headers)))
    lines += ["", *(f"- {md(n)}" for n in _notes(w)[1:])]
    return "\n".join(lines) + "\n"

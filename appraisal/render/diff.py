"""Human formats of ``appraise diff``: Markdown for a pull-request comment, a table for a terminal.

Both lead with the headline (does the preferred option change?), then the options whose rank,
total or status changed, then every changed input. The Markdown keeps under GitHub's limit of
65,536 characters for a comment (docs.github.com, "Comment body is too long"), cutting rows
from the end with a note saying how many were left out.
"""

from __future__ import annotations

from typing import Any

from appraisal.analysis.diff import Diff, InputChange, OptionChange, Side
from appraisal.render.exempt import FOOTNOTE, marked
from appraisal.render.markdown import pipe_row, pipe_table
from appraisal.scoring.weighted_sum import TIE_TOLERANCE
from appraisal.text import Words, github_neutral, md, money, noticed, percent, plural, points, series

COMMENT_LIMIT = 65_536
"""GitHub's limit on the body of an issue or pull-request comment, in characters."""
RESERVE = 1_000
"""Room left for what a CI job adds around the diff (a hidden marker, a heading)."""
CELL_CHARS = 300
"""Longer text values (a rationale, a summary) are cut to this many characters in a cell."""
NONE = "—"
OPTION_HEADERS = ("Rank", "Total", "Change")
OPTION_NUMERIC = {2, 3}
INPUT_HEADERS = ("File", "Input", "Change", "Old", "New")
"""The two tables' columns (the options table's after its first, named by :func:`_words`; and its
right-aligned ones), in both formats."""


def _words(diff: Diff) -> Words:
    """What the outputs call the options: tenders when the new side is a tender evaluation."""
    return diff.new.result.appraisal.words


def _named(side: Side, option_id: str | None) -> str:
    if option_id is None:
        return ""
    name = next((o.name for o in side.result.options if o.id == option_id), option_id)
    return f"{name} ({option_id})"


def _tied(side: Side, w: Words) -> str:
    ranked = [o for o in side.result.options if o.rank is not None]
    if not ranked:
        return f"none (no {w.option} passes every gate)"
    return "none (" + series(o.id for o in ranked if o.rank == 1) + " tie for first)"


def headline(diff: Diff) -> str:
    """One sentence: whether the preferred option changes, and whether the ranking does."""
    old, new = diff.old.result.preferred, diff.new.result.preferred
    w = _words(diff)
    before = _named(diff.old, old) if old else _tied(diff.old, w)
    after = _named(diff.new, new) if new else _tied(diff.new, w)
    if diff.preferred_changed:
        return f"The {w.preferred} changes from {before} to {after}."
    ranking = "but the ranking changes" if diff.ranking_changed else "and the ranking is unchanged"
    if old is None:
        return f"There is still no single {w.preferred}: {after}; {ranking}."
    return f"The {w.preferred} stays {after}, {ranking}."


def _state(rank: int | None, status: str | None, gates: tuple[str, ...] | None) -> str:
    if status is None:
        return NONE
    if status == "ranked":
        return str(rank)
    if status == "unranked":
        return "unranked (fails " + ", ".join(gates or ()) + ")"
    return status


def _from_to(old: str, new: str) -> str:
    return old if old == new else f"{old} → {new}"


def option_cells(o: OptionChange) -> list[str]:
    """Option, rank, total and change of total, as plain text."""
    if o.old_status is None:
        what = " [added]"
    elif o.new_status is None:
        what = " [removed]"
    else:
        what = ""
    rank = _from_to(_state(o.old_rank, o.old_status, o.old_failed_gates),
                    _state(o.new_rank, o.new_status, o.new_failed_gates))
    old_total = NONE if o.old_total is None else points(o.old_total)
    new_total = NONE if o.new_total is None else points(o.new_total)
    change = "" if o.old_total is None or o.new_total is None else _change(o.new_total - o.old_total)
    return [f"{o.name} ({o.id}){what}", rank, _from_to(old_total, new_total), change]


def _change(delta: float) -> str:
    """A change of total in points: 'no change' when there is none, never '+0.00'."""
    if abs(delta) <= TIE_TOLERANCE:
        return "no change"
    if abs(delta) < 0.005:  # would show as +0.00
        return "under +0.01" if delta > 0 else "under -0.01"
    return f"{delta:+.2f}"


def _value(value: Any, currency: str | None = None) -> str:
    """A changed input's value as text; with ``currency``, its numbers are money (``£1,640,000``)."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        sign = "-" if value < 0 and currency is not None else ""
        return format(value, ",") if currency is None else sign + money(abs(value), currency, exact=True)
    if isinstance(value, list):
        return "[" + "; ".join(_value(v, currency) for v in value) + "]"
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        return "{" + ", ".join(f"{k}: {_value(v, currency if k in MONEY else None)}" for k, v in value.items()) + "}"
    text = " ".join(str(value).split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "…"


FIELDS = {
    "weight": "weight", "name": "name", "description": "description", "measure": "measure",
    "direction": "direction (lower or higher is better)", "value_function": "value function",
    "scale": "scale", "parent": "parent criterion", "summary": "summary", "status": "status",
    "reason": "reason not taken forward", "baseline": "baseline (business as usual)", "role": "role",
    "costs": "costs", "one_off": "one-off cost", "annual": "annual cost", "capital": "capital cost",
    "operating": "operating cost", "prices": "price basis", "optimism_bias": "optimism bias",
    "measures": "measures", "scores": "scores", "gates": "gates", "advantages": "advantages",
    "disadvantages": "disadvantages", "risks": "risks", "title": "title", "decision": "decision",
    "organisation": "organisation", "date": "date", "currency": "currency", "finance": "finance",
    "budget": "budget", "years": "appraisal period (years)", "discount_rate": "discount rate",
}
"""Input keys in words, for the human formats' description of a changed input."""


MONEY = frozenset({"costs", "one_off", "annual", "capital", "operating", "budget", "amount", "amount_gross"})
"""Input keys whose numbers are sums of money, shown with the currency in the human formats."""


def _currency(diff: Diff, path: str) -> str | None:
    """The appraisal's currency when the input at ``path`` is money (a cost or the budget), else None."""
    parts = path.split(".")
    money_path = "costs" in parts or parts[-1] in MONEY and "measures" not in parts
    return diff.new.result.appraisal.frame.currency if money_path else None


def describe(diff: Diff, i: InputChange) -> str:
    """A changed input in words: 'weight of criterion Users', 'In-house: score on Users',
    'In-house: annual cost'. The JSON keeps the dotted ``path``; these words are for the committee."""
    parts = i.path.split(".")
    head, rest = parts[0], parts[1:]
    words = [FIELDS.get(p, p.replace("_", " ")) for p in rest]
    if head == "criteria" and rest:
        owner = _criterion_name(diff, rest[0])
        return f"{' '.join(words[1:])} of criterion {owner}" if len(rest) > 1 else f"criterion {owner}"
    if head == "gates" and rest:
        return f"{' '.join(words[1:])} of gate {rest[0]}" if len(rest) > 1 else f"gate {rest[0]}"
    if head == "options" and rest:
        owner = next((o.name for o in diff.options if o.id == rest[0]), rest[0])
        if len(rest) >= 3 and rest[1] in ("scores", "gates", "measures"):
            target = _criterion_name(diff, rest[2]) if rest[1] == "scores" else rest[2]
            what = {"scores": "score on", "gates": "gate", "measures": "measure"}[rest[1]]
            field = {"score": "", "rationale": " (reason)", "low": " (low end)", "high": " (high end)"}
            tail = field.get(rest[3], " " + words[3]) if len(rest) > 3 else ""
            return f"{owner}: {what} {target}{tail}"
        if len(rest) > 1 and rest[1] == "equality":
            return f"{owner}: {_equality_words(rest[2:])}"
        if len(rest) > 2 and rest[1] == "costs":
            return f"{owner}: {' '.join(words[2:])}"
        return f"{owner}: " + " ".join(words[1:]) if len(rest) > 1 else f"option {owner}"
    return " ".join(FIELDS.get(p, p.replace("_", " ")) for p in parts)


def _equality_words(rest: list[str]) -> str:
    """``impacts.disability.residual`` as 'equality impact on disability (left after mitigation)'."""
    from appraisal.model.equality import NAMES

    if len(rest) >= 2 and rest[0] == "impacts":
        fields = {"impact": "", "residual": " (left after mitigation)"}
        field = fields.get(rest[2], f" ({rest[2]})") if len(rest) > 2 else ""
        return f"equality impact on {NAMES.get(rest[1], rest[1]).lower()}{field}"
    return "equality assessment" + (f" ({rest[0]})" if rest else "")


def _criterion_name(diff: Diff, cid: str) -> str:
    for side in (diff.new, diff.old):
        found = next((c.name for c in side.result.criteria if c.id == cid), None)
        if found is not None:
            return found
    return cid


def input_cells(diff: Diff, i: InputChange) -> list[str]:
    """Where, which input (in words), what kind of change, old and new, as plain text; old and
    new marked when they are exempt figures (:mod:`appraisal.render.exempt`)."""
    kind = "added" if i.old is None else "removed" if i.new is None else "changed"
    exempt = diff.exempt(i)
    currency = _currency(diff, i.path)
    old, new = (_value(v, currency) + (f" ({percent(s)})" if s is not None else "")
                for v, s in ((i.old, i.old_share), (i.new, i.new_share)))
    return [f"{i.file}:{i.line}", describe(diff, i), kind, marked(old, exempt), marked(new, exempt)]


def _label(side: Side) -> str:
    """The side's label, with the scenario's name when one is applied."""
    return side.label + (f" (scenario: {side.result.scenario})" if side.result.scenario else "")


def _side_md(side: Side) -> str:
    """The label as a code span (shown literally: nothing in it needs escaping), then the scenario."""
    code = "`" + " ".join(side.label.replace("`", "'").split()) + "`"
    return code + (f" (scenario: {md(side.result.scenario)})" if side.result.scenario else "")


def _summary(diff: Diff) -> str:
    changed = [o for o in diff.options if o.changed]
    w = _words(diff)
    return (f"{plural(len(changed), w.option + ' changes', w.options + ' change')} rank, total or status; "
            f"{plural(len(diff.inputs), 'input changes', 'inputs change')}.")


def _notes(diff: Diff) -> list[str]:
    """What the sides say about themselves (which commit a git ref was read at), if anything, and
    the warnings with where to look (:func:`appraisal.analysis.diff.range_warnings`)."""
    notes = [note for note in (diff.old.note, diff.new.note) if note]
    return notes + [f"Warning ({p.file}, line {p.line}): {p.message}." for p in diff.warnings]


def _size(text: str) -> int:
    """Length as GitHub counts it (UTF-16 code units), so an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


def to_markdown(diff: Diff, limit: int = COMMENT_LIMIT - RESERVE) -> str:
    """The comment: heading, headline, changed options, and the inputs in a ``<details>`` block.

    When it would pass ``limit`` characters, input rows and then option rows are left out
    from the end, and a note says how many.
    """
    title, w = diff.new.result.title, _words(diff)
    head = github_neutral(
        f"### appraise diff: {md(title)}\n\n" + "".join(line + "\n" for line in noticed(diff.new.result.notice, md))
        + f"**{md(headline(diff))}**\n\n"
        f"Old: {_side_md(diff.old)}, new: {_side_md(diff.new)}. {md(_summary(diff))}\n\n"
        + "".join(f"{md(note)}\n\n" for note in _notes(diff)))
    changed = [o for o in diff.options if o.changed]  # the comment's text notifies and links nothing:
    option_rows = [github_neutral(pipe_row(option_cells(o))) + "\n" for o in changed]
    input_rows = [github_neutral(pipe_row(input_cells(diff, i))) + "\n" for i in diff.inputs]
    headers = (w.option.capitalize(), *OPTION_HEADERS)
    options_head = "".join(line + "\n" for line in pipe_table(headers, [], OPTION_NUMERIC)) if changed else ""
    no_options = "" if changed else f"No {w.option} changes rank, total or status.\n"
    inputs_head = (f"\n<details>\n<summary>{plural(len(diff.inputs), 'changed input', 'changed inputs')}</summary>\n\n"
                   + "".join(line + "\n" for line in pipe_table(INPUT_HEADERS, [])))
    inputs_tail = "\n</details>\n"
    if any(diff.exempt(i) for i in diff.inputs):
        inputs_tail = f"\n{md(FOOTNOTE)}\n" + inputs_tail
    if not diff.inputs:
        inputs_head, inputs_tail = "\nNo input changes.\n", ""

    def build(n_options: int, n_inputs: int) -> str:
        notes = []
        if n_options < len(option_rows):
            notes.append(f"{len(option_rows) - n_options} more changed {w.options}")
        if n_inputs < len(input_rows):
            notes.append(f"{len(input_rows) - n_inputs} more changed inputs")
        note = (f"\n_Not shown: {' and '.join(notes)} (a pull-request comment holds at most "
                f"{COMMENT_LIMIT:,} characters); `appraise diff --format json` lists them all._\n"
                if notes else "")
        return (head + options_head + no_options + "".join(option_rows[:n_options]) + inputs_head
                + "".join(input_rows[:n_inputs]) + inputs_tail + note)

    n_options, n_inputs = len(option_rows), len(input_rows)
    text = build(n_options, n_inputs)
    if _size(text) <= limit:
        return text
    fixed = _size(build(0, 0)) + 200  # the note grows a little with the counts
    room = limit - fixed
    n_options = _fit(option_rows, room)
    room -= sum(_size(r) for r in option_rows[:n_options])
    n_inputs = _fit(input_rows, room)
    return build(n_options, n_inputs)


def _fit(rows: list[str], room: int) -> int:
    """How many rows from the start fit in ``room`` characters."""
    used = 0
    for n, row in enumerate(rows):
        used += _size(row)
        if used > room:
            return n
    return len(rows)


def to_table(diff: Diff, *, terminal: bool) -> str:
    """The diff as tables (rich on a terminal, plain text otherwise: see termtable)."""
    from appraisal.render.terminal import Block, Table, render

    blocks: list[Block] = [diff.new.result.title, *noticed(diff.new.result.notice)[:1], f"Old: {_label(diff.old)}",
                           f"New: {_label(diff.new)}",
                           *_notes(diff), headline(diff), _summary(diff), ""]
    changed = [o for o in diff.options if o.changed]
    if changed:
        w = _words(diff)
        blocks.append(Table(w.options.capitalize(), (w.option.capitalize(), *OPTION_HEADERS),
                            [option_cells(o) for o in changed], OPTION_NUMERIC))
    if diff.inputs:
        blocks.append(Table("Inputs", INPUT_HEADERS, [input_cells(diff, i) for i in diff.inputs]))
        if any(diff.exempt(i) for i in diff.inputs):
            blocks.append(FOOTNOTE)
    return render(blocks, terminal=terminal)

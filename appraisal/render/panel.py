"""The moderation pack of ``appraise panel`` as a Markdown agenda and a terminal table.

Its JSON document is :func:`appraisal.render.machine.pack_to_dict` (docs/panel.md). The Markdown
is an agenda for the meeting: the items to discuss (no agreed score, or a divergent panel)
first, each with the assessors' rationales side by side, then the rest in a table.
"""

from __future__ import annotations

from appraisal.analysis.panel import Pack
from appraisal.check.panel import Item
from appraisal.render.markdown import pipe_table
from appraisal.scoring.weighted_sum import Result
from appraisal.text import md, noticed, number, plural, series


def filled_note(result: Result) -> str | None:
    """The sentence every score output ends with when a panel's median or mean supplied scores."""
    filled = sorted((o.id, k) for o in result.options for k, cell in o.cells.items() if cell.filled)
    if not filled:
        return None
    rule = result.appraisal.frame.panel.agreement
    which = series(f"{o} on {c}" for o, c in filled)
    verb = "is" if len(filled) == 1 else "are"
    return (f"Not moderated: {plural(len(filled), 'score')} {verb} the {rule} of the panel's "
            f"scores (panel.agreement: {rule}): {which}.")


def offset_text(offset: float | None) -> str:
    """+0.16 (generous), -0.08 (harsh), 0.00; 'none scored' without items."""
    if offset is None:
        return "none scored"
    return f"{offset:+.2f}" if round(offset, 2) else "0.00"


def _agreed(item: Item, pack: Pack) -> str:
    if (item.option, item.criterion) in pack.filled:
        return f"not agreed (filled with the {pack.agreement})"
    return "not agreed" if item.agreed is None else number(item.agreed)


def _given(item: Item) -> list[str]:
    return [f"{who} {number(s)}" for who, s in item.scores.items()]


def _scores_text(item: Item) -> str:
    """The scores in a table cell: 'ann 3, bob 4'."""
    return ", ".join(_given(item))


def to_markdown(pack: Pack, title: str, notice: str | None = None) -> str:
    """The agenda: the panel, the items to discuss with rationales, then the rest."""
    lines = [f"# Moderation pack: {md(title)}", "", *noticed(notice, md)]
    lines += pipe_table(["Assessor", "Role", "Interests declared", "Scores given", "Offset"],
                        [[f"{a.name} ({a.id})", a.role or "", a.interests, a.scored, offset_text(a.offset)]
                         for a in pack.assessors], {3, 4})
    lines += ["", ("Offset: the assessor's mean distance from the panel's median, as a share of the scale "
              "(positive is a generous marker, negative a harsh one)."), ""]
    discuss = [i for i in pack.items if i.to_discuss]
    lines += [f"## To discuss ({len(discuss)})", ""]
    if not discuss:
        lines += ["Every item has an agreed score and no divergent panel.", ""]
    for n, item in enumerate(discuss, 1):
        lines += [f"### {n}. {md(item.option_name)}: {md(item.criterion_name)}", "",
                  (f"Scores {md(series(_given(item)))}; range {number(item.range)} (divergence "
                  f"{number(item.divergence)}), median {number(item.median)}; agreed: {md(_agreed(item, pack))}. "
                  f"Flags: {', '.join(item.flags)}."), ""]
        lines += pipe_table(["Assessor", "Score", "Rationale"],
                            [[who, number(s), item.rationales[who] or "(none given)"] for who,
                             s in item.scores.items()],
                            {1})
        if item.moderation:
            lines += ["", f"Moderation note: {md(item.moderation)}"]
        lines.append("")
    rest = [i for i in pack.items if not i.to_discuss]
    lines += [f"## Other items ({len(rest)})", ""]
    if rest:
        noun = pack.words.option.capitalize()
        lines += pipe_table([noun, "Criterion", "Scores", "Median", "Agreed", "Flags"],
                            [[i.option_name, i.criterion_name, _scores_text(i), number(i.median), _agreed(i, pack),
                              ", ".join(i.flags)] for i in rest], {3, 4})
    else:
        lines.append("None.")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_table(pack: Pack, title: str, *, terminal: bool, notice: str | None = None) -> str:
    """Every item in one table, then the assessors."""
    from appraisal.render.terminal import Table, render

    ids = [a.id for a in pack.assessors]
    items = Table(
        f"Moderation pack: {title}",
        [pack.words.option, "criterion", *ids, "min", "max", "range", "median", "agreed", "flags"],
        [[i.option, i.criterion, *(number(i.scores[a]) if a in i.scores else "-" for a in ids),
          number(i.low), number(i.high), number(i.range), number(i.median),
          "-" if i.agreed is None else number(i.agreed), " ".join(i.flags)] for i in pack.items],
        right=set(range(2, len(ids) + 7)),
    )
    people = Table(
        "Assessors", ["id", "name", "scored", "offset", "interests"],
        [[a.id, a.name, str(a.scored), offset_text(a.offset), a.interests] for a in pack.assessors],
        right={2, 3},
    )
    discuss = sum(i.to_discuss for i in pack.items)
    closing = f"{discuss} of {plural(len(pack.items), 'item')} to discuss (missing or divergent)."
    return render([*noticed(notice)[:1], items, people, closing], terminal=terminal)

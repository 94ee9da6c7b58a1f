"""The moderation pack of ``appraise panel`` as JSON, a Markdown agenda and a terminal table.

JSON follows docs/panel.md (items in option then criteria order, full precision). The Markdown
is an agenda for the meeting: the items to discuss (no agreed score, or a divergent panel)
first, each with the assessors' rationales side by side, then the rest in a table.
"""

from __future__ import annotations

from typing import Any

from appraisal.analysis.panel import Item, Pack
from appraisal.model.inputs import Appraisal
from appraisal.text import md, number


def filled_note(appraisal: Appraisal) -> str | None:
    """The sentence every score output ends with when a panel's median or mean supplied scores."""
    if not appraisal.filled:
        return None
    rule = appraisal.frame.panel.agreement
    which = ", ".join(f"{o} on {c}" for o, c in sorted(appraisal.filled))
    count = len(appraisal.filled)
    return (f"Not moderated: {count} {'score is' if count == 1 else 'scores are'} the {rule} of the panel's "
            f"scores (panel.agreement: {rule}): {which}.")


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The JSON document of ``appraise panel --format json``."""
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


def offset_text(offset: float | None) -> str:
    """+0.16 (generous), -0.08 (harsh), 0.00; 'none scored' without items."""
    if offset is None:
        return "none scored"
    return f"{offset:+.2f}" if round(offset, 2) else "0.00"


def _agreed(item: Item, pack: Pack) -> str:
    if (item.option, item.criterion) in pack.filled:
        return f"not agreed (filled with the {pack.agreement})"
    return "not agreed" if item.agreed is None else number(item.agreed)


def _scores_text(item: Item) -> str:
    return ", ".join(f"{who} {number(s)}" for who, s in item.scores.items())


def to_markdown(pack: Pack, title: str) -> str:
    """The agenda: the panel, the items to discuss with rationales, then the rest."""
    lines = [f"# Moderation pack: {md(title)}", ""]
    lines += ["| Assessor | Role | Interests declared | Scores given | Offset |", "|---|---|---|---:|---:|"]
    lines += [f"| {md(a.name)} ({md(a.id)}) | {md(a.role or '')} | {md(a.interests)} | {a.scored} | "
              f"{offset_text(a.offset)} |" for a in pack.assessors]
    lines += ["", ("Offset: the assessor's mean distance from the panel's median, as a share of the scale "
              "(positive is a generous marker, negative a harsh one)."), ""]
    discuss = [i for i in pack.items if i.to_discuss]
    lines += [f"## To discuss ({len(discuss)})", ""]
    if not discuss:
        lines += ["Every item has an agreed score and no divergent panel.", ""]
    for n, item in enumerate(discuss, 1):
        lines += [f"### {n}. {md(item.option_name)}: {md(item.criterion_name)}", "",
                  (f"Scores {md(_scores_text(item))}; range {number(item.range)} (divergence "
                  f"{number(item.divergence)}), median {number(item.median)}; agreed: {md(_agreed(item, pack))}. "
                  f"Flags: {', '.join(item.flags)}."), ""]
        lines += ["| Assessor | Score | Rationale |", "|---|---:|---|"]
        lines += [f"| {md(who)} | {number(s)} | {md(item.rationales[who] or '(none given)')} |"
                  for who, s in item.scores.items()]
        if item.moderation:
            lines += ["", f"Moderation note: {md(item.moderation)}"]
        lines.append("")
    rest = [i for i in pack.items if not i.to_discuss]
    lines += [f"## Other items ({len(rest)})", ""]
    if rest:
        lines += ["| Option | Criterion | Scores | Median | Agreed | Flags |", "|---|---|---|---:|---:|---|"]
        lines += [f"| {md(i.option_name)} | {md(i.criterion_name)} | {md(_scores_text(i))} | {number(i.median)} | "
                  f"{md(_agreed(i, pack))} | {', '.join(i.flags)} |" for i in rest]
    else:
        lines.append("None.")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_table(pack: Pack, title: str, *, terminal: bool) -> str:
    """Every item in one table, then the assessors."""
    from appraisal.render.terminal import Table, render

    ids = [a.id for a in pack.assessors]
    items = Table(
        f"Moderation pack: {title}",
        ["option", "criterion", *ids, "min", "max", "range", "median", "agreed", "flags"],
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
    return render([items, people, f"{discuss} of {len(pack.items)} items to discuss (missing or divergent)."],
                  terminal=terminal)

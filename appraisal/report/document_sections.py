"""The typed document's sections (:mod:`appraisal.report.document`): each one the section's
data (as the templates read it) in, blocks out."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from appraisal.render.blocks import (
    NBSP,
    Block,
    Callout,
    Cell,
    Code,
    Column,
    Figure,
    Heading,
    Paragraph,
    Run,
    Table,
    Tone,
    cell,
    text,
)

Data = Mapping[str, Any]
TONES: dict[str, Tone] = {"red": "red", "amber": "amber", "green": "green"}


def caption(data: Data, words: Mapping[str, str]) -> str:
    """A chart's short caption ("Total points by option"): the section's ``chart_title``, or
    one for the kind of chart; its message is in its alt text."""
    if data.get("chart_title"):
        return str(data["chart_title"])
    chart = data.get("chart") or {}
    return f"Total points by {words['option']}" if "bars" in chart else f"Cost and points by {words['option']}"


def _bullets(items: Any, none: str) -> list[Block]:
    found: list[Block] = [Paragraph(text(str(item)), "bullet") for item in items]
    return found or [Paragraph(text(none))]


def recommendation(data: Data, context: Mapping[str, Any]) -> list[Block]:
    words = context["words"]
    preferred = data.get("preferred")
    if preferred:
        margin = f", {data['margin']} ahead of the runner-up" if data.get("margin") else ""
        title = f"{words['preferred'].capitalize()}: {preferred['name']}"
        body = [Paragraph(text(f"{preferred['total']} points out of 100{margin}."))]
    elif data.get("kind") == "tie":
        title, body = f"No single {words['preferred']}: there is a tie for first place.", []
    else:
        title, body = f"No {words['preferred']}: no {words['option']} passes every gate.", []
    found: list[Block] = [Callout("recommendation", title, tuple(body)), Paragraph(text(data["sentence"]))]
    if data.get("fragile"):
        found.append(Callout("caution", "Caution: this recommendation is fragile.",
                             tuple(Paragraph(text(w), "bullet") for w in data["fragile"])))
    if data.get("failing"):
        one = len(data["failing"]) == 1
        found.append(Paragraph(text(
            f"This {words['option']} fails a gate, so it is not ranked (its total shows what it would have scored):"
            if one else f"These {words['options']} fail a gate, so they are not ranked (their totals show what "
            "they would have scored):")))
        found += [Paragraph(text(f"{item['option']['name']} ({item['option']['total']} points) fails: "
                                 + "; ".join(item["gates"])), "bullet") for item in data["failing"]]
    if data.get("gate_note"):
        found.append(Paragraph(text(data["gate_note"])))
    return found


def label(index: int) -> str:
    """A short label for the option at ``index``: A to Z, then A1, B1..."""
    letters = string.ascii_uppercase
    return letters[index % 26] + (str(index // 26) if index >= 26 else "")


def _name_cell(row: Mapping[str, Any]) -> Cell:
    return cell(str(row["name"]), bold=not row.get("leaf", True))


def matrix(data: Data, context: Mapping[str, Any]) -> list[Block]:
    words = context["words"]
    found: list[Block] = []
    if data.get("left_out"):
        found.append(Paragraph(text(
            f"There are more than {data['limit']} {words['shortlisted']} {words['options']}, so this matrix, "
            f"the {words['option']} sections and the financial summary show the {data['top']} highest-ranked"
            + (" and the baseline" if data.get("with_baseline") else "")
            + f"; the summary table ranks every {words['option']}.")))
    found.append(Paragraph(text(
        f"Each pair of columns gives {words['an_option']}'s score on each criterion (a judged score, or the "
        "measured figure) and the points it earns. Points of sub-criteria add up to their parent's points, "
        f"and the points of the top-level criteria add up to the total. The columns name each {words['option']} "
        "by a letter:")))
    labels: dict[str, str] = {}
    for group in data["groups"]:
        for o in group["options"]:
            labels[o["id"]] = label(len(labels))
            found.append(Paragraph((Run(f"{words['option'].capitalize()} {labels[o['id']]}: ", bold=True),
                                    Run(str(o["name"]))), "bullet"))
    for group in data["groups"]:
        columns = [Column("Ref", "ref"), Column("Criterion", "name"), Column("Weight", "number")]
        for o in group["options"]:
            columns += [Column(f"{labels[o['id']]}{NBSP}score", "number"),
                        Column(f"{labels[o['id']]}{NBSP}points", "number")]
        rows: list[tuple[Cell, ...]] = [(cell(str(r["ref"])), _name_cell(r), cell(str(r["weight"])),
                 *(c for x in r["cells"] for c in (cell(str(x["score"])), cell(str(x["points"])))))
                for r in group["rows"]]
        rows.append((cell(""), cell("Total", bold=True), cell("100%"),
                     *(c for o in group["options"] for c in (cell(""), cell(str(o["total"]), bold=True)))))
        shown = (f"{words['options'].capitalize()} {group['first']} to {group['last']} of {data['count']}"
                 if len(data["groups"]) > 1 else "")
        found.append(Table(tuple(columns), tuple(rows), shown, keep=3, step=2, family="matrix"))
    found.append(Heading(3, text("Points by top-level criterion")))
    found.append(Figure(data["chart"], caption(data, words), " ".join(str(data["chart_description"]).split())))
    series = [Column(f"{x['name']} ({x['weight']})", "number") for x in data["series"]]
    found.append(Table((Column(context.get("noun") or "Option", "name"), *series, Column("Total", "number")),
                       tuple((cell(str(r["option"]["name"])), *(cell(str(v)) for v in r["points"]),
                              cell(str(r["option"]["total"]))) for r in data["chart_rows"])))
    return found


def _score_text(row: Mapping[str, Any]) -> str:
    if not row.get("score"):
        return ""
    score = str(row["score"]) + (f"{NBSP}of{NBSP}{row['out_of']}" if row.get("out_of") else "")
    return score + (f" ({row['label']})" if row.get("label") else "")


def _option(item: Mapping[str, Any], words: Mapping[str, str]) -> list[Block]:
    o = item["option"]
    ranked = f"Ranked {o['rank']}" if o.get("rank") else "Not ranked"
    found: list[Block] = [
        Heading(3, text(str(o["name"]))),
        Paragraph((Run(ranked + (": the baseline" if o.get("baseline") else ""), bold=True),
                   Run(f", with {o['total']} points out of 100")), "bullet"),
        Paragraph((Run("Gates: ", bold=True), Run(str(item["gates"]))), "bullet"),
    ]
    if item.get("summary"):
        found.append(Paragraph(text(str(item["summary"]))))
    found.append(Heading(4, text("Scores")))
    rows: list[tuple[Cell, ...]] = [
        (cell(str(r["ref"])), _name_cell(r), cell(_score_text(r)), cell(str(r.get("rationale") or "")),
         cell(str(r["points"]))) for r in item["scores"]]
    rows.append((cell(""), cell("Total", bold=True), cell(""), cell(""), cell(str(o["total"]), bold=True)))
    found.append(Table((Column("Ref", "ref"), Column("Criterion", "name"), Column("Score", "name"),
                        Column("Rationale", "prose"), Column("Points", "number")), tuple(rows), family="scores"))
    found.append(Heading(4, text("Advantages")))
    found += _bullets(item.get("advantages") or (), "None recorded.")
    found.append(Heading(4, text("Disadvantages")))
    found += _bullets(item.get("disadvantages") or (), "None recorded.")
    found.append(Heading(4, text("Risks")))
    if item.get("risks"):
        columns = [Column("Risk", "prose"), Column("Likelihood", "number"), Column("Impact", "number"),
                   Column(f"L{NBSP}×{NBSP}I", "number"), Column("Rating", "rating"), Column("Mitigation", "prose")]
        if item.get("owners"):
            columns.append(Column("Owner", "name"))
        risks: list[tuple[Cell, ...]] = [
            (cell(str(r["risk"])), cell(str(r["likelihood"])), cell(str(r["impact"])), cell(str(r["score"])),
                 cell(str(r["band_label"]).replace(" ", NBSP), tone=TONES.get(str(r["band"]))),
                 cell(str(r["mitigation"])), *([cell(str(r["owner"]))] if item.get("owners") else []))
                for r in item["risks"]]
        found.append(Table(tuple(columns), tuple(risks), family="risks"))
    else:
        found.append(Paragraph(text("None recorded.")))
    found.append(Heading(4, text("Costs")))
    if item.get("costs"):
        found.append(Table((Column("Cost", "name"), Column("Amount", "number")),
                           tuple((cell(str(r["label"])), cell(str(r["amount"]))) for r in item["costs"]),
                           family="costs"))
    else:
        found.append(Paragraph(text(f"No costs are stated for this {words['option']}.")))
    return found


def options(data: Data, context: Mapping[str, Any]) -> list[Block]:
    words = context["words"]
    found: list[Block] = []
    if data.get("left_out"):
        found.append(Paragraph(text(
            f"This section covers the {data['count']} {words['options']} shown in the scoring matrix; the other "
            f"{data['left_out']} are ranked in the summary table.")))
    bands = "; ".join(f"{x['label']} {x['range']}" for x in data["bands"])
    found.append(Paragraph(text(
        f"For each {words['option']}: its summary, each score with the rationale for it, the case for and "
        f"against, its risks and its costs. Risks are rated by likelihood times impact (each from 1 to 5): {bands}.")))
    for item in data["options"]:
        found += _option(item, words)
    return found


def summary(data: Data, context: Mapping[str, Any]) -> list[Block]:
    """Every option ranked; the gates as a rating (green "Passed", red "Failed: ...")."""
    words = context["words"]
    discounted = data.get("discounted") or 0
    more = (f" {discounted} {words['option'] if discounted == 1 else words['options']} "
            f"{'was' if discounted == 1 else 'were'} not taken forward (see {words['options'].capitalize()} "
            "not taken forward)." if discounted else "")
    years = f"{data['years']} year{'s' if data['years'] != 1 else ''}"
    rows = tuple(
        (cell(str(r["option"]["rank_text"])),
         cell(str(r["option"]["name"]) + (" (baseline)" if r["option"].get("baseline") else "")),
         cell(str(r["option"]["total"])),
         cell(str(r["gates"]), tone="green" if r["option"].get("eligible") else "red"),
         cell(str(r["annual"] or "")), cell(str(r["whole_life"] or "")))
        for r in data["rows"])
    return [Paragraph(text(f"Every {words['shortlisted']} {words['option']}, ranked by total. "
                           f"{words['options'].capitalize()} that fail a gate are listed last, unranked.{more}")),
            Table((Column("Rank", "number"), Column(str(context.get("noun") or "Option"), "name"),
                   Column("Total (of 100)", "number"), Column("Gates", "name"), Column("Annual cost", "number"),
                   Column(f"Whole-life cost ({years})", "number")), rows)]


def annex(data: Data, context: Mapping[str, Any]) -> list[Block]:
    """The technical annex: how the figures were made and how anyone can check the files."""
    found: list[Block] = [Paragraph(text(str(p))) for p in data.get("annex", ())]
    found += [Paragraph((Run("Produced by: ", bold=True), Run(f"appraise {data['version']}")), "bullet"),
              Paragraph((Run("Fingerprint of the input files (SHA-256): ", bold=True), Run(str(data["digest"]))),
                        "bullet"),
              Paragraph(text(str(data["check"]))),
              Code(str(data["command"])),
              Paragraph(text(str(data["check_each"]))),
              Table((Column("File", "name"), Column("Fingerprint (SHA-256)", "ref")),
                    tuple((cell(str(f["name"])), cell(str(f["sha256"]))) for f in data["files"]))]
    if data.get("templates"):
        found.append(Paragraph(text("The report was laid out with these templates of the user's own, in place "
                                    "of those that come with appraise:")))
        found += [Paragraph(text(f"{t['name']}: {t['sha256']}"), "bullet") for t in data["templates"]]
    return found


def timeline(data: Data, context: Mapping[str, Any]) -> list[Block]:
    """The dates after the award: each step a name, its date a short phrase never wrapped mid-word."""
    found: list[Block] = [Table((Column("Step", "name"), Column("Date", "rating")),
                                tuple((cell(r["event"]), cell(r["date"])) for r in data["rows"]))]
    if data.get("law"):
        found.append(Paragraph(text(str(data["law"]))))
    return found


IMPACT_TONES: dict[str, Tone] = {"positive": "green", "negative": "red", "unknown": "amber"}
"""An equality impact's colour, as the HTML shades it; a neutral impact has none."""


def equality(data: Data, context: Mapping[str, Any]) -> list[Block]:
    """Each option's impact on each characteristic as a rating, coloured and in words; then the
    negative impacts with their mitigations, who assessed them, and the committee's duty."""
    words = context["words"]
    more = ", and on the groups the council has adopted" if len(data["rows"]) > 9 else ""
    found: list[Block] = [
        Paragraph(text(f"The equality impact of each {words['option']} on people who share a protected "
                       f"characteristic (Equality Act 2010, section 4){more}. These impacts are shown beside the "
                       "scores, not added into them.")),
        Table((Column("Characteristic", "name"), *(Column(str(o), "rating") for o in data["options"])),
              tuple((cell(str(r["name"])), *(cell(str(c["text"]), tone=IMPACT_TONES.get(str(c["kind"])))
                                             for c in r["cells"])) for r in data["rows"]),
              keep=1)]
    if data.get("mitigations"):
        found += [Paragraph(text("Negative impacts and how each would be mitigated:")),
                  Table((Column(str(context.get("noun") or "Option"), "name"), Column("Characteristic", "name"),
                         Column("Impact", "prose"), Column("Mitigation", "prose"),
                         Column("Left after mitigation", "rating")),
                        tuple((cell(str(m["option"])), cell(str(m["characteristic"])), cell(str(m["note"])),
                               cell(str(m["mitigation"])), cell(str(m["residual"])))
                              for m in data["mitigations"]))]
    found.append(Paragraph(text(f"Assessed: {'; '.join(str(a) for a in data['assessed'])}.")))
    found += [Paragraph(text(str(g)), "bullet") for g in data.get("gaps") or ()]
    found.append(Paragraph((Run("What the committee must consider. ", bold=True), Run(str(data["duty"])))))
    return found

"""An agreed score written into an option file in place (appraisal/load/yamledit.py): every
other line, comment, blank line, key order, quoting and flow mapping kept byte for byte."""

from __future__ import annotations

import difflib
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from appraisal.load.yamledit import Agreed, CannotEdit, set_agreed

OPTION = """\
# Option 2: tender a two-service model
name: "Tender: two services"   # quoted, with a colon
summary: >-
  One paragraph, folded.

costs: {one_off: 40000, annual: 1650000}
scores:
  # the judged criteria, in the paper's order
  users: 4            # from the survey
  providers:
    score: 2
    rationale: 'TUPE transfer of council staff'
    low: 1

  outcomes: {score: 3, rationale: Early help}
  sustainable: {score: 4, rationale: "A long rationale that already takes up most of a line of text"}
gates: {affordable: true}   # checked by finance
risks:
  - {risk: Market does not respond, likelihood: 2, impact: 4}
"""


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines taken out and put in, by difflib."""
    out, put = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            out.append(line[2:])
        elif line.startswith("+ "):
            put.append(line[2:])
    return out, put


def test_a_bare_score_becomes_a_mapping_and_its_comment_stays_on_its_line() -> None:
    after = set_agreed(OPTION, "users", Agreed(3, "The survey's sample was small; agreed 3."))
    assert changed_lines(OPTION, after) == (
        ["  users: 4            # from the survey"],
        ["  users:            # from the survey", "    score: 3",
         "    moderation: The survey's sample was small; agreed 3."],
    )


def test_a_bare_score_without_a_note_stays_bare() -> None:
    assert changed_lines(OPTION, set_agreed(OPTION, "users", Agreed(3.5))) == (
        ["  users: 4            # from the survey"], ["  users: 3.5            # from the survey"])


def test_a_block_mapping_gets_its_score_replaced_and_a_note_line_after_its_last() -> None:
    after = set_agreed(OPTION, "providers", Agreed(2.5, "yes"))
    assert changed_lines(OPTION, after) == (
        ["    score: 2"], ["    score: 2.5", "    moderation: 'yes'"])
    assert yaml.safe_load(after)["scores"]["providers"]["moderation"] == "yes"  # text, not true


def test_a_short_flow_mapping_stays_flow_and_a_long_one_opens_into_a_block() -> None:
    short = set_agreed(OPTION, "outcomes", Agreed(4, "Agreed: #2"))
    assert changed_lines(OPTION, short) == (
        ["  outcomes: {score: 3, rationale: Early help}"],
        ["  outcomes: {score: 4, rationale: Early help, moderation: 'Agreed: #2'}"])
    long = set_agreed(OPTION, "sustainable", Agreed(3, "Funding beyond year two is not certain"))
    assert changed_lines(OPTION, long) == (
        ['  sustainable: {score: 4, rationale: "A long rationale that already takes up most of a line of text"}'],
        ["  sustainable:", "    score: 3",
         '    rationale: "A long rationale that already takes up most of a line of text"',
         "    moderation: Funding beyond year two is not certain"])


def test_a_criterion_not_yet_agreed_is_added_after_the_last_score() -> None:
    after = set_agreed(OPTION, "council_risk", Agreed(3, "Line one\nline two"))
    assert changed_lines(OPTION, after) == ([], [
        "  council_risk:", "    score: 3", '    moderation: "Line one\\nline two"'])
    assert after.index("council_risk") > after.index("sustainable") and after.index("council_risk") < after.index(
        "gates:")
    assert yaml.safe_load(after)["scores"]["council_risk"] == {"score": 3, "moderation": "Line one\nline two"}


def test_files_without_scores_or_with_flow_scores_take_the_score_in_their_own_style() -> None:
    assert set_agreed("name: X\n", "users", Agreed(3)) == "name: X\nscores:\n  users: 3\n"
    assert set_agreed("name: X\nscores: {a: 1}  # all\n", "users", Agreed(3, "ok")) == (
        "name: X\nscores: {a: 1, users: {score: 3, moderation: ok}}  # all\n")
    assert set_agreed("name: X\nscores: {}\n", "users", Agreed(3)) == "name: X\nscores: {users: 3}\n"


def test_windows_line_endings_stay_windows_line_endings() -> None:
    text = OPTION.replace("\n", "\r\n")
    after = set_agreed(text, "council_risk", Agreed(3, "Agreed."))
    assert after.count("\r\n") == after.count("\n") == text.count("\n") + 3
    assert after.replace("\r\n", "\n") == set_agreed(OPTION, "council_risk", Agreed(3, "Agreed."))


def test_a_layout_that_cannot_be_edited_in_place_is_refused_not_damaged() -> None:
    with pytest.raises(CannotEdit):
        set_agreed("name: X\nscores:\n  users: [3, 4]\n", "users", Agreed(3, "ok"))
    with pytest.raises(CannotEdit):
        set_agreed("[1, 2]\n", "users", Agreed(3))
    with pytest.raises(CannotEdit, match="anchor"):
        set_agreed("scores:\n  a: &s {score: 2}\n  users: *s\n", "users", Agreed(3))


# --- the mechanism, over generated files ----------------------------------------------------

NOTES = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=5) | st.sampled_from(
    ["\n", ": ", " #", "'", '"', "{", "}", ",", "yes", "null", "~", "3.5", "- ", "&a", "*a", "!x", "%", "\t"]),
    min_size=1, max_size=8).map("".join).filter(lambda t: t.strip() != "" and t == t.strip())
IDS = ["users", "providers", "outcomes", "sustainable", "council_risk"]


@st.composite
def option_files(draw: Any) -> tuple[str, dict[str, list[str]]]:
    """An option file in one of the layouts people write, and each score entry's lines."""
    lines = [draw(st.sampled_from(["# An option", "name: Opt", 'name: "Opt: one"', "name: 'Opt'"]))]
    if draw(st.booleans()):
        lines.append("")
    indent = draw(st.sampled_from([2, 4]))
    pad = " " * indent
    entries: dict[str, list[str]] = {}
    lines.append("scores:" + draw(st.sampled_from(["", "  # judged"])))
    for cid in draw(st.lists(st.sampled_from(IDS), unique=True, min_size=1)):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from([f"{pad}# about {cid}", ""])))
        style = draw(st.sampled_from(["bare", "flow", "block"]))
        comment = draw(st.sampled_from(["", "  # note"]))
        if style == "bare":
            entry = [f"{pad}{cid}: {draw(st.integers(0, 5))}{comment}"]
        elif style == "flow":
            entry = [f"{pad}{cid}: {{score: {draw(st.integers(0, 5))}, rationale: 'Why, {cid}'}}{comment}"]
        else:
            entry = [f"{pad}{cid}:{comment}", f"{pad * 2}score: {draw(st.integers(0, 5))}",
                     f"{pad * 2}rationale: \"Because {cid}\""]
            if draw(st.booleans()):
                entry.append(f"{pad * 2}moderation: Earlier note")
        entries[cid] = entry
        lines += entry
    lines += draw(st.sampled_from([[], ["gates: {a: true}"], ["", "# end"]]))
    return "\n".join(lines) + "\n", entries


@settings(max_examples=300, deadline=None)
@given(option_files(), st.sampled_from(IDS), st.sampled_from([0, 1, 2.5, 4, 5]), st.none() | NOTES)
def test_only_the_edited_entrys_lines_change_and_the_file_reads_as_intended(
        file: tuple[str, dict[str, list[str]]], criterion: str, score: float, note: str | None) -> None:
    text, entries = file
    after = set_agreed(text, criterion, Agreed(score, note))
    before_data, after_data = yaml.safe_load(text), yaml.safe_load(after)
    scores = dict(before_data.get("scores") or {})
    old = scores.get(criterion)
    if isinstance(old, dict) or note is not None:
        scores[criterion] = {**(old if isinstance(old, dict) else {}), "score": score,
                             **({"moderation": note} if note is not None else {})}
    else:
        scores[criterion] = score
    assert after_data == {**before_data, "scores": scores}
    taken_out, _ = changed_lines(text, after)
    assert all(line in entries.get(criterion, []) for line in taken_out), taken_out

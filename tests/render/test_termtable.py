"""Terminal tables: plain off a terminal, rich on one; user text never reaches the terminal raw."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO, run_appraise

from appraisal.render.terminal import Table, fit, render, visible


def test_plain_table_aligns_columns_and_right_aligns_numbers() -> None:
    text = render([Table("T", ("Option", "Total"), [["a", "9.50"], ["long-name", "10.25"]], right={1}), "note"],
                  terminal=False)
    assert text == (
        "T\n\n"
        "Option     Total\n"
        "---------  -----\n"
        "a           9.50\n"
        "long-name  10.25\n\n"
        "note\n"
    )


def test_control_and_bidi_characters_are_shown_as_escapes() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert visible("tab\there") == "tab\\there"
    assert visible("£1,700,000 – café") == "£1,700,000 – café"  # ordinary text untouched


def test_escape_sequences_and_markup_in_user_text_are_inert_on_a_terminal() -> None:
    text = render([Table(None, ("Option",), [["\x1b]0;pwned\x07[bold red]x[/]"]])], terminal=True)
    assert "\x1b]0;" not in text and "\x07" not in text  # no raw OSC sequence or bell
    assert "\\x1b]0;pwned\\x07[bold red]x[/]" in text  # shown as written, markup not applied


def test_plain_output_does_not_import_rich() -> None:
    code = ("import sys; from appraisal.render.terminal import Table, render; "
            "render([Table('t', ('a',), [['1']])], terminal=False); print('rich' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_columns_wraps_a_plain_table_to_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    table = Table(None, ("Option", "Total"), [["A very long option name indeed", "71.25"], ["b", "9.50"]], right={1})
    text = render([table, "A paragraph that is longer than thirty characters."], terminal=False)
    assert text == (
        "Option                   Total\n"
        "-----------------------  -----\n"
        "A very long option name  71.25\n"
        "indeed\n"
        "b                         9.50\n"
        "\n"
        "A paragraph that is longer\n"
        "than thirty characters.\n"
    )


def test_numbers_are_never_broken_and_the_widest_column_gives_way_first() -> None:
    # natural 20 + 10 + 8 + two gaps of 2 = 42; to fit 30 the columns may take 26: the 20
    # gives way to 10, then the two tens take turns down to 9 each (9 + 9 + 8 = 26)
    assert fit([20, 10, 8], [0, 0, 8], 30) == [9, 9, 8]
    # a number column keeps its longest number even when the table then runs over
    assert fit([12, 12], [0, 12], 10) == [6, 12]
    assert fit([5, 5], [0, 0], None) == [5, 5]


@pytest.mark.parametrize("command", [
    ["score"], ["vfm"], ["sensitivity", "--samples", "50"],
    ["diff", "--scenario", str(REPO / "scenarios" / "stability-first.yaml")],
])
def test_every_table_fits_80_columns_when_asked(command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run = run_appraise(*command, REPO)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    monkeypatch.delenv("COLUMNS")
    assert max(len(line) for line in run_appraise(*command, REPO).out.splitlines()) > 80  # unwrapped


def test_a_long_name_is_shortened_at_a_space_and_an_open_bracket_goes_with_its_words() -> None:
    from appraisal.text import shortened

    assert shortened("Short name") == "Short name"
    assert shortened("Financial assessment (the costed impact of each option)") == "Financial assessment…"
    long = "Tender one contract for one Children's Centre service"
    assert shortened(long) == "Tender one contract for one Children's…"
    assert all(len(shortened("word " * n)) <= 40 for n in range(1, 30))

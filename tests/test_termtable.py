"""Terminal tables: plain off a terminal, rich on one; user text never reaches the terminal raw."""

from __future__ import annotations

import subprocess
import sys

from appraisal.render.terminal import Table, render, visible


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

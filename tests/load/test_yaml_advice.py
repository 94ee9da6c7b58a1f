"""The YAML mistakes officers make every week get advice at the line of the mistake (issue 12):
what is probably wrong and how to write it, not the YAML library's grammar words.

Each case changes one thing in test_bad_input's valid folder and expects the exact error line
(places counted by hand from the text written); runs are in process, from inside the folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_appraise
from helpers import ALPHA, BETA, write_folder
from helpers import BAD_INPUT_CRITERIA as CRITERIA

from appraisal.load.source import Source, parse_bytes, parse_yaml

WITH_COSTS_BLOCK = ALPHA.replace("costs: {one_off: 10, annual: 500}", "costs:\n  one_off: 10\n  annual: 500")
"""ALPHA with its costs one to a line: annual is line 5, its value at column 11."""

SYNTAX: dict[str, tuple[str, str]] = {
    # ": " inside unquoted text: the place is the second colon.
    "colon-in-text": (ALPHA.replace(
        "  quality: {score: 4, rationale: Good.}", "  quality:\n    score: 4\n    rationale: Staff: trained"),
        ("options/alpha.yaml:7:21: error: the text after 'rationale:' holds ': ', which YAML reads as the start of "
        "another key: put the whole text in quotes, like this: rationale: \"Staff: trained\"")),
    "colon-in-a-top-level-value": ("name: Alpha: the in-house option\n" + ALPHA.split("\n", 1)[1],
        ("options/alpha.yaml:1:12: error: the text after 'name:' holds ': ', which YAML reads as the start of "
        "another key: put the whole text in quotes, like this: name: \"Alpha: the in-house option\"")),
    # score:1 (no space) is read as text running on into the next line, where libyaml stops.
    "no-space-after-colon": (ALPHA.replace("  quality: {score: 4, rationale: Good.}",
                                           "  quality:\n    score:4\n    rationale: Good."),
        "options/alpha.yaml:6:10: error: 'score:4' needs a space after the colon: write 'score: 4'"),
    "no-space-then-next-key": (ALPHA.replace("baseline: true", "baseline:true"),
        "options/alpha.yaml:2:9: error: 'baseline:true' needs a space after the colon: write 'baseline: true'"),
    "key-indented-under-a-value": (ALPHA.replace("baseline: true", "  baseline: true"),
        ("options/alpha.yaml:2:3: error: 'baseline' is indented more than 'name:' on line 1, whose value is given "
        "already, so YAML reads it as more of that value: start it in the same column as 'name:' (or quote the text)")),
    "apostrophe-in-single-quotes": (ALPHA.replace("rationale: Good.", "rationale: 'It's good'"),
        ("options/alpha.yaml:5:37: error: the text in single quotes ends at the apostrophe: inside single quotes "
        "write an apostrophe twice (''), or put the text in double quotes instead")),
    "apostrophe-in-a-block-value": (ALPHA.replace("name: Alpha", "name: 'Alpha's own'"),
        ("options/alpha.yaml:1:13: error: the text in single quotes ends at the apostrophe: inside single quotes "
        "write an apostrophe twice (''), or put the text in double quotes instead, like this: name: \"Alpha's own\"")),
    "text-after-closing-quotes": (ALPHA.replace("name: Alpha", 'name: "Alpha" option'),
        ("options/alpha.yaml:1:15: error: the value ends at the \" before 'option', and YAML expects nothing more "
        "on the line: put the whole text in quotes, like this: name: '\"Alpha\" option'")),
    "list-item-out-of-line": (ALPHA + "advantages:\n  - cheap\n - quick\n",
        ("options/alpha.yaml:9:2: error: this list item's '-' is in column 2, but the item above has its '-' in "
        "column 3: put the '-' of every item of one list in the same column")),
    "key-out-of-line-in-a-list-item": (ALPHA + "risks:\n  - risk: Delay\n    likelihood: 2\n   impact: 3\n",
        ("options/alpha.yaml:10:4: error: this line starts in column 4, but the key on line 9 starts in column 5: "
        "start the keys of one mapping, and the '-' of one list, in the same column")),
    # Errors libyaml reports a line (or more) below the mistake.
    "unclosed-brace": ("name: Alpha\nscores: {quality: 4\nbaseline: true\n",
        "options/alpha.yaml:2:9: error: the '{' here is not closed on its line: end it with '}'"),
    "unclosed-bracket": (ALPHA + "advantages: [cheap, quick\n",
        "options/alpha.yaml:7:13: error: the '[' here is not closed on its line: end it with ']'"),
    "unclosed-quote": (ALPHA.replace("name: Alpha", 'name: "Alpha'),
        "options/alpha.yaml:1:7: error: this text opens with \" but is never closed: end it with \" on the same line"),
    "text-on-the-next-line": (ALPHA.replace("name: Alpha", "name: Alpha\nthe in-house option"),
        ("options/alpha.yaml:2:1: error: this line is not 'key: value': write ': ' after the key, or, if it carries "
        "on the text of the line above, indent it further than that line's key (or put the whole text in quotes)")),
    "text-starting-with-at": (ALPHA.replace("name: Alpha", "name: @Alpha"),
        ("options/alpha.yaml:1:7: error: text cannot start with '@' in YAML: put the text in quotes, like this: "
        "name: \"@Alpha\"")),
    "ampersand-then-space": (ALPHA.replace("name: Alpha", "name: & Co"),
        ("options/alpha.yaml:1:8: error: '&' and '*' at the start of a value mark an anchor and a reference to it "
         "in YAML: put the text in quotes, like this: name: \"& Co\"")),
    "percent-at-line-start": (ALPHA + "%done: 1\n",
        "options/alpha.yaml:7:1: error: text cannot start with '%' in YAML: put the text in quotes"),
    "value-of-punctuation": (ALPHA + "summary: ]\n",
        ("options/alpha.yaml:7:10: error: a value is missing here, or starts with a character YAML reads as "
         "punctuation (such as ',', ']', '}' or '!'): write the value, or put the text in quotes")),
    "curly-quotes-around-text": (ALPHA.replace("name: Alpha", "name: \u201cAlpha: the in-house option\u201d"),
        ("options/alpha.yaml:1:7: error: the text of 'name' starts with \u201c, a curly quote (as Word types it), "
         "which YAML does not read as a quote: use straight quotes instead, like this: "
         "name: \"Alpha: the in-house option\"")),
    "windows-path-in-double-quotes": (ALPHA + 'summary: "see C:\\Users\\plan.docx"\n',
        ("options/alpha.yaml:7:17: error: a backslash (\\) inside double quotes starts a special character: put "
        "text with backslashes (a Windows path, say) in single quotes instead, or write each backslash twice")),
}


@pytest.fixture
def inside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Write the base folder with ``changes`` and run ``appraise score .`` from inside it."""
    def run(changes: dict[str, str | bytes | None]) -> tuple[int, list[str]]:
        folder = write_folder(tmp_path / "a", changes)
        monkeypatch.chdir(folder)
        result = run_appraise("score", ".")
        assert "Traceback" not in result.err and "invalid YAML" not in result.err, result.err
        return result.code, [line for line in result.err.splitlines() if ": error: " in line]
    return run


@pytest.mark.parametrize("name", list(SYNTAX))
def test_yaml_syntax_mistakes_get_advice_at_the_mistake(name: str, inside) -> None:  # type: ignore[no-untyped-def]
    text, expected = SYNTAX[name]
    assert inside({"options/alpha.yaml": text}) == (2, [expected])


VALUES: dict[str, tuple[dict[str, str | bytes | None], str]] = {
    "blank-score": ({"options/alpha.yaml": ALPHA.replace("  quality: {score: 4, rationale: Good.}",
                                                          "  quality:\n    score:\n    rationale: Good.")},
                    "options/alpha.yaml:6:5: error: no score given: write a number after 'score:'"),
    "blank-score-shorthand": ({"options/alpha.yaml": ALPHA.replace("  quality: {score: 4, rationale: Good.}",
                                                                    "  quality:")},
                              ("options/alpha.yaml:5:3: error: no score given for 'quality': write a number after "
                              "'quality:'")),
    "blank-name": ({"options/beta.yaml": BETA.replace("name: Beta", "name:")},
                   "options/beta.yaml:1:1: error: no name given: write the text after 'name:'"),
    "blank-weight": ({"criteria.yaml": CRITERIA.replace("weight: 60", "weight:")},
                     "criteria.yaml:11:5: error: no weight given: write a number after 'weight:'"),
    "blank-list-item": ({"options/beta.yaml": BETA + "advantages:\n  - cheap\n  -\n"},
                        ("options/beta.yaml:8:4: error: item 2 of 'advantages' is blank: write it after its '-', or "
                        "remove that line")),
    "blank-gate": ({"options/beta.yaml": BETA.replace("gates: {legal: true}", "gates:\n  legal:")},
                   "options/beta.yaml:6:3: error: no value given for 'legal': write true or false after 'legal:'"),
    "quoted-number": ({"criteria.yaml": CRITERIA.replace("weight: 60", 'weight: "60"')},
                      ("criteria.yaml:11:13: error: 'weight' must be a number: write 60 without quotes (in quotes, "
                      "YAML reads it as text)")),
    "quoted-score": ({"options/beta.yaml": BETA.replace("  quality: {score: 3, rationale: Fair.}", '  quality: "3"')},
                     ("options/beta.yaml:4:12: error: a score must be a number: write 3 without quotes (in quotes, "
                     "YAML reads it as text)")),
    "thousands-separators": ({"options/alpha.yaml": WITH_COSTS_BLOCK.replace("annual: 500", "annual: 8,900,000")},
                             ("options/alpha.yaml:5:11: error: 'annual' must be a number: write 8900000, without the "
                             "commas")),
    "currency-sign": ({"options/alpha.yaml": WITH_COSTS_BLOCK.replace("annual: 500", "annual: £8,900,000")},
                      ("options/alpha.yaml:5:11: error: 'annual' must be a number: write 8900000, without the commas "
                      "or the £ sign")),
    "millions": ({"options/alpha.yaml": WITH_COSTS_BLOCK.replace("one_off: 10", "one_off: £1.25m")},
                 ("options/alpha.yaml:4:12: error: 'one_off' must be a number: write 1250000, without the £ sign or "
                 "the 'm'")),
    "percent-weight": ({"criteria.yaml": CRITERIA.replace("weight: 60", "weight: 35%")},
                       "criteria.yaml:11:13: error: 'weight' must be a number: write 35, without the % sign"),
    "percent-rate": ({"criteria.yaml": CRITERIA.replace("  years: 3", "  years: 3\n  discount_rate: 3.5%")},
                     ("criteria.yaml:17:18: error: 'discount_rate' must be a number: write 0.035, without the % sign "
                     "(a percentage is written here as a fraction: 3.5% is 0.035)")),
    "text-read-as-a-mapping": ({"options/beta.yaml": BETA + "advantages:\n  - Staff: trained\n"},
                               ("options/beta.yaml:7:5: error: 'advantages' must be text, but YAML read 'Staff: "
                               "trained' as a key and its value, because of the ': ': put the whole text in quotes")),
    "no-space-inside-braces": ({"options/beta.yaml": BETA.replace("{score: 3, rationale: Fair.}",
                                                                   "{score:3, rationale: Fair.}")},
                               ("options/beta.yaml:4:13: error: 'score:3' needs a space after the colon: write "
                               "'score: 3'")),
    # Inside { } a comma starts a new entry: the message quotes the value as written (issue 31).
    "pound-and-commas-inside-braces": (
        {"options/alpha.yaml": ALPHA.replace("annual: 500", "annual: £1,050,000")},
        ("options/alpha.yaml:3:30: error: 'annual' must be a number: write 1050000, without the commas or the £ "
         "sign (inside { } a comma starts a new entry)")),
    "commas-inside-braces": (
        {"options/alpha.yaml": ALPHA.replace("annual: 500", "annual: 1,050,000")},
        ("options/alpha.yaml:3:30: error: 'annual' must be a number: write 1050000, without the commas (inside { } "
         "a comma starts a new entry)")),
    "comma-in-text-inside-braces": (
        {"options/alpha.yaml": ALPHA.replace("rationale: Good.", "rationale: Good, one for each lot.")},
        ("options/alpha.yaml:5:34: error: inside { } a comma starts a new entry, so YAML read 'one for each lot.' as "
         "another key: put the text of 'rationale' in quotes, like this: rationale: \"Good, one for each lot.\"")),
    "decimal-comma-inside-braces": (
        {"options/alpha.yaml": ALPHA.replace("score: 4,", "score: 4,5,")},
        ("options/alpha.yaml:5:20: error: 'score' must be a number: write 4.5, with a dot for the decimal point "
         "(inside { } a comma starts a new entry)")),
    "curly-quotes-inside-braces": (
        {"options/alpha.yaml": ALPHA.replace("rationale: Good.", "rationale: \u201cGood, fair\u201d")},
        ("options/alpha.yaml:5:34: error: the text of 'rationale' starts with \u201c, a curly quote (as Word types "
         "it), which YAML does not read as a quote: use straight quotes instead, like this: rationale: \"Good, fair\" "
         "(inside { } a comma starts a new entry unless the text is in straight quotes)")),
    "rate-as-a-percentage": ({"criteria.yaml": CRITERIA.replace("  years: 3", "  years: 3\n  discount_rate: 3.5")},
                             ("criteria.yaml:17:18: error: 'discount_rate' must be less than 1.0, not 3.5 (a rate is "
                              "written here as a fraction: 3.5% is 0.035)")),
}


@pytest.mark.parametrize("name", list(VALUES))
def test_values_written_the_office_way_get_advice(name: str, inside) -> None:  # type: ignore[no-untyped-def]
    changes, expected = VALUES[name]
    code, errors = inside(changes)
    assert code == 2
    assert expected in errors
    assert len(errors) == (2 if name == "no-space-inside-braces" else 1), errors  # and 'score' is missing


@pytest.mark.parametrize("raw", [
    ALPHA.encode("utf-16"), ALPHA.encode("utf-16-le"), ALPHA.encode("utf-16-be"),
    ("name: Café\n" + ALPHA.split("\n", 1)[1]).encode("utf-16-le"),
], ids=["bom", "le", "be", "le-non-ascii"])
def test_a_utf16_file_is_named_as_such(raw: bytes) -> None:
    assert str(parse_bytes(raw, "f.yaml")) == (
        "f.yaml:1:1: error: the file is saved as UTF-16 text, and appraise reads UTF-8: save it again as UTF-8 "
        "(in Notepad: Save As, then Encoding: UTF-8)")


def test_a_nul_byte_in_other_text_is_still_a_binary_file() -> None:
    assert str(parse_bytes(b"name: A\nsum\x00mary: x\n", "f.yaml")) == (
        "f.yaml:2:4: error: this is a binary file, not YAML text (it contains a NUL byte)")


def test_text_cut_short_by_a_comment_gets_a_warning_at_the_value() -> None:
    text = ("name: Alpha\n"
            "summary: risk #1 pensions\n"          # cut: one space, then '#1'
            "reason: a  # a comment, set off\n"    # two spaces: a comment
            "owner: b # a comment too\n"           # '# ' then a space: a comment
            "weight: 40 #40\n"                     # a number, not text
            "items:\n  - one #2\n  - 'two #3'\n")  # a list item is cut; quoted text is whole
    source = parse_yaml(text, "f.yaml", text.encode("utf-8"))
    assert isinstance(source, Source), source
    assert [str(w) for w in source.warnings] == [
        ("f.yaml:2:10: warning: only 'risk' is read here: ' #' starts a comment, so '#1 pensions' is left out. If "
        "it is part of the text, put the whole text in quotes: \"risk #1 pensions\""),
        ("f.yaml:7:5: warning: only 'one' is read here: ' #' starts a comment, so '#2' is left out. If it is part "
        "of the text, put the whole text in quotes: \"one #2\""),
    ]


def test_validate_shows_the_comment_warning(inside, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inside({"options/beta.yaml": BETA + "summary: Fair, see risk #4\n"})
    run = run_appraise("validate", ".")
    assert run.code == 0, run.err
    assert ("options/beta.yaml:6:10: warning: only 'Fair, see risk' is read here: ' #' starts a comment, so '#4' "
            "is left out. If it is part of the text, put the whole text in quotes: \"Fair, see risk #4\"") in run.err

"""Limits and hostile input (issue 7): each limit refuses with a plain message at FILE:LINE:COL,
exit 2, never a traceback, a crash, a hang or code execution.

The limits and their values are listed in docs/reliability.md. Expected places are found by
reading the text the test writes (the line holding the planted value), never from appraise.
Runs go through the command line in this process (:func:`conftest.run_appraise`); what only a
new process shows (a crash of the interpreter, a tag run end to end, the README's shell
example) goes through the real console script.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_appraise, spawn_appraise
from helpers import errors, expect_error, line_of, option_file

# --- file size, encoding, binary ------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "#" * (1024 * 1024 + 1 - len(text.encode("utf-8"))) + "\n", encoding="utf-8")
    size = path.stat().st_size
    assert size == 1024 * 1024 + 2
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", 1,
                 f"the file is {size:,} bytes; appraise reads files up to 1,048,576 bytes")


def test_a_huge_sparse_file_is_refused_without_reading_it(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    with path.open("r+b") as handle:
        handle.truncate(8 * 1024**3)  # 8 GiB of holes: reading it whole would take the memory
    run = run_appraise("score", reference_copy, timeout=30)
    expect_error(run, "options/tender-two.yaml", 1, "the file is 8,589,934,592 bytes")


@pytest.mark.parametrize(
    ("content", "line", "col", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)), 1, 1, "the file is not UTF-8 text: save it as UTF-8"),
        (b"name: A\nsummary: caf\xe9\n", 2, 13, "the file is not UTF-8 text: save it as UTF-8"),
        (b"name: A\nsum\x00mary: x\n", 2, 4, "this is a binary file, not YAML text (it contains a NUL byte)"),
        ("name: A\n".encode("utf-16"), 1, 1, "the file is saved as UTF-16 text, and appraise reads UTF-8: save it"),
        ("name: A\n".encode("utf-32"), 1, 3, "this is a binary file"),
    ],
    ids=["png", "latin-1", "nul", "utf-16", "utf-32"],
)
def test_binary_and_non_utf8_files_are_refused_where_they_go_wrong(
    reference_copy: Path, content: bytes, line: int, col: int, message: str
) -> None:
    option_file(reference_copy).write_bytes(content)
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line, message)
    assert any(e[2] == col for e in errors(run.err) if e[1] == line), run.err


def test_a_utf8_byte_order_mark_is_accepted(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert run_appraise("score", reference_copy).code == 0


def test_a_control_character_is_named_at_its_place(reference_copy: Path) -> None:
    path = option_file(reference_copy)
    text = path.read_text(encoding="utf-8").replace("one for Bath", "one for \x07Bath", 1)
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "\x07")
    col = len(text.splitlines()[line - 1].split("\x07")[0]) + 1
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line, "the character U+0007 is not allowed in YAML")
    assert next(e for e in errors(run.err) if e[1] == line)[2] == col
    assert len(run.err.strip().splitlines()) == 1  # one line, not libyaml's two


# --- aliases, nesting -------------------------------------------------------------------------


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_quickly(reference_copy: Path) -> None:
    option_file(reference_copy).write_text(BILLION_LAUGHS, encoding="utf-8")
    run = run_appraise("score", reference_copy, timeout=30)
    expect_error(run, "options/tender-two.yaml", 1, "the file expands to more than 100,000 values")


@pytest.mark.parametrize("loop", ["x: &a [*a]\n", "x: &a {y: *a}\n", "x: &a [1, [2, *a]]\n"])
def test_an_alias_inside_itself_is_refused(reference_copy: Path, loop: str) -> None:
    option_file(reference_copy).write_text("name: A\n" + loop, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", 1, "an alias refers to the value that contains it")


PAD = "# " + "-" * 1200 + "\n"
"""A comment with more nesting indicators than safeyaml._SCAN_ABOVE, to take the event-scan path."""


@pytest.mark.parametrize("pad", ["", PAD], ids=["data-check", "event-scan"])
def test_nesting_up_to_40_levels_is_read_and_41_refused(reference_copy: Path, pad: str) -> None:
    path = option_file(reference_copy)
    text = pad + "name: A\nx: " + "[" * 40 + "]" * 40 + "\n"
    path.write_text(text, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "x:"), "unknown key 'x'")  # read, then refused
    text = pad + "name: A\nx: " + "[" * 41 + "]" * 41 + "\n"
    path.write_text(text, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "x:"), "the file is nested more than 40 levels deep")
    assert errors(run.err)[0][2] == len("x: ") + 41  # at the 41st "[", 41 levels below the top mapping


@pytest.mark.parametrize(
    "deep",
    ["x: " + "[" * 100_000 + "]" * 100_000, "x: " + "{a: " * 50_000 + "1" + "}" * 50_000, "- " * 100_000 + "x"],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deep_nesting_does_not_crash_the_interpreter(reference_copy: Path, deep: str) -> None:
    """libyaml composes recursively in C: 30,000 levels were a segmentation fault (exit -11)."""
    option_file(reference_copy).write_text(deep + "\n", encoding="utf-8")
    run = spawn_appraise("score", reference_copy, timeout=60)
    expect_error(run, "options/tender-two.yaml", 1, "the file is nested more than 40 levels deep")


# --- Python tags construct nothing ------------------------------------------------------------


TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/apply:subprocess.call [['touch', '{marker}']]",
    "!!python/object/new:builtins.open ['{marker}', 'w']",
    "!!python/object/apply:builtins.exec ['open(\"{marker}\", \"w\")']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
]


@pytest.mark.parametrize("where", ["criteria.yaml", "options/tender-two.yaml", "scenarios/finance-led.yaml"])
@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_constructs_nothing(reference_copy: Path, tmp_path: Path, tag: str, where: str) -> None:
    marker = tmp_path / "PWNED"
    path = reference_copy / where
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^name: .*$", lambda m: "name: " + tag.format(marker=marker), text, count=1, flags=re.MULTILINE)
    if where == "criteria.yaml":
        text = re.sub(r"^title: .*$", lambda m: "title: " + tag.format(marker=marker), text, count=1,
                      flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    line = line_of(text, tag.format(marker=marker)[:15])
    run = run_appraise("validate", reference_copy)
    expect_error(run, where, line, "is not allowed: appraise reads plain YAML")
    assert not marker.exists()


def test_a_python_tag_runs_nothing_through_the_console_script(reference_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    path = option_file(reference_copy)
    path.write_text(f"name: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    for command in ("score", "validate", "report"):
        run = spawn_appraise(command, reference_copy)
        expect_error(run, "options/tender-two.yaml", 1, "the tag '!!python/object/apply:os.system' is not allowed")
    assert not marker.exists()


CORE_TAGS = [
    ("!!float abc", "'abc' is not a number"), ("!!float", "'' is not a number"),
    ("!!int abc", "'abc' is not a whole number"), ("!!int", "'' is not a whole number"),
    ("!!bool maybe", "'maybe' is not true or false"), ("!!timestamp soon", "'soon' is not a date written YYYY-MM-DD"),
    ("!!map 1", "'1' is one value, but the tag !!map wants a collection"),
    ("!!set 1", "'1' is one value, but the tag !!set wants a collection"),
    ("!!map [1, 2]", "invalid YAML: expected a mapping node, but found sequence"),
    ("!!omap {a: 1}", "invalid YAML: expected a sequence, but found mapping"),
]


@pytest.mark.parametrize(("tagged", "message"), CORE_TAGS, ids=[t for t, _ in CORE_TAGS])
def test_a_core_tag_on_the_wrong_value_is_located(reference_copy: Path, tagged: str, message: str) -> None:
    """Found by the fuzz campaign (seeds 1000, 1004, 1008, 1010: '!!timestamp' on a folded text):
    PyYAML's constructors raise ValueError, KeyError, IndexError or AttributeError, or return an
    unfinished generator, for these; each was an internal error (exit 70)."""
    path = option_file(reference_copy)
    text = re.sub(r"^name: .*$", lambda m: f"name: {tagged}", path.read_text(encoding="utf-8"), count=1,
                  flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, f"name: {tagged}"), message)


# --- how many options and criteria ------------------------------------------------------------


def test_more_than_20000_option_files_are_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria.yaml").write_text("title: T\ncriteria: [{id: a, name: A, weight: 1}]\n")
    for i in range(20_001):
        (tmp_path / "options" / f"o{i}.yaml").touch()  # empty: reading any would be an error
    run = run_appraise("score", tmp_path, timeout=60)
    assert run.code == 2, run.err
    assert run.err.strip() == (
        f"{tmp_path / 'options'}: 20,001 option files; appraise reads at most 20,000 "
        "(one file per option: is this the right folder?)"
    )


def test_options_times_criteria_over_a_million_are_refused_before_reading(tmp_path: Path) -> None:
    """2,000 options of 500 criteria take about 30 s and 1 GB; 2,001 x 500 is refused at once."""
    (tmp_path / "options").mkdir()
    (tmp_path / "criteria.yaml").write_text(_criteria_text(499))  # 500 criteria, as below
    for i in range(2_001):
        (tmp_path / "options" / f"o{i}.yaml").touch()  # empty: reading any would be an error
    run = run_appraise("score", tmp_path, timeout=60)
    assert run.code == 2
    assert run.err.strip() == (
        f"{tmp_path / 'options'}: 2,001 options of 500 criteria each make 1,000,500 scores; appraise takes "
        "at most 1,000,000 (2,000 options of 500 criteria, or 20,000 of 50)"
    )
    (tmp_path / "options" / "o2000.yaml").unlink()
    run = run_appraise("score", tmp_path)  # 2,000 x 500: read, and the empty files refused one by one
    assert run.code == 2 and run.err.count("error: the file is empty") == 2_000


def test_more_than_500_scenario_files_are_refused(reference_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import appraisal.scenario.overlay

    for i in range(498):  # and the reference's three
        (reference_copy / "scenarios" / f"s{i}.yaml").touch()
    run = run_appraise("validate", reference_copy)
    assert run.code == 2
    assert run.err.strip() == f"{reference_copy / 'scenarios'}: 501 scenario files; appraise checks at most 500"
    monkeypatch.setattr(appraisal.scenario.overlay, "MAX_SCENARIOS",
                        501)  # inclusive: 501 are read (and the empty refused)
    run = run_appraise("validate", reference_copy)
    assert run.code == 2 and run.err.count("error: the file is empty") == 498


def test_the_option_limit_is_inclusive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import appraisal.load.folder

    monkeypatch.setattr(appraisal.load.folder, "MAX_OPTIONS", 3)
    (tmp_path / "criteria.yaml").write_text("title: T\ncriteria: [{id: a, name: A, weight: 1}]\n")
    for i in range(3):
        (tmp_path / "options" / f"o{i}.yaml").parent.mkdir(exist_ok=True)
        (tmp_path / "options" / f"o{i}.yaml").write_text(f"name: O{i}\nscores: {{a: {i}}}\n")
    assert run_appraise("score", tmp_path).code == 0
    (tmp_path / "options" / "o3.yaml").write_text("name: O3\nscores: {a: 3}\n")
    run = run_appraise("score", tmp_path)
    assert run.code == 2 and "4 option files; appraise reads at most 3" in run.err


def test_the_option_limit_holds_for_a_tree_read_from_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``diff --against REF`` reads options from git objects, not the folder: the same limit, before any blob."""
    import subprocess

    import appraisal.load.folder

    (tmp_path / "criteria.yaml").write_text("title: T\ncriteria: [{id: a, name: A, weight: 1}]\n")
    (tmp_path / "options").mkdir()
    for i in range(4):
        (tmp_path / "options" / f"o{i}.yaml").write_text(f"name: O{i}\nscores: {{a: {i}}}\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-C", str(tmp_path)]
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "four options"]):
        subprocess.run([*git, *args], check=True, capture_output=True)
    monkeypatch.setattr(appraisal.load.folder, "MAX_OPTIONS", 3)
    (tmp_path / "options" / "o3.yaml").unlink()  # the working tree is inside the limit; HEAD is not
    run = run_appraise("diff", "--against", "HEAD", tmp_path)
    assert run.code == 2
    assert run.err.strip().endswith(":options: 4 option files; appraise reads at most 3 (one file per option: "
                                    "is this the right folder?)")


def _criteria_text(count: int) -> str:
    rows = "".join(f"  - {{id: c{i}, name: C{i}, weight: 1}}\n" for i in range(count - 1))
    return "title: T\ncriteria:\n" + rows + ("  - id: parent\n    name: P\n    weight: 1\n    criteria: [{id: leaf, "
                                             "name: L, weight: 1}]\n")


def test_500_criteria_are_scored_and_501_refused(tmp_path: Path) -> None:
    """Sub-criteria count: 498 flat criteria, a parent and its one child make 500."""
    (tmp_path / "options").mkdir()
    scores = ", ".join(f"c{i}: 1" for i in range(498))
    (tmp_path / "options" / "a.yaml").write_text(f"name: A\nscores: {{{scores}, leaf: 5}}\n")
    (tmp_path / "criteria.yaml").write_text(_criteria_text(499))
    run = run_appraise("score", tmp_path, "--format", "json")
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    assert len(doc["criteria"]) == 500
    assert doc["options"][0]["total"] == pytest.approx(100 * (498 * 0.2 + 1) / 499, rel=1e-12)
    text = _criteria_text(500)
    (tmp_path / "criteria.yaml").write_text(text)
    run = run_appraise("score", tmp_path)
    expect_error(run, "criteria.yaml", line_of(text, "  - {id: c0,"),
                 "501 criteria (counting sub-criteria); appraise takes at most 500")


# --- time: a 1 MB file must not take minutes ---------------------------------------------------


def test_85000_bad_values_in_one_mapping_are_placed_quickly(tmp_path: Path) -> None:
    """Placing each problem scanned the whole mapping: 20,000 bad measures took 38 s, 85,000
    (a file just under the size limit) would take about ten minutes. Now a few seconds."""
    import time

    (tmp_path / "options").mkdir()
    (tmp_path / "criteria.yaml").write_text("title: T\ncriteria: [{id: a, name: A, weight: 1}]\n")
    text = "name: A\nscores: {a: 1}\nmeasures:\n" + "".join(f"  m{i}: x\n" for i in range(85_000))
    (tmp_path / "options" / "a.yaml").write_text(text)
    start = time.perf_counter()
    run = run_appraise("score", tmp_path)
    assert time.perf_counter() - start < 30
    lines = run.err.splitlines()
    assert run.code == 2 and len(lines) == 85_000
    assert lines[-1].endswith(f"a.yaml:{3 + 85_000}:{len('  m84999: ') + 1}: error: 'm84999' must be a number, not 'x'")


def test_no_name_is_suggested_from_thousands(tmp_path: Path) -> None:
    """'did you mean' compared each missing measure with every given one (about a second each
    among 50,000): 100 criteria asking for missing measures took minutes per option."""
    import time

    (tmp_path / "options").mkdir()
    (tmp_path / "criteria.yaml").write_text("title: T\ncriteria:\n" + "".join(
        f"  - {{id: c{i}, name: C{i}, weight: 1, measure: measure_x{i}}}\n" for i in range(100)))
    (tmp_path / "options" / "a.yaml").write_text(
        "name: A\nmeasures:\n" + "".join(f"  measure_{i}: 1\n" for i in range(50_000)))
    start = time.perf_counter()
    run = run_appraise("score", tmp_path)
    assert time.perf_counter() - start < 30
    assert run.code == 2 and run.err.count("error: missing measure 'measure_x") == 100
    assert "did you mean" not in run.err


# --- text that would act on a terminal --------------------------------------------------------


@pytest.mark.parametrize("char", ["\\e", "\\x9b", "\\a", "\\0", "\\r", "\\u202e", "\\u2066", "\\x7f"])
def test_names_with_control_characters_are_refused(reference_copy: Path, char: str) -> None:
    path = option_file(reference_copy)
    text = re.sub(r"^name: .*$", lambda m: f'name: "Tender{char}[31m two"', path.read_text(encoding="utf-8"),
                  count=1, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")
    code = yaml.safe_load(f'"{char}"')
    run = run_appraise("score", reference_copy)
    expect_error(run, "options/tender-two.yaml", line_of(text, "name: "),
                 f"'name' contains the control character U+{ord(code):04X}")


def test_messages_show_control_characters_as_escapes(reference_copy: Path) -> None:
    """A key or file name quoted in a message cannot reach the terminal raw."""
    (reference_copy / "options" / "\x1b]0;pwn\x07.yaml").write_text("name: X\n", encoding="utf-8")
    path = option_file(reference_copy)
    path.write_text(path.read_text(encoding="utf-8") + '"\\e[2Jkey": 1\n', encoding="utf-8")
    run = run_appraise("score", reference_copy)
    assert run.code == 2
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "\\x1b]0;pwn\\x07.yaml" in run.err and "unknown key '\\x1b[2Jkey'" in run.err


def test_rich_markup_in_names_is_shown_as_written(reference_copy: Path) -> None:
    from appraisal.load.folder import load
    from appraisal.render.score import to_table
    from appraisal.scoring.weighted_sum import score

    criteria = reference_copy / "criteria.yaml"
    title = "[bold red]Loud[/] [link=https://example.invalid]click[/link]"
    criteria.write_text(re.sub(r"^title: .*$", lambda m: f'title: "{title}"', criteria.read_text(encoding="utf-8"),
                               count=1, flags=re.MULTILINE), encoding="utf-8")
    run = run_appraise("score", reference_copy)  # not a terminal: the plain table
    assert run.code == 0 and title in run.out
    terminal = to_table(score(load(reference_copy)), terminal=True)  # the rich table
    plain = re.sub(r"\x1b\[[0-9;]*m", "", terminal)  # drop rich's own colours
    assert "[bold red]Loud[/]" in plain and "[link=https://example.invalid]click[/link]" in plain
    assert "\x1b]8;" not in terminal  # no hyperlink escape was made from the markup


def test_the_reference_appraisal_is_inside_every_limit() -> None:
    """A guard against a limit set so low that the bundled example trips it."""
    run = run_appraise("validate", REPO)
    assert run.code == 0, run.err


@pytest.mark.posix
@pytest.mark.parametrize("block", [0, 1])
def test_the_readme_examples_run_as_written(reference_copy: Path, block: int) -> None:
    """README.md's "Hostile and broken input" examples, each run line by line in a copy of the reference."""
    import subprocess

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Hostile and broken input", 1)[1].split("\n## ", 1)[0]
    text = section.split("```sh\n")[block + 1].split("```", 1)[0]
    commands = [line[2:] for line in text.splitlines() if line.startswith("$ ")]
    expected = [line for line in text.splitlines() if line and not line.startswith("$ ")]
    shown = []
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for command in commands:  # `appraise` as installed beside this Python (a venv need not be active)
        proc = subprocess.run(["bash", "-c", command], cwd=reference_copy, capture_output=True, text=True,
                              check=False, env=env)
        shown += (proc.stdout + proc.stderr).splitlines()
    assert shown == expected
    assert not (reference_copy / "pwned").exists()

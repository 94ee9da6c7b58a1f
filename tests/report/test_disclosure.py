"""``appraise disclosure --provider ID`` (docs/psr-notices.md): the pack for one provider's
representations holds each evaluator's scores and comments and the moderation record of that
provider and of the most suitable provider, and nothing of a third; a text naming a third provider,
however written, is refused where it is written, with nothing written; refusals of a bad provider,
the winner, an output inside the inputs and an appraisal without a panel."""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import psr_case
from conftest import run_appraise, write_yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from appraisal.check.names import ORDINARY


def pack_text(out: Path, provider: str = "beta") -> str:
    import docx

    md = (out / f"{provider}-disclosure.md").read_text(encoding="utf-8")
    word = docx.Document(str(out / f"{provider}-disclosure.docx"))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    return md + "\n" + "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_pack_holds_both_evaluations_by_evaluator_name_and_nothing_of_the_third(tmp_path: Path) -> None:
    folder = psr_case.folder(tmp_path / "a")
    run = run_appraise("disclosure", folder, "--provider", "beta", "--output-dir", tmp_path / "out")
    assert run.code == 0, run.err
    text = pack_text(tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["beta-disclosure.docx", "beta-disclosure.md"]
    assert "## Beta Healthcare Ltd (Beta Healthcare Ltd offer)" in text
    assert "## The most suitable provider: Alpha Community Health CIC (Alpha Community Health CIC offer)" in text
    # hand-worked: Ann gives the agreed score, Cat one less, Bob did not score beta (his declared interest)
    assert "| Ann Able | 3 of 5 | Ann Able on beta model: the plan was read in full. |" in text
    assert "| Bob Best | did not score |  |" in text
    assert "| Cat Cole | 2 of 5 | Cat Cole on beta model: the plan was read in full. |" in text
    assert "| Bob Best | 5 of 5, Excellent | Bob Best on alpha model: the plan was read in full. |" in text
    assert "**Moderation note:** The panel agreed 4 after discussing the model plan." in text
    assert "Price" not in text.split("## Beta")[1]  # a formula's criterion holds no evaluator's judgement
    for detail in ("Gamma", "Meadow", "gamma", "GB-CHC-GA000003", "bids@gamma.example", "3 Mill Lane", "WR11 3CC"):
        assert detail.lower() not in text.lower(), detail


def test_same_bytes_each_run(tmp_path: Path) -> None:
    folder = psr_case.folder(tmp_path / "a")
    for out in ("one", "two"):
        assert run_appraise("disclosure", folder, "-p", "gamma", "--output-dir", tmp_path / out).code == 0
    for name in ("gamma-disclosure.md", "gamma-disclosure.docx"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def plant(folder: Path, where: str, mention: str, options: dict[str, Any] | None = None) -> str:
    """Write ``mention`` into one text the beta pack holds; return the file it is in."""
    options = options or psr_case.OPTIONS
    if where == "comment":
        ann = psr_case.assessment("ann", options)
        ann["scores"]["beta"]["access"]["rationale"] = f"Stronger outreach than {mention} in the north."
        write_yaml(folder / "assessments" / "ann.yaml", ann)
        return "assessments/ann.yaml"
    option = "alpha" if where == "rationale" else "beta"
    data = copy.deepcopy(options[option])
    key = "rationale" if where == "rationale" else "moderation"
    data["scores"]["integration"][key] = f"Agreed after comparing with {mention}."
    write_yaml(folder / "options" / f"{option}.yaml", data)
    return f"options/{option}.yaml"


def test_a_third_provider_named_in_a_comment_is_refused_where_it_is_written(tmp_path: Path) -> None:
    folder = psr_case.folder(tmp_path / "a")
    plant(folder, "comment", "Gamma Meadow Trust")
    out = tmp_path / "out"
    run = run_appraise("disclosure", folder, "--provider", "beta", "--output-dir", out)
    assert run.code == 2 and not out.exists()
    [error] = [line for line in run.err.splitlines() if ": error: " in line]
    assert re.match(r".*/assessments/ann\.yaml:\d+:\d+: error: Ann Able's comment on Beta Healthcare Ltd offer's "
                    r"'Reaching every family' names another provider \('Gamma Meadow Trust', the name of Gamma "
                    r"Meadow Trust\)", error)
    # gamma's own pack does not hold beta's evaluation, so the comment is not in it
    assert run_appraise("disclosure", folder, "--provider", "gamma", "--output-dir", out).code == 0


WORD = st.text(alphabet="bcdfghjklmnpqrstvwz", min_size=2, max_size=3).flatmap(
    lambda c: st.just(c[0].upper() + "a" + c[1:] + "ora"))
"""A made-up word: capitalised, five or six letters, never an ordinary word of organisations' names."""


def spelt(text: str, how: str) -> str:
    """``text`` as a reader still reads it: in other case, with a zero-width space, or broken over a line."""
    if how == "upper":
        return text.upper()
    if how == "hidden":
        return text[:2] + "\u200b" + text[2:]
    if how == "wrapped":
        return text.replace(" ", "\n    ", 1)
    return text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=WORD, second=WORD, what=st.sampled_from(["name", "word", "email", "identifier", "id"]),
       how=st.sampled_from(["plain", "upper", "hidden", "wrapped"]),
       where=st.sampled_from(["comment", "rationale", "moderation"]))
def test_no_third_provider_detail_reaches_a_pack_however_written(first: str, second: str, what: str, how: str,
                                                                  where: str) -> None:
    assume(first != second and first.lower() not in ORDINARY and second.lower() not in ORDINARY)
    root = Path(tempfile.mkdtemp(prefix="disclosure-"))
    try:
        options: dict[str, Any] = copy.deepcopy(psr_case.OPTIONS)
        name = f"{first} {second} Trust"
        options["gamma"]["supplier"].update(name=name, email=f"bids@{first.lower()}.example",
                                            identifier=f"GB-CHC-{second.upper()}9")
        folder = psr_case.folder(root / "a", options=options)
        clean = run_appraise("disclosure", folder, "-p", "beta", "--output-dir", root / "clean")
        assert clean.code == 0, clean.err
        text = pack_text(root / "clean").lower()
        for detail in (first, second, "gamma", f"bids@{first.lower()}.example", f"GB-CHC-{second.upper()}9"):
            assert detail.lower() not in text
        mention = {"name": name, "word": first, "email": f"bids@{first.lower()}.example",
                   "identifier": f"GB-CHC-{second.upper()}9", "id": "gamma"}[what]
        file = plant(folder, where, spelt(mention, how) if what in ("name", "word") else mention, options)
        run = run_appraise("disclosure", folder, "-p", "beta", "--output-dir", root / "out")
        assert run.code == 2, (what, how, where)
        assert not (root / "out").exists()
        assert re.search(re.escape(file) + r":\d+:\d+: error: .*names another provider", run.err), run.err
    finally:
        shutil.rmtree(root)


def test_refusals_are_each_explained_and_write_nothing(tmp_path: Path) -> None:
    folder = psr_case.folder(tmp_path / "a")
    out = tmp_path / "out"
    run = run_appraise("disclosure", folder, "-p", "bet", "--output-dir", out)
    assert run.code == 2 and "no provider of that id was assessed (did you mean 'beta'?)" in run.err
    run = run_appraise("disclosure", folder, "-p", "alpha", "--output-dir", out)
    assert run.code == 2 and "that is the most suitable provider" in run.err and "(beta or gamma)" in run.err
    run = run_appraise("disclosure", folder, "-p", "beta", "--output-dir", folder / "options" / "packs")
    assert run.code == 2 and "inside the appraisal's options/ folder" in run.err
    assert not (folder / "options" / "packs").exists() and not out.exists()
    bare = psr_case.folder(tmp_path / "b", assessors=())
    run = run_appraise("disclosure", bare, "-p", "beta", "--output-dir", out)
    assert run.code == 2 and "no panel (no assessments/ folder)" in run.err and not out.exists()

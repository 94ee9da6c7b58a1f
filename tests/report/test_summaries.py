"""``appraise summaries``: each supplier's assessment summary, what it holds and what it never
holds, and the refusals that write nothing (docs/tenders.md)."""

from __future__ import annotations

import copy
import html
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from tenders_case import OPTIONS, folder

EXAMPLE = REPO / "examples" / "childrens-centre-tender"
LOCATED = re.compile(r"^\S+\.yaml:\d+:\d+: error: ", re.MULTILINE)


def write(root: Path, *extra: str) -> dict[str, str]:
    out = root.parent / f"{root.name}-out"
    run = run_appraise("summaries", root, "--output-dir", out, *extra)
    assert run.code == 0, run.err
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}


def plain(markdown: str) -> str:
    """The words of a Markdown summary, its escapes undone."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def test_one_summary_per_tender_named_by_option_id(tmp_path: Path) -> None:
    assert sorted(write(folder(tmp_path / "t"))) == ["alpha", "beta", "gamma"]


def test_an_unsuccessful_summary_holds_what_regulation_31_lists(tmp_path: Path) -> None:
    text = plain(write(folder(tmp_path / "t"))["alpha"])
    own, winner = text.split("## The most advantageous tender's assessment")
    # the supplier's name, identifier, address and email
    for field in ("**To:** Alpha Services Ltd", "**Supplier identifier:** GB-COH-0001",
                  "**Address:** 1 High Street, Town", "**Email:** bids@alpha.example"):
        assert field in own
    # the award criteria, their relative importance, how each was scored and the scores available
    assert "| 1 | Price | 30.0% | 30.00 | none | The value is the lowest annual cost" in own
    assert "| 2 | Quality | 70.0% | 70.00 | none | The weighted sum of its sub-criteria. |" in own
    assert ("| 2.1 | Method statement | 30.0% | 30.00 | 2 | Scored by the evaluation panel from 0 to 5 (1 Poor; 4 "
            "Good; 5 Excellent)") in own
    assert "| 2.2 | Staffing | 40.0% | 40.00 | none |" in own
    # its score on each criterion and sub-criterion with the explanation; sub-totals and total
    assert "| 1 | Price | £100 | 30.00 | 30.00 | Worked out from the tender's figure of £100" in own
    assert "| 2 | Quality | sub-total | 48.00 | 70.00 |" in own
    assert ("| 2.1 | Method statement | 4 of 5, Good | 24.00 | 30.00 | alpha method: the plan sets out each stage in "
            "weeks. |") in own
    assert "| 2.2 | Staffing | 3 of 5 | 24.00 | 40.00 | alpha staffing: named leads with stated hours. |" in own
    assert "| | **Total** | | **78.00** | **100** | |" in own
    assert "It ranked 2, with a total of 78.00 points out of 100." in own
    # the same for the most advantageous tender
    assert "from Gamma Trust, scored 86.00 points" in winner
    assert "| 1 | Price | £125 | 24.00 | 30.00 |" in winner
    assert "| 2 | Quality | sub-total | 62.00 | 70.00 |" in winner
    assert "| 2.1 | Method statement | 5 of 5, Excellent | 30.00 | 30.00 | gamma method" in winner
    assert "| | **Total** | | **86.00** | **100** | |" in winner
    assert "Procurement Act 2023" in own and "Procurement Regulations 2024" in own


def test_the_winner_holds_only_its_own_assessment(tmp_path: Path) -> None:
    text = plain(write(folder(tmp_path / "t"))["gamma"])
    assert "most advantageous tender, with a total of 86.00" in text
    assert "## The most advantageous tender's assessment" not in text
    assert text.count("**Total**") == 1


def test_a_disqualified_summary_says_which_threshold_it_failed(tmp_path: Path) -> None:
    text = plain(write(folder(tmp_path / "t"))["beta"])
    assert ("disqualified and is not ranked, because it did not meet: Threshold on Method statement "
            "(at least 2). Its total of 76.00 points") in text
    assert "| 2.1 | Method statement | 1 of 5, Poor | 6.00 | 30.00 |" in text
    assert "from Gamma Trust, scored 86.00" in text


def secrets(options: dict[str, Any]) -> dict[str, list[str]]:
    """What each tender's summary may show only to its own supplier (and the winner's to all)."""
    return {oid: [o["supplier"]["name"], o["supplier"]["identifier"],
                  *(s["rationale"] for s in o["scores"].values())] for oid, o in options.items()}


def example_options() -> dict[str, Any]:
    import yaml

    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((EXAMPLE / "options").glob("*.yaml"))}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("case", ["small", "example"])
def test_no_summary_holds_another_unsuccessful_tender(tmp_path: Path, case: str, fmt: str) -> None:
    root, options, winner = ((folder(tmp_path / "t"), OPTIONS, "gamma") if case == "small"
                             else (EXAMPLE, example_options(), "riverside"))
    out = tmp_path / "out"
    run = run_appraise("summaries", root, "--output-dir", out, "--format", fmt)
    assert run.code == 0, run.err
    files = {p.stem: p.read_text(encoding="utf-8") for p in out.iterdir()}
    words = {k: plain(re.sub(r"<[^>]+>", " ", v)) for k, v in files.items()}
    shown = secrets(options)
    assert sorted(words) == sorted(options)
    pairs = list(itertools.permutations(options, 2))
    assert len(pairs) == len(options) * (len(options) - 1)
    for reader, other in pairs:
        if other == winner:
            # the most advantageous tender's name and explanations (not its identifier)
            assert all(s in words[reader] for s in shown[other][:1] + shown[other][2:]), (reader, other)
            continue
        for secret in shown[other]:
            assert secret not in words[reader], f"{reader}'s summary holds {other}'s {secret!r}"
    for reader in options:
        assert all(s in words[reader] for s in shown[reader])


def refused(tmp_path: Path, options: dict[str, Any]) -> str:
    root = folder(tmp_path / "t", options)
    out = tmp_path / "out"
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 2, run.out + run.err
    assert not out.exists(), "a refused run writes nothing"
    assert "Traceback" not in run.err
    assert LOCATED.search(run.err), run.err
    return run.err


def test_a_score_without_an_explanation_is_refused_where_it_is(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["scores"]["staff"] = 3
    err = refused(tmp_path, options)
    assert re.search(r"options/alpha\.yaml:\d+:\d+: error: the score of Alpha Services Ltd tender on "
                     r"'Staffing' has no explanation", err), err


def test_a_supplier_without_identifier_or_contact_is_refused_all_at_once(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    del options["beta"]["supplier"]["identifier"]
    del options["alpha"]["supplier"]["address"]
    options["gamma"]["supplier"] = {"name": "Gamma Trust", "identifier": "GB-CHC-0003"}
    err = refused(tmp_path, options)
    assert re.search(r"options/beta\.yaml:\d+:\d+: error: the supplier of Beta Care tender has no identifier", err)
    assert re.search(r"options/gamma\.yaml:\d+:\d+: error: the supplier of Gamma Trust tender has no contact", err)
    assert "alpha.yaml" not in err  # an email is contact enough
    assert err.count("error:") == 2


def test_a_tie_for_first_place_is_refused(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["costs"]["annual"] = 125
    options["alpha"]["scores"]["method"]["score"] = 5
    options["alpha"]["scores"]["staff"]["score"] = 4  # now the same as gamma: 86
    err = refused(tmp_path, options)
    assert "no single most advantageous tender: tenders tie for first place" in err


def test_nothing_ranked_is_refused(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        o["scores"]["method"]["score"] = 1
    err = refused(tmp_path, options)
    assert "no tender passes every gate and threshold, so none is ranked" in err


def test_an_explanation_naming_another_supplier_is_refused(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["scores"]["method"]["rationale"] = "Clearer than the plan from BETA CARE."
    options["gamma"]["scores"]["staff"]["rationale"] = "Leads as named; see gb-coh-0001 for the rest."
    err = refused(tmp_path, options)
    assert re.search(r"options/alpha\.yaml:\d+:\d+: error: .*names another supplier "
                     r"\('Beta Care', the name of Beta Care\)", err), err
    assert re.search(r"options/gamma\.yaml:\d+:\d+: error: .*names another supplier "
                     r"\('GB-COH-0001', the identifier of Alpha Services Ltd\)", err), err


def test_a_supplier_name_inside_a_longer_word_is_not_a_leak(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["beta"]["supplier"]["name"] = "Alph"
    options["gamma"]["scores"]["staff"]["rationale"] = "Alphabetical rota of named leads."
    assert sorted(write(folder(tmp_path / "t", options))) == ["alpha", "beta", "gamma"]


def test_comparative_wording_is_a_warning_and_the_summaries_are_written(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["gamma"]["scores"]["method"]["rationale"] = "The strongest plan, better than most."
    root = folder(tmp_path / "t", options)
    out = tmp_path / "out"
    run = run_appraise("summaries", root, "--output-dir", out)
    assert run.code == 0, run.err
    assert re.search(r"options/gamma\.yaml:\d+:\d+: warning: .*compares tenders "
                     r"\('the strongest', 'better than'\)", run.err)
    assert sorted(p.name for p in out.iterdir()) == ["alpha.md", "beta.md", "gamma.md"]


def test_an_appraisal_without_suppliers_is_refused(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    run = run_appraise("summaries", folder(tmp_path / "t", options), "--output-dir", tmp_path / "out")
    assert run.code == 2 and "has no tenders" in run.err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_summaries_are_the_same_bytes_each_run(tmp_path: Path, fmt: str) -> None:
    root = folder(tmp_path / "t")
    runs = []
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert run_appraise("summaries", root, "--output-dir", out, "--format", fmt).code == 0
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0] == runs[1]
    assert sorted(runs[0]) == [f"{o}.{ {'markdown': 'md'}.get(fmt, fmt)}" for o in ("alpha", "beta", "gamma")]


def test_the_word_summary_holds_the_same_words(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_appraise("summaries", folder(tmp_path / "t"), "--output-dir", out, "-f", "docx").code == 0
    with zipfile.ZipFile(out / "beta.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    words = html.unescape(re.sub(r"<[^>]+>", "", xml))
    assert "Beta Care" in words and "GB-COH-0002" in words and "Gamma Trust" in words
    assert "Alpha Services Ltd" not in words and "alpha method" not in words


def test_the_readme_summaries_commands_run(tmp_path: Path) -> None:
    import shutil

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### summaries"):readme.index("### panel")]
    lines = [line.split("#")[0].strip() for line in block.splitlines() if line.startswith("appraise ")]
    assert len(lines) == 2
    shutil.copytree(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    for line in lines:
        run = run_appraise(*line.split()[1:], cwd=tmp_path)
        assert run.code == 0, (line, run.err)
    assert sorted(p.name for p in (tmp_path / "summaries").iterdir()) == [
        f"{o}.{ext}" for o in ("brightstart", "meadow", "northgate", "riverside") for ext in ("docx", "md")]

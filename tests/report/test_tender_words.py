"""A tender evaluation's outputs speak of tenders, never of options (docs/tenders.md, What reads
differently): a scan of every word of the report (Markdown, HTML, Word) and the command outputs,
with a short allow-list, so a sentence added later that says "option" fails here; and a few
sentences written out by hand."""

from __future__ import annotations

import copy
import html
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import REPO, run_appraise
from tenders_case import OPTIONS, folder

EXAMPLE = REPO / "examples" / "childrens-centre-tender"

OPTION_WORD = re.compile(r"\boptions?\b", re.IGNORECASE)

ALLOWED = (
    "the option files in name order",  # provenance: the files of the options/ folder
    "options/",  # the folder's name, in the digest command and the file list
)
"""Where the word is right in a tender evaluation: the names of the input files."""


def leftovers(text: str) -> list[str]:
    """Each "option" or "options" not inside an allowed phrase, with the words around it."""
    for phrase in ALLOWED:
        text = text.replace(phrase, " ")
    return [text[max(0, m.start() - 60):m.end() + 30] for m in OPTION_WORD.finditer(text)]


def html_words(page: str) -> str:
    """What a reader meets in an HTML page: its text, the print footer and the alternative texts,
    without the markup (class names and anchors such as ``option-riverside`` are not words)."""
    footer = re.findall(r'content: "([^"]*)"', page)
    labels = re.findall(r'(?:aria-label|alt|title)="([^"]*)"', page)
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
    return " ".join([html.unescape(re.sub(r"<[^>]+>", " ", page)), *footer, *labels])


def docx_words(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, its pictures' titles and alt texts,
    and its keywords."""
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    for section in document.sections:
        texts += [p.text for p in section.footer.paragraphs]
    texts += [v for pic in document.element.body.xpath(".//wp:docPr") for k, v in pic.attrib.items()
              if k in ("title", "descr")]
    return " ".join([*texts, document.core_properties.keywords])


def report_words(root: Path, tmp_path: Path) -> dict[str, str]:
    """The report of ``root`` in each format, as the words a reader meets."""
    out = {}
    for fmt in ("md", "html", "docx"):
        path = tmp_path / f"report.{fmt}"
        run = run_appraise("report", root, "--output", path)
        assert run.code == 0, run.err
        out[fmt] = (path.read_text(encoding="utf-8") if fmt == "md" else
                    html_words(path.read_text(encoding="utf-8")) if fmt == "html" else docx_words(path.read_bytes()))
    return out


def _variant(name: str) -> dict[str, dict[str, Any]]:
    """The small tender case, as it is or changed so the report says its other sentences."""
    options = copy.deepcopy(OPTIONS)
    if name == "none ranked":  # every tender below the method threshold
        for o in options.values():
            o["scores"]["method"]["score"] = 1
    if name == "tie":  # alpha scored as gamma, at gamma's price
        options["alpha"]["scores"] = copy.deepcopy(options["gamma"]["scores"])
        options["alpha"]["costs"] = {"annual": 125}
    return options


@pytest.mark.parametrize("case", ["example", "small", "none ranked", "tie"])
def test_no_word_of_a_tender_evaluations_report_says_option(tmp_path: Path, case: str) -> None:
    root = EXAMPLE if case == "example" else folder(tmp_path / "t", _variant(case))
    for fmt, text in report_words(root, tmp_path).items():
        assert leftovers(text) == [], fmt


@pytest.mark.parametrize("case", ["small", "none ranked", "tie"])
def test_no_command_output_of_a_tender_evaluation_says_option(tmp_path: Path, case: str) -> None:
    root = folder(tmp_path / "t", _variant(case))
    changed = folder(tmp_path / "u", _variant("small" if case != "small" else "tie"))
    for args in (["score"], ["score", "--format", "markdown"], ["sensitivity", "--samples", "200"],
                 ["sensitivity", "--samples", "200", "--format", "markdown"], ["vfm", "--against", "next-cheapest"],
                 ["vfm", "--against", "next-cheapest", "--format", "markdown"],
                 ["diff", root, changed], ["diff", root, changed, "--format", "markdown"]):
        run = run_appraise(*args) if args[0] == "diff" else run_appraise(args[0], root, *args[1:])
        assert run.code in (0, 1), run.err
        assert leftovers(run.out) == [], args


def test_the_moderation_pack_of_a_tender_panel_says_tender() -> None:
    for fmt in ("table", "markdown"):
        run = run_appraise("panel", EXAMPLE, "--format", fmt)
        assert run.code == 0, run.err
        assert leftovers(run.out) == [], fmt
        assert ("| Tender | Criterion | Scores |" if fmt == "markdown" else "tender ") in run.out


def test_without_suppliers_the_same_report_still_says_option(tmp_path: Path) -> None:
    """The scan can fail: the same folder without suppliers is an options appraisal."""
    options = copy.deepcopy(OPTIONS)
    for o in options.values():
        del o["supplier"]
    words = report_words(folder(tmp_path / "t", options), tmp_path)
    for text in words.values():
        assert leftovers(text)
        assert "tender evaluation" not in text
    assert ("**Preferred option: Gamma Trust tender** (86.00 points out of 100, 8.00 ahead of the "
            "runner-up)") in words["md"]


def test_the_recommendation_names_the_most_advantageous_tender(tmp_path: Path) -> None:
    # hand-worked in tenders_case.OPTIONS: gamma 86, alpha 78; beta 76 but below the method threshold
    run = run_appraise("report", folder(tmp_path / "t"))
    assert run.code == 0, run.err
    assert ("**Most advantageous tender: Gamma Trust tender** (86.00 points out of 100, 8.00 ahead of the "
            "runner-up)") in run.out
    assert ("The most advantageous tender is Gamma Trust tender, with 86.00 points out of 100: 8.00 points ahead "
            "of the runner-up, Alpha Services Ltd tender (78.00).") in run.out
    assert "This tender fails a gate, so it is not ranked (its total shows what it would have scored):" in run.out
    assert "- **Tender id:** gamma" in run.out
    # gamma's price 125 against the lowest price among the tenders that pass, alpha's 100: 80%
    assert ("Annual cost £125: 80% of the best score, under the relative price formula (the lowest annual cost, "
            "£100, divided by this tender's).") in run.out
    assert ("Annual cost £100: 100% of the best score under the relative formula, as no tender that passes "
            "every gate has a lower annual cost.") in run.out
    assert ("A tender that fails any gate keeps its total, so the committee can see what it would have "
            "scored, but it is not ranked and cannot be most advantageous.") in run.out


def test_with_no_tender_ranked_the_report_says_there_is_no_most_advantageous_tender(tmp_path: Path) -> None:
    run = run_appraise("report", folder(tmp_path / "t", _variant("none ranked")))
    assert run.code == 0, run.err
    assert "**No most advantageous tender: no tender passes every gate.**" in run.out
    assert ("These tenders fail a gate, so they are not ranked (their totals show what they would have "
            "scored):") in run.out
    score = run_appraise("score", folder(tmp_path / "u", _variant("none ranked")))
    assert "No tender passes every gate, so none is ranked and there is no most advantageous tender." in score.out


def test_a_tie_is_no_single_most_advantageous_tender(tmp_path: Path) -> None:
    # alpha now scores as gamma at gamma's price: both 30 + 30 + 40 x 0.8 = 92
    run = run_appraise("report", folder(tmp_path / "t", _variant("tie")))
    assert run.code == 0, run.err
    assert "**No single most advantageous tender: there is a tie for first place.**" in run.out
    assert ("There is no single most advantageous tender: Alpha Services Ltd tender and Gamma Trust tender tie "
            "for first place with 92.00 points each out of 100.") in run.out


def test_the_score_headline_names_the_most_advantageous_tender(tmp_path: Path) -> None:
    run = run_appraise("score", folder(tmp_path / "t"))
    assert ("Most advantageous: Gamma Trust tender (gamma) with 86.00, 8.00 points ahead of Alpha Services Ltd "
            "tender (alpha).") in run.out


def test_the_summaries_explain_the_price_formula_in_terms_of_tenders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = run_appraise("summaries", folder(tmp_path / "t"), "--output-dir", out)
    assert run.code == 0, run.err
    for path in sorted(out.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert ("The value is the lowest annual cost among the tenders that pass every gate (or among all assessed "
                "tenders when none passes) divided by the tender's own annual cost") in text
        assert leftovers(text) == [], path.name

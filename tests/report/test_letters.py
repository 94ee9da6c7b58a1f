"""The assessment summaries are letters (contract sections 12, 17 and 18; docs/tenders.md): dated
by the folder (never the clock), with the procurement's reference, whom to contact and the
standstill's dates; and under the Provider Selection Regime the letters to the providers whose
offers were not chosen, in its words, never naming another provider. Dates worked out by hand."""

from __future__ import annotations

import copy
import datetime as dt
import html
import itertools
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import make_appraisal, run_appraise
from tenders_case import CRITERIA, LETTERS, OPTIONS, folder


def criteria(**award: Any) -> dict[str, Any]:
    out = copy.deepcopy(CRITERIA)
    out["award"] = {k: v for k, v in {**LETTERS, **award}.items() if v is not None}
    return out


def written(root: Path, *extra: str, fmt: str = "markdown") -> dict[str, str]:
    out = root.parent / f"{root.name}-{fmt}"
    run = run_appraise("summaries", root, "--output-dir", out, "--format", fmt, *extra)
    assert run.code == 0, run.err
    if fmt == "docx":
        return {p.stem: words_of_docx(p) for p in sorted(out.iterdir())}
    return {p.stem: html.unescape(re.sub(r"\\(.)", r"\1", p.read_text(encoding="utf-8")))
            for p in sorted(out.iterdir())}


def words_of_docx(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml)))


def refused(root: Path, *extra: str) -> str:
    out = root.parent / "out"
    run = run_appraise("summaries", root, "--output-dir", out, *extra)
    assert run.code == 2, run.out + run.err
    assert not out.exists(), "a refused run writes nothing"
    assert "Traceback" not in run.err
    return run.err


def line_of(root: Path, key: str) -> int:
    """The line of ``key:`` in criteria.yaml (1-based), to check where a message points."""
    lines = (root / "criteria.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(f"{key}:"))


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_each_letter_is_dated_with_the_reference_and_contact(tmp_path: Path, fmt: str) -> None:
    for text in written(folder(tmp_path / "t"), fmt=fmt).values():
        assert "23 February 2026" in text
        assert "EC-2026-014" in text
        assert "Procurement team, procurement@example.gov.uk" in text


def test_the_word_file_is_dated_by_the_letter(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_appraise("summaries", folder(tmp_path / "t"), "--output-dir", out, "-f", "docx").code == 0
    with zipfile.ZipFile(out / "alpha.docx") as docx:
        core = docx.read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2026-02-23T00:00:00Z"), ("modified", "2026-02-23T00:00:00Z")]


def test_without_summaries_sent_the_date_option_dates_the_letters(tmp_path: Path) -> None:
    root = make_appraisal(tmp_path / "t", criteria(summaries_sent=None), copy.deepcopy(OPTIONS))
    assert "2 March 2026" in written(root, "--date", "2026-03-02")["alpha"]


def test_an_undated_letter_is_refused_where_the_date_belongs(tmp_path: Path) -> None:
    root = make_appraisal(tmp_path / "t", criteria(summaries_sent=None), copy.deepcopy(OPTIONS))
    err = refused(root)
    assert re.search(rf"criteria\.yaml:{line_of(root, 'award')}:\d+: error: the letters are not dated: add "
                     r"'summaries_sent: YYYY-MM-DD' under 'award:'", err), err
    assert "--date" in err


def test_no_award_block_names_all_it_needs_at_once(tmp_path: Path) -> None:
    err = refused(make_appraisal(tmp_path / "t", copy.deepcopy(CRITERIA), copy.deepcopy(OPTIONS)))
    assert err.count("error:") == 3, err
    for needed in ("summaries_sent: YYYY-MM-DD", "'reference:'", "'contact: {name: ..., email: ...}'"):
        assert needed in err
    assert all(line.startswith(str(tmp_path)) and "criteria.yaml:" in line for line in err.splitlines())


def test_a_date_option_other_than_the_folders_is_refused(tmp_path: Path) -> None:
    root = folder(tmp_path / "t")
    err = refused(root, "--date", "2026-02-25")
    assert re.search(rf"criteria\.yaml:{line_of(root, 'summaries_sent')}:\d+: error: --date 2026-02-25 is not the "
                     r"day criteria.yaml says the summaries are sent \(2026-02-23\)", err), err


def test_a_date_option_after_the_notice_is_refused(tmp_path: Path) -> None:
    root = make_appraisal(tmp_path / "t", criteria(summaries_sent=None, notice_published=dt.date(2026, 2, 24)),
                          copy.deepcopy(OPTIONS))
    err = refused(root, "--date", "2026-02-25")
    assert re.search(rf"criteria\.yaml:{line_of(root, 'notice_published')}:\d+: error: --date 2026-02-25 is after "
                     r"the notice is published", err), err


def test_an_unreadable_date_option_is_a_usage_error(tmp_path: Path) -> None:
    run = run_appraise("summaries", folder(tmp_path / "t"), "--output-dir", tmp_path / "o", "--date", "2026-02-30")
    assert run.code == 2 and "Traceback" not in run.err
    assert "Invalid value for '--date': '2026-02-30' is not a date: write it YYYY-MM-DD" in run.err


def test_before_the_notice_is_dated_the_letter_says_how_standstill_runs(tmp_path: Path) -> None:
    text = written(folder(tmp_path / "t"))["alpha"]
    assert ("standstill period of 8 working days beginning with the day the contract award notice is published "
            "(Procurement Act 2023, s.51)") in text


@pytest.mark.parametrize(("published", "regime", "sent", "expected"), [
    # Procurement Act, s.51 (days counted by hand in tests/check/test_standstill.py): Mon 21 Dec 2026 is day 1;
    # Christmas, Boxing Day's substitute (Mon 28), New Year and Scotland's 2 January substitute (Mon 4) are
    # skipped: day 8 is Tue 5 January 2027, and the contract may be entered into on Wed 6 January
    ("2026-12-21", "procurement_act", "2026-12-18",
     ["The contract award notice is published on Monday 21 December 2026",
      "ends at midnight at the end of Tuesday 5 January 2027",
      "The contract will not be entered into before Wednesday 6 January 2027."]),
    # Provider Selection Regime, regulation 12: notice Wed 1 April 2026, standstill begins Thu 2 April; counted
    # from Fri 3: Good Friday (3), the weekend and Easter Monday (6) skipped, Tue 7 to Thu 16 April are the
    # 8 working days
    ("2026-04-01", "psr", "2026-04-01",
     ["The notice of intention to award the contract is published on Wednesday 1 April 2026",
      "the standstill period begins on Thursday 2 April 2026 (regulation 12(2))",
      "before midnight at the end of Thursday 16 April 2026",
      "The contract will not be entered into before Friday 17 April 2026."]),
])
def test_the_standstill_dates_around_the_holidays(tmp_path: Path, published: str, regime: str, sent: str,
                                                   expected: list[str]) -> None:
    dates = {"summaries_sent": dt.date.fromisoformat(sent), "notice_published": dt.date.fromisoformat(published)}
    if regime == "psr":  # the letters go to the providers not chosen: harbour's
        frame, options, reader = copy.deepcopy(PSR_CRITERIA), PROVIDERS, "harbour"
        frame["award"].update(dates)
    else:
        frame, options, reader = criteria(**dates), OPTIONS, "alpha"
    root = make_appraisal(tmp_path / "t", frame, copy.deepcopy(options))
    for fmt in ("markdown", "docx"):
        text = " ".join(written(root, fmt=fmt)[reader].split())
        for sentence in expected:
            assert sentence in text, (fmt, sentence)


def test_a_standstill_past_the_bank_holidays_known_is_refused(tmp_path: Path) -> None:
    root = make_appraisal(tmp_path / "t", criteria(summaries_sent=dt.date(2099, 1, 5),
                                                   notice_published=dt.date(2099, 1, 6)), copy.deepcopy(OPTIONS))
    err = refused(root)
    assert re.search(rf"criteria\.yaml:{line_of(root, 'notice_published')}:\d+: error: the bank holidays", err), err


# The Provider Selection Regime: the five key criteria (regulation 5) as the top-level criteria,
# the offers scored on the same scale.
PSR_CRITERIA: dict[str, Any] = {
    "title": "Health visiting service",
    "organisation": "Example Council",
    "regime": "psr",
    "process": "competitive",
    "scale": {"min": 0, "max": 5},
    "award": {"reference": "HV-2026-01", "summaries_sent": dt.date(2026, 2, 23),
              "notice_published": dt.date(2026, 2, 24),
              "contact": {"name": "Public health commissioning", "email": "commissioning@example.gov.uk"}},
    "criteria": [
        {"id": "value", "name": "Value", "weight": 30, "measure": "annual_cost", "direction": "lower",
         "value_function": "relative"},
        {"id": "quality_innovation", "name": "Quality and innovation", "weight": 30},
        {"id": "integration", "name": "Integration, collaboration and service sustainability", "weight": 15},
        {"id": "access", "name": "Improving access, reducing health inequalities and facilitating choice",
         "weight": 15},
        {"id": "social_value", "name": "Social value", "weight": 10},
    ],
}


def provider(name: str, identifier: str, annual: float, score: float) -> dict[str, Any]:
    word = name.split(maxsplit=1)[0].lower()
    return {"name": f"{name} offer", "costs": {"annual": annual},
            "supplier": {"name": name, "identifier": identifier, "email": f"bids@{word}.example"},
            "scores": {c: {"score": score, "rationale": f"{word} on {c}: the offer sets out the service in weeks."}
                       for c in ("quality_innovation", "integration", "access", "social_value")}}


PROVIDERS = {"harbour": provider("Harbour Health CIC", "GB-COH-1001", 100, 3),
             "lantern": provider("Lantern Community Trust", "GB-CHC-1002", 90, 2),
             "orchard": provider("Orchard NHS Foundation Trust", "GB-NHS-1003", 110, 5)}
"""orchard wins (30 x 90/110 + 70 = 94.55); harbour 30 x 90/100 + 70 x 3/5 = 69; lantern 30 + 70 x 2/5 = 58."""


def test_under_the_regime_the_letters_go_to_the_providers_not_chosen_in_its_words(tmp_path: Path) -> None:
    letters = written(make_appraisal(tmp_path / "p", PSR_CRITERIA, copy.deepcopy(PROVIDERS)))
    assert sorted(letters) == ["harbour", "lantern"], "the chosen provider is not sent a letter of this kind"
    text = " ".join(letters["lantern"].split())
    assert text.startswith("# Outcome of the competitive process: Health visiting service")
    assert "**Provider identifier:** GB-CHC-1002" in text
    assert "regulation 11 of the Health Care Services (Provider Selection Regime) Regulations 2023" in text
    assert "You were not selected as the most suitable provider. Your offer ranked 3" in text
    assert "and the same for the most suitable provider's offer." in text
    assert "## The assessment of the most suitable provider's offer" in text
    assert "The most suitable provider, from Orchard NHS Foundation Trust, scored 94.55 points" in text
    assert "before midnight at the end of Monday 9 March 2026" in text  # the contract's worked example
    for word in ("supplier", "Supplier", "tender", "Procurement Act"):
        assert word not in text, word


def test_under_another_process_of_the_regime_no_letters_are_written(tmp_path: Path) -> None:
    frame = {**PSR_CRITERIA, "process": "most_suitable_provider"}
    root = make_appraisal(tmp_path / "p", frame, copy.deepcopy(PROVIDERS))
    err = refused(root)
    assert re.search(rf"criteria\.yaml:{line_of(root, 'process')}:\d+: error: 'process: most_suitable_provider': the "
                     r"letters to the providers not chosen are what the competitive process \(regulation 11\) "
                     r"requires", err), err


def test_under_the_regime_no_letter_names_another_provider_not_chosen(tmp_path: Path) -> None:
    letters = written(make_appraisal(tmp_path / "p", PSR_CRITERIA, copy.deepcopy(PROVIDERS)), fmt="docx")
    own = {oid: [o["supplier"]["name"], o["supplier"]["identifier"], o["supplier"]["email"], f"{oid} on"]
           for oid, o in PROVIDERS.items()}
    for reader, other in itertools.permutations(["harbour", "lantern"], 2):
        assert all(secret in letters[reader] for secret in own[reader])
        assert own["orchard"][0] in letters[reader] and "orchard on" in letters[reader]
        for secret in own[other]:
            assert secret not in letters[reader], (reader, secret)


def test_under_the_regime_an_explanation_naming_another_provider_is_refused(tmp_path: Path) -> None:
    providers = copy.deepcopy(PROVIDERS)
    providers["harbour"]["scores"]["access"]["rationale"] = "Clinics in more places than Lantern offers."
    root = make_appraisal(tmp_path / "p", PSR_CRITERIA, providers)
    err = refused(root)
    assert re.search(r"options/harbour\.yaml:\d+:\d+: error: the explanation of Harbour Health CIC offer's score on "
                     r"'Improving access[^']*' names another provider \('Lantern', a distinctive word of the name of "
                     r"Lantern Community Trust\); a letter would pass that to a provider who may not see it", err), err

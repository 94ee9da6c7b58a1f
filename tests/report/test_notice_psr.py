"""``appraise notice --type psr-intention|psr-record`` (docs/psr-notices.md): each item the Regulations
list, cited, filled from the folder with hand-worked figures (tests/psr_case.py); missing inputs located,
all at once, with nothing written; exempt figures withheld; the same bytes each run."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import psr_case
from conftest import run_appraise, write_yaml

SCHEDULE_10 = ["Statement of intention", "Contract title and reference", "The provider",
               "The health care services", "Framework agreement: duration and who may use it",
               "Approximate lifetime value", "The decision makers", "The decision makers' reasons, by the key criteria",
               "Declared conflicts or potential conflicts of interest", "How the conflicts of interest were managed",
               "Whether a framework agreement was used"]


def notice(folder: Path, kind: str = "psr-intention", *extra: str) -> str:
    run = run_appraise("notice", folder, "--type", kind, *extra)
    assert run.code == 0, run.err
    return run.out


def test_every_schedule_10_item_is_there_in_order_with_its_citation(tmp_path: Path) -> None:
    text = notice(psr_case.folder(tmp_path / "a"))
    headings = re.findall(r"^## (\d+)\\\. (.+) \(Schedule 10, para (\d+)\)$", text, re.M)
    assert [(int(n), title, int(para)) for n, title, para in headings] == [
        (i, t, i) for i, t in enumerate(SCHEDULE_10, 1)]
    assert "Example Council is intending to award a contract to Alpha Community Health CIC under the " \
           "Competitive Process (regulation 11)" in text
    assert "**Registered office or principal place of business:** 1 High Street, Worcester WR1 1AA" in text
    assert "**Most relevant CPV code:** 85323000-9" in text
    assert "£9,300,000, excluding VAT." in text
    assert "Illustrative figures for a test." in text.split("## 1")[0]  # the notice line under the title
    assert "[For the officer to complete: say whether a framework agreement was used" in text.replace("\\", "")


def test_the_reasons_give_each_key_criterion_its_criterion_weight_and_hand_worked_points(tmp_path: Path) -> None:
    text = notice(psr_case.folder(tmp_path / "a"))
    rows = {r[0]: r[1:] for r in re.findall(r"^\| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$", text, re.M)}
    assert rows["Quality and innovation"] == ("Quality and innovation of the service", "40.0%", "30.00", "40.00")
    assert rows["Value"] == ("Price", "20.0%", "18.00", "20.00")
    assert rows["Integration, collaboration and service sustainability"] == (
        "Working with partners", "15.0%", "12.00", "15.00")
    assert rows["Improving access, reducing health inequalities and facilitating choice"] == (
        "Reaching every family", "15.0%", "9.00", "15.00")
    assert rows["Social value"] == ("Social value", "10.0%", "8.00", "10.00")
    assert "of the 3 providers assessed, with 77.00 of 100 points" in text
    assert "**Service model:** 4 of 5, Good. The offer sets out its model plan in detail." in text


def test_decision_makers_and_only_declared_conflicts_with_how_each_was_managed(tmp_path: Path) -> None:
    text = notice(psr_case.folder(tmp_path / "a"))
    assert "- Cabinet Member for Health and Wellbeing, approved the award" in text
    conflicts = text.split("(Schedule 10, para 9)")[1].split("(Schedule 10, para 11)")[0]
    assert "| Bob Best | Public health consultant | evaluator | Former employee of Beta Healthcare Ltd (left in " \
           "2021) |" in conflicts
    assert "Did not score the Beta Healthcare Ltd offer" in conflicts
    assert "Left the meeting for the item; the deputy recommended instead" in conflicts
    assert "Ann Able" not in conflicts and "Cat Cole" not in conflicts  # "None declared" and "Nil" declare nothing


def test_standstill_dates_follow_regulation_12(tmp_path: Path) -> None:
    text = notice(psr_case.folder(tmp_path / "a"))
    assert "**Standstill begins:** Wednesday 25 February 2026" in text
    assert "before midnight at the end of Monday 9 March 2026" in text


def test_direct_award_c_lists_schedule_3s_nine_items(tmp_path: Path) -> None:
    criteria = copy.deepcopy(psr_case.CRITERIA) | {"process": "direct_award_c"}
    text = notice(psr_case.folder(tmp_path / "a", criteria))
    cited = re.findall(r"\((Schedule \d+), para (\d+)\)$", text, re.M)
    assert cited == [("Schedule 3", str(n)) for n in range(1, 10)]
    assert "to Alpha Community Health CIC under Direct Award Process C (regulation 9)" in text
    assert "## 5\\. Approximate lifetime value (Schedule 3, para 5)" in text
    assert "framework" not in text.lower()
    assert "selected Alpha Community Health CIC as the chosen provider" in " ".join(text.split())
    assert "most suitable" not in text.lower()  # Schedule 3 speaks of the chosen provider


def test_missing_inputs_are_each_located_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    criteria = copy.deepcopy(psr_case.CRITERIA)
    for key in ("reference", "description", "cpv", "decision_makers"):
        del criteria["award"][key]
    folder = psr_case.folder(tmp_path / "a", criteria)
    bob = psr_case.assessment("bob", psr_case.OPTIONS)
    del bob["managed"]
    write_yaml(folder / "assessments" / "bob.yaml", bob)
    out = tmp_path / "notice.md"
    run = run_appraise("notice", folder, "--type", "psr-intention", "-o", out)
    assert run.code == 2 and not out.exists()
    errors = [line for line in run.err.splitlines() if ": error: " in line]
    assert len(errors) == 5, run.err
    for word in ("reference:", "description:", "cpv:", "decision_makers:"):
        assert any(re.match(r".*/criteria\.yaml:\d+:\d+: error: .*" + word, e) for e in errors), word
    assert any(re.match(r".*/assessments/bob\.yaml:\d+:\d+: error: Bob Best declared an interest.*managed:", e)
               for e in errors)


def test_no_award_block_and_a_record_without_its_reason_are_located(tmp_path: Path) -> None:
    criteria = {k: v for k, v in psr_case.CRITERIA.items() if k != "award"}
    run = run_appraise("notice", psr_case.folder(tmp_path / "a", criteria), "--type", "psr-intention")
    assert run.code == 2 and re.search(r"criteria\.yaml:\d+:\d+: error: there is no 'award:'", run.err)
    criteria = copy.deepcopy(psr_case.CRITERIA)
    del criteria["award"]["process_reason"]
    folder = psr_case.folder(tmp_path / "b", criteria)
    assert run_appraise("notice", folder, "--type", "psr-intention").code == 0  # the notice does not need it
    run = run_appraise("notice", folder, "--type", "psr-record")
    assert run.code == 2 and "process_reason:" in run.err and "regulation 24" in run.err


def test_outside_the_regime_the_notice_is_refused(tmp_path: Path) -> None:
    criteria = {k: v for k, v in psr_case.CRITERIA.items() if k != "process"} | {"regime": "procurement_act"}
    criteria["criteria"] = [{k: v for k, v in c.items() if k != "key_criterion"} for c in criteria["criteria"]]
    run = run_appraise("notice", psr_case.folder(tmp_path / "a", criteria), "--type", "psr-intention")
    assert run.code == 2 and "regime: psr" in run.err


def exempt(who: str) -> dict[str, Any]:
    options = copy.deepcopy(psr_case.OPTIONS)
    options[who]["costs"]["exempt"] = True
    return options


def test_an_exempt_price_that_sets_the_best_withholds_the_winners_price_points(tmp_path: Path) -> None:
    # beta's exempt 90 is the lowest price: alpha's 18.00 = 20 x 90/100 would give it back
    text = notice(psr_case.folder(tmp_path / "a", options=exempt("beta")))
    assert "| Value | Price | 20.0% | withheld | 20.00 |" in text
    assert "18.00" not in text and "77.00" not in text
    assert "the points are withheld" in text


def test_the_record_lists_every_provider_the_process_and_the_dates(tmp_path: Path) -> None:
    text = notice(psr_case.folder(tmp_path / "a"), "psr-record")
    assert text.startswith("**OFFICIAL-SENSITIVE: record of the decision**")
    for section in ("regulation 24(a) and (c)", "regulation 24(d)", "regulation 24(f)", "regulation 21",
                    "regulation 12"):
        assert section in text
    assert "| Alpha Community Health CIC offer | 77.00 | ranked 1 |" in text
    assert "| Beta Healthcare Ltd offer | 73.00 | ranked 2 |" in text
    assert "| Gamma Meadow Trust offer | 47.00 | ranked 3 |" in text
    assert "**Why this process:** The service is new in its scope" in text
    assert "| Bob Best | Public health consultant | Former employee of Beta Healthcare Ltd (left in 2021) |" in text
    assert "| Gamma Meadow Trust offer | met |" in text  # the basic selection criterion, a gate
    assert "**Earliest day the contract may be entered into:** Tuesday 10 March 2026" in text


def test_same_bytes_each_run_in_markdown_and_word(tmp_path: Path) -> None:
    folder = psr_case.folder(tmp_path / "a")
    for kind in ("psr-intention", "psr-record"):
        made = []
        for n in (1, 2):
            out = tmp_path / f"{kind}{n}.docx"
            assert run_appraise("notice", folder, "--type", kind, "-o", out).code == 0
            made.append(out.read_bytes())
        assert made[0] == made[1]
        assert notice(folder, kind) == notice(folder, kind)


def test_the_word_notice_holds_the_same_items(tmp_path: Path) -> None:
    import docx

    out = tmp_path / "n.docx"
    assert run_appraise("notice", psr_case.folder(tmp_path / "a"), "--type", "psr-intention", "-o", out).code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    for n, title in enumerate(SCHEDULE_10, 1):
        assert f"{n}. {title} (Schedule 10, para {n})" in text


def test_words_from_the_files_stay_words_in_the_markdown(tmp_path: Path) -> None:
    options = copy.deepcopy(psr_case.OPTIONS)
    options["alpha"]["supplier"]["name"] = "**Alpha** <b>Health</b> | CIC"
    options["alpha"]["scores"]["model"]["rationale"] = "# Not a heading\n- nor a list [link](http://x.example)"
    text = notice(psr_case.folder(tmp_path / "a", options=options))
    assert "\\*\\*Alpha\\*\\* &lt;b&gt;Health&lt;/b&gt; \\| CIC" in text
    assert "<b>" not in text and "\n# Not" not in text and "\n- nor" not in text
    assert "\\[link\\]" in text


def test_what_declares_nothing() -> None:
    from appraisal.model.panel import nothing_declared

    for text in ("None declared", "none", "Nil.", "NOTHING TO DECLARE", "  None   declared "):
        assert nothing_declared(text), text
    for text in ("None declared, but my sister works for Beta", "Trustee of Gamma", "Former employee"):
        assert not nothing_declared(text), text

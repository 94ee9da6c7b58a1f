"""The moderation pack to circulate: `appraise panel --format html|docx` (docs/panel.md).

tests/data/panel-small by hand: alpha's quality (8, 6, 4, 5; range 4 reaches the divergence 4)
and beta's access (4, 1, 2, 3) are divergent; alpha's access (3, 3, 2) is close; beta's
quality (7, 7) is unanimous but its agreed 9 lies outside, so it is close too. Bob Best
declared "Former employee of the Alpha provider (left 2019)", which names Alpha.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from helpers import axe_source, axe_violations, browser, open_page  # noqa: F401 - fixtures
from hypothesis import given
from hypothesis import strategies as st

from appraisal.analysis.panel import agenda, interested, moderation_pack
from appraisal.load.folder import load
from appraisal.model.option import Option

SMALL = REPO / "tests" / "data" / "panel-small"


@pytest.fixture
def panel(tmp_path: Path) -> Path:
    dest = tmp_path / "panel"
    shutil.copytree(SMALL, dest)
    # beta's quality agreed as both assessors gave it: unanimous, to nod through
    beta = dest / "options" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("score: 9", "score: 7"), encoding="utf-8")
    return dest


def test_the_agenda_takes_divergent_then_close_then_unanimous_items(panel: Path) -> None:
    order = agenda(moderation_pack(load(panel)))
    assert [(i.option, i.criterion) for i in order.divergent] == [("alpha", "quality"), ("beta", "access")]
    assert [(i.option, i.criterion) for i in order.close] == [("alpha", "access")]
    assert [(o, [i.criterion for i in items]) for o, items in order.unanimous] == [("beta", ["quality"])]


def option(name: str, oid: str = "opt", supplier: str | None = None) -> Option:
    data: dict[str, Any] = {"id": oid, "name": name}
    if supplier:
        data["supplier"] = {"name": supplier}
    return Option.model_validate(data)


@pytest.mark.parametrize(("interests", "names"), [
    ("Former employee of the Alpha provider (left 2019)", True),
    ("None declared", False),
    ("Shareholder in alphabet inc", False),  # a word containing the name is not the name
    ("My sister works for ACME CARE", True),  # the supplier, in any case, without 'Ltd'
    ("Trustee of in-house services", True),  # the id
])
def test_a_declaration_names_an_option_by_name_id_or_supplier(interests: str, names: bool) -> None:
    assert interested(interests, option("Alpha", "in-house", "Acme Care Ltd")) is names


@given(st.text(min_size=0, max_size=60))
def test_a_declaration_that_quotes_the_name_always_names_it(text: str) -> None:
    alpha = option("Alpha Trust", "alpha-trust")
    assert interested(f"{text} (Alpha Trust) {text}", alpha)
    assert interested(text, alpha) == bool(re.search(r"(?<!\w)alpha[ -]trust(?!\w)", text, re.IGNORECASE))


def test_the_html_pack_names_people_flags_interests_and_puts_divergent_items_first(panel: Path,
                                                                                  tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    run = run_appraise("panel", panel, "--output", out)
    assert run.code == 0, run.err
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert "OFFICIAL-SENSITIVE" in html
    whole = " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())
    text = whole.split("The panel", 2)[2]  # after the contents
    assert (text.index("1. Alpha: Quality") < text.index("2. Beta: Access") < text.index("Close scores: to agree")
            < text.index("Scores every assessor gave alike: to nod through"))
    assert ("Scores from 4 (Cat Cole) to 8 (Ann Able): a range of 4, where 4 counts as divergent; median 5.5."
            in text)
    assert "Ann Able 8 Strong staffing plan." in text and "Dan Dee 5 (no rationale given)" in text
    assert "Ann Able 3, Bob Best 3, Cat Cole 2" in text  # the close item's scores, by name
    assert ("Bob Best declared “Former employee of the Alpha provider (left 2019)”, which names Alpha: decide "
            "before the meeting whether Bob Best takes part in the items on it.") in whole
    assert text.count("Declared interest: Bob Best declares an interest naming Alpha.") == 2  # beside both items
    assert not re.search(r"\b(ann|bob|cat|dan)\b", whole)  # never the assessors' ids


def test_the_word_pack_has_the_same_content_headings_in_order_and_the_marking(panel: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "pack.docx"
    run = run_appraise("panel", panel, "--format", "docx", "--output", out)
    assert run.code == 0, run.err
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        ("Title", "Moderation pack"), ("Heading 1", "The panel"), ("Heading 1", "Divergent scores: to discuss"),
        ("Heading 2", "1. Alpha: Quality"), ("Heading 2", "2. Beta: Access"), ("Heading 1", "Close scores: to agree"),
        ("Heading 1", "Scores every assessor gave alike: to nod through"), ("Heading 2", "Beta"),
    ]
    assert doc.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert doc.core_properties.title == "Moderation pack: Day service options"
    views = doc.tables[1]
    assert [c.text for c in views.rows[0].cells] == ["Assessor", "Score", "Rationale"]
    assert [c.text for c in views.rows[1].cells] == ["Ann Able", "8", "Strong staffing plan."]
    assert views.rows[0]._tr.trPr.xpath("./w:tblHeader")  # repeats on each page
    again = tmp_path / "again.docx"
    assert run_appraise("panel", panel, "--output", again).code == 0
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.browser
def test_the_html_pack_meets_wcag_22_aa_in_a_browser(browser: Any, axe_source: str, panel: Path,  # noqa: F811
                                                     tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    assert run_appraise("panel", panel, "--output", out).code == 0
    context, page, outside = open_page(browser, out)
    assert axe_violations(page, axe_source) == [] and outside == []
    context.close()

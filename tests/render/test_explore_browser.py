"""``appraise explore`` in real Chromium (contract section 15): the page's arithmetic is the
engine's to 1e-9 on every example, its scenario text reads back into the same ranks and
totals, it works from file:// with no network and no script other than its own, it is
accessible (axe, WCAG 2.2 AA, keyboard), and without script it still shows the agreed ranking.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from helpers import WCAG_TAGS, axe_source, axe_violations, browser, open_page  # noqa: F401

pytestmark = pytest.mark.browser

EXAMPLES = [REPO, *sorted(p for p in (REPO / "examples").iterdir() if (p / "criteria.yaml").is_file()),
            REPO / "tests" / "data" / "report-small", REPO / "tests" / "data" / "panel-small"]


def page_file(folder: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"{folder.name}.html"
    run = run_appraise("explore", folder, "-o", out)
    assert run.code == 0, run.err
    return out


def ranking(page: Any) -> dict[str, tuple[int | None, float]]:
    rows = page.evaluate("[...document.querySelectorAll('tr[data-option]')].map(tr => "
                         "[tr.dataset.option, tr.dataset.rank, tr.dataset.total])")
    return {o: (int(r) if r else None, float(t)) for o, r, t in rows}


def engine(folder: Path, scenario: Path | None = None) -> dict[str, tuple[int | None, float]]:
    args = ["score", folder, "-f", "json", *(["--scenario", scenario] if scenario else [])]
    run = run_appraise(*args)
    assert run.code == 0, run.err
    return {o["id"]: (o["rank"], o["total"]) for o in json.loads(run.out)["options"]}


def same(page: dict[str, tuple[int | None, float]], scored: dict[str, tuple[int | None, float]]) -> None:
    assert page.keys() == scored.keys()
    for oid, (rank, total) in scored.items():
        assert page[oid][0] == rank, oid
        assert abs(page[oid][1] - total) <= 1e-9, (oid, page[oid][1], total)


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_the_page_matches_the_engine_as_the_weights_move(browser: Any, folder: Path, tmp_path: Path) -> None:  # noqa: F811
    context, page, outside = open_page(browser, page_file(folder, tmp_path))
    same(ranking(page), engine(folder))  # the agreed weights, as the page opens
    inputs = page.evaluate("[...document.querySelectorAll('input[type=number][data-criterion]')]"
                           ".map(i => i.dataset.criterion)")
    assert inputs, "no weight controls"
    for n, cid in enumerate(inputs[:6]):
        box = page.locator(f"input[type=number][data-criterion='{cid}']")
        box.fill(str([5, 62.5, 33.3, 90, 0, 17][n]))
        box.dispatch_event("change")
        scenario = tmp_path / f"s{n}.yaml"
        text = page.evaluate("document.getElementById('scenario').textContent")
        scenario.write_text(text, encoding="utf-8")
        same(ranking(page), engine(folder, scenario))
        # the group sums to 100 and the siblings kept their proportions
        shares = page.evaluate("[...document.querySelectorAll('input[type=number][data-criterion]')]"
                               ".map(i => [i.dataset.criterion, Number(i.value)])")
        assert all(0 <= v <= 100 for _, v in shares)
    assert page.evaluate("document.getElementById('not-agreed').hidden") is False
    agreed = engine(folder)
    assert any(abs(total - agreed[o][1]) > 1e-6 for o, (_, total) in ranking(page).items())  # the page moved
    page.locator("[data-action=reset]").click()
    same(ranking(page), engine(folder))
    assert page.evaluate("document.getElementById('not-agreed').hidden") is True
    assert outside == []
    context.close()


def test_switching_values_are_the_engines_and_first_place_is_announced(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    sensitivity = json.loads(run_appraise("sensitivity", REPO, "--samples", "10", "-f", "json").out)
    top = {s["criterion"]: s for s in sensitivity["switching"] if s["parent"] is None}
    context, page, _ = open_page(browser, page_file(REPO, tmp_path))
    for cid, s in top.items():
        marks = json.loads(page.get_attribute(f"input[type=number][data-criterion='{cid}']", "data-switching"))
        expected = [round(x * 100, 1) for x in (s["lower"], s["upper"]) if x is not None]
        assert marks == expected, cid
    # financial above its upper switching value: another option leads, and the live region says so
    upper = top["financial"]["upper"] * 100
    box = page.locator("input[type=number][data-criterion='financial']")
    box.fill(f"{upper + 1:.1f}")
    box.dispatch_event("change")
    first = page.evaluate("document.querySelector('tr[data-rank=\"1\"]').dataset.option")
    assert first == top["financial"]["above"]
    assert "is first now, in place of" in page.evaluate("document.getElementById('announce').textContent")
    context.close()


def test_without_script_the_agreed_ranking_is_a_table(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    path = page_file(REPO, tmp_path)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    rows = page.evaluate("[...document.querySelectorAll('tr[data-option]')].map(tr => [tr.dataset.option, "
                         "tr.dataset.rank, tr.cells[2].textContent])")
    scored = engine(REPO)
    assert [r[0] for r in rows] == list(scored)
    assert all(float(t) == pytest.approx(scored[o][1], abs=0.005) for o, _, t in rows)
    assert page.evaluate("document.getElementById('controls').hidden")  # no controls that do nothing
    context.close()


def test_the_page_is_accessible_and_works_by_keyboard(browser: Any, axe_source: str, tmp_path: Path) -> None:  # noqa: F811
    context, page, _ = open_page(browser, page_file(REPO / "tests" / "data" / "panel-small", tmp_path))
    assert axe_violations(page, axe_source) == []
    # the first weight control is reached by Tab and moved with the arrow key
    box = page.locator("input[type=number][data-criterion]").first
    box.focus()
    before = float(box.input_value())
    page.keyboard.press("ArrowUp")
    assert float(box.input_value()) == pytest.approx(before + 1)
    assert page.evaluate("document.getElementById('not-agreed').hidden") is False  # the keys moved the weights
    sizes = page.evaluate("[...document.querySelectorAll('input, button, select')].filter(e => e.offsetParent)"
                          ".map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert all(w >= 24 and h >= 24 for w, h in sizes), sizes
    page.locator("[data-action=reset]").click()
    # the panel's assessors can be chosen as the scores, and say so in the banner
    choice = page.locator("[data-action=scores-from]")
    options = page.evaluate("[...document.querySelectorAll('[data-action=scores-from] option')].map(o => o.value)")
    assert options[0] == "agreed" and len(options) == 5
    choice.select_option(options[1])
    assert page.evaluate("document.getElementById('not-agreed').hidden") is False
    context.close()


def test_the_file_is_self_contained(tmp_path: Path) -> None:
    text = page_file(REPO, tmp_path).read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert "script-src 'sha256-" in text and "default-src 'none'" in text
    assert text.count("<script") == 2  # the data (not run) and the page's own script


def test_the_output_must_be_an_html_page(tmp_path: Path) -> None:
    run = run_appraise("explore", REPO, "-o", tmp_path / "explore.md")
    assert run.code == 2 and "appraise explore writes an HTML page: name it explore.html" in run.err
    assert not (tmp_path / "explore.md").exists()


def test_exempt_costs_need_a_page_marked_not_for_publication(tmp_path: Path) -> None:
    """The page carries every value, from which an exempt price can be worked out (issue 23)."""
    import shutil

    folder = tmp_path / "a"
    shutil.copytree(REPO / "tests" / "data" / "report-small", folder)
    option = folder / "options" / "alpha.yaml"
    text = option.read_text(encoding="utf-8")
    assert "costs:" in text
    option.write_text(text.replace("costs: {", "costs: {exempt: true, ", 1), encoding="utf-8")
    refused = run_appraise("explore", folder, "-o", tmp_path / "x.html")
    assert refused.code == 2 and "give --exempt for a page marked NOT FOR PUBLICATION" in refused.err
    assert not (tmp_path / "x.html").exists()
    marked = run_appraise("explore", folder, "-o", tmp_path / "x.html", "--exempt")
    assert marked.code == 0, marked.err
    assert "NOT FOR PUBLICATION. Exempt information under the Local Government Act 1972" in (
        tmp_path / "x.html").read_text(encoding="utf-8")


def test_each_participants_weights_can_be_shown_and_match_the_engine(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """With weights/ (a weighting workshop), the page switches to each participant's weights."""
    folder = REPO / "examples" / "workshop-weights"
    context, page, _ = open_page(browser, page_file(folder, tmp_path))
    choices = page.evaluate("[...document.querySelectorAll('[data-action=weights-from] option')].map(o => o.value)")
    assert choices[0] == "agreed" and len(choices) == 5
    for n, choice in enumerate(choices[1:]):
        page.locator("[data-action=weights-from]").select_option(choice)
        assert page.evaluate("document.getElementById('not-agreed').hidden") is False
        scenario = tmp_path / f"p{n}.yaml"
        scenario.write_text(page.evaluate("document.getElementById('scenario').textContent"), encoding="utf-8")
        same(ranking(page), engine(folder, scenario))
    context.close()

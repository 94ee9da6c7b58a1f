"""The HTML report in a real browser: Debian's chromium, driven by playwright for Python.

- axe-core (the axe.min.js that the PyPI package axe-playwright-python bundles) finds no
  violation of WCAG 2.0, 2.1 and 2.2 level A and AA, as the Public Sector Bodies
  Accessibility Regulations 2018 require;
- the page makes no request beyond its own file and runs no script, even when every piece of
  user text is an attack (and even with its content security policy switched off);
- it prints on A4 with each option on a new page and table headers repeated;
- a screenshot and an A4 PDF go to tests/artifacts/ (gitignored) for review by eye.

Skipped when chromium or playwright is missing, except when CI=true: then it fails.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from helpers import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    WCAG_TAGS,
    axe_source,
    axe_violations,
    browser,
    open_page,
    render,
    require,
)

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="module")
def reference_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(REPO, tmp_path_factory.mktemp("report") / "appendix.html")


def test_axe_finds_violations_when_there_are_some(browser: Any, axe_source: str) -> None:  # noqa: F811
    """The harness can fail: a page with no language, an unnamed image and faint text."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p '
                     'style="color:#bbb">faint</p></body></html>')
    found = {v["id"] for v in axe_violations(page, axe_source)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
    context.close()


def test_reference_report_meets_wcag_22_aa(browser: Any, axe_source: str, reference_html: Path) -> None:  # noqa: F811
    context, page, outside = open_page(browser, reference_html)
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    assert page.evaluate("document.scripts.length") == 0
    assert axe_violations(page, axe_source) == []
    assert outside == []
    # landmarks and headings: one h1, then h2 sections, never skipping a level
    assert page.evaluate("['header','nav','main','footer'].map(t => document.querySelectorAll(t).length)") == [1, 1, 1,
                                                                                                               1]
    levels = page.evaluate("[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    # every table has a caption, every header cell a scope
    assert page.evaluate("[...document.querySelectorAll('table')].every(t => t.caption && "
                         "t.caption.textContent.trim())")
    assert page.evaluate("[...document.querySelectorAll('th')].every(th => th.hasAttribute('scope'))")
    # the chart is an image with a name and a description, followed by its data table
    labelled_by = page.evaluate("document.querySelector('svg[role=img]').getAttribute('aria-labelledby')")
    assert labelled_by == "matrix-chart-title"
    assert "Totals range from 74.45" in page.evaluate("document.getElementById('matrix-chart-desc').textContent")
    # the skip link comes first on the keyboard and is shown when focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
    page.keyboard.press("Escape")
    page.evaluate("document.activeElement.blur()")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    page.screenshot(path=str(ARTIFACTS / "report-top.png"))
    page.pdf(path=str(ARTIFACTS / "report.pdf"), format="A4", print_background=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 50_000
    context.close()


def test_print_stylesheet_keeps_tables_and_options_together(browser: Any, reference_html: Path) -> None:  # noqa: F811
    context, page, _ = open_page(browser, reference_html)
    page.emulate_media(media="print")
    # options follow on from each other: a forced page break before each left an option's last
    # lines (its costs) alone on an otherwise blank page
    breaks = page.evaluate("[...document.querySelectorAll('section.option')].map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["auto"] * 5
    assert page.evaluate("[...document.querySelectorAll('.option-costs')].every(c => getComputedStyle(c).breakInside "
                         "=== 'avoid')")
    assert page.evaluate("[...document.querySelectorAll('thead')].every(t => getComputedStyle(t).display === "
                         "'table-header-group')")
    # a table's header is never left at a page's foot without its first row
    assert page.evaluate("[...document.querySelectorAll('tbody > tr:first-child')].every(r => "
                         "getComputedStyle(r).breakBefore === 'avoid')")
    assert page.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    # a signed figure (−£51,827) never breaks after its sign
    signed = page.evaluate("[...document.querySelectorAll('td')].filter(td => /^[−+]/.test(td.textContent))"
                           ".map(td => getComputedStyle(td).whiteSpace)")
    assert signed and set(signed) == {"nowrap"}
    context.close()


def _pdf_pages(pdf: Path) -> list[tuple[str, float]]:
    """Each page's text and how far down it its body text reaches (0 to 1, footer left out)."""
    import html
    import re
    import subprocess

    require(shutil.which("pdftotext") is not None, "pdftotext is not installed (apt-get install poppler-utils)")
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in boxes.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page)[1])  # type: ignore[index]
        words = re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)
        body = [float(y) for y, _ in words if float(y) < 0.93 * height]
        pages.append((html.unescape(" ".join(w for _, w in words)), max(body, default=0.0) / height))
    return pages


def test_printed_pages_are_numbered_footed_and_never_near_empty(browser: Any, reference_html: Path,  # noqa: F811
                                                                 tmp_path: Path) -> None:
    context, page, _ = open_page(browser, reference_html)
    pdf = tmp_path / "appendix.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    pages = _pdf_pages(pdf)
    assert len(pages) > 10
    for number, (text, _) in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Options appraisal: Children's Centre services commissioning options" in text
    # every page but the last is at least half full
    assert [round(filled, 2) for _, filled in pages[:-1] if filled < 0.5] == []


def test_chart_text_fits_its_chart_in_real_fonts(browser: Any, reference_html: Path) -> None:  # noqa: F811
    """Every label of the stacked-bar charts lies inside the chart, and the width the chart was
    laid out with is at least the width the browser's font gives it."""
    from appraisal.render.charts import LABEL_SIZE, LEGEND_SIZE, text_width

    context, page, _ = open_page(browser, reference_html)
    texts = page.evaluate("""() => ['matrix-chart', 'sensitivity-chart'].flatMap(id => {
      const svg = document.getElementById(id + '-title').closest('svg');
      const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
      return [...svg.querySelectorAll('text')].map(t => { const b = t.getBBox();
        return {text: t.textContent, cls: t.getAttribute('class'), length: t.getComputedTextLength(),
                inside: b.x >= 0 && b.x + b.width <= width && b.y >= 0 && b.y + b.height <= height}; });
    })""")
    context.close()
    assert len(texts) > 30
    assert [t["text"] for t in texts if not t["inside"]] == []
    size = {"chart-label": LABEL_SIZE, "chart-total": LABEL_SIZE, "chart-legend": LEGEND_SIZE}
    measured = [t for t in texts if t["cls"] in size]
    assert [t["text"] for t in measured if t["length"] > text_width(t["text"], size[t["cls"]])] == []


def test_hostile_user_text_runs_no_script(browser: Any, axe_source: str, tmp_path: Path) -> None:  # noqa: F811
    """With the page's content security policy switched off, so escaping alone must hold."""
    html = render(DATA / "report-hostile", tmp_path / "hostile.html")
    context, page, outside = open_page(browser, html, bypass_csp=True)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for selector in ("h1", "h3", "tbody th", "li"):  # hover over user text: no handler may fire
        for element in page.query_selector_all(selector)[:10]:
            element.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and outside == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img, iframe, b, i, em, a[href^=\"javascript\"]').length") == 0
    assert page.evaluate("document.querySelectorAll('style').length") == 1  # the report's own stylesheet
    assert page.evaluate(
        "[...document.querySelectorAll('*')].some(e => [...e.attributes].some(a => a.name.startsWith('on')))") is False
    assert page.evaluate("document.querySelector('h1').textContent.trim()") == (
        "<script>window.__pwned = 'title'</script> {{ 7*7 }} **bold**")
    assert "<iframe src=\"https://example.invalid/\"></iframe>" in page.evaluate("document.body.textContent")
    assert page.evaluate("getComputedStyle(document.body).display") == "block"  # the <style> in a rationale stayed text
    assert axe_violations(page, axe_source) == []
    context.close()

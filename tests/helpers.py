"""Helpers shared by test modules in different folders: the appraisals, fixtures and checks that
more than one test module uses, kept here so that no test module imports another."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, run_appraise

# --- The small appraisal of scenario/test_scenario.py, scored by hand in its docstring ---------------


SCENARIO_CRITERIA: dict[str, Any] = {
    "title": "Scenario test",
    "scale": {"min": 0, "max": 4},
    "criteria": [
        {"id": "cost", "name": "Cost", "weight": 40, "measure": "annual_cost", "direction": "lower"},
        {"id": "quality", "name": "Quality", "weight": 60, "criteria": [
            {"id": "staff", "name": "Staff", "weight": 1},
            {"id": "reach", "name": "Reach", "weight": 1, "measure": "families"},
        ]},
    ],
    "gates": [{"id": "legal", "name": "Lawful"}],
    "finance": {"budget": 1000, "years": 2, "discount_rate": 0.0},
}


def scenario_option(name: str, annual: float, staff: float, families: float) -> dict[str, Any]:
    return {"name": name, "costs": {"annual": annual}, "scores": {"staff": {"score": staff, "rationale": "r"}},
            "measures": {"families": families}, "gates": {"legal": True}}


SCENARIO_OPTIONS = {
    "a": scenario_option("Option A", 600, 4, 100),
    "b": scenario_option("Option B", 800, 2, 300),
    "c": scenario_option("Option C", 1000, 3, 200),
    "gone": {"name": "Gone", "status": "discounted", "reason": "Ruled out early."},
}


# --- The valid base folder that load/test_bad_input.py breaks one thing at a time --------------------


BAD_INPUT_CRITERIA = """\
title: Bad input base
criteria:
  - id: cost
    name: Cost
    weight: 40
    measure: annual_cost
    direction: lower
    value_function: relative
  - id: quality
    name: Quality
    weight: 60
gates:
  - {id: legal, name: Lawful}
finance:
  budget: 1000
  years: 3
"""


ALPHA = """\
name: Alpha
baseline: true
costs: {one_off: 10, annual: 500}
scores:
  quality: {score: 4, rationale: Good.}
gates: {legal: true}
"""


BETA = """\
name: Beta
costs: {annual: [400, 500, 600]}
scores:
  quality: {score: 3, rationale: Fair.}
gates: {legal: true}
"""


BAD_INPUT_BASE = {"criteria.yaml": BAD_INPUT_CRITERIA, "options/alpha.yaml": ALPHA, "options/beta.yaml": BETA}


def write_folder(root: Path, changes: dict[str, str | bytes | None]) -> Path:
    for rel, text in {**BAD_INPUT_BASE, **changes}.items():
        path = root / rel
        if text is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


# --- Git in temporary repositories (load/test_diff_git.py) -------------------------------------------


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return proc.stdout.strip()


def commit(cwd: Path, message: str) -> str:
    git(cwd, "add", "-A")
    git(cwd, "commit", "-q", "-m", message)
    return git(cwd, "rev-parse", "HEAD")


# --- The shipped GitHub Actions workflow (system/test_diff_ci.py) ------------------------------------


WORKFLOW = REPO / ".github" / "workflows" / "appraise.yml"


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def steps() -> list[dict[str, Any]]:
    jobs = workflow()["jobs"]
    assert list(jobs) == ["appraise"]
    result: list[dict[str, Any]] = jobs["appraise"]["steps"]
    return result


# --- Located errors on standard error (system/test_limits.py) ----------------------------------------


LOCATED = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$", re.MULTILINE)


def errors(err: str) -> list[tuple[str, int, int, str]]:
    """(file, line, col, message) of every error line on standard error."""
    return [(m["file"], int(m["line"]), int(m["col"]), m["message"]) for m in LOCATED.finditer(err)]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only occurrence of ``needle`` in ``text``."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    return text[: text.index(needle)].count("\n") + 1


def expect_error(run: Any, file: str, line: int, fragment: str) -> None:
    """Exit 2 with an error in ``file`` (a path suffix) at ``line`` whose message holds ``fragment``."""
    assert run.code == 2, (run.code, run.err)
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    found = [e for e in errors(run.err) if e[0].endswith(file) and e[1] == line]
    assert found, f"no error at {file}:{line} in:\n{run.err}"
    assert any(fragment in e[3] for e in found), run.err


def option_file(folder: Path, name: str = "tender-two") -> Path:
    return folder / "options" / f"{name}.yaml"


# --- The HTML report in Debian's chromium, driven by playwright (report/test_report_browser.py) ------


CHROMIUM = Path("/usr/bin/chromium")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def require(ok: bool, why: str) -> None:
    if not ok:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why} (CI=true: .ci/run must install it)")
        pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(CHROMIUM.exists(), "Debian's chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "playwright is not installed (pip install '.[test]')")
        raise
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        require(False, "axe-playwright-python is not installed (pip install '.[test]')")
        raise
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def render(folder: Path, target: Path) -> Path:
    run = run_appraise("report", folder, "--format", "html", "--output", target)
    assert run.code == 0, run.err
    return target


def open_page(browser: Any, path: Path, *, bypass_csp: bool = False) -> tuple[Any, Any, list[str]]:
    """A page showing ``path``; every request for anything but that file is blocked and listed."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp,
                                  java_script_enabled=True)
    page = context.new_page()
    outside: list[str] = []
    own = path.resolve().as_uri()

    def route(r: Any) -> None:
        if r.request.url == own:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(own)
    return context, page, outside


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    page.evaluate(source)
    result = page.evaluate(
        "opts => axe.run(document, opts)", {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                            "resultTypes": ["violations"]})
    return [{"id": v["id"], "help": v["help"], "nodes": [n["html"][:200] for n in v["nodes"][:3]]}
            for v in result["violations"]]


# --- PDF tools (render/test_report_pdf.py) -----------------------------------------------------------


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        why = f"{', '.join(missing)} not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why} (CI=true: .ci/run must install it)")
        pytest.skip(why)


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]

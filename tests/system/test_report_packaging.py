"""The report's templates ship in the wheel as the package ``appraisal.templates``.

pyproject.toml lists the packages by hand (``templates/`` sits outside ``appraisal/``), so a
new subpackage must be added there: the first test fails until it is. The last builds a wheel
from the source tree and lists it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest
from conftest import REPO

from appraisal.render.jinja import templates_root

CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _template_files() -> list[str]:
    root = REPO / "templates"
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _shipped(name: str, patterns: list[str]) -> bool:
    """Whether setuptools' package-data glob takes the file (``*`` stays within one folder)."""
    parts = name.split("/")
    return name == "__init__.py" or any(
        len(p.split("/")) == len(parts) and all(fnmatch(a, b) for a, b in zip(parts, p.split("/"), strict=True))
        for p in patterns)


def test_every_package_is_listed_in_pyproject() -> None:
    found = sorted(".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "appraisal").rglob("__init__.py"))
    assert sorted(set(found) - set(CONFIG["packages"])) == []
    assert "appraisal.templates" in CONFIG["packages"]
    assert CONFIG["package-dir"] == {"appraisal.templates": "templates"}


def test_every_template_file_is_package_data() -> None:
    patterns = CONFIG["package-data"]["appraisal.templates"]
    files = _template_files()
    assert "appendix.html.j2" in files and "partials/style.css.j2" in files
    assert [f for f in files if not _shipped(f, patterns)] == []


def test_bundled_templates_are_found_through_importlib() -> None:
    assert templates_root().joinpath("appendix.md.j2").is_file()


def test_the_wheel_holds_the_templates(tmp_path: Path) -> None:
    source = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    shutil.copytree(REPO / "appraisal", source / "appraisal", ignore=ignore)
    shutil.copytree(REPO / "templates", source / "templates", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp_path / "wheel"), str(source)], check=True, capture_output=True, timeout=300)
    (wheel,) = (tmp_path / "wheel").glob("options_appraisal-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in _template_files():
        assert f"appraisal/templates/{name}" in names
    assert {"appraisal/report/context.py", "appraisal/render/jinja.py", "appraisal/render/charts.py",
            "appraisal/cli/report.py", "appraisal/starter/criteria.yaml",
            "appraisal/render/word/fonts/LiberationSans-Regular.ttf", "appraisal/render/word/fonts/OFL.txt"} <= names


def test_a_source_checkout_finds_the_templates_beside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ``appraisal.templates`` is no package (a checkout on ``sys.path`` that was not
    installed), the fallback is the top-level ``templates/`` folder, wherever jinja.py lives."""
    import importlib.resources

    def no_package(name: str) -> object:
        raise ModuleNotFoundError(name)

    monkeypatch.setattr(importlib.resources, "files", no_package)
    assert templates_root().joinpath("appendix.md.j2").is_file()
    assert templates_root().joinpath("partials").is_dir()

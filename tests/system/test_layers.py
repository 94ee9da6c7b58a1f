"""The package's layers import only downwards (docs/architecture.md).

An import-linter "layers" contract without the dependency: every module's imports, those
inside functions included, are read with :mod:`ast`, and an import of a higher layer fails
with the importing file, line and the import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "appraisal"

LAYERS = (
    "appraisal",  # the package's __init__: the version
    "text",
    "confusables",
    "errors",
    "model",
    "weighting",
    "finance",
    "check",
    "load",
    "scenario",
    "scoring",
    "analysis",
    "render",
    "report",
    "cli",
    "__main__",
)
"""Lowest first: a module may import its own layer and those before it, never one after."""

ALLOWED: set[tuple[str, str]] = set()
"""Pairs (importing layer, imported layer) let through upwards: none since the model knows no
files (it asks a parsed file only for what :class:`appraisal.model.appraisal.SourceFile` says)."""


def layer(module: str) -> str:
    """The layer of a dotted module name inside the package: its first part after 'appraisal'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """Every module of the package that ``tree`` imports, with its line: absolute and relative."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names]
            # ``from appraisal.cli import diff`` imports the module appraisal.cli.diff
            found += [(node.lineno, n if (PACKAGE.parent / n.replace(".", "/")).with_suffix(".py").exists()
                       else target) for n in names]
    return [(line, name) for line, name in found if name == "appraisal" or name.startswith("appraisal.")]


def violations(source: str, module: str, filename: str, is_package: bool = False) -> list[str]:
    """Each upward import in ``source`` as 'FILE:LINE: imports X (layer a above layer b)'."""
    here = layer(module)
    out = []
    for line, target in imported(ast.parse(source), module, is_package):
        there = layer(target)
        if LAYERS.index(there) > LAYERS.index(here) and (here, there) not in ALLOWED:
            out.append(f"{filename}:{line}: {module} imports {target}: layer '{there}' is above '{here}' "
                       f"(order, lowest first: {' < '.join(LAYERS)})")
    return out


def test_every_subpackage_and_top_module_has_a_layer() -> None:
    names = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    names = {"appraisal" if n == "__init__" else n for n in names}
    assert names <= set(LAYERS), f"not placed in LAYERS: {sorted(names - set(LAYERS))}"


def test_at_most_twelve_modules_at_the_top() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 12


def test_layers_import_only_downwards() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += violations(path.read_text(encoding="utf-8"), module_name(path),
                            str(path.relative_to(PACKAGE.parent)), path.name == "__init__.py")
    assert not found, "\n".join(found)


@pytest.mark.parametrize(("source", "expected"), [
    ("from appraisal.render.machine import to_json\n",
     "imports appraisal.render.machine: layer 'render' is above 'model'"),
    ("def f():\n    from appraisal.cli import main\n", "x.py:2: appraisal.model.appraisal imports appraisal.cli"),
    ("import appraisal.scoring.weighted_sum\n", "layer 'scoring' is above 'model'"),
    ("from ..report import base\n", "imports appraisal.report.base: layer 'report'"),
    ("from appraisal.load.source import Source\n", "layer 'load' is above 'model'"),
])
def test_an_upward_import_is_named(source: str, expected: str) -> None:
    found = violations(source, "appraisal.model.appraisal", "x.py")
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize("source", [
    "from appraisal.text import md\n",
    "from appraisal import __version__\n",
    "from appraisal.model.option import Option\n",
    "from . import option\n",
])
def test_a_downward_or_level_import_passes(source: str) -> None:
    assert violations(source, "appraisal.model.appraisal", "x.py") == []


def test_ci_runs_the_tests_then_the_linters_in_the_newest_releases_venv() -> None:
    run = (PACKAGE.parent / ".ci" / "run").read_text(encoding="utf-8")
    newest = run[run.index("python3 -m venv --clear .venv "):run.index("python3 -m venv --clear .venv-lower")]
    assert "'.[test,dev]'" in newest
    tests, ruff, mypy = (newest.index(s) for s in ("-m pytest", ".venv/bin/ruff check appraisal tests bench",
                                                   ".venv/bin/mypy appraisal"))
    assert tests < ruff < mypy

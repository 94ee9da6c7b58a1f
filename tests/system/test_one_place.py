"""One place for each job: the shared helpers behave, and the jobs they took over stay with them."""

from __future__ import annotations

import ast

from conftest import REPO

from appraisal.render.markdown import pipe_row, pipe_rule, pipe_table
from appraisal.text import md, titled

PACKAGE = REPO / "appraisal"

PURE_STAGES = ("model", "finance", "check", "scoring", "analysis", "render", "report")
"""Stages that know neither files nor the command line."""


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(p.relative_to(PACKAGE.parent)), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_a_pipe_table_escapes_its_cells_and_aligns_the_numeric_columns() -> None:
    assert pipe_table(["Option", "Total"], [["A | B", "1.50"], ["<b>", "2"]], {1}) == [
        "| Option | Total |",
        "|---|---:|",
        "| A \\| B | 1.50 |",
        "| &lt;b&gt; | 2 |",
    ]
    assert pipe_row([3, None]) == "| 3 | None |"
    assert pipe_rule(3) == "|---|---|---|"
    assert pipe_table(["a"], []) == ["| a |", "|---|"]


def test_titled_names_the_scenario_and_escapes_each_part() -> None:
    assert titled("Review", None) == "Review"
    assert titled("Review", "") == "Review"
    assert titled("Review *1*", "cost_up") == "Review *1* (cost_up)"
    assert titled("Review *1*", "cost_up", md) == "Review \\*1\\* (cost_up)"  # '_' inside a word stays
    assert titled("Review", "_draft", md) == "Review (\\_draft)"


def test_counts_and_lists_in_words_have_one_helper() -> None:
    helpers = [f"{path}:{node.lineno}: {node.name}" for path, tree in _modules() for node in ast.walk(tree)
               if isinstance(node, ast.FunctionDef)
               and node.name in ("plural", "_plural", "_count", "_names", "series", "_series")
               and path != "appraisal/text.py"]
    assert helpers == [], f"use text.plural and text.series: {helpers}"


def test_json_documents_are_built_only_in_render_machine() -> None:
    builders = [f"{path}:{node.lineno}: {node.name}" for path, tree in _modules() for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef) and node.name.endswith("to_dict")
                and path != "appraisal/render/machine.py"]
    assert builders == [], builders


def test_each_shared_constant_is_defined_once() -> None:
    for name in ("COST_MEASURES", "TIE_TOLERANCE"):
        where = [f"{path}:{node.lineno}" for path, tree in _modules() for node in ast.walk(tree)
                 if isinstance(node, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)]
        assert len(where) == 1, (name, where)


def test_the_pure_stages_raise_no_command_line_errors() -> None:
    found = [f"{path}:{node.lineno}" for path, tree in _modules() if path.split("/")[1] in PURE_STAGES
             for node in ast.walk(tree)
             if isinstance(node, ast.ImportFrom) and any(a.name == "UsageError" for a in node.names)]
    assert found == [], f"a pure stage imports UsageError (raise a domain error the CLI words instead): {found}"


def test_workbook_cells_are_written_only_by_the_one_writer() -> None:
    """render/xlsx/cells.py keeps text from becoming a formula (docs/reliability.md): a cell
    written any other way (``sheet.append``, ``sheet["A1"] = ...``, ``cell.value = ...``,
    ``sheet.cell(row, column, value)``) would bypass it."""
    sheets = {"sheet", "meta", "ws", "worksheet", "book"}

    def bypasses(node: ast.AST) -> bool:
        if isinstance(node, ast.Assign):
            return any(isinstance(t, ast.Attribute) and t.attr == "value" or isinstance(t, ast.Subscript)
                       and isinstance(t.value, ast.Name) and t.value.id in sheets for t in node.targets)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            named = isinstance(receiver, ast.Name) and receiver.id in sheets
            return named and (node.func.attr == "append" or node.func.attr == "cell" and (
                len(node.args) > 2 or any(k.arg == "value" for k in node.keywords)))
        return False

    found = [f"{path}:{node.lineno}" for path, tree in _modules() for node in ast.walk(tree)
             if path.startswith("appraisal/render/") and path != "appraisal/render/xlsx/cells.py" and bypasses(node)]
    assert found == [], found

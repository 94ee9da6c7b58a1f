"""Golden files: the reference example's appendix, byte for byte, in both formats.

When the report changes on purpose, regenerate them and review the difference by eye
(``git diff tests/golden``) before committing:

    APPRAISE_UPDATE_GOLDEN=1 python -m pytest tests/report/test_report_golden.py

A regenerating run skips (it proves nothing); an ordinary run compares.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO, run_appraise

GOLDEN = REPO / "tests" / "golden"


@pytest.mark.parametrize(("fmt", "name"), [("markdown", "reference-report.md"), ("html", "reference-report.html")])
def test_reference_report_matches_its_golden_file(reference_copy: Path, fmt: str, name: str) -> None:
    run = run_appraise("report", ".", "--format", fmt, cwd=reference_copy)
    assert run.code == 0, run.err
    golden = GOLDEN / name
    if os.environ.get("APPRAISE_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(run.out.encode("utf-8"))
        pytest.skip(f"regenerated {golden.relative_to(REPO)}: review it with git diff")
    expected = golden.read_bytes().decode("utf-8")
    assert run.out == expected, f"{name} differs: if on purpose, regenerate (see this file's docstring)"

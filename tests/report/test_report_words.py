"""The report's words: agreement with one option, a gate without a description, and a
measured criterion's reason written for the committee (docs/report.md)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, run_appraise


def starter_report(tmp_path: Path, edit: dict[str, str] | None = None) -> str:
    folder = tmp_path / "new"
    assert run_appraise("init", folder).code == 0
    for name, (old, new) in (edit or {}).items():
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    run = run_appraise("report", folder)
    assert run.code == 0, run.err
    return run.out


def test_a_gate_without_a_description_leaves_no_empty_cell(tmp_path: Path) -> None:
    report = starter_report(tmp_path)  # the starter's 'legal' gate has no description
    assert ("| Lawful and within the council's powers | As its name says; whether each option passes "
            "is shown with the option. |") in report
    assert "|  |" not in report


def test_one_failing_option_is_spoken_of_in_the_singular(tmp_path: Path) -> None:
    report = starter_report(tmp_path, {"options/new-provider.yaml": ("gates: {legal: true}", "gates: {legal: false}")})
    assert "This option fails a gate, so it is not ranked (its total shows what it would have scored):" in report
    assert "These options" not in report


def test_a_measured_score_is_explained_in_the_committees_words() -> None:
    run = run_appraise("report", REPO)
    # in-house: annual cost 1,640,000; the lowest of the options passing every gate is 1,620,000
    # (tender-one), so 1.62 / 1.64 = 0.988 -> 99% under the relative price formula
    assert ("| Annual cost £1,640,000: 99% of the best score, under the relative price formula (the "
            "lowest annual cost, £1,620,000, divided by this option's). |") in run.out
    assert "| Annual cost £1,620,000: 100% of the best score under the relative formula, as no option " \
           "that passes every gate has a lower annual cost. |" in run.out
    assert "value function (see Method)" not in run.out

"""Every output says when weights were filled from a weighting workshop's participants
(contract section 14), as the panel's median rule does for scores; the report's method section
says how the weights were set. Expectations worked by hand from test_weights.py's participants.

Jo (swing 100/60; quality's children 100/100): cost 62.5%, quality 37.5%, staff and access 18.75%.
Sam (rank [quality, cost], ROC): cost 25%, quality 75%; staff 56.25%, access 18.75%.
Lee (points 50/50, no view of quality's children): cost 50%, quality 50%.
Medians: cost 50%, quality 50%; staff 0.625 and access 0.375 of quality.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_appraise
from test_weights import JO, LEE, SAM, folder


def test_score_says_which_weights_were_filled(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    sentence = ("Not agreed in the criteria file: 4 weights are the median of the weighting workshop participants' "
                "weights (weighting.combine: median): cost, quality, staff and access.")
    table = run_appraise("score", root, "--format", "table")
    assert table.code == 0, table.err
    assert sentence in " ".join(table.out.split())
    markdown = run_appraise("score", root, "--format", "markdown")
    assert sentence in " ".join(markdown.out.split())
    data = json.loads(run_appraise("score", root, "--format", "json").out)
    assert {c["id"]: c.get("filled") for c in data["criteria"]} == {
        "cost": "median", "quality": "median", "staff": "median", "access": "median"}


def test_given_weights_are_not_said_to_be_filled(tmp_path: Path) -> None:
    criteria = json.loads(json.dumps(folder.__globals__["CRITERIA"]))
    criteria["criteria"][0]["weight"], criteria["criteria"][1]["weight"] = 30, 70
    root = folder(tmp_path, {"jo": JO, "sam": SAM}, criteria)
    data = json.loads(run_appraise("score", root, "--format", "json").out)
    assert {c["id"]: c.get("filled") for c in data["criteria"]} == {
        "cost": None, "quality": None, "staff": "median", "access": "median"}
    assert "2 weights are the median" in run_appraise("score", root).out


def test_the_report_says_how_the_weights_were_set(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    out = tmp_path / "report.md"
    run = run_appraise("report", root, "--output", out)
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    start = text.index("### How the weights were set")
    section = text[start:text.index("\n## ", start)]  # the method's last part, before the next section
    assert "3 participants weighed the criteria" in section
    assert "4 weights were filled from the participants' median" in section
    assert "| Lee |  | points shared out | Chairs the provider forum |" in section
    assert "| Sam |  | ranking (rank order centroid weights) | None declared |" in section
    assert "| 1 | Cost | 25.0% | 62.5% | 50.0% (filled) |" in section
    assert "| 2 | Quality | 37.5% | 75.0% | 50.0% (filled) |" in section
    assert "| 2.2 | Access | 18.8% | 18.8% |" in section


def test_the_html_report_has_the_same_account(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    out = tmp_path / "report.html"
    assert run_appraise("report", root, "--output", out).code == 0
    text = out.read_text(encoding="utf-8")
    assert "<h3>How the weights were set</h3>" in text
    assert "<td>Chairs the provider forum</td>" in text


def test_without_a_workshop_the_report_adds_nothing(tmp_path: Path) -> None:
    criteria = json.loads(json.dumps(folder.__globals__["CRITERIA"]))
    del criteria["weighting"]
    criteria["criteria"][0]["weight"], criteria["criteria"][1]["weight"] = 30, 70
    for c in criteria["criteria"][1]["criteria"]:
        c["weight"] = 1
    root = folder(tmp_path, {}, criteria)
    out = tmp_path / "report.md"
    assert run_appraise("report", root, "--output", out).code == 0
    assert "How the weights were set" not in out.read_text(encoding="utf-8")
    assert "weights are the median" not in run_appraise("score", root).out


def test_validate_counts_the_participants(tmp_path: Path) -> None:
    run = run_appraise("validate", folder(tmp_path, {"jo": JO, "sam": SAM}))
    assert run.code == 0, run.err
    assert "2 participants" in run.out


def test_weights_a_scenario_sets_are_no_longer_said_to_be_filled(tmp_path: Path) -> None:
    root = folder(tmp_path, {"jo": JO, "sam": SAM, "lee": LEE})
    scenario = root / "scenarios" / "cost.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: Cost first\nweights: {cost: 70, quality: 30}\n", encoding="utf-8")
    data = json.loads(run_appraise("score", root, "--scenario", scenario, "--format", "json").out)
    assert {c["id"]: c.get("filled") for c in data["criteria"]} == {
        "cost": None, "quality": None, "staff": "median", "access": "median"}


def test_init_with_a_panel_starts_two_participants_that_validate(tmp_path: Path) -> None:
    import jsonschema
    import yaml
    from conftest import REPO

    target = tmp_path / "new"
    assert run_appraise("init", target, "--panel").code == 0
    assert sorted(p.name for p in (target / "weights").iterdir()) == ["participant-one.yaml", "participant-two.yaml"]
    run = run_appraise("validate", target)
    assert run.code == 0 and "2 participants" in run.out, run.err
    assert "error" not in run.err
    schema = json.loads((target / "participant.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_appraise("schema", "participant").out)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((target / "weights").glob("*.yaml")) + sorted((REPO / "examples" / "workshop-weights" /
                                                                 "weights").glob("*.yaml"))
    for path in sorted((target / "weights").glob("*.yaml")):  # an editor finds the schema init wrote
        assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../participant.schema.json")
    for path in files:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path
    assert not validator.is_valid({"name": "Jo", "interests": "None", "method": "guess"})
    assert run_appraise("weights", target).code == 0

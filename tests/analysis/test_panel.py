"""Panels: assessors' files, their located errors, and the moderation pack worked out by hand.

tests/data/panel-small has four assessors (ann, bob, cat, dan) scoring two shortlisted options
on quality (scale 0-10, width 10, default divergence 4) and access (scale 0-4, width 4,
default divergence 1.6). Dan abstains on alpha's access and beta's quality; cat on beta's quality.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import REPO, run_appraise, write_yaml

from appraisal.analysis.panel import moderation_pack
from appraisal.errors import InputError
from appraisal.load.folder import load

SMALL = REPO / "tests" / "data" / "panel-small"


def copy(tmp_path: Path) -> Path:
    dest = tmp_path / "panel"
    shutil.copytree(SMALL, dest)
    return dest


def edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    write_yaml(path, data)


def errors(folder: Path, *, pending: bool = False) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(folder, pending=pending)
    return [str(p) for p in caught.value.problems]


# --- the moderation pack, by hand --------------------------------------------------------


def test_items_ranges_medians_and_flags_by_hand() -> None:
    pack = moderation_pack(load(SMALL))
    got = [(i.option, i.criterion, i.scores, i.low, i.high, i.range, i.median, i.agreed, i.flags)
           for i in pack.items]
    assert got == [
        # 8, 6, 4, 5: range 4 reaches the divergence 4 (40% of 10); median of 4 is (5 + 6) / 2
        ("alpha", "quality", {"ann": 8, "bob": 6, "cat": 4, "dan": 5}, 4, 8, 4, 5.5, 6, ("divergent",)),
        # dan abstains; range 1 is below 1.6
        ("alpha", "access", {"ann": 3, "bob": 3, "cat": 2}, 2, 3, 1, 3, 3, ()),
        # agreed 9 above the panel's 7 and 7, with no moderation note
        ("beta", "quality", {"ann": 7, "bob": 7}, 7, 7, 0, 7, 9, ("outside", "unexplained")),
        # 4, 1, 2, 3: median (2 + 3) / 2; range 3 >= 1.6; agreed 2 with no note
        ("beta", "access", {"ann": 4, "bob": 1, "cat": 2, "dan": 3}, 1, 4, 3, 2.5, 2, ("divergent", "unexplained")),
    ]
    assert [i.divergence for i in pack.items] == [4, pytest.approx(1.6), 4, pytest.approx(1.6)]


def test_offsets_on_criteria_with_different_scales_by_hand() -> None:
    pack = moderation_pack(load(SMALL))
    # (score - median) / width: quality over 10, access over 4
    ann = ((8 - 5.5) / 10 + (3 - 3) / 4 + (7 - 7) / 10 + (4 - 2.5) / 4) / 4  # 0.15625
    bob = ((6 - 5.5) / 10 + 0 + 0 + (1 - 2.5) / 4) / 4                        # -0.08125
    cat = ((4 - 5.5) / 10 + (2 - 3) / 4 + (2 - 2.5) / 4) / 3                  # -0.175
    dan = ((5 - 5.5) / 10 + (3 - 2.5) / 4) / 2                                # 0.0375
    assert [(a.id, a.scored) for a in pack.assessors] == [("ann", 4), ("bob", 4), ("cat", 3), ("dan", 2)]
    assert [a.offset for a in pack.assessors] == pytest.approx([ann, bob, cat, dan])
    assert ann == pytest.approx(0.15625) and dan == pytest.approx(0.0375)


def test_each_flag_alone_and_all_together(tmp_path: Path) -> None:
    folder = copy(tmp_path)

    def alpha_quality(agreed: dict[str, Any] | None, divergence: float | None = None) -> tuple[str, ...]:
        def change(data: dict[str, Any]) -> None:
            if agreed is None:
                data["scores"].pop("quality", None)
            else:
                data["scores"]["quality"] = agreed
        edit(folder / "options" / "alpha.yaml", change)
        edit(folder / "criteria.yaml", lambda d: d.update(panel={"divergence": divergence}) if divergence
             else d.pop("panel", None))
        return next(i.flags for i in moderation_pack(load(folder, pending=True)).items if i.criterion == "quality")

    # panel 8, 6, 4, 5 (range 4)
    assert alpha_quality(None, divergence=5) == ("missing",)
    assert alpha_quality({"score": 6}, divergence=5) == ()
    assert alpha_quality({"score": 6, "moderation": "Agreed."}) == ("divergent",)
    assert alpha_quality({"score": 9, "moderation": "Agreed."}, divergence=5) == ("outside",)
    assert alpha_quality({"score": 9}, divergence=5) == ("outside", "unexplained")
    assert alpha_quality({"score": 6}) == ("divergent", "unexplained")
    assert alpha_quality({"score": 3}) == ("divergent", "outside", "unexplained")
    assert alpha_quality(None) == ("missing", "divergent")


def test_an_item_nobody_scored_is_not_in_the_pack_and_abstentions_are_left_out(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    for name in ("ann", "bob"):
        edit(folder / "assessments" / f"{name}.yaml", lambda d: d["scores"]["beta"].pop("quality"))
    pack = moderation_pack(load(folder))
    assert [(i.option, i.criterion) for i in pack.items] == [("alpha", "quality"), ("alpha", "access"), ("beta",
                                                                                                         "access")]
    assert "dan" not in pack.items[1].scores


# --- located errors ----------------------------------------------------------------------


def test_every_mistake_in_an_assessors_file_is_located_at_once(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "assessments" / "ann.yaml").write_text(
        "name: Ann Able\n"
        "interests: None declared\n"
        "scores:\n"
        "  alpah:\n"
        "    quality: 5\n"
        "  delta:\n"
        "    quality: 5\n"
        "  alpha:\n"
        "    qualty: 5\n"
        "    service: 3\n"
        "    cost: 2\n"
        "    quality: 11\n"
        "    access: {score: 3, moderation: We agreed.}\n",
        encoding="utf-8",
    )
    name = str(folder / "assessments" / "ann.yaml")
    assert errors(folder) == [
        f"{name}:4:3: error: no option 'alpah' in the options folder (did you mean 'alpha'?)",
        (f"{name}:6:3: error: option 'delta' was not taken forward (status: discounted), so it is not scored: "
        "remove its scores from this file"),
        f"{name}:9:5: error: no criterion 'qualty' in {folder / 'criteria.yaml'} (did you mean 'quality'?)",
        f"{name}:10:5: error: 'service' takes its value from its sub-criteria (quality, access): score those instead",
        f"{name}:11:5: error: 'cost' is scored from the measure 'annual_cost', not judged: remove this score",
        f"{name}:12:14: error: score 11 for 'quality' is outside the scale 0 to 10",
        (f"{name}:13:24: error: 'moderation' records how the panel agreed a score, so it goes with the agreed "
        "score in the option file, not with one assessor's: move it to the option file of 'alpha'"),
    ]


def test_a_missing_declaration_of_interests_and_a_bad_file_name(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "assessments" / "bob.yaml", lambda d: d.pop("interests"))
    shutil.copy(folder / "assessments" / "cat.yaml", folder / "assessments" / "Cat Cole.yaml")
    found = errors(folder)
    assert found[0].startswith(f"{folder / 'assessments' / 'Cat Cole.yaml'}:1:1: error: the file name 'Cat Cole.yaml' "
                               "is not a valid assessor id")
    assert found[1] == (
        f"{folder / 'assessments' / 'bob.yaml'}:1:1: error: no declaration of interests: add 'interests:' with "
        "what this assessor declared (write 'interests: None declared' if there was nothing to declare)"
    )


def test_a_missing_agreed_score_quotes_the_panel_and_points_to_appraise_panel(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    beta = folder / "options" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("  access: {score: 2, rationale: One site}\n", ""),
                    encoding="utf-8")
    assert errors(folder) == [
        (f"{folder / 'options' / 'beta.yaml'}:4:1: error: no agreed score for criterion 'access' (Access): the "
        "panel scored it ann 4, bob 1, cat 2, dan 3. Agree one score at the moderation meeting and write it "
        "here as 'access: {score: N, moderation: why}' (`appraise panel` prints the moderation pack)")
    ]
    # the moderation pack is for exactly this moment
    assert [i.flags for i in moderation_pack(load(folder, pending=True)).items][3] == ("missing", "divergent")


def test_validate_checks_the_panel_and_the_cli_exits_2_without_output(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "assessments" / "dan.yaml", lambda d: d["scores"]["beta"].update(access=7))
    for command in ("validate", "score", "panel"):
        run = run_appraise(command, folder)
        assert run.code == 2 and run.out == ""
        assert "dan.yaml:7:13:" in run.err and "score 7 for 'access' is outside the scale 0 to 4" in run.err
        assert "Traceback" not in run.err


# --- appraise panel ---------------------------------------------------------------------


def test_panel_json_is_the_documented_document() -> None:
    data = json.loads(run_appraise("panel", SMALL, "--format", "json").out)
    assert [a["id"] for a in data["assessors"]] == ["ann", "bob", "cat", "dan"]
    assert data["assessors"][0] == {"id": "ann", "name": "Ann Able", "role": "Commissioning manager",
                                     "interests": "None declared", "date": "2024-04-20", "scored": 4,
                                     "offset": 0.15625}
    first = data["items"][0]
    assert {k: first[k] for k in ("option", "criterion", "scores", "min", "max", "range", "median", "agreed",
                                  "flags")} == {
        "option": "alpha", "criterion": "quality", "scores": {"ann": 8, "bob": 6, "cat": 4, "dan": 5},
        "min": 4, "max": 8, "range": 4, "median": 5.5, "agreed": 6, "flags": ["divergent"]}
    assert first["moderation"] == "Bob's view of the staffing plan prevailed."
    assert first["rationales"]["ann"] == "Strong staffing plan." and first["rationales"]["bob"] is None


def test_panel_markdown_is_an_agenda_with_the_items_to_discuss_first(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    edit(folder / "options" / "alpha.yaml", lambda d: d["scores"].pop("access"))
    text = run_appraise("panel", folder, "--format", "markdown").out
    discuss = text.index("## To discuss (3)")
    assert discuss < text.index("### 1. Alpha: Quality") < text.index("### 2. Alpha: Access") \
        < text.index("### 3. Beta: Access") < text.index("## Other items (1)") < text.index("| Beta | Quality |")
    assert "| ann | 4 | Open late. |\n| bob | 1 | One site only. |\n| cat | 2 | (none given) |" in text
    assert "Moderation note: Bob's view of the staffing plan prevailed." in text
    assert "agreed: not agreed. Flags: missing." in text
    assert "| Ann Able (ann) | Commissioning manager | None declared | 4 | +0.16 |" in text


def test_panel_end_to_end_table_and_output_file(tmp_path: Path) -> None:
    run = run_appraise("panel", SMALL)
    assert run.code == 0, run.err
    assert "beta    quality      7    7    -    -    7    7      0       7       9  outside unexplained" in run.out
    assert "2 of 4 items to discuss" in run.out
    out = tmp_path / "pack.md"
    assert run_appraise("panel", SMALL, "-f", "markdown", "-o", out).code == 0
    assert out.read_text(encoding="utf-8").startswith("# Moderation pack: Day service options\n")


def test_panel_without_assessors_says_where_to_put_them() -> None:
    run = run_appraise("panel", REPO / "tests" / "data" / "report-small")
    assert run.code == 2 and "assessments/" in run.err


# --- schema and init ---------------------------------------------------------------------


def test_assessment_schema_accepts_the_files_and_rejects_a_missing_declaration() -> None:
    schema = json.loads(run_appraise("schema", "assessment").out)
    assert schema["$id"] == "urn:appraise:schema:assessment:v1"
    validator = jsonschema.Draft202012Validator(schema)
    starter = REPO / "appraisal" / "starter" / "assessments"
    files = sorted((SMALL / "assessments").glob("*.yaml")) + sorted(starter.glob("*.yaml"))
    for path in files:
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert list(validator.iter_errors(data)) == [], path
    assert not validator.is_valid({"name": "Jo", "scores": {}})


def test_init_with_a_panel_validates_and_gives_a_pack(tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert run_appraise("init", target, "--panel").code == 0
    assert sorted(p.name for p in (target / "assessments").iterdir()) == ["assessor-one.yaml", "assessor-two.yaml"]
    assert (target / "assessment.schema.json").is_file()
    assert run_appraise("validate", target).code == 0
    data = json.loads(run_appraise("panel", target, "-f", "json").out)
    assert len(data["items"]) == 4
    assert not (tmp_path / "plain").exists() and run_appraise("init", tmp_path / "plain").code == 0
    assert not (tmp_path / "plain" / "assessments").exists()


# --- scores taken from the panel (agreement: median or mean) -----------------------------


def filled_folder(tmp_path: Path, rule: str) -> Path:
    """panel-small with no agreed score for alpha on access (panel 3, 3, 2; dan abstains)."""
    folder = copy(tmp_path)
    alpha = folder / "options" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("  access: {score: 3, rationale: Near the bus routes}\n",
                                                               ""),
                     encoding="utf-8")
    criteria = folder / "criteria.yaml"
    criteria.write_text(criteria.read_text(encoding="utf-8") + f"panel: {{agreement: {rule}}}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("rule", "expected"), [("median", 3.0), ("mean", 8 / 3)])
def test_median_and_mean_fill_a_missing_agreed_score_and_say_so(tmp_path: Path, rule: str, expected: float) -> None:
    folder = filled_folder(tmp_path, rule)
    appraisal = load(folder)
    assert appraisal.filled == {("alpha", "access")}
    score = next(o for o in appraisal.options if o.id == "alpha").scores["access"]
    assert score.score == pytest.approx(expected)
    assert score.rationale == f"The {rule} of the panel's scores (ann 3, bob 3, cat 2), not moderated."
    data = json.loads(run_appraise("score", folder, "-f", "json").out)
    cells = next(o for o in data["options"] if o["id"] == "alpha")["criteria"]
    assert cells["access"]["filled"] == rule and cells["access"]["score"] == pytest.approx(expected)
    assert "filled" not in cells["quality"]
    # alpha: cost best (40) + quality 6/10 x 30 + access expected/4 x 30
    assert next(o for o in data["options"] if o["id"] == "alpha")["total"] == pytest.approx(40 + 18 + expected / 4 * 30)
    note = f"Not moderated: 1 score is the {rule} of the panel's scores (panel.agreement: {rule}): alpha on access."
    assert note in run_appraise("score", folder).out
    assert note.replace("_", "\\_") in run_appraise("score", folder, "-f", "markdown").out
    # the moderation pack does not count a filled score as agreed
    item = moderation_pack(appraisal).items[1]
    assert (item.agreed, item.flags) == (None, ("missing",))


def test_a_scenario_that_sets_a_filled_score_makes_it_no_longer_filled(tmp_path: Path) -> None:
    folder = filled_folder(tmp_path, "median")
    write_yaml(folder / "scenarios" / "agreed.yaml", {"name": "Agreed", "scores": {"alpha": {"access": {"score": 2}}}})
    run = run_appraise("score", folder, "--scenario", folder / "scenarios" / "agreed.yaml", "-f", "json")
    cells = next(o for o in json.loads(run.out)["options"] if o["id"] == "alpha")["criteria"]
    assert cells["access"] == {"score": 2, "value": 0.5, "contribution": 15}


def test_without_assessors_a_score_is_required_as_before(tmp_path: Path) -> None:
    folder = filled_folder(tmp_path, "median")
    shutil.rmtree(folder / "assessments")
    assert [e.split(": error: ")[1] for e in errors(folder)] == ["no score for criterion 'access' (Access)"]


# --- sensitivity --scores panel -----------------------------------------------------------


def two_options(tmp_path: Path, agreed: float) -> Path:
    """A on 0-10, agreed ``agreed`` by a panel of 4, 6 and 8; B a fixed 5 with no panel."""
    folder = tmp_path / "two"
    write_yaml(folder / "criteria.yaml", {"title": "Two", "criteria": [
        {"id": "q", "name": "Quality", "weight": 1, "scale": {"min": 0, "max": 10}}]})
    write_yaml(folder / "options" / "a.yaml", {"name": "A", "scores": {"q": {"score": agreed,
                                                                             "moderation": "Agreed."}}})
    write_yaml(folder / "options" / "b.yaml", {"name": "B", "baseline": True, "scores": {"q": 5}})
    for who, s in (("x", 4), ("y", 6), ("z", 8)):
        write_yaml(folder / "assessments" / f"{who}.yaml", {"name": who.upper(), "interests": "None declared",
                                                            "scores": {"a": {"q": s}}})
    return folder


@pytest.mark.parametrize(("agreed", "expected"), [
    (6, 1 - (5 - 4) ** 2 / ((8 - 4) * (6 - 4))),  # triangular(4, 6, 8) below 5: 1/8
    (9, 1 - (5 - 4) ** 2 / ((9 - 4) * (9 - 4))),  # agreed outside: triangular(4, 9, 9) below 5: 1/25
])
def test_sensitivity_draws_each_score_from_the_panels_range(tmp_path: Path, agreed: float, expected: float) -> None:
    folder = two_options(tmp_path, agreed)
    args = ("sensitivity", folder, "--weights", "fixed", "--samples", "20000", "-f", "json")
    data = json.loads(run_appraise(*args, "--scores", "panel").out)
    assert data["sampling"]["scores"] == "panel"
    assert data["preferred"] == "a"
    assert data["preferred_probability"] == pytest.approx(expected, abs=0.01)  # standard error about 0.002
    assert json.loads(run_appraise(*args).out)["preferred_probability"] == 1  # no low/high: no variation
    for shown in ("table", "markdown"):
        run = run_appraise(*args[:-2], "-f", shown, "--scores", "panel")
        assert run.code == 0 and "judged scores within the range of the scoring panel's own scores" in run.out, run.err


def test_scoring_puts_the_panels_range_and_filled_scores_in_the_result(tmp_path: Path) -> None:
    import dataclasses

    from appraisal.analysis.montecarlo import Settings, simulate
    from appraisal.scoring.weighted_sum import score

    result = score(load(filled_folder(tmp_path, "median")))
    alpha, beta = result.option("alpha"), result.option("beta")
    # alpha: quality 8, 6, 4, 5; access 3, 3, 2 (filled with their median, 3); beta quality 7, 7
    assert (alpha.cells["quality"].panel_low, alpha.cells["quality"].panel_high) == (4, 8)
    assert (alpha.cells["access"].panel_low, alpha.cells["access"].panel_high) == (2, 3)
    assert (beta.cells["quality"].panel_low, beta.cells["quality"].panel_high) == (7, 7)
    assert [k for k, c in alpha.cells.items() if c.filled] == ["access"]
    assert not any(c.filled for c in beta.cells.values())
    assert alpha.cells["cost"].panel_low is None and alpha.cells["service"].panel_high is None
    # Monte Carlo takes the panel's range from the Result, not from the inputs
    bare = dataclasses.replace(result, appraisal=dataclasses.replace(result.appraisal, assessments={}))
    settings = Settings(samples=500, seed=1, weights="fixed", scores="panel")
    assert simulate(bare, settings) == simulate(result, settings)


def test_sensitivity_panel_without_a_panel_is_a_usage_error() -> None:
    run = run_appraise("sensitivity", REPO / "tests" / "data" / "report-small", "--scores", "panel")
    assert run.code == 2 and "no assessors' files" in run.err and run.out == ""


def test_every_example_command_in_docs_panel_runs(tmp_path: Path) -> None:
    import re
    import shlex

    shutil.copytree(SMALL, tmp_path / "tests" / "data" / "panel-small")
    doc = (REPO / "docs" / "panel.md").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for block in re.findall(r"```sh\n(.*?)```", doc, flags=re.DOTALL)
             for line in block.splitlines()]
    found = [shlex.split(line)[1:] for line in lines if line.startswith("appraise ")]
    assert len(found) == 7
    for args in found:
        run = run_appraise(*args, cwd=tmp_path)
        assert run.code == 0, (args, run.err)
    assert (tmp_path / "pack.md").read_text(encoding="utf-8").startswith("# Moderation pack")
    assert (tmp_path / "pack.docx").exists() and (tmp_path / "moderation.xlsx").exists()


# --- diff -------------------------------------------------------------------------------


def changed_panel(folder: Path) -> None:
    """Ann lowers beta's access from 4 to 3; alpha's moderation note is reworded."""
    ann = folder / "assessments" / "ann.yaml"
    ann.write_text(ann.read_text(encoding="utf-8").replace("access: {score: 4,", "access: {score: 3,"),
                   encoding="utf-8")
    alpha = folder / "options" / "alpha.yaml"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace(
        "Bob's view of the staffing plan prevailed.", "The panel accepted Bob's reading."), encoding="utf-8")


def test_diff_shows_changed_assessments_and_moderation_notes(tmp_path: Path) -> None:
    old = copy(tmp_path)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    changed_panel(new)
    (new / "assessments" / "dan.yaml").unlink()
    data = json.loads(run_appraise("diff", old, new, "-f", "json").out)
    got = [(c["file"], c["line"], c["path"], c["old"], c["new"]) for c in data["inputs"]]
    assert got == sorted(got, key=lambda c: (c[0], c[1]))  # listed file by file, line by line
    assert len(got) == 3
    assert (str(new / "options" / "alpha.yaml"), 4, "options.alpha.scores.quality.moderation",
            "Bob's view of the staffing plan prevailed.", "The panel accepted Bob's reading.") in got
    assert (str(new / "assessments" / "ann.yaml"), 11, "assessments.ann.scores.beta.access.score", 4, 3) in got
    [dan] = [c for c in got if c[2] == "assessments.dan"]
    assert dan[0] == str(old / "assessments" / "dan.yaml") and dan[4] is None


def test_diff_against_a_git_ref_reads_the_assessments_from_git(tmp_path: Path) -> None:
    import os
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    folder = copy(tmp_path)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "panel"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    changed_panel(folder)
    run = run_appraise("diff", "--against", "HEAD", "-f", "json", cwd=folder)
    assert run.code == 0, run.err
    assert [c["path"] for c in json.loads(run.out)["inputs"]] == [  # file by file: assessments/ before options/
        "assessments.ann.scores.beta.access.score", "options.alpha.scores.quality.moderation"]


# --- the illustrative example ------------------------------------------------------------

EXAMPLE = REPO / "examples" / "lincolnshire-early-years"


def test_the_example_panel_is_as_its_readme_says() -> None:
    pack = moderation_pack(load(EXAMPLE))
    assert [(a.id, a.scored) for a in pack.assessors] == [("asha-patel", 20), ("ruth-clarke", 15), ("tom-hughes", 20)]
    flagged = [(i.option, i.criterion, i.flags) for i in pack.items if i.flags]
    assert flagged == [
        ("in-house", "continuity", ("divergent",)), ("in-house", "mobilisation", ("divergent",)),
        ("tender-locality-lots", "continuity", ("divergent",)), ("tender-single-contract", "equality", ("divergent",)),
    ]
    assert all("ruth-clarke" not in i.scores for i in pack.items if i.option == "extend-current")
    for path in (EXAMPLE / "assessments").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("# Illustrative:")


def test_the_readme_panel_commands_run_and_the_report_says_whose_view_matters(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("### panel"):readme.index("## Scoring rules")]
    lines = [line.split("#")[0].strip() for line in block.splitlines() if line.startswith("appraise ")]
    assert len(lines) == 3
    shutil.copytree(EXAMPLE, tmp_path / "examples" / EXAMPLE.name)
    for line in lines:
        run = run_appraise(*line.split()[1:], cwd=tmp_path)
        assert run.code == 0, (line, run.err)
    appendix = (tmp_path / "appendix.md").read_text(encoding="utf-8")
    assert "with Ruth Clarke's scores it would be Bring early years services in-house" in appendix


def test_validate_warns_of_unexplained_agreed_scores_and_counts_the_assessors() -> None:
    run = run_appraise("validate", SMALL)
    assert run.code == 0
    assert "and 3 options (2 shortlisted), 4 assessors, 0 scenarios; 2 warnings" in run.out
    beta = SMALL / "options" / "beta.yaml"
    assert run.err.splitlines() == [
        (f"{beta}:5:3: warning: the agreed score for 'quality' (9) is outside the panel's own scores (ann 7, bob 7), "
        "but the agreed score has no 'moderation:' note: add one saying how the panel reached it"),
        (f"{beta}:6:3: warning: the panel's scores for 'access' were far apart (ann 4, bob 1, cat 2, dan 3), but the "
        "agreed score has no 'moderation:' note: add one saying how the panel reached it"),
    ]
    assert "assessors" not in run_appraise("validate", REPO / "tests" / "data" / "report-small").out


def test_a_blank_declaration_and_two_files_for_one_assessor(tmp_path: Path) -> None:
    folder = copy(tmp_path)
    (folder / "assessments" / "eve.yaml").write_text("name: Eve\ninterests: '  '\n", encoding="utf-8")
    shutil.copy(folder / "assessments" / "dan.yaml", folder / "assessments" / "dan.yml")
    assert errors(folder) == [
        (f"{folder / 'assessments' / 'dan.yml'}:1:1: error: assessor 'dan' already has a file, "
        f"{folder / 'assessments' / 'dan.yaml'}: keep one"),
        (f"{folder / 'assessments' / 'eve.yaml'}:2:12: error: the declaration of interests is empty: write what this "
        "assessor declared, or 'None declared' if there was nothing to declare"),
    ]

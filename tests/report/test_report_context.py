"""The report's pure parts: context building, RAG bands, score labels, chart geometry,
provenance digests and the rendering environments, with hand-worked expectations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import REPO

from appraisal.load.folder import load
from appraisal.model.criteria import Scale
from appraisal.render.charts import PALETTE, PLOT_LEFT, stacked_bars
from appraisal.render.jinja import UserTemplates, bundled_source, render
from appraisal.report import SECTIONS, build_context, provenance
from appraisal.report.base import criterion_refs, detailed_options, long_date
from appraisal.report.options import bands, rag, score_label
from appraisal.report.provenance import check_command, digest_of
from appraisal.scoring.weighted_sum import Result, score

SMALL = REPO / "tests" / "data" / "report-small"


@pytest.fixture(scope="module")
def small() -> Result:
    return score(load(SMALL))


def test_rag_bands_cover_every_product_of_likelihood_and_impact() -> None:
    assert [rag(p)[0] for p in (1, 2, 3, 4)] == ["green"] * 4
    assert [rag(p)[0] for p in (5, 6, 8, 9, 10, 12)] == ["amber"] * 6
    assert [rag(p)[0] for p in (15, 16, 20, 25)] == ["red"] * 4
    assert [(b["label"], b["range"]) for b in bands()] == [
        ("Green (low)", "1 to 4"), ("Amber (medium)", "5 to 12"), ("Red (high)", "15 to 25")]


def test_score_labels_name_the_point_or_the_two_around_it() -> None:
    scale = Scale(min=0, max=4, labels={0: "Absent", 2: "Partial", 4: "Full"})
    assert score_label(2, scale) == "Partial"
    assert score_label(3, scale) == "between Partial and Full"
    assert score_label(0.5, scale) == "between Absent and Partial"
    assert score_label(3, Scale(min=0, max=4, labels={4: "Full"})) == ""


def test_criteria_are_numbered_by_their_place_in_the_tree(small: Result) -> None:
    assert criterion_refs(small) == {"cost": "1", "quality": "2", "access": "2.1", "reach": "2.2"}


def test_detailed_options_keep_the_top_and_the_baseline(small: Result) -> None:
    assert [o.id for o in detailed_options(small, 1)] == ["alpha", "beta"]  # beta is the baseline
    assert [o.id for o in detailed_options(small, 2)] == ["alpha", "beta"]
    assert [o.id for o in detailed_options(small)] == ["alpha", "beta", "gamma"]


def test_long_dates_do_not_depend_on_the_locale() -> None:
    import datetime as dt

    assert long_date(dt.date(2017, 3, 14)) == "14 March 2017"


def test_stacked_bar_geometry() -> None:
    chart = stacked_bars([("Option A", [50.0, 25.0], "75.00", True), ("Option B", [0.0, 10.0], "10.00", True)],
                         ["Cost", "Quality"])
    a, b = chart["bars"]
    plot_width = chart["plot_right"] - PLOT_LEFT
    # 100 points span the plot's width: 50 points is half of it
    assert [s["width"] for s in a["segments"]] == [round(plot_width / 2, 2), round(plot_width / 4, 2)]
    assert [s["x"] for s in a["segments"]] == [PLOT_LEFT, round(PLOT_LEFT + plot_width / 2, 2)]
    assert [s["colour"] for s in a["segments"]] == list(PALETTE[:2])
    assert [s["series"] for s in b["segments"]] == ["Quality"]  # no sliver for a zero value
    assert a["total_x"] == round(PLOT_LEFT + plot_width * 0.75 + 6, 2)
    assert [t["label"] for t in chart["ticks"]] == ["0", "20", "40", "60", "80", "100"]
    assert a["lines"] == ("Option A",)
    # one label line (18px), the bar (24px) and the gap (14px) between bars
    assert b["y"] - a["y"] == 18 + 24 + 14


def _luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_chart_colours_have_3_to_1_contrast_against_white() -> None:
    for colour in PALETTE:
        assert (1.05 / (_luminance(colour) + 0.05)) >= 3.0, colour


def test_provenance_digest_is_the_sha256_of_the_sha256sum_lines() -> None:
    p = provenance(digest_of("criteria.yaml", b"c"),
                   [digest_of("options/b.yaml", b"b"), digest_of("options/a.yaml", b"a")],
                   digest_of("scenarios/s.yaml", b"s"))
    sha = {k: hashlib.sha256(k).hexdigest() for k in (b"a", b"b", b"c", b"s")}
    manifest = (f"{sha[b'c']}  criteria.yaml\n{sha[b'a']}  options/a.yaml\n{sha[b'b']}  options/b.yaml\n"
                f"{sha[b's']}  scenarios/s.yaml\n")
    assert p.manifest == manifest
    assert p.digest == hashlib.sha256(manifest.encode()).hexdigest()
    assert p.command == "LC_ALL=C sha256sum criteria.yaml options/*.yaml scenarios/s.yaml | sha256sum"


def test_check_command_lists_files_a_glob_would_not_select() -> None:
    assert check_command("criteria.yaml", ["options/a.yaml", "options/b.yml"], None) == (
        "LC_ALL=C sha256sum criteria.yaml options/a.yaml options/b.yml | sha256sum")
    assert check_command("my criteria.yaml", ["my options/a.yaml"], "/tmp/x y.yaml") == (
        "LC_ALL=C sha256sum 'my criteria.yaml' 'my options'/*.yaml '/tmp/x y.yaml' | sha256sum")
    assert check_command("criteria.yaml", [], None) == "LC_ALL=C sha256sum criteria.yaml | sha256sum"


def test_context_is_plain_data_and_the_same_every_time(small: Result) -> None:
    p = provenance(digest_of("criteria.yaml", b""), [])
    first = build_context(small, p)
    text = json.dumps(first)  # nothing but dicts, lists (or tuples), strings, numbers, booleans
    assert json.dumps(build_context(score(load(SMALL)), p)) == text
    assert [s["id"] for s in first["sections"]][:2] == ["recommendation", "method"]
    assert first["section"]["recommendation"]["kind"] == "preferred"
    assert first["section"]["recommendation"]["margin"] == "25.00"


def test_every_section_has_a_partial_in_each_format() -> None:
    for section in SECTIONS:
        for fmt in ("md", "html"):
            assert bundled_source(f"partials/{section.id}.{fmt}.j2") is not None, (section.id, fmt)
    assert bundled_source("../pyproject.toml") is None


def test_a_section_builder_returning_none_leaves_the_section_out(small: Result) -> None:
    from appraisal.report import Section

    context = build_context(small, provenance(digest_of("c", b""), []),
                            sections=[SECTIONS[0], Section("nothing", "Nothing", lambda inputs: None)])
    assert [s["id"] for s in context["sections"]] == ["recommendation"]


def test_markdown_environment_escapes_every_value_and_html_autoescapes(small: Result, tmp_path: Path) -> None:
    context = build_context(small, provenance(digest_of("c", b""), []))
    context["title"] = "<b>*x*</b> | {{ 7*7 }}"
    template = "{{ title }}\n{{ section.summary.years | plural('year') }}\n"
    user = UserTemplates({"--template": (template, "t.j2")})
    assert render(context, "markdown", user) == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\{\\{ 7\\*7 \\}\\}\n2 years\n"
    assert render(context, "html", user) == "&lt;b&gt;*x*&lt;/b&gt; | {{ 7*7 }}\n2 years\n"


def test_provenance_digests_the_bytes_that_were_scored_not_the_files_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from appraisal.cli.report import input_provenance
    from appraisal.scenario.overlay import apply, read_scenario

    folder = tmp_path / "small"
    shutil.copytree(SMALL, folder)
    criteria = b"\xef\xbb\xbf" + (folder / "criteria.yaml").read_bytes()  # a BOM: digested as stored
    (folder / "criteria.yaml").write_bytes(criteria)
    (folder / "scenarios").mkdir()
    scenario = b"name: Same\n"
    (folder / "scenarios" / "same.yaml").write_bytes(scenario)
    monkeypatch.chdir(tmp_path)
    appraisal = apply(load(Path("small")), *read_scenario(Path("small/scenarios/same.yaml")))
    (folder / "criteria.yaml").write_bytes(b"changed after it was read")
    (folder / "scenarios" / "same.yaml").unlink()
    p = input_provenance(appraisal, Path("small"), UserTemplates())
    names = [f.name for f in p.files]
    assert names == ["criteria.yaml", "options/alpha.yaml", "options/beta.yaml", "options/delta.yaml",
                     "options/gamma.yaml", "scenarios/same.yaml"]
    assert p.files[0].sha256 == hashlib.sha256(criteria).hexdigest()
    assert p.files[-1].sha256 == hashlib.sha256(scenario).hexdigest()
    assert p.files[1].sha256 == hashlib.sha256((SMALL / "options" / "alpha.yaml").read_bytes()).hexdigest()

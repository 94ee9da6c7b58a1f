"""User templates: ``--template FILE`` and an appraisal folder's own ``templates/``, rendered in
Jinja's sandbox, with mistakes reported as bad input (FILE:LINE:COL, exit 2, no traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_appraise

SMALL = REPO / "tests" / "data" / "report-small"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "small"
    shutil.copytree(SMALL, dest)
    return dest


def test_template_extends_the_bundled_one_and_user_text_stays_escaped(folder: Path, tmp_path: Path) -> None:
    options = folder / "options" / "alpha.yaml"
    options.write_text(options.read_text().replace("name: Alpha", "name: 'Alpha <b>bold</b> | *x*'"))
    template = tmp_path / "mine.md.j2"
    template.write_text('{% extends "appendix.md.j2" %}\n{% block heading %}# Appendix B: {{ title }}\n{% endblock '
                        '%}\n')
    run = run_appraise("report", folder, "--template", template)
    assert run.code == 0, run.err
    assert run.out.startswith("# Appendix B: Library service options\n")
    assert "## Summary of the options" in run.out
    assert "| 1 | Alpha &lt;b&gt;bold&lt;/b&gt; \\| \\*x\\* | 77.50 |" in run.out
    # the template's name implies the format; provenance names the template
    html_template = tmp_path / "mine.html.j2"
    html_template.write_text('{% extends "appendix.html.j2" %}{% block page_title %}B: {{ title }}{% endblock %}')
    html = run_appraise("report", folder, "--template", html_template)
    assert html.code == 0, html.err
    assert "<title>B: Library service options</title>" in html.out
    assert "Alpha &lt;b&gt;bold&lt;/b&gt; | *x*" in html.out
    assert f"  {html_template}\n" in html.out


def test_a_template_may_use_the_context_of_each_section(folder: Path, tmp_path: Path) -> None:
    template = tmp_path / "brief.md.j2"
    template.write_text(
        "{{ section.recommendation.sentence }}\n"
        "{% for row in section.summary.rows %}{{ row.option.rank_text }}. {{ row.option.name }}: {{ row.option.total "
        "}}\n{% endfor %}"
    )
    run = run_appraise("report", folder, "--template", template)
    assert run.code == 0, run.err
    assert run.out == (
        "The preferred option is Alpha, with 77.50 points out of 100: 25.00 points ahead of the runner-up, "
        "Beta (52.50).\n1. Alpha: 77.50\n2. Beta: 52.50\n–. Gamma: 60.00\n"
    )


@pytest.mark.parametrize(("text", "line", "message"), [
    ("ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n", 2, "template error: access to attribute '__class__'"),
    ("{{ cycler.__init__.__globals__ }}", 1, "template error: access to attribute '__init__'"),
    ("{% set x = section.summary.rows.append(1) %}", 1, "template error: access to attribute 'append'"),
    ("{{ 'x' * 100000000 }}", 1, "template error: the repeated text or list would be too long"),
    ("{{ 2 ** 100000000 }}", 1, "template error: the power 100000000 is too large"),
    ("a\nb\n{{ no_such_name }}", 3, "template error: 'no_such_name' is undefined"),
    ("{% if %}", 1, "template syntax error: Expected an expression"),
    ('{% include "../../../etc/passwd" %}', 1, "template error: ../../../etc/passwd"),
])
def test_sandbox_refuses_and_reports_where(folder: Path, tmp_path: Path, text: str, line: int, message: str) -> None:
    template = tmp_path / "evil.md.j2"
    template.write_text(text)
    target = tmp_path / "out.md"
    run = run_appraise("report", folder, "--template", template, "-o", target)
    assert run.code == 2, run.out
    assert run.err.startswith(f"{template}:{line}:1: error: {message}"), run.err
    assert "Traceback" not in run.err
    assert not target.exists()


def test_missing_template_file_is_bad_input(folder: Path, tmp_path: Path) -> None:
    run = run_appraise("report", folder, "--template", tmp_path / "nope.j2")
    assert run.code == 2
    assert run.err.startswith(f"{tmp_path / 'nope.j2'}:1:1: error: cannot read the template")


def test_folder_templates_override_a_partial_and_are_listed_in_provenance(folder: Path) -> None:
    partial = folder / "templates" / "partials" / "discounted.md.j2"
    partial.parent.mkdir(parents=True)
    partial.write_text("Set aside: {% for d in data.options %}{{ d.name }}{% endfor %}.\n")
    (folder / "templates" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")  # not a template: ignored
    run = run_appraise("report", folder)
    assert run.code == 0, run.err
    assert "## Options not taken forward\n\nSet aside: Delta.\n" in run.out
    assert "- templates/partials/discounted.md.j2: " in run.out
    # a sandbox escape in the folder's own template is refused like one given with --template
    partial.write_text("{{ data.__class__ }}")
    run = run_appraise("report", folder)
    assert run.code == 2
    assert "templates/partials/discounted.md.j2:1:1: error: template error" in run.err


def test_a_folder_template_identical_to_the_bundled_one_is_no_override(folder: Path) -> None:
    partial = folder / "templates" / "partials" / "summary.md.j2"
    partial.parent.mkdir(parents=True)
    shutil.copy(REPO / "templates" / "partials" / "summary.md.j2", partial)
    plain = run_appraise("report", SMALL)
    copied = run_appraise("report", folder)
    assert copied.code == 0
    assert copied.out == plain.out
    assert "templates of the user's own" not in copied.out


def test_the_print_footer_quotes_the_title_as_a_css_string() -> None:
    """Text inside <style> is not HTML-escaped, so the footer's title is CSS-escaped instead:
    nothing in it can close the string or the style element."""
    from appraisal.render.jinja import environment

    css = environment("html").from_string("{{ t | css_string }}").render(t='A "B" </style> £1')
    assert css == '"A \\22 B\\22  \\3c \\2f style\\3e  \\a3 1"'

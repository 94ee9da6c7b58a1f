"""A user's report template cannot read files or reach Python outside Jinja's sandbox (issue 7).

``appraise report --template FILE`` and an appraisal folder's own ``templates/`` run in Jinja's
immutable sandbox (appraisal/render/jinja.py). These tests attack it the usual ways: loading files by
path (absolute, ``..``, a symbolic link in ``templates/``), Python's object graph from the
globals Jinja provides (``__class__``, ``__subclasses__``, ``__globals__``, ``mro``,
``func_globals``), format-string tricks, and runaway recursion. Each must be exit 2 with the
template's file and line, no output file and no side effect; what the sandbox does not bound
(CPU time of a long loop) is listed in docs/reliability.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_appraise, spawn_appraise

SMALL = REPO / "tests" / "data" / "report-small"
SECRET = "hunter2-do-not-leak"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small appraisal, and a secret file beside it that no template may read."""
    dest = tmp_path / "appraisal"
    shutil.copytree(SMALL, dest)
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    return dest


def render_with(folder: Path, template: str, tmp_path: Path, *, real: bool = False) -> tuple[object, Path, Path]:
    path = tmp_path / "mine.md.j2"
    path.write_text(template, encoding="utf-8")
    out = tmp_path / "report.md"
    run = (spawn_appraise if real else run_appraise)("report", folder, "--template", path, "--output", out)
    return run, path, out


READS = [
    '{% include "/etc/passwd" %}',
    '{% include "../secret.txt" %}',
    '{% include "../../secret.txt" %}',
    '{% include "partials/../../secret.txt" %}',
    '{% include "./../secret.txt" %}',
    '{% include "{secret}" %}',
    '{% include "file://{secret}" %}',
    '{% extends "../secret.txt" %}',
    '{% import "../secret.txt" as s %}',
    '{% from "/etc/passwd" import root %}',
    '{% include ["nothing.j2", "../secret.txt"] %}',
    '{% set p = ".." ~ "/secret.txt" %}{% include p %}',
    "{{ open('{secret}').read() }}",
    "{{ self._TemplateReference__context.environment.loader }}",
]


@pytest.mark.parametrize("attack", READS)
def test_a_template_cannot_read_a_file(folder: Path, tmp_path: Path, attack: str) -> None:
    template = "harmless first line\n" + attack.replace("{secret}", str(tmp_path / "secret.txt")) + "\n"
    run, path, out = render_with(folder, template, tmp_path)
    assert run.code == 2, run.out[:500]  # type: ignore[attr-defined]
    assert run.err.startswith(f"{path}:2:1: error: template"), run.err  # type: ignore[attr-defined]
    assert SECRET not in run.err + run.out and not out.exists()  # type: ignore[attr-defined]


ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ ()|attr('__class__') }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ title.__class__ }}",
    "{{ title.mro() }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch {marker}') }}",
    "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.func_globals }}",
    "{{ lipsum.__code__ }}",
    "{{ cycler.next.__self__.__class__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self.__dict__ }}",
    "{% for row in section.summary.rows %}{{ loop.__class__ }}{% endfor %}",
    "{{ '{0.__class__}'.format(title) }}",
    "{{ '{0.__class__.__mro__}'.format('') }}",
    "{{ '{.__globals__}'.format(lipsum) }}",
    "{{ '{x.__class__}'.format_map({'x': title}) }}",
    "{{ section.__class__.__init__ }}",
    "{{ dict.__init__ }}",
    "{{ range.__self__ }}",
    "{% set x = section.summary.rows.append(1) %}",
    "{% set _ = section.update({'a': 1}) %}",
    "{{ range(10**9)|list|length }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
]


@pytest.mark.parametrize("attack", ESCAPES)
def test_a_template_cannot_leave_the_sandbox(folder: Path, tmp_path: Path, attack: str) -> None:
    marker = tmp_path / "PWNED"
    template = "harmless first line\n" + attack.replace("{marker}", str(marker)) + "\n"
    run, path, out = render_with(folder, template, tmp_path)
    assert run.code == 2, run.out[:500]  # type: ignore[attr-defined]
    assert run.err.startswith(f"{path}:2:1: error: template"), run.err  # type: ignore[attr-defined]
    assert "Traceback" not in run.err and not out.exists() and not marker.exists()  # type: ignore[attr-defined]


def test_the_sandbox_holds_through_the_console_script(folder: Path, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    template = f"line one\n{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}\n"
    run, path, out = render_with(folder, template, tmp_path, real=True)
    assert run.code == 2  # type: ignore[attr-defined]
    assert run.err.strip() == (  # type: ignore[attr-defined]
        f"{path}:2:1: error: template error: access to attribute '__init__' of 'type' object is unsafe."
    )
    assert not marker.exists() and not out.exists()


@pytest.mark.posix
def test_a_folder_template_linked_out_of_the_folder_is_not_read(folder: Path, tmp_path: Path) -> None:
    """A pull request can add templates/partials/summary.md.j2 -> /etc/passwd: it put the whole
    file into the report before links out of the appraisal folder were refused."""
    partial = folder / "templates" / "partials" / "summary.md.j2"
    partial.parent.mkdir(parents=True)
    partial.symlink_to(tmp_path / "secret.txt")
    run = run_appraise("report", folder)
    assert run.code == 2 and SECRET not in run.out + run.err
    assert run.err.strip() == (
        f"{partial}:1:1: error: the file is a symbolic link out of the appraisal folder "
        f"(to {(tmp_path / 'secret.txt').resolve()}), which appraise does not follow"
    )


@pytest.mark.posix
def test_a_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "shared").mkdir()
    (folder / "shared" / "summary.md.j2").write_text("Linked summary of {{ title }}.\n")
    partial = folder / "templates" / "partials" / "summary.md.j2"
    partial.parent.mkdir(parents=True)
    partial.symlink_to(folder / "shared" / "summary.md.j2")
    run = run_appraise("report", folder)
    assert run.code == 0, run.err
    assert "Linked summary of Library service options.\n" in run.out


@pytest.mark.posix
@pytest.mark.parametrize("where", ["options/zz.yaml", "scenarios/zz.yaml", "criteria.yaml"])
def test_yaml_files_linked_out_of_the_folder_are_not_read(folder: Path, tmp_path: Path, where: str) -> None:
    """The same for inputs: a link to ~/.aws/credentials put its key names into messages."""
    outside = tmp_path / "credentials.yaml"
    outside.write_text(f"aws_secret_access_key: {SECRET}\n")
    link = folder / where
    link.parent.mkdir(exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(outside)
    run = run_appraise("validate", folder)
    assert run.code == 2 and SECRET not in run.err and "aws_secret_access_key" not in run.err
    assert (f"{link}:1:1: error: the file is a symbolic link out of the appraisal folder (to {outside.resolve()}), "
            "which appraise does not follow") in run.err


@pytest.mark.posix
def test_links_are_judged_against_this_run_s_folder_not_an_earlier_one(folder: Path, tmp_path: Path) -> None:
    """Two runs in one process, each given the folder as ".": the second folder's link to a file
    inside it is followed, and its link into the first folder is refused (the folder's real path
    was remembered by the name ".", so the first folder's stood in for the second's)."""
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(folder, first)
    shutil.copytree(folder, second)
    assert run_appraise("validate", ".", cwd=first).code == 0
    (second / "shared").mkdir()
    shutil.copy(second / "options" / "alpha.yaml", second / "shared" / "zz.yaml")
    (second / "options" / "zz.yaml").symlink_to(second / "shared" / "zz.yaml")
    inside = run_appraise("validate", ".", cwd=second)
    assert inside.code == 0 and "options/zz.yaml" not in inside.err, inside.err
    (second / "options" / "zz.yaml").unlink()
    (second / "options" / "zz.yaml").symlink_to(first / "options" / "alpha.yaml")
    into_first = run_appraise("validate", ".", cwd=second)
    assert into_first.code == 2
    assert (f"options/zz.yaml:1:1: error: the file is a symbolic link out of the appraisal folder "
            f"(to {(first / 'options' / 'alpha.yaml').resolve()})") in into_first.err


def test_a_criteria_file_named_on_the_command_line_may_live_anywhere(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared-criteria.yaml"
    shutil.copy(folder / "criteria.yaml", elsewhere)
    (folder / "criteria.yaml").unlink()
    (folder / "criteria.yaml").symlink_to(elsewhere)
    assert run_appraise("score", folder, "--criteria", elsewhere).code == 0


@pytest.mark.posix
def test_a_template_that_runs_out_of_memory_is_bad_input(folder: Path, tmp_path: Path) -> None:
    """Under a 500 MB address-space limit, 100,000 strings of a megabyte each cannot be held:
    the MemoryError was an internal error (exit 70); it is the template's fault, at its line.
    (A macro collects them: printed straight out, the output bound stops them first.)"""
    import resource
    import subprocess

    from conftest import appraise_command

    path = tmp_path / "hungry.md.j2"
    path.write_text('first line\n{% macro m() %}{% for i in range(100000) %}{{ "x" * 999999 }}{% endfor %}'
                    '{% endmacro %}{{ m() | length }}\n')
    out = tmp_path / "report.md"
    limit = 500 * 1024 * 1024
    proc = subprocess.run(
        [*appraise_command(), "report", str(folder), "--template", str(path), "--output", str(out)],
        capture_output=True, text=True, check=False, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == f"{path}:2:1: error: template error: it needs more memory than there is"
    assert not out.exists()


def test_a_template_file_that_never_ends_is_refused(folder: Path) -> None:
    """``--template /dev/zero`` was read whole, for ever; now only up to the size limit."""
    run = run_appraise("report", folder, "--template", "/dev/zero", timeout=60)
    assert run.code == 2
    assert run.err.strip() == "/dev/zero:1:1: error: the template is over 1,000,000 bytes, the limit"


def test_a_template_that_writes_without_end_is_stopped_as_it_runs(folder: Path, tmp_path: Path) -> None:
    """Each step is bounded (template_limits), but a loop of many steps could still build more than
    memory holds: 100,000 pieces of 900,000 characters (90 GB) are refused at 50 million, in seconds."""
    template = tmp_path / "loop.md.j2"
    template.write_text('{% set s = "x" * 900000 %}{% for i in range(100000) %}{{ s }}{% endfor %}\n')
    target = tmp_path / "out.md"
    run = run_appraise("report", folder, "--template", template, "-o", target, timeout=60)
    assert run.code == 2 and "the template writes more than 50,000,000 characters" in run.err
    assert run.err.startswith(f"{template}:1:1: error: template error:") and not target.exists()

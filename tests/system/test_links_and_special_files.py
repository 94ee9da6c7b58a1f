"""Links and special files are never written through (issue 24, item 2; issue 23, item 4).

One rule for what appraise finds in an appraisal folder, on reading and on writing: a
symbolic link that stays inside the folder is followed; one that leads out of it, leads
nowhere or loops is refused, as is anything but a regular file (a named pipe would wait for
ever), each with a located message and exit 2. ``--output`` is the user's own name: it may be
a new file, an existing regular file or a link to one (replaced, the link kept), never a
folder, a named pipe, a device, a socket, a dangling link or one of the run's own inputs.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import make_appraisal, run_appraise

pytestmark = pytest.mark.posix  # symbolic links, named pipes and device nodes

CRITERIA = {"title": "T", "date": dt.date(2025, 3, 14), "criteria": [{"id": "q", "name": "Q", "weight": 1}]}
OPTIONS = {"a": {"name": "A", "scores": {"q": 3}}, "b": {"name": "B", "scores": {"q": 2}}}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_appraisal(tmp_path / "appraisal", CRITERIA, OPTIONS)


def filled_sheet(folder: Path, assessor: str = "jo", score: int = 4) -> Path:
    sheet = folder.parent / f"{assessor}.xlsx"
    run = run_appraise("scoresheet", folder, "--assessor", assessor, "--output", sheet)
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(sheet)
    book["Assessor"]["B1"], book["Assessor"]["B3"] = "Jo", "None declared"
    book["Scores"]["E2"] = score
    book.save(sheet)
    return sheet


def tree(root: Path) -> dict[str, str]:
    """Every entry under ``root`` and what it is, links not followed: to see nothing was made."""
    out = {}
    for path in sorted(root.rglob("*")):
        mode = path.lstat().st_mode
        out[str(path.relative_to(root))] = "link" if stat.S_ISLNK(mode) else "dir" if stat.S_ISDIR(mode) else "file"
    return out


# --- one rule on reading and on writing ---------------------------------------------------------

def _regular(place: Path, outside: Path) -> None:
    place.write_text("name: Jo\ninterests: None\n")


def _link_inside(place: Path, outside: Path) -> None:
    (place.parent.parent / "kept.txt").write_text("name: Jo\ninterests: None\n")
    place.symlink_to(Path("..") / "kept.txt")


def _link_out(place: Path, outside: Path) -> None:
    (outside / "jo.yaml").write_text("name: Jo\ninterests: None\n")
    place.symlink_to(outside / "jo.yaml")


def _dangling_in(place: Path, outside: Path) -> None:
    place.symlink_to(Path("..") / "gone.yaml")


def _dangling_out(place: Path, outside: Path) -> None:
    place.symlink_to(outside / "made-by-appraise.yaml")


def _loop(place: Path, outside: Path) -> None:
    place.symlink_to(place.name)


def _fifo(place: Path, outside: Path) -> None:
    os.mkfifo(place)


KINDS: dict[str, tuple[Callable[[Path, Path], None], str | None]] = {
    "a regular file": (_regular, None),
    "a link inside the folder": (_link_inside, None),
    "a link out of the folder": (_link_out, "is a symbolic link out of the appraisal folder"),
    "a link to nothing inside": (_dangling_in, "which does not exist"),
    "a link to nothing outside": (_dangling_out, "is a symbolic link out of the appraisal folder"),
    "a loop of links": (_loop, "leads round in a loop"),
    "a named pipe": (_fifo, "this is a named pipe (FIFO), not a file"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_assessors_file_is_read_and_written_by_one_rule(folder: Path, tmp_path: Path, kind: str) -> None:
    make, refusal = KINDS[kind]
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / "assessments").mkdir()
    place = folder / "assessments" / "jo.yaml"
    sheet = filled_sheet(folder)
    make(place, outside)
    before = tree(outside)
    read = run_appraise("validate", folder)
    if refusal is None:
        assert read.code == 0, read.err
        return
    assert read.code == 2 and f"{place}:1:1: error: " in read.err and refusal in read.err, read.err
    write = run_appraise("import", sheet, folder, "--force")
    assert write.code == 2 and f"{place}:1:1: error: " in write.err and refusal in write.err, write.err
    assert tree(outside) == before and "Traceback" not in read.err + write.err


@pytest.mark.parametrize("kind", ["a link out of the folder", "a link to nothing inside", "a loop of links"])
@pytest.mark.parametrize("where", ["options", "scenarios"])
def test_a_bad_link_among_options_or_scenarios_is_an_error_not_skipped(
        folder: Path, tmp_path: Path, kind: str, where: str) -> None:
    make, refusal = KINDS[kind]
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / where).mkdir(exist_ok=True)
    place = folder / where / "c.yaml"
    make(place, outside)
    run = run_appraise("validate", folder)
    assert run.code == 2 and f"{place}:1:1: error: " in run.err and refusal and refusal in run.err, run.err


def test_a_named_pipe_among_the_options_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "options" / "c.yaml")
    run = run_appraise("score", folder, timeout=20)
    assert run.code == 2 and "options/c.yaml:1:1: error: this is a named pipe (FIFO), not a file" in run.err


def test_import_writes_nothing_into_a_folder_outside_that_assessments_links_to(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    sheet = filled_sheet(folder)
    (folder / "assessments").symlink_to(elsewhere)
    run = run_appraise("import", sheet, folder)
    assert run.code == 2 and f"{folder / 'assessments'}:1:1: error: the folder is a symbolic link out of the " \
        "appraisal folder" in run.err
    assert list(elsewhere.iterdir()) == []


def test_a_dangling_assessments_link_is_a_plain_error(folder: Path) -> None:
    sheet = filled_sheet(folder)
    (folder / "assessments").symlink_to(folder / "nowhere")
    for args in (["validate", folder], ["score", folder], ["import", sheet, folder]):
        run = run_appraise(*args)
        assert run.code == 2 and "Traceback" not in run.err, run.err
        assert f"{folder / 'assessments'}:1:1: error: this is a symbolic link to {folder / 'nowhere'}, " \
            "which does not exist" in run.err
    assert not (folder / "nowhere").exists()


def test_a_folder_that_cannot_be_listed_is_a_plain_error(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, who may list any folder: the refusal is made by the test (and for
    real by chmod when not root)."""
    options = folder / "options"
    if os.geteuid() != 0:
        options.chmod(0)
    else:
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if Path(str(path)) == options:
                raise PermissionError(13, "Permission denied")
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        run = run_appraise("score", folder)
    finally:
        options.chmod(0o755)
    assert (run.code, run.err) == (2, f"{options}: cannot list this folder: Permission denied\n")


# --- --output ---------------------------------------------------------------------------------

def test_output_onto_a_named_pipe_is_refused_and_it_stays_a_pipe(folder: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    run = run_appraise("score", folder, "--output", pipe, timeout=20)
    assert run.code == 2 and f"{pipe}: cannot write: it is a named pipe (FIFO), not a file" in run.err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_output_onto_a_device_is_refused_and_it_stays_a_device(folder: Path, tmp_path: Path) -> None:
    """A device node of our own, the same device as /dev/null (1, 3): before the fix, -o replaced
    it with a regular file, as it would have /dev/null itself when run as root."""
    if os.geteuid() != 0:
        pytest.skip("only root can make a device node")
    node = tmp_path / "null.json"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    run = run_appraise("score", folder, "--output", node)
    assert run.code == 2 and f"{node}: cannot write: it is a device, not a file" in run.err
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".null.json.")]


def test_output_through_a_dangling_link_is_refused(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "result.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    run = run_appraise("score", folder, "--format", "json", "--output", link)
    assert run.code == 2 and "is a symbolic link to" in run.err and "which does not exist" in run.err
    assert link.is_symlink() and not (tmp_path / "elsewhere.json").exists()


def test_output_through_a_loop_of_links_is_refused(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "result.json"
    link.symlink_to("result.json")
    run = run_appraise("score", folder, "--format", "json", "--output", link)
    assert run.code == 2 and "leads round in a loop" in run.err and "Traceback" not in run.err


def test_the_report_never_writes_over_its_own_template(folder: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ title }}\n")
    for given in (template, tmp_path / "same.md.j2"):
        if given != template:
            given.hardlink_to(template)
        run = run_appraise("report", folder, "--template", template, "--output", given)
        assert run.code == 2 and f"--output {given}: it is the --template of this run ({template})" in run.err
        assert template.read_text() == "{{ title }}\n"


def test_the_report_never_writes_over_its_reference_document(folder: Path, tmp_path: Path) -> None:
    reference = tmp_path / "house-style.docx"
    reference.write_bytes(b"the council's own styles")
    run = run_appraise("report", folder, "--format", "docx", "--reference-doc", reference, "--output", reference)
    assert run.code == 2 and f"--output {reference}: it is the --reference-doc of this run" in run.err
    assert reference.read_bytes() == b"the council's own styles"


def test_the_report_never_writes_over_a_file_of_the_appraisal(folder: Path) -> None:
    partial = folder / "templates" / "partials" / "summary.md.j2"
    partial.parent.mkdir(parents=True)
    partial.write_text("Our own summary.\n")
    run = run_appraise("report", folder, "--output", partial)
    assert run.code == 2 and f"--output {partial}: it is a file of the appraisal of this run" in run.err
    assert partial.read_text() == "Our own summary.\n"


# --- one assessor, one file ------------------------------------------------------------------------

def test_import_force_over_an_assessors_yml_file_keeps_one_file(folder: Path) -> None:
    (folder / "assessments").mkdir()
    (folder / "assessments" / "jo.yml").write_text("name: Jo\ninterests: None\nscores: {a: {q: 1}}\n")
    sheet = filled_sheet(folder, score=5)
    assert run_appraise("import", sheet, folder).code == 2  # other scores: --force is needed
    run = run_appraise("import", sheet, folder, "--force")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (folder / "assessments").iterdir()) == ["jo.yml"]
    assert yaml.safe_load((folder / "assessments" / "jo.yml").read_text())["scores"]["a"] == {"q": 5}
    assert run_appraise("validate", folder).code == 0


def test_import_into_a_folder_where_assessments_is_a_file_is_a_plain_error(folder: Path) -> None:
    sheet = filled_sheet(folder)
    (folder / "assessments").write_text("not a folder")
    run = run_appraise("import", sheet, folder)
    assert (run.code, run.err) == (2, f"{folder / 'assessments'}: cannot make the folder: File exists\n")

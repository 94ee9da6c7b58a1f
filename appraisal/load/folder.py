"""Load an appraisal folder: find its files, parse and validate each, check them together.

This is the only stage that knows about files. Every problem in every file is collected,
each with ``FILE:LINE:COL``, and raised once as :class:`~appraisal.errors.InputError`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from appraisal.errors import Problem, UsageError, raise_if_errors
from appraisal.load.names import not_read, verdict
from appraisal.load.source import Source, read_yaml
from appraisal.load.validate import M, validate_source
from appraisal.model.appraisal import Appraisal
from appraisal.model.criteria import CriteriaFile
from appraisal.model.option import Option, OptionFile
from appraisal.model.values import MAX_SLUG, is_slug
from appraisal.text import one_line, plural, series

SCENARIOS = "scenarios"
"""The folder, beside ``options/``, of scenario overlays: its names are checked on every command
(a misnamed scenario is an error, a file that is not one a warning), its files read by ``validate``."""
MAX_OPTIONS = 20_000
"""Option files in one appraisal. A committee weighs a handful; the bound keeps time and memory
in check (20,000 options of six criteria score in about 10 s; docs/reliability.md)."""
MAX_SCORES = 1_000_000
"""Options times criteria: 2,000 options of 500 criteria take about 30 s and 1 GB; 20,000 of
500, both within their own limits, would take ten times that."""


@dataclass(frozen=True)
class Layout:
    """Where an appraisal's files are, and the names to show for them."""

    folder: Path
    criteria: Path
    options: Path

    @staticmethod
    def find(path: Path, criteria: Path | None = None) -> Layout:
        """Accept the appraisal folder or its ``options/`` folder (docs/file-formats.md)."""
        if not path.exists():
            raise UsageError(f"{path}: no such folder")
        if not path.is_dir():
            raise UsageError(f"{path}: not a folder (give the appraisal folder or its options/ folder)")
        if (path / "criteria.yaml").is_file() or (path / "options").is_dir():
            folder = path
        else:  # the options folder itself (with or without --criteria); "." has no .parent
            folder = path.parent if path.name not in ("", "..") else path / ".."
        options = path if folder != path else path / "options"
        criteria_path = criteria or folder / "criteria.yaml"
        if criteria is None and folder != path and path.name != "options" and not criteria_path.is_file():
            criteria_path = path / "criteria.yaml"  # neither folder is an appraisal: name the one given
        if not criteria_path.is_file():
            raise UsageError(
                f"{criteria_path}: no criteria file here; give the appraisal folder, its options/ "
                "folder, or --criteria FILE (`appraise init DIR` starts a new appraisal)"
            )
        if not options.is_dir():
            raise UsageError(f"{options}: no options folder here (one YAML file per option)")
        return Layout(folder, criteria_path, options)



def yaml_files(folder: Path, kind: str) -> tuple[list[Path], list[Problem]]:
    """The YAML files in ``folder`` in name order (whatever order the file system lists them
    in), and a problem at each other file there, as :func:`appraisal.load.names.verdict` decides:
    an error for a YAML file an editor misnamed (``x.yaml.txt``), else a warning that it is not read.

    A copy saved as ``x - Copy.yml.bak`` would otherwise be skipped without a word. Hidden files
    (``.gitkeep``) and folders are passed over quietly. A dangling link or a named pipe with a
    YAML name is listed, for the reader to refuse (source.read_yaml).
    """
    found: list[str] = []
    skipped: list[Problem] = []
    try:
        entries = os.scandir(folder)
    except OSError as exc:
        raise UsageError(f"{folder}: cannot list this folder: {exc.strerror or exc}") from None
    with entries:  # an entry knows whether it is a folder without a stat of its own
        for entry in entries:
            if entry.name.startswith(".") or _is_folder(entry):
                continue
            said = verdict(entry.name, kind, folder.name)
            if said.kind == "read":
                found.append(entry.name)
            elif said.kind != "quiet":
                skipped.append(Problem(str(folder / entry.name), 1, 1, said.message, said.kind))
    return [folder / name for name in sorted(found, key=os.path.normcase)], sorted(skipped)  # as Paths sort


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder (or a link to one); a loop of links is not, and is listed."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def check_option_count(count: int, folder: str, criteria: Source | Problem | None = None) -> None:
    """Refuse more than MAX_OPTIONS option files, or more than MAX_SCORES options times
    criteria (counted in the criteria file's data), before any option file is read."""
    if count > MAX_OPTIONS:
        raise UsageError(
            f"{folder}: {count:,} option files; appraise reads at most {MAX_OPTIONS:,} "
            "(one file per option: is this the right folder?)"
        )
    each = _criteria_in(criteria.data) if isinstance(criteria, Source) else 0
    if count * each > MAX_SCORES:
        raise UsageError(
            f"{folder}: {count:,} options of {each:,} criteria each make {count * each:,} scores; appraise "
            f"takes at most {MAX_SCORES:,} (2,000 options of 500 criteria, or 20,000 of 50)"
        )


def _criteria_in(data: Any) -> int:
    """How many criteria (sub-criteria too) a criteria file's data holds, before validation."""
    nodes = data.get("criteria") if isinstance(data, dict) else None
    return sum(1 + _criteria_in(c) for c in nodes if isinstance(c, dict)) if isinstance(nodes, list) else 0


def read_model(path: Path, name: str, model: type[M], problems: list[Problem]) -> tuple[Source, M] | None:
    """Read, parse and validate one file, adding any problems to ``problems``."""
    parsed = read_yaml(path, name)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    checked = validate_source(parsed, model)
    if isinstance(checked, list):
        problems.extend(checked)
        return None
    return parsed, checked


def load(path: Path, criteria: Path | None = None, *, pending: bool = False) -> Appraisal:
    """Load and check the appraisal at ``path``; raise one InputError with every error.

    ``pending``: agreed scores may still be missing (the moderation pack, ``appraise panel``).
    """
    return load_with_notes(path, criteria, pending=pending)[0]


def load_with_notes(
    path: Path, criteria: Path | None = None, *, pending: bool = False
) -> tuple[Appraisal, list[Problem]]:
    """:func:`load`, with the warnings every command prints: input that was not read (a file
    whose name does not end in .yaml, text that ' #' cut off as a comment)."""
    return _load(path, criteria, warnings=False, pending=pending)


def load_with_warnings(path: Path, criteria: Path | None = None) -> tuple[Appraisal, list[Problem]]:
    """:func:`load`, also checking what deserves a warning: the appraisal and its warnings.

    When there is an error, the InputError shows the warnings with the errors.
    """
    return _load(path, criteria, warnings=True)


def _load(
    path: Path, criteria: Path | None, *, warnings: bool, pending: bool = False
) -> tuple[Appraisal, list[Problem]]:
    from appraisal.load.assessments import read_assessments
    from appraisal.load.weights import read_participants

    layout = Layout.find(path, criteria)
    criteria_name = str(layout.criteria)  # names as the user would type them, from the PATH given
    found = None if criteria else layout.folder  # a --criteria FILE is the user's own choice
    parsed: dict[str, Source | Problem] = {criteria_name: read_yaml(layout.criteria, criteria_name, folder=found)}
    files, skipped = yaml_files(layout.options, "options")
    if not files:
        raise_if_errors(skipped)  # x.yaml.txt: the officer's options are there, misnamed
        raise UsageError(
            f"{layout.options}: no option files here: each option is a YAML file in this folder, "
            f"with a name ending in .yaml{_not_read(skipped)}"
        )
    check_option_count(len(files), str(layout.options), parsed[criteria_name])
    parsed.update(read_files(files, layout.folder))
    assessments, not_assessments = read_assessments(layout.folder)
    scenarios = layout.folder / SCENARIOS
    not_scenarios = yaml_files(scenarios, "scenarios")[1] if scenarios.is_dir() else []
    participants, not_participants = read_participants(layout.folder)
    listed = skipped + not_assessments + not_scenarios + not_participants
    appraisal, notes = assemble(parsed, criteria_name, assessments, warnings=warnings, pending=pending, found=listed,
                                participants=participants)
    return replace(appraisal, unread=not_read(listed)), notes


def _not_read(skipped: list[Problem]) -> str:
    """`` (NAME is not read: ...)`` for the files :func:`yaml_files` passed over, if any."""
    if not skipped:
        return ""
    names = [Path(p.file).name for p in skipped[:3]]
    if len(skipped) > 3:
        names.append(plural(len(skipped) - 3, "other"))
    verb = "is" if len(skipped) == 1 else "are"
    return f" ({series(names)} {verb} not read, as the name does not end in .yaml or .yml)"


PARALLEL_FROM = 500
"""Option files from which parsing is shared between processes (below, starting one costs more)."""


def _read_chunk(job: tuple[list[Path], Path]) -> list[tuple[str, Source | Problem]]:
    files, folder = job
    return [(str(f), read_yaml(f, str(f), folder=folder)) for f in files]


def read_files(files: list[Path], folder: Path) -> dict[str, Source | Problem]:
    """Read and parse option files, in order; large folders are parsed on every core.

    Parsing YAML is most of the time a large appraisal takes and each file is independent, so
    from PARALLEL_FROM files, on Linux (fork: the workers inherit the loaded modules), the list
    is cut into one contiguous chunk per core: this process parses the first while workers
    parse the others (waiting idle for them cost a core). The result is the same, in the same order.
    """
    import sys

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or cores < 2 or not sys.platform.startswith("linux"):
        return dict(_read_chunk((files, folder)))
    import multiprocessing

    workers = min(cores, 8)
    size = -(-len(files) // workers)
    jobs = [(files[i:i + size], folder) for i in range(0, len(files), size)]
    with multiprocessing.get_context("fork").Pool(len(jobs) - 1) as pool:
        others = pool.map_async(_read_chunk, jobs[1:])
        first = _read_chunk(jobs[0])
        return {name: item for part in (first, *others.get()) for name, item in part}


def assemble(
    parsed: dict[str, Source | Problem],
    criteria_name: str,
    assessments: dict[str, Source | Problem] | None = None,
    *,
    warnings: bool = False,
    pending: bool = False,
    found: Sequence[Problem] = (),
    participants: dict[str, Source | Problem] | None = None,
) -> tuple[Appraisal, list[Problem]]:
    """Validate parsed files (one criteria file, any number of option files and of assessors'
    files) into an Appraisal.

    Returns it with its warnings: those every command gives (``found``, the warnings of finding
    the files; text a comment cut off; weights that do not add up to 100) and, if ``warnings``
    asks, the rest; raises one InputError with every error, and the warnings. When a file fails,
    the warnings about the set as a whole are left out (:func:`~appraisal.check.crossfile.check_appraisal`).
    ``pending``: agreed scores may be missing. ``participants``: a weighting workshop's files,
    which fill the weights criteria.yaml leaves out.
    """
    from appraisal.check.crossfile import check_appraisal
    from appraisal.check.placeholders import placeholder_warnings
    from appraisal.check.weights import weight_warnings

    problems: list[Problem] = list(found)  # input not read is said on every command
    sources: dict[str, Source] = {}
    frame: CriteriaFile | None = None
    options: dict[str, Option] = {}
    said: set[str] = set()  # option ids given by 'id:' (the others are their file's name)
    option_files: dict[str, str] = {}
    for name, item in parsed.items():
        if isinstance(item, Problem):
            problems.append(item)
            continue
        sources[name] = item
        problems.extend(item.warnings)  # text a comment cut off: said on every command too
        model: type[BaseModel] = CriteriaFile if name == criteria_name else OptionFile
        checked = validate_source(item, model)
        if isinstance(checked, list):
            problems.extend(checked)
            continue
        if isinstance(checked, CriteriaFile):
            frame = checked
            continue
        assert isinstance(checked, OptionFile)
        option_id = checked.id or Path(name).stem
        if checked.id is None and not is_slug(option_id):
            problems.append(
                Problem(name, 1, 1, f"the file name '{one_line(Path(name).name)}' is not a valid option id: rename "
                        f"the file (up to {MAX_SLUG} lower-case letters, digits, '-' and '_', and nothing else) "
                        "or give 'id:' in it")
            )
            continue
        if option_id in options:
            first = option_files[option_id]
            problems.append(_repeated_id(option_id, (item, checked.id is not None),
                                         (sources[first], option_id in said)))
            continue
        options[option_id] = Option.model_construct(  # validated as the file already; its fields are its __dict__
            checked.model_fields_set | {"id"}, **{**checked.__dict__, "id": option_id})
        if checked.id is not None:
            said.add(option_id)
        option_files[option_id] = name
    if frame is None:
        raise_if_errors(problems)
        raise AssertionError("unreachable: the criteria file failed without a problem")  # pragma: no cover
    appraisal = Appraisal(
        frame=frame,
        options=tuple(options[k] for k in sorted(options)),
        criteria_file=criteria_name,
        option_files=option_files,
        sources=sources,
    )
    appraisal, joined = _join(appraisal, assessments or {}, participants or {})
    problems += joined
    complete = not any(p.severity == "error" for p in problems)  # so far, each file's own errors
    problems += check_appraisal(appraisal, warnings=warnings, pending=pending, complete=complete)
    problems += weight_warnings(appraisal) + placeholder_warnings(appraisal)  # said by every command
    raise_if_errors(problems)
    return appraisal, [p for p in problems if p.severity == "warning"]


def _join(appraisal: Appraisal, assessments: dict[str, Source | Problem],
          participants: dict[str, Source | Problem]) -> tuple[Appraisal, list[Problem]]:
    """The appraisal with its panel's assessors and its weighting workshop's participants, and
    their files' problems (the participants' combined weights fill those criteria.yaml leaves out)."""
    from appraisal.load.assessments import join_panel
    from appraisal.load.weights import join_participants

    problems: list[Problem] = []
    if assessments:
        appraisal, problems = join_panel(appraisal, assessments)
    appraisal, weighed = join_participants(appraisal, participants)
    return appraisal, problems + weighed


def _repeated_id(option_id: str, later: tuple[Source, bool], first: tuple[Source, bool]) -> Problem:
    """Two option files with one id, reported at the ``id:`` line that repeats it.

    Each side is (file, whether it says ``id:``; if not, the id is its file name). The problem
    is placed at the later file's ``id:`` if it has one, else at the first file's (which gave
    the id the later file's name already has), else at the later file's top.
    """
    (source, said), (other, other_said) = later, first
    named = "" if other_said else " (from its file name)"
    if said:
        return source.problem(("id",), f"option id '{option_id}' is already used by {other.name}{named}: "
                              "give each option its own id")
    if other_said:
        return other.problem(("id",), f"option id '{option_id}' is also the id of {source.name} (from its "
                             "file name): give each option its own id")
    return source.problem((), f"option id '{option_id}' comes from the file name, and {other.name} has the same "
                          "name: rename one of the files, or give 'id:' in it")

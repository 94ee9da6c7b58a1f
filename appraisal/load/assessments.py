"""Read a panel's ``assessments/*.yaml`` and join them to an appraisal (see docs/panel.md).

Each file is read with the same safe YAML reader as the option files, and every problem is
located in it. Under ``panel.agreement: median`` or ``mean`` a missing agreed score is taken
from the panel here, before the appraisal is checked, and recorded in ``Appraisal.filled``.
"""

from __future__ import annotations

import dataclasses
import statistics
from pathlib import Path

from appraisal.errors import Problem
from appraisal.load.folder import yaml_files
from appraisal.load.source import Source, outside, read_yaml
from appraisal.load.validate import M, validate_source
from appraisal.model.appraisal import Appraisal, SourceFile
from appraisal.model.option import Option, Score
from appraisal.model.panel import Assessment, panel_scores
from appraisal.model.values import MAX_SLUG, is_slug
from appraisal.text import one_line

ASSESSMENTS = "assessments"
"""The folder, beside ``options/``, that holds one file per assessor."""


def read_assessments(folder: Path) -> tuple[dict[str, Source | Problem], list[Problem]]:
    """Parse every assessor's file in ``assessments/`` (none when there is no such folder), keyed
    by its display name, and warn of each other file there, which is not read."""
    return read_people(folder, ASSESSMENTS, "assessors' files")


def read_people(folder: Path, sub: str, kind: str) -> tuple[dict[str, Source | Problem], list[Problem]]:
    """Parse every file in the appraisal's ``sub`` folder (one a person: assessments/, weights/),
    keyed by display name, with a warning for each other file; the folder itself may not be a
    link out of the appraisal, or to nowhere."""
    where = folder / sub
    why = outside(where, folder) if where.is_symlink() else None  # a link out, or to nowhere
    if why:
        return {}, [Problem(str(where), 1, 1, why)]
    if not where.is_dir():
        return {}, []
    paths, skipped = yaml_files(where, kind)
    return {str(p): read_yaml(p, str(p), folder=folder) for p in paths}, skipped


def join_people(parsed: dict[str, Source | Problem], model: type[M], role: str,
                sources: dict[str, SourceFile]) -> tuple[dict[str, M], dict[str, str], list[Problem]]:
    """Each person's file (assessments/, weights/) validated as ``model``, keyed by the id its file
    name gives, in id order, with the file each came from; the files' problems and warnings, a
    file name that is no id and a second file for one id (``role`` names the person). Each file
    read is added to ``sources``."""
    problems: list[Problem] = []
    people: dict[str, M] = {}
    files: dict[str, str] = {}
    for name, item in parsed.items():
        if isinstance(item, Problem):
            problems.append(item)
            continue
        sources[name] = item
        problems += item.warnings  # text a comment cut off: said on every command
        checked = validate_source(item, model)
        if isinstance(checked, list):
            problems += checked
            continue
        person = Path(name).stem
        if not is_slug(person):
            problems.append(Problem(name, 1, 1, (
                f"the file name '{one_line(Path(name).name)}' is not a valid {role} id: rename the file "
                f"(up to {MAX_SLUG} lower-case letters, digits, '-' and '_', and nothing else), for example "
                "jo-bloggs.yaml")))
            continue
        if person in people:
            problems.append(Problem(name, 1, 1, f"{role} '{person}' already has a file, {files[person]}: keep one"))
            continue
        people[person], files[person] = checked, name
    return {k: people[k] for k in sorted(people)}, {k: files[k] for k in sorted(files)}, problems


def join_panel(appraisal: Appraisal, parsed: dict[str, Source | Problem]) -> tuple[Appraisal, list[Problem]]:
    """The appraisal with its assessors (and, under median or mean, the filled agreed scores)."""
    sources = dict(appraisal.sources)
    assessments, files, problems = join_people(parsed, Assessment, "assessor", sources)
    joined = dataclasses.replace(appraisal, sources=sources, assessments=assessments, assessment_files=files)
    return fill_agreed(joined), problems


def fill_agreed(appraisal: Appraisal) -> Appraisal:
    """Under ``agreement: median`` or ``mean``, each missing agreed score taken from the panel.

    The filled score's rationale says where it came from, so nobody reads it as moderated;
    which ones were filled is kept in ``Appraisal.filled`` for every output to say so.
    """
    rule = appraisal.frame.panel.agreement
    if rule == "moderated" or not appraisal.assessments:
        return appraisal
    judged = [c.id for c in appraisal.frame.all_criteria() if c.is_leaf and not c.measure]
    filled: set[tuple[str, str]] = set()
    options: list[Option] = []
    for option in appraisal.options:
        oid = option.id
        added: dict[str, Score] = {}
        for cid in judged:
            given = panel_scores(appraisal, oid, cid)
            if cid in option.scores or not given or option.status != "shortlisted":
                continue
            values = [s.score for s in given.values()]
            value = statistics.median(values) if rule == "median" else statistics.fmean(values)
            quoted = ", ".join(f"{who} {s.score:g}" for who, s in given.items())
            added[cid] = Score(score=value, rationale=f"The {rule} of the panel's scores ({quoted}), not moderated.")
            filled.add((oid, cid))
        options.append(option.model_copy(update={"scores": {**option.scores, **added}}) if added else option)
    return dataclasses.replace(appraisal, options=tuple(options), filled=frozenset(filled))

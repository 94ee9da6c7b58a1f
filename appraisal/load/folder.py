"""Load an appraisal folder: find its files, parse and validate each, check them together.

This is the only stage that knows about files. Every problem in every file is collected,
each with ``FILE:LINE:COL``, and raised once as :class:`~appraisal.errors.InputError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from appraisal.errors import Problem, UsageError, raise_if_errors
from appraisal.load.yamlfile import Source, read_yaml
from appraisal.model.inputs import (
    MAX_NUMBER,
    SLUG_PATTERN,
    Appraisal,
    CriteriaFile,
    Option,
    OptionFile,
)
from appraisal.text import did_you_mean

M = TypeVar("M", bound=BaseModel)

OPTION_SUFFIXES = (".yaml", ".yml")
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
        if not criteria_path.is_file():
            raise UsageError(
                f"{criteria_path}: no criteria file here; give the appraisal folder, its options/ "
                "folder, or --criteria FILE (`appraise init DIR` starts a new appraisal)"
            )
        if not options.is_dir():
            raise UsageError(f"{options}: no options folder here (one YAML file per option)")
        return Layout(folder, criteria_path, options)

    def option_paths(self) -> list[Path]:
        """Option files in name order, whatever order the file system lists them in."""
        return sorted(
            p
            for p in self.options.iterdir()
            if p.suffix in OPTION_SUFFIXES and not p.name.startswith(".") and p.is_file()
        )


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


_TAGS = {"Name", "Points", "Number", "List"}
"""Union tags pydantic puts in error locations (see the Discriminators in model.py)."""


def _field(loc: tuple[str | int, ...]) -> str:
    named = [p for p in loc if isinstance(p, str) and p not in _TAGS]
    return named[-1] if named else "value"


def _describe(error: Any, model: type[BaseModel]) -> tuple[tuple[str | int, ...], str, bool]:
    """One pydantic error as (where, a plain sentence, point at the key rather than the value)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    what = _field(loc)
    value = error.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__
    if len(shown) > 60:  # a 10,000-character name or a 300-digit number, quoted in a message
        shown = shown[:57] + ("...'" if isinstance(value, str) else "...")
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'", True
    if kind == "extra_forbidden":
        known = _known_keys(model, loc[:-1])
        return loc, f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), known)}", True
    if kind == "int_type" and isinstance(value, float):
        return loc, f"'{what}' must be a whole number, not {value:g}", False
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return loc, f"'{what}' must be a number, not {shown}{_exponent_hint(value)}", False
    if kind == "finite_number":
        return loc, f"'{what}' must be a finite number, not {value}", False
    if kind == "int_from_float":
        return loc, f"'{what}' must be a whole number, not {value}", False
    if kind == "bool_type":
        return loc, f"'{what}' must be true or false, not {shown}", False
    if kind == "string_type":
        hint = " (YAML reads a bare yes, no, on or off as true or false: put the text in quotes)" \
            if isinstance(value, bool) else ""
        return loc, f"'{what}' must be text, not {shown}{hint}", False
    if kind == "string_pattern_mismatch" and error["ctx"].get("pattern") == SLUG_PATTERN:
        return loc, (
            f"{shown} is not a valid id: use lower-case letters, digits, '-' and '_', "
            "starting with a letter or digit"
        ), what not in ("id", "measure")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if not loc:  # the whole file (a list or a lone value at the top)
            found = shown if isinstance(value, (str, int, float, bool)) else f"a {shown}"
            return loc, f"the file must be a mapping of keys to values ('key: value' lines), not {found}", False
        return loc, f"'{what}' must be a mapping of keys to values, not {shown}", False
    if kind in ("list_type", "tuple_type"):
        return loc, f"'{what}' must be a list, not {shown}", False
    if kind == "date_type":
        return loc, f"'{what}' must be a date written YYYY-MM-DD, not {shown}", False
    if kind in ("greater_than_equal", "less_than_equal") and MAX_NUMBER in (
        error["ctx"].get("le"), -error["ctx"].get("ge", 0)
    ):
        return loc, f"'{what}' is too large: appraise takes numbers up to {MAX_NUMBER:g} in size, not {value:g}", False
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = error["ctx"]
        bound = {"greater_than_equal": f"at least {ctx.get('ge')}", "greater_than": f"more than {ctx.get('gt')}",
                 "less_than_equal": f"at most {ctx.get('le')}", "less_than": f"less than {ctx.get('lt')}"}[kind]
        return loc, f"'{what}' must be {bound}, not {value}", False
    if kind == "union_tag_invalid":
        return loc, f"'{what}' has an unexpected form: {shown}", False
    message = str(error["msg"])
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    message = re.sub(r"^Input should", "should", message)
    message = re.sub(r"^String should", "should", message)
    message = re.sub(r"^List should", "should", message)
    if kind.endswith(("_than", "_than_equal", "_too_short", "_too_long", "literal_error")):
        message = f"'{what}' {message}"
    return loc, message, False


def _exponent_hint(value: Any) -> str:
    """Why text like ``1e6`` is not a number: YAML 1.1 reads an exponent only after a dot, with a sign."""
    if isinstance(value, str) and "e" in value.lower():
        try:
            float(value)
        except ValueError:
            return ""
        return " (YAML reads a number with an exponent only in the form 1.5e+6: a dot, and a sign)"
    return ""


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys allowed at ``loc`` inside ``model``, for "did you mean"."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or part in _TAGS:
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            continue
        current = _model_in(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[M]``, ``dict[str, M]``, ``M | None`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__metadata__", None)
    if metadata is not None:
        return _model_in(annotation.__origin__)
    return None


def validate_source(source: Source, model: type[M]) -> M | list[Problem]:
    """Validate a parsed file against its model; problems point into the file."""
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc, message, key = _describe(error, model)
            problems.append(source.problem(loc, message, key=key))
        return problems


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


def load(path: Path, criteria: Path | None = None) -> Appraisal:
    """Load and check the appraisal at ``path``; raise one InputError with every error."""
    return _load(path, criteria, warnings=False)[0]


def load_with_warnings(path: Path, criteria: Path | None = None) -> tuple[Appraisal, list[Problem]]:
    """:func:`load`, also checking what deserves a warning: the appraisal and its warnings.

    When there is an error, the InputError shows the warnings with the errors.
    """
    return _load(path, criteria, warnings=True)


def _load(path: Path, criteria: Path | None, *, warnings: bool) -> tuple[Appraisal, list[Problem]]:
    layout = Layout.find(path, criteria)
    criteria_name = str(layout.criteria)  # names as the user would type them, from the PATH given
    found = None if criteria else layout.folder  # a --criteria FILE is the user's own choice
    parsed: dict[str, Source | Problem] = {criteria_name: read_yaml(layout.criteria, criteria_name, folder=found)}
    files = layout.option_paths()
    check_option_count(len(files), str(layout.options), parsed[criteria_name])
    parsed.update(read_files(files, layout.folder))
    return assemble(parsed, criteria_name, warnings=warnings)


PARALLEL_FROM = 500
"""Option files from which parsing is shared between processes (below, starting one costs more)."""


def _read_chunk(job: tuple[list[Path], Path]) -> list[tuple[str, Source | Problem]]:
    files, folder = job
    return [(str(f), read_yaml(f, str(f), folder=folder)) for f in files]


def read_files(files: list[Path], folder: Path) -> dict[str, Source | Problem]:
    """Read and parse option files, in order; large folders are parsed on every core.

    Parsing YAML is most of the time a large appraisal takes and each file is independent, so
    from PARALLEL_FROM files, on Linux (fork: the workers inherit the loaded modules), the list
    is cut into one contiguous chunk per core. The result is the same, in the same order.
    """
    import os
    import sys

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or cores < 2 or not sys.platform.startswith("linux"):
        return dict(_read_chunk((files, folder)))
    import multiprocessing

    workers = min(cores, 8)
    size = -(-len(files) // workers)
    jobs = [(files[i:i + size], folder) for i in range(0, len(files), size)]
    with multiprocessing.get_context("fork").Pool(len(jobs)) as pool:
        return {name: item for part in pool.map(_read_chunk, jobs) for name, item in part}


def assemble(
    parsed: dict[str, Source | Problem], criteria_name: str, *, warnings: bool = False
) -> tuple[Appraisal, list[Problem]]:
    """Validate parsed files (one criteria file, any number of option files) into an Appraisal.

    Returns it with its warnings (none unless ``warnings`` asks for them); raises one
    InputError with every error, and the warnings.
    """
    from appraisal.check.crossfile import check_appraisal

    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    frame: CriteriaFile | None = None
    options: dict[str, Option] = {}
    option_files: dict[str, str] = {}
    for name, item in parsed.items():
        if isinstance(item, Problem):
            problems.append(item)
            continue
        sources[name] = item
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
        if checked.id is None and not re.match(SLUG_PATTERN, option_id):
            problems.append(
                Problem(name, 1, 1, f"the file name '{Path(name).name}' is not a valid option id: rename "
                        "the file (lower-case letters, digits, '-' and '_') or give 'id:' in it")
            )
            continue
        if option_id in options:
            problems.append(item.problem(("id",) if checked.id else (), (
                f"option id '{option_id}' is already used by {option_files[option_id]}")))
            continue
        options[option_id] = Option.model_construct(  # validated as the file already
            checked.model_fields_set | {"id"}, **{**dict(checked), "id": option_id})
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
    problems += check_appraisal(appraisal, warnings=warnings)
    raise_if_errors(problems)
    return appraisal, [p for p in problems if p.severity == "warning"]

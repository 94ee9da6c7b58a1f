"""Read an appraisal folder as it was at a git ref, without touching the working tree or index.

Only read-only plumbing is used: ``git rev-parse`` and ``git merge-base`` to find the commit,
``git ls-tree`` to list the folder and one ``git cat-file --batch`` to read every file. The
texts go through the same parser and checks as files on disk, so a problem in the old version
is located too, in a file named ``REF:path`` (what ``git show`` takes).

A branch (``main``, ``origin/main``) is compared at its merge base with ``HEAD`` (or with the
other ref of a two-ref comparison), as a pull request is: changes made on the branch since are
not this change's doing. A tag, a commit or ``HEAD~1`` is read as it is. See docs/diff.md.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from appraisal.errors import Problem, UsageError
from appraisal.load.assessments import ASSESSMENTS
from appraisal.load.folder import Layout, assemble, check_option_count
from appraisal.load.names import verdict
from appraisal.load.source import Source, parse_bytes
from appraisal.model.appraisal import Appraisal
from appraisal.text import one_line

FETCH_HINT = (
    "in a shallow or single-branch clone (as CI makes), fetch what is missing first: "
    "`git fetch --unshallow`, or for a branch `{fetch}`; in GitHub Actions, check out with "
    "`fetch-depth: 0`"
)


@dataclass(frozen=True)
class Revision:
    """The commit an appraisal was read at, and how to name it."""

    ref: str
    commit: str
    short: str
    merge_base: bool
    """Whether ``commit`` is the merge base of a branch ``ref`` and :attr:`relative_to`."""
    tip: str = ""
    """The commit ``ref`` itself points at (the same as ``commit`` unless at a merge base)."""
    relative_to: str = "HEAD"

    @property
    def label(self) -> str:
        if not self.merge_base:
            return f"{self.ref} ({self.short})"
        with_ = "" if self.relative_to == "HEAD" else f" with {self.relative_to}"
        return f"{self.ref} (merge base {self.short}{with_})"

    @property
    def moved_on(self) -> bool:
        """Whether the branch has commits since the merge base, which the comparison leaves out."""
        return self.merge_base and self.tip != self.commit


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)  # a hook's GIT_DIR would point git elsewhere than the folder asked for
    env.pop("GIT_WORK_TREE", None)
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False)
    except FileNotFoundError:
        raise UsageError("--against needs git, which is not installed (or not on PATH)") from None


def _out(proc: subprocess.CompletedProcess[bytes]) -> str:
    return proc.stdout.decode("utf-8", "replace").strip()


def _hint(ref: str, top: Path) -> str:
    """How to fetch ``ref``: a remote-tracking branch into its own name, else a local branch."""
    for remote in _out(_git(["remote"], top)).split() or ["origin"]:
        if ref.startswith(remote + "/"):
            branch = ref[len(remote) + 1:]
            return FETCH_HINT.format(fetch=f"git fetch {remote} {branch}:refs/remotes/{remote}/{branch}")
    return FETCH_HINT.format(fetch=f"git fetch origin {ref}:{ref}")


_NOT_IN_A_REF = re.compile(r"[\x00-\x20\x7f]")
"""Characters no ref or revision holds: controls and spaces (``git check-ref-format``)."""


def check_ref(flag: str, ref: str) -> None:
    """Refuse what cannot be a ref before git sees it: empty, an option (``--output=x``), or
    holding a space or control character. Called for every ref a command is given before its
    first git call; ``HEAD~1``, ``main^`` and ``v1.0`` pass, and git decides whether they exist."""
    if not ref or ref.startswith("-") or _NOT_IN_A_REF.search(ref):
        raise UsageError(f"{flag} {one_line(repr(ref))}: not a git ref (a branch, tag or commit, such as main)")


def resolve(ref: str, top: Path, relative_to: str | None = "HEAD") -> Revision:
    """The commit to compare with: ``ref`` itself, or for a branch its merge base with
    ``relative_to`` (None reads a branch at its tip, as the new side of two refs is)."""
    check_ref("--against", ref)
    if relative_to is not None:
        check_ref("--to", relative_to)
    found = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    shallow = _out(_git(["rev-parse", "--is-shallow-repository"], top)) == "true"
    if found.returncode != 0:
        where = "this shallow clone" if shallow else "this repository"
        raise UsageError(f"--against {ref}: no such commit, branch or tag in {where}; {_hint(ref, top)}")
    commit = _out(found)
    full = _out(_git(["rev-parse", "--symbolic-full-name", ref], top))
    tip = commit
    merge_base = (relative_to is not None and full.startswith(("refs/heads/", "refs/remotes/"))
                  and ref not in ("HEAD", "@"))
    other = relative_to or "HEAD"
    if merge_base:
        base = _git(["merge-base", commit, other], top)
        if base.returncode != 0:
            if shallow:
                raise UsageError(
                    f"--against {ref}: the history of {ref} and {other} is cut off in this shallow "
                    f"clone, so their merge base is missing; fetch the history: `git fetch --unshallow` "
                    "(in GitHub Actions, check out with `fetch-depth: 0`)"
                )
            raise UsageError(
                f"--against {ref}: {ref} and {other} have no commit in common; compare with a "
                "commit or tag instead (`appraise diff --against <commit>`)"
            )
        commit = _out(base)
    short = _out(_git(["rev-parse", "--short", commit], top))
    return Revision(ref, commit, short, merge_base, tip, other)


def current_branch(folder: Path) -> str:
    """The branch checked out (``HEAD`` when detached), to name in advice."""
    name = _out(_git(["rev-parse", "--abbrev-ref", "HEAD"], _toplevel(folder)))
    return name or "HEAD"


INPUTS = ("criteria.yaml", "options", "scenarios", "assessments", "weights", "templates")
"""What an appraisal folder reads (an output written into it, such as a report, is not an input)."""


def checked_out(folder: Path) -> str | None:
    """``branch (commit)`` when no input file of the appraisal ``folder`` differs from the commit
    checked out (none changed, added, removed or untracked): the working tree is then that
    commit, and is named so. None when something is uncommitted."""
    top = _toplevel(folder)
    base = _relative(folder, top)
    paths = [f"{base}/{name}" if base not in ("", ".") else name for name in INPUTS]
    proc = _git(["--no-optional-locks", "status", "--porcelain", "--untracked-files=all", "--", *paths], top)
    if proc.returncode != 0 or proc.stdout.strip():
        return None
    return f"{current_branch(folder)} ({_out(_git(['rev-parse', '--short', 'HEAD'], top))})"


def _toplevel(folder: Path) -> Path:
    proc = _git(["rev-parse", "--show-toplevel"], folder)
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in said.lower():
            raise UsageError(f"{folder}: not inside a git repository, so there is no ref to compare with")
        raise UsageError(f"{folder}: git cannot read this repository: {said}")  # e.g. safe.directory
    return Path(_out(proc))


def _relative(path: Path, top: Path) -> str:
    try:
        return path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path}: outside the git repository at {top}, so it has no history there") from None


def _ls(commit: str, path: str, top: Path) -> list[tuple[str, str, str]]:
    """(mode, object id, path) of the regular files at ``path`` (a file, or a folder's files)."""
    proc = _git(["ls-tree", "-z", "--full-tree", commit, "--", *([path] if path.strip("/") else [])], top)
    entries = []
    for record in proc.stdout.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        mode, kind, oid = meta.decode().split()
        if kind == "blob" and mode in ("100644", "100755"):
            entries.append((mode, oid, name.decode("utf-8", "surrogateescape")))
    return entries


def _read_blobs(oids: list[str], top: Path) -> list[bytes]:
    """Every object's content, in one ``git cat-file --batch``."""
    proc = _git(["cat-file", "--batch"], top, stdin="".join(f"{o}\n" for o in oids).encode())
    data, pos, out = proc.stdout, 0, []
    for oid in oids:
        end = data.find(b"\n", pos)
        header = data[pos:end].split() if end >= 0 else []
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise UsageError(
                f"git cannot read the file {oid[:12]} of that commit from this clone"
                + (f" ({said[-1]})" if said else "") + ": a partial or shallow clone fetches files on demand and "
                "could not now; fetch the history whole (`git fetch --refetch`, or in a GitHub workflow "
                "actions/checkout with fetch-depth: 0 and no filter) and run again")
        size = int(header[2])
        out.append(data[end + 1:end + 1 + size])
        pos = end + 1 + size + 1
    return out


def load_at(
    path: Path, ref: str, criteria: Path | None = None, relative_to: str | None = "HEAD"
) -> tuple[Appraisal, Revision]:
    """The appraisal at ``path`` (folder or options/ folder) as it was at ``ref``: for a branch,
    at its merge base with ``relative_to``, or at its tip when that is None.

    The working tree decides which folder PATH means; its files are then read from git.
    """
    layout = Layout.find(path, criteria)
    top = _toplevel(layout.folder)
    revision = resolve(ref, top, relative_to)
    criteria_rel = _relative(layout.criteria, top)
    options_rel = _relative(layout.options, top)
    found = _ls(revision.commit, criteria_rel, top)
    if not found:
        raise UsageError(
            f"{criteria_rel} does not exist at {revision.label}, so there is no appraisal there to compare with"
        )
    label = revision.short if revision.merge_base else ref
    files = [(f"{label}:{criteria_rel}", found[0][1])]
    misnamed: list[Problem] = []
    files += _yaml_in(_ls(revision.commit, options_rel + "/", top), options_rel, label, "options", misnamed)
    check_option_count(len(files) - 1, f"{label}:{options_rel}")
    blobs = _read_blobs([oid for _, oid in files], top)
    parsed: dict[str, Source | Problem] = {name: parse_bytes(raw, name)
                                           for (name, _), raw in zip(files, blobs, strict=True)}
    panel_rel = _relative(layout.folder / ASSESSMENTS, top)
    panel = _yaml_in(_ls(revision.commit, panel_rel + "/", top), panel_rel, label, "assessors' files", misnamed)
    blobs = _read_blobs([oid for _, oid in panel], top) if panel else []
    assessed = {name: parse_bytes(raw, name) for (name, _), raw in zip(panel, blobs, strict=True)}
    return assemble(parsed, files[0][0], assessed, found=misnamed)[0], revision


def _yaml_in(entries: list[tuple[str, str, str]], folder: str, label: str, kind: str,
             misnamed: list[Problem]) -> list[tuple[str, str]]:
    """The YAML files directly in ``folder`` at the revision (shown as ``label:path``) and their
    objects, in name order, as :func:`appraisal.load.names.verdict` decides for a folder on disk;
    an editor's misnamed YAML file (``x.yaml.txt``) is added to ``misnamed`` as an error."""
    out = []
    for _, oid, name in entries:
        where, _, base = name.rpartition("/")
        if where != folder:
            continue
        said = verdict(base, kind, folder.rpartition("/")[2])
        if said.kind == "read":
            out.append((f"{label}:{name}", oid))
        elif said.kind == "error":
            misnamed.append(Problem(f"{label}:{name}", 1, 1, said.message))
    return sorted(out)

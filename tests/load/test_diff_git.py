"""``appraise diff --against REF`` in real, temporary git repositories.

History of the repository built below (the appraisal lives in ``plan/``; totals are the
hand-computed ones of ``test_scenario.py``):

    v0       README only, no appraisal yet
    v1       base appraisal: a 70, b 65, c 37.5 (a preferred)
    main     weights cost 20, quality 80: a 60, b 70, c 50 (b preferred)   <- merge base
      feature   c's staff 3 -> 4: c 60 (c ties with a for second)
      main      title changed (after the branch point: not the feature's doing)
    working tree (on feature): b's staff rationale edited, not committed
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import make_appraisal, run_appraise, write_yaml
from helpers import GIT_ENV, commit, git
from helpers import SCENARIO_CRITERIA as CRITERIA
from helpers import SCENARIO_OPTIONS as OPTIONS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def appraise(*args: str | Path, cwd: Path) -> tuple[int, dict[str, object] | None, str]:
    run = run_appraise("diff", *args, "--format", "json", cwd=cwd, env=GIT_ENV)
    return run.code, (json.loads(run.out) if run.code in (0, 1) else None), run.err


@dataclass
class Repo:
    root: Path
    plan: Path
    v1: str
    base: str
    feature: str
    main: str


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    root = tmp_path_factory.mktemp("git") / "repo"
    root.mkdir()
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    (root / "README.md").write_text("not an appraisal yet\n")
    commit(root, "v0")
    git(root, "tag", "v0")
    plan = make_appraisal(root / "plan", CRITERIA, OPTIONS)
    v1 = commit(root, "base appraisal")
    git(root, "tag", "v1")
    criteria = copy.deepcopy(CRITERIA)
    criteria["criteria"][0]["weight"], criteria["criteria"][1]["weight"] = 20, 80
    write_yaml(plan / "criteria.yaml", criteria)
    base = commit(root, "weights 20/80")
    git(root, "checkout", "-q", "-b", "feature")
    c = copy.deepcopy(OPTIONS["c"])
    c["scores"]["staff"]["score"] = 4
    write_yaml(plan / "options" / "c.yaml", c)
    feature = commit(root, "c's staff up")
    git(root, "checkout", "-q", "main")
    write_yaml(plan / "criteria.yaml", {**criteria, "title": "Retitled"})
    main = commit(root, "retitle")
    git(root, "checkout", "-q", "feature")
    b = copy.deepcopy(OPTIONS["b"])
    b["scores"]["staff"]["rationale"] = "Edited, not committed."
    write_yaml(plan / "options" / "b.yaml", b)
    return Repo(root, plan, v1, base, feature, main)


def paths(data: dict[str, object] | None) -> list[tuple[str, object, object]]:
    assert data is not None
    return [(i["path"], i["old"], i["new"]) for i in data["inputs"]]  # type: ignore[index, attr-defined]


def test_a_branch_is_compared_at_its_merge_base(repo: Repo) -> None:
    code, data, err = appraise("--against", "main", cwd=repo.plan)
    assert code == 0, err
    assert data is not None
    # The title change made on main after the branch point is not this branch's doing.
    assert paths(data) == [("options.b.scores.staff.rationale", "r", "Edited, not committed."),
                           ("options.c.scores.staff.score", 3, 4)]
    assert data["old"] == {"label": f"main (merge base {repo.base[:7]})", "preferred": "b",
                           "title": "Scenario test", "scenario": None, "commit": repo.base}
    assert data["new"]["label"] == "working tree"  # type: ignore[index]
    # c 50 -> 60 ties with a (60) for second: b 1, a 2, c 2.
    ranks = {o["id"]: (o["old_rank"], o["new_rank"]) for o in data["options"]}  # type: ignore[attr-defined]
    assert ranks == {"b": (1, 1), "a": (2, 2), "c": (3, 2), "gone": (None, None)}
    assert data["ranking_changed"] and not data["preferred_changed"]


def test_head_and_other_refs_are_read_as_they_are(repo: Repo) -> None:
    code, data, err = appraise("--against", "HEAD", cwd=repo.plan)
    assert code == 0, err
    assert paths(data) == [("options.b.scores.staff.rationale", "r", "Edited, not committed.")]
    assert data["old"]["label"] == f"HEAD ({repo.feature[:7]})"  # type: ignore[index]
    code, data, err = appraise("--against", "HEAD~2", cwd=repo.plan)
    assert code == 0, err
    assert data["old"]["commit"] == repo.v1 and data["old"]["preferred"] == "a"  # type: ignore[index]
    assert paths(data) == [("criteria.cost.weight", 40, 20), ("criteria.quality.weight", 60, 80),
                           ("options.b.scores.staff.rationale", "r", "Edited, not committed."),
                           ("options.c.scores.staff.score", 3, 4)]
    code, tagged, err = appraise("--against", "v1", cwd=repo.plan)
    assert code == 0, err
    assert tagged["inputs"] == data["inputs"] and tagged["old"]["label"] == f"v1 ({repo.v1[:7]})"  # type: ignore[index]
    code, by_sha, err = appraise("--against", repo.v1, "--fail-on", "preferred", cwd=repo.plan)
    assert code == 1 and by_sha is not None and by_sha["preferred_changed"]


def test_from_a_subfolder_and_with_path_options(repo: Repo) -> None:
    _, expected, _ = appraise("--against", "main", cwd=repo.plan)
    code, inside, err = appraise("--against", "main", cwd=repo.plan / "options")
    assert code == 0, err
    code, from_root, err = appraise("--against", "main", "plan/options/", cwd=repo.root)
    assert code == 0, err
    for data in (inside, from_root):
        assert paths(data) == paths(expected)
        assert data["old"] == expected["old"]  # type: ignore[index]
    files = [i["file"] for i in from_root["inputs"]]  # type: ignore[index]
    assert files == ["plan/options/b.yaml", "plan/options/c.yaml"]


def test_the_working_tree_and_index_are_untouched(repo: Repo) -> None:
    index = repo.root / ".git" / "index"

    def files() -> dict[str, str]:
        return {str(p.relative_to(repo.root)): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(repo.root.rglob("*")) if p.is_file() and ".git" not in p.parts}

    git(repo.root, "status", "--porcelain=v1")  # let git refresh the index's stat data first
    before = (index.read_bytes(), index.stat().st_mtime_ns, files(), git(repo.root, "rev-parse", "HEAD"))
    for ref in ("main", "HEAD", "v1", "nope"):
        appraise("--against", ref, cwd=repo.plan)
    assert (index.read_bytes(), index.stat().st_mtime_ns, files(), git(repo.root, "rev-parse", "HEAD")) == before
    assert git(repo.root, "status", "--porcelain=v1") == "M plan/options/b.yaml"


def test_a_missing_ref_says_how_to_fetch_it(repo: Repo) -> None:
    code, data, err = appraise("--against", "nope", cwd=repo.plan)
    assert (code, data) == (2, None)
    assert err.startswith("--against nope: no such commit, branch or tag in this repository; ")
    assert "`git fetch --unshallow`" in err and "`git fetch origin nope:nope`" in err and "fetch-depth: 0" in err
    assert "Traceback" not in err
    code, _, err = appraise("--against", "--help", cwd=repo.plan)
    assert code == 2


def test_errors_in_the_old_version_are_located(repo: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo.root), str(clone))
    a = clone / "plan" / "options" / "a.yaml"
    a.write_text(a.read_text() + "advantages: [cheap\n")
    broken = commit(clone, "break a")
    a.write_text(a.read_text().replace("advantages: [cheap\n", ""))  # fixed in the working tree
    code, data, err = appraise("--against", broken[:12], cwd=clone / "plan")
    assert (code, data) == (2, None)
    label = f"{broken[:12]}:plan/options/a.yaml"
    assert err.startswith(f"{label}:") and ": error: the '[' here is not closed on its line" in err
    assert git(clone, "show", label).endswith("advantages: [cheap")  # the label is a name git knows


def test_no_appraisal_at_the_ref(repo: Repo) -> None:
    code, _, err = appraise("--against", "v0", cwd=repo.plan)
    assert code == 2
    assert err == f"plan/criteria.yaml does not exist at v0 ({git(repo.root, 'rev-parse', '--short', 'v0')}), " \
                  "so there is no appraisal there to compare with\n"


def test_outside_a_git_repository(tmp_path: Path) -> None:
    folder = make_appraisal(tmp_path / "plain", CRITERIA, OPTIONS)
    code, _, err = appraise("--against", "HEAD", cwd=folder)
    assert code == 2 and "not inside a git repository" in err


def test_a_shallow_clone_names_the_fix_and_the_fix_works(repo: Repo, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "main", f"file://{repo.root}", str(shallow))
    plan = shallow / "plan"
    code, _, err = appraise("--against", "HEAD~1", cwd=plan)
    assert code == 2
    assert "in this shallow clone" in err and "`git fetch --unshallow`" in err
    code, _, err = appraise("--against", "origin/feature", cwd=plan)
    assert code == 2
    fetch = "git fetch origin feature:refs/remotes/origin/feature"
    assert f"`{fetch}`" in err
    git(shallow, *fetch.split()[1:], "--depth", "1")
    code, _, err = appraise("--against", "origin/feature", cwd=plan)  # there now, but no merge base
    assert code == 2 and "merge base is missing" in err and "`git fetch --unshallow`" in err
    git(shallow, "fetch", "-q", "--unshallow")
    code, data, err = appraise("--against", "origin/feature", cwd=plan)
    assert code == 0, err
    # Main's side (the working tree) against the merge base: only main's title change.
    assert paths(data) == [("title", "Scenario test", "Retitled")]
    code, data, err = appraise("--against", "HEAD~1", cwd=plan)
    assert code == 0 and paths(data) == [("title", "Scenario test", "Retitled")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_git_s_own_refusal_is_passed_on(tmp_path: Path) -> None:
    # A repository owned by another user: git refuses it (safe.directory) and says why.
    folder = make_appraisal(tmp_path / "theirs", CRITERIA, OPTIONS)
    git(folder, "-c", "init.defaultBranch=main", "init", "-q")
    commit(folder, "base")
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, 65534, 65534)
    code, _, err = appraise("--against", "HEAD", cwd=folder)
    assert code == 2 and err.startswith(".: git cannot read this repository: fatal: ") and "safe.directory" in err


# --- two refs: what a branch changes, whichever branch is checked out ------------------------------


def test_two_refs_compare_a_branch_with_its_merge_base(repo: Repo) -> None:
    code, data, err = appraise("--against", "main", "--to", "feature", cwd=repo.plan)
    assert code == 0, err
    # only feature's commit: not main's later title change, not the uncommitted edit to b
    assert paths(data) == [("options.c.scores.staff.score", 3, 4)]
    assert data is not None
    assert data["old"]["label"] == f"main (merge base {repo.base[:7]} with feature)"  # type: ignore[index]
    assert data["old"]["commit"] == repo.base  # type: ignore[index]
    assert data["new"]["label"] == f"feature ({repo.feature[:7]})"  # type: ignore[index]
    assert data["new"]["commit"] == repo.feature  # type: ignore[index]
    _, dotted, _ = appraise("--against", "main..feature", cwd=repo.plan)
    assert dotted == data


def test_from_main_the_branch_is_seen_with_two_refs_and_the_one_ref_form_says_what_it_compares(
    repo: Repo, tmp_path: Path
) -> None:
    on_main = tmp_path / "on-main"
    git(repo.root, "worktree", "add", "-q", str(on_main), "main")
    try:
        plan = on_main / "plan"
        code, data, err = appraise("--against", "main", "--to", "feature", cwd=plan)
        assert code == 0, err
        assert paths(data) == [("options.c.scores.staff.score", 3, 4)]
        # One ref: main's working tree against feature's merge base with main, which leaves out
        # feature's own commit; the table says so, and how to see the branch's change.
        run = run_appraise("diff", "--against", "feature", cwd=plan, env=GIT_ENV)
        assert run.code == 0, run.err
        assert f"Old: feature (merge base {repo.base[:7]})" in run.out
        assert (f"feature has commits since it and main parted at {repo.base[:7]}; they are left out, so "
                "this shows what the working tree changes. To see what feature changes, run: appraise "
                "diff --against main --to feature") in " ".join(run.out.split())
    finally:
        git(repo.root, "worktree", "remove", "--force", str(on_main))


def test_two_ref_forms_that_cannot_be_read_are_usage_errors(repo: Repo) -> None:
    for args, said in [
        (("--to", "feature"), "--to NEW compares with --against OLD"),
        (("--against", "main..feature", "--to", "feature"), "names two refs already"),
        (("--against", "main.."), "--against OLD..NEW needs two refs"),
        (("--against", "main...feature"), "--against OLD..NEW needs two refs"),
    ]:
        code, _, err = appraise(*args, cwd=repo.plan)
        assert code == 2 and said in err, (args, err)


def test_a_working_tree_with_nothing_uncommitted_says_so(tmp_path: Path) -> None:
    """"New: working tree" read as if something had changed when nothing had (issue 31)."""
    root = tmp_path / "clean"
    root.mkdir()
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    plan = make_appraisal(root / "plan", CRITERIA, OPTIONS)
    commit(root, "appraisal")
    code, data, err = appraise("--against", "HEAD", cwd=plan)
    assert code == 0, err
    assert data is not None
    head = git(root, "rev-parse", "--short", "HEAD").strip()
    assert data["new"]["label"] == f"main ({head})"  # type: ignore[index]
    with (plan / "criteria.yaml").open("a") as handle:
        handle.write("# a comment, not yet committed\n")
    code, data, err = appraise("--against", "HEAD", cwd=plan)
    assert code == 0, err
    assert data is not None and data["new"]["label"] == "working tree"  # type: ignore[index]


BAD_REFS = st.one_of(
    st.builds(lambda s: "-" + s, st.text(max_size=12)),  # an option: --output=x, -c core.pager=...
    st.just(""),
    st.builds(lambda a, c, b: a + c + b, st.text("abcmain/~^.", max_size=6), st.sampled_from(
        ["\n", "\r", "\t", " ", "\x00", "\x1b", "\x7f"]), st.text("abc", max_size=3)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bad=BAD_REFS, good=st.sampled_from(["main", "HEAD~1", "v1"]), where=st.sampled_from(["against", "to", "range"]))
def test_a_ref_that_cannot_be_one_never_reaches_git(repo: Repo, monkeypatch: pytest.MonkeyPatch, bad: str, good: str,
                                                    where: str) -> None:
    """``--to`` was given to ``git merge-base`` before it was checked: every ref is checked first."""
    from appraisal.load import gitref

    calls: list[list[str]] = []
    monkeypatch.setattr(gitref, "_git", lambda args, *_, **__: calls.append(args))
    args = {"against": ["--against", bad], "to": ["--against", good, "--to", bad],
            "range": ["--against", f"{good}..{bad}"]}[where]
    if where == "range" and (not bad or bad.startswith(".")) or ".." in bad:
        return  # another message: OLD..NEW needs two refs (and "a..b" given alone is read as OLD..NEW)
    code, _, err = appraise(*args, cwd=repo.plan)
    flag = "--against" if where == "against" else "--to"
    assert code == 2 and f"{flag} " in err and "not a git ref" in err and calls == [], (args, err)


def test_a_partial_clone_that_cannot_fetch_a_file_is_bad_input(tmp_path: Path) -> None:
    """``diff --against`` in a partial clone whose remote is gone was exit 70 (issue 24)."""
    source = tmp_path / "source"
    source.mkdir()
    git(source, "-c", "init.defaultBranch=main", "init", "-q")
    make_appraisal(source, CRITERIA, OPTIONS)
    commit(source, "one")
    write_yaml(source / "criteria.yaml", {**CRITERIA, "title": "Retitled"})
    commit(source, "two")
    git(source, "config", "uploadpack.allowfilter", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", source.as_uri(), str(clone))
    source.rename(tmp_path / "gone")  # the promisor remote cannot be reached any more
    code, data, err = appraise("--against", "HEAD~1", cwd=clone)
    assert (code, data) == (2, None), err
    assert "a partial or shallow clone fetches files on demand and could not now" in err
    assert "Traceback" not in err and "internal error" not in err

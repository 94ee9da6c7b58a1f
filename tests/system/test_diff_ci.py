"""The CI recipes as shipped: the GitHub Actions workflow and the pre-commit hook.

GitHub itself cannot run here, so the workflow's own ``run:`` scripts are run, step by step
and in order, in a clone of a test repository, the way the runner would (``bash -e``, the
step's ``env:`` with its ``${{ }}`` expressions filled in, a later step skipped after a failure
unless its ``if:`` says ``!cancelled()``). ``gh`` is replaced by a stand-in that applies the
workflow's real ``--jq`` filter (with jq) to a canned list of comments and records what would
be posted, so finding and updating the one comment is tested too.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, run_appraise, write_yaml
from helpers import GIT_ENV, commit, git, steps, workflow
from helpers import SCENARIO_CRITERIA as CRITERIA
from helpers import SCENARIO_OPTIONS as OPTIONS
from hypothesis import given, settings
from hypothesis import strategies as st

HOOKS = REPO / ".pre-commit-hooks.yaml"
MARKER = "<!-- appraise-diff -->"

FAKE_GH = """\
#!{python}
# Stand-in for the GitHub CLI: records each call; lists comments from a canned file.
import json, os, subprocess, sys
args = sys.argv[1:]
call = {{"args": args}}
for i, arg in enumerate(args):
    if arg == "-F" and args[i + 1].startswith("body=@"):
        call["body"] = open(args[i + 1][len("body=@"):], encoding="utf-8").read()
with open(os.environ["FAKE_GH_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(call) + "\\n")
if "--jq" in args:
    comments = open(os.environ["FAKE_GH_COMMENTS"], encoding="utf-8").read()
    jq = args[args.index("--jq") + 1]
    sys.stdout.write(subprocess.run(["jq", "-r", jq], input=comments, capture_output=True, text=True,
                                    check=True).stdout)
"""

pytestmark = pytest.mark.posix  # symbolic links, resource limits and bash


def test_workflow_has_what_a_pull_request_check_needs() -> None:
    data = workflow()
    assert "pull_request" in data[True]  # YAML 1.1 reads the key `on` as true
    assert data["permissions"] == {"contents": "read", "pull-requests": "write"}
    checkout = next(s for s in steps() if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in steps()]
    assert any(r.strip() == 'appraise validate "$APPRAISAL"' for r in runs)
    diff = next(s for s in steps() if "appraise diff" in s.get("run", ""))
    assert 'appraise diff --against "origin/$BASE_REF" "$APPRAISAL" --format markdown' in diff["run"]
    assert diff["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert all("${{" not in r for r in runs)  # expressions only reach scripts through env:
    comment = next(s for s in steps() if "gh api" in s.get("run", ""))
    assert MARKER in comment["run"] and comment["if"].startswith("!cancelled() && ")


def fill(value: str, pr: int) -> str:
    """Fill in the ``${{ }}`` expressions the workflow uses, as GitHub would for a pull request."""
    known = {"github.base_ref": "main", "github.token": "test-token", "github.repository": "council/plan",
             "github.event.pull_request.number": str(pr), "github.server_url": "https://github.com",
             "github.run_id": "99"}
    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: known[m.group(1)], value)


def run_workflow(checkout: Path, tools: Path, comments: list[dict[str, Any]], pr: int = 7) -> tuple[list[str],
                                                                                                    list[dict[str,
                                                                                                              Any]]]:
    """Run the workflow's scripts in ``checkout``; return each step's outcome and the gh calls."""
    (tools / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    log = tools / "gh.log"
    log.write_text("")
    env = {**os.environ, **GIT_ENV,
           "PATH": f"{tools}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_STEP_SUMMARY": str(tools / "summary.md"), "FAKE_GH_LOG": str(log),
           "FAKE_GH_COMMENTS": str(tools / "comments.json")}
    env.update({k: fill(str(v), pr) for k, v in workflow()["jobs"]["appraise"].get("env", {}).items()})
    outcomes, failed = [], False
    for step in steps():
        if "run" not in step or "pip install" in step["run"]:
            continue  # checkout and setup-python are the runner's; appraise is installed already
        if failed and "!cancelled()" not in step.get("if", ""):
            outcomes.append("skipped")
            continue
        step_env = {**env, **{k: fill(str(v), pr) for k, v in step.get("env", {}).items()}}
        proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=checkout, env=step_env,
                              capture_output=True, text=True, check=False)
        outcomes.append("ok" if proc.returncode == 0 else f"failed {proc.returncode}: {proc.stderr.strip()}")
        failed = failed or proc.returncode != 0
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    return outcomes, calls


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, Path]:
    """A checkout as actions/checkout leaves it (full history, origin/main), on a PR branch."""
    if shutil.which("jq") is None and os.environ.get("CI") != "true":
        pytest.skip("jq is not installed (GitHub's runners have it)")
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "-c", "init.defaultBranch=main", "init", "-q")
    write_yaml(upstream / "criteria.yaml", CRITERIA)
    for oid, data in OPTIONS.items():
        write_yaml(upstream / "options" / f"{oid}.yaml", data)
    commit(upstream, "base")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", f"file://{upstream}", str(checkout))
    git(checkout, "checkout", "-q", "-b", "cheaper-b")
    b = json.loads(json.dumps(OPTIONS["b"]))
    b["costs"]["annual"] = 600  # b 85 overtakes a 70 (test_scenario.py)
    write_yaml(checkout / "options" / "b.yaml", b)
    commit(checkout, "b gets cheaper")
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    (tools / "gh").chmod(0o755)
    return checkout, tools


def test_the_workflow_posts_one_comment_then_updates_it(pull_request: tuple[Path, Path]) -> None:
    checkout, tools = pull_request
    outcomes, calls = run_workflow(checkout, tools, comments=[])
    assert outcomes == ["ok", "ok", "ok"]
    assert [c["args"][:3] for c in calls] == [
        ["api", "repos/council/plan/issues/7/comments", "--paginate"],
        ["api", "--method", "POST"],
    ]
    body = calls[1]["body"]
    assert body.startswith(MARKER + "\n### appraise diff: Scenario test\n")
    assert "**The preferred option changes from Option A (a) to Option B (b).**" in body
    assert "| options/b.yaml:3 | Option B: annual cost | changed | £800 | £600 |" in body
    assert (tools / "summary.md").read_text(encoding="utf-8") == body[len(MARKER) + 1:]
    assert git(checkout, "status", "--porcelain", "--untracked-files=no") == ""

    existing = [{"id": 41, "body": "Looks good to me"}, {"id": 42, "body": MARKER + "\nold diff"}]
    outcomes, calls = run_workflow(checkout, tools, comments=existing)
    assert outcomes == ["ok", "ok", "ok"]
    assert calls[1]["args"][:4] == ["api", "--method", "PATCH", "repos/council/plan/issues/comments/42"]
    assert calls[1]["body"] == body


def test_a_broken_pull_request_fails_and_says_so_in_the_comment(pull_request: tuple[Path, Path]) -> None:
    checkout, tools = pull_request
    (checkout / "options" / "b.yaml").write_text("name: B\nscores: {staff: 9}\n", encoding="utf-8")
    commit(checkout, "break b")
    (checkout / "appraise-diff.md").unlink(missing_ok=True)
    outcomes, calls = run_workflow(checkout, tools, comments=[{"id": 42, "body": MARKER + "\nold"}])
    assert outcomes[0].startswith("failed 2: ") and "options/b.yaml:2:17: error:" in outcomes[0]
    assert outcomes[1:] == ["skipped", "ok"]
    assert calls[1]["args"][:4] == ["api", "--method", "PATCH", "repos/council/plan/issues/comments/42"]
    assert calls[1]["body"] == (f"{MARKER}\n### appraise diff\n\nappraise could not check or compare this pull "
                                "request: see the [job log](https://github.com/council/plan/actions/runs/99).\n")


GITHUB_MENTION = re.compile(r"(?:^|\W)@([a-z0-9][a-z0-9-]*)(?!/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)", re.I | re.M)
GITHUB_ISSUE = re.compile(r"(?:^|\W|[\w.-]+/[\w.-]+)#(\d+)\b|\bGH-(\d+)\b", re.I | re.M)
"""GitHub's patterns for a mention (which notifies the account) and an issue reference (which
links it, and leaves a back-link there), as its Markdown pipeline applies them to the text of a
comment once the Markdown is read (html-pipeline's MentionFilter and issue references)."""


def as_github_reads(markdown: str) -> str:
    """The text GitHub looks for mentions in: backslash escapes and entities undone, code spans out."""
    import html

    text = re.sub(r"(?<!\\)`[^`]*(?<!\\)`", "", markdown)  # a backtick md escaped starts no code span
    return html.unescape(re.sub(r"\\([!-/:-@[-`{-~])", r"\1", text))


def test_the_comment_notifies_nobody_and_links_no_issue(pull_request: tuple[Path, Path]) -> None:
    """An option's name is posted in the comment: '@someone' would notify a stranger and '#12'
    link an issue. They reach GitHub with a zero-width space after the mark."""
    checkout, tools = pull_request
    name = "@someone's service #12 (see council/other#3, GH-4; ask jo@example.org)"
    b = yaml.safe_load((checkout / "options" / "b.yaml").read_text(encoding="utf-8"))
    write_yaml(checkout / "options" / "b.yaml", {**b, "name": name})
    commit(checkout, "b renamed")
    outcomes, calls = run_workflow(checkout, tools, comments=[])
    assert outcomes == ["ok", "ok", "ok"]
    read = as_github_reads(calls[1]["body"])
    assert GITHUB_MENTION.findall(read) == [] and GITHUB_ISSUE.findall(read) == []
    assert name in read.replace("\u200b", "")  # still shown as written
    assert GITHUB_MENTION.findall(as_github_reads(name)) == ["someone"]  # the patterns do find them unescaped
    assert len(GITHUB_ISSUE.findall(as_github_reads(name))) == 3


@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from(list("@#GHgh-_/.`\\ &;ab12\u200b")), max_size=30))
def test_no_text_reaches_github_as_a_mention_or_issue_link(text: str) -> None:
    """The mechanism: any text, escaped for Markdown (md) and made neutral for GitHub, reads as
    written and holds nothing GitHub's patterns take for a mention or an issue reference."""
    from appraisal.text import github_neutral, md

    read = as_github_reads(github_neutral(md(text)))
    assert GITHUB_MENTION.findall(read) == [] and GITHUB_ISSUE.findall(read) == [], read
    assert read.replace("\u200b", "") == " ".join(text.split()).replace("\u200b", "")


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["appraise-validate"]
    found: dict[str, Any] = hooks[0]
    return found


def test_pre_commit_hook_definition() -> None:
    h = hook()
    assert (h["language"], h["pass_filenames"], h["entry"]) == ("python", False, "appraise validate")
    files = re.compile(h["files"])  # pre-commit matches with Python's re.search
    for path in ("criteria.yaml", "options/in-house.yaml", "scenarios/finance-led.yml", "plan/options/a.yaml",
                 "options/in-house.yaml.txt", "assessments/jo.yaml"):
        assert files.search(path), path
    for path in ("README.md", "docs/criteria.yaml.md", "options/notes/a.txt", "examples/x/options/a/b.yaml"):
        assert not files.search(path), path


def test_pre_commit_hook_entry_runs(reference_copy: Path) -> None:
    entry = shlex.split(hook()["entry"])
    assert entry[0] == "appraise"
    ok = run_appraise(*entry[1:], cwd=reference_copy)
    assert ok.code == 0 and ok.out.startswith("ok: criteria.yaml and 7 options")
    broken = reference_copy / "options" / "ycyw.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: shortlisted", "status: maybe"),
                      encoding="utf-8")
    bad = run_appraise(*entry[1:], cwd=reference_copy)
    assert bad.code == 2 and "options/ycyw.yaml:18:9: error: " in bad.err

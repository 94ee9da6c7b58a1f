"""Every OCDS release ``appraise notice --format json`` writes validates against appraise's own
schema (appraisal/schemas/notice-release.json) and against the official OCDS 1.1.5 release
schema with the lots, bid, awardCriteria and UK extensions applied as JSON Merge Patches, codelist
values included (../shared/ocds/README.md; skipped when those files are absent, never under CI)."""

from __future__ import annotations

import copy
import csv
import json
import os
import subprocess
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run_appraise
from jsonschema import Draft4Validator
from test_notice_uk import AWARD, EXAMPLE, tender_folder


def _ocds() -> Path:
    """../shared/ocds beside the repository, or, for a clone or a git worktree of it made
    elsewhere (CI clones into a temporary folder), beside the repository it was made from;
    OCDS_SCHEMAS names another place."""
    if os.environ.get("OCDS_SCHEMAS"):
        return Path(os.environ["OCDS_SCHEMAS"])
    roots = [REPO]
    for ask in (["config", "--get", "remote.origin.url"], ["rev-parse", "--path-format=absolute", "--git-common-dir"]):
        found = subprocess.run(["git", "-C", str(REPO), *ask], capture_output=True, text=True, check=False)
        where = Path(found.stdout.strip()) if found.returncode == 0 and found.stdout.strip() else None
        if where is not None and where.is_absolute() and where.exists():
            roots.append(where.parent if where.name == ".git" else where)
    places = [root.parent / "shared" / "ocds" for root in roots]
    return next((p for p in places if (p / "standard-1.1.5").is_dir()), places[0])


OCDS = _ocds()
EXTENSIONS = ("lots", "bid", "awardCriteria", "uk")
"""In the order the README gives."""


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386: ``patch`` applied to ``target``."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def official() -> tuple[dict[str, Any], dict[str, set[str]]]:
    """The core release schema with the extensions patched in, and each codelist's codes by file name."""
    if not (OCDS / "standard-1.1.5" / "release-schema.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{OCDS} is missing (CI=true: the OCDS schemas must be there)")
        pytest.skip(f"the official OCDS schemas are not at {OCDS}")
    schema = json.loads((OCDS / "standard-1.1.5" / "release-schema.json").read_text(encoding="utf-8"))
    for name in EXTENSIONS:
        schema = merge_patch(schema, json.loads((OCDS / name / "release-schema.json").read_text(encoding="utf-8")))
    codes: dict[str, set[str]] = {}
    for path in sorted(OCDS.glob("*/codelists/*.csv")):
        name = path.name.lstrip("+")
        with path.open(encoding="utf-8", newline="") as f:
            codes.setdefault(name, set()).update(row["Code"] for row in csv.DictReader(f))
    return schema, codes


def own() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(files("appraisal").joinpath("schemas/notice-release.json").read_text("utf-8"))
    return schema


CODED = {
    ("tag",): "releaseTag.csv",
    ("parties", "*", "roles"): "partyRole.csv",
    ("parties", "*", "details", "scale"): "partyScale.csv",
    ("awards", "*", "status"): "awardStatus.csv",
    ("bids", "statistics", "*", "measure"): "bidStatistics.csv",
    ("tender", "lots", "*", "awardCriteria", "criteria", "*", "type"): "awardCriterionType.csv",
    ("tender", "lots", "*", "awardCriteria", "criteria", "*", "numbers", "*", "weight"): "criterionWeight.csv",
}
"""Where a release holds a codelist's value, and the codelist."""


def values_at(data: Any, path: tuple[str, ...]) -> list[Any]:
    if not path:
        return data if isinstance(data, list) else [data]
    head, rest = path[0], path[1:]
    if head == "*":
        return [v for item in data for v in values_at(item, rest)]
    return values_at(data[head], rest) if isinstance(data, dict) and head in data else []


def releases(tmp_path: Path) -> list[dict[str, Any]]:
    """Every kind of release on the example and on a small case (with KPIs, and without VAT or contact)."""
    award = copy.deepcopy(AWARD)
    award["contract"]["kpis"] = [{"name": "On time", "description": "Every visit within 2 days."}]
    award |= {"description": "Home visits for families with children under 5.", "cpv": "85323000-9"}
    small = copy.deepcopy(AWARD)
    small["value"] = {"amount": 300}
    small["contract"]["no_kpis_reason"] = "A one-off delivery, accepted on completion."
    folders = [EXAMPLE, tender_folder(tmp_path / "a", award), tender_folder(tmp_path / "b", small)]
    out = []
    for root in folders:
        for kind in ("uk6", "uk7"):
            run = run_appraise("notice", root, "--type", kind, "--format", "json")
            assert run.code == 0, run.err
            out.append(json.loads(run.out))
    return out


def test_every_release_validates_against_appraises_own_schema(tmp_path: Path) -> None:
    validator = Draft4Validator(own(), format_checker=Draft4Validator.FORMAT_CHECKER)
    Draft4Validator.check_schema(own())
    for release in releases(tmp_path):
        assert list(validator.iter_errors(release)) == []


def test_every_release_validates_against_the_official_ocds_schema_and_codelists(tmp_path: Path) -> None:
    schema, codes = official()
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    for release in releases(tmp_path):
        assert [e.message for e in validator.iter_errors(release)] == []
        for path, codelist in CODED.items():
            found = values_at(release, path)
            assert found or (release["tag"] == ["contract"] and path[0] in ("bids", "tender")), path
            assert set(found) <= codes[codelist], (path, set(found) - codes[codelist])
        weights = [n["number"] for c in release.get("tender", {}).get("lots", [{}])[0].get("awardCriteria", {})
                   .get("criteria", []) for n in c["numbers"]]
        if release["tag"] == ["award"]:
            assert round(sum(weights), 9) == 100  # percentageExact: "The numbers must add up to 100."


def test_the_own_schema_refuses_what_appraise_never_writes(tmp_path: Path) -> None:
    validator = Draft4Validator(own(), format_checker=Draft4Validator.FORMAT_CHECKER)
    release = releases(tmp_path)[0]
    broken = copy.deepcopy(release) | {"date": "24/02/2026"}
    assert not validator.is_valid(broken)
    broken = copy.deepcopy(release)
    broken["bids"]["statistics"][0]["measure"] = "lowestValidBidValue"  # a tender's price: never in a notice
    assert not validator.is_valid(broken)

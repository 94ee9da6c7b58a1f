"""Large folders are parsed on every core: the result must be exactly the sequential one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import appraisal.load.folder as load_module
from appraisal.errors import InputError
from appraisal.load.source import Source


def test_parallel_and_sequential_reads_agree_file_by_file(reference_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (reference_copy / "options" / "zz-broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    files = sorted((reference_copy / "options").glob("*.yaml"))
    sequential = load_module.read_files(files, reference_copy)
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 2)
    parallel = load_module.read_files(files, reference_copy)
    assert list(parallel) == list(sequential) == [str(f) for f in files]  # same files, same order
    assert parallel == sequential  # same data and text, and the same located problem
    assert not isinstance(parallel[str(files[-1])], Source)


def test_a_folder_scores_the_same_and_fails_the_same_in_parallel(reference_copy: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from appraisal.render.machine import result_to_dict
    from appraisal.scoring.weighted_sum import score

    expected = json.dumps(result_to_dict(score(load_module.load(reference_copy))))
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 2)
    assert json.dumps(result_to_dict(score(load_module.load(reference_copy)))) == expected
    (reference_copy / "options" / "in-house.yaml").write_text("name: A\nscores: {users: .nan}\n", encoding="utf-8")
    with pytest.raises(InputError) as parallel:
        load_module.load(reference_copy)
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 10**9)
    with pytest.raises(InputError) as sequential:
        load_module.load(reference_copy)
    assert parallel.value.problems == sequential.value.problems

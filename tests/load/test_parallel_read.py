"""Large folders are parsed on every core: the result must be exactly the sequential one.

The pool is forced (four cores claimed, a threshold of two files) and its work recorded, so
these tests take the parallel path, and fail if it is not taken, on a machine of any size.
"""

from __future__ import annotations

import json
import multiprocessing.pool
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

import appraisal.load.folder as load_module
from appraisal.errors import InputError
from appraisal.load.source import Source

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the pool is used on Linux only (fork)")


@pytest.fixture
def pool_of_four(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Claim four cores and parse in parallel from two files; return the files in each job the
    workers ran (this process parses the first chunk itself)."""
    jobs: list[list[int]] = []
    real_map = multiprocessing.pool.Pool.map_async

    def recording_map(self: multiprocessing.pool.Pool, func: Callable[[Any], Any], iterable: Iterable[Any],
                      chunksize: int | None = None) -> Any:
        work = list(iterable)
        jobs.append([len(files) for files, _folder in work])
        return real_map(self, func, work, chunksize)

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(multiprocessing.pool.Pool, "map_async", recording_map)
    return jobs


def test_parallel_and_sequential_reads_agree_file_by_file(reference_copy: Path,
                                                          pool_of_four: list[list[int]]) -> None:
    (reference_copy / "options" / "zz-broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    files = sorted((reference_copy / "options").glob("*.yaml"))
    assert len(files) == 8
    with pytest.MonkeyPatch.context() as one_process:
        one_process.setattr(load_module, "PARALLEL_FROM", 10**9)
        sequential = load_module.read_files(files, reference_copy)
    assert pool_of_four == []
    parallel = load_module.read_files(files, reference_copy)
    assert pool_of_four == [[2, 2, 2]]  # 8 files in one contiguous chunk of 2 per core, the first parsed here
    assert list(parallel) == list(sequential) == [str(f) for f in files]  # same files, same order
    assert parallel == sequential  # same data and text, and the same located problem
    assert not isinstance(parallel[str(files[-1])], Source)


def test_a_folder_scores_the_same_and_fails_the_same_in_parallel(reference_copy: Path,
                                                                 pool_of_four: list[list[int]],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from appraisal.render.machine import result_to_dict
    from appraisal.scoring.weighted_sum import score

    with pytest.MonkeyPatch.context() as one_process:
        one_process.setattr(load_module, "PARALLEL_FROM", 10**9)
        expected = json.dumps(result_to_dict(score(load_module.load(reference_copy))))
    assert json.dumps(result_to_dict(score(load_module.load(reference_copy)))) == expected
    assert pool_of_four == [[2, 2, 1]]  # the reference's 7 option files over 4 cores (2 parsed here)
    (reference_copy / "options" / "in-house.yaml").write_text("name: A\nscores: {users: .nan}\n", encoding="utf-8")
    with pytest.raises(InputError) as parallel:
        load_module.load(reference_copy)
    assert len(pool_of_four) == 2
    monkeypatch.setattr(load_module, "PARALLEL_FROM", 10**9)
    with pytest.raises(InputError) as sequential:
        load_module.load(reference_copy)
    assert len(pool_of_four) == 2
    assert parallel.value.problems == sequential.value.problems

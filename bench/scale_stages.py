"""Where the time of ``appraise score DIR --format json`` goes, stage by stage, in one process.

Generates a synthetic folder (``--lean`` for issue 18's lean files), then runs the stages of
the command as it does (collector paused, files parsed in one process so that each stage's
CPU time is its own) and prints the CPU seconds of each, and the interpreter's start-up and
imports measured from outside. ``python bench/scale_stages.py --options 10000 --lean``.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import generate

IMPORTS = ("import appraisal.cli, appraisal.load.folder, appraisal.scoring.weighted_sum, "
           "appraisal.render.machine, appraisal.check.crossfile")


def stages(folder: Path) -> list[tuple[str, float]]:
    """CPU seconds of each stage, in the order the command runs them."""
    import appraisal.load.folder as load
    from appraisal.analysis.dominance import dominators
    from appraisal.check import crossfile
    from appraisal.load.assessments import read_assessments
    from appraisal.load.source import Source, read_yaml
    from appraisal.load.validate import validate_source
    from appraisal.model.option import OptionFile
    from appraisal.render.machine import result_to_dict, to_json
    from appraisal.scoring.weighted_sum import score

    out: list[tuple[str, float]] = []
    clock = time.process_time
    criteria = folder / "criteria.yaml"
    start = clock()
    files = load.yaml_files(folder / "options", "options")[0]
    parsed = {str(criteria): read_yaml(criteria, str(criteria), folder=folder),
              **dict(load._read_chunk((files, folder)))}
    out.append(("list, read and parse the files (one process)", clock() - start))
    start = clock()
    for name, source in parsed.items():
        if name != str(criteria) and isinstance(source, Source):
            validate_source(source, OptionFile)
    out.append(("  pydantic validation of the options (again below)", clock() - start))
    checks = crossfile.check_appraisal
    checked: list[float] = []

    def check_timed(*args: Any, **kwargs: Any) -> Any:
        begun = clock()
        found = checks(*args, **kwargs)
        checked.append(clock() - begun)
        return found

    crossfile.check_appraisal = check_timed  # type: ignore[assignment]
    start = clock()
    try:
        appraisal = load.assemble(parsed, str(criteria), read_assessments(folder)[0])[0]
    finally:
        crossfile.check_appraisal = checks  # type: ignore[assignment]
    out += [("assemble (validation, checks)", clock() - start), ("  of which cross-file checks", checked[0])]
    start = clock()
    result = score(appraisal)
    out.append(("score", clock() - start))
    start = clock()
    dominators(result)
    out.append(("  dominance (again below)", clock() - start))
    start = clock()
    document = result_to_dict(result)
    out.append(("the JSON document (with dominance)", clock() - start))
    start = clock()
    to_json(document)
    out.append(("the JSON text", clock() - start))
    start = clock()
    del document, result, appraisal, parsed
    out.append(("freeing it all", clock() - start))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--options", type=int, default=10000)
    parser.add_argument("--criteria", type=int, default=20)
    parser.add_argument("--lean", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "folder", args.options, args.criteria, lean=args.lean)
        bare = min(_cpu([sys.executable, "-c", "pass"]) for _ in range(3))
        imports = min(_cpu([sys.executable, "-c", IMPORTS]) for _ in range(3))
        gc.disable()  # as the command line runs
        rows = [("interpreter start-up", bare), ("imports", imports - bare), *stages(folder)]
    for name, seconds in rows:
        print(f"{name:52s} {seconds:6.3f} CPU s")
    total = sum(seconds for name, seconds in rows if not name.startswith(" "))
    print(f"{'total (the rows not indented)':52s} {total:6.3f} CPU s")


def _cpu(command: list[str]) -> float:
    """User plus system CPU seconds of one run of ``command``."""
    import os

    child = subprocess.Popen(command)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()

"""Start-up of ``appraise``, installed as users install it, against the floor of its stack.

The floor is ``bench/stack_floor.py``: a Typer app with ``score``'s options that imports
PyYAML, validates one small pydantic model and exits, the least any command built on the
stack appraise requires can do. The script

1. installs the repository the way users do, ``pip install .`` (not editable) into a new
   virtual environment in a temporary folder, or into ``--venv DIR``; pip compiles every
   module to bytecode as it installs, and ``PYTHONDONTWRITEBYTECODE`` is removed from the
   environment of the install and of every run, so the ``.pyc`` files exist and are used
   (the script checks that they do);
2. times, with that environment's Python, ``appraise score options/`` (the repository's
   reference example, output to /dev/null), ``appraise --help`` and ``appraise --version``,
   each against the floor: round after round, the floor then each command (A, B, A, B, ...),
   after warm-up rounds, so load on the machine falls on all alike;
3. prints for each its median and minimum wall time, its median CPU time (user + system, from
   the operating system's accounting of the finished child), and the ratios of the medians to
   the floor's, with the load average before and after.

    python bench/startup.py                    # 21 rounds after 3 warm-up rounds
    python bench/startup.py --runs 31 --profile
    python bench/startup.py --venv /tmp/appraise-venv   # keep (and reuse) the environment

With ``--profile`` it also sums ``python -X importtime``'s self times per top-level package,
for ``appraise score`` and for the floor, and lists the modules only ``appraise`` imports.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR = REPO / "bench" / "stack_floor.py"


def environment() -> dict[str, str]:
    """This environment less ``PYTHONDONTWRITEBYTECODE`` (and any pydantic plugin setting, which
    would change what appraise does at start-up)."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYDANTIC_DISABLE_PLUGINS")}


def install(venv: Path) -> None:
    """``pip install .`` into ``venv`` (made if missing), replacing any appraise there before."""
    env = environment()
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, str(REPO)], check=True, env=env, cwd=venv)
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True, env=env, cwd=venv)
    site = subprocess.run([str(venv / "bin" / "python"), "-c", "import appraisal, os; print(os.path.dirname("
                           "appraisal.__file__))"], check=True, env=env, cwd=venv, capture_output=True, text=True)
    package = Path(site.stdout.strip())
    if REPO in package.parents:
        sys.exit(f"bench/startup.py: {venv} imports appraisal from the repository ({package}): not an install")
    compiled = list((package / "cli" / "__pycache__").glob("*.pyc"))
    if not compiled:
        sys.exit(f"bench/startup.py: pip compiled no bytecode in {package}")


def run_once(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, as the kernel accounts for the reaped child) of one
    run, output discarded; a failure stops the benchmark."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=REPO, env=environment(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE) as proc:
        assert proc.stderr is not None
        stderr = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench/startup.py: {' '.join(command)} failed:\n{stderr.decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(commands: dict[str, list[str]], runs: int, warmup: int) -> dict[str, list[tuple[float, float]]]:
    """``runs`` timed rounds, each running every command once in turn, after ``warmup`` untimed rounds."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_number in range(warmup + runs):
        for name, command in commands.items():
            timing = run_once(command)
            if round_number >= warmup:
                times[name].append(timing)
    return times


def self_times(command: list[str]) -> dict[str, int]:
    """Each module's self time in microseconds, from ``python -X importtime``."""
    proc = subprocess.run(command, cwd=REPO, env=environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    modules: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "imported package" not in line:
            self_us, _, name = (part.strip() for part in line[len("import time:"):].split("|"))
            modules[name] = int(self_us)
    return modules


def import_profile(python: str, top: int = 12) -> str:
    """Self times of ``appraise score`` and the floor summed per top-level package (cumulative
    times nest, so self times are summed, nothing counted twice), and what only appraise imports.
    A module imported with ``importlib.import_module`` (the command's own) is not listed by
    importtime; what it imports is."""
    score = self_times([python, "-X", "importtime", "-m", "appraisal", "score", "options/"])
    floor = self_times([python, "-X", "importtime", str(FLOOR), "score", "options/"])
    lines = []
    for title, modules in (("appraise score options/", score), ("the floor", floor)):
        packages: dict[str, int] = {}
        for name, spent in modules.items():
            packages[name.split(".")[0]] = packages.get(name.split(".")[0], 0) + spent
        total = sum(packages.values())
        lines.append(f"import time of {title}: {total / 1000:.1f} ms; self time per top-level package:")
        for root, spent in sorted(packages.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
            lines.append(f"  {spent / 1000:8.1f} ms  {100 * spent / total:4.1f}%  {root}")
    only = {name: spent for name, spent in score.items() if name not in floor}
    lines.append(f"imported by appraise score only: {len(only)} modules, {sum(only.values()) / 1000:.1f} ms; "
                 f"the largest:")
    largest = sorted(only.items(), key=lambda kv: -kv[1])[:top]
    lines.extend(f"  {spent / 1000:8.1f} ms  {name}" for name, spent in largest)
    missing = sorted(name for name in floor if name not in score)
    lines.append(f"imported by the floor only: {len(missing)} modules ({', '.join(missing)})")
    return "\n".join(lines)


def report(times: dict[str, list[tuple[float, float]]], floor_name: str) -> list[str]:
    floor_wall = statistics.median(wall for wall, _ in times[floor_name])
    floor_cpu = statistics.median(cpu for _, cpu in times[floor_name])
    lines = [f"{'command':38s} {'wall median':>11s} {'wall min':>9s} {'cpu median':>10s}   "
             "ratio to the floor (wall, cpu)"]
    for name, sample in times.items():
        wall = statistics.median(w for w, _ in sample)
        cpu = statistics.median(c for _, c in sample)
        ratios = "" if name == floor_name else f"   {wall / floor_wall:.2f}x, {cpu / floor_cpu:.2f}x"
        lines.append(f"{name:38s} {wall * 1000:8.1f} ms {min(w for w, _ in sample) * 1000:6.1f} ms "
                     f"{cpu * 1000:7.1f} ms{ratios}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="timed rounds (default 21)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first (default 3)")
    parser.add_argument("--venv", type=Path, help="install into (or reuse) this virtual environment")
    parser.add_argument("--profile", action="store_true", help="also summarise python -X importtime")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="appraise-startup-") as scratch:
        venv = (args.venv or Path(scratch) / "venv").resolve()
        install(venv)
        python, appraise = str(venv / "bin" / "python"), str(venv / "bin" / "appraise")
        floor_name = "floor: stack_floor.py score options/"
        commands = {
            floor_name: [python, str(FLOOR), "score", "options/"],
            "appraise score options/": [appraise, "score", "options/"],
            "appraise --help": [appraise, "--help"],
            "appraise --version": [appraise, "--version"],
        }
        before = os.getloadavg()
        times = measure(commands, args.runs, args.warmup)
        after = os.getloadavg()
        version = subprocess.run([python, "-c", "import typer, pydantic, yaml; print(f'typer {typer.__version__}, "
                                  "pydantic {pydantic.VERSION}, PyYAML {yaml.__version__}')"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()} on "
              f"{platform.machine()}, {os.cpu_count()} cores; {version}; installed with pip install . in {venv}")
        print(f"{args.runs} rounds after {args.warmup} warm-up rounds; load average {before[0]:.2f} before, "
              f"{after[0]:.2f} after")
        print("\n".join(report(times, floor_name)))
        if args.profile:
            print(import_profile(python))


if __name__ == "__main__":
    main()

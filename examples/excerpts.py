"""Write each example README's output excerpt from the real tool.

``python examples/excerpts.py`` replaces the block between the excerpt markers in every
``examples/*/README.md`` with what ``appraise score`` prints for that folder (and its first
scenario); tests/system/test_examples.py fails when a README's excerpt differs from the tool's output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN = "<!-- output excerpt: begin (python examples/excerpts.py writes this) -->"
END = "<!-- output excerpt: end -->"


def appraise(*args: str) -> str:
    """What ``appraise ARGS`` prints piped, wrapped to 100 columns (COLUMNS), as a README shows it."""
    command = [sys.executable, "-m", "appraisal", *args]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"COLUMNS": "100"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, env=env).stdout


def excerpt(folder: Path) -> str:
    """The Markdown block for one example: the ranking, and the ranking under its first scenario."""
    rel = folder.relative_to(ROOT).as_posix()
    scenario = min((folder / "scenarios").glob("*.yaml")).relative_to(ROOT).as_posix()
    return "\n".join([
        BEGIN,
        "Output of `appraise score " + rel + "`:",
        "",
        "```",
        appraise("score", rel).rstrip(),
        "```",
        "",
        "And with `--scenario " + scenario + "`:",
        "",
        "```",
        appraise("score", rel, "--scenario", scenario).rstrip(),
        "```",
        END,
    ])


def replace_excerpt(readme: str, block: str) -> str:
    """The README with its excerpt block (or the placeholder line) replaced by ``block``."""
    if BEGIN in readme:
        head, rest = readme.split(BEGIN, 1)
        return head + block + rest.split(END, 1)[1]
    lines = [block if line.startswith("<!-- output excerpt") else line for line in readme.splitlines()]
    return "\n".join(lines) + "\n"


def main() -> None:
    for folder in sorted(p for p in HERE.iterdir() if (p / "criteria.yaml").is_file()):
        readme = folder / "README.md"
        readme.write_text(replace_excerpt(readme.read_text(encoding="utf-8"), excerpt(folder)), encoding="utf-8")
        print(f"wrote the excerpt in {readme.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

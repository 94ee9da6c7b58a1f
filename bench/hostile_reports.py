"""Time and memory of ``appraise report`` given hostile reference documents and templates.

Each case runs the console script on tests/data/report-small in a new process and reports its
exit code, wall time and peak memory (the child's maximum resident set). The reference
documents are built here: a council's (python-docx's own Word-made template with Arial, a header
with a logo and a footer), the largest within the limits (15 MB of varied XML, a 24 MB
picture), a 1.6 MB file declaring a 1.5 GB part, XML nested 100,000 deep; the templates each try
to build a gigabyte in one step. Everything bad must be exit 2 within seconds and a few hundred MB.

    python bench/hostile_reports.py
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "data" / "report-small"


def council() -> dict[str, bytes]:
    import docx
    from docx.shared import Cm, Pt
    from PIL import Image

    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)
    logo = io.BytesIO()
    Image.new("RGB", (40, 20), (128, 0, 0)).save(logo, "PNG")
    header = document.sections[0].header.paragraphs[0]
    header.text = "Somewhere Council "
    header.add_run().add_picture(logo, width=Cm(2))
    document.sections[0].footer.paragraphs[0].text = "OFFICIAL"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def largest() -> bytes:
    parts = council()
    rng = random.Random(1)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    budget = 14_900_000 - sum(len(v) for k, v in parts.items() if k.endswith((".xml", ".rels")))
    paragraphs, size = [], 0
    while size < budget:
        paragraph = ("<w:p><w:r><w:t>" + " ".join(rng.choice(words) for _ in range(12)) + "</w:t></w:r></w:p>").encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:body>", b"<w:body>" + b"".join(paragraphs))
    logo = next(name for name in parts if name.startswith("word/media/"))
    parts[logo] += os.urandom(24_000_000)
    return zipped(parts)


def bomb() -> bytes:
    buffer = io.BytesIO(zipped(council()))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package, \
            package.open("word/media/image9.png", "w") as part:
        for _ in range(1536):
            part.write(bytes(1 << 20))
    return buffer.getvalue()


def deep() -> bytes:
    parts = council()
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"</w:styles>", b"<w:x>" * 100_000 + b"</w:x>" * 100_000 + b"</w:styles>")
    return zipped(parts)


REFERENCES: dict[str, Callable[[], bytes]] = {
    "a council's reference document": lambda: zipped(council()),
    "the largest within the limits (15 MB XML, 24 MB picture)": largest,
    "1.6 MB declaring a 1.5 GB part": bomb,
    "XML nested 100,000 deep": deep,
}
TEMPLATES = {
    "'x'.center(999999999)": "{{ 'x'.center(999999999) }}",
    "'%999999999s'|format(1)": "{{ '%999999999s'|format(1) }}",
    "'{:>999999999}'.format(1)": "{{ '{:>999999999}'.format(1) }}",
    "replace with a long text": "{{ ('a' * 100000)|replace('a', 'b' * 10000) }}",
    "join with a long separator": "{{ range(100000)|join('x' * 100000) }}",
    "~ doubling 40 times":
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
}


def run(args: list[str]) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak memory in MB, as GNU time reports it (a child forked from
    this process would start with this process's own high-water mark)."""
    appraise = shutil.which("appraise", path=str(Path(sys.executable).parent)) or "appraise"
    started = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", appraise, *args], capture_output=True, text=True,
                          check=False, timeout=600)
    return proc.returncode, time.perf_counter() - started, int(proc.stderr.split()[-1]) / 1024


def main() -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    print("| input | exit | time | peak memory |\n| --- | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out.docx"
        code, wall, peak = run(["report", str(SMALL), "-o", str(out)])
        print(f"| no reference document | {code} | {wall:.1f} s | {peak:.0f} MB |", flush=True)
        for name, make in REFERENCES.items():
            path = folder / "reference.docx"
            path.write_bytes(make())
            code, wall, peak = run(["report", str(SMALL), "-o", str(out), "--reference-doc", str(path)])
            print(f"| {name} | {code} | {wall:.1f} s | {peak:.0f} MB |", flush=True)
        for name, text in TEMPLATES.items():
            path = folder / "mine.md.j2"
            path.write_text(text + "\n", encoding="utf-8")
            code, wall, peak = run(["report", str(SMALL), "--template", str(path), "-o", str(folder / "out.md")])
            shown = name.replace("|", "\\|")
            print(f"| template: `{shown}` | {code} | {wall:.1f} s | {peak:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()

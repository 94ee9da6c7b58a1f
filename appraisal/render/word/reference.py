"""The council's reference document (``--reference-doc``), taken for its styles only.

A reference document gives the appendix its look: styles, numbering, theme and fonts, page
set-up, headers and footers (with their pictures). Nothing else of it is taken: before
python-docx sees it, the package is checked within limits (:mod:`appraisal.load.package_guard`)
and rebuilt from those parts alone, found by following its relationships from the main
document, each given the content type its relationship calls for. So every external
relationship (a remote attached template, hyperlinks and pictures linked from the web, a mail
merge source), every macro part (``vbaProject.bin``, ``vbaData.xml``, key and toolbar
customisations), custom XML, ActiveX controls, OLE objects, ``altChunk`` and sub-documents,
comments, the template's document properties and its thumbnail are left behind; an element of
a part kept that refers to something left behind goes too (a hyperlink keeps its text). A
Word template (.dotx), or a macro-enabled document or template (.docm, .dotm), is read as the
plain document it becomes, and the appendix is always a plain .docx.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from appraisal.errors import InputError, Problem
from appraisal.load.package_guard import XML_ENDINGS, NotAPackage, PackageProblem, open_package

if TYPE_CHECKING:
    from docx.document import Document
    from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships")
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@dataclass(frozen=True)
class Kind:
    """A part the reference document may give: its content type and the root element it must have."""

    content_type: str
    root: str | None
    """Clark name of the root element; None for a binary part."""


KINDS = {
    "officeDocument": Kind(WML + "document.main+xml", f"{{{W}}}document"),
    "styles": Kind(WML + "styles+xml", f"{{{W}}}styles"),
    "numbering": Kind(WML + "numbering+xml", f"{{{W}}}numbering"),
    "settings": Kind(WML + "settings+xml", f"{{{W}}}settings"),
    "webSettings": Kind(WML + "webSettings+xml", f"{{{W}}}webSettings"),
    "fontTable": Kind(WML + "fontTable+xml", f"{{{W}}}fonts"),
    "header": Kind(WML + "header+xml", f"{{{W}}}hdr"),
    "footer": Kind(WML + "footer+xml", f"{{{W}}}ftr"),
    "footnotes": Kind(WML + "footnotes+xml", f"{{{W}}}footnotes"),
    "endnotes": Kind(WML + "endnotes+xml", f"{{{W}}}endnotes"),
    "theme": Kind("application/vnd.openxmlformats-officedocument.theme+xml", f"{{{A}}}theme"),
    "image": Kind("image/*", None),
    "font": Kind("application/vnd.openxmlformats-officedocument.obfuscatedFont", None),
}
"""The relationships followed, by the last part of their type; every other one is dropped."""

IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif",
               "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff", "emf": "image/x-emf",
               "wmf": "image/x-wmf", "svg": "image/svg+xml"}
DROP_WHOLE = {f"{{{W}}}{name}" for name in ("drawing", "object", "pict", "altChunk", "subDoc",
                                             "attachedTemplate", "mailMerge", "control", "headerReference",
                                             "footerReference")}
"""An element that refers to a part left behind goes with the nearest of these around it."""
UNWRAP = {f"{{{W}}}hyperlink"}
"""...or, for a hyperlink, leaves its text in place..."""
REMOVE_SELF = {f"{{{A}}}hlinkClick", f"{{{A}}}hlinkHover"}
"""...or, for a link on a picture, leaves the picture."""

SAVE_AS = ("open it in Word or LibreOffice and save it as a Word Document (.docx), then give that file")


def open_reference(shown: str, data: bytes) -> Document:
    """The reference document, its styles and set-up only, opened by python-docx (body not yet emptied)."""
    import docx

    try:
        return docx.Document(io.BytesIO(styles_only(data)))
    except PackageProblem as exc:
        why = "it is not a Word document (.docx)" if isinstance(exc, NotAPackage) else str(exc)
    except (ValueError, KeyError, SyntaxError):  # what python-docx still finds wrong: say so, not its words
        why = "Word's format could not be read from it"
    raise InputError([Problem(shown, 1, 1, f"--reference-doc: {why}: {SAVE_AS}")])


def styles_only(data: bytes) -> bytes:
    """The package ``data`` rebuilt from the parts a reference document gives (module doc)."""
    package = open_package(data)
    names = set(package.namelist())
    main = _main_part(package, names)
    kinds: dict[str, Kind] = {main: KINDS["officeDocument"]}
    out: dict[str, bytes] = {}
    queue = deque([main])
    while queue:
        part = queue.popleft()
        kept = _follow(package, names, part, kinds, queue, out)
        out[part] = _part_bytes(package, part, kinds[part], kept)
    out["_rels/.rels"] = _rels_xml([("rId1", OFFICE_DOCUMENT, main)])
    out["[Content_Types].xml"] = _content_types(kinds)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(out, key=lambda n: (n != "[Content_Types].xml", n)):
            target.writestr(name, out[name])
    return buffer.getvalue()


def _parse(package: zipfile.ZipFile, name: str) -> etree._Element:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(package.read(name), parser)
    except etree.XMLSyntaxError as exc:
        raise PackageProblem(f"its part {name} cannot be read as XML ({exc.msg})") from None


def _main_part(package: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" not in names:
        raise PackageProblem("it is not a Word document (it has no _rels/.rels)")
    for rel in _parse(package, "_rels/.rels").iter(f"{{{RELS}}}Relationship"):
        if rel.get("Type", "").rsplit("/", 1)[-1] == "officeDocument" and rel.get("TargetMode") != "External":
            target = _resolve("", rel.get("Target", ""))
            if target in names and target.lower().endswith(XML_ENDINGS):
                return target
    raise PackageProblem("it is not a Word document (no main document part)")


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a member name, '' when it leaves the package."""
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    path = posixpath.normpath(path) if path else ""
    return "" if path.startswith("..") or path == "." else path


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _follow(package: zipfile.ZipFile, names: set[str], part: str, kinds: dict[str, Kind],
            queue: deque[str], out: dict[str, bytes]) -> set[str]:
    """Keep ``part``'s relationships to parts a reference gives; the ids kept."""
    rels_name = _rels_name(part)
    if rels_name not in names:
        return set()
    kept: list[tuple[str, str, str]] = []
    for rel in _parse(package, rels_name).iter(f"{{{RELS}}}Relationship"):
        rel_type, rel_id = rel.get("Type", ""), rel.get("Id", "")
        kind = KINDS.get(rel_type.rsplit("/", 1)[-1])
        target = _resolve(posixpath.dirname(part), rel.get("Target", ""))
        if (rel.get("TargetMode") == "External" or kind is None or kind.root == KINDS["officeDocument"].root
                or target not in names or not rel_id or kinds.get(target, kind) != kind
                or (kind.root is not None and not target.lower().endswith(XML_ENDINGS))):
            continue  # an XML part only where the guard scanned XML
        if target not in kinds:
            kinds[target] = kind
            queue.append(target)
        kept.append((rel_id, rel_type, posixpath.relpath(target, posixpath.dirname(part) or ".")))
    if kept:
        out[rels_name] = _rels_xml(kept)
    return {rel_id for rel_id, _, _ in kept}


def _part_bytes(package: zipfile.ZipFile, part: str, kind: Kind, kept: set[str]) -> bytes:
    """The part's bytes: an XML part checked for its root and cleared of references to parts left behind."""
    from lxml import etree

    if kind.root is None:
        return package.read(part)
    root = _parse(package, part)
    if root.tag != kind.root:
        if root.tag.startswith(f"{{{STRICT_W}}}"):
            raise PackageProblem("it is saved as Strict Open XML, which appraise does not read")
        raise PackageProblem(f"its part {part} is damaged (it is not the Word part its relationship names)")
    if kind is KINDS["officeDocument"] and root.find(f"{{{W}}}body") is None:
        raise PackageProblem(f"its part {part} is damaged (it has no body)")
    _drop_references(root, kept)
    _drop_fields(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _drop_references(root: etree._Element, kept: set[str]) -> None:
    """Remove what refers to a relationship not kept: the element around it, or a hyperlink's wrapper."""
    for element in list(root.iter()):
        refs = [name for name in element.attrib if name.startswith(tuple(f"{{{ns}}}" for ns in R_NAMESPACES))]
        if not refs or all(element.get(name) in kept for name in refs):
            continue
        if element.tag in UNWRAP:
            _unwrap(element)
        elif element.tag not in REMOVE_SELF and any(element.get(name) in kept for name in refs):
            for name in refs:  # a picture kept, its link to the web not
                if element.get(name) not in kept:
                    del element.attrib[name]
        else:
            around = element if element.tag in DROP_WHOLE | REMOVE_SELF else next(
                (e for e in element.iterancestors() if e.tag in DROP_WHOLE), element)
            parent = around.getparent()
            if parent is not None:
                parent.remove(around)


FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "STYLEREF", "DATE", "TIME", "TITLE",
                    "SUBJECT", "AUTHOR", "KEYWORDS", "DOCPROPERTY", "CREATEDATE", "SAVEDATE", "PRINTDATE"})
"""The fields a header or footer may keep (page numbers, dates, the document's properties);
any other (``INCLUDEPICTURE``/``INCLUDETEXT`` of a web address, ``LINK``, ``DDEAUTO``, which
runs a program, ``HYPERLINK``...) is replaced by the text it last showed."""


def _field_allowed(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in FIELDS


def _drop_fields(root: etree._Element) -> None:
    """Replace every field not in :data:`FIELDS` by its last result, simple or complex."""
    for simple in list(root.iter(f"{{{W}}}fldSimple")):
        if not _field_allowed(simple.get(f"{{{W}}}instr", "")):
            _unwrap(simple)
    for paragraph in list(root.iter(f"{{{W}}}p")):
        stack: list[dict[str, Any]] = []
        for run in list(paragraph.iter(f"{{{W}}}r")):
            char = run.find(f"{{{W}}}fldChar")
            kind = char.get(f"{{{W}}}fldCharType") if char is not None else None
            if kind == "begin":
                stack.append({"code": [run], "instruction": "", "separated": False})
            elif stack and kind == "separate":
                stack[-1]["code"].append(run)
                stack[-1]["separated"] = True
            elif stack and kind == "end":
                field = stack.pop()
                if not _field_allowed(field["instruction"]):
                    for code in [*field["code"], run]:  # the result runs stay
                        if code.getparent() is not None:
                            code.getparent().remove(code)
            elif stack and not stack[-1]["separated"]:
                stack[-1]["code"].append(run)
                stack[-1]["instruction"] += "".join(t.text or "" for t in run.iter(f"{{{W}}}instrText"))


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _rels_xml(rels: list[tuple[str, str, str]]) -> bytes:
    from lxml import etree

    root = etree.Element(f"{{{RELS}}}Relationships", nsmap={None: RELS})
    for rel_id, rel_type, target in rels:
        etree.SubElement(root, f"{{{RELS}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_types(kinds: dict[str, Kind]) -> bytes:
    """Each part's content type from its relationship (a picture's from its ending), whatever
    the package said: a template's or macro document's main part becomes a document's."""
    from lxml import etree

    root = etree.Element(f"{{{TYPES}}}Types", nsmap={None: TYPES})
    etree.SubElement(root, f"{{{TYPES}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(root, f"{{{TYPES}}}Default", Extension="xml", ContentType="application/xml")
    for part, kind in sorted(kinds.items()):
        content_type = kind.content_type
        if content_type == "image/*":
            content_type = IMAGE_TYPES.get(part.rsplit(".", 1)[-1].lower(), "image/png")
        etree.SubElement(root, f"{{{TYPES}}}Override", PartName="/" + part, ContentType=content_type)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

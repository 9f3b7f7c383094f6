"""What a template package may carry into a clerk's document: an allow-list of parts, links and fields.

Policy (README, "Templates from elsewhere"):

* **Refused**, naming the part: active content -- macros (``vbaProject.bin``, a macro-enabled
  content type, .docm/.dotm), ActiveX controls, embedded OLE objects and packages, altChunk
  imports, sub-documents, fields that fetch or run (INCLUDETEXT, INCLUDEPICTURE, DDE, DDEAUTO,
  LINK, IMPORT, DATABASE, MACROBUTTON), a DOCTYPE in any part, and every external relationship
  other than an http(s) or mailto hyperlink (remote images, file: and UNC links).
* **Stripped with a warning**: what Word adds to ordinary documents by itself -- the attached
  template (usually Normal.dotm, by a file: path), custom XML data parts, a glossary of building
  blocks, add-in (web extension) parts, printer settings -- and any other part not on the
  allow-list, provided nothing kept refers to it.

The output is built only from the parts kept here and the parts the library writes.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from lxml import etree

from ..errors import TemplateError

__all__ = ["FORBIDDEN_FIELDS", "Sanitised", "check_rendered", "sanitise"]

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

_ALLOWED_TYPES = {_WML + k + "+xml" for k in (
    "document.main", "template.main", "styles", "numbering", "settings", "webSettings", "fontTable", "footnotes",
    "endnotes", "header", "footer", "comments")} | {
    "application/vnd.openxmlformats-officedocument.theme+xml",
    "application/vnd.openxmlformats-package.core-properties+xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/vnd.ms-word.stylesWithEffects+xml",
    "application/vnd.ms-word.commentsExtended+xml", "application/vnd.ms-word.commentsIds+xml",
    "application/vnd.ms-word.commentsExtensible+xml", "application/vnd.ms-word.people+xml",
    "application/vnd.openxmlformats-officedocument.obfuscatedFont", "application/x-fontdata",
    "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff", "image/x-emf", "image/x-wmf",
}
_MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData", "activeX", "oleObject")
_REFUSED_PARTS = re.compile(r"(?i)(^|/)(vbaProject\.bin|vbaData\.xml)$|^word/(activeX|embeddings)/|afchunk")
_REFUSED_RELS = {_OD + k: what for k, what in (
    ("aFChunk", "an altChunk import"), ("oleObject", "an embedded OLE object"), ("package", "an embedded package"),
    ("control", "an ActiveX control"), ("subDocument", "a sub-document"), ("frame", "a frame"))} | {
    "http://schemas.microsoft.com/office/2006/relationships/vbaProject": "a macro project",
    "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary": "an ActiveX control",
    "http://schemas.microsoft.com/office/2006/relationships/wordVbaData": "macro data"}
_HYPERLINK = _OD + "hyperlink"
_ATTACHED = _OD + "attachedTemplate"
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: Field instructions that fetch or run something when the document is opened or updated.
FORBIDDEN_FIELDS = frozenset({"INCLUDETEXT", "INCLUDEPICTURE", "INCLUDE", "IMPORT", "DDE", "DDEAUTO", "LINK",
                              "DATABASE", "MACROBUTTON"})
_FIELD_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


@dataclass(frozen=True)
class Sanitised:
    """The parts a template may keep, and what was stripped (one line each, for warnings)."""

    parts: dict[str, bytes]
    stripped: tuple[str, ...]


def _types(parts: dict[str, bytes], name: str) -> tuple[dict[str, str], dict[str, str]]:
    """(extension -> type, /part -> type) from [Content_Types].xml."""
    try:
        root = etree.fromstring(parts["[Content_Types].xml"], _STRICT)
    except KeyError:
        raise TemplateError("no [Content_Types].xml: not a Word document", name) from None
    except etree.XMLSyntaxError as e:
        raise TemplateError(f"[Content_Types].xml is not well-formed ({e})", name) from e
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(_CT + "Default")}
    overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in root.iter(_CT + "Override")}
    return defaults, overrides


def _type_of(part: str, defaults: dict[str, str], overrides: dict[str, str]) -> str:
    return overrides.get("/" + part) or defaults.get(posixpath.splitext(part)[1][1:].lower(), "")


def _source_of(rels: str) -> tuple[str, str]:
    """(the part a .rels file belongs to, the folder its targets are relative to)."""
    folder, file = posixpath.split(rels)
    owner_dir = posixpath.dirname(folder)
    return posixpath.join(owner_dir, file[: -len(".rels")]), owner_dir


def sanitise(parts: dict[str, bytes], name: str) -> Sanitised:
    """Apply the policy above; TemplateError names the first refused thing and where it is."""
    for part, data in parts.items():
        if part.endswith((".xml", ".rels")) and _DOCTYPE.search(data[:4096]):
            raise TemplateError(f"{part} has a DOCTYPE (entity declarations are not allowed in a template)", name)
    defaults, overrides = _types(parts, name)
    stripped: list[str] = []
    kept: dict[str, bytes] = {}
    for part, data in parts.items():
        kind = _type_of(part, defaults, overrides)
        if _REFUSED_PARTS.search(part) or any(m in kind for m in _MACRO_TYPES):
            raise TemplateError(f"{part} is active content ({kind or 'macros'}): macros, ActiveX and embedded "
                                "objects are not allowed in a template", name)
        if part == "[Content_Types].xml" or part.endswith(".rels") or kind in _ALLOWED_TYPES:
            kept[part] = data
        else:
            stripped.append(f"{part} ({kind or 'unknown type'})")
    for rels in [p for p in kept if p.endswith(".rels")]:
        source, base = _source_of(rels)
        if source and source not in kept:
            del kept[rels]  # the relationships of a part that was stripped
            continue
        _check_relationships(kept, rels, source, base, stripped, name)
    for part, data in kept.items():
        if _FIELD_PARTS.fullmatch(part):
            try:
                root = etree.fromstring(data, _STRICT)
            except etree.XMLSyntaxError:
                continue  # template tags where XML cannot have them: checked once rendered
            check_rendered(part, root, name)
    kept["[Content_Types].xml"] = _drop_overrides(kept["[Content_Types].xml"], kept)
    return Sanitised(kept, tuple(stripped))


def _check_relationships(kept: dict[str, bytes], rels: str, source: str, base: str, stripped: list[str],
                         name: str) -> None:
    try:
        root = etree.fromstring(kept[rels], _STRICT)
    except etree.XMLSyntaxError as e:
        raise TemplateError(f"{rels} is not well-formed ({e})", name) from e
    removed = []
    for rel in list(root):
        kind, target, rid = rel.get("Type", ""), rel.get("Target", ""), rel.get("Id", "")
        where = f"{rels}, relationship {rid} to {target!r}"
        if kind in _REFUSED_RELS:
            raise TemplateError(f"{where}: {_REFUSED_RELS[kind]} is not allowed in a template", name)
        if rel.get("TargetMode") == "External":
            if kind == _HYPERLINK and target.lower().startswith(_SAFE_SCHEMES):
                continue
            if kind == _ATTACHED:  # Word records Normal.dotm here; the output must not point at it
                stripped.append(f"the attached template {target!r}")
                removed.append(rel)
                continue
            raise TemplateError(f"{where}: an external link ({kind.rsplit('/', 1)[-1]}) is not allowed; only "
                                "http(s) and mailto hyperlinks may point outside the document", name)
        path = posixpath.normpath(posixpath.join("/" + base, target)).lstrip("/") if not target.startswith("/") \
            else target.lstrip("/")
        if path not in kept:
            removed.append(rel)  # a part stripped above (or never there): drop the dangling link
    if not removed:
        return
    ids = {rel.get("Id", "") for rel in removed}
    for rel in removed:
        root.remove(rel)
    kept[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if source in kept:
        text = kept[source].decode("utf-8", "replace")
        text = re.sub(r"<w:attachedTemplate\b[^>]*/>|<w:linkStyles\b[^>]*/>", "", text)
        for rid in ids:
            if re.search(r'="%s"' % re.escape(rid), text):
                raise TemplateError(f"{source} uses {rid}, a link to a part that is not allowed in a template", name)
        kept[source] = text.encode("utf-8")


def _drop_overrides(types: bytes, kept: dict[str, bytes]) -> bytes:
    """Content types without stripped parts; a .dotx's main part becomes a document's."""
    root = etree.fromstring(types, _STRICT)
    for override in list(root.iter(_CT + "Override")):
        if override.get("PartName", "").lstrip("/") not in kept:
            root.remove(override)
        elif override.get("ContentType") == _WML + "template.main+xml":
            override.set("ContentType", _WML + "document.main+xml")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def check_rendered(part: str, root: etree._Element, name: str) -> None:
    """Refuse a part whose fields fetch or run something, or that carries a DOCTYPE: checked on the
    template's parts, and again on the rendered ones (a template can assemble either from pieces)."""
    if root.getroottree().docinfo.doctype:  # type: ignore[attr-defined]  # lxml-stubs lack it
        raise TemplateError(f"{part} has a DOCTYPE (entity declarations are not allowed)", name)
    instructions: list[str] = []
    for element in root.iter(_W + "fldChar", _W + "instrText", _W + "fldSimple"):
        if element.tag == _W + "fldChar":
            if element.get(_W + "fldCharType") == "begin":
                instructions.append("")
        elif element.tag == _W + "fldSimple":
            instructions.append(element.get(_W + "instr") or "")
        elif instructions:
            instructions[-1] += element.text or ""
        else:
            instructions.append(element.text or "")
    for instruction in instructions:
        words = instruction.split()
        if words and words[0].upper() in FORBIDDEN_FIELDS:
            raise TemplateError(f"{part}: the {words[0].upper()} field fetches or runs something when the document "
                                "is opened; it is not allowed", name)

"""Outline regions as Word sections: pages of their own whose running header adds a mark (NOT FOR PUBLICATION).

A region's pages are a section with a header part of its own: the template's default header
with the mark above it. Sections are ended by the paragraph that carries their properties, so
the writer puts an (empty, structural) section-break paragraph before and after each region,
each a copy of the template's last section properties. ``finish`` then makes the body's own
properties right: a region that ends the document takes them over (no blank page after it), and
a first-page header the template has is kept for the paper's first page only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..caches import repeated
from ..outline.fitting import fit
from .wordml import xml_text

__all__ = ["SectionBreaks", "add_region_headers", "add_version_section", "finish", "version_break"]

_SECT_PR = re.compile(r"<w:sectPr\b[^>]*/>|<w:sectPr\b[^>]*>.*?</w:sectPr>", re.S)
_HEADER_REF = re.compile(r'<w:headerReference\b[^>]*/>')
_REF_ID = re.compile(r'w:type="default"[^>]*r:id="([^"]+)"|r:id="([^"]+)"[^>]*w:type="default"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REGION_ID = "rIdLddRegion"


def _open(props: str) -> str:
    """A sectPr as start tag + children + end tag (an empty <w:sectPr/> opened up)."""
    return re.sub(r"^<w:sectPr\b([^>]*)/>$", r"<w:sectPr\1></w:sectPr>", props)


def _continued(props: str) -> str:
    """Properties of a later section: no first-page header, no page-number restart, a new page."""
    props = re.sub(r"<w:titlePg\b[^>]*/>", "", _open(props))
    props = re.sub(r"<w:type\b[^>]*/>", "", props)
    return re.sub(r'(<w:pgNumType\b[^>]*?)\s+w:start="\d+"', r"\1", props)


def _region(props: str, rel_id: str) -> str:
    props = _HEADER_REF.sub("", _continued(props))
    start = props.index(">") + 1
    refs = "".join(f'<w:headerReference w:type="{kind}" r:id="{rel_id}"/>' for kind in ("default", "even"))
    return props[:start] + refs + props[start:]


def _break(props: str) -> str:
    return f"<w:p><w:pPr>{props}</w:pPr></w:p>"


@dataclass
class SectionBreaks:
    """The section-break paragraphs of one render, from the template's last section properties."""

    final: str = "<w:sectPr/>"
    marks: list[str] = field(default_factory=list)  # each region's mark, in order; header part N+1 is mark N's

    @classmethod
    def of(cls, document_xml: bytes | None) -> SectionBreaks:
        return cls(_final_section(document_xml or b""))

    def start(self, after_region: bool) -> str:
        """The paragraph that ends the section before a region (none right after another region)."""
        if after_region:
            return ""
        return _break(self.final if not self.marks else _continued(self.final))

    def end(self, mark: str) -> str:
        """The paragraph that ends a region's section."""
        self.marks.append(mark)
        return _break(_region(self.final, f"{REGION_ID}{len(self.marks)}"))


@repeated(16)  # a template's body, the same bytes for every paper of a batch: its last section found once
def _final_section(document_xml: bytes) -> str:
    text = document_xml.decode("utf-8")
    body_end = text.rfind("</w:body>")
    found = list(_SECT_PR.finditer(text, 0, body_end if body_end >= 0 else len(text)))
    return found[-1].group() if found else "<w:sectPr/>"


def finish(document_xml: bytes, breaks: SectionBreaks) -> bytes:
    """Make the body's own section properties right for the regions written (see the module)."""
    if not breaks.marks:
        return document_xml
    text = document_xml.decode("utf-8")
    body_end = text.rindex("</w:body>")
    found = list(_SECT_PR.finditer(text, 0, body_end))
    if not found:
        return document_xml
    last = found[-1]
    props = _continued(last.group())
    ending = _break(_region(breaks.final, f"{REGION_ID}{len(breaks.marks)}"))
    at = text.rfind(ending, 0, last.start())
    if at >= 0 and not re.search(r"<w:t\b|<w:tbl\b|<w:drawing\b|<w:object\b|<w:sectPr\b",
                                 text[at + len(ending):last.start()]):
        # The document ends with the region: its pages are the last section (no empty one after).
        props = ending[len("<w:p><w:pPr>"):-len("</w:pPr></w:p>")]
        keep = "<w:p/>" if text[:at].endswith("</w:tbl>") else ""  # Word needs a paragraph after a table
        text = text[:at] + keep + text[last.start():]
        last = list(_SECT_PR.finditer(text, 0, text.rindex("</w:body>")))[-1]
    return (text[:last.start()] + props + text[last.end():]).encode("utf-8")


def add_region_headers(parts: dict[str, bytes], rels_name: str, breaks: SectionBreaks) -> None:
    """Add one header part per region: the template's default header with the region's mark above it."""
    if not breaks.marks:
        return
    rels = parts[rels_name].decode("utf-8")
    base, base_rels = _default_header(parts, rels, breaks.final)
    style = re.search(r'<w:pStyle w:val="([^"]+)"/>', base)
    ppr = f'<w:pPr><w:pStyle w:val="{style.group(1)}"/></w:pPr>' if style else ""
    types = parts["[Content_Types].xml"].decode("utf-8")
    new_rels, new_types = [], []
    for n, mark in enumerate(breaks.marks, start=1):
        name = f"headerLddRegion{n}.xml"
        line = (f'<w:p>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{xml_text(fit(mark))}</w:t>'
                "</w:r></w:p>")
        start = base.index(">", base.index("<w:hdr")) + 1
        parts[f"word/{name}"] = (base[:start] + line + base[start:]).encode("utf-8")
        if base_rels is not None:  # the header's own images and links
            parts[f"word/_rels/{name}.rels"] = base_rels
        new_rels.append(f'<Relationship Id="{REGION_ID}{n}" Type="{_REL}" Target="{name}"/>')
        new_types.append(f'<Override PartName="/word/{name}" ContentType="{_HEADER_TYPE}"/>')
    end = rels.rindex("</Relationships>")
    parts[rels_name] = (rels[:end] + "".join(new_rels) + rels[end:]).encode("utf-8")
    end = types.rindex("</Types>")
    parts["[Content_Types].xml"] = (types[:end] + "".join(new_types) + types[end:]).encode("utf-8")


def _default_header(parts: dict[str, bytes], rels: str, final: str) -> tuple[str, bytes | None]:
    """The rendered default header of the template's last section (and its relationships), or an empty one."""
    ref = _REF_ID.search(final)
    rel_id = ref and (ref.group(1) or ref.group(2))
    target = rel_id and re.search(rf'<Relationship\b[^>]*Id="{re.escape(rel_id)}"[^>]*Target="([^"]+)"', rels) \
        or rel_id and re.search(rf'<Relationship\b[^>]*Target="([^"]+)"[^>]*Id="{re.escape(rel_id)}"', rels)
    name = f"word/{target.group(1).lstrip('/').removeprefix('word/')}" if target else None
    if name and name in parts:
        text = parts[name].decode("utf-8")
        return text, parts.get(f"word/_rels/{name.removeprefix('word/')}.rels")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {_NS}></w:hdr>', None


# -- a combined bilingual paper: the second version a section of its own --------------------------
_VERSION_ID = "rIdLddVersion"


def version_break(final: str) -> str:
    """The paragraph that ends the first version's section: the template's own properties (its headers)."""
    return _break(final)


def add_version_section(parts: dict[str, bytes], rels_name: str, rendered: dict[str, bytes]) -> None:
    """The last section (the second version's) takes headers and footers of its own: ``rendered`` holds each
    of the template's header and footer parts rendered for that version."""
    rels = parts[rels_name].decode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    text = parts["word/document.xml"].decode("utf-8")
    body_end = text.rindex("</w:body>")
    last = list(_SECT_PR.finditer(text, 0, body_end))[-1]
    props = _continued(last.group())
    new_rels, new_types = [], []
    for n, (part, xml) in enumerate(sorted(rendered.items()), start=1):
        target = part.removeprefix("word/")
        found = re.search(rf'<Relationship\b[^>]*Id="([^"]+)"[^>]*Target="/?(?:word/)?{re.escape(target)}"', rels) \
            or re.search(rf'<Relationship\b[^>]*Target="/?(?:word/)?{re.escape(target)}"[^>]*Id="([^"]+)"', rels)
        if found is None:
            continue  # a part no section uses
        kind = "header" if target.startswith("header") else "footer"
        name = f"{kind}LddVersion{n}.xml"
        parts[f"word/{name}"] = xml
        if f"word/_rels/{target}.rels" in parts:
            parts[f"word/_rels/{name}.rels"] = parts[f"word/_rels/{target}.rels"]
        rel_id = f"{_VERSION_ID}{n}"
        props = props.replace(f'r:id="{found.group(1)}"', f'r:id="{rel_id}"')
        kind_type = _REL if kind == "header" else _REL.replace("/header", "/footer")
        content = _HEADER_TYPE if kind == "header" else _HEADER_TYPE.replace("header+xml", "footer+xml")
        new_rels.append(f'<Relationship Id="{rel_id}" Type="{kind_type}" Target="{name}"/>')
        new_types.append(f'<Override PartName="/word/{name}" ContentType="{content}"/>')
    parts["word/document.xml"] = (text[:last.start()] + props + text[last.end():]).encode("utf-8")
    end = rels.rindex("</Relationships>")
    parts[rels_name] = (rels[:end] + "".join(new_rels) + rels[end:]).encode("utf-8")
    end = types.rindex("</Types>")
    parts["[Content_Types].xml"] = (types[:end] + "".join(new_types) + types[end:]).encode("utf-8")

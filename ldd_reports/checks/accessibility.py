"""The accessibility check of any .docx (ours, or one a clerk edited): WCAG 2.2 AA rules a clerk can fix.

Reads the package with lxml (no Word needed): title and language, heading order, table header
rows, images' alternative text, empty paragraphs, link text, colour contrast of text and
highlight, and lists typed by hand. Findings say where ('paragraph 12 "Background"').
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import IO

from lxml import etree

from ..errors import InputError, Problem
from ..inputs import files
from .findings import Finding, Severity

__all__ = ["check_docx"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUNNING = re.compile(r"word/(header|footer)\d*\.xml")
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_VAGUE = {"here", "click here", "click", "this", "link", "this link", "more", "read more", "more info",
          "more information", "go", "this page", "website"}
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_TYPED_LIST = re.compile(r"^\s*(?:\d{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\)|[\u2022\u25aa\u25cf\u2013*-])\s+\S")
_HIGHLIGHT = {"yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
              "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
              "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
              "lightGray": "C0C0C0", "black": "000000", "white": "FFFFFF"}


def check_docx(source: str | os.PathLike[str] | bytes | IO[bytes]) -> list[Finding]:
    """Accessibility findings for a .docx (a path, its bytes or a binary stream), in document order.

    The file is read with the bounded reader (a regular file, size-capped, zip-bomb checks); a
    package or part that cannot be read is an InputError naming the file and the part.
    """
    name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else "document"
    if hasattr(source, "read"):
        source = source.read(files.MAX_PACKAGE_BYTES + 1)
    parts = {n: data for n, data in files.read_package(source, name).items() if n.endswith((".xml", ".rels"))}
    if "word/document.xml" not in parts:
        raise InputError([Problem("", "not a readable .docx (no word/document.xml: not a Word document)", name)], name)
    try:
        checker = _Checker(parts)
    except _Unreadable as e:
        raise InputError([Problem(e.part, f"not a readable .docx: {e.part} is not well-formed XML ({e.reason})",
                                  name)], name) from e
    return list(checker.findings())


class _Unreadable(Exception):
    def __init__(self, part: str, reason: str) -> None:
        super().__init__(part, reason)
        self.part, self.reason = part, reason


def _parse(parts: dict[str, bytes], name: str) -> etree._Element | None:
    if name not in parts:
        return None
    try:
        return etree.fromstring(parts[name], _PARSER)
    except etree.XMLSyntaxError as e:
        raise _Unreadable(name, str(e)) from e


class _Checker:
    def __init__(self, parts: dict[str, bytes]) -> None:
        # Every part a rule reads is parsed here, up front: a malformed one is the file's problem, named.
        self.parts = parts
        self.doc: etree._Element = _parse(parts, "word/document.xml")  # type: ignore[assignment]  # checked present
        styles = _parse(parts, "word/styles.xml")
        self.styles = {s.get(f"{W}styleId"): s for s in (styles.iter(f"{W}style") if styles is not None else [])}
        self.default_lang = styles.find(f".//{W}docDefaults//{W}lang") if styles is not None else None
        rels = _parse(parts, "word/_rels/document.xml.rels")
        self.links = {r.get("Id"): r.get("Target", "") for r in rels} if rels is not None else {}
        self.core = _parse(parts, "docProps/core.xml")
        self.running = {n: _parse(parts, n) for n in sorted(parts) if _RUNNING.fullmatch(n)}
        self.notes = {kind: _parse(parts, f"word/{kind}s.xml") for kind in ("footnote", "endnote")}

    # -- style lookups ------------------------------------------------------------------------------
    def _style_chain(self, style_id: str | None) -> Iterator[etree._Element]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def _style_prop(self, style_id: str | None, path: str) -> etree._Element | None:
        for style in self._style_chain(style_id):
            found = style.find(path)
            if found is not None:
                return found
        return None

    def heading_level(self, p: etree._Element) -> int | None:
        """1-9 for a heading (outline level, the paragraph's or its style's), else None."""
        level = p.find(f"{W}pPr/{W}outlineLvl")
        style = p.find(f"{W}pPr/{W}pStyle")
        sid = style.get(f"{W}val") if style is not None else None
        if level is None:
            level = self._style_prop(sid, f"{W}pPr/{W}outlineLvl")
        if level is not None:
            value = int(level.get(f"{W}val", "9"))
            return value + 1 if value < 9 else None
        name = self.styles[sid].find(f"{W}name") if sid in self.styles else None
        m = re.fullmatch(r"heading ([1-9])", ((name.get(f"{W}val") if name is not None else "") or "").lower())
        return int(m.group(1)) if m else None

    def numbered(self, p: etree._Element) -> bool:
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is None:
            style = p.find(f"{W}pPr/{W}pStyle")
            num = self._style_prop(style.get(f"{W}val") if style is not None else None, f"{W}pPr/{W}numPr/{W}numId")
        return num is not None and num.get(f"{W}val") != "0"

    # -- the rules ----------------------------------------------------------------------------------
    def findings(self) -> Iterator[Finding]:
        yield from self.document_rules()
        yield from self.note_rules()
        body = self.doc.find(f"{W}body")
        paragraphs = list(body.iter(f"{W}p")) if body is not None else []
        headings = [(i, p, lvl) for i, p in enumerate(paragraphs, 1) if (lvl := self.heading_level(p)) and _text(p)]
        yield from self.heading_rules(headings)
        for i, p in enumerate(paragraphs, 1):
            yield from self.paragraph_rules(i, p)
        for n, table in enumerate(self.doc.iter(f"{W}tbl"), 1):
            first = table.find(f"{W}tr")
            if first is not None and first.find(f"{W}trPr/{W}tblHeader") is None:
                yield _f("error", f"table {n} {_quote(_text(first))}", "the table has no header row: mark its first "
                         "row 'Repeat as header row' (or, if it only lays text out, use paragraphs)", "table_header")
        for n, pic in enumerate(self.doc.iter(f"{WP}docPr"), 1):
            decorative = any(e.tag.endswith("}decorative") and e.get("val") in ("1", "true") for e in pic.iter())
            if not (pic.get("descr") or "").strip() and not decorative:
                yield _f("error", f"image {n} {_quote(pic.get('name', ''))}", "the image has no alternative text",
                         "image_alt")

    def document_rules(self) -> Iterator[Finding]:
        core = self.core
        title = core.find("{http://purl.org/dc/elements/1.1/}title") if core is not None else None
        if title is None or not (title.text or "").strip():
            yield _f("error", "document properties", "the document has no title (File > Info > Title)", "no_title")
        lang = core.find("{http://purl.org/dc/elements/1.1/}language") if core is not None else None
        has_lang = (lang is not None and (lang.text or "").strip()) or (
            self.default_lang is not None and self.default_lang.get(f"{W}val"))
        if not has_lang:
            yield _f("error", "document properties", "the document's language is not set (Review > Language)",
                     "no_language")

    def note_rules(self) -> Iterator[Finding]:
        """Every footnote or endnote referenced once, from the body, and present (else its text is lost)."""
        for kind, notes in self.notes.items():
            have = {n.get(f"{W}id") for n in (notes.iter(f"{W}{kind}") if notes is not None else [])
                    if n.get(f"{W}type") in (None, "normal")}
            tag = f"{W}{kind}Reference"
            seen: set[str | None] = set()
            for part, root in [("word/document.xml", self.doc), *self.running.items()]:
                for ref in root.iter(tag) if root is not None else []:
                    note = ref.get(f"{W}id")
                    if part != "word/document.xml":
                        yield _f("error", part, f"a {kind} reference (id {note}) in a running header or footer: "
                                 "Word allows notes only in the body", "note_in_furniture")
                    if note in seen:
                        yield _f("error", part, f"{kind} {note} is referenced more than once (its ids collide)",
                                 "duplicate_note")
                    elif note not in have:
                        yield _f("error", part, f"{kind} reference {note} has no {kind} (its text is lost)",
                                 "dangling_note")
                    seen.add(note)

    def heading_rules(self, headings: list[tuple[int, etree._Element, int]]) -> Iterator[Finding]:
        if not headings:
            yield _f("warning", "document", "the document has no headings to navigate by", "no_headings")
            return
        i, p, level = headings[0]
        if level != 1:
            yield _f("error", _where(i, p), f"the first heading is level {level}, not 1 (the title should be "
                     "the first heading)", "first_heading")
        for (_, _, before), (i, p, level) in zip(headings, headings[1:]):
            if level > before + 1:
                yield _f("error", _where(i, p), f"heading level {level} follows level {before}: a level is "
                         "skipped", "heading_skipped")

    def paragraph_rules(self, i: int, p: etree._Element) -> Iterator[Finding]:
        text = _text(p)
        if not text.strip() and not self._structural(p):
            yield _f("warning", _where(i, p), "an empty paragraph makes space: use spacing before or after "
                     "(screen readers announce 'blank')", "empty_paragraph")
            return
        for link in p.iter(f"{W}hyperlink"):
            words = _text(link).strip()
            if words.lower().strip(" .:") in _VAGUE:
                yield _f("error", _where(i, p), f"link text {words!r} does not say where it goes", "link_text")
            elif _ADDRESS.fullmatch(words) and not words.lower().startswith(("mailto:",)) and "@" not in words:
                yield _f("warning", _where(i, p), f"the link's text is its address {words!r}: name the page",
                         "link_address")
        outside = "".join(t.text or "" for t in p.iter(f"{W}t") if not _in_link(t))
        for m in _ADDRESS.finditer(outside):
            yield _f("warning", _where(i, p), f"{m.group()!r} is printed but not a link", "unlinked_address")
        if _TYPED_LIST.match(text) and not self.numbered(p):
            yield _f("warning", _where(i, p), "a list number or bullet typed by hand: use a real list (Word's "
                     "numbering), so readers know it is a list", "typed_list")
        yield from self.contrast(i, p)

    def _structural(self, p: etree._Element) -> bool:
        """Empty paragraphs Word needs: a section break, a cell's only paragraph, after a final table."""
        if p.find(f"{W}pPr/{W}sectPr") is not None or any(True for _ in p.iter(f"{W}drawing", f"{W}object")):
            return True
        parent = p.getparent()
        if parent is None:
            return False
        blocks = [c for c in parent if c.tag in (f"{W}p", f"{W}tbl")]
        if parent.tag == f"{W}tc" and len(blocks) == 1:
            return True
        k = blocks.index(p)
        after_table = k > 0 and blocks[k - 1].tag == f"{W}tbl"
        return after_table and (k == len(blocks) - 1 or blocks[k + 1].tag == f"{W}tbl")

    def contrast(self, i: int, p: etree._Element) -> Iterator[Finding]:
        style = p.find(f"{W}pPr/{W}pStyle")
        para_style = style.get(f"{W}val") if style is not None else None
        seen = set()
        for run in p.iter(f"{W}r"):
            if not "".join(t.text or "" for t in run.iter(f"{W}t")).strip():
                continue
            colour, background, large = self._run_colours(run, para_style)
            ratio = _contrast(colour, background)
            need = 3.0 if large else 4.5
            if ratio < need and (colour, background) not in seen:
                seen.add((colour, background))
                yield _f("error", _where(i, p), f"text #{colour} on #{background} has a contrast of {ratio:.1f}:1 "
                         f"(at least {need:g}:1 needed)", "contrast")

    def _run_colours(self, run: etree._Element, para_style: str | None) -> tuple[str, str, bool]:
        rpr = run.find(f"{W}rPr")
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        sources = [rpr] + [s.find(f"{W}rPr") for s in self._style_chain(rstyle.get(f"{W}val") if rstyle is not None
                                                                          else None)] \
            + [s.find(f"{W}rPr") for s in self._style_chain(para_style)]
        found = [s for s in sources if s is not None]

        def first(tag: str) -> etree._Element | None:
            return next((s.find(f"{W}{tag}") for s in found if s.find(f"{W}{tag}") is not None), None)

        colour = first("color")
        value = (colour.get(f"{W}val") if colour is not None else "auto") or "auto"
        highlight, shading = first("highlight"), first("shd")
        background = "FFFFFF"
        marked = highlight.get(f"{W}val") if highlight is not None else None
        if marked is not None and marked in _HIGHLIGHT:
            background = _HIGHLIGHT[marked]
        elif shading is not None and re.fullmatch(r"[0-9A-Fa-f]{6}", fill := shading.get(f"{W}fill", "") or ""):
            background = fill.upper()
        if value == "auto":  # Word picks black or white, whichever reads on the background
            value = "000000" if _luminance(background) > 0.18 else "FFFFFF"
        size = first("sz")
        points = int(size.get(f"{W}val", "24")) / 2 if size is not None else 12
        b = first("b")
        bold = b is not None and b.get(f"{W}val") not in ("0", "false")
        return value.upper(), background, points >= 18 or (bold and points >= 14)


def _f(severity: Severity, where: str, message: str, code: str) -> Finding:
    return Finding(severity, where, message, code)


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def _in_link(t: etree._Element) -> bool:
    return any(a.tag == f"{W}hyperlink" for a in t.iterancestors()) or any(
        a.tag == f"{W}fldSimple" for a in t.iterancestors())


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:40]}{"..." if len(text) > 40 else ""}"' if text else "(empty)"


def _where(i: int, p: etree._Element) -> str:
    return f"paragraph {i} {_quote(_text(p))}"


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[k:k + 2], 16) for k in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two colours (RRGGBB)."""
    if not (re.fullmatch(r"[0-9A-F]{6}", a) and re.fullmatch(r"[0-9A-F]{6}", b)):
        return 21.0  # a theme colour or a value we cannot read: not ours to judge
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

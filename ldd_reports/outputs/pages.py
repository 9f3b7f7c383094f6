"""The laid-out pages as lines of text: pdfplumber's glyph positions joined to the PDF's structure tree.

pdfplumber (MIT) places every glyph and names its marked-content id; pikepdf walks the tagged
PDF's structure tree, which says which paragraph, heading, table cell or running header each
glyph belongs to. A line is one block's glyphs at one height on one page.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .pdf import PdfError

__all__ = ["ARTIFACT", "Element", "Glyph", "Laid", "Line", "read_pages", "LAYOUT_HINT"]

LAYOUT_HINT = "the layout check reads PDFs with pdfplumber: pip install 'ldd-reports[layout]'"
ARTIFACT = "Artifact"  # running headers, footers and page numbers: outside the structure tree
# Elements inside a paragraph's line: a line belongs to the block around them.
_INLINE = frozenset({"Link", "Span", "Quote", "Note", "Reference", "Annot", "Code", "BibEntry", "Lbl", "Ruby",
                     "Warichu", "Form"})
_SAME_LINE = 1.0  # points of height two glyphs must share to be on one line


@dataclass(frozen=True)
class Element:
    """A structure element: its standard type ('P', 'H1', 'Table', 'TR', 'TD') and its parent's key."""

    key: tuple[int, int]
    kind: str
    parent: tuple[int, int] | None
    index: int  # its place among its parent's element children (a cell's column)


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


@dataclass
class Line:
    """One block's glyphs at one height on one page (1-based), left to right."""

    page: int
    block: Element | None  # None: an artifact (running header or footer)
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The glyphs' text, a space where they stand apart (a tab) without one."""
        parts: list[str] = []
        for before, glyph in zip([None, *self.glyphs], self.glyphs):
            if before is not None and glyph.x0 - before.x1 > glyph.size / 4 and not (before.text + glyph.text).count(" "):
                parts.append(" ")
            parts.append(glyph.text)
        return "".join(parts)

    @property
    def ends_open(self) -> bool:
        """Whether the line ends in a space: LibreOffice draws the space where it breaks a line, never at a paragraph's end."""
        return bool(self.glyphs) and self.glyphs[-1].text.isspace()

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)


@dataclass
class Laid:
    """A laid-out document: its lines in reading order, its structure elements, its page sizes."""

    lines: list[Line]
    elements: dict[tuple[int, int], Element]
    page_sizes: list[tuple[float, float]]
    rules: dict[int, list[tuple[float, float, float]]] = field(default_factory=dict)  # page: (x0, x1, y) drawn across

    def ancestors(self, element: Element | None) -> Iterator[Element]:
        while element is not None:
            yield element
            element = self.elements.get(element.parent) if element.parent else None

    def nearest(self, element: Element | None, *kinds: str) -> Element | None:
        return next((e for e in self.ancestors(element) if e.kind in kinds), None)

    def children(self, element: Element) -> list[Element]:
        """An element's element children in order (indexed once: a table's rows ask for every cell's row)."""
        return self._children.get(element.key, [])

    @functools.cached_property
    def _children(self) -> dict[tuple[int, int], list[Element]]:
        by_parent: dict[tuple[int, int], list[Element]] = {}
        for element in self.elements.values():
            if element.parent is not None:
                by_parent.setdefault(element.parent, []).append(element)
        return {key: sorted(kids, key=lambda e: e.index) for key, kids in by_parent.items()}


def read_pages(pdf: bytes) -> Laid:
    """A tagged PDF's pages as lines (an untagged PDF is refused: nothing says what its text is)."""
    try:
        import pdfplumber
    except ImportError as e:
        raise PdfError(LAYOUT_HINT) from e
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            elements, owners = _structure(document)
    except pikepdf.PdfError as e:
        raise PdfError(f"the PDF could not be read: {e}") from e
    lines: list[Line] = []
    sizes: list[tuple[float, float]] = []
    rules: dict[int, list[tuple[float, float, float]]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as plumbed:
        for number, page in enumerate(plumbed.pages, start=1):
            sizes.append((float(page.width), float(page.height)))
            lines.extend(_lines(number, page.chars, elements, owners))
            # Borders and rules: the horizontal edges of the page's lines and rectangles
            rules[number] = [(float(e["x0"]), float(e["x1"]), float(e["top"])) for e in page.edges
                             if e.get("orientation") == "h" and float(e["x1"]) - float(e["x0"]) > 2]
    return Laid(lines, elements, sizes, rules)


def _lines(page: int, chars: list[dict[str, Any]], elements: dict[tuple[int, int], Element],
           owners: dict[tuple[int, int], tuple[int, int]]) -> list[Line]:
    """A page's glyphs grouped by block and height, in the order the page's content draws them."""
    latest: dict[object, Line] = {}  # each block's line being drawn
    order: list[Line] = []
    for char in chars:
        block: Element | None = None
        if char.get("tag") != ARTIFACT and char.get("mcid") is not None:
            block = elements.get(owners.get((page, char["mcid"]), (-1, -1)))
            while block is not None and block.kind in _INLINE and block.parent in elements:
                block = elements[block.parent]
        glyph = Glyph(char["text"], float(char["x0"]), float(char["x1"]), float(char["top"]),
                      float(char["bottom"]), float(char["size"]), _is_bold(char.get("fontname", "")))
        key = block.key if block else ARTIFACT
        line = latest.get(key)
        # The same line while the glyph overlaps it in height: a superscript note mark rides on it.
        if line is None or not (glyph.top < line.bottom - _SAME_LINE and glyph.bottom > line.top + _SAME_LINE):
            line = latest[key] = Line(page, block)
            order.append(line)
        line.glyphs.append(glyph)
    for line in order:
        line.glyphs.sort(key=lambda g: g.x0)
    return order


def _is_bold(font: str) -> bool:
    name = font.split("+")[-1].lower()  # 'ABCDEF+LiberationSans-Bold'
    return any(weight in name for weight in ("bold", "black", "heavy", "semibold"))


def _structure(document: Any) -> tuple[dict[tuple[int, int], Element], dict[tuple[int, int], tuple[int, int]]]:
    """Every structure element, and the element owning each (page, marked-content id)."""
    import pikepdf

    pages = {page.obj.objgen: number for number, page in enumerate(document.pages, start=1)}
    root = document.Root.get("/StructTreeRoot")
    elements: dict[tuple[int, int], Element] = {}
    owners: dict[tuple[int, int], tuple[int, int]] = {}
    if root is None:
        raise PdfError("the PDF is not tagged, so its headings, tables and running headers cannot be told apart: "
                       "check the .docx, or export the PDF as tagged PDF")
    roles = {str(k): str(v) for k, v in root.get("/RoleMap", pikepdf.Dictionary()).items()}
    # Iteratively (a deep tree must not meet Python's recursion limit): (node, parent key, index, page)
    stack: list[tuple[Any, tuple[int, int] | None, int, int | None]] = []
    kids = root.get("/K")
    for index, kid in enumerate(kids if isinstance(kids, pikepdf.Array) else [kids]):
        stack.append((kid, None, index, None))
    while stack:
        node, parent, index, page = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue
        kind = str(node.S)
        for _ in range(4):  # a role maps to a role, at most a few deep
            kind = roles.get(kind, kind)
        key = node.objgen if node.objgen != (0, 0) else (-len(elements) - 2, 0)
        elements[key] = Element(key, kind.lstrip("/"), parent, index)
        page = pages.get(node.Pg.objgen, page) if "/Pg" in node else page
        kids = node.get("/K")
        children = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
        element_index = 0
        for kid in children:
            if isinstance(kid, int):
                if page is not None:
                    owners[(page, kid)] = key
            elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                on = pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                if on is not None:
                    owners[(on, int(kid.MCID))] = key
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append((kid, key, element_index, page))
                element_index += 1
    return elements, owners

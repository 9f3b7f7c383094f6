"""WordprocessingML fragments: runs, paragraphs, lists and tables, built as escaped XML strings.

A :class:`PartWriter` belongs to one render of one document. It hands out the relationship ids
of hyperlinks and the numbering instances that make each numbered list start again at 1; the
package writer adds both to the output afterwards.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as _xml_escape

from .markup import Span, parse

__all__ = ["PartWriter", "Style", "xml_text"]

HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class Style:
    """Style ids the fragments use: the contract every template must meet (see templates.py)."""

    title = "Title"
    subtitle = "Subtitle"
    headings = ("Heading1", "Heading2", "Heading3")
    body = "BodyText"
    numbered_para = "NumberedParagraph"
    bullets = ("ListBullet", "ListBullet2", "ListBullet3")
    numbers = ("ListNumber", "ListNumber2", "ListNumber3")
    letters = "ListLetter"
    table = "TableGrid"
    table_heading = "TableHeading"
    hyperlink = "Hyperlink"
    placeholder = "Placeholder"
    footnote_text = "FootnoteText"
    footnote_reference = "FootnoteReference"

    @classmethod
    def required(cls) -> set[str]:
        return {cls.title, cls.subtitle, *cls.headings, cls.body, cls.numbered_para, *cls.bullets,
                *cls.numbers, cls.letters, cls.table, cls.table_heading, cls.hyperlink, cls.placeholder,
                cls.footnote_text, cls.footnote_reference}


#: Abstract numbering ids every template defines (numbering.xml): numbered lists and letters.
ABSTRACT_NUMBERED = 3
ABSTRACT_LETTERS = 4


@functools.lru_cache(maxsize=4096)  # the same standard text renders in every paper of a batch
def _run(span: Span, bold: bool, link_fields: bool) -> str:
    """One w:r for a span (a hyperlink's run without its w:hyperlink wrapper)."""
    # rPr children in the schema's order (Word rejects some misorderings): rStyle, b, i, highlight, u
    style = Style.placeholder if span.placeholder else Style.hyperlink if span.link else None
    props = [f'<w:rStyle w:val="{style}"/>'] if style else []
    if span.bold or bold:
        props.append("<w:b/>")
    if span.italic:
        props.append("<w:i/>")
    if span.placeholder:  # directly too: LibreOffice ignores a character style's highlight
        props.append('<w:highlight w:val="yellow"/>')
    if span.underline or (span.link and not link_fields):
        props.append('<w:u w:val="single"/>')
    rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
    body = []
    for i, line in enumerate(span.text.split("\n")):
        if i:
            body.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                body.append("<w:tab/>")
            if piece:
                body.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(body)}</w:r>"


_REUSABLE: dict[tuple[object, ...], tuple[str, tuple[tuple[int, int], ...], tuple[tuple[str, str], ...]]] = {}
_SCRATCH_NUM = 900_000  # scratch list ids: far from any a real document allocates


def xml_text(text: str) -> str:
    """Escape text for a w:t element."""
    return _xml_escape(text)


@dataclass
class PartWriter:
    """Builds the XML of one document part, collecting hyperlinks and list restarts."""

    markup: bool = True
    first_num_id: int = 100
    links: dict[str, str] = field(default_factory=dict)  # url -> rId
    nums: list[tuple[int, int]] = field(default_factory=list)  # (numId, abstractNumId)
    footnotes: list[str] = field(default_factory=list)  # w:footnote elements, ids from 1
    link_fields: bool = True  # False in headers and footers, whose relationships are separate
    link_prefix: str = "rIdLdd"
    # Numbering a template's styles carry, repeated on each paragraph: LibreOffice ignores the
    # list level of a style's numPr (paragraphs numbered 1.1 by style alone lose their numbers).
    style_numbers: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._numbers_key = tuple(sorted(self.style_numbers.items()))

    @contextlib.contextmanager
    def trusted(self) -> Iterator[None]:
        """Content-library text is ours: read its markup whatever the document's text format."""
        markup, self.markup = self.markup, True
        try:
            yield
        finally:
            self.markup = markup

    # -- runs ---------------------------------------------------------------------------------
    def runs(self, text: str, bold: bool = False) -> str:
        """Runs for officer text: inline markup, placeholders, line breaks and tabs."""
        return "".join(self._span(s, bold) for s in parse(text, self.markup))

    def _span(self, span: Span, bold: bool) -> str:
        if span.footnote is not None:
            return self.footnote(span.footnote)
        if span.link and self.link_fields:
            return (f'<w:hyperlink r:id="{self.link_id(span.link)}" w:history="1">'
                    f"{_run.__wrapped__(span, bold, True)}</w:hyperlink>")
        if len(span.text) > 2000:
            return _run.__wrapped__(span, bold, self.link_fields)  # long text: not worth caching
        return _run(span, bold, self.link_fields)
    def footnote(self, text: str) -> str:
        """A footnote reference here, and the note for footnotes.xml (its links print as text)."""
        note_id = len(self.footnotes) + 1
        ref = f'<w:rPr><w:rStyle w:val="{Style.footnote_reference}"/></w:rPr>'
        inner = PartWriter(self.markup, link_fields=False)
        self.footnotes.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{Style.footnote_text}"/></w:pPr>'
            f'<w:r>{ref}<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{inner.runs(text)}</w:p>'
            "</w:footnote>")
        return f'<w:r>{ref}<w:footnoteReference w:id="{note_id}"/></w:r>'

    def link_id(self, url: str) -> str:
        if url not in self.links:
            self.links[url] = f"{self.link_prefix}{len(self.links) + 1}"
        return self.links[url]

    # -- paragraphs ---------------------------------------------------------------------------
    def paragraph(self, text: str, style: str | None = None, *, num: tuple[int, int] | None = None,
                  no_number: bool = False, page_break: bool = False, keep_next: bool = False,
                  bold: bool = False) -> str:
        """One paragraph per blank-line-separated part of ``text`` (the documented newline rule)."""
        parts = [p.strip("\n") for p in text.split("\n\n")] if "\n\n" in text else [text.strip("\n")]
        return "".join(self.runs_paragraph(self.runs(part, bold), style, num=num, no_number=no_number,
                                           page_break=page_break and i == 0, keep_next=keep_next)
                       for i, part in enumerate(p for p in parts if p or len(parts) == 1))

    def runs_paragraph(self, runs: str, style: str | None = None, *, num: tuple[int, int] | None = None,
                       no_number: bool = False, page_break: bool = False, keep_next: bool = False) -> str:
        """A paragraph of runs already built (pPr children in the schema's order)."""
        ppr = [f'<w:pStyle w:val="{style}"/>'] if style else []
        if keep_next:
            ppr.append("<w:keepNext/>")
        if page_break:
            ppr.append("<w:pageBreakBefore/>")
        if num is None and not no_number and style in self.style_numbers:
            num = self.style_numbers[style]
        if num is not None:
            ppr.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
        elif no_number:
            ppr.append('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
        return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"

    def reusable(self, key: tuple[object, ...], build: Callable[[PartWriter], str]) -> str:
        """XML that only depends on ``key``, built once per process and given this writer's ids.

        For long content-library passages (the Declaration): ``build`` runs once on a scratch
        writer; each use allocates this writer's own list restarts and hyperlink ids in their place.
        """
        full_key = (*key, self.markup, self.link_fields, self._numbers_key)
        cached = _REUSABLE.get(full_key)
        if cached is None:
            scratch = PartWriter(self.markup, first_num_id=_SCRATCH_NUM, link_fields=self.link_fields,
                                 link_prefix="rIdScratch", style_numbers=self.style_numbers)
            xml = build(scratch)
            if scratch.footnotes:  # footnotes are numbered in order: not reusable
                return build(self)
            cached = _REUSABLE[full_key] = (xml, tuple(scratch.nums), tuple(scratch.links.items()))
        xml, nums, links = cached
        for num_id, abstract in nums:
            xml = xml.replace(f'<w:numId w:val="{num_id}"/>', f'<w:numId w:val="{self.new_list(abstract)}"/>')
        for url, rid in links:
            xml = xml.replace(f'r:id="{rid}"', f'r:id="{self.link_id(url)}"')
        return xml

    def new_list(self, abstract: int = ABSTRACT_NUMBERED) -> int:
        """A numbering instance that starts again at 1 (w:num with a startOverride)."""
        num_id = self.first_num_id + len(self.nums)
        self.nums.append((num_id, abstract))
        return num_id

    def list_items(self, items: list, kind: str = "bullets", level: int = 0, num_id: int | None = None) -> str:
        """Bulleted or numbered list items, nested items one level deeper (max three levels)."""
        if kind == "numbered" and num_id is None:
            num_id = self.new_list()
        out = []
        for item in items:
            text, children = (item, []) if isinstance(item, str) else (item.text, item.items)
            lvl = min(level, 2)
            if num_id is not None:  # kind == "numbered"
                out.append(self.paragraph(text, Style.numbers[lvl], num=(num_id, lvl)))
            else:
                out.append(self.paragraph(text, Style.bullets[lvl]))
            if children:
                out.append(self.list_items(children, kind, level + 1, num_id))
        return "".join(out)

    # -- tables -------------------------------------------------------------------------------
    def table(self, header: list[str], rows: list[list[str]], widths: list[int] | None = None,
              library_rows: int = 0) -> str:
        """A full-width table whose first row repeats on every page (w:tblHeader).

        The first ``library_rows`` rows are content-library text, whose markup is always read.
        """
        cols = max([len(header)] + [len(r) for r in rows])
        widths = widths or [9000 // cols] * cols
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

        def row(cells: list[str], head: bool, library: bool = False) -> str:
            cells = cells + [""] * (cols - len(cells))
            if library:
                with self.trusted():
                    return row(cells, head)
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if head else "<w:trPr><w:cantSplit/></w:trPr>"
            style = Style.table_heading if head else None
            tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{self.paragraph(c, style)}</w:tc>'
                          for c, w in zip(cells, widths))
            return f"<w:tr>{trpr}{tcs}</w:tr>"

        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{Style.table}"/><w:tblW w:w="5000" w:type="pct"/>'
                f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
                f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                + row(header, True) + "".join(row(r, False, i < library_rows) for i, r in enumerate(rows))
                + "</w:tbl>"
                + "<w:p/>")  # Word needs a paragraph between adjacent tables

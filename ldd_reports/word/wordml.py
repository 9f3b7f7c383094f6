"""WordprocessingML runs and paragraphs, built as escaped XML strings, and the style names roles map to.

A :class:`PartWriter` belongs to one render of one document part. It hands out the relationship
ids of hyperlinks and collects footnotes and regions' section breaks; the package writer adds
them to the output afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..caches import repeated
from ..markup import Span, parse

if TYPE_CHECKING:
    from .sections import SectionBreaks

__all__ = ["DEFAULT_IDS", "HANGING", "PartWriter", "STYLE_NAMES", "with_language", "xml_text"]

HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


#: Style names (as Word and LibreOffice show them) for each role, and the ids the built-in templates use.
#: Templates are matched by name, since LibreOffice renames style ids when it saves a file.
STYLE_NAMES = {
    "title": "Title", "subtitle": "Subtitle", "heading1": "heading 1", "heading2": "heading 2",
    "heading3": "heading 3", "body": "Body Text", "paragraph": "Numbered Paragraph", "bullet1": "List Bullet",
    "bullet2": "List Bullet 2", "bullet3": "List Bullet 3", "number1": "List Number", "number2": "List Number 2",
    "number3": "List Number 3", "letter1": "List Letter", "table": "Table Grid", "table_heading": "Table Heading",
    "hyperlink": "Hyperlink", "placeholder": "Placeholder", "footnote_text": "footnote text",
    "footnote_reference": "footnote reference",
}
_RUN = re.compile(r"<w:r>(<w:rPr>.*?</w:rPr>)?", re.S)

#: Twips a list's text stands right of its number (every numbering level's hanging indent).
HANGING = 567

#: The style ids of the built-in templates (a template made from one keeps them).
DEFAULT_IDS = {role: name.title().replace(" ", "") for role, name in STYLE_NAMES.items()}


def _make_run(span: Span, bold: bool, link_fields: bool, ids: tuple[str, str] = ("Placeholder", "Hyperlink")) -> str:
    """One w:r for a span (a hyperlink's run without its w:hyperlink wrapper); ids: placeholder, hyperlink."""
    # rPr children in the schema's order (Word rejects some misorderings): rStyle, b, i, highlight, u
    style = ids[0] if span.placeholder else ids[1] if span.link else None
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


_run = repeated(4096)(_make_run)  # the same standard text renders in every paper of a batch


def with_language(xml: str, tag: str) -> str:
    """Every run of a fragment marked as in ``tag`` ('en-GB'): w:lang last in its rPr, as the schema orders it."""
    def mark(match: re.Match[str]) -> str:
        props = match.group(1)
        if props is None:
            return f'<w:r><w:rPr><w:lang w:val="{tag}"/></w:rPr>'
        return f'<w:r>{props[:-len("</w:rPr>")]}<w:lang w:val="{tag}"/></w:rPr>'
    return _RUN.sub(mark, xml)


def xml_text(text: str, quote: bool = False) -> str:
    """Escape text for a w:t element (``quote``: for an attribute in double quotes too).

    What xml.sax.saxutils.escape does, without importing it: it loads urllib.request and http.client,
    a fifth of a single paper's start-up.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


@dataclass
class PartWriter:
    """Builds the runs and paragraphs of one document part, collecting hyperlinks and footnotes."""

    markup: bool = True
    links: dict[str, str] = field(default_factory=dict)  # url -> rId
    footnotes: list[str] = field(default_factory=list)  # w:footnote elements, ids from 1
    link_fields: bool = True  # False in headers and footers, whose relationships are separate
    link_prefix: str = "rIdLdd"
    ids: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_IDS))  # role -> the template's style id
    sections: SectionBreaks | None = None  # the body's: regions' section breaks, whose headers are added after
    notes: bool = True  # False in headers and footers: a note is the body's, never referenced twice

    def __post_init__(self) -> None:
        self.run_ids = (self.ids["placeholder"], self.ids["hyperlink"])

    # -- runs ---------------------------------------------------------------------------------
    def runs(self, text: str, bold: bool = False, markup: bool | None = None, link: str | None = None) -> str:
        """Runs for text: inline markup (where read), placeholders, line breaks and tabs; ``link``: the
        whole text links there (its words as written, never read as markup)."""
        if link is not None:
            return self._span(Span(text, bold=bold, link=link), bold)
        read = self.markup if markup is None else markup
        return "".join(self._span(s, bold) for s in parse(text, read))

    def _span(self, span: Span, bold: bool) -> str:
        if span.footnote is not None:
            return self.footnote(span.footnote) if self.notes else ""
        if span.link and self.link_fields:
            return (f'<w:hyperlink r:id="{self.link_id(span.link)}" w:history="1">'
                    f"{_make_run(span, bold, True, self.run_ids)}</w:hyperlink>")
        if len(span.text) > 2000:
            return _make_run(span, bold, self.link_fields, self.run_ids)  # long text: not worth caching
        return _run(span, bold, self.link_fields, self.run_ids)

    def footnote(self, text: str) -> str:
        """A footnote reference here, and the note for footnotes.xml (its links print as text)."""
        note_id = len(self.footnotes) + 1
        ref = f'<w:rPr><w:rStyle w:val="{self.ids["footnote_reference"]}"/></w:rPr>'
        inner = PartWriter(self.markup, link_fields=False, ids=self.ids)
        self.footnotes.append(
            f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{self.ids["footnote_text"]}"/></w:pPr>'
            f'<w:r>{ref}<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>{inner.runs(text)}</w:p>'
            "</w:footnote>")
        return f'<w:r>{ref}<w:footnoteReference w:id="{note_id}"/></w:r>'

    def link_id(self, url: str) -> str:
        if url not in self.links:
            self.links[url] = f"{self.link_prefix}{len(self.links) + 1}"
        return self.links[url]

    # -- paragraphs ---------------------------------------------------------------------------
    @staticmethod
    def paragraph_xml(runs: str, style: str | None = None, *, num: tuple[int, int] | None = None,
                      no_number: bool = False, page_break: bool = False, keep_next: bool = False,
                      space_before: int = 0, label_width: int = 0, indent: float = 0, outline_level: int | None = None
                      ) -> str:
        """A paragraph of runs already built (pPr children in the schema's order); sizes in points."""
        ppr = [f'<w:pStyle w:val="{style}"/>'] if style else []
        if keep_next:
            ppr.append("<w:keepNext/>")
        if page_break:
            ppr.append("<w:pageBreakBefore/>")
        if num is not None:
            ppr.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
        elif no_number:
            ppr.append('<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
        if label_width:  # the value starts at a tab stop, and its wrapped lines align under it
            ppr.append(f'<w:tabs><w:tab w:val="left" w:pos="{label_width * 20}"/></w:tabs>')
        if space_before:
            ppr.append(f'<w:spacing w:before="{space_before * 20}"/>')
        if label_width:
            ppr.append(f'<w:ind w:left="{label_width * 20}" w:hanging="{label_width * 20}"/>')
        elif indent:  # a numbered paragraph keeps its number's hanging indent
            hanging = f' w:hanging="{HANGING}"' if num is not None else ""
            ppr.append(f'<w:ind w:left="{round(indent * 20)}"{hanging}/>')
        if outline_level is not None:  # a heading whatever the template's style says (the title)
            ppr.append(f'<w:outlineLvl w:val="{outline_level}"/>')
        return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{runs}</w:p>"

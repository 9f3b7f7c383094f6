"""The Word writer: an outline to WordprocessingML, with the numbering its labels need."""

from __future__ import annotations

import re
from typing import Any

from ..caches import repeated
from ..outline.nodes import Block, Copies, ListInstance, Outline, Para, Region, Scheme, Table, Written
from .wordml import HANGING, PartWriter, with_language

__all__ = ["DocxWriter", "numbering_xml"]

_ROLE_STYLE = {"title": "title", "subtitle": "subtitle", "body": "body", "paragraph": "paragraph",
               "table_heading": "table_heading", "footnote": "footnote_text"}


class DocxWriter:
    """Writes outline blocks for one render; list instance N becomes w:num ``first_num + N``."""

    def __init__(self, w: PartWriter, numbered_styles: set[str], first_num: int, outline: Outline | None = None
                 ) -> None:
        self.w = w
        self.numbered_styles = numbered_styles  # style ids whose definition carries numbering
        self.first_num = first_num
        self._after_region = False  # the last block written ended a region (no section between two)
        self._in_region = False
        self.outline = outline  # whose runs of copied blocks may be written as another paper wrote them
        # What a block's XML depends on besides the block and the links and notes before it (a copied run's
        # XML is reused only under the same)
        self._settings = (tuple(sorted(w.ids.items())), first_num, frozenset(numbered_styles), w.link_fields,
                          w.run_ids, w.markup, w.notes, w.link_prefix)
        self._regions = 0  # regions written (a section break each, numbered by this writer: never reused)

    def style_id(self, para: Para) -> str:
        ids = self.w.ids
        if para.role == "heading":
            return ids[f"heading{para.level}"]
        if para.role in ("bullet", "number"):
            return ids[f"{para.role}{min(para.level, 2) + 1}"]
        if para.role == "letter":
            return ids["letter1"]
        return ids[_ROLE_STYLE[para.role]]

    def paragraph(self, para: Para) -> str:
        style = self.style_id(para)
        num = (self.first_num + para.num[0], para.num[1]) if para.num else None
        indent: float = para.indent
        if indent and para.num and para.numbering:  # a numbered value in a label column: its level's indent past it
            indent += para.numbering[0].levels[para.num[1]].indent / 20
        flags = (style, num, num is None and style in self.numbered_styles, para.page_break, para.keep_next,
                 para.space_before, para.label_width, indent, 0 if para.role == "title" else None)
        pieces = tuple((p.text, p.bold, p.markup, p.link) for p in para.pieces)
        if any("[" in text or link for text, _, _, link in pieces):  # links and footnotes take ids from this writer
            xml = _paragraph(pieces, flags, self.w)
        else:
            xml = _cached_paragraph(pieces, flags, self.w.link_fields, self.w.run_ids)
        return with_language(xml, para.language) if para.language else xml

    def table(self, table: Table) -> str:
        cols = max(len(r) for r in table.rows)
        weights = table.widths or [1] * cols
        widths = [9000 * w // sum(weights) for w in weights]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        rows = []
        for r, row in enumerate(table.rows):
            head = r < table.header_rows
            trpr = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if head else "<w:trPr><w:cantSplit/></w:trPr>"
            cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                            f'{self.blocks(cell, in_cell=True) or "<w:p/>"}</w:tc>'
                            for cell, w in zip(row + [[]] * (cols - len(row)), widths))
            rows.append(f"<w:tr>{trpr}{cells}</w:tr>")
        look = ('<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
                'w:noHBand="0" w:noVBand="1"/>' if table.header_rows else
                '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                'w:noHBand="1" w:noVBand="1"/>')
        return (f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.w.ids["table"]}"/><w:tblW w:w="5000" w:type="pct"/>'
                f"{look}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")

    def region(self, region: Region, in_cell: bool) -> str:
        """A region as a section of its own (see ``word.sections``); plain blocks where it cannot be one."""
        breaks = self.w.sections
        self._regions += 1
        if breaks is None or in_cell or self._in_region:  # a cell cannot hold a section; one region at a time
            return self.blocks(region.blocks, in_cell)
        start = breaks.start(self._after_region)
        self._in_region = True
        try:
            inner = self.blocks(region.blocks)
        finally:
            self._in_region = False
        end = breaks.end("".join(p.text for p in region.mark))
        self._after_region = True
        return start + inner + end

    def blocks(self, blocks: list[Block], in_cell: bool = False, reuse: bool = True) -> str:
        out = []
        i = 0
        while i < len(blocks):
            run = self.outline.copied_run(blocks, i) if reuse and not in_cell and self.outline is not None else None
            if run is not None:  # blocks copied from kept ones: as written for an earlier paper, if still the same
                count, source = run
                out.append(self._copied(blocks[i:i + count], source))
                i += count
                if isinstance(blocks[i - 1], Table) and i < len(blocks) and isinstance(blocks[i], Table):
                    out.append("<w:p/>")  # (what follows the run decides this, as below)
                continue
            block = blocks[i]
            i += 1
            if isinstance(block, Region):
                out.append(self.region(block, in_cell))
                continue
            if not in_cell:
                self._after_region = False
            if isinstance(block, Table):
                out.append(self.table(block))
                # Word needs a paragraph after a table where a cell or another table follows it.
                if in_cell and i == len(blocks) or i < len(blocks) and isinstance(blocks[i], Table):
                    out.append("<w:p/>")
            else:
                out.append(self.paragraph(block))
        return "".join(out)

    def _copied(self, run: list[Block], source: Copies) -> str:
        """A run of copied blocks: the XML written of an equal run under the same settings after the same links
        and footnotes (their ids follow on from those), else written now and kept."""
        links, notes = self.w.links, self.w.footnotes
        before = (tuple(links.items()), len(notes))
        made = source.xml.get(self._settings)
        if made is not None and made.before == before and made.run == run:
            links.update(made.links)  # what writing it added, as writing it would
            notes.extend(made.notes)
            self._after_region = False
            return made.xml
        regions = self._regions
        xml = self.blocks(run, reuse=False)
        if self._regions == regions:
            known = dict(before[0])
            source.xml[self._settings] = Written([block.copy() for block in run], before,
                                                 tuple((url, rid) for url, rid in links.items() if url not in known),
                                                 tuple(notes[before[1]:]), xml)
        return xml


_Pieces = tuple[tuple[str, bool, bool, "str | None"], ...]


def _paragraph(pieces: _Pieces, flags: tuple[Any, ...], w: PartWriter) -> str:
    style, num, no_number, page_break, keep_next, space_before, label_width, indent, outline_level = flags
    runs = "".join(w.runs(text, bold, markup, link) for text, bold, markup, link in pieces)
    return PartWriter.paragraph_xml(runs, style, num=num, no_number=no_number, page_break=page_break,
                                    keep_next=keep_next, space_before=space_before, label_width=label_width,
                                    indent=indent, outline_level=outline_level)


@repeated(8192)  # standard content is the same paragraph in every paper of a batch
def _cached_paragraph(pieces: _Pieces, flags: tuple[Any, ...], link_fields: bool,
                      run_ids: tuple[str, str]) -> str:
    writer = PartWriter(link_fields=link_fields, ids={"placeholder": run_ids[0], "hyperlink": run_ids[1],
                                                      "footnote_text": "", "footnote_reference": ""})
    return _paragraph(pieces, flags, writer)


def _level_xml(ilvl: int, fmt: str, text: str, indent: int) -> str:
    font = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>' if fmt == "bullet" else ""
    text = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{indent}" w:hanging="{HANGING}"/></w:pPr>{font}</w:lvl>')


def _abstract_xml(abstract_id: int, scheme: Scheme) -> str:
    levels = "".join(_level_xml(i, lv.fmt, lv.text, lv.indent) for i, lv in enumerate(scheme.levels))
    return (f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
            f"{levels}</w:abstractNum>")


_ABSTRACT_ID = re.compile(rb'w:abstractNumId="(\d+)"')
_NUM_ID = re.compile(rb'<w:num w:numId="(\d+)"')
EMPTY_NUMBERING = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering '
                   b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:numbering>')


@repeated(16)  # a template's part, the same bytes for every paper of a batch (searched twice a paper)
def first_ids(numbering: bytes | None) -> tuple[int, int]:
    """(first free abstractNumId, first free numId) in a template's numbering part."""
    numbering = numbering or b""
    abstract = max((int(m) for m in _ABSTRACT_ID.findall(numbering)), default=0) + 1
    num = max((int(m) for m in _NUM_ID.findall(numbering)), default=0) + 1
    return abstract, num


def numbering_xml(numbering: bytes | None, outline: Outline, first_abstract: int, first_num: int) -> bytes:
    """The template's numbering plus the outline's schemes (abstract lists) and list instances.

    Each instance restarts every level at 1 (a startOverride), so Word and LibreOffice count as the
    outline did. Abstract lists go before the first w:num, as the schema orders them.
    """
    return _numbering_part(numbering, tuple(outline.schemes.items()), tuple(outline.lists), first_abstract, first_num)


@repeated(64)  # the papers of a batch number the same lists with the same schemes: one part for them all
def _numbering_part(numbering: bytes | None, schemes: tuple[tuple[str, Scheme], ...], lists: tuple[ListInstance, ...],
                    first_abstract: int, first_num: int) -> bytes:
    text = (numbering or EMPTY_NUMBERING).decode("utf-8")
    names = [name for name, _ in schemes]
    levels = {name: len(scheme.levels) for name, scheme in schemes}
    abstracts = "".join(_abstract_xml(first_abstract + i, scheme) for i, (_, scheme) in enumerate(schemes))
    nums = "".join(
        f'<w:num w:numId="{first_num + inst.id}"><w:abstractNumId w:val="{first_abstract + names.index(inst.scheme)}"/>'
        + "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="1"/></w:lvlOverride>'
                  for k in range(levels[inst.scheme]))
        + "</w:num>" for inst in lists)
    first = text.find("<w:num ")
    end = text.rindex("</w:numbering>") if "</w:numbering>" in text else None
    if end is None:  # an empty element: <w:numbering .../>
        text = re.sub(r"<w:numbering\b([^>]*)/>", r"<w:numbering\1></w:numbering>", text)
        end = text.rindex("</w:numbering>")
        first = -1
    if first < 0:
        text = text[:end] + abstracts + nums + text[end:]
    else:
        text = text[:first] + abstracts + text[first:end] + nums + text[end:]
    return text.encode("utf-8")

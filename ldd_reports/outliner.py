"""Build the outline of a document from the model and the house style: the one walk over the model."""

from __future__ import annotations

from typing import Any

from . import content_library as lib
from .house_style import HouseStyle, parse_label
from .models import (BulletList, DeclarationSection, FirstActionsSection, ImplicationsSection, ItemsSection,
                     NestedItem, NumberedList, RecommendationsSection, RisksSection, StandardText, Table)
from .models.sections import Risk
from .outline import BULLETS, Block, Level, Outline, Para, Piece, Scheme
from .outline import Table as OTable
from .wording import heading_text, implication_wording, library_fields

__all__ = ["SectionWriter", "schemes_for"]

#: (list id, level) where a section's paragraphs are numbered, or None.
ParaNum = "tuple[int, int] | None"


def _level(label: str, k: int, indent: int) -> Level:
    parsed = parse_label(label)
    if parsed is None:
        return Level("bullet", BULLETS[0], indent)
    prefix, fmt, suffix = parsed
    return Level(fmt, f"{prefix}%{k}{suffix}", indent)


def schemes_for(style: HouseStyle) -> dict[str, Scheme]:
    """The list schemes a house style numbers with: paragraphs, lists, bullets, letters."""
    n = style.numbering
    para = [Level("decimal", "%1.", 567)]
    if n.paragraphs == "by_section":
        para.append(Level("decimal", "%1.%2", 567))
    k = len(para)
    para += [_level(n.sub_items, k + 1, 1134), Level("lowerRoman", f"(%{k + 2})", 1701)]
    return {
        "paragraphs": Scheme("paragraphs", tuple(para)),
        "lists": Scheme("lists", (_level(n.lists, 1, 567), Level("lowerLetter", "%2)", 1134),
                                  Level("lowerRoman", "%3)", 1701))),
        "bullets": Scheme("bullets", tuple(Level("bullet", b, 567 * (i + 1)) for i, b in enumerate(BULLETS))),
        "letters": Scheme("letters", (Level("upperLetter", "%1.", 567),)),
    }


class SectionWriter:
    """Sections and blocks to outline blocks; shared by the front and back matter."""

    def __init__(self, doc: Any, style: HouseStyle, outline: Outline) -> None:
        self.doc, self.style, self.o = doc, style, outline
        self.markup = doc.text_format == "markup"
        self.fields = library_fields(doc)
        self.local_authority = doc.organisation.kind.is_local_authority
        self.bullets = outline.new_list("bullets")
        self.sub_bullets = parse_label(style.numbering.sub_items) is None

    # -- pieces and paragraphs ----------------------------------------------------------------
    def officer(self, text: str, field: str, bold: bool = False) -> Piece:
        return Piece(text, field, "officer", bold, self.markup)

    def library(self, text: str, field: str, origin: str = "library", key: str | None = None) -> Piece:
        return Piece(lib.fill(text, self.fields), field, origin, False, True, key)  # type: ignore[arg-type]

    def paras(self, piece: Piece, role: str = "body", num: Any = None, lead: list[Piece] | None = None,
              **kw: Any) -> list[Para]:
        """One paragraph per blank-line-separated part of a piece (the documented newline rule)."""
        text = piece.text
        parts = [p.strip("\n") for p in text.split("\n\n")] if "\n\n" in text else [text.strip("\n")]
        parts = [p for p in parts if p] or [""]
        out = []
        for i, part in enumerate(parts):
            pieces = [*(lead or [] if i == 0 else []), Piece(part, piece.field, piece.origin, piece.bold,
                                                               piece.markup, piece.key)]
            para = Para(pieces, role, **kw)  # type: ignore[arg-type]
            out.append(self.o.number(para, *num) if num else para)
        return out

    def heading(self, text: Piece, level: int, num: Any = None, **kw: Any) -> Para:
        para = Para([text], "heading", min(level, 3), keep_next=True, **kw)
        return self.o.number(para, *num) if num else para

    def label(self, text: str) -> Piece:
        return Piece(text, "", "house_style")

    # -- lists --------------------------------------------------------------------------------
    def items(self, entries: list[tuple[Piece, list[Any]]], kind: str, para: Any, depth: int = 0,
              num: tuple[int, int] | None = None) -> list[Block]:
        """List items: (piece, children) pairs, children one level down. ``depth`` is how far in the
        item is shown; ``num`` the list and level its first level is numbered at."""
        out: list[Block] = []
        if kind == "numbered" and para is not None and self.sub_bullets:
            kind = "bullets"  # the house style shows lists inside numbered paragraphs as bullets
        if kind == "numbered" and num is None:
            if para is not None and not self.sub_bullets:
                num = (para[0], para[1] + 1)  # sub-items of the numbered paragraph: a), b)
            else:
                num = (self.o.new_list("lists"), 0)
        for piece, children in entries:
            if num is not None and kind == "numbered":
                out += self.paras(piece, "number", (num[0], num[1] + depth), level=depth)
            else:
                out += [self.o.number(p, self.bullets, depth) for p in self.paras(piece, "bullet", level=depth)]
            if children:
                out += self.items(children, kind, para, depth + 1, num)
        return out

    def officer_items(self, items: list[Any], field: str) -> list[tuple[Piece, list[Any]]]:
        out = []
        for i, item in enumerate(items):
            if isinstance(item, NestedItem):
                out.append((self.officer(item.text, f"{field}[{i}].text"),
                            self.officer_items(item.items, f"{field}[{i}].items")))
            else:
                out.append((self.officer(item, f"{field}[{i}]"), []))
        return out

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, blocks: list[Any], field: str, para: Any, start: int = 0) -> list[Block]:
        """Officer blocks; ``start``: the index of the first in its field (when one was run in before)."""
        out: list[Block] = []
        role = "paragraph" if para else "body"
        for i, block in enumerate(blocks, start):
            path = f"{field}[{i}]"
            if isinstance(block, str):
                out += self.paras(self.officer(block, path), role, para)
            elif isinstance(block, BulletList):
                out += self.items(self.officer_items(block.bullets, f"{path}.bullets"), "bullets", para)
            elif isinstance(block, NumberedList):
                out += self.items(self.officer_items(block.numbered, f"{path}.numbered"), "numbered", para)
            elif isinstance(block, StandardText):
                text = lib.paragraph_text(block.standard, self.local_authority)
                out += self.paras(self.library(text, f"{path}.standard", key=f"paragraph:{block.standard}"),
                                  role, para)
            elif isinstance(block, Table):
                out.append(self.table([[self.officer(c, f"{path}.header[{j}]") for j, c in enumerate(block.header)]]
                                      + [[self.officer(c, f"{path}.rows[{r}][{j}]") for j, c in enumerate(row)]
                                         for r, row in enumerate(block.rows)]))
        return out

    def table(self, rows: list[list[Piece]], widths: list[int] | None = None, header: bool = True) -> OTable:
        cols = max(len(r) for r in rows)
        cells = [[[Para([p], "table_heading" if header and r == 0 else "body")] for p in row]
                 + [[Para([], "body")] for _ in range(cols - len(row))] for r, row in enumerate(rows)]
        return OTable(cells, 1 if header else 0, widths)

    # -- sections -----------------------------------------------------------------------------
    def para_num(self, numbered: bool, level: int, list_id: int | None, appendix: bool) -> Any:
        """Where a section's paragraphs are numbered: (list id, level) or None."""
        n = self.style.numbering
        if not numbered or list_id is None or n.paragraphs == "none":
            return None
        if n.paragraphs == "continuous" or (appendix and n.appendices == "restart"):
            return (list_id, 0)
        # by_section: only first-level sections number their paragraphs when sub-headings take
        # the paragraph counter (2.3 Benefits), as council papers do.
        return (list_id, 1) if level == 1 or n.heading_levels == 1 else None

    def heading_num(self, numbered: bool, level: int, list_id: int | None, appendix: bool) -> Any:
        n = self.style.numbering
        if not numbered or list_id is None or appendix or n.paragraphs != "by_section" or level > n.heading_levels:
            return None
        return (list_id, level - 1)

    def section(self, sec: Any, field: str, level: int, numbered: bool, list_id: int | None,
                appendix: bool = False, page_break: bool = False) -> list[Block]:
        numbered = sec.numbered if sec.numbered is not None else numbered
        if isinstance(sec, ImplicationsSection) and sec.layout == "flat":
            from .implications import implications
            return implications(self, sec, field, level, numbered, list_id, appendix, heading=False)
        tags = frozenset({f"type:{sec.type}"})
        title = self.officer(heading_text(sec), f"{field}.title") if sec.title or sec.label else \
            self.label(heading_text(sec))
        out: list[Block] = [self.heading(title, level, self.heading_num(numbered, level, list_id, appendix),
                                         page_break=page_break, tags=tags)]
        para = self.para_num(numbered, level, list_id, appendix)
        out += self.blocks(sec.content, f"{field}.content", para)
        out += self.typed(sec, field, level, numbered, list_id, appendix, para)
        out += self.blocks(sec.closing, f"{field}.closing", para)
        for i, sub in enumerate(sec.subsections):
            out += self.section(sub, f"{field}.subsections[{i}]", level + 1, numbered, list_id, appendix)
        return out

    def typed(self, sec: Any, field: str, level: int, numbered: bool, list_id: int | None, appendix: bool,
              para: Any) -> list[Block]:
        if isinstance(sec, ItemsSection):
            origin = "declaration" if sec.type == "principles" else "library"
            entries = [(self.library(text, f"{field}.standard", origin, f"{sec.type}:{key}"), [])
                       for key, text in zip(lib.keys_of(sec.standard, sec.type), lib.pick(sec.type, sec.standard))]
            return self.items(entries + self.officer_items(sec.items, f"{field}.items"), sec.style, para)
        if isinstance(sec, RisksSection):
            return self.risks(sec, field, para)
        if isinstance(sec, FirstActionsSection):
            return self.first_actions(sec, field)
        if isinstance(sec, ImplicationsSection):
            from .implications import implications
            return implications(self, sec, field, level, numbered, list_id, appendix, heading=True)
        if isinstance(sec, DeclarationSection):
            from .declaration import declaration
            return declaration(self, sec, field)
        if isinstance(sec, RecommendationsSection):
            from .front_matter import recommendations
            return recommendations(self, heading=False)
        return []

    def risks(self, sec: RisksSection, field: str, para: Any) -> list[Block]:
        keys = lib.keys_of(sec.standard, "risks")
        standard = [(self.library(r["risk"], f"{field}.standard", key=f"risks:{k}"),
                     self.library(r.get("mitigation") or "", f"{field}.standard", key=f"risks:{k}"))
                    for k, r in zip(keys, lib.pick("risks", sec.standard))]
        own = [(self.officer(r.risk, f"{field}.items[{i}].risk"),
                self.officer(r.mitigation, f"{field}.items[{i}].mitigation") if r.mitigation else None)
               if isinstance(r, Risk) else (self.officer(r, f"{field}.items[{i}]"), None)
               for i, r in enumerate(sec.items)]
        if not any(m is not None and m.text for _, m in standard + own):
            return self.items([(r, []) for r, _ in standard + own], "bullets", para)
        rows = [[self.label("Risk"), self.label("Mitigation")]]
        rows += [[r, m or self.label("")] for r, m in standard + own]
        return [self.table(rows, [1, 1])]

    def first_actions(self, sec: FirstActionsSection, field: str) -> list[Block]:
        out: list[Block] = []
        keys = lib.keys_of(sec.standard, "first_actions")
        for key, option in zip(keys, lib.pick("first_actions", sec.standard)):
            text = f"**{option['title']}**: {option['description']}" if option.get("title") else option["description"]
            if option.get("partners"):
                text += f" (partners: {', '.join(option['partners'])})"
            out += self.items([(self.library(text, f"{field}.standard", key=f"first_actions:{key}"), [])],
                              "bullets", None)
        for i, option in enumerate(sec.options):
            path = f"{field}.options[{i}]"
            pieces = [self.officer(option.title, f"{path}.title", bold=True), self.label(": ")] if option.title else []
            pieces.append(self.officer(option.description, f"{path}.description"))
            if option.partners:
                pieces.append(self.label(" (partners: "))
                for j, partner in enumerate(option.partners):
                    pieces += [self.label(", ")] if j else []
                    pieces.append(self.officer(partner, f"{path}.partners[{j}]"))
                pieces.append(self.label(")"))
            out.append(self.o.number(Para(pieces, "bullet"), self.bullets, 0))
        return out

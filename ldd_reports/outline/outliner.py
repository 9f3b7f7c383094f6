"""The outline writer's shared tools: pieces, paragraphs, lists, blocks and where numbering goes."""

from __future__ import annotations

import functools
from collections import ChainMap
from typing import Any

from ..content import facts
from ..content import library as lib
from ..content.messages import untranslated_content
from ..content.dates import format_date, format_time
from ..content.wording import library_fields
from ..house_styles.style import HouseStyle, parse_label, style_key
from ..markup import escape
from ..models import BulletList, NestedItem, NumberedList, StandardText, Table
from .nodes import BULLETS, Block, Level, Outline, Para, Piece, Role, Scheme
from .nodes import Table as OTable

__all__ = ["SectionWriter", "schemes_for"]


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
        self.words = style.words  # the wording catalogue, under the house style's own wording
        self.date_format = style.date_format_for(doc)
        self.circ = facts.Circumstances.of(doc)  # what the library's facts are as at
        self.bullets = outline.new_list("bullets")
        self.sub_bullets = parse_label(style.numbering.sub_items) is None
        self.public = False  # the version for publication: exempt parts are already statements

    @functools.cached_property
    def style_key(self) -> str:
        """The house style as text: what shared sections are kept under (a style changed in place is another)."""
        return style_key(self.style)

    # -- pieces and paragraphs ----------------------------------------------------------------
    def officer(self, text: str, field: str, bold: bool = False) -> Piece:
        return Piece(text, field, "officer", bold, self.markup)

    def library(self, text: str, field: str, origin: str = "library", key: str | None = None,
                english: bool = False) -> Piece:
        """Content-library text (English); in a paper in another language a placeholder for the council's words,
        unless ``english``: quoted as it is (the Declaration, which has no official Welsh)."""
        if self.style.language != "en" and not english:  # the council writes its own words here
            return Piece(untranslated_content(field, self.style.language), field, origin)  # type: ignore[arg-type]
        return Piece(lib.fill(text, self.fields), field, origin, False, True, key)  # type: ignore[arg-type]

    def paras(self, piece: Piece, role: str = "body", num: Any = None, lead: list[Piece] | None = None,
              **kw: Any) -> list[Para]:
        """One paragraph per blank-line-separated part of a piece (the documented newline rule)."""
        text = piece.text
        if not text.strip() and piece.origin == "house_style" and not lead:
            return []  # a house style's empty lead-in or label prints nothing, not an empty numbered paragraph
        if "\n\n" not in text and text.strip("\n") == text:  # the usual case: one paragraph as written
            para = Para([*lead, piece] if lead else [piece], role, **kw)  # type: ignore[arg-type]
            return [self.o.number(para, *num) if num else para]
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
        return self.heading_of([text], level, num, **kw)

    def heading_of(self, pieces: list[Piece], level: int, num: Any = None, **kw: Any) -> Para:
        para = Para(pieces, "heading", min(level, 3), keep_next=True, **kw)
        return self.o.number(para, *num) if num else para

    def label(self, text: str) -> Piece:
        """Text the house style writes itself (a label, a heading, a separator)."""
        return Piece(text, "", "house_style")

    def say(self, message_id: str, bold: bool = False, field: str = "", **values: Piece | list[Piece] | str
            ) -> list[Piece]:
        """A catalogue message as pieces: its own words, and each field's value in its place.

        A value given as a piece keeps its field path and origin (an officer's name in 'Signed on
        behalf of {organisation}'); a string, and the library's own fields, print as the message's.
        """
        pieces: list[Piece] = []
        for segment in self.words.segments(message_id):
            value: Piece | list[Piece] | str
            if isinstance(segment, str):  # the paper's inline markup applies: '**Agreed:** {wording}' is bold
                value = segment if self.markup else escape(segment)
            elif segment.name in values:
                value = values[segment.name]
                if isinstance(value, str):  # a number or date the library gives: text, never markup
                    value = escape(value)
            else:
                value = self.fields[segment.name]  # the library's fields, escaped already where plain
            if isinstance(value, Piece):
                pieces.append(value)
            elif isinstance(value, list):
                pieces += value
            elif pieces and pieces[-1].message == message_id and pieces[-1].origin == "house_style":
                pieces[-1] = Piece(pieces[-1].text + value, field, "house_style", bold, True, message=message_id)
            elif value:  # the message's own words, one run however many fields it fills
                pieces.append(Piece(value, field, "house_style", bold, True, message=message_id))
        return pieces

    def phrase(self, message_id: str, field: str = "", bold: bool = False) -> Piece:
        """A catalogue message as one piece (a label, a table heading), its library fields filled."""
        return Piece(self.word(message_id), field, "house_style", bold, self.markup, message=message_id)

    def heading_words(self, sec: Any, field: str) -> list[Piece]:
        """A section's heading as pieces: its title, after its label where it has one ('Appendix A – Title')."""
        title = self.officer(sec.title, f"{field}.title") if sec.title else self.phrase("implications.heading")
        if not sec.label:
            return [title]
        return self.say("paper.labelled_heading", label=self.officer(sec.label, f"{field}.label"), title=title)

    def detail(self, person: Any, name: str, path: str) -> Piece:
        """One of a person's details; an email is a mailto link (its text the address as written)."""
        value = getattr(person, name)
        piece = self.officer(value, f"{path}.{name}")
        if name == "email" and "@" in value and not any(c.isspace() for c in value.strip()):
            return Piece(piece.text, piece.field, "officer", link="mailto:" + value.strip())
        return piece

    def person(self, person: Any, path: str) -> list[Piece]:
        """A person's name, and job title where there is one ('Sam Okafor, Head of Digital Services')."""
        name = self.officer(person.name, f"{path}.name")
        if not person.job_title:
            return [name]
        return self.say("paper.name_job_title", name=name, job_title=self.officer(person.job_title, f"{path}.job_title"))

    def date(self, value: Any, field: str, origin: str = "officer") -> Piece:
        """A date as the paper prints dates."""
        return Piece(format_date(value, self.date_format, self.style.language), field, origin)  # type: ignore[arg-type]

    def meeting_date(self, meeting: Any, field: str) -> list[Piece]:
        """The meeting's date, and its time where the input gives one ('Monday, 19th November, 2012, 7.30 pm')."""
        if meeting.date is None:
            return [Piece(self.word("paper.open_date"), f"{field}.date", "house_style", message="paper.open_date")]
        day = self.date(meeting.date, f"{field}.date")
        if getattr(meeting, "time", None) is None:
            return [day]
        return self.say("paper.date_time", date=day,
                        time=Piece(format_time(meeting.time, self.style.dates.time, self.style.language),
                                   f"{field}.time", "officer"))

    def word(self, message_id: str, **values: str) -> str:
        """A catalogue message as plain text, its fields filled (the library's fields unless given)."""
        return self.words.fill(message_id, ChainMap[str, str](values, self.fields))  # (reads only the fields it names)

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
                fact = facts.paragraph(block.standard, self.circ, block.as_at)
                if fact.text is None:
                    self.o.left_out.append((f"{path}.standard", fact.key, fact.why))
                    continue
                key = fact.key + (f"@{block.as_at.isoformat()}" if block.as_at else "")
                out += self.paras(self.library(fact.text, f"{path}.standard", key=key), role, para)
            elif isinstance(block, Table):
                out.append(self.table([[self.officer(c, f"{path}.header[{j}]") for j, c in enumerate(block.header)]]
                                      + [[self.officer(c, f"{path}.rows[{r}][{j}]") for j, c in enumerate(row)]
                                         for r, row in enumerate(block.rows)]))
        return out

    def standard_items(self, name: str, standard: str | list[str] | None, field: str) -> list[tuple[str, Any]]:
        """(key, value) of the catalogue items a section picks, as at the paper's date; a named item with
        nothing to say on the date is left out and noted for the check."""
        out = []
        for key, fact in facts.catalogue_items(name, standard, self.circ):
            if fact.value is None:
                self.o.left_out.append((field, fact.key, fact.why))
            else:
                out.append((key, fact.value))
        return out

    def table(self, rows: list[list[Piece]], widths: list[int] | None = None, header: bool = True) -> OTable:
        cols = max(len(r) for r in rows)
        cells: list[list[list[Block]]] = []
        for r, row in enumerate(rows):
            role: Role = "table_heading" if header and r == 0 else "body"
            line: list[list[Block]] = [[Para([p], role)] for p in row]
            cells.append(line + [[Para([], "body")] for _ in range(cols - len(row))])
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

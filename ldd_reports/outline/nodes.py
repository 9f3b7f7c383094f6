"""The format-neutral outline of a document: paragraphs, lists and tables with labels, fields and origins.

Built once from the model and the house style (see ``outliner``); the Word writer, the check
and any later output read it. Numbered paragraphs carry the label a reader sees ("2.3", "a)"),
computed here the way Word counts (a level restarts after any shallower level), so every
output shows the same labels.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Union

from ..errors import InputError, Problem
from ..markup import parse, plain_text

__all__ = ["BULLETS", "Copies", "MAX_LETTERED", "Level", "ListInstance", "Origin", "Outline", "Para", "Piece", "Region",
           "Role", "Scheme", "Table", "Written", "label_text"]

#: Where a piece of text comes from: the officer's input, the content library, the Declaration
#: (verbatim), or the house style's own wording (labels, headings it adds).
Origin = Literal["officer", "library", "declaration", "house_style"]

#: What a paragraph is; each output maps roles to its own styles.
Role = Literal["title", "subtitle", "heading", "body", "paragraph", "bullet", "number", "letter", "table_heading",
               "footnote"]

BULLETS = ("\u2022", "\u2013", "\u25aa")
MAX_LETTERED = 78  # items of one lettered list: 'zzz)' is the last label Word gives that a reader can follow


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text: what it says, where it comes from (field path and origin), how it looks."""

    text: str
    field: str = ""
    origin: Origin = "house_style"
    bold: bool = False
    markup: bool = False  # read inline markup (**bold**, links, footnotes) in this text
    key: str | None = None  # content-library entry ('paragraph:background.launch'), for dated facts
    link: str | None = None  # the whole piece is a link to this address (an email's mailto:)
    message: str | None = None  # the wording catalogue's id, for text the library wrote from a message
    also: tuple[str, ...] = ()  # other field paths with the same value, printed once (a person's two roles)


@dataclass(slots=True)
class Para:
    """One paragraph. ``num`` is (list id, level) when numbered; ``label`` what a reader sees."""

    pieces: list[Piece]
    role: Role = "body"
    level: int = 0  # heading level (1-3) or list level (0-2)
    num: tuple[int, int] | None = None
    keep_next: bool = False
    page_break: bool = False
    space_before: int = 0  # points of space above (a signature gap), never an empty paragraph
    label_width: int = 0  # points: a label, a tab, then the text aligned at this column (label/value lines)
    indent: int = 0  # points of left indent (a value's later paragraphs, under its first)
    tags: frozenset[str] = frozenset()  # e.g. {'type:risks'} on a section heading, for the check
    numbering: tuple[Scheme, tuple[int, ...]] | None = None  # the scheme and counts when numbered
    language: str | None = None  # a paragraph in another language than the paper's ('en-GB': a quotation)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def copy(self) -> Para:
        """A paragraph of its own with the same content (later passes set keep_next, page_break ...)."""
        # Each field set here, not through __init__ (a third of the time: a paper copies a hundred); a field
        # added to Para must be added here too (tests/test_shared_sections.py sets every field and copies it).
        copy = object.__new__(Para)
        copy.pieces, copy.role, copy.level, copy.num = list(self.pieces), self.role, self.level, self.num
        copy.keep_next, copy.page_break, copy.space_before = self.keep_next, self.page_break, self.space_before
        copy.label_width, copy.indent, copy.tags = self.label_width, self.indent, self.tags
        copy.numbering, copy.language = self.numbering, self.language
        return copy

    @property
    def label(self) -> str | None:
        """The label a reader sees ('2.3', 'a)'), worked out when asked (the Word writer never asks)."""
        if self.numbering is None or self.num is None:
            return None
        scheme, counts = self.numbering
        return label_text(scheme, list(counts), self.num[1])


Block = Union["Para", "Table", "Region"]


@dataclass
class Table:
    """A table: rows of cells, each cell a list of paragraphs. ``header_rows`` repeat on each page."""

    rows: list[list[list[Block]]]
    header_rows: int = 0
    widths: list[int] | None = None  # relative column widths

    def copy(self) -> Table:
        return Table([[[block.copy() for block in cell] for cell in row] for row in self.rows], self.header_rows,
                     list(self.widths) if self.widths is not None else None)

    def paragraphs(self) -> Iterator[Para]:
        return _paragraphs([self])


@dataclass
class Region:
    """Blocks printed on pages of their own whose running header also carries ``mark`` (an exempt
    part's NOT FOR PUBLICATION): a Word section with its own header, a PDF's pages, an HTML section."""

    blocks: list[Block]
    mark: list[Piece]

    def copy(self) -> Region:
        return Region([block.copy() for block in self.blocks], list(self.mark))

    def paragraphs(self) -> Iterator[Para]:
        return _paragraphs(self.blocks)


def _paragraphs(blocks: list[Block]) -> Iterator[Para]:
    return iter(_paragraph_list(blocks, []))


def _paragraph_list(blocks: list[Block], out: list[Para]) -> list[Para]:
    """``out`` with the paragraphs of ``blocks`` added, table cells row by row: a list made in one
    recursion (every check walks them; generators nested per table and region cost a third more)."""
    for block in blocks:
        if isinstance(block, Para):
            out.append(block)
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    _paragraph_list(cell, out)
        else:
            _paragraph_list(block.blocks, out)
    return out


@dataclass(frozen=True)
class Level:
    """One level of a list scheme: Word's number format and label text ('%1.%2')."""

    fmt: str  # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet
    text: str
    indent: int  # left indent in twentieths of a point


@dataclass(frozen=True)
class Scheme:
    """A kind of list (paragraph numbering, numbered lists, bullets, letters) and its levels."""

    name: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class ListInstance:
    """One list whose numbers start at 1 (a restart), of a scheme."""

    id: int
    scheme: str


def _format(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        # Word repeats the letter past z: aa, bb ...
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", n
        for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while rest >= value:
                out, rest = out + numeral, rest - value
        return out if fmt == "lowerRoman" else out.upper()
    return ""


def label_text(scheme: Scheme, counts: list[int], level: int) -> str:
    """The label Word shows for ``counts`` at ``level`` ('%1.%2' with counts [2, 3] is '2.3')."""
    lvl = scheme.levels[level]
    if lvl.fmt == "bullet":
        return lvl.text
    text = lvl.text
    for k in range(level + 1, 0, -1):  # %10 is not a thing: at most nine levels
        text = text.replace(f"%{k}", _format(max(counts[k - 1], 1), scheme.levels[k - 1].fmt))
    return text


class Written(NamedTuple):
    """The Word XML a writer made of a run of copies, and what it depends on beyond the writer's settings."""

    run: list[Block]  # the run as it was written (later passes change copies)
    before: tuple[tuple[tuple[str, str], ...], int]  # the links (url, id) and the number of footnotes before it
    links: tuple[tuple[str, str], ...]  # the links it added
    notes: tuple[str, ...]  # the footnotes it added
    xml: str


@dataclass(eq=False)
class Copies:
    """Blocks kept to be copied into papers (``outline.shared``), and what writers wrote of a run of their
    copies, by the writer's settings."""

    blocks: list[Block]
    xml: dict[tuple[object, ...], Written] = field(default_factory=dict)


@dataclass
class Outline:
    """A document as parts (in the house style's order) of blocks, with the lists they number."""

    parts: dict[str, list[Block]] = field(default_factory=dict)
    furniture: dict[str, list[Piece]] = field(default_factory=dict)  # running 'header' and 'footer'
    schemes: dict[str, Scheme] = field(default_factory=dict)
    lists: list[ListInstance] = field(default_factory=list)
    #: (field, library key, why) of library text the paper chose that has nothing to say on its date
    left_out: list[tuple[str, str, str]] = field(default_factory=list)
    _counts: dict[int, list[int]] = field(default_factory=dict, repr=False)
    #: Runs of blocks copied from kept ones, by the first copy's id: (the copies, what they were copied from)
    _copied: dict[int, tuple[list[Block], Copies]] = field(default_factory=dict, repr=False)

    def new_list(self, scheme: str) -> int:
        """A list instance of ``scheme`` that starts again at 1."""
        list_id = len(self.lists) + 1
        self.lists.append(ListInstance(list_id, scheme))
        self._counts[list_id] = [0] * len(self.schemes[scheme].levels)
        return list_id

    def number(self, para: Para, list_id: int, level: int) -> Para:
        """Number ``para`` in list ``list_id`` at ``level``: count as Word does and set its label."""
        scheme = self.schemes[self.lists[list_id - 1].scheme]
        level = min(level, len(scheme.levels) - 1)
        counts = self._counts[list_id]
        counts[level] += 1
        if counts[level] > MAX_LETTERED and scheme.levels[level].fmt in ("lowerLetter", "upperLetter"):
            # Word labels item 27 'aa' and item 79 'aaaa': labels, and every preview, would grow with the list.
            where = next((p.field for p in para.pieces if p.field), "")
            raise InputError([Problem(where, f"a lettered list of more than {MAX_LETTERED} items (Word would label "
                                             f"item {MAX_LETTERED + 1} '{'a' * (MAX_LETTERED // 26 + 1)})'): split it, "
                                             "or make it a numbered list")])
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = 0
        para.num = (list_id, level)
        para.numbering = (scheme, tuple(counts[:level + 1]))
        return para

    def counts(self) -> dict[int, tuple[int, ...]]:
        """Each list's counts so far, by list id (what the next number() in it goes on from)."""
        return {list_id: tuple(counts) for list_id, counts in self._counts.items()}

    def resume(self, list_id: int, counts: tuple[int, ...]) -> None:
        """Go on counting list ``list_id`` from ``counts`` (blocks numbered elsewhere were put in)."""
        self._counts[list_id] = list(counts)

    def copied(self, copies: list[Block], source: Copies) -> None:
        """Note that ``copies`` were copied from ``source`` (a writer may reuse what it wrote of them)."""
        if copies:
            self._copied[id(copies[0])] = (copies, source)

    def copied_run(self, blocks: list[Block], start: int) -> tuple[int, Copies] | None:
        """(how many, what from) of the blocks from ``start`` that are a run of copies, all there and in order;
        None where ``blocks[start]`` starts no such run. (Later passes may have changed the copies.)"""
        found = self._copied.get(id(blocks[start]))
        if found is None:
            return None
        copies, source = found
        run = blocks[start:start + len(copies)]
        if len(run) != len(copies) or any(a is not b for a, b in zip(run, copies)):
            return None  # moved or cut since
        return len(copies), source

    def blocks(self) -> Iterator[tuple[str, Block]]:
        """(part, block) in reading order."""
        for part, blocks in self.parts.items():
            for block in blocks:
                yield part, block

    def paragraphs(self) -> Iterator[Para]:
        """Every paragraph in reading order, table cells row by row."""
        out: list[Para] = []
        for blocks in self.parts.values():
            _paragraph_list(blocks, out)
        return iter(out)

    def part_paragraphs(self, part: str) -> Iterator[Para]:
        """Every paragraph of one part ('summary'), in reading order."""
        yield from _paragraphs(self.parts.get(part, []))

    def pieces(self) -> Iterator[Piece]:
        """Every piece of text in reading order, then the running header and footer (what the check reads)."""
        out = [piece for para in self.paragraphs() for piece in para.pieces]
        for pieces in self.furniture.values():
            out += pieces
        for region in self.regions():
            out += region.mark
        return iter(out)

    def regions(self) -> Iterator[Region]:
        """Every region, in reading order."""
        def walk(blocks: list[Block]) -> Iterator[Region]:
            for block in blocks:
                if isinstance(block, Region):
                    yield block
                    yield from walk(block.blocks)
        for blocks in self.parts.values():
            yield from walk(blocks)

    def furniture_text(self) -> dict[str, str]:
        """The running header's and footer's words, for a template's {{ furniture.header }}.

        Plain text: inline markup is read (a title's ``**`` is not printed) and footnote references
        are left out, since a note belongs to the body it is referenced from; a header repeating it
        would give one note two references and a second, colliding set of ids.
        """
        return {name: "".join(plain_text(parse(p.text)) if p.markup else p.text for p in pieces)
                for name, pieces in self.furniture.items()}

    def labelled(self) -> list[tuple[str, str]]:
        """(label, text) of every numbered paragraph, in order: what a reader sees."""
        return [(p.label, p.text) for p in self.paragraphs() if p.label and p.role != "bullet"]

"""The layout check: a document laid out by LibreOffice, read page by page for what a clerk sends back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..checks.findings import Finding
from ..errors import InputError, Problem
from ..outline.keeps import SMALL_TABLE
from .pages import Element, Laid, Line, read_pages
from .pdf import PdfError, convert, finish_pdf

__all__ = ["LayoutFinding", "RULES", "check_layout", "check_layouts", "check_pdf"]

_HYPHENS = frozenset("-\u00ad\u2010\u2011\u2012\u2013\u2014")
_HEADINGS = frozenset({"H", "H1", "H2", "H3", "H4", "H5", "H6"})
_NOTES = frozenset({"Note", "FENote"})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TOUCH = 1.0  # points: glyphs closer than this, with no space between, touch
_CLEAR = 2.0  # points: the least room between a table's bottom border and the text below it
_QUOTE = 60  # characters of a line a finding quotes


@dataclass(frozen=True)
class LayoutFinding(Finding):
    """A fault on the laid-out page: which page (from 1) and the text where it is."""

    page: int = 0
    text: str = ""

    def __str__(self) -> str:
        return f"{self.severity:7} page {self.page}: {self.message}: {self.text!r} [{self.code}]"


def _found(code: str, page: int, message: str, text: str) -> LayoutFinding:
    text = " ".join(text.split())
    text = text if len(text) <= _QUOTE else text[:_QUOTE - 1] + "…"
    return LayoutFinding("error", f"page {page}", message, code, page, text)


def _body(laid: Laid) -> list[Line]:
    """The lines of the text, footnotes left out (they sit below the text by design)."""
    return [line for line in laid.lines if line.block is not None
            and not any(e.kind in _NOTES for e in laid.ancestors(line.block))]


def _rows(lines: Iterable[Line]) -> list[list[Line]]:
    """Lines grouped into rows across the page: those sharing most of their height, top to bottom."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.page, ln.top)):
        last = rows[-1] if rows else None
        if last and last[0].page == line.page and line.top < min(ln.bottom for ln in last) - 1.0:
            last.append(line)
        else:
            rows.append([line])
    return rows


def label_touches_value(laid: Laid) -> Iterable[LayoutFinding]:
    """Text that runs into the text beside it: a label into its value, one cell into the next, glyphs overlapping."""
    for row in _rows(laid.lines):
        glyphs = sorted(((g, id(line), line) for line in row for g in line.glyphs), key=lambda item: item[0].x0)
        for (left, left_line, line), (right, right_line, _) in zip(glyphs, glyphs[1:]):
            if left.text.isspace() or right.text.isspace():
                continue
            gap = right.x0 - left.x1
            apart = left_line != right_line
            switch = left.bold and not right.bold and right.text.isalnum()
            if gap < -_TOUCH or (gap < _TOUCH and (apart or switch)):
                yield _found("label_touches_value", line.page, "text runs into the text beside it",
                             "".join(g.text for g, _, _ in glyphs))
                break


def value_misaligned(laid: Laid) -> Iterable[LayoutFinding]:
    """A label and value on one line whose value's later lines do not stand under its first: a label too
    long for its column pushes the value to the next tab stop, and the wrapped lines go back to the column."""
    by_block: dict[tuple[int, int], list[Line]] = {}
    for line in _body(laid):
        if line.block is not None and laid.nearest(line.block, "TD", "TH") is None:
            by_block.setdefault(line.block.key, []).append(line)
    for lines in by_block.values():
        first = lines[0]
        if len(lines) < 2 or not first.glyphs[0].bold:
            continue
        gap = next((right for left, right in zip(first.glyphs, first.glyphs[1:])
                    if not left.text.isspace() and right.x0 - left.x1 > right.size / 2), None)
        if gap is None or gap.bold:
            continue  # no label and tab before a value
        under = lines[1].x0
        if under > first.x0 + _TOUCH and abs(gap.x0 - under) > 2 * _TOUCH:  # a hanging value, not lined up
            yield _found("value_misaligned", first.page, "a value's first line does not stand over its others",
                         first.text)


def word_split(laid: Laid) -> Iterable[LayoutFinding]:
    """A word (an address, a link) broken over two lines with no hyphen: the line is full and ends inside it."""
    right_edges = _right_edges(laid)
    by_block: dict[tuple[int, int], list[Line]] = {}
    for line in _body(laid):
        assert line.block is not None
        by_block.setdefault(line.block.key, []).append(line)
    for lines in by_block.values():
        for before, after in zip(lines, lines[1:]):
            last, first = before.glyphs[-1], after.glyphs[0]
            if before.ends_open or last.text in _HYPHENS or first.text.isspace():
                continue
            if not (last.text.isalnum() or last.text in "/.@_:~#?=&%") or not first.text.isalnum():
                continue
            # A line broken by the author (a line break) ends short; one broken inside a word is full.
            if before.x1 < right_edges(before) - 2 * last.size:
                continue
            head = before.text.rsplit(" ", 1)[-1]
            tail = after.text.split(" ", 1)[0]
            yield _found("word_split", before.page, "a word is split over two lines without a hyphen",
                         f"{head[-28:]} / {tail[:28]}")


def _right_edges(laid: Laid) -> Callable[[Line], float]:
    """Where a line's room ends: the next cell's text in its row, else the furthest any text reaches on the page."""
    page_right: dict[int, float] = {}
    for line in laid.lines:
        page_right[line.page] = max(page_right.get(line.page, 0.0), line.x1)
    cells = _cells(laid)

    def edge(line: Line) -> float:
        cell = laid.nearest(line.block, "TD", "TH")
        row = laid.nearest(cell, "TR")
        if cell is None or row is None:
            return page_right[line.page]
        later = [other for neighbour in laid.children(row) if neighbour.index > cell.index
                 for other in cells.get(neighbour.key, []) if other.page == line.page]
        return min((other.x0 for other in later), default=page_right[line.page])
    return edge


def stranded(laid: Laid) -> Iterable[LayoutFinding]:
    """A heading, or a lead-in ending ':', as the last line of a page, parted from what it introduces."""
    body = _body(laid)
    last_page = max((line.page for line in body), default=0)
    following = {id(a): b for a, b in zip(body, body[1:])}
    for page in range(1, last_page):
        rows = _rows(line for line in body if line.page == page)
        if not rows or len({line.block.key for line in rows[-1] if line.block}) != 1:
            continue  # nothing on the page, or a row of table cells: what they hold is beside them
        line = rows[-1][-1]
        block = line.block
        nxt = following.get(id(line))
        if nxt is not None and nxt.block == block:
            continue  # the paragraph goes on over the page: not its end
        if block is not None and block.kind in _HEADINGS:
            yield _found("stranded_heading", page, "a heading is the last line of the page", line.text)
        elif line.text.rstrip().endswith(":"):
            yield _found("stranded_lead_in", page, "a lead-in ending ':' is the last line of the page", line.text)


def _table_rows(laid: Laid, table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in laid.children(table):
        rows.extend(laid.children(child) if child.kind in ("THead", "TBody", "TFoot") else [child])
    return [row for row in rows if row.kind == "TR"]


def _cells(laid: Laid) -> dict[tuple[int, int], list[Line]]:
    cells: dict[tuple[int, int], list[Line]] = {}
    for line in laid.lines:
        cell = laid.nearest(line.block, "TD", "TH")
        if cell is not None:
            cells.setdefault(cell.key, []).append(line)
    return cells


def _cell_text(lines: list[Line]) -> str:
    return "".join(line.text + ("" if line.ends_open else " ") for line in lines).strip()


def tables(laid: Laid) -> Iterable[LayoutFinding]:
    """A small table broken over pages, a column with no text, the same person on two rows."""
    cells = _cells(laid)
    for table in (e for e in laid.elements.values() if e.kind == "Table"):
        rows = _table_rows(laid, table)
        grid = [[(cell, _cell_text(cells.get(cell.key, []))) for cell in laid.children(row)
                 if cell.kind in ("TD", "TH")] for row in rows]
        lines = [line for cell_row in grid for cell, _ in cell_row for line in cells.get(cell.key, [])]
        if not lines:
            continue
        first = lines[0]
        pages = sorted({line.page for line in lines})
        if len(pages) > 1 and len(rows) <= SMALL_TABLE:
            yield _found("table_split", pages[0], f"a table of {len(rows)} rows is broken over pages "
                         f"{pages[0]} and {pages[1]}", first.text)
        header = 1 if grid and all(cell.kind == "TH" for cell, _ in grid[0]) else 0
        body = grid[header:]
        columns = max((len(row) for row in grid), default=0)
        if body and columns > 1:
            for column in range(columns):
                if all(len(row) > column and not row[column][1] for row in body):
                    name = grid[0][column][1] if header and column < len(grid[0]) else f"column {column + 1}"
                    yield _found("empty_column", first.page, "a table column has no text", name)
        yield from _same_person(body, first.page)
        yield from _against_border(laid, table, lines)


def _against_border(laid: Laid, table: Element, lines: list[Line]) -> Iterable[LayoutFinding]:
    """Text set hard against the bottom border of a table (on each page the table reaches)."""
    for page in sorted({line.page for line in lines}):
        on = [line for line in lines if line.page == page]
        bottom, left, right = max(ln.bottom for ln in on), min(ln.x0 for ln in on), max(ln.x1 for ln in on)
        border = min((y for x0, x1, y in laid.rules.get(page, []) if bottom - 1 <= y <= bottom + 30
                      and x0 <= left and x1 >= right), default=None)
        if border is None:
            continue  # no border drawn: nothing to sit against
        below = [ln for ln in laid.lines if ln.page == page and ln.block is not None and ln.top > bottom - 1
                 and laid.nearest(ln.block, "Table") != table and ln.x0 < right and ln.x1 > left]
        nearest = min(below, key=lambda ln: ln.top, default=None)
        if nearest is not None and nearest.top < border + _CLEAR:
            yield _found("text_against_table", page, "text is set against the table's bottom border", nearest.text)


def _same_person(body: Sequence[Sequence[tuple[Element, str]]], page: int) -> Iterable[LayoutFinding]:
    """Two rows sharing an e-mail address or, in a table of contacts, a cell after the first (the role's,
    which two people may share): the name, the job title, the details."""
    texts = [" ".join(text for _, text in row) for row in body]
    contacts = any(_EMAIL.search(text) for text in texts)
    seen: dict[tuple[int, str], int] = {}
    for number, row in enumerate(body):
        keys = [(-1, address) for address in _EMAIL.findall(texts[number])]
        if contacts:
            keys += [(column, " ".join(text.split())) for column, (_, text) in enumerate(row) if column and text]
        for column, key in keys:
            if seen.setdefault((column, key.casefold()), number) != number:
                yield _found("repeated_person", page, "the same person is on two rows of a table", key)
                return


def running_wraps(laid: Laid) -> Iterable[LayoutFinding]:
    """A running header or footer that needs more than one line for a line of its text."""
    body = _body(laid)
    for page in sorted({line.page for line in laid.lines}):
        text_lines = [line for line in body if line.page == page]
        top = min((line.top for line in text_lines), default=laid.page_sizes[page - 1][1] / 2)
        artifacts = sorted((line for line in laid.lines if line.page == page and line.block is None),
                           key=lambda line: line.top)
        for where, region in (("header", [a for a in artifacts if a.bottom <= top]),
                              ("footer", [a for a in artifacts if a.bottom > top])):
            for line, below in zip(region, region[1:]):
                # A line ending in a drawn space was broken there; a tab pushed past the edge leaves a short line.
                if line.ends_open and below.top - line.bottom < 1.5 * line.glyphs[-1].size:
                    yield _found(f"{where}_wraps", page, f"the running {where} wraps onto a second line",
                                 line.text + below.text)
                    break


#: The rules, in the order their findings are listed.
RULES: tuple[Callable[[Laid], Iterable[LayoutFinding]], ...] = (
    label_touches_value, value_misaligned, word_split, stranded, tables, running_wraps)


def check_pdf(pdf: bytes) -> list[LayoutFinding]:
    """The layout check of a laid-out (tagged) PDF's bytes."""
    laid = read_pages(pdf)
    return [finding for rule in RULES for finding in rule(laid)]


def check_layout(path: str | Path, timeout: float | None = None) -> list[LayoutFinding]:
    """The layout check of one .docx (laid out by LibreOffice) or tagged PDF; see :func:`check_layouts`."""
    result = check_layouts([path], timeout)[str(path)]
    if isinstance(result, Exception):
        raise result
    return result


def check_layouts(paths: Sequence[str | Path], timeout: float | None = None
                  ) -> dict[str, list[LayoutFinding] | InputError | PdfError]:
    """Each file's layout findings (or why it could not be checked): .docx files through one LibreOffice."""
    results: dict[str, list[LayoutFinding] | InputError | PdfError] = {}
    docx: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.suffix.lower() not in (".docx", ".pdf"):
            results[str(name)] = InputError([Problem("(file)", "the layout check reads a .docx or a .pdf", str(name))])
        elif not path.is_file():
            results[str(name)] = InputError([Problem("(file)", "no such file", str(name))])
        elif path.suffix.lower() == ".pdf":
            results[str(name)] = _checked(path.read_bytes(), str(name))
        else:
            docx.append(path)
    if docx:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ldd-layout-") as folder:
            copies = {}  # LibreOffice writes its PDF beside the .docx: a copy, never beside the user's file
            for number, path in enumerate(docx):
                copies[Path(folder) / f"{number}.docx"] = path
                (Path(folder) / f"{number}.docx").write_bytes(path.read_bytes())
            for copy, laid_out in convert(list(copies), timeout).items():
                name = str(copies[copy])
                if isinstance(laid_out, PdfError):
                    results[name] = PdfError(laid_out.message, name)
                else:
                    results[name] = _checked(finish_pdf(laid_out.read_bytes()), name)
    return {str(name): results[str(name)] for name in paths}


def _checked(pdf: bytes, name: str) -> list[LayoutFinding] | PdfError:
    try:
        return check_pdf(pdf)
    except PdfError as e:
        return PdfError(e.message, name)

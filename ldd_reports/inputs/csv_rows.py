"""A batch's CSV: rows whose header names dotted field paths, each applied over a base input."""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, Problem, close_matches
from . import files

__all__ = ["MAX_CSV_BYTES", "Row", "RowFailure", "RowStream", "apply_row", "check_rows", "read_rows",
           "set_columns"]

MAX_CSV_BYTES = 50 * 1024 * 1024  # some 100,000 rows of councils: far beyond any real batch
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_INDEX = re.compile(r"\[\d+\]")
_PATH = re.compile(r"[^.\[\]\s]+(\[\d+\])*(\.[^.\[\]\s]+(\[\d+\])*)*")

Row = tuple[int, dict[str, str]]  # (CSV line, cells by column)


@dataclass(frozen=True)
class RowFailure:
    """A row that was not written: its CSV line and what was wrong (field and message)."""

    row: int
    problems: list[Problem]

    def __str__(self) -> str:
        return f"row {self.row}: " + "; ".join(
            (f"{p.file}{f', line {p.line}' if p.line else ''}: " if p.file else "") + f"{p.field or '(row)'}: {p.message}"
            for p in self.problems)


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), or an error that says what the file probably is and what to do."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            guess = "UTF-16 (Excel's 'Unicode Text')"
        else:
            try:
                raw.decode("cp1252")
                guess = "Windows-1252 (Excel's plain 'CSV' on Windows)"
            except UnicodeDecodeError:
                guess = "an 8-bit encoding"
        raise InputError([Problem("", f"not UTF-8 (byte {e.start + 1}); it looks like {guess}: save it as "
                                      "'CSV UTF-8 (Comma delimited)'", name, line)], name) from e


def _check_header(header: list[str], unnamed_values: set[int], name: str) -> None:
    """Every column problem at once, before any row: each would otherwise fail every row.

    A column with no name is allowed while it is empty (spreadsheets save trailing commas).
    """
    problems = []
    seen: set[str] = set()
    for number, column in enumerate(header, 1):
        if not column.strip():
            if number - 1 in unnamed_values:
                problems.append(Problem("", f"column {number} has no name but holds values", name, 1))
        elif not _PATH.fullmatch(column):
            problems.append(Problem(column, "not a field path (e.g. organisation.name, sections[0].title)", name, 1))
        elif (unknown := _unknown_field(column)) is not None:
            problems.append(Problem(column, unknown, name, 1))
        elif column in seen:
            problems.append(Problem(column, "the column appears twice", name, 1))
        seen.add(column)
    if problems:
        raise InputError(problems, name)


def _unknown_field(column: str) -> str | None:
    """Why ``column`` names no field of the input (with the closest that does), or None when it names one."""
    from .schema import field_paths

    known = field_paths()
    general = _INDEX.sub("[]", column)
    parts = general.split(".")
    if general in known or any(".".join(parts[:k]) + ".*" in known for k in range(1, len(parts))):
        return None
    close = close_matches(general, sorted(known), 1, 0.8)
    if not close:
        return "not a field of the input (see `ldd-reports schema --format markdown` for every field path)"
    indices = iter(_INDEX.findall(column))
    suggestion = re.sub(r"\[\]", lambda m: next(indices, "[0]"), close[0])  # the column's own item numbers
    return f"not a field of the input; did you mean {suggestion!r}?"


# A line with its end, split as a file opened with newline="" splits (at \r\n, \r or \n, nothing else): one
# small string at a time, where io.StringIO would copy the whole text, four bytes a character, for each pass.
_RECORD_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class RowStream:
    """A CSV's rows, read again each time it is iterated (never all held at once): Row or RowFailure.

    The file is read and its header checked once, when the stream is made; ``total`` counts its rows
    (ragged ones too). A batch of 100,000 rows holds its text, not 100,000 dictionaries.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.name = str(path)
        self.text = _decode(files.read_bytes(path, MAX_CSV_BYTES, "a batch's CSV"), self.name)
        header: list[str] | None = None
        self.total = 0
        unnamed_values: set[int] = set()  # columns with no name that hold a value somewhere
        for _, cells in self._lines():
            if header is None:
                header = cells
                if not cells or not any(c.strip() for c in cells):
                    raise InputError([Problem("", "the CSV has no header row", self.name, 1)], self.name)
                continue
            self.total += 1
            unnamed_values.update(i for i, cell in enumerate(cells)
                                  if i < len(header) and not header[i].strip() and cell.strip())
        if header is None:
            raise InputError([Problem("", "the CSV has no header row", self.name, 1)], self.name)
        self.header = header
        _check_header(header, unnamed_values, self.name)
        self.named = [(i, column) for i, column in enumerate(header) if column.strip()]

    def _lines(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) of the header (the first record, even blank) and each non-blank record after it."""
        reader = csv.reader(m.group() for m in _RECORD_LINE.finditer(self.text))
        start = 1
        try:
            for cells in reader:
                if cells or start == 1:  # a blank line is skipped
                    yield start, cells
                start = reader.line_num + 1
        except csv.Error as e:
            raise InputError([Problem("", f"not a readable CSV: {e}", self.name, reader.line_num)], self.name) from e

    def __iter__(self) -> Iterator[Row | RowFailure]:
        lines = self._lines()
        next(lines)  # the header
        width = len(self.header)
        for line, cells in lines:
            if len(cells) != width:
                yield RowFailure(line, [Problem("", f"{len(cells)} cell(s); the header has {width} columns")])
            else:
                yield line, {column: cells[i] for i, column in self.named}


def read_rows(path: str | os.PathLike[str]) -> tuple[list[Row], list[RowFailure]]:
    """The CSV's rows, and its ragged rows (a cell too many or too few) as failures of their own.

    The header is checked once: a column that is not a field path, or appears twice, is an
    InputError naming every such column. A file that is not UTF-8 is refused with a guess at
    what it is. (:class:`RowStream` reads the same rows one at a time.)
    """
    rows: list[Row] = []
    failures: list[RowFailure] = []
    for item in RowStream(path):
        (failures if isinstance(item, RowFailure) else rows).append(item)  # type: ignore[arg-type]
    return rows, failures


def check_rows(rows: Iterable[Any]) -> tuple[list[Row], list[RowFailure]]:
    """Rows given in Python (not read from a CSV): each a (line, mapping of column to text) pair.

    A row that is not one, or has a cell that is not text (a number, a NaN from a data frame), is that
    row's failure, naming the column; the other rows go on.
    """
    good: list[Row] = []
    bad: list[RowFailure] = []
    for position, item in enumerate(rows, 1):
        if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Mapping)):
            bad.append(RowFailure(position, [Problem("", "a row is a (line number, {column: text}) pair, not "
                                                         f"{type(item).__name__}")]))
            continue
        line, cells = item
        line = line if isinstance(line, int) else position
        problems = [Problem(str(column), f"the cell is {type(value).__name__} {value!r}, not text: pass every cell "
                                         "as a string (an empty string keeps the base's value)")
                    for column, value in cells.items()
                    if not isinstance(column, str) or not (value is None or isinstance(value, str))]
        if problems:
            bad.append(RowFailure(line, problems))
        else:
            good.append((line, dict(cells)))
    return good, bad


def set_columns(row: Mapping[str, str | None]) -> list[str]:
    """The columns whose cells set a value (an empty cell keeps the base's)."""
    return [column for column, value in row.items() if value is not None and value != ""]


def apply_row(base: Mapping[str, Any], row: Mapping[str, str]) -> dict[str, Any]:
    """The base input with each non-empty cell (``set_columns``) set at its column's dotted path (a.b[0].c).

    Only the containers along each path are copied; the rest is shared with ``base``, which is
    never modified (a deep copy per row would cost more than rendering the paper).
    """
    data = dict(base)
    for column in set_columns(row):
        value = row[column]
        parts: list[str | int] = [int(i) if i else k for k, i in _PART.findall(column)]
        if not parts:
            raise ValueError(f"column {column!r} is not a field path")
        parent: Any = data
        for here, nxt in zip(parts, parts[1:]):
            child = _child(parent, here, column)
            if child is None:
                child = [] if isinstance(nxt, int) else {}
            elif isinstance(child, (dict, list)):
                child = type(child)(child)  # copy on write: base is shared, never changed
            else:
                raise ValueError(f"column {column!r}: {here!r} holds a value, not fields")
            parent[here] = child
            parent = child
        _child(parent, parts[-1], column, setting=True)
        parent[parts[-1]] = value.strip()
    return data


def _child(parent: Any, key: str | int, column: str, setting: bool = False) -> Any:
    if isinstance(key, int):
        if not isinstance(parent, list) or key >= len(parent):
            raise ValueError(f"column {column!r}: the base has no item {key} there")
        return parent[key]
    if not isinstance(parent, dict):
        raise ValueError(f"column {column!r}: {key!r} is not inside a mapping")
    return None if setting else parent.get(key)

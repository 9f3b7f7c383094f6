"""Sections shared between papers: built once, then copied into each paper whose build would read the same."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..caches import is_unchanged
from .nodes import Block, Copies, Outline
from .outliner import SectionWriter

__all__ = ["SharedInfo", "clear", "info", "kept_blocks", "shared_section"]

#: Builds a section's blocks: ``build(w, sec, field, level, numbered, list_id, appendix, page_break)``.
Build = Callable[[SectionWriter, Any, str, int, bool, "int | None", bool, bool], list[Block]]

# A section's blocks depend on the section, the arguments it is built with, the house style and the writer's
# settings (the key below; the section and style compared by value, and an entry holds a copy of its section,
# so one changed in place after a render is another), the library fields its words name, and the counts of the
# lists it numbers in: the last two are found by building it once with both watched. A build that reads the
# document itself is never shared. A section is kept the second time it comes with the same reads (a row's own
# text, such as a paragraph naming its council, comes once and leaves only a hash), at most _PER_KEY a key.
_PER_KEY = 4
_MOST = 1024  # entries held in all; a full memo starts again, so it follows what repeats now


class _Reads(Mapping[str, str]):
    """The library's fields, noting each value read: the section's words depend on those alone."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = fields
        self.read: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        value = self.fields[name]
        self.read[name] = value
        return value

    def __iter__(self) -> Iterator[str]:  # the names only, the same in every paper
        return iter(self.fields)

    def __len__(self) -> int:
        return len(self.fields)


class _Watched:
    """The document, noting whether the build reads it directly (a section that does is never shared).

    It passes isinstance and forwards every attribute; ``==``, ``type()`` and ``is`` on it would not see the
    document (no section's build uses them on ``w.doc``: keep it so)."""

    def __init__(self, document: Any) -> None:
        object.__setattr__(self, "_document", document)
        object.__setattr__(self, "_read_directly", False)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance still sees a Report
        return type(self._document)

    def __getattr__(self, name: str) -> Any:
        object.__setattr__(self, "_read_directly", True)
        return getattr(self._document, name)


@dataclass
class _Entry:
    section: Any
    names: tuple[str, ...]  # the library fields its build read
    values: tuple[str, ...] | None  # their values (None: seen once, only their hash kept)
    digest: int
    counts: tuple[tuple[int, tuple[int, ...]], ...]  # the lists it numbers in that were there, and their counts
    shared: bool  # False: its build reads the document itself
    copies: Copies | None = None  # the kept blocks, copied into each paper (and the XML written of them)
    lists: tuple[str, ...] = ()  # the schemes of the lists it starts
    after: tuple[tuple[int, tuple[int, ...]], ...] = ()  # each list's counts once it is built
    left_out: tuple[tuple[str, str, str], ...] = ()
    seen: Any = None  # a section held unchanged (a batch's base's) found equal to its section: not compared again

    def holds(self, sec: Any) -> bool:
        """Whether ``sec`` equals its section (by value: never the paper's own object, which its owner may change)."""
        if self.seen is sec and is_unchanged(sec):
            return True
        if self.section != sec:
            return False
        if is_unchanged(sec):
            self.seen = sec
        return True

    def matches(self, w: SectionWriter, outline: Outline) -> bool:
        now = tuple(w.fields[name] for name in self.names)
        if (now != self.values) if self.values is not None else hash(now) != self.digest:
            return False
        counts = outline.counts()
        return all(counts.get(list_id) == before for list_id, before in self.counts)

    def replay(self, outline: Outline) -> list[Block]:
        assert self.copies is not None
        for scheme in self.lists:
            outline.new_list(scheme)
        for list_id, counts in self.after:
            outline.resume(list_id, counts)
        outline.left_out.extend(self.left_out)
        blocks = [block.copy() for block in self.copies.blocks]
        outline.copied(blocks, self.copies)
        return blocks


_KEPT: dict[tuple[Any, ...], list[_Entry]] = {}
_COUNTS = [0, 0, 0]  # sections copied from kept blocks, sections built, entries held
_LOCK = threading.Lock()  # papers rendered in threads share the memo (a build itself runs outside the lock)
_LOCAL = threading.local()  # a section built inside one being watched is built as it is (its reads are the outer's)


@dataclass(frozen=True)
class SharedInfo:
    hits: int  # sections copied from kept blocks
    builds: int  # sections built
    kept: int  # sections held
    seen: int  # sections met once (a hash of what they read)
    unshared: int  # sections whose build reads the document itself


def info() -> SharedInfo:
    entries = [entry for group in _KEPT.values() for entry in group]
    return SharedInfo(_COUNTS[0], _COUNTS[1], sum(e.copies is not None for e in entries),
                      sum(e.copies is None and e.shared for e in entries), sum(not e.shared for e in entries))


def clear() -> None:
    _KEPT.clear()
    _COUNTS[:] = [0, 0, 0]


def kept_blocks() -> Iterator[Block]:
    """Every block held (what the memo keeps, for the tests that it keeps no row's own words)."""
    for group in _KEPT.values():
        for entry in group:
            yield from entry.copies.blocks if entry.copies is not None else ()


def shared_section(build: Build, w: SectionWriter, sec: Any, field: str, level: int, numbered: bool,
                   list_id: int | None, appendix: bool = False, page_break: bool = False) -> list[Block]:
    """``build(w, sec, ...)``'s blocks, copied from a paper whose build of an equal section read the same."""
    args = (sec, field, level, numbered, list_id, appendix, page_break)
    if getattr(_LOCAL, "watching", False):
        return build(w, *args)
    outline = w.o
    key = (type(sec), field, level, numbered, list_id, appendix, page_break, w.style_key, w.markup, w.date_format,
           w.circ, w.public, w.bullets, w.sub_bullets, tuple(outline.lists), tuple(w.fields))
    with _LOCK:
        action, entry = _look_up(key, sec, w, outline)
    if action == "build":  # its build reads the document: never shared
        return build(w, *args)
    if action == "copy" and entry is not None:
        return entry.replay(outline)
    return _watched(build, w, args, key, keep=action == "keep")


def _look_up(key: tuple[Any, ...], sec: Any, w: SectionWriter, outline: Outline) -> tuple[str, _Entry | None]:
    """What to do: 'copy' a kept entry; 'build' (its build reads the document); 'keep' (seen once with the
    same reads: build it watched, and keep it); 'watch' (new: build it watched, and note what it read)."""
    group = _KEPT.get(key, [])
    for entry in group:
        if not entry.holds(sec):
            continue
        if not entry.shared:
            return "build", entry
        if entry.matches(w, outline):
            if entry.copies is not None:
                _COUNTS[0] += 1
                return "copy", entry
            group.remove(entry)
            _COUNTS[2] -= 1
            return "keep", None
    return "watch", None


def _watched(build: Build, w: SectionWriter, args: tuple[Any, ...], key: tuple[Any, ...], keep: bool
             ) -> list[Block]:
    """Build the section with its reads watched, and note (or keep) what it read and made."""
    outline = w.o
    before, lists, left = outline.counts(), len(outline.lists), len(outline.left_out)
    fields, document = w.fields, w.doc
    reads, watched = _Reads(fields), _Watched(document)
    w.fields, w.doc = reads, watched  # type: ignore[assignment]
    _LOCAL.watching = True
    try:
        blocks = build(w, *args)
    finally:
        w.fields, w.doc = fields, document
        _LOCAL.watching = False
    _COUNTS[1] += 1
    after = outline.counts()
    # A list's counts only grow (each number() raises one), so the lists it numbered in are those that changed.
    changed = [list_id for list_id, counts in after.items() if before.get(list_id) != counts]
    names, values = tuple(reads.read), tuple(reads.read.values())
    entry = _Entry(args[0].model_copy(deep=True), names, values if keep else None, hash(values),
                   tuple((list_id, before[list_id]) for list_id in changed if list_id in before),
                   not watched._read_directly)
    if keep and entry.shared:
        entry.copies = Copies([block.copy() for block in blocks])  # this paper's own are changed by later passes
        entry.lists = tuple(instance.scheme for instance in outline.lists[lists:])
        entry.after = tuple((list_id, after[list_id]) for list_id in changed)
        entry.left_out = tuple(outline.left_out[left:])
    with _LOCK:
        _hold(key, entry)
    return blocks


def _hold(key: tuple[Any, ...], entry: _Entry) -> None:
    if _COUNTS[2] >= _MOST:
        _KEPT.clear()
        _COUNTS[2] = 0
    group = _KEPT.setdefault(key, [])
    if len(group) >= _PER_KEY:
        group.pop(0)
        _COUNTS[2] -= 1
    group.append(entry)
    _COUNTS[2] += 1

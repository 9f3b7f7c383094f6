"""Facts as at a paper's date: each content-library entry's variant for the date, kind of body and nation.

An entry either is one text (true whatever the date) or has ``variants``, each true ``from`` a
date until the next one starts. A variant's text may be null: nothing to say on that date (the
Fund had not opened, or has no round open). A variant's ``elsewhere`` text (or null) replaces it
for a body outside England, since the Local Digital programme is England's. A variant's
``outdates`` are patterns of what officers write that stops being true on its date (the check
reports them, naming the newer fact).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import library as lib

__all__ = ["Circumstances", "Fact", "NATION_NAMES", "catalogue_items", "outdated_claims", "paragraph",
           "reference_date"]

NATION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}


def reference_date(doc: Any) -> dt.date:
    """The date a document's facts are as at: its meeting (or signing), else its report date, else today."""
    when: dt.date = doc.date if getattr(doc, "document", "report") == "commitment" else (
        doc.meeting.date or doc.report_date or dt.date.today())
    return when


@dataclass(frozen=True)
class Circumstances:
    """What a fact depends on: the date it is as at, whether the body is a local authority, its nation."""

    on: dt.date
    local_authority: bool = True
    nation: str = "england"

    @classmethod
    def of(cls, doc: Any) -> Circumstances:
        org = doc.organisation
        return cls(reference_date(doc), org.kind.is_local_authority, org.nation.value)


@dataclass(frozen=True)
class Fact:
    """One entry's value on a date: its text (or mapping, for risks and first actions), or None with why."""

    key: str
    value: Any  # str, a mapping, or None: nothing to say on that date / in that nation
    since: dt.date | None  # when this variant became true (None: always): tells two variants apart
    why: str = ""  # why there is nothing to say

    @property
    def text(self) -> str | None:
        return self.value if isinstance(self.value, str) or self.value is None else self.value.get("text")


def _variants(entry: dict[str, Any]) -> list[dict[str, Any]]:
    if "variants" not in entry:
        return [entry]
    variants: list[dict[str, Any]] = entry["variants"]
    return variants


def _resolve(key: str, entry: dict[str, Any], circ: Circumstances, on: dt.date | None = None) -> Fact:
    on = on or circ.on
    current: dict[str, Any] | None = None
    for variant in _variants(entry):
        start = variant.get("from")
        if start is None or start <= on:
            current = variant
    if current is None:
        first = _variants(entry)[0]["from"]
        return Fact(key, None, None, f"not true until {first.isoformat()}")
    since = current.get("from")
    if circ.nation != "england" and ("elsewhere" in current or "elsewhere" in entry):
        value = current["elsewhere"] if "elsewhere" in current else entry["elsewhere"]
        why = f"the Local Digital programme is for councils in England, not {NATION_NAMES[circ.nation]}"
        return Fact(key, value, since, "" if value is not None else why)
    if "by_kind" in current:
        value = current["by_kind"]["local_authority" if circ.local_authority else "not_local_authority"]
    elif "text" in current:
        value = current["text"]
    else:  # a mapping entry (risk, first action): its fields, without the bookkeeping
        value = {k: v for k, v in current.items() if k not in ("from", "as_at", "source", "outdates", "why")}
    return Fact(key, value, since, current.get("why", "") if value is None else "")


def paragraph(key: str, circ: Circumstances, on: dt.date | None = None) -> Fact:
    """A standard paragraph as at ``on`` (a pinned date) or the paper's date."""
    return _resolve(f"paragraph:{key}", lib.paragraph(key), circ, on)


def catalogue_items(name: str, standard: str | list[str] | None, circ: Circumstances) -> list[tuple[str, Fact]]:
    """(key, fact) of the items a section's ``standard`` picks: 'all' is every item with something to
    say on the date; a list names its items, which may have nothing to say (the caller reports it)."""
    keys = lib.keys_of(standard, name)
    facts = [(key, _resolve(f"{name}:{key}", lib.entry(name, key), circ)) for key in keys]
    if standard == "all":
        return [(key, fact) for key, fact in facts if fact.value is not None]
    return facts


def outdated_claims(circ: Circumstances) -> Iterator[tuple[re.Pattern[str], Fact]]:
    """(pattern, the newer fact) of every claim an officer might write that is no longer true on the date."""
    for kind, key, entry in _dated_entries():
        fact = None
        for variant in _variants(entry):
            start = variant.get("from")
            if start is not None and start <= circ.on and variant.get("outdates"):
                fact = fact or _resolve(f"{kind}:{key}", entry, circ)
                for pattern in variant["outdates"]:
                    yield _compiled(pattern), fact


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _dated_entries() -> tuple[tuple[str, str, dict[str, Any]], ...]:
    out = [("paragraph", key, entry) for key, entry in lib.all_paragraphs().items() if "variants" in entry]
    for name, items in lib.all_catalogues().items():
        out += [(name, key, entry) for key, entry in items.items() if "variants" in entry]
    return tuple(out)

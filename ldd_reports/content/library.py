"""The content library: the Declaration's text and standard paragraphs and catalogues, from data files."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any, cast

from .data import read
from .messages import parse

__all__ = [
    "acronyms", "all_catalogues", "all_paragraphs", "catalogue", "decision_route", "declaration", "department",
    "departments", "entry", "exempt_information", "fill", "keys_of", "new_report_skeleton", "paragraph",
    "route_guesses", "timetable_rules"
]


def exempt_information() -> dict[str, Any]:
    """Schedule 12A's paragraphs by nation, in the law's words, with sources (content/exempt_information.yaml)."""
    return _data("exempt_information")


def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read(name)
    return data


def declaration() -> dict[str, Any]:
    """The Declaration (July 2018), structured as in content/declaration.yaml."""
    return _data("declaration")


@functools.lru_cache(maxsize=None)  # looked up for every standard item of every paper
def catalogue(name: str) -> dict[str, Any]:
    """Standard items of a catalogue by key ('principles' comes from the Declaration itself)."""
    if name == "principles":
        return {key: {"text": text} for key, text in declaration()["principles"].items()}
    items = _data("catalogues").get(name)
    if items is None:
        raise KeyError(f"no standard catalogue {name!r}")
    return cast("dict[str, Any]", items)


def entry(name: str, key: str) -> dict[str, Any]:
    """One catalogue entry with its source and as_at date (KeyError names the known keys)."""
    items = catalogue(name)
    if key not in items:
        raise KeyError(f"unknown standard {name} item {key!r}; known: {', '.join(items)}")
    return cast("dict[str, Any]", items[key])


def keys_of(standard: str | list[str] | None, name: str) -> list[str]:
    """The keys a `standard` field picks: 'all', a list, or None for none."""
    if standard is None:
        return []
    return list(catalogue(name)) if standard == "all" else list(standard)


def paragraph(key: str) -> dict[str, Any]:
    """A standard paragraph entry by key, e.g. 'background.launch' (text or variants, source; see ``facts``)."""
    paragraphs = _data("paragraphs")
    if key not in paragraphs:
        raise KeyError(f"unknown standard paragraph {key!r}; known: {', '.join(paragraphs)}")
    return cast("dict[str, Any]", paragraphs[key])


def departments() -> list[dict[str, Any]]:
    """The department's names in date order (from, name, short)."""
    return cast("list[dict[str, Any]]", _data("departments")["departments"])


def all_paragraphs() -> dict[str, Any]:
    """Every standard paragraph entry by key (content/paragraphs.yaml)."""
    return _data("paragraphs")


def all_catalogues() -> dict[str, Any]:
    """Every catalogue (benefits, risks ...) by name, entries by key (content/catalogues.yaml)."""
    return _data("catalogues")


def department(on: dt.date) -> dict[str, Any]:
    """The department responsible for local government on a date (name, short)."""
    current = departments()[0]
    for dept in departments():
        if dept["from"] <= on:
            current = dept
    return current


def decision_route(body_kind: str) -> dict[str, Any]:
    """A decision route's call-in, private-meeting notice and default house style (its wording: messages)."""
    return cast("dict[str, Any]", _data("decision_routes")["routes"][body_kind])


def route_guesses() -> tuple[list[tuple[str, str]], str]:
    """The words in a body's name that suggest a route, in the order to try them, and the route otherwise."""
    data = _data("decision_routes")
    return [(word, route) for word, route in data["guess"]], data["fallback"]


def acronyms() -> dict[str, Any]:
    """Known expansions and widely known acronyms, for the clerk's check."""
    return _data("acronyms")


def new_report_skeleton() -> dict[str, Any]:
    """The skeleton of a new paper (content/new_report.yaml)."""
    return _data("new_report")


def fill(text: str, fields: Mapping[str, str]) -> str:
    """Fill {department}, {organisation} ... in library text (the wording catalogue's syntax: fields only)."""
    return "".join(s if isinstance(s, str) else fields[s.name] for s in _segments(text, tuple(fields)))


@functools.lru_cache(maxsize=2048)  # the library's own texts, a few hundred, each filled in every paper
def _segments(text: str, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(parse(text, frozenset(names)))


def timetable_rules() -> dict[str, Any]:
    """The statutory timetable by nation, each rule with its source (content/timetable.yaml)."""
    return _data("timetable")

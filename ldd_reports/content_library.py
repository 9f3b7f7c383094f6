"""The content library: the Declaration's text and standard paragraphs and catalogues, from data files."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

__all__ = ["catalogue", "declaration", "implication_text", "pick", "standard_text"]


@functools.lru_cache(maxsize=None)
def _data(name: str) -> dict[str, Any]:
    text = resources.files("ldd_reports.content").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def declaration() -> dict[str, Any]:
    """The Declaration (July 2018), structured as in content/declaration.yaml."""
    return _data("declaration")


def implication_text(kind: str) -> tuple[str, str]:
    """(default heading, 'no implications' sentence) for an implication kind."""
    data = _data("implications")
    entry = data["implications"][kind]
    return entry["title"], data["none_sentence"].format(name=entry["name"])


def catalogue(name: str) -> dict[str, Any]:
    """Standard items of a catalogue by key ('principles' comes from the Declaration itself)."""
    if name == "principles":
        return dict(declaration()["principles"])
    items = _data("catalogues").get(name)
    if items is None:
        raise KeyError(f"no standard catalogue {name!r}")
    return {key: entry for key, entry in items.items()}


def pick(name: str, standard: str | list[str] | None) -> list[Any]:
    """The standard items chosen by ``standard`` ('all', a list of keys, or None for none)."""
    if standard is None:
        return []
    items = catalogue(name)
    if standard == "all":
        return [_value(v) for v in items.values()]
    unknown = [k for k in standard if k not in items]
    if unknown:
        raise KeyError(f"unknown standard {name} item(s) {unknown}; known: {sorted(items)}")
    return [_value(items[k]) for k in standard]


def _value(entry: Any) -> Any:
    return entry["text"] if isinstance(entry, dict) and set(entry) <= {"text", "source", "as_at"} else entry


def standard_text(key: str) -> str:
    """A standard paragraph by key, e.g. 'background.launch'."""
    paragraphs = _data("paragraphs")
    if key not in paragraphs:
        raise KeyError(f"unknown standard paragraph {key!r}; known: {sorted(paragraphs)}")
    entry = paragraphs[key]
    return entry["text"] if isinstance(entry, dict) else entry

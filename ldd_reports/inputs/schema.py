"""The JSON Schema of the input (both documents), for editors and council automation; its field paths."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from pydantic import TypeAdapter

from ..models import Document

__all__ = ["compute_field_paths", "field_paths", "json_schema", "paths_file", "reference"]


def json_schema() -> dict[str, Any]:
    schema = TypeAdapter(Document).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldd-reports input: a decision paper (document: report) or commitment statement"
    return schema


_INTRO = ("Every field of an input file (YAML or JSON): a decision paper (`document: report`, the default) "
          "or a signed commitment statement (`document: commitment`). Field paths in error messages and "
          "CSV batch columns use these names (`organisation.name`, `sections[2].title`).")


def reference() -> str:
    """The Markdown reference of the input, as docs/input-reference.md holds it."""
    from .reference import schema_markdown

    return schema_markdown(json_schema(), _INTRO)


@functools.lru_cache(maxsize=1)
def field_paths() -> frozenset[str]:
    """Every dotted field path an input may have: list items as ``[]`` ('sections[].title'), open mappings as ``*``.

    The vocabulary a batch CSV's columns are checked against (and its "did you mean" drawn from). Read
    from inputs/field_paths.txt, which ``make docs`` writes from the models (a test keeps it current):
    working them out takes a batch's start a third of a second.
    """
    text = resources.files("ldd_reports.inputs").joinpath("field_paths.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def paths_file() -> str:
    """inputs/field_paths.txt as ``make docs`` writes it: the paths, sorted, one a line."""
    return ("# Every field path an input may have (`ldd-reports schema --format paths`; `make docs` writes this file)\n"
            + "".join(f"{path}\n" for path in sorted(compute_field_paths())))


def compute_field_paths() -> frozenset[str]:
    """:func:`field_paths`, worked out from the input's JSON Schema."""
    schema = json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    # A model's paths are found once for each set of models it sits inside (which decides where a model
    # that contains itself stops), then placed under every field that holds it: walking it anew at each
    # place costs millions of steps now that a value may be {cy: ..., en: ...}.
    done: dict[tuple[str, frozenset[str]], frozenset[str]] = {}

    def model(name: str, seen: frozenset[str]) -> frozenset[str]:
        if name in seen:  # a model that contains itself: its fields once, not forever
            return frozenset()
        if (name, seen) not in done:
            done[name, seen] = frozenset(walk(defs.get(name), seen | {name}))
        return done[name, seen]

    def walk(node: Any, seen: frozenset[str]) -> set[str]:
        """The paths below ``node``, each beginning '.' or '['."""
        found: set[str] = set()
        if not isinstance(node, dict):
            return found
        ref = node.get("$ref")
        if isinstance(ref, str):
            found |= model(ref.rsplit("/", 1)[-1], seen)
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                found |= walk(sub, seen)
        for name, sub in (node.get("properties") or {}).items():
            found.add("." + name)
            found.update(f".{name}{below}" for below in walk(sub, seen))
        for key, mark in (("items", "[]"), ("additionalProperties", ".*")):
            if isinstance(node.get(key), dict):
                found.add(mark)
                found.update(mark + below for below in walk(node[key], seen))
        return found

    return frozenset(path.removeprefix(".") for path in walk(schema, frozenset()))

"""The JSON Schema of the input (both documents), for editors and council automation; its field paths."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter

from ..models import Document

__all__ = ["field_paths", "json_schema", "reference"]


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

    The vocabulary a batch CSV's columns are checked against (and its "did you mean" drawn from).
    """
    schema = json_schema()
    defs: dict[str, Any] = schema.get("$defs", {})
    found: set[str] = set()

    def walk(node: Any, path: str, seen: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:  # a model that contains itself: its fields once, not forever
                walk(defs.get(name), path, (*seen, name))
        for key in ("anyOf", "oneOf", "allOf"):
            for sub in node.get(key, []):
                walk(sub, path, seen)
        for name, sub in (node.get("properties") or {}).items():
            here = f"{path}.{name}" if path else name
            found.add(here)
            walk(sub, here, seen)
        if isinstance(node.get("items"), dict):
            found.add(path + "[]")
            walk(node["items"], path + "[]", seen)
        if isinstance(node.get("additionalProperties"), dict):
            found.add(path + ".*")
            walk(node["additionalProperties"], path + ".*", seen)

    walk(schema, "", ())
    return frozenset(found)

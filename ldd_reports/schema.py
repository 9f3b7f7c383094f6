"""The JSON Schema of the input (both documents), for editors and council automation."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter

from .models import Document

__all__ = ["field_paths", "house_style_schema", "json_schema", "reference"]


def json_schema() -> dict[str, Any]:
    schema = TypeAdapter(Document).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldd-reports input: a decision paper (document: report) or commitment statement"
    return schema


def house_style_schema() -> dict[str, Any]:
    """The JSON Schema of a house style file."""
    from .house_style import HouseStyle

    schema = HouseStyle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldd-reports house style"
    return schema


_INTRO = {
    False: "Every field of an input file (YAML or JSON): a decision paper (`document: report`, the default) "
           "or a signed commitment statement (`document: commitment`). Field paths in error messages and "
           "CSV batch columns use these names (`organisation.name`, `sections[2].title`).",
    True: "Every field of a house style file (`--house-style ours.yaml`, or `house_style:` in an input): "
          "the structure of a council's papers and decision records.",
}


def reference(house_style: bool = False) -> str:
    """The Markdown reference of the input (or of a house style file), as docs/ holds it."""
    from .reference import schema_markdown

    return schema_markdown(house_style_schema() if house_style else json_schema(), _INTRO[house_style])


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

"""The JSON Schema of the input (both documents), for editors and council automation."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .models import Document

__all__ = ["house_style_schema", "json_schema"]


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

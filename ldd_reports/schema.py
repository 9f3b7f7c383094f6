"""The JSON Schema of the input (both documents), for editors and council automation."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .models import Document

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    schema = TypeAdapter(Document).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ldd-reports input: a decision paper (document: report) or commitment statement"
    return schema

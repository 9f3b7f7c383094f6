"""The input reference as Markdown, generated from the JSON Schema (docs/*.md; `ldd-reports schema --format markdown`)."""

from __future__ import annotations

from typing import Any

__all__ = ["schema_markdown"]


def schema_markdown(schema: dict[str, Any], intro: str) -> str:
    """Every model in ``schema``, from the top down: its fields with type, default and description."""
    defs: dict[str, Any] = schema.get("$defs", {})
    top = schema if "properties" in schema else None
    order = _order(schema, defs)
    out = [f"# {schema.get('title', 'Reference')}", "", intro.strip(), "",
           "Generated from the models by `make docs` (`ldd-reports schema --format markdown`); a test fails when "
           "this file is out of date. Do not edit it by hand.", ""]
    if top is not None:
        out += _model("(top level)", top)
    elif "oneOf" in schema:
        out += ["A file is one of: " + ", ".join(_type(s) for s in schema["oneOf"]) + ".", ""]
    for name in order:
        out += _model(name, defs[name])
    return "\n".join(out).rstrip() + "\n"


def _refs(node: Any) -> list[str]:
    """The definitions a schema node refers to, in the order it names them."""
    found: list[str] = []
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.append(ref.rsplit("/", 1)[-1])
        for key, value in node.items():
            if key != "$defs":
                found += _refs(value)
    elif isinstance(node, list):
        for value in node:
            found += _refs(value)
    return found


def _order(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Definitions breadth first from the top, so the reference reads as the input nests."""
    seen: list[str] = []
    queue = _refs({k: v for k, v in schema.items() if k != "$defs"})
    while queue:
        name = queue.pop(0)
        if name in seen or name not in defs:
            continue
        seen.append(name)
        queue += _refs(defs[name])
    return seen + sorted(set(defs) - set(seen))


def _anchor(name: str) -> str:
    return name.lower().replace(" ", "-")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _model(name: str, node: dict[str, Any]) -> list[str]:
    out = [f"## {name}", ""]
    if node.get("description"):
        out += [_cell(node["description"]), ""]
    if "enum" in node:
        return out + ["One of: " + ", ".join(f"`{v}`" for v in node["enum"]) + ".", ""]
    props: dict[str, Any] = node.get("properties", {})
    if not props:
        return out
    required = set(node.get("required", []))
    out += ["| Field | Type | Required / default | Description |", "| --- | --- | --- | --- |"]
    for field, spec in props.items():
        need = "required" if field in required else (f"default `{_value(spec['default'])}`" if "default" in spec
                                                     else "optional")
        out.append(f"| `{field}` | {_type(spec)} | {need} | {_cell(spec.get('description', ''))} |")
    return out + [""]


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.replace("\n", "\\n").replace("|", "\\|") or '""'
    return _cell(str(value))


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    for key in ("anyOf", "oneOf"):
        if key in spec:
            kinds = [_type(s) for s in spec[key]]
            return " or ".join(dict.fromkeys(kinds))
    if "const" in spec:
        return f"`{_value(spec['const'])}`"
    if "enum" in spec:
        return "one of " + ", ".join(f"`{_value(v)}`" for v in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        if "prefixItems" in spec:
            return "(" + ", ".join(_type(s) for s in spec["prefixItems"]) + ")"
        item = _type(spec["items"]) if "items" in spec else "anything"
        return "list of " + (f"({item})" if " or " in item else item)
    if kind == "object":
        extra = spec.get("additionalProperties")
        return "mapping to " + _type(extra) if isinstance(extra, dict) else "mapping"
    if kind == "string" and spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "true/false",
            "null": "null"}.get(str(kind), "anything")

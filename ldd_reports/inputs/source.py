"""YAML and JSON read safely: size, depth and node bounds, plain tags only, and each value's line kept."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem
from . import files

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Path_", "Source", "check_shape", "dotted", "parse", "read"]

MAX_BYTES = 2 * 1024 * 1024  # a paper's input is a few KB; this bounds a mistaken or hostile file
MAX_DEPTH = 40
MAX_NODES = 200_000  # also bounds YAML alias expansion ("billion laughs")

Path_ = tuple[Any, ...]
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_NULL = "tag:yaml.org,2002:null"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
# libyaml's parser where PyYAML was built with it: a tenth of the time or less. It reads the same YAML
# into the same nodes (tests/test_inputs.py compares them); whatever it refuses is read again by the
# pure-Python parser, so each error keeps the words and line it has always had.
_LIBYAML: Any = getattr(yaml, "CSafeLoader", None)
_NOT_INPUT = ((b"PK\x03\x04", "a Word document (or another zip package)"), (b"%PDF", "a PDF"),
              (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel file"))


@dataclass
class Source:
    """Parsed input data plus where each value came from."""

    data: Any
    file: str | None = None
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest value along ``path`` that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


class _Builder:
    """Turns a composed YAML node tree into plain data, refusing duplicate keys and deep trees."""

    def __init__(self, file: str | None) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.count = 0

    def fail(self, node: yaml.Node, message: str, path: Path_) -> InputError:
        return InputError([Problem(dotted(path), message, self.file, node.start_mark.line + 1)], self.file)

    def build(self, node: yaml.Node, path: Path_ = ()) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"input has more than {MAX_NODES} values (too large, or aliases expand too far)", path)
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"input is nested more than {MAX_DEPTH} levels deep", path)
        self.lines.setdefault(path, node.start_mark.line + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"YAML tag {node.tag!r} is not allowed: input is plain data", path)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "YAML merge keys ('<<') are not supported; write the fields out", path)
                key = self.build(key_node, path + ("<key>",))
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise self.fail(key_node, "a key must be a plain value", path)
                if key in result:
                    raise self.fail(key_node, f"duplicate key {key!r} (the first is on line "
                                              f"{self.lines.get(path + (key,), '?')})", path + (key,))
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        # Every scalar arrives as the text the person typed; the model converts it. So `item: 7` and
        # `telephone: 01234 567890` stay as written, and `date: 2026-02-30` fails on its field.
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, f"YAML tag {node.tag!r} is not allowed: input is plain data", path)
        if node.tag == _NULL and not getattr(node, "style", None):  # plain: None (PyYAML), "" (libyaml)
            return None
        return node.value


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if part == "<key>":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _yaml_source(text: str, file: str | None) -> Source:
    if _LIBYAML is not None:
        try:
            return _composed(_LIBYAML(text), file)
        except Exception:  # refused, or not what it expects: the pure-Python parser says why
            pass
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as e:
        line = text[: e.position].count("\n") + 1
        code = e.character if isinstance(e.character, int) else ord(e.character)
        raise InputError([Problem("", f"character U+{code:04X} cannot be stored in a Word document (nor in YAML)",
                                  file, line)], file) from e
    try:
        return _composed(loader, file)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = " ".join(str(x) for x in (e.context, e.problem) if x)
        if "'\\t'" in message:  # PyYAML's words for a tab
            message = "a tab character: YAML indents with spaces, so replace the tab with spaces"
        raise InputError([Problem("", f"not valid YAML: {message}", file, mark.line + 1 if mark else None)],
                         file) from e
    except yaml.YAMLError as e:
        raise InputError([Problem("", f"not valid YAML: {e}", file)], file) from e
    except RecursionError as e:  # PyYAML's composer recurses before our depth check can see the level
        raise _too_deep(file) from e


def _composed(loader: Any, file: str | None) -> Source:
    """The loader's one document as plain data, with each value's line."""
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError([Problem("", "the file is empty", file)], file)
        builder = _Builder(file)
        return Source(builder.build(node), file, builder.lines)
    finally:
        loader.dispose()


def _json_source(text: str, file: str | None) -> Source:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise InputError([Problem(key, f"duplicate key {key!r}", file)], file)
            seen[key] = value
        return seen

    def no_constant(name: str) -> Any:
        raise InputError([Problem("", f"{name} is not a JSON value", file)], file)

    try:  # numbers arrive as their text, as YAML's do: no 5,000-digit int is ever built
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_int=str, parse_float=str,
                          parse_constant=no_constant)
    except json.JSONDecodeError as e:
        raise InputError([Problem("", f"not valid JSON: {e.msg}", file, e.lineno)], file) from e
    except RecursionError as e:
        raise _too_deep(file) from e
    check_shape(data, file)
    lines: dict[Path_, int] = {}
    try:  # JSON is (nearly) YAML: reuse the YAML composer only to find line numbers
        lines = _yaml_source(text, file).lines
    except InputError:
        pass
    return Source(data, file, lines)


def _too_deep(file: str | None) -> InputError:
    return InputError([Problem("", f"input is nested more than {MAX_DEPTH} levels deep", file)], file)


def check_shape(data: Any, file: str | None) -> None:
    """The YAML reader's limits for JSON too: nesting depth and number of values."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise _too_deep(file)
        if count > MAX_NODES:
            raise InputError([Problem("", f"input has more than {MAX_NODES} values (too large)", file)], file)
        if isinstance(value, dict):
            stack += [(v, depth + 1) for v in value.values()]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]


def parse(text: str, format: str = "yaml", file: str | None = None) -> Source:
    """Parse YAML or JSON text (BOM and CRLF accepted) into a :class:`Source`."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError([Problem("", f"input is larger than {MAX_BYTES // 1024} KB", file)], file)
    text = text.removeprefix("\ufeff")
    if format == "json":
        return _json_source(text, file)
    if format == "yaml":
        return _yaml_source(text, file)
    raise ValueError(f"format must be 'yaml' or 'json', not {format!r}")


def read(path: str | os.PathLike[str]) -> Source:
    """Read and parse a .yaml/.yml or .json file (a regular file, size-limited, UTF-8 with or without BOM)."""
    p = Path(path)
    name = str(path)
    raw = files.read_bytes(p, MAX_BYTES, "an input")
    kind = next((k for magic, k in _NOT_INPUT if raw.startswith(magic)), None)
    if kind:
        raise InputError([Problem("", f"this is {kind}, not an input: validate, check and render read the YAML or "
                                      "JSON file that describes the paper (check-docx checks a finished .docx)",
                                  name)], name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError([Problem("", f"not UTF-8 text (byte {e.start + 1})", name, line)], name) from e
    return parse(text, "json" if p.suffix.lower() == ".json" else "yaml", name)

"""Read YAML or JSON input safely, keeping each value's line so errors can point at it."""

from __future__ import annotations

import difflib
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Union, overload

import yaml
from pydantic import TypeAdapter, ValidationError

from . import files
from .errors import InputError, Problem
from .models import CommitmentStatement, Document, Report

__all__ = [
    "AnyDocument", "as_document", "load", "loads", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "parse", "read",
    "Source", "validate"
]

MAX_BYTES = 2 * 1024 * 1024  # a paper's input is a few KB; this bounds a mistaken or hostile file
MAX_DEPTH = 40
MAX_NODES = 200_000  # also bounds YAML alias expansion ("billion laughs")

Path_ = tuple[Any, ...]
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_NULL = "tag:yaml.org,2002:null"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ADAPTER: TypeAdapter[Any] | None = None
_NOT_INPUT = ((b"PK\x03\x04", "a Word document (or another zip package)"), (b"%PDF", "a PDF"),
              (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or Excel file"))
#: What :func:`load` returns: a validated report or commitment statement.
AnyDocument = Union[Report, CommitmentStatement]


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

    def __init__(self, loader: yaml.SafeLoader, file: str | None) -> None:
        self.loader = loader
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.count = 0

    def fail(self, node: yaml.Node, message: str, path: Path_) -> InputError:
        return InputError([Problem(_dotted(path), message, self.file, node.start_mark.line + 1)], self.file)

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
        if node.tag == _NULL and getattr(node, "style", None) is None:
            return None
        return node.value


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if part == "<key>":
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _yaml_source(text: str, file: str | None) -> Source:
    try:
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as e:
        line = text[: e.position].count("\n") + 1
        raise InputError([Problem("", f"character U+{e.character if isinstance(e.character, int) else ord(e.character):04X} "
                                      "cannot be stored in a Word document (nor in YAML)", file, line)], file) from e
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError([Problem("", "the file is empty", file)], file)
        builder = _Builder(loader, file)
        data = builder.build(node)
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
    finally:
        loader.dispose()
    return Source(data, file, builder.lines)


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
    _check_shape(data, file)
    lines: dict[Path_, int] = {}
    try:  # JSON is (nearly) YAML: reuse the YAML composer only to find line numbers
        lines = _yaml_source(text, file).lines
    except InputError:
        pass
    return Source(data, file, lines)


def _too_deep(file: str | None) -> InputError:
    return InputError([Problem("", f"input is nested more than {MAX_DEPTH} levels deep", file)], file)


def _check_shape(data: Any, file: str | None) -> None:
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


def _adapter() -> TypeAdapter[Any]:
    global _ADAPTER
    if _ADAPTER is None:
        _ADAPTER = TypeAdapter(Document)
    return _ADAPTER


def validate(source: Source) -> AnyDocument:
    """Validate parsed data as a Report or CommitmentStatement; InputError names field and line."""
    if not isinstance(source.data, dict):
        raise InputError([Problem("", "the top level must be a mapping of fields", source.file, 1)], source.file)
    try:
        return _adapter().validate_python(source.data)  # type: ignore[no-any-return]
    except ValidationError as e:
        raise InputError(problems_from(e, source), source.file) from e


def problems_from(error: ValidationError, source: Source | None = None, vocabulary: Any = None) -> list[Problem]:
    """Turn pydantic's errors into Problems (sorted by line), with a "did you mean" where one is close.

    ``vocabulary``: the model whose field names a mistyped key is matched against (default: the
    input's documents; a house style file passes HouseStyle).
    """
    names = _field_names(vocabulary) if vocabulary is not None else _field_names()
    problems = []
    for err in error.errors(include_url=False):
        path = _real_path(err["loc"], source.data if source else None)
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, "):]
        message += _hint(err, path, source.data if source else None, names)
        problems.append(Problem(_dotted(path), message, source.file if source else None,
                                source.line_of(path) if source else None))
    return sorted(problems, key=lambda p: p.line or 0)


_QUOTED = re.compile(r"'([^']*)'")


def _hint(err: Any, path: Path_, data: Any, names: list[str]) -> str:
    """"; did you mean 'district'?" for a mistyped choice or field name."""
    typed = err.get("input")
    if err["type"] in ("enum", "literal_error") and isinstance(typed, str):
        choices = _QUOTED.findall(str((err.get("ctx") or {}).get("expected", "")))
    elif err["type"] == "extra_forbidden" and path and isinstance(path[-1], str):
        typed = path[-1]
        parent = _at(data, path[:-1])
        choices = [f for f in names if not (isinstance(parent, dict) and f in parent)]
    else:
        return ""
    close = difflib.get_close_matches(typed, choices, 1, 0.75) if typed else []
    return f"; did you mean {close[0]!r}?" if close else ""


def _at(data: Any, path: Path_) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


@functools.lru_cache(maxsize=4)
def _field_names(*roots: Any) -> list[str]:
    """Every field name the models below ``roots`` have (default: the input's documents)."""
    from pydantic import BaseModel

    seen: set[type] = set()
    names: set[str] = set()
    todo: list[Any] = list(roots) or [Report, CommitmentStatement]
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind not in seen:
                seen.add(kind)
                names.update(info.alias or name for name, info in kind.model_fields.items())
                todo += [info.annotation for info in kind.model_fields.values()]
        else:  # list[X], X | None, Annotated[X, ...]: look inside
            todo += list(getattr(kind, "__args__", ()))
            origin = getattr(kind, "__origin__", None)
            if origin is not None and origin is not kind:
                todo.append(origin)
    return sorted(names)


def _real_path(loc: tuple[Any, ...], data: Any) -> Path_:
    """Follow ``loc`` through the data, skipping the discriminator tags pydantic inserts."""
    path: list[Any] = []
    current: Any = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and not part.startswith("~"):
            path.append(part)  # a missing field: the last element of the location
        # anything else is a union tag ("~...") pydantic inserted: not part of the user's field path
    return tuple(path)


@overload
def as_document(document: Report) -> Report: ...
@overload
def as_document(document: CommitmentStatement) -> CommitmentStatement: ...
@overload
def as_document(document: Mapping[str, Any]) -> AnyDocument: ...


def as_document(document: AnyDocument | Mapping[str, Any]) -> AnyDocument:
    """A document as given, or a mapping (a dict, as from JSON) validated into one; InputError names each field."""
    if isinstance(document, (Report, CommitmentStatement)):
        return document
    if isinstance(document, (str, os.PathLike)):
        raise InputError([Problem("", f"{os.fspath(document)!r} is a file name, not a document: read it with "
                                      "ldd_reports.load(path) and pass what that returns")])
    if not isinstance(document, Mapping):
        raise InputError([Problem("", "a document is a Report, a CommitmentStatement or a mapping (dict) of its "
                                      f"fields, not {type(document).__name__}")])
    data = dict(document)
    _check_shape(data, None)  # a dict has no reader to bound its depth and size: the same limits as a file's
    return validate(Source(data))


def loads(text: str, format: str = "yaml", file: str | None = None) -> AnyDocument:
    """Parse and validate a document from YAML or JSON text."""
    return validate(parse(text, format, file))


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Load and validate a document from a .yaml/.yml or .json file."""
    doc = validate(read(path))
    if isinstance(doc, Report):  # a report's house_style file is relative to the input
        doc._source_dir = str(Path(path).resolve().parent)
    return doc


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

"""Load a document: parse (``source``), validate into the models, and errors that name each field and line."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any, Union, overload

from pydantic import TypeAdapter, ValidationError

from ..errors import InputError, Problem, close_matches
from ..models import CommitmentStatement, Document, Report
from ..models.documents import document_model
from .bilingual import bilingual_languages, parity_problems, project
from .source import Path_, Source, check_shape, dotted, parse, read

__all__ = ["AnyDocument", "DocumentArg", "as_document", "load", "loads", "problems_from", "validate", "validate_over"]

_ADAPTER: TypeAdapter[Any] | None = None
#: What :func:`load` returns: a validated report or commitment statement.
AnyDocument = Union[Report, CommitmentStatement]
DocumentArg = Union[AnyDocument, Mapping[str, Any]]  # a document, or a dict validated into one


def _adapter() -> TypeAdapter[Any]:
    global _ADAPTER
    if _ADAPTER is None:
        # Each document model built first, so the union below reuses its schema: built inside the union
        # alone, the models stay unbuilt and build it all again on their first dump (a tenth of a second)
        for model in (Report, CommitmentStatement):
            model.model_rebuild()
        _ADAPTER = TypeAdapter(Document)
    return _ADAPTER


def validate(source: Source) -> AnyDocument:
    """Validate parsed data as a Report or CommitmentStatement; InputError names field and line."""
    if not isinstance(source.data, dict):
        raise InputError([Problem("", "the top level must be a mapping of fields", source.file, 1)], source.file)
    languages = bilingual_languages(source.data)
    if languages:
        return _bilingual(source, languages)
    try:
        return _validated(source.data)
    except ValidationError as e:
        raise InputError(problems_from(e, source), source.file) from e


def _validated(data: dict[str, Any]) -> AnyDocument:
    """``data`` validated as the document its ``document`` field names, by that model's validator alone: the
    other's is built only when an input needs it (a batch of reports never builds the commitment statement's:
    12M instructions of each process's start). A kind that is neither goes through the union, for its error."""
    model = document_model(data)
    return model.model_validate(data) if model is not None else _adapter().validate_python(data)


#: Fields that decide how the rest validates (which document, its language, its versions): a row setting one
#: is validated whole.
_DECIDING = frozenset({"document", "language", "languages", "bilingual"})
_TOP = re.compile(r"[.\[]")  # where a field path's first name ends


def validate_over(base: AnyDocument | None, data: dict[str, Any], changed: Iterable[str]) -> AnyDocument:
    """``data``, a base's input with the fields at the ``changed`` paths set (a batch row), validated.

    The base's validated value stands in for each top-level field the row leaves alone: checked once for
    the batch, not once a row (pydantic takes a model as it is). Validators across fields still run, each
    on the row's own document: an exempt part against the row's nation, a decision against its
    recommendations. A bilingual base, or a row setting the language, is validated whole.
    """
    set_here = {_TOP.split(path, maxsplit=1)[0] for path in changed}
    if base is None or base.languages or set_here & _DECIDING:
        return validate(Source(data))
    fields = type(base).model_fields
    return validate(Source({name: value if name in set_here or name not in fields else getattr(base, name)
                            for name, value in data.items()}))


def _bilingual(source: Source, languages: list[str]) -> AnyDocument:
    """A bilingual input's versions, each validated as a document in its language; the first is returned, the
    others reached by ``version(language)``."""
    versions: dict[str, AnyDocument] = {}
    problems: list[Problem] = []
    for language in languages:
        data = {**project(source.data, language), "language": language}
        try:
            versions[language] = _validated(data)
        except ValidationError as e:  # the same path's lines: a pair's mapping stands where its text would
            problems += [p for p in problems_from(e, Source(data, source.file, source.lines)) if p not in problems]
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0), source.file)
    parity = [Problem(p.field, p.message, source.file, source.line_of(tuple(_steps(p.field))))
              for p in parity_problems(source.data, languages)]
    for doc in versions.values():
        doc._versions = versions
        doc._parity = parity
    return versions[languages[0]]


def _steps(field: str) -> list[Any]:
    """A dotted field path as a path of keys and indexes ('sections[0].title' -> ['sections', 0, 'title'])."""
    return [int(part) if part.isdigit() else part for part in re.split(r"\.|\[|\]", field) if part]


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
        problems.append(Problem(dotted(path), message, source.file if source else None,
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
    close = close_matches(typed, choices, 1, 0.75) if typed else []
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
    check_shape(data, None)  # a dict has no reader to bound its depth and size: the same limits as a file's
    return validate(Source(data))


def loads(text: str, format: str = "yaml", file: str | None = None) -> AnyDocument:
    """Parse and validate a document from YAML or JSON text."""
    return validate(parse(text, format, file))


def load(path: str | os.PathLike[str]) -> AnyDocument:
    """Load and validate a document from a .yaml/.yml or .json file."""
    doc = validate(read(path))
    for version in {id(v): v for v in [doc, *doc._versions.values()]}.values():
        version._source_dir = str(Path(path).resolve().parent)  # a house_style file is relative to the input
    return doc

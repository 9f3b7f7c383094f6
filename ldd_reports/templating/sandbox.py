"""The library-owned Jinja sandbox every template renders in: the data it sees, its caps, its filters."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import math
import re
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Any

from jinja2 import StrictUndefined, filters
from jinja2.runtime import LoopContext, Macro
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ..content.dates import format_date
from ..content.messages import catalogue
from ..markup import parse

__all__ = ["FILTERS", "MAX_STRING", "MAX_WIDTH", "Record", "make_environment", "printed_text", "rendering",
           "template_data"]

MAX_STRING = 2_000_000  # characters a template may build in one step (a whole paper is a few hundred KB)
MAX_WIDTH = 1_000  # padding, indentation and format widths
_MAX_POWER_BITS = 4_096

_RUN_BREAK_OPEN = '</w:t></w:r>'
_RUN_BREAK_CLOSE = '<w:r><w:t xml:space="preserve">'


class Record:
    """A read-only group of fields for templates: ``rec.name`` or ``rec['name']``, and nothing else.

    No public methods (a field called ``items`` is the field, not dict.items), nothing to call,
    nothing to change; nested groups and lists are wrapped as they are read. ``fields`` may be a
    function that makes them, called on first use (most templates never read the whole document).
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: dict[str, Any] | Callable[[], dict[str, Any]]) -> None:
        object.__setattr__(self, "_fields", fields)

    def _data(self) -> dict[str, Any]:
        fields: dict[str, Any] | Callable[[], dict[str, Any]] = self._fields
        if callable(fields):
            fields = fields()
            object.__setattr__(self, "_fields", fields)
        return fields

    def __getattr__(self, name: str) -> Any:
        try:
            return _freeze(self._data()[name])
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return _freeze(self._data()[name])

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("template data is read-only")

    def __contains__(self, name: object) -> bool:
        return name in self._data()

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __str__(self) -> str:
        raise TypeError("a group of fields cannot be printed; name one of its fields")


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    return value


def template_data(model: Any) -> Record:
    """A document as templates see it: its fields as read-only data, no model and no methods."""
    if hasattr(model, "model_dump"):
        return Record(model.model_dump)  # dumped when a template first reads it
    return Record(dict(model))


# -- what the part being rendered writes with: set by the pipeline, out of the templates' reach ----
_CURRENT: contextvars.ContextVar[tuple[Any, str, str]] = contextvars.ContextVar("ldd_reports_rendering")


@contextlib.contextmanager
def rendering(writer: Any, date_format: str, language: str = "en") -> Iterator[None]:
    """Render a part with ``writer`` (runs, links, footnotes) and the document's date format and language."""
    token = _CURRENT.set((writer, date_format, language))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _finalize(value: Any) -> Any:
    """Print a value inside a template's w:t: escaped, markup and line breaks as real runs.

    Plain text stays in the template's own run (keeping its formatting); text with formatting,
    placeholders or line breaks closes that run and adds runs of its own.
    """
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    writer, date_format, language = _CURRENT.get()
    if isinstance(value, dt.date):
        value = format_date(value, date_format, language)
    text = str(value)
    plain = printed_text(text, writer.markup)
    return plain if plain is not None else Markup(_RUN_BREAK_OPEN + writer.runs(text) + _RUN_BREAK_CLOSE)


def printed_text(text: str, markup: bool) -> Markup | None:
    """What ``{{ text }}`` prints, read with or without inline ``markup``, when it is plain text (escaped, in the
    template's own run), or None when it prints runs of its own (formatting, a placeholder, a line break or a tab)."""
    spans = parse(text, markup)
    if len(spans) == 1 and spans[0].text == text and "\n" not in text and "\t" not in text and not spans[0].placeholder:
        return escape(text)
    return None


def _date(value: dt.date | None) -> str:
    """``{{ doc.meeting.date|date }}``: the document's date format (GOV.UK style by default)."""
    # A date not known yet (a draft's meeting date) shows as the placeholder a final render refuses.
    _, date_format, language = _CURRENT.get()
    return catalogue(language=language).text("paper.no_date") if value is None else \
        format_date(value, date_format, language)


def _lines(values: Any) -> str:
    """``{{ [a, b]|lines }}``: the values that are set, one per line."""
    return "\n".join(str(v) for v in values if v not in (None, ""))


# -- caps: nothing a template writes can ask for gigabytes in one step -----------------------------
def _refuse(what: str) -> SecurityError:
    return SecurityError(f"{what} is over the template limit")


def _width(value: Any) -> None:
    if isinstance(value, str):
        value = len(value)
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise _refuse(f"a width of {value}")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent(fmt: str) -> None:
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part and int(part) > MAX_WIDTH):
                raise _refuse("a %-format width")


def _size(n: int) -> None:
    if n > MAX_STRING:
        raise _refuse(f"a result of {n:,} characters")


def _check_replace(text: str, old: Any, new: Any) -> None:
    """The size of text.replace(old, new), before doing it (the filter and the method alike)."""
    _size(len(text) + text.count(str(old)) * max(0, len(str(new)) - len(str(old))))


def _check_join(separator: str, items: list[Any]) -> None:
    _size(len(items) * len(separator) + sum(len(str(i)) for i in items))


def _center(value: str, width: int = 80) -> str:
    _width(width)
    return filters.do_center(value, width)


def _indent(value: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _width(width)
    return filters.do_indent(value, width, first, blank)


def _wordwrap(environment: Any, value: str, width: int = 79, break_long_words: bool = True,
              wrapstring: str | None = None, break_on_hyphens: bool = True) -> str:
    _width(len(wrapstring or ""))
    return filters.do_wordwrap(environment, value, width, break_long_words, wrapstring, break_on_hyphens)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_percent(str(value))
    return filters.do_format(value, *args, **kwargs)


def _replace(eval_ctx: Any, value: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(str(value), old, new)
    return filters.do_replace(eval_ctx, value, old, new, count)


def _join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = list(value)
    _check_join(str(d), items)
    return str(filters.do_join(eval_ctx, items, d, attribute))


_wordwrap.jinja_pass_arg = filters.do_wordwrap.jinja_pass_arg  # type: ignore[attr-defined]
_replace.jinja_pass_arg = filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]
_join.jinja_pass_arg = filters.do_join.jinja_pass_arg  # type: ignore[attr-defined]

#: Filters available to every template (the registry: add new ones here). The padding, repeating
#: and formatting built-ins are replaced by capped versions of themselves.
FILTERS: dict[str, Callable[..., Any]] = {
    "date": _date, "lines": _lines,
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "format": _format, "replace": _replace,
    "join": _join,
}
_PADDING = {"center", "ljust", "rjust", "zfill", "expandtabs"}
_VALUE_TYPES = (str, int, float, dt.date, tuple)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with arithmetic, repetition and method calls on a short lead."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, tuple, list)) and isinstance(n, int):
                    _size(len(seq) * n)
        elif operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)):
            if abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > _MAX_POWER_BITS:
                raise _refuse("a power that large")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left)
        return super().call_binop(context, operator, left, right)

    def is_safe_callable(self, obj: Any) -> bool:
        """Macros, the loop helper, and the methods of plain values (strings, numbers, dates); nothing else."""
        if not super().is_safe_callable(obj):
            return False
        owner = getattr(obj, "__self__", None)
        if isinstance(obj, Macro) or isinstance(owner, LoopContext):
            return True
        return isinstance(owner, _VALUE_TYPES) and not isinstance(owner, type)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(__obj, "__name__", "")
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            if name in _PADDING:
                for arg in (*args, *kwargs.values()):
                    _width(arg)
            elif name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
            elif name == "join" and args:
                items = list(args[0])
                _check_join(owner, items)
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format takes widths from its own mini-language: refused as it is read (use the format filter)."""
        if getattr(value, "__name__", None) in ("format", "format_map") and isinstance(getattr(value, "__self__", None),
                                                                                       str):
            raise SecurityError("str.format is not available in templates; use the format filter")
        return None


def make_environment() -> ImmutableSandboxedEnvironment:
    """A sandbox: no attribute starting with '_', no mutation, undefined names are errors."""
    env = _Sandbox(autoescape=True, undefined=StrictUndefined, finalize=_finalize, keep_trailing_newline=True,
                   auto_reload=False)
    env.filters.update(FILTERS)
    env.globals.clear()  # no range(), dict(), lipsum() ...: templates hold layout, not logic
    return env

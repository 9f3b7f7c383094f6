"""The library-owned Jinja sandbox every template renders in, with its filters in one registry."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from jinja2 import StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from .dates import format_date
from .markup import parse

__all__ = ["FILTERS", "make_environment"]

_RUN_BREAK_OPEN = '</w:t></w:r>'
_RUN_BREAK_CLOSE = '<w:r><w:t xml:space="preserve">'


@pass_context
def _finalize(ctx: Context, value: Any) -> Any:
    """Print a value inside a template's w:t: escaped, markup and line breaks as real runs.

    Plain text stays in the template's own run (keeping its formatting); text with formatting,
    placeholders or line breaks closes that run and adds runs of its own.
    """
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dt.date):
        value = format_date(value, ctx["doc"].date_format)
    text = str(value)
    writer = ctx["_writer"]
    spans = parse(text, writer.markup)
    if len(spans) == 1 and spans[0].text == text and "\n" not in text and "\t" not in text and not spans[0].placeholder:
        return escape(text)
    return Markup(_RUN_BREAK_OPEN + writer.runs(text) + _RUN_BREAK_CLOSE)


@pass_context
def _date(ctx: Context, value: dt.date | None) -> str:
    """``{{ doc.meeting.date|date }}``: the document's date format (GOV.UK style by default)."""
    # A date not known yet (a draft's meeting date) shows as the placeholder a final render refuses.
    return "[TO COMPLETE: date]" if value is None else format_date(value, ctx["doc"].date_format)


def _lines(values: Any) -> str:
    """``{{ [a, b]|lines }}``: the values that are set, one per line."""
    return "\n".join(str(v) for v in values if v not in (None, ""))


#: Filters available to every template (the registry: add new ones here).
FILTERS = {"date": _date, "lines": _lines}


def make_environment() -> ImmutableSandboxedEnvironment:
    """A sandbox: no attribute starting with '_', no mutation, undefined names are errors."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, finalize=_finalize,
                                        keep_trailing_newline=True, auto_reload=False)
    env.filters.update(FILTERS)
    env.globals.clear()  # no range(), dict(), lipsum() ...: templates hold layout, not logic
    return env

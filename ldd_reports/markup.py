"""The small inline markup officers may use in paragraph text, parsed into formatted spans.

Markup (when a document's ``text_format`` is ``markup``, the default)::

    **bold**   *italic*   __underline__   [link text](https://example.org)   [^a footnote]
    \\* (a literal *)

A delimiter only opens before a non-space and closes after one, and an unmatched delimiter is
printed as written, so "5 * 3" or "snake_case" stay literal. Placeholders ``[TO COMPLETE: ...]``
are recognised in both formats and rendered highlighted.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

__all__ = ["PLACEHOLDER", "Span", "escape", "parse", "plain_text"]

#: A value only the council can supply, left open in a draft.
PLACEHOLDER = re.compile(r"\[TO COMPLETE:[^\[\]]*\]")
_FOOTNOTE = re.compile(r"\[\^([^\[\]]+)\]")
_LINK = re.compile(r"\[([^\[\]]+)\]\(((?:https?://|mailto:)[^()\s]+)\)")
_ESCAPABLE = "\\*_[]()^"


@dataclass(frozen=True)
class Span:
    """A run of text with one set of formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    link: str | None = None
    placeholder: bool = False
    footnote: str | None = None  # a footnote reference; the note's own text (markup allowed)


_PLAIN = Span("")


def _styled(style: Span, text: str) -> Span:
    """``style`` with other text (dataclasses.replace is slow enough to matter here)."""
    if style == _PLAIN:
        return Span(text)
    return Span(text, style.bold, style.italic, style.underline, style.link)


def _look(span: Span) -> tuple:
    return span.bold, span.italic, span.underline, span.link, span.placeholder, span.footnote


def escape(text: str) -> str:
    """Backslash-escape markup characters so ``parse`` returns ``text`` unchanged."""
    return "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)


def plain_text(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def parse(text: str, markup: bool = True) -> list[Span]:
    """Split ``text`` into spans; with ``markup=False`` only placeholders are recognised."""
    return list(_parse_cached(text, markup) if len(text) <= _CACHE_UP_TO else _parse(text, markup))


_CACHE_UP_TO = 2000  # characters: cache paragraphs, not whole pasted documents


def _parse(text: str, markup: bool) -> tuple[Span, ...]:
    spans: list[Span] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        spans += _inline(text[pos:m.start()], Span(""), markup)
        spans.append(Span(m.group(), placeholder=True))
        pos = m.end()
    spans += _inline(text[pos:], Span(""), markup)
    return tuple(_merge(spans))


# Standard content repeats in every paper of a batch: parse each text once per process.
_parse_cached = functools.lru_cache(maxsize=4096)(_parse)


_SPECIAL = re.compile(r"[\\*_\[]")


def _inline(text: str, style: Span, markup: bool) -> list[Span]:
    if not text:
        return []
    if not markup or not _SPECIAL.search(text):  # the common case: nothing to interpret
        return [_styled(style, text)]
    out: list[Span] = []
    buf: list[str] = []
    i = 0

    def flush() -> None:
        if buf:
            out.append(_styled(style, "".join(buf)))
            buf.clear()

    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "[" and style.link is None and text.startswith("[^", i):
            m = _FOOTNOTE.match(text, i)
            if m:
                flush()
                out.append(Span("", footnote=m.group(1)))
                i = m.end()
                continue
        if ch == "[" and style.link is None:
            m = _LINK.match(text, i)
            if m:
                flush()
                out += _inline(m.group(1), replace(style, link=m.group(2)), markup)
                i = m.end()
                continue
        for delim, attr in (("**", "bold"), ("__", "underline"), ("*", "italic")):
            if text.startswith(delim, i) and not getattr(style, attr):
                end = _closing(text, i, delim)
                if end is not None:
                    flush()
                    inner = replace(style, **{attr: True})  # type: ignore[arg-type]
                    out += _inline(text[i + len(delim):end], inner, markup)
                    i = end + len(delim)
                    break
        else:
            # copy up to the next character that could start markup in one step
            m = _SPECIAL.search(text, i + 1)
            end = m.start() if m else len(text)
            buf.append(text[i:end])
            i = end
    flush()
    return out


def _closing(text: str, start: int, delim: str) -> int | None:
    """Index of the delimiter closing the one at ``start``, or None if it does not open."""
    inner = start + len(delim)
    if inner >= len(text) or text[inner].isspace() or text.startswith(delim, inner):
        return None
    j = inner
    while True:
        j = text.find(delim, j + 1)
        if j < 0:
            return None
        if text[j - 1] == "\\":
            continue
        if delim == "*" and (text.startswith("**", j) and not text.startswith("***", j)):
            j += 1  # part of a ** pair inside an italic run
            continue
        if not text[j - 1].isspace():
            return j


def _merge(spans: list[Span]) -> list[Span]:
    if len(spans) == 1:
        return spans if spans[0].text else []
    merged: list[Span] = []
    for span in spans:
        if not span.text and span.footnote is None:
            continue
        if merged and not span.placeholder and span.footnote is None and _look(merged[-1]) == _look(span):
            merged[-1] = replace(span, text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged

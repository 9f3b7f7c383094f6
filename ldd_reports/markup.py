"""The small inline markup officers may use in paragraph text, parsed into formatted spans.

Markup (when a document's ``text_format`` is ``markup``, the default) is CommonMark's inline
subset, parsed by markdown-it-py (linear time)::

    **bold** or __bold__   *italic* or _italic_   ++underline++   [link text](https://example.org)
    [^a footnote]   \\* (a literal *)

A link with no words shows its address; a link's title (``[text](url "title")``) is printed after
its words, in brackets (a printed paper has no tooltips). Only http(s) and mailto links are links;
anything CommonMark would not format stays as written ("5 * 3", "snake_case_name",
"[not a link](javascript:x)"). Underline needs its own ``++`` markers (in Markdown ``__x__`` is
bold, and underlined text reads as a link). Placeholders ``[TO COMPLETE: ...]`` are recognised in
both formats and rendered highlighted.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from .caches import repeated

__all__ = ["LIBRARY_SPANS", "PLACEHOLDER", "Span", "escape", "library_spans", "parse", "parse_with_markdown_it",
           "plain_text", "spans_json"]

#: A value only the council can supply, left open in a draft.
PLACEHOLDER = re.compile(r"\[TO COMPLETE:[^\[\]]*\]")
_FOOTNOTE = re.compile(r"\[\^([^\[\]]+)\]")
_SPECIAL = re.compile(r"[\\*_\[+]")
_ESCAPABLE = "\\*_[]()^+"
_LINK_SCHEMES = ("http://", "https://", "mailto:")
_CACHE_UP_TO = 2000  # characters: cache paragraphs, not whole pasted documents


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


def escape(text: str) -> str:
    """Backslash-escape markup characters so ``parse`` returns ``text`` unchanged (placeholders stay live)."""
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        out.append(_escape(text[pos:m.start()]) + m.group())
        pos = m.end()
    return "".join(out) + _escape(text[pos:])


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)


def plain_text(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def parse(text: str, markup: bool = True) -> list[Span]:
    """Split ``text`` into spans; with ``markup=False`` only placeholders are recognised."""
    return list(_parse_cached(text, markup) if len(text) <= _CACHE_UP_TO else _parse(text, markup))


def _parse(text: str, markup: bool) -> tuple[Span, ...]:
    if markup and _SPECIAL.search(text):
        known = library_spans().get(text)
        if known is not None:
            return known
        return parse_with_markdown_it(text)
    spans: list[Span] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        spans += [Span(text[pos:m.start()]), Span(m.group(), placeholder=True)]
        pos = m.end()
    spans.append(Span(text[pos:]))
    return tuple(_merge(spans))


# Standard content repeats in every paper of a batch: parse each text once per process. (A name comes several
# times in its own paper, so it is kept too: a small cache, starting again once full, holds few of them.)
_parse_cached = repeated(1024)(_parse)


def parse_with_markdown_it(text: str) -> tuple[Span, ...]:
    """``text``'s spans as markdown-it-py parses it (what :func:`parse` gives for any text with markup)."""
    return tuple(_merge(_spans(_markdown().parseInline(text)[0].children or [])))


#: The library's own texts that hold markup, parsed: parsed_markup.json, which ``make docs`` writes
#: (docs/parsed_markup.py; a test keeps it what markdown-it-py gives). A paper of standard content then
#: never imports the parser (7% of a one-row batch's start).
LIBRARY_SPANS = "parsed_markup.json"


@functools.lru_cache(maxsize=1)
def library_spans() -> dict[str, tuple[Span, ...]]:
    """Each of the library's own texts with markup, and its spans: read once, on the first text with markup."""
    text = resources.files(__package__).joinpath(LIBRARY_SPANS).read_text(encoding="utf-8")
    return {key: tuple(Span(**span) for span in spans) for key, spans in json.loads(text).items()}


def spans_json(texts: list[str]) -> str:
    """parsed_markup.json for ``texts``: each text's spans as markdown-it-py parses it (its fields that are set)."""
    defaults = Span("")
    table = {text: [{name: value for name, value in vars(span).items()
                     if name == "text" or value != getattr(defaults, name)} for span in parse_with_markdown_it(text)]
             for text in sorted(set(texts))}
    return json.dumps(table, ensure_ascii=False, indent=1) + "\n"


def _spans(tokens: list[Any]) -> list[Span]:
    """markdown-it's inline tokens as spans (one pass; a style is on while its open count is)."""
    on = {"strong": 0, "em": 0, "ins": 0}
    link: str | None = None
    title: str | None = None
    start = 0  # where the link's text began in ``out``
    out: list[Span] = []
    for token in tokens:
        kind = token.type
        if kind in ("text", "softbreak", "hardbreak"):
            content = token.content if kind == "text" else "\n"
            out.append(Span(content, on["strong"] > 0, on["em"] > 0, on["ins"] > 0, link))
        elif kind.endswith("_open") and kind[:-5] in on:
            on[kind[:-5]] += 1
        elif kind.endswith("_close") and kind[:-6] in on:
            on[kind[:-6]] -= 1
        elif kind == "link_open":
            link = str(token.attrGet("href"))
            title = token.attrGet("title")
            start = len(out)
        elif kind == "link_close":
            # Nothing of a link is lost: '[](url)' shows its address, and a title (a tooltip in HTML,
            # which paper has not) is printed after the link's words.
            if not any(span.text for span in out[start:]):
                out.append(Span(str(link), on["strong"] > 0, on["em"] > 0, on["ins"] > 0, link))
            if title:
                out.append(Span(f" ({title})", on["strong"] > 0, on["em"] > 0, on["ins"] > 0))
            link = title = None
        elif kind == "placeholder":
            out.append(Span(token.content, placeholder=True))
        elif kind == "footnote":
            out.append(Span("", footnote=token.content))
        else:  # nothing else is enabled; keep whatever it held as text, never drop it
            out.append(Span(token.content or token.markup))
    return out


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if not span.text and span.footnote is None:
            continue
        if (merged and not span.placeholder and span.footnote is None and not merged[-1].placeholder
                and merged[-1].footnote is None and _look(merged[-1]) == _look(span)):
            merged[-1] = replace(span, text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def _look(span: Span) -> tuple[Any, ...]:
    return span.bold, span.italic, span.underline, span.link


# -- the parser: markdown-it-py with only the inline rules we use, plus three of our own -----------
@functools.lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"maxNesting": 20})  # no block rules, no HTML, no entities (& stays &)
    md.enable(["emphasis", "link", "escape"])
    md.inline.ruler.before("link", "placeholder", _placeholder)
    md.inline.ruler.before("link", "footnote", _footnote)
    md.inline.ruler.before("emphasis", "ins", _ins_tokenize)
    md.inline.ruler2.before("emphasis", "ins", _ins_post_process)
    md.validateLink = lambda url: url.lower().startswith(_LINK_SCHEMES)  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]  # the address as written (it is escaped when written out)
    return md


def _bracketed(prefix: str, pattern: re.Pattern[str], kind: str, group: int) -> Any:
    """An inline rule: at ``prefix``, ``pattern`` becomes one ``kind`` token holding ``group`` of the match."""
    def rule(state: Any, silent: bool) -> bool:
        m = pattern.match(state.src, state.pos) if state.src.startswith(prefix, state.pos) else None
        if m is None:
            return False
        if not silent:
            state.push(kind, "", 0).content = m.group(group)
        state.pos = m.end()
        return True
    return rule


_placeholder = _bracketed("[TO COMPLETE:", PLACEHOLDER, "placeholder", 0)
_footnote = _bracketed("[^", _FOOTNOTE, "footnote", 1)


def _ins_tokenize(state: Any, silent: bool) -> bool:
    """``++`` runs as delimiters (as markdown-it's strikethrough does for ``~~``)."""
    from markdown_it.rules_inline.state_inline import Delimiter

    if silent or state.src[state.pos] != "+":
        return False
    scanned = state.scanDelims(state.pos, True)
    length = scanned.length
    if length < 2:
        return False
    lone = length % 2  # an odd "+" stays outside the underline: before an opening run, after a closing one
    closing = scanned.can_close and not scanned.can_open
    if lone and not closing:
        state.push("text", "", 0).content = "+"
    for _ in range(length // 2):
        state.push("text", "", 0).content = "++"
        state.delimiters.append(Delimiter(marker=0x2B, length=0, token=len(state.tokens) - 1, end=-1,
                                          open=scanned.can_open, close=scanned.can_close))
    if lone and closing:
        state.push("text", "", 0).content = "+"
    state.pos += scanned.length
    return True


def _ins_pairs(state: Any, delimiters: list[Any]) -> None:
    for start in delimiters:
        if start.marker != 0x2B or start.end == -1:
            continue
        end = delimiters[start.end]
        for index, kind, nesting in ((start.token, "ins_open", 1), (end.token, "ins_close", -1)):
            token = state.tokens[index]
            token.type, token.tag, token.nesting, token.markup, token.content = kind, "u", nesting, "++", ""


def _ins_post_process(state: Any) -> None:
    _ins_pairs(state, state.delimiters)
    for meta in state.tokens_meta:
        if meta and "delimiters" in meta:
            _ins_pairs(state, meta["delimiters"])

"""The wording catalogue: every message the library writes, by id, in a syntax that only names fields.

A message is text with ``{field}`` placeholders from its own vocabulary (``{{``/``}}`` for a brace);
nothing else is read, so a house style's wording cannot reach an attribute, ask for a format
width or run code. A :class:`Catalogue` is the library's messages with a house style's overrides.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import close_matches
from .data import read
from .dates import LANGUAGE_NAMES

__all__ = ["MAX_MESSAGE", "Catalogue", "Field", "MessageError", "catalogue", "defaults", "parse", "setting_for",
           "translated", "untranslated", "untranslated_content", "untranslated_text", "vocabulary", "UNTRANSLATED",
           "bracketless"]

#: The longest message a house style may write (characters): a paragraph, never a payload.
MAX_MESSAGE = 2000
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


class MessageError(ValueError):
    """A message that does not parse, or names a field its vocabulary does not have."""


@dataclass(frozen=True, slots=True)
class Field:
    """A ``{name}`` in a message: where a value goes."""

    name: str


Segment = str | Field


def parse(text: str, allowed: frozenset[str] | None = None) -> tuple[Segment, ...]:
    """A message's literal text and fields, in order; :class:`MessageError` says what is wrong and where."""
    if len(text) > MAX_MESSAGE:
        raise MessageError(f"is {len(text):,} characters long: a message is at most {MAX_MESSAGE:,}")
    segments: list[Segment] = []
    literal, at = [], 0
    for m in _TOKEN.finditer(text):
        literal.append(text[at:m.start()])
        at = m.end()
        token = m.group()
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        name = m.group(1)
        if name is None:
            raise MessageError(f"has a stray {token!r} at character {m.start() + 1}: write {token * 2} for a brace")
        if not _NAME.fullmatch(name):
            raise MessageError(f"{{{name}}} at character {m.start() + 1} is not a field: a field is a name such as "
                               "{organisation}, with no dots, brackets or format")
        if allowed is not None and name not in allowed:
            close = close_matches(name, sorted(allowed), n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            raise MessageError(f"uses {{{name}}}, which it cannot: its fields are "
                               f"{', '.join('{%s}' % f for f in sorted(allowed)) or 'none'}{hint}")
        if "".join(literal):
            segments.append("".join(literal))
        literal = []
        segments.append(Field(name))
    literal.append(text[at:])
    if "".join(literal):
        segments.append("".join(literal))
    return tuple(segments)


def _leaves(node: Any, prefix: str) -> Iterator[tuple[str, str]]:
    for key, value in node.items():
        here = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            yield from _leaves(value, here)
        else:
            yield here, str(value)


def _data() -> dict[str, Any]:
    data: dict[str, Any] = read("messages")
    return data


@functools.lru_cache(maxsize=4)
def translated(language: str) -> dict[str, str]:
    """The library's own wording in a language other than English (only what has a published source)."""
    if language == "en":
        return defaults()
    data = read(f"messages.{language}")["messages"]
    unknown = set(data) - set(defaults())
    if unknown:  # the library's own data: a test keeps it in step with messages.yaml
        raise KeyError(f"messages.{language}.yaml: no such message {sorted(unknown)}")
    return {message_id: entry["text"] for message_id, entry in data.items()}


#: The placeholder of a message or standard text with no words in the paper's language: (language, what).
UNTRANSLATED = re.compile(r"\[TO COMPLETE: (\w+) for ([^\]\s]+)\]")


def untranslated_content(field: str, language: str) -> str:
    """What the library's standard (English) content prints in a paper in another language: a placeholder
    naming the field where the council writes it in that language."""
    return f"[TO COMPLETE: {LANGUAGE_NAMES.get(language, language)} for {bracketless(field)}]"


def untranslated_text(field: str, language: str) -> str:
    """What an officer's text the input gives no ``language`` version of prints (a bilingual pair missing one,
    an English default in a Welsh paper): a placeholder naming the field."""
    return f"[TO COMPLETE: {LANGUAGE_NAMES.get(language, language)} text of {bracketless(field) or 'the document'}]"


def bracketless(field: str) -> str:
    """A field path a placeholder can hold (it ends at a ']'): 'sections[0].title' as 'sections.0.title'."""
    return re.sub(r"\[(\d+)\]", r".\1", field).replace("[", "(").replace("]", ")")


def setting_for(message_id: str) -> str:
    """Where a house style gives a message its words: a style.* default is a setting of the style's own."""
    if not message_id.startswith("style."):
        return f"wording.{message_id}"
    setting = message_id.removeprefix("style.")
    rows = re.fullmatch(r"(.+\.fields)\.(\w+)", setting)  # a row's label: the row of that value in the list
    return f"{rows.group(1)} (the label of the {rows.group(2)} row)" if rows else setting


def untranslated(message_id: str, language: str) -> str:
    """What a message with no text in ``language`` prints: a placeholder (a final render refuses it), then its
    fields, so no value it carries is lost."""
    fields = [s for s in _parsed(defaults()[message_id], message_id) if not isinstance(s, str)]
    named = LANGUAGE_NAMES.get(language, language)
    return f"[TO COMPLETE: {named} for {message_id}]" + "".join(" {%s}" % f.name for f in fields)


@functools.lru_cache(maxsize=1)
def defaults() -> dict[str, str]:
    """Every message id and its text, as the library writes it."""
    return dict(_leaves(_data()["messages"], ""))


@functools.lru_cache(maxsize=None)
def vocabulary(message_id: str) -> frozenset[str]:
    """The fields a message may use: those of every prefix of its id in messages.yaml's ``fields``."""
    names: set[str] = set()
    for prefix, fields in _data()["fields"].items():
        if not prefix or message_id == prefix or message_id.startswith(prefix + "."):
            names.update(fields)
    return frozenset(names)


def _unknown(message_id: str) -> KeyError:
    close = close_matches(message_id, list(defaults()), n=1, cutoff=0.6)
    return KeyError(f"{message_id!r} is no message of the library" + (f"; did you mean {close[0]!r}?" if close else
                                                                      " (`ldd-reports wording` lists them)"))


class Catalogue:
    """The library's messages with a house style's own wording over them (checked when made)."""

    def __init__(self, overrides: Mapping[str, str] | None = None, language: str = "en") -> None:
        self.overrides = dict(overrides or {})
        self.language = language  # the overrides are in it; the library's text is its translation, if any
        known = defaults()
        for message_id, text in self.overrides.items():
            if message_id not in known:
                raise _unknown(message_id)
            try:
                parse(text, vocabulary(message_id))
            except MessageError as e:
                raise MessageError(f"{message_id}: {e}") from e

    def text(self, message_id: str) -> str:
        """The message's text as written: the house style's, else the library's in the catalogue's language, else
        a placeholder (a language the library has no words of its own in for this message)."""
        if message_id in self.overrides:
            return self.overrides[message_id]
        if message_id not in defaults():
            raise _unknown(message_id)
        own = translated(self.language)
        return own[message_id] if message_id in own else untranslated(message_id, self.language)

    def segments(self, message_id: str) -> tuple[Segment, ...]:
        return _parsed(self.text(message_id), message_id)

    def fill(self, message_id: str, values: Mapping[str, object]) -> str:
        """The message with each field's value in its place (every field it names must be given)."""
        return "".join(s if isinstance(s, str) else str(values[s.name]) for s in self.segments(message_id))

    def compose(self, message_id: str, values: Mapping[str, str]) -> str:
        """The message as library text, for the library's own filling later: the given fields hold library
        text (their {fields} filled then), the rest stay ``{field}``, the message's own braces stay text."""
        def brace(text: str) -> str:
            return text.replace("{", "{{").replace("}", "}}")

        return "".join(brace(s) if isinstance(s, str) else values[s.name] if s.name in values
                       else "{%s}" % s.name for s in self.segments(message_id))

    def ids(self) -> list[str]:
        return sorted(defaults())


@functools.lru_cache(maxsize=4096)
def _parsed(text: str, message_id: str) -> tuple[Segment, ...]:
    return parse(text, vocabulary(message_id))


@functools.lru_cache(maxsize=64)
def _catalogue(overrides: tuple[tuple[str, str], ...], language: str) -> Catalogue:
    return Catalogue(dict(overrides), language)


def catalogue(overrides: Mapping[str, str] | None = None, language: str = "en") -> Catalogue:
    """The catalogue for a house style's ``wording`` in its language (made once per distinct wording)."""
    return _catalogue(tuple(sorted((overrides or {}).items())), language)

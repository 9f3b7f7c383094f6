"""The placeholders still open in a draft: every [TO COMPLETE: ...] in the input or its outline, with its field."""

from __future__ import annotations

import functools
from typing import Any

from pydantic import BaseModel

from ..caches import for_unchanged, is_unchanged
from ..errors import Problem
from ..content.messages import UNTRANSLATED, Catalogue, defaults, setting_for
from ..outline.properties import core_properties
from ..markup import PLACEHOLDER

__all__ = ["open_items"]

_OPEN = "[TO COMPLETE:"  # a placeholder's start: a plain search before the pattern


def open_items(document: Any, outline: Any = None, words: Catalogue | None = None, record: bool = False,
               properties: dict[str, str] | None = None) -> list[Problem]:
    """Every field still holding a [TO COMPLETE: ...] placeholder, in order.

    With the document's ``outline``, also the placeholders its house style prints for a value the
    paper has not given (e.g. a front sheet's 'Wards affected'); with its house style's ``words``,
    a message of the document's properties (title, subject ...) with no words in its language
    (``properties``: those of a final paper in those words, where the caller has them already).
    """
    found: list[Problem] = []
    if properties is None and words is not None:
        properties = core_properties(document, record=record, words=words)
    written = [("", text) for text in (properties or {}).values() if UNTRANSLATED.search(text)]
    written += [(piece.field, piece.text) for piece in (outline.pieces() if outline is not None else ())
                if _OPEN in piece.text and piece.origin != "officer" and PLACEHOLDER.search(piece.text)]
    # (an officer's is in the input: found below; the plain search first, a tenth of the pattern's time)
    for field, text in written:
        missing = UNTRANSLATED.search(text)
        if missing and missing.group(2) in defaults():  # a message with no words in the paper's language
            problem = Problem(f"house style: {setting_for(missing.group(2))}", missing.group())
        elif not field:
            continue  # a property's placeholder that is no message's (its value's, reported where it prints)
        else:  # the house style's placeholder for a missing value, or standard content to write in the language
            problem = Problem(field, text)
        if problem not in found:
            found.append(problem)  # once, though the header block and the footer may both show it
    meeting = getattr(document, "meeting", None)
    if meeting is not None and meeting.date is None and not any(p.field == "meeting.date" for p in found):
        found.append(Problem("meeting.date", "[TO COMPLETE: meeting date]"))
    if not _any_placeholder(document):
        return found  # the usual case, found far faster than by naming every field

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            found.extend(Problem(path, m.group()) for m in PLACEHOLDER.finditer(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(document.model_dump(mode="python"), "")
    return found


def _any_placeholder(document: BaseModel) -> bool:
    """Whether any text the document holds has a placeholder's start: its values walked as pydantic holds them,
    in about half the time of dumping the document to JSON to search that."""
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        kind = type(value)  # exact types first: isinstance against a model class asks its ABC metaclass
        if kind is str:
            if _OPEN in value:
                return True
        elif kind is list or kind is tuple:
            stack.extend(value)
        elif kind is dict:
            stack.extend(value.values())
        elif value is None or kind is bool or kind is int:
            continue
        elif isinstance(value, BaseModel):
            if value is not document and is_unchanged(value):  # a batch's base value: looked through once
                if for_unchanged(value, _any_placeholder, functools.partial(_any_placeholder, value)):
                    return True
                continue
            stack.extend(value.__dict__.values())  # pydantic keeps each field's value here
        elif isinstance(value, str) and _OPEN in value:  # a kind of text (an enum's value)
            return True
    return False


"""Nothing dropped, by construction: every value the input gives is in the outline, or the house style says why not.

One audit after the outline is built, in place of a check per part: it compares the field path of
every text and date the document holds with the field paths the outline's pieces carry (the
running header and footer, and regions' marks, included). A value no piece carries is refused
with its field and the house-style setting that decides where it would go, unless the style
lists it under ``hidden:`` with a reason.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..caches import for_unchanged, is_unchanged
from ..errors import InputError, Problem
from ..house_styles.style import PARTS, HouseStyle
from ..models.base import Printed, clean_text
from .nodes import Outline

__all__ = ["carried", "hidden_by", "hidden_values", "input_values", "refuse_dropped"]

#: Where a house style decides whether each part of the input is shown (the setting to look at).
_SETTINGS = (
    ("decision.", "record.parts and record.fields"), ("meeting.also", "header_block.fields (meetings)"),
    ("summary", "parts (summary) or header_block.fields (summary)"), ("circulation", "parts (circulation)"),
    ("background_papers", "parts (background_papers)"),
    ("options_rejected", "header_block.fields (options_rejected)"),
    ("urgency", "header_block.fields (urgency)"), ("late_reason", "header_block.fields (late_reason)"),
    ("one_line_summary", "header_block.fields (one_line_summary)"),
    ("contacts[", "contacts.layout and contacts.line, or header_block.fields (contacts, contact:ROLE)"),
    ("sections[", "parts (body)"), ("appendices[", "parts (appendices, appendix_list)"),
    ("forward_plan_reference", "header_block.fields (key_decision, which shows it with the decision)"),
    ("recommendations.", "parts (recommendations) or header_block.fields (recommendations)"),
)
_INDEX = re.compile(r"\[\d+\]")
#: Values that word the library's text rather than print on their own: the short name ({short} in
#: library text) and the date a pinned standard paragraph is quoted as at.
_PARAMETERS = re.compile(r"organisation\.short_name|.*\.as_at")
_LAST = re.compile(r"(\.[^.\[]+|\[\d+\])$")


def _parent(path: str) -> str:
    """The field path one step up ('sections[2].title' -> 'sections[2]' -> 'sections' -> ''): without its last
    '.name' (no '.' or '[' in the name) or '[index]' (what _LAST matches; found by hand, a fifth of the time)."""
    dot = path.rfind(".")
    if dot >= 0 and dot + 1 < len(path) and "[" not in path[dot + 1:]:
        return path[:dot]
    bracket = path.rfind("[")
    if path.endswith("]") and bracket >= 0 and path[bracket + 1:-1].isdecimal():
        return path[:bracket]
    return ""


def _marks_text(metadata: Any) -> bool:
    return any(getattr(meta, "func", None) is clean_text or isinstance(meta, Printed) for meta in metadata)


def _is_text(annotation: Any) -> bool:
    """Whether a field's type holds an officer's words (Text, Name), a date or a printed value, at any depth."""
    if annotation is dt.date or _marks_text(getattr(annotation, "__metadata__", ())):
        return True
    return any(_is_text(arg) for arg in typing.get_args(annotation))


_LEAVES = (str, int, float, bool, type(None), dt.date, dt.time, dt.datetime)


def _holds_more(annotation: Any) -> bool:
    """Whether a field's type may hold a model, list or mapping (worth walking into): all but plain values."""
    if typing.get_origin(annotation) is typing.Literal:
        return False
    if isinstance(annotation, type) and (issubclass(annotation, _LEAVES) or issubclass(annotation, enum.Enum)):
        return False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return any(_holds_more(arg) for arg in typing.get_args(annotation))
    return True  # a model, a list, a mapping, or a type not known here: walked


@functools.lru_cache(maxsize=None)
def _text_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of a model that hold text the paper prints, or something that may (and whether they are text);
    a field that can only hold a plain value other than text (a kind, a flag) is not walked."""
    # pydantic keeps a field's own Annotated metadata (Text's validator) apart from its type
    fields = ((name, _marks_text(info.metadata) or _is_text(info.annotation), info.annotation)
              for name, info in model.model_fields.items())
    return tuple((name, text) for name, text, annotation in fields if text or _holds_more(annotation))


def input_values(model: BaseModel, path: str = "") -> list[str]:
    """The field path of every text and date the document holds with something in it."""
    found: list[str] = []
    _model_values(model, path, found)
    return found


# A list built in one recursion, not generators nested as deep as the document (a third of the time).
def _model_values(model: BaseModel, path: str, found: list[str]) -> None:
    held = model.__dict__  # pydantic keeps each field's value here
    prefix = f"{path}." if path else ""
    for name, text in _text_fields(type(model)):
        value = held[name]
        if value is None:
            continue
        if text and isinstance(value, str):  # the usual leaf, here rather than a call
            if value.strip():
                found.append(prefix + name)
        else:
            _values(value, prefix + name, text, found)


def _held_values(model: BaseModel, path: str) -> tuple[str, ...]:
    found: list[str] = []
    _model_values(model, path, found)
    return tuple(found)


def _values(value: Any, path: str, text: bool, found: list[str]) -> None:
    if isinstance(value, BaseModel):
        if is_unchanged(value):  # a batch's base value, in every row at the same place: walked once
            found.extend(for_unchanged(value, ("input_values", path), functools.partial(_held_values, value, path)))
        else:
            _model_values(value, path, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _values(item, f"{path}[{i}]", text, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _values(item, f"{path}.{key}", text, found)
    elif value is not None and text and str(value).strip():
        found.append(path)  # text and dates with something in them, and the printed values (a key decision's yes or no)


def carried(outline: Outline) -> set[str]:
    """Every field path a piece of the outline carries (and each of its parents)."""
    fields: set[str] = set()
    for piece in outline.pieces():
        for field in (piece.field, *piece.also):
            while field and field not in fields:
                fields.add(field)
                field = _parent(field)
    return fields


def hidden_by(style: HouseStyle, path: str) -> str | None:
    """The house style's reason for not printing ``path`` (its ``hidden:`` entry), if it gives one."""
    if not style.hidden:  # most styles hide nothing: no pattern to make for each of a paper's values
        return None
    pattern = _INDEX.sub("[]", path)
    for hidden, reason in style.hidden.items():
        if pattern == hidden or pattern.startswith((hidden + ".", hidden + "[")):
            return reason
    return None


def hidden_values(document: BaseModel, style: HouseStyle, *, record: bool = False) -> list[tuple[str, str]]:
    """(field, reason) of each value the input gives that the house style leaves out on purpose (``hidden:``)."""
    return [(path, reason) for path in input_values(document) if record == path.startswith("decision.")
            for reason in [hidden_by(style, path)] if reason is not None]


def refuse_dropped(document: BaseModel, outline: Outline, style: HouseStyle, *, record: bool = False,
                   public: bool = False) -> None:
    """Refuse an outline that leaves out a value the input gives (never a silent drop).

    ``public``: the version for publication, whose exempt parts are statements already (their
    paragraph is in the statement's words, not marked on the part).
    """
    # The paper prints the paper, the record the decision: each audits its own.
    values = [path for path in input_values(document) if record == path.startswith("decision.")
              and not _PARAMETERS.fullmatch(path) and hidden_by(style, path) is None
              and not (public and path.endswith(".exempt.paragraph"))]
    # Most values are a piece's own field; only the rest need every piece's parents (a tenth of the time)
    pieces = list(outline.pieces())
    fields = {piece.field for piece in pieces}
    for piece in pieces:
        if piece.also:  # (rare: a tuple made for each piece cost two thirds of this set)
            fields.update(piece.also)
    unseen = [path for path in values if path not in fields]
    if not unseen:
        return
    shown = carried(outline)
    dropped = {path for path in unseen if path not in shown}
    if not dropped:
        return
    problems = []
    for path in _widest(dropped, values, style):
        setting = next((where for prefix, where in _SETTINGS if path.startswith(prefix)), "header_block.fields, "
                       "page.header and page.footer")
        problems.append(Problem(path, f"house style {style.name!r} never prints it: show it ({setting}), or list "
                                      "it under the style's hidden: with the reason"))
    raise InputError(problems)


def _widest(dropped: set[str], values: list[str], style: HouseStyle) -> list[str]:
    """Each dropped value once: a whole part the house style leaves out of its ``parts`` ('summary'), else
    the field itself, a list of text as one ('sections[0].content' for all its paragraphs)."""
    kept: set[str] = set()  # every part of the input that holds a value the paper prints
    for path in values:
        while path not in dropped and path and path not in kept:
            kept.add(path)
            path = _parent(path)

    def all_dropped(part: str) -> bool:
        return part not in kept

    out: list[str] = []
    for path in (v for v in values if v in dropped):
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        if top in PARTS and top not in style.parts and all_dropped(top):
            widest = top
        else:
            widest = path
            while _LAST.search(widest) and widest.endswith("]") and all_dropped(_parent(widest)):
                widest = _parent(widest)  # every item of a list of text: the list
        if widest not in out:
            out.append(widest)
    return out

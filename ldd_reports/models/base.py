"""The strict model base and the text type every officer-written string goes through."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, model_validator
from pydantic_core import PydanticCustomError, core_schema

__all__ = ["PRINTED", "After", "Before", "Date", "Name", "Printed", "StrictModel", "Text", "Time", "clean_text",
           "new_dict", "new_list"]

# Characters XML 1.0 cannot hold (it holds tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD and U+10000 up);
# they would be dropped by docxtpl's recovering parser or make Word refuse the file, so they are refused
# here instead. Written as the few it excludes: the class of all it holds takes 6 ms to compile.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class After:
    """Type metadata: ``func`` applied to the value once it is validated, as pydantic's ``AfterValidator(func)``,
    for a function of the value alone. Pydantic reads an AfterValidator's signature at every field that has
    it (to see whether it takes a ValidationInfo): 233 reads, 8 ms of each start for Text and its kin."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.func, handler(source))


class Before(After):
    """Type metadata: ``func`` applied to the value as given, before it is validated (``BeforeValidator``)."""

    __slots__ = ()

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self.func, handler(source))


def clean_text(value: str) -> str:
    """Normalise line ends (Word's pasted line break U+000B included) and refuse non-XML chars."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u000b", "\n")
    bad = _NOT_XML.search(value)
    if bad:
        raise PydanticCustomError(
            "xml_character",
            "character U+{code} at position {position} cannot be stored in a Word document",
            {"code": f"{ord(bad.group()):04X}", "position": bad.start() + 1},
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "must not be blank: the paper would print nothing where it goes "
                                           "(\"Agrees that  signs ...\")")
    return value


def new_list() -> list[Any]:
    """A field's empty list (``Field(default_factory=new_list)``). Pydantic reads a factory's signature, to
    see whether it takes the validated data: a Python function's at once, a builtin's (``list``) parsed from
    its text for every field, 0.15 ms each, 12 ms of every process's start."""
    return []


def new_dict() -> dict[Any, Any]:
    """A field's empty dict (see :func:`new_list`)."""
    return {}


class Printed:
    """Type metadata: a value that is not text which the paper prints ('Key decision: Yes'), so it is audited."""


#: Marks a non-text field the paper prints: the audit (``outline.audit``) checks it is shown.
PRINTED = Printed()

#: Every string an officer writes: literal text (plus inline markup where the document allows it).
Text = Annotated[str, After(clean_text)]
#: A name or heading the paper cannot do without: text with at least one character that is not a space.
Name = Annotated[str, After(clean_text), After(_not_blank)]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _date_text(value: Any) -> Any:
    """A date typed some other way (10/12/2026, 10 Dec 2026) is told the one form dates take."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value.strip()):
        raise PydanticCustomError("date_format", "'{value}' is not a date in YYYY-MM-DD form (10 December 2026 "
                                                 "is 2026-12-10)", {"value": value})
    return value.strip() if isinstance(value, str) else value


def _date_range(value: dt.date) -> dt.date:
    # Timetables count weeks either side: a date near year 1 or 9999 would overflow, and none is a meeting's.
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError("date_range", "{value} is not a date of a council's paper (between {first} and "
                                                "{last})", {"value": value.isoformat(), "first": EARLIEST.year,
                                                           "last": LATEST.year})
    return value


#: Every date of an input: YYYY-MM-DD, between 1900 and 2199.
Date = Annotated[dt.date, Before(_date_text), After(_date_range)]

_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


def _time_text(value: Any) -> Any:
    """A time of day as written, 24-hour: '19:30' (or '19.30'); anything else names the one form times take."""
    if isinstance(value, dt.time):
        return value
    m = _TIME.fullmatch(str(value).strip())
    if m is None:
        raise PydanticCustomError("time_format", "'{value}' is not a time in HH:MM form (half past seven in the "
                                                 "evening is 19:30)", {"value": value})
    return dt.time(int(m.group(1)), int(m.group(2)))


#: A time of day: HH:MM, 24-hour ('19:30'); printed as the house style says ('7.30 pm').
Time = Annotated[dt.time, Before(_time_text)]


@functools.lru_cache(maxsize=None)
def _empty_list_fields(model: type[BaseModel]) -> frozenset[str]:
    """Names (and aliases) of the fields of ``model`` whose default is an empty list."""
    names = set()
    for name, info in model.model_fields.items():
        if info.default_factory in (list, new_list) or info.default == []:
            names |= {name, info.alias or name}
    return frozenset(names)


class StrictModel(BaseModel):
    """Base of every input model: unknown fields are errors, defaults are validated too."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=True,
        validate_assignment=True,
        use_enum_values=False,
        defer_build=True,  # build validators once, for the whole document, on first use
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_list_is_default(cls, value: Any) -> Any:
        """``items:`` with nothing after it (its last entry deleted) is an empty list, as the default is.

        Only for list fields whose default is an empty list; a required list still says it is missing.
        """
        if not isinstance(value, dict):
            return value
        empty = [key for key, item in value.items() if item is None and key in _empty_list_fields(cls)]
        return {k: v for k, v in value.items() if k not in empty} if empty else value

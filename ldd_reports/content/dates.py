"""Dates as councils print them, without platform-specific strftime codes (no %-d on Windows)."""

from __future__ import annotations

import datetime as dt
import re
import string

__all__ = ["check_date_format", "format_date"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FIELDS = {"day", "month", "year", "weekday"}
_SPEC = re.compile(r"[<>^]?0?\d{1,2}")


def check_date_format(fmt: str) -> str:
    """Return ``fmt`` if it only uses {day}, {month}, {year} and {weekday}; else raise ValueError."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(fmt)
                  if name is not None]
    except ValueError as e:
        raise ValueError(f"bad date format {fmt!r}: {e}") from e
    for name, spec, conversion in fields:
        # {day:02} is fine; a conversion, a nested field or a width such as {day:>300000000} is not
        if conversion or (spec and not _SPEC.fullmatch(spec)):
            raise ValueError(f"date field {{{name}:{spec}}}: only a width of up to two digits is allowed, e.g. {{day:02}}")
    names = {name for name, _, _ in fields}
    unknown = names - _FIELDS
    if unknown:
        raise ValueError(f"unknown date field(s) {sorted(unknown)}; use {{day}}, {{month}}, {{year}}, {{weekday}}")
    return fmt


def format_date(value: dt.date, fmt: str = "{day} {month} {year}") -> str:
    """'10 September 2020' by default (GOV.UK style)."""
    return fmt.format(day=value.day, month=MONTHS[value.month - 1], year=value.year,
                      weekday=WEEKDAYS[value.weekday()])

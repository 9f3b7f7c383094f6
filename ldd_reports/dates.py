"""Dates as councils print them, without platform-specific strftime codes (no %-d on Windows)."""

from __future__ import annotations

import datetime as dt
import string

__all__ = ["check_date_format", "format_date"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FIELDS = {"day", "month", "year", "weekday"}


def check_date_format(fmt: str) -> str:
    """Return ``fmt`` if it only uses {day}, {month}, {year} and {weekday}; else raise ValueError."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None}
    except ValueError as e:
        raise ValueError(f"bad date format {fmt!r}: {e}") from e
    unknown = names - _FIELDS
    if unknown:
        raise ValueError(f"unknown date field(s) {sorted(unknown)}; use {{day}}, {{month}}, {{year}}, {{weekday}}")
    return fmt


def format_date(value: dt.date, fmt: str = "{day} {month} {year}") -> str:
    """'10 September 2020' by default (GOV.UK style)."""
    return fmt.format(day=value.day, month=MONTHS[value.month - 1], year=value.year,
                      weekday=WEEKDAYS[value.weekday()])

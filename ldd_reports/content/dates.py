"""Dates as councils print them, without platform-specific strftime codes (no %-d on Windows).

English names are the library's; Welsh ones (``language="cy"``) are CLDR's, through babel.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "check_date_format", "check_time_format", "format_date", "format_time", "ordinal"]

#: The languages a paper may be written in, by code; the value is its tag in Word (w:lang).
LANGUAGES = {"en": "en-GB", "cy": "cy-GB"}
#: Each language's name, as errors and placeholders say it.
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FIELDS = ("day", "ordinal", "month", "year", "weekday")
_TIME_FIELDS = ("hour", "hour24", "minute", "am_pm")
_SPEC = re.compile(r"[<>^]?0?\d{1,2}")


def _check(fmt: str, known: tuple[str, ...], what: str) -> str:
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(fmt)
                  if name is not None]
    except ValueError as e:
        raise ValueError(f"bad {what} format {fmt!r}: {e}") from e
    for name, spec, conversion in fields:
        # {day:02} is fine; a conversion, a nested field or a width such as {day:>300000000} is not
        if conversion or (spec and not _SPEC.fullmatch(spec)):
            raise ValueError(f"{what} field {{{name}:{spec}}}: only a width of up to two digits is allowed, "
                             "e.g. {day:02}")
    unknown = {name for name, _, _ in fields} - set(known)
    if unknown:
        raise ValueError(f"unknown {what} field(s) {sorted(unknown)}; use " + ", ".join("{%s}" % f for f in known))
    return fmt


def check_date_format(fmt: str) -> str:
    """Return ``fmt`` if it only uses {day}, {ordinal}, {month}, {year} and {weekday}; else raise ValueError."""
    return _check(fmt, _FIELDS, "date")


def check_time_format(fmt: str) -> str:
    """Return ``fmt`` if it only uses {hour}, {hour24}, {minute} and {am_pm}; else raise ValueError."""
    return _check(fmt, _TIME_FIELDS, "time")


def ordinal(day: int) -> str:
    """'1st', '2nd', '3rd', '4th' ... '11th', '12th', '13th', '21st' (English)."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@functools.lru_cache(maxsize=4)
def _names(language: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The months and weekdays (Monday first) in a language."""
    if language == "en":
        return MONTHS, WEEKDAYS
    from babel.dates import get_day_names, get_month_names

    months, days = get_month_names("wide", locale=language), get_day_names("wide", locale=language)
    return tuple(months[m] for m in range(1, 13)), tuple(days[d] for d in range(7))


def format_date(value: dt.date, fmt: str = "{day} {month} {year}", language: str = "en") -> str:
    """'10 September 2020' by default (GOV.UK style); '{weekday}, {ordinal} {month}, {year}' gives
    'Monday, 19th November, 2012'. In Welsh, '14 Mawrth 2026' and 'Dydd Sadwrn, 14 Mawrth 2026'
    (CLDR has no Welsh ordinals, so {ordinal} is English only: a Welsh house style is refused it)."""
    months, weekdays = _names(language)
    return fmt.format(day=value.day, ordinal=ordinal(value.day) if language == "en" else value.day,
                      month=months[value.month - 1], year=value.year, weekday=weekdays[value.weekday()])


def format_time(value: dt.time, fmt: str = "{hour}.{minute:02} {am_pm}", language: str = "en") -> str:
    """'7.30 pm' by default; '{hour24:02}:{minute:02}' gives '19:30'; in Welsh, CLDR's period ('7.30 PM')."""
    hour = value.hour % 12 or 12
    period = "am" if value.hour < 12 else "pm"
    if language != "en":
        from babel.dates import get_period_names

        period = get_period_names("abbreviated", "format", locale=language)[period]
    return fmt.format(hour=hour, hour24=value.hour, minute=value.minute, am_pm=period)

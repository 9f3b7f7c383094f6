"""The statutory timetable around a decision: notice, agenda, decision record, call-in (rules in content/timetable.yaml).

Clear days never count the day of publication or the meeting. The forward plan's and the private
meeting notice's 28 clear days are calendar days; the agenda's clear days leave out Saturdays,
Sundays and the nation's bank holidays (or, as a house style chooses, only Sundays and bank
holidays). Working days leave out Saturdays, Sundays and bank holidays. Bank holidays come from
the ``holidays`` package, for England or Wales.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from ..content import library as lib
from ..content.wording import library_fields
from ..errors import InputError, Problem
from ..house_styles.style import HouseStyle, TimetableRules
from ..models import Report

__all__ = ["KEYS", "Timetable", "add_working_days", "bank_holiday", "clear_days_before", "timetable"]

#: The dates a timetable gives, in order (the JSON keys).
KEYS = ("forward_plan_notice_by", "private_meeting_notice_by", "report_deadline", "agenda_published_by",
        "decision_record_by", "call_in_ends", "implement_from")


@functools.lru_cache(maxsize=8)
def _bank_holidays(nation: str) -> Any:
    import holidays

    subdivision = lib.timetable_rules()["nations"][nation]["bank_holidays"]
    return holidays.country_holidays("GB", subdiv=subdivision)


def bank_holiday(day: dt.date, nation: str) -> str | None:
    """The bank holiday's name, where ``day`` is one in the nation."""
    name = _bank_holidays(nation).get(day)
    return str(name) if name else None


def _working(day: dt.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(nation)


def add_working_days(day: dt.date, n: int, nation: str) -> dt.date:
    """The ``n``-th working day after ``day`` (before it for a negative n; ``day`` itself for 0)."""
    step = dt.timedelta(days=1 if n > 0 else -1)
    left = abs(n)
    while left:
        day += step
        if _working(day, nation):
            left -= 1
    return day


def clear_days_before(meeting: dt.date, n: int, nation: str, counted: str = "calendar") -> dt.date:
    """The last day to publish so that ``n`` clear days (of the ``counted`` kind) lie before ``meeting``.

    'calendar': every day; 'working_days': no Saturday, Sunday or bank holiday; 'sundays_and_holidays':
    no Sunday or bank holiday. Publication is moved back to a working day where the last day is not one.
    """
    day, found = meeting, 0
    while found < n:
        day -= dt.timedelta(days=1)
        if counted == "calendar" or counted == "working_days" and _working(day, nation) or (
                counted == "sundays_and_holidays" and day.weekday() != 6 and day not in _bank_holidays(nation)):
            found += 1
    day -= dt.timedelta(days=1)
    while not _working(day, nation):
        day -= dt.timedelta(days=1)
    return day


@dataclass(frozen=True)
class Timetable:
    """The dates around one decision, each with what the rule says and its source (None: does not apply)."""

    meeting: dt.date
    route: str
    nation: str
    key_decision: bool
    exempt: bool
    dates: dict[str, dt.date | None] = field(default_factory=dict)
    rules: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {label, says, source}
    decided: dt.date | None = None  # the decision's date (the meeting's until a decision is recorded)
    call_in: str = "applies"  # 'applies', 'urgent' / 'exempt' (the decision's), 'not_applicable' (the route's)


    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the meeting, each date as ISO (or null), and the rules."""
        return {"meeting": self.meeting.isoformat(), "decided": (self.decided or self.meeting).isoformat(),
                "call_in": self.call_in, "route": self.route, "nation": self.nation,
                "key_decision": self.key_decision, "exempt_information": self.exempt,
                **{k: (v.isoformat() if v else None) for k, v in self.dates.items()}, "rules": self.rules}


def timetable(doc: Report, style: HouseStyle) -> Timetable:
    """The timetable for a report's decision, by its meeting date, route, nation, key decision and exempt parts."""
    from .exempt import exempt_parts

    meeting = doc.meeting.date
    nation = doc.organisation.nation.value
    rules = lib.timetable_rules()
    problems: list[Problem] = []
    if meeting is None:
        problems.append(Problem("meeting.date", "the timetable counts from the meeting date: give it"))
    if nation not in rules["nations"]:
        problems.append(Problem("organisation.nation", f"the timetable models England and Wales, not {nation}"))
    if problems or meeting is None:
        raise InputError(problems)
    law, own = rules["nations"][nation], style.timetable
    route = doc.meeting.body_kind.value
    key, exempt = bool(doc.key_decision), any(True for _ in exempt_parts(doc))
    dates: dict[str, dt.date | None] = dict.fromkeys(KEYS)
    if key and law["forward_plan_clear_days"]:
        dates["forward_plan_notice_by"] = clear_days_before(meeting, law["forward_plan_clear_days"], nation)
    if exempt and lib.decision_route(route)["private_meeting_notice"] and law["private_notice_clear_days"]:
        dates["private_meeting_notice_by"] = clear_days_before(meeting, law["private_notice_clear_days"], nation)
    dates["report_deadline"] = add_working_days(meeting, -own.report_deadline_working_days, nation)
    dates["agenda_published_by"] = clear_days_before(meeting, law["agenda_clear_days"], nation, own.clear_days)
    decision = doc.decision
    decided: dt.date = decision.date if decision is not None else meeting
    record_by = dates["decision_record_by"] = add_working_days(decided, own.decision_record_working_days, nation)
    published = decision.published if decision is not None and decision.published else record_by
    call_in = "applies" if _call_in_applies(route, key, own) else "not_applicable"
    if call_in == "applies" and decision is not None:
        call_in = decision.call_in  # urgency, or exempt from call-in
    if call_in == "applies":
        ends = dates["call_in_ends"] = add_working_days(published, own.call_in_working_days, nation)
        dates["implement_from"] = add_working_days(ends, 1, nation)
    else:
        dates["implement_from"] = add_working_days(decided, 1, nation)
    return Timetable(meeting, route, nation, key, exempt, dates, _rules(doc, style, rules["rules"], law), decided,
                     call_in)


def _call_in_applies(route: str, key_decision: bool, own: TimetableRules) -> bool:
    """Whether a decision on this route can be called in: the executive's (an officer's only when key)."""
    call_in = lib.decision_route(route)["call_in"]  # always, never or key_decisions (content/decision_routes.yaml)
    return bool(own.call_in_working_days) and (call_in == "always" or (call_in == "key_decisions" and key_decision))


def _rules(doc: Report, style: HouseStyle, rules: dict[str, dict[str, str]], law: dict[str, Any]
           ) -> dict[str, dict[str, str]]:
    """Each date's label, what its rule says (in the house style's wording) and its source (the law's)."""
    words = style.words
    values = {**library_fields(doc), "days": str(law["agenda_clear_days"]),
              "counted": words.text(f"timetable.counted.{style.timetable.clear_days}")}
    return {k: {"label": words.fill(f"timetable.{k}.label", values), "says": words.fill(f"timetable.{k}.says", values),
                "source": v["source"]} for k, v in rules.items()}

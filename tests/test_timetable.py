"""The statutory timetable: clear days, working days and bank holidays (England and Wales), call-in, and the check."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml

import ldd_reports
from ldd_reports.cli import main
from ldd_reports.house_styles.style import HouseStyle, resolve_house_style
from ldd_reports.governance.timetable import add_working_days, clear_days_before, timetable

from conftest import minimal_report

D = dt.date.fromisoformat


def plan(style: HouseStyle | None = None, **overrides):
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(**overrides), allow_unicode=True))
    return timetable(doc, style or resolve_house_style(None, doc))


def test_a_key_decision_at_an_english_cabinet_on_thursday_10_december_2026(tmp_path, capsys):
    t = plan(key_decision=True)
    assert t.dates["forward_plan_notice_by"] == D("2026-11-11")  # 28 clear calendar days
    assert t.dates["agenda_published_by"] == D("2026-12-02")  # 5 clear working days: 3, 4, 7, 8, 9 December
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(minimal_report(key_decision=True)), encoding="utf-8")
    assert main(["timetable", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["forward_plan_notice_by"] == "2026-11-11" and out["agenda_published_by"] == "2026-12-02"
    for key in ("forward_plan_notice_by", "agenda_published_by", "decision_record_by", "call_in_ends",
                "implement_from"):
        assert key in out and out["rules"][key]["source"]


def test_clear_days_leave_out_the_day_of_publication_and_the_meeting():
    # Meeting Monday 14 December 2026; five clear working days are 7-11 December; publish Friday 4th.
    assert clear_days_before(D("2026-12-14"), 5, "england", "working_days") == D("2026-12-04")
    # 28 clear calendar days: 16 November to 13 December; published on Friday 13 November (the 15th is a Sunday).
    assert clear_days_before(D("2026-12-14"), 28, "england") == D("2026-11-13")


def test_christmas_and_new_year_are_not_clear_days():
    # Meeting Thursday 7 January 2027: back over 6, 5, 4 January, New Year's Day (bank holiday) skipped,
    # 31 and 30 December; Christmas and Boxing Day (observed 28th) are bank holidays too.
    assert clear_days_before(D("2027-01-07"), 5, "england", "working_days") == D("2026-12-29")
    # A Cabinet on 7 January: record due two working days after, call-in five working days after that.
    t = plan(meeting={"body": "Cabinet", "date": "2027-01-07"})
    assert t.dates["decision_record_by"] == D("2027-01-11")
    assert t.dates["call_in_ends"] == D("2027-01-18") and t.dates["implement_from"] == D("2027-01-19")
    # A decision taken on 23 December 2026: Christmas Day, Boxing Day (observed Monday 28th) and
    # New Year's Day are not working days.
    assert add_working_days(D("2026-12-23"), 2, "england") == D("2026-12-29")
    assert add_working_days(D("2026-12-30"), 2, "england") == D("2027-01-04")


def test_easter_is_not_counted():
    # Meeting Thursday 1 April 2027; Good Friday 26 March and Easter Monday 29 March are bank holidays.
    assert clear_days_before(D("2027-04-01"), 5, "england", "working_days") == D("2027-03-22")
    # The Sundays-and-holidays reading counts Saturdays: 31, 30, 27 March (Sat), 25, 24 March.
    assert clear_days_before(D("2027-04-01"), 5, "england", "sundays_and_holidays") == D("2027-03-23")


def test_a_welsh_meeting_has_three_clear_days_and_no_forward_plan_notice():
    t = plan(organisation={"name": "Cyngor Sir Ynys M\u00f4n", "kind": "welsh"}, key_decision=True)
    assert t.nation == "wales"
    assert t.dates["agenda_published_by"] == D("2026-12-04")  # 7, 8, 9 December clear
    assert t.dates["forward_plan_notice_by"] is None


def test_welsh_bank_holidays_are_wales_own():
    # Wales has England's bank holidays; Scotland's St Andrew's Day is not one in either.
    assert add_working_days(D("2026-11-27"), 1, "wales") == D("2026-11-30")


def test_the_house_style_sets_the_council_s_own_deadlines():
    style = resolve_house_style("cabinet").model_copy(update={"timetable": resolve_house_style(
        "cabinet").timetable.model_copy(update={"report_deadline_working_days": 5, "call_in_working_days": 3,
                                                "clear_days": "sundays_and_holidays"})})
    t = plan(style)
    assert t.dates["report_deadline"] == D("2026-12-03")
    assert t.dates["agenda_published_by"] == D("2026-12-03")  # Saturday 5th counts: 9, 8, 7, 5, 4
    assert t.dates["call_in_ends"] == add_working_days(t.dates["decision_record_by"], 3, "england")


@pytest.mark.parametrize("route, key, call_in", [
    ("cabinet", False, True), ("cabinet_member", False, True), ("officer", False, False), ("officer", True, True),
    ("committee", False, False), ("council", True, False),
])
def test_call_in_applies_to_executive_decisions(route, key, call_in):
    t = plan(meeting={"body": "Decision maker", "body_kind": route, "date": "2026-12-10"}, key_decision=key)
    assert (t.dates["call_in_ends"] is not None) is call_in
    assert t.dates["implement_from"] > t.meeting


def test_private_meeting_notice_for_an_executive_meeting_with_exempt_information():
    t = plan(appendices=[{"title": "Quote", "content": ["x"], "exempt": {"paragraph": 3}}])
    assert t.dates["private_meeting_notice_by"] == D("2026-11-11")
    assert plan().dates["private_meeting_notice_by"] is None


def test_the_timetable_needs_a_meeting_date():
    data = minimal_report()
    del data["meeting"]["date"]
    with pytest.raises(ldd_reports.InputError, match="meeting.date"):
        timetable(ldd_reports.loads(yaml.safe_dump(data)), resolve_house_style("cabinet"))


def test_check_reports_a_report_date_and_a_meeting_that_miss_the_timetable():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(key_decision=True, report_date="2026-12-04")))
    found = {(f.code, f.field, f.severity) for f in ldd_reports.check(doc, today=D("2026-11-20"))}
    assert ("timetable", "report_date", "warning") in found  # after the agenda's 2 December
    assert ("timetable", "meeting.date", "error") in found  # forward plan notice was due 11 November
    ok = ldd_reports.loads(yaml.safe_dump(minimal_report(key_decision=True, forward_plan_reference="FP/2026/41",
                                                         report_date="2026-11-20")))
    assert [f for f in ldd_reports.check(ok, today=D("2026-11-20")) if f.code == "timetable"] == []
    assert [f for f in ldd_reports.check(doc, today=D("2026-10-01")) if f.field == "meeting.date"
            and f.code == "timetable"] == []  # in time


def test_check_reports_a_meeting_on_a_bank_holiday():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(meeting={"body": "Cabinet", "date": "2027-05-03"})))
    assert any(f.code == "dates" and "bank holiday" in f.message for f in ldd_reports.check(doc, today=D("2027-01-01")))


def test_the_text_output_names_each_rule_and_its_source(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(minimal_report(key_decision=True)), encoding="utf-8")
    assert main(["timetable", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Thursday 10 December 2026" in out and "Forward plan notice by     2026-11-11" in out
    assert "(SI 2012/2089), reg. 9" in out and "s.100B(3)" in out


def test_check_reports_late_private_and_agenda_notices_for_a_meeting_ahead():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(
        appendices=[{"title": "Quote", "content": ["x"], "exempt": {"paragraph": 3}}])))
    late = [f.message for f in ldd_reports.check(doc, today=D("2026-12-04")) if f.code == "timetable"]
    assert any("private part, by 2026-11-11" in m for m in late)
    assert any("agenda had to be published by 2026-12-02" in m for m in late)
    assert [f for f in ldd_reports.check(doc, today=D("2026-11-01")) if f.code == "timetable"] == []
    assert [f for f in ldd_reports.check(doc, today=D("2027-01-05")) if f.code == "timetable"] == []  # held


def test_a_report_dated_the_meeting_day_is_taken_as_the_meeting_date():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(report_date="2026-12-10")))
    assert [f for f in ldd_reports.check(doc, today=D("2026-11-01")) if f.field == "report_date"] == []

"""A council's own form: dates and times as it writes them, the meetings a paper goes to, and form features."""

from __future__ import annotations

import datetime as dt

import pytest

import ldd_reports
from ldd_reports import HouseStyle, InputError
from ldd_reports.content.dates import format_date, format_time, ordinal
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.outline.build import outline_of

from conftest import minimal_report, open_docx


def _style(base: str, **update: object) -> HouseStyle:
    data = resolve_house_style(base).model_dump(mode="json", exclude={"base_dir"})
    for key, value in update.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    return HouseStyle.model_validate(data)


@pytest.mark.parametrize(("day", "said"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"),
                                           (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (31, "31st")])
def test_ordinal_days(day, said):
    assert ordinal(day) == said


def test_dates_and_times_as_councils_print_them():
    monday = dt.date(2012, 11, 19)
    assert format_date(monday, "{weekday}, {ordinal} {month}, {year}") == "Monday, 19th November, 2012"
    assert format_date(monday, "{ordinal} {month} {year}") == "19th November 2012"
    assert format_time(dt.time(19, 30)) == "7.30 pm"
    assert format_time(dt.time(9, 5)) == "9.05 am" and format_time(dt.time(12, 0)) == "12.00 pm"
    assert format_time(dt.time(0, 15)) == "12.15 am"
    assert format_time(dt.time(19, 30), "{hour24:02}:{minute:02}") == "19:30"


def test_the_house_style_prints_the_meeting_date_and_time_in_its_own_pattern(tmp_path):
    data = minimal_report(meeting={"body": "Cabinet", "date": "2012-11-19", "time": "19:30"})
    style = _style("continuous", dates={"format": "{weekday}, {ordinal} {month}, {year}"})
    doc = ldd_reports.as_document(data)
    assert doc.meeting.time == dt.time(19, 30)
    out = tmp_path / "paper.docx"
    ldd_reports.render(doc, out, house_style=style, draft=True)
    texts = [p.text for p in open_docx(out).paragraphs]
    assert any(t.endswith("Monday, 19th November, 2012, 7.30 pm") for t in texts), texts[:8]
    own = ldd_reports.as_document({**data, "date_format": "{day} {month} {year}"})  # the input's own wins
    assert any(p.text.endswith("19 November 2012, 7.30 pm") for p in outline_of(own, style).paragraphs())


@pytest.mark.parametrize(("time", "says"), [("7.30pm", "HH:MM"), ("25:00", "HH:MM"), ("19:60", "HH:MM")])
def test_a_time_not_written_hh_mm_is_refused_naming_the_field(time, says):
    with pytest.raises(InputError) as info:
        ldd_reports.as_document(minimal_report(meeting={"body": "Cabinet", "date": "2026-12-10", "time": time}))
    assert info.value.problems[0].field == "meeting.time" and says in info.value.problems[0].message


@pytest.mark.parametrize(("dates", "field"), [({"format": "{dya} {month}"}, "dates.format"),
                                              ({"time": "{hour:>99999}"}, "dates.time")])
def test_a_house_styles_date_pattern_takes_only_its_fields(dates, field):
    with pytest.raises(ValueError, match="field"):
        _style("cabinet", dates=dates)


def test_the_meetings_a_paper_goes_to_are_shown_one_a_line_and_never_dropped():
    meeting = {"body": "Cabinet", "date": "2026-12-10", "also": [{"body": "Council", "date": "2027-01-21"}]}
    doc = ldd_reports.as_document(minimal_report(meeting=meeting))
    with pytest.raises(InputError) as info:  # a style with nowhere to show the later meeting
        outline_of(doc, "cabinet")
    assert [p.field for p in info.value.problems] == ["meeting.also[0].body", "meeting.also[0].date"]
    assert "header_block.fields (meetings)" in info.value.problems[0].message
    rows = [*resolve_house_style("front_sheet").header_block.model_dump()["fields"],
            {"label": "Meetings", "value": "meetings"}]
    style = _style("front_sheet", header_block={"fields": rows})
    texts = [p.text for p in outline_of(doc, style).paragraphs()]
    assert "Cabinet: 10 December 2026" in " ".join(texts) and "Council: 21 January 2027" in " ".join(texts)

"""A council's own form: dates and times as it writes them, the meetings a paper goes to, and form features."""

from __future__ import annotations

import datetime as dt

import pytest

import ldd_reports
from ldd_reports import HouseStyle, InputError
from ldd_reports.content.dates import format_date, format_time, ordinal
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.outline.build import outline_of

from conftest import SAMPLES, minimal_report, needs_soffice, open_docx


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


def _lines_style(*rows: dict, **update: object) -> HouseStyle:
    date = {"label": "Date:", "value": "meeting_date"}  # the audit refuses a style that never prints it
    return _style("committee", header_block={"layout": "lines", "fields": [date, *rows]}, **update)


def test_a_release_line_and_notes_are_chosen_by_what_the_paper_is(tmp_path):
    rows = [{"text": "FOR GENERAL RELEASE", "when": "not_exempt"}, {"text": "NOT FOR PUBLICATION", "when": "exempt"},
            {"label": "Reason for urgency:", "value": "urgency"},
            {"text": "This item is urgent (s.100B(4)(b) of the Local Government Act 1972).", "when": "urgent"}]
    style = _lines_style(*rows)
    plain = ldd_reports.as_document(minimal_report())
    texts = [p.text for p in outline_of(plain, style).paragraphs()]
    assert "FOR GENERAL RELEASE" in texts and "NOT FOR PUBLICATION" not in texts
    assert not any("urgent" in t for t in texts)
    urgent = ldd_reports.as_document(minimal_report(
        urgency="The Fund's bids close before the next meeting.",
        sections=[{"title": "Quotes", "content": ["Figures."], "exempt": {"paragraph": 3}}]))
    texts = [p.text for p in outline_of(urgent, style).paragraphs()]
    assert "NOT FOR PUBLICATION" in texts and "FOR GENERAL RELEASE" not in texts
    assert "Reason for urgency: The Fund's bids close before the next meeting." in texts
    assert "This item is urgent (s.100B(4)(b) of the Local Government Act 1972)." in texts
    public = [p.text for p in outline_of(urgent, style, public=True).paragraphs()]
    assert "FOR GENERAL RELEASE" in public  # the public version withholds the exempt part: it is for release


def test_a_row_is_a_value_or_a_text_never_both_or_neither():
    for row in ({"label": "X"}, {"label": "X", "value": "title", "text": "Y"}):
        with pytest.raises(ValueError, match="a value or a text"):
            _lines_style(row)


def test_an_empty_label_prints_the_value_alone_and_a_format_uses_the_papers_markup(tmp_path):
    style = _lines_style({"label": "", "value": "wards_affected"},
                         {"label": "Item:", "value": "item", "format": "**{}**"})
    doc = ldd_reports.as_document(minimal_report(wards_affected="All wards",
                                                 meeting={"body": "Cabinet", "date": "2026-12-10", "item": "7"}))
    out = tmp_path / "paper.docx"
    ldd_reports.render(doc, out, house_style=style)
    paragraphs = open_docx(out).paragraphs
    assert "All wards" in [p.text for p in paragraphs]  # no leading space
    item = next(p for p in paragraphs if p.text.startswith("Item:"))
    assert item.text == "Item: 7" and all(r.bold for r in item.runs if r.text == "7")
    assert "**" not in item.text


def test_a_person_sub_field_can_be_a_row_of_its_own():
    style = _lines_style({"label": "Portfolio holder:", "value": "lead_member.name"},
                         {"label": "Portfolio:", "value": "lead_member.job_title"}, contacts={"layout": "none"})
    doc = ldd_reports.as_document(minimal_report(lead_member={"name": "Cllr A. Khan", "job_title": "Digital"}))
    texts = [p.text for p in outline_of(doc, style).paragraphs()]
    assert "Portfolio holder: Cllr A. Khan" in texts and "Portfolio: Digital" in texts


def test_a_front_sheet_may_run_on_without_a_page_break():
    doc = ldd_reports.load(SAMPLES / "front_sheet_cabinet_2026.yaml")
    assert any(p.page_break for p in outline_of(doc).paragraphs())
    style = _style("front_sheet", header_block={"page_break": False})
    assert not any(p.page_break for p in outline_of(doc, style).parts["summary"] if hasattr(p, "page_break"))


def test_a_record_with_a_signature_block_and_a_template_of_its_own(tmp_path):
    lines = ["**CONFIRMED AS A TRUE RECORD**", "Signed Chief Executive:", "Date:"]
    parts = [*resolve_house_style("cabinet_member").record.parts, "signature"]
    style = _style("cabinet_member", record={"parts": parts, "signature": lines, "template": "executive_report"})
    doc = ldd_reports.load(SAMPLES / "cabinet_member_decision_2026.yaml")
    assert style.template_path(record=True) == "executive_report" != style.template_path()
    out = tmp_path / "record.docx"
    ldd_reports.render(doc, out, house_style=style, record=True)
    texts = [p.text for p in open_docx(out).paragraphs if p.text]
    assert texts[-3:] == ["CONFIRMED AS A TRUE RECORD", "Signed Chief Executive:", "Date:"]
    missing = _style("cabinet_member", record={"template": "no_such_template"})
    ldd_reports.render_bytes(doc, house_style=missing)  # the paper keeps its own template
    with pytest.raises(ldd_reports.TemplateError, match="no_such_template"):
        ldd_reports.render_bytes(doc, house_style=missing, record=True)


def _checked(style: HouseStyle, **data: object) -> list:
    return [f for f in ldd_reports.check(ldd_reports.as_document(minimal_report(**data)), style)
            if f.code in ("length", "pages")]


def test_words_per_part_and_section_are_held_to_the_house_styles_ranges():
    style = _style("cabinet", check={"words": {"summary": [120, 150], "background": [1, 3]}})
    found = _checked(style, summary=["A short summary of the paper."],
                     sections=[{"title": "Background", "content": ["One two three four five."]}])
    assert [(f.field, f.severity) for f in found] == [("summary", "error"), ("background", "error")]
    assert "has 6 words; the house style asks for 120 to 150" in found[0].message
    assert "has 5 words" in found[1].message
    fine = _checked(_style("cabinet", check={"words": {"summary": [1, 10]}}), summary=["Six words in this summary here."])
    assert fine == []


def test_a_run_in_implication_is_counted_on_its_own_paragraph():
    style = _style("continuous", check={"words": {"implications:financial": [100, 120]}})
    found = _checked(style, sections=[{"title": "Implications", "type": "implications", "items": [
        {"kind": "financial", "content": ["The costs are met from the existing budget."]}]}])
    assert [f.field for f in found] == ["implications:financial"]


def test_a_one_line_summary_is_shown_and_capped_in_characters():
    rows = [*resolve_house_style("front_sheet").header_block.model_dump()["fields"],
            {"label": "In a line", "value": "one_line_summary"}]
    style = _style("front_sheet", header_block={"fields": rows}, check={"characters": {"one_line_summary": 125}})
    line = "Rugby signs the Local Digital Declaration " + "and commits to open standards " * 4
    found = _checked(style, one_line_summary=line, wards_affected="All", classification="Public",
                     contacts=[{"role": "Lead Director", "name": "A"}, {"role": "Report Author", "name": "B"}])
    assert [(f.field, f.code) for f in found] == [("one_line_summary", "length")]
    assert f"is {len(line)} characters long; the house style allows 125" in found[0].message


def test_pages_are_counted_by_what_lays_the_paper_out_else_estimated_and_said_so():
    style = _style("cabinet", check={"pages": 4})
    long = [{"title": f"Part {i}", "content": ["A sentence of ten words for the page count here. " * 30]}
            for i in range(8)]
    doc = ldd_reports.as_document(minimal_report(sections=long))
    estimated = [f for f in ldd_reports.check(doc, style) if f.code == "pages"]
    assert [f.severity for f in estimated] == ["warning"] and "estimated from its words" in estimated[0].message
    counted = [f for f in ldd_reports.check(doc, style, pages=lambda d, s: 7) if f.code == "pages"]
    assert [f.severity for f in counted] == ["error"] and "lays out on 7 sides of A4" in counted[0].message
    assert not [f for f in ldd_reports.check(doc, style, pages=lambda d, s: 4) if f.code == "pages"]


@needs_soffice
@pytest.mark.libreoffice
def test_laid_out_pages_counts_libreoffices_layout():
    from ldd_reports.pipeline import laid_out_pages

    doc = ldd_reports.load(SAMPLES / "warwickshire_cabinet_2020.yaml")
    pages = laid_out_pages(doc)
    assert pages is not None and pages >= 3
    found = [f for f in ldd_reports.check(doc, _style("cabinet", check={"pages": 2}), pages=laid_out_pages)
             if f.code == "pages"]
    assert [f.severity for f in found] == ["error"] and f"lays out on {pages} sides" in found[0].message


def test_a_labelled_line_above_the_title():
    style = _style("cabinet", header_block={"before_title": [{"label": "Report to:", "value": "body"}, "meeting_date"]})
    outline = outline_of(ldd_reports.as_document(minimal_report()), style)
    subtitles = [p.text for p in outline.paragraphs() if p.role == "subtitle"][:2]
    assert subtitles == ["Report to: Cabinet", "10 December 2026"]


def test_each_implication_kind_may_have_its_own_separator():
    style = _style("continuous", implications={"kinds": {"financial": {"separator": ": "}}})
    data = minimal_report(sections=[{"title": "Implications", "type": "implications", "items": [
        {"kind": "financial", "content": ["Met from budget."]}, {"kind": "legal", "content": ["None."]}]}])
    texts = [p.text for p in outline_of(ldd_reports.as_document(data), style).paragraphs()]
    assert "Financial Implications: Met from budget." in texts
    assert "Legal Implications \u2013 None." in texts  # the style's separator for the rest


def test_the_summary_and_the_back_matter_may_be_numbered_as_sections_of_the_body():
    style = _style("cabinet", parts=["header_block", "summary", "recommendations", "body", "appendix_list",
                                     "background_papers", "appendices"],
                   numbering={"parts": ["summary", "appendix_list", "background_papers"]},
                   header_block={"summary_heading": "Purpose of Report"},
                   back_matter={"appendix_list": "Appendices", "appendix_list_layout": "heading"})
    data = minimal_report(summary=["Why the paper is here."], background_papers=["Cabinet, 1 May 2026"],
                          appendices=[{"label": "Appendix A", "title": "The Declaration", "content": ["Text."]}])
    labelled = dict((text, label) for label, text in outline_of(ldd_reports.as_document(data), style).labelled())
    assert labelled["Purpose of Report"] == "1." and labelled["Why the paper is here."] == "1.1"
    assert labelled["Background"] == "2."  # the body runs on from the numbered summary
    assert labelled["Appendices"] == "3." and labelled["Background Papers"] == "4."


def test_a_run_in_recommendation_and_reasons_that_take_no_number():
    style = _style("continuous", recommendations={"run_in": True, "reasons_numbered": False})
    data = minimal_report(recommendations={"items": ["Agree that the Council signs the Declaration."],
                                           "reasons": ["It commits the Council to open standards."]})
    outline = outline_of(ldd_reports.as_document(data), style)
    labelled = {text: label for label, text in outline.labelled()}
    run_in = next(t for t in labelled if t.startswith("That Cabinet: Agree that"))
    assert labelled[run_in] is not None and labelled[run_in].rstrip(".").isdigit()
    reasons = [p for p in outline.paragraphs() if p.text == "It commits the Council to open standards."]
    assert reasons and reasons[0].label is None


def test_fixed_notes_in_the_body_are_chosen_by_what_the_paper_is():
    notes = [{"text": "The Chair has agreed to take this item as **urgent**.", "when": "urgent"},
             {"text": "This report was not available with the agenda.", "when": "late", "at": "body_end"}]
    style = _style("cabinet", notes=notes, header_block={"fields": [
        *resolve_house_style("cabinet").header_block.model_dump()["fields"],
        {"label": "Urgency", "value": "urgency"}, {"label": "Why late", "value": "late_reason"}]})
    plain = [p.text for p in outline_of(ldd_reports.as_document(minimal_report()), style).paragraphs()]
    assert not any("urgent" in t or "not available" in t for t in plain)
    doc = ldd_reports.as_document(minimal_report(urgency="The bids close on Friday.", late_reason="Figures came late."))
    body = outline_of(doc, style).parts["body"]
    assert body[0].text == "The Chair has agreed to take this item as **urgent**."  # markup, read when written
    assert body[-1].text == "This report was not available with the agenda."


def test_the_timetables_words_are_the_catalogues_and_a_house_style_may_word_them(capsys):
    from ldd_reports.cli import main

    style = _style("cabinet", wording={"timetable.agenda_published_by.label": "Summons by",
                                       "timetable.agenda_published_by.says": "{days} clear days, leaving out {counted}."})
    from ldd_reports.governance.timetable import timetable

    rules = timetable(ldd_reports.as_document(minimal_report()), style).rules
    assert rules["agenda_published_by"]["label"] == "Summons by"
    assert rules["agenda_published_by"]["says"] == "5 clear days, leaving out Saturdays, Sundays and bank holidays."
    assert rules["agenda_published_by"]["source"].startswith("Local Government Act 1972, s.100B(3)")
    assert main(["wording", "timetable.counted"]) == 0
    assert "timetable.counted.sundays_and_holidays: 'Sundays and bank holidays'" in capsys.readouterr().out


def test_the_meetings_a_paper_goes_to_as_a_table_with_a_header_row(tmp_path):
    meeting = {"body": "Cabinet", "date": "2026-12-10", "also": [{"body": "Council", "date": "2027-01-21"}]}
    rows = [*resolve_house_style("front_sheet").header_block.model_dump()["fields"],
            {"label": "Meetings", "value": "meetings"}]
    style = _style("front_sheet", header_block={"fields": rows, "meetings": "table"})
    data = minimal_report(meeting=meeting, wards_affected="All", classification="Public", key_decision=False,
                          contacts=[{"role": "Lead Director", "name": "A"}, {"role": "Report Author", "name": "B"}])
    out = tmp_path / "paper.docx"
    ldd_reports.render(ldd_reports.as_document(data), out, house_style=style)
    table = next(t for t in open_docx(out).tables if t.rows[0].cells[0].text == "Meeting")
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Meeting", "Date"], ["Cabinet", "10 December 2026"], ["Council", "21 January 2027"]]


def test_a_row_printed_when_no_paper_could_be_is_refused():
    with pytest.raises(ValueError, match="when"):
        _lines_style({"text": "DRAFT", "when": "draft"})  # the outline never knows a render is a draft

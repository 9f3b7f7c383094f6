"""The clerk's check: each kind of problem, planted in a valid input, is reported with its field."""

from __future__ import annotations

import json

import pytest
import yaml

import ldd_reports
from ldd_reports import HouseStyle, check
from ldd_reports.cli import main

from conftest import SAMPLE_NAMES, minimal_report, sample_path


def findings(data, **style):
    doc = ldd_reports.loads(yaml.safe_dump(data, allow_unicode=True))
    return check(doc, HouseStyle(check=style) if style else None)


def codes(found, code):
    return [(f.severity, f.field) for f in found if f.code == code]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_seed_samples_raise_no_errors(name):
    found = ldd_reports.check(ldd_reports.load(sample_path(name)))
    assert [f for f in found if f.severity == "error"] == []


def test_acronym_not_spelled_out_at_first_use():
    data = minimal_report(sections=[{"title": "A", "content": ["The XYZ team will lead.",
                                                               "The Extra Yellow Zone (XYZ) is new."]}])
    assert codes(findings(data), "acronym") == [("warning", "sections[0].content[0]")]


def test_acronym_defined_first_or_known_or_expanded_is_fine():
    data = minimal_report(sections=[{"title": "A", "content": [
        "The Extra Yellow Zone (XYZ) is new. XYZ will lead.",
        "The Government Digital Service runs training. GDS is part of government.",
        "The UK and the NHS are widely known."]}])
    assert codes(findings(data), "acronym") == []


def test_acronyms_are_checked_in_reading_order_across_fields():
    data = minimal_report(summary=["The QRS board will decide."],
                          sections=[{"title": "A", "content": ["The Quick Review Service (QRS) meets monthly."]}])
    assert codes(findings(data), "acronym") == [("warning", "summary[0]")]


def test_long_sentences():
    words30 = " ".join(["word"] * 29) + " end."
    words45 = " ".join(["word"] * 44) + " end."
    data = minimal_report(sections=[{"title": "A", "content": [words30, words45, "Short one."]}])
    default = codes(findings(data), "sentence_length")
    assert default == [("warning", "sections[0].content[0]"), ("warning", "sections[0].content[1]")]
    plain = codes(findings(data, profile="plain_english"), "sentence_length")
    assert sorted(plain) == [("error", "sections[0].content[1]"), ("warning", "sections[0].content[0]")]


def test_decision_body_named_inconsistently():
    data = minimal_report(meeting={"body": "Executive", "body_kind": "executive", "date": "2026-12-10"},
                          recommendations={"lead_in": "That Cabinet:", "items": ["Agree to sign."]},
                          sections=[{"title": "A", "content": ["Executive is recommended to agree this."]}])
    assert codes(findings(data), "decision_body") == [("error", "recommendations.lead_in")]


def test_department_name_that_does_not_fit_the_date():
    data = minimal_report(meeting={"body": "Cabinet", "date": "2022-06-01"},
                          sections=[{"title": "A", "content": ["MHCLG will support the work."]}])
    assert codes(findings(data), "department_name") == [("warning", "sections[0].content[0]")]


def test_dates_that_do_not_fit():
    data = minimal_report(meeting={"body": "Cabinet", "date": "2026-12-12"}, report_date="2026-12-14")
    found = codes(findings(data), "dates")
    assert ("error", "report_date") in found and ("warning", "meeting.date") in found


def test_missing_required_sections():
    data = minimal_report(sections=[{"title": "Background", "content": ["p"]},
                                    {"type": "implications", "items": [{"kind": "financial", "none": True}]}])
    found = findings(data, required_sections=["Background", "implications:financial", "implications:legal",
                                              "type:risks"])
    messages = [f.message for f in found if f.code == "missing_section"]
    assert len(messages) == 2
    assert any("implications:legal" in m for m in messages) and any("type:risks" in m for m in messages)


def test_open_placeholders_duplicates_and_empty_sections():
    data = minimal_report(report_of={"name": "[TO COMPLETE: author]"},
                          recommendations={"items": ["Agree to sign.", "Agree  to sign."]},
                          sections=[{"title": "Empty"}, {"title": "Full", "content": ["x"]}])
    found = findings(data)
    assert codes(found, "placeholder") == [("error", "report_of.name")]
    assert codes(found, "duplicate_recommendation") == [("error", "recommendations.items[1]")]
    assert codes(found, "empty_section") == [("warning", "sections[0]")]


def test_errors_come_first():
    data = minimal_report(report_of={"name": "[TO COMPLETE: author]"},
                          sections=[{"title": "A", "content": ["The XYZ team."]}])
    severities = [f.severity for f in findings(data)]
    assert severities == sorted(severities, key=lambda s: s != "error")


def test_cli_check_exit_codes_and_json(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(minimal_report(recommendations={"items": ["A.", "A."]})), encoding="utf-8")
    assert main(["check", str(sample_path("warwickshire_cabinet_2020"))]) == 0
    capsys.readouterr()
    assert main(["check", str(bad), "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result[str(bad)][0] == {"severity": "error", "field": "recommendations.items[1]",
                                   "message": "repeats recommendation 1", "code": "duplicate_recommendation"}


def test_cli_check_house_style_file(tmp_path, capsys):
    style = tmp_path / "style.yaml"
    style.write_text("check:\n  profile: plain_english\n  required_sections: [implications:legal]\n",
                     encoding="utf-8")
    assert main(["check", str(sample_path("warwickshire_cabinet_2020")), "--house-style", str(style)]) == 1
    out = capsys.readouterr().out
    assert "implications:legal" in out and "over 40" in out
    style.write_text("check:\n  profile: plain\n", encoding="utf-8")
    assert main(["check", str(sample_path("warwickshire_cabinet_2020")), "--house-style", str(style)]) == 1
    assert "profile" in capsys.readouterr().err


@pytest.mark.parametrize("where,data", [
    ("contacts[0].job_title", {"contacts": [{"name": "Jo Evans", "job_title": "Head of ICT"}]}),
    ("report_of.job_title", {"report_of": {"name": "Alex Morgan", "job_title": "Director of ICT"}}),
    ("circulation.groups[0].members", {"circulation": {"groups": [{"group": "Members", "members": "ICT board"}]}}),
    ("sections[1].options[0].partners[0]", {"sections": [
        {"title": "Background", "content": ["A paragraph."]},
        {"type": "first_actions", "title": "First actions",
         "options": [{"description": "A shared project.", "partners": ["The ICT team"]}]}]}),
])
def test_acronyms_are_checked_in_every_field_the_paper_prints(where, data):
    """The check reads the same outline the writer does: nothing printed escapes it."""
    found = findings(minimal_report(**data))
    assert ("warning", where) in codes(found, "acronym")
    assert any("'ICT'" in f.message for f in found if f.field == where)


def test_house_style_labels_are_not_checked_as_prose():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(report_of={"name": "Alex Morgan"})))
    found = check(doc, "continuous")  # prints 'TITLE OF REPORT:', 'REPORT OF:' ...
    assert not [f for f in found if f.code == "acronym"]

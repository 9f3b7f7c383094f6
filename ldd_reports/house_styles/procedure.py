"""The rules around a paper: its dates and notes, the timetable, the clerk's check and the decision record."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from ..models.base import StrictModel, new_dict, new_list
from .rules import RECORD_PARTS, ROW_WHEN, FieldRow, StyleText, said

__all__ = ["CheckRules", "DateRule", "Note", "RecordRule", "TimetableRules"]


class TimetableRules(StrictModel):
    """The council's own deadlines around the statutory ones (its constitution's procedure rules)."""

    report_deadline_working_days: int = Field(default=10, ge=0, le=60, description="Reports are due this many "
                                              "working days before the meeting.")
    decision_record_working_days: int = Field(default=2, ge=0, le=20, description="The decision record is "
                                              "published this many working days after the decision (the law "
                                              "says as soon as reasonably practicable).")
    call_in_working_days: int = Field(default=5, ge=0, le=20, description="Call-in runs this many working days "
                                      "after the decision record is published (0: no call-in).")
    clear_days: Literal["working_days", "sundays_and_holidays"] = Field(
        default="working_days", description="How the agenda's clear days are counted: leaving out Saturdays, "
        "Sundays and bank holidays, or only Sundays and bank holidays (the s.243 Local Government Act 1972 "
        "reading). The forward plan's 28 clear days are always calendar days.")


class CheckRules(StrictModel):
    """The clerk's check for this house style."""

    profile: Literal["default", "plain_english"] = Field(
        default="default", description="'plain_english': sentences over 40 words are errors, not warnings.")
    required_sections: list[str] = Field(
        default_factory=new_list,
        description="Sections the paper must have: a heading ('Legal Implications'), 'type:risks', "
                    "'implications:legal', or a part ('summary', 'background_papers', 'contacts', 'circulation').")
    words: dict[str, tuple[int, int]] = Field(
        default_factory=new_dict, description="Words a part or section may have, [at least, at most], by a name as "
        "required_sections names them: e.g. {summary: [120, 150], 'implications:financial': [100, 120]}.")
    characters: dict[str, int] = Field(
        default_factory=new_dict, description="Characters a field may have at most, by field path: e.g. "
        "{one_line_summary: 125}.")
    pages: int | None = Field(default=None, ge=1, description="Sides of A4 the paper may have at most (counted on "
                              "LibreOffice's layout when it is there, else estimated from the words, and said so).")

    @field_validator("words")
    @classmethod
    def _ranges(cls, words: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        for name, (least, most) in words.items():
            if not 0 <= least <= most:
                raise ValueError(f"{name}: [{least}, {most}] is no range of words: [at least, at most]")
        return words


def _row(label: str, value: str, when_empty: str = "omit") -> FieldRow:
    return FieldRow(label=label, value=value, when_empty=when_empty)


class RecordRule(StrictModel):
    """The decision record: its title, the rows at its front and its headings."""

    title: StyleText = Field(default=said("record.title"), description="The record's title; the paper's title follows "
                        "it as the subject.")
    parts: list[Literal[RECORD_PARTS]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(RECORD_PARTS[:-1]), description="The record's parts in order: "
        + ", ".join(RECORD_PARTS) + " (leave out summary for none; signature is the signature block).")
    layout: Literal["table", "lines"] = Field(
        default="table", description="The rows at the record's front: labels in a column with each value beside "
        "its label (table), or label and value run on in one line (lines: give the labels their own colons).")
    template: str | None = Field(default=None, description="The record's own Word template (a built-in name or a "
                                 ".docx relative to the house style file; default: the paper's).")
    signature: list[StyleText] = Field(default_factory=lambda: [said("record.signature.signed"), said("record.signature.date")],
                                       description="The signature "
                                       "block's lines, e.g. ['CONFIRMED AS A TRUE RECORD', 'Signed Chief "
                                       "Executive:', 'Date:'] (with signature in parts).")
    fields: list[FieldRow] = Field(
        default_factory=lambda: [
            _row(said(f"record.fields.{value}"), value) for value in (
                "decided_by", "decision_date", "title", "decision_reference", "item", "report_of", "delegation",
                "key_decision", "record_published", "call_in_ends", "implement_from")],
        description="The rows at the front, laid out as the paper's header block (lines for 'none').")
    summary_heading: StyleText = Field(default=said("record.summary_heading"),
                                       description="Heading of the paper's summary, if shown.")
    decision_heading: StyleText = Field(default=said("record.decision_heading"), description="Heading of the decision.")
    reasons_heading: StyleText = Field(default=said("record.reasons_heading"), description="Heading of the reasons.")
    alternatives_heading: StyleText = Field(default=said("record.alternatives_heading"),
                                       description="Heading of the alternatives rejected.")
    conflicts_heading: StyleText = Field(default=said("record.conflicts_heading"),
                                    description="Heading of the conflicts declared and dispensations.")
    call_in_heading: StyleText = Field(default=said("record.call_in_heading"), description="Heading of the call-in paragraph.")


class DateRule(StrictModel):
    """How the paper prints dates and the meeting's time, as the council writes them."""

    format: StyleText | None = Field(default=None, description="Dates, from {day}, {ordinal} ('19th'), {month}, "
                                     "{weekday} and {year}, e.g. '{weekday}, {ordinal} {month}, {year}' (default: "
                                     "the input's date_format, GOV.UK style). An input's own date_format wins.")
    time: StyleText = Field(default="{hour}.{minute:02} {am_pm}", description="The meeting's time, from {hour} "
                            "(1-12), {hour24}, {minute} and {am_pm}: '7.30 pm' by default, '{hour24:02}:{minute:02}' "
                            "for 19:30.")

    @field_validator("format")
    @classmethod
    def _date_fields(cls, value: str | None) -> str | None:
        from ..content.dates import check_date_format

        return None if value is None else check_date_format(value)

    @field_validator("time")
    @classmethod
    def _time_fields(cls, value: str) -> str:
        from ..content.dates import check_time_format

        return check_time_format(value)


class Note(StrictModel):
    """A fixed note the paper prints in its body, chosen by what the paper is (an urgency or lateness note)."""

    text: StyleText = Field(description="The note, in the paper's inline markup, e.g. 'The Chair has agreed to "
                            "take this item as urgent (s.100B(4)(b) of the Local Government Act 1972).'")
    when: Literal[ROW_WHEN] = Field(default="always", description="Print it " + ", ".join(  # type: ignore[valid-type]
        ROW_WHEN) + " (as a header-block row's when).")
    at: Literal["body_start", "body_end"] = Field(default="body_start", description="Where in the body.")

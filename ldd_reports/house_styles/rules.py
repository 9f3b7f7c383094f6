"""The rules of a paper's form: numbering, header block and its rows, recommendations, implications, back matter."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..content.messages import MAX_MESSAGE, MessageError, defaults, parse, vocabulary
from ..errors import close_matches
from ..models.base import After, StrictModel, Text, new_dict, new_list

__all__ = [
    "BackMatter", "ContactPiece", "ContactsRule", "DECISION_FIELDS", "FieldRow", "HEADER_FIELDS", "HeaderBlock",
    "ImplicationGroup", "ImplicationKindRule", "ImplicationsRule", "LabelFormat", "Numbering", "PageFurniture",
    "parse_label", "PARTS", "RecommendationsRule", "RECORD_PARTS", "ROW_WHEN", "StyleText", "message_text", "said"
]


def _bounded(text: str) -> str:
    if len(text) > MAX_MESSAGE:
        raise ValueError(f"is {len(text):,} characters long: a house style's text is at most {MAX_MESSAGE:,} characters")
    return text


#: Every string a house style writes: the input's text rules, and no longer than a message may be
#: (a separator or label is repeated per row: a megabyte of it would be a gigabyte of paper).
StyleText = Annotated[Text, After(_bounded)]


def said(setting: str) -> str:
    """A house style's own words when it sets none: the wording catalogue's style.SETTING (messages.yaml)."""
    return defaults()[f"style.{setting}"]

#: The parts of a report, in the order a house style may arrange them.
PARTS = ("header_block", "summary", "recommendations", "body", "appendix_list", "background_papers",
         "contacts", "circulation", "appendices")

#: Values only a decision record has (a paper's header block leaves them out).
DECISION_FIELDS = ("decided_by", "decision_date", "decision_reference", "record_published", "call_in_ends",
                   "implement_from")
#: The parts of a decision record, in the order a house style may arrange them.
RECORD_PARTS = ("header_block", "summary", "decision", "reasons", "alternatives_rejected", "conflicts", "call_in",
                "signature")
#: When a fixed-text row is printed: always, or by what the paper is.
# (not 'draft': the outline never knows a render is a draft; a template marks one, {% if draft %})
ROW_WHEN = ("always", "exempt", "not_exempt", "urgent", "late", "key_decision")
#: Values a header block (or a contact line) can show, by key.
HEADER_FIELDS = ("title", "organisation", "body", "decision_maker", "meeting_date", "meetings", "item", "report_of",
                 "report_of.name", "report_of.job_title", "report_date", "lead_member", "contacts", "summary",
                 "recommendations", "wards_affected", "key_decision", "forward_plan_reference", "classification",
                 "options_rejected", "exempt_information", "delegation", "lead_member.name", "lead_member.job_title",
                 "urgency", "late_reason", "one_line_summary", *DECISION_FIELDS)
_CONTACT = re.compile(r"contact:(.+)")

_LABEL = re.compile(r"^(\(?)(1|a|A|i|I)([.)]?)$")
#: A list label as a council writes it: '1.', 'a)', '(a)', 'i.', '(i)', 'A.', or 'bullets'.
LabelFormat = str


def parse_label(label: LabelFormat) -> tuple[str, str, str] | None:
    """('(', 'lowerLetter', ')') for '(a)'; None for 'bullets'. ValueError for anything else."""
    if label == "bullets":
        return None
    m = _LABEL.match(label)
    if not m:
        raise ValueError(f"unknown label {label!r}: use 1. 1) (1) a) (a) a. A. i. i) (i) I. or bullets")
    fmt = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}[m.group(2)]
    return m.group(1), fmt, m.group(3)


class Numbering(StrictModel):
    """How paragraphs, headings and lists are numbered."""

    paragraphs: Literal["by_section", "continuous", "none"] = Field(
        default="by_section", description="'by_section': headings 1., paragraphs 1.1; 'continuous': paragraphs "
        "1, 2, 3 ... through the body across unnumbered headings; 'none'.")
    heading_levels: int = Field(default=2, ge=0, le=2, description="by_section only: how many heading levels "
                                "take a number (1: '1. Heading'; 2: sub-headings too, '2.3 Benefits').")
    sub_items: LabelFormat = Field(default="a)", description="Label of numbered lists inside a numbered "
                                   "paragraph, and of grouped items: 'a)', '(a)', 'i.', 'bullets' ...")
    lists: LabelFormat = Field(default="1.", description="Label of numbered lists outside numbered paragraphs "
                               "(and of the recommendations at the front).")
    appendices: Literal["restart", "continue", "none"] = Field(
        default="restart", description="Appendix paragraphs: numbered again from 1, continuing the body's "
        "numbers, or not numbered.")
    parts: list[Literal["summary", "appendix_list", "background_papers", "contacts"]] = Field(
        default_factory=new_list, description="Parts numbered as sections of the body, their headings taking the "
        "body's numbers: e.g. [summary] for '1. Purpose of Report', [appendix_list, background_papers] for "
        "'8. Appendices' and '9. Background Papers' (by_section numbering; a part laid out as a line has no "
        "heading to number).")

    @field_validator("sub_items", "lists")
    @classmethod
    def _label(cls, value: str) -> str:
        parse_label(value)
        return value


class FieldRow(StrictModel):
    """One labelled value of a header block or a contact line."""

    label: StyleText = Field(default="", description="The label as printed, e.g. 'REPORT OF:' ('' for none: the "
                             "value alone).")
    value: str | None = Field(default=None, description="What to show: " + ", ".join(HEADER_FIELDS) + ", or "
                              "contact:ROLE (the contact with that role); leave it out for a row of fixed text.")
    text: StyleText | None = Field(default=None, description="A row of fixed text instead of a value, e.g. 'FOR "
                                   "GENERAL RELEASE' (in the paper's inline markup: '**...**' is bold).")
    when: Literal[ROW_WHEN] = Field(default="always", description="Print the row " + ", ".join(  # type: ignore[valid-type]
        ROW_WHEN) + ": e.g. 'NOT FOR PUBLICATION' when exempt, 'FOR GENERAL RELEASE' when not_exempt, an urgency "
        "note when urgent (the paper has urgency), a lateness note when late (the paper has late_reason).")
    format: StyleText = Field(default="{}", description="How the value is printed; {} is the value, e.g. 'Item {}' "
                              "(in the paper's inline markup: '**{}**' is bold).")
    when_empty: Literal["omit", "placeholder"] | StyleText = Field(
        default="omit", description="If the paper has no value: 'omit' the row, show a 'placeholder' "
        "[TO COMPLETE: ...], or print this text (e.g. 'None').")

    @model_validator(mode="after")
    def _value_or_text(self) -> FieldRow:
        if (self.value is None) == (self.text is None):
            raise ValueError("a row shows a value or a text: give one of them")
        return self

    @field_validator("value")
    @classmethod
    def _known(cls, value: str | None) -> str | None:
        if value is None or value in HEADER_FIELDS or _CONTACT.fullmatch(value):
            return value

        close = close_matches(value, HEADER_FIELDS, 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown value {value!r}{hint} (known: {', '.join(HEADER_FIELDS)}, contact:ROLE)")

    @field_validator("format")
    @classmethod
    def _one_slot(cls, value: str) -> str:
        if value.count("{}") != 1 or re.search(r"\{(?!\})|(?<!\{)\}", value.replace("{}", "")):
            raise ValueError("format must hold {} exactly once and no other braces")
        return value


BeforeTitle = Literal["organisation", "body", "meeting_date", "item"]
ColumnShows = Literal["title", "content", "sign_off"]


def _before_title() -> list[BeforeTitle | FieldRow]:
    return ["body", "meeting_date", "item"]


def _columns() -> list[tuple[str, ColumnShows]]:
    return [(said(f"implications.columns.{shows}"), shows) for shows in ("title", "content", "sign_off")]


class HeaderBlock(StrictModel):
    """What the front of the paper shows before the summary, and how."""

    layout: Literal["table", "lines", "front_sheet", "none"] = Field(
        default="none", description="'table': a two-column table of labels and values; 'lines': one "
        "'LABEL: value' paragraph each; 'front_sheet': a table of fields on a page of its own; 'none'.")
    before_title: list[BeforeTitle | FieldRow] = Field(
        default_factory=_before_title,
        description="Lines printed above the title (subtitle style): a value (organisation, body, meeting_date, "
                    "item), or a row with a label, e.g. {label: 'Report to:', value: body}.")
    title: bool = Field(default=True, description="Print the report's title (Title style) before the block.")
    summary_heading: StyleText = Field(default=said("header_block.summary_heading"),
                                       description="Heading of the summary where it is a part "
                                                   "of its own (not in the block).")
    fields: list[FieldRow] = Field(default_factory=new_list, description="The block's rows, in order.")
    page_break: bool = Field(default=True, description="front_sheet: the paper starts on a new page after it.")
    meetings: Literal["lines", "table"] = Field(default="lines", description="How a 'meetings' row shows the "
                                                "meetings the paper goes to: a line each, or a Meeting | Date table.")


class RecommendationsRule(StrictModel):
    """Where the recommendations go and how they are introduced."""

    position: Literal["front", "body", "both"] = Field(
        default="front", description="'front': after the header block; 'body': in the body after the section "
        "named in after_section, as a numbered paragraph; 'both'.")
    after_section: StyleText | None = Field(default=None, description="body/both: the title (or 'type:TYPE') of the "
                                       "section the recommendations follow; default: the last section before "
                                       "the implications.")
    heading: StyleText | None = Field(default=said("recommendations.heading"), description="Heading over the recommendations at "
                                 "the front (null: none).")
    reasons_heading: StyleText | None = Field(default=said("recommendations.reasons_heading"),
                                         description="Heading over the reasons at the front (null: none).")
    reasons_lead_in: StyleText = Field(default=said("recommendations.reasons_lead_in"),
                                  description="In the body: the paragraph that introduces the reasons.")
    run_in: bool = Field(default=False, description="In the body: a single recommendation runs on from the "
                         "lead-in as one numbered paragraph ('7. That Cabinet agrees ...'); several are listed.")
    reasons_numbered: bool = Field(default=True, description="In the body: the reasons take paragraph numbers "
                                   "(false: plain paragraphs after the recommendation).")


def message_text(text: str | None, message_id: str) -> str | None:
    """A house style's sentence in the wording catalogue's syntax, with the fields of message ``message_id``."""
    if text is not None:
        try:
            parse(text, vocabulary(message_id))
        except MessageError as e:
            raise ValueError(str(e)) from e
    return text


class ImplicationKindRule(StrictModel):
    """A council's own title and 'none arising' sentence for one kind of implication."""

    title: StyleText | None = Field(default=None, description="e.g. 'Financial Implications'.")
    none: StyleText | None = Field(default=None, description="e.g. 'There are no {name} implications arising "
                                   "directly from this report.' (fields as the message implications.none)")
    separator: StyleText | None = Field(default=None, description="run_in: this kind's own separator between its "
                                        "title and text (default: implications.separator).")

    @field_validator("none")
    @classmethod
    def _fields_only(cls, value: str | None) -> str | None:
        return message_text(value, "implications.none")


class ImplicationGroup(StrictModel):
    """Implications printed together as labelled sub-items of one numbered paragraph."""

    title: StyleText = Field(description="The grouping paragraph, e.g. 'Resources:'.")
    kinds: list[str] = Field(min_length=1, description="The kinds in the group, e.g. [financial, human_resources].")


class ImplicationsRule(StrictModel):
    """How implications are laid out."""

    layout: Literal["headings", "run_in", "table"] = Field(
        default="headings", description="'headings': a heading each; 'run_in': a numbered paragraph each with "
        "a bold run-in title ('Financial Implications – ...'); 'table': one row each.")
    separator: StyleText = Field(default=said("implications.separator"),
                                 description="run_in: between the bold title and the text.")
    columns: list[tuple[StyleText, ColumnShows]] = Field(
        default_factory=_columns,
        description="table: (column heading, what it shows) pairs.")
    groups: list[ImplicationGroup] = Field(default_factory=new_list, description="run_in: groups (e.g. Resources).")
    sign_off_label: StyleText = Field(default=said("implications.sign_off_label"),
                                      description="headings and run_in: the label of an "
                                                  "implication's sign-off line (a table shows it in its column).")
    kinds: dict[str, ImplicationKindRule] = Field(default_factory=new_dict,
                                                  description="Titles and 'none' sentences by kind.")


class ContactPiece(StrictModel):
    """One piece of a contact's line: a label and which of the contact's details follows it."""

    label: StyleText = Field(default="", description="e.g. 'CONTACT:' or 'extension:'.")
    value: Literal["name", "job_title", "telephone", "email", "role"] = Field(description="The detail shown.")


class ContactsRule(StrictModel):
    """How the report's contacts are shown at the end (the header block may show them too)."""

    layout: Literal["table", "lines", "none"] = Field(default="table", description="A table, a line each, or none.")
    heading: StyleText | None = Field(default=None, description="Heading above them (null: none).")
    line: list[ContactPiece] = Field(
        default_factory=lambda: [ContactPiece(label=said("contacts.line.name"), value="name"),
                                 ContactPiece(label=said("contacts.line.telephone"), value="telephone")],
        description="lines: the pieces of each contact's line, printed when the contact has that detail.")
    separator: StyleText = Field(default=said("contacts.separator"), description="lines: between the pieces.")


class BackMatter(StrictModel):
    """Headings of the parts at the end of the paper."""

    background_papers: StyleText = Field(default=said("back_matter.background_papers"),
                                         description="Heading (or label) of the list.")
    background_papers_layout: Literal["heading", "line"] = Field(
        default="heading", description="'heading' with a paragraph each, or one 'Background papers: ...' line.")
    appendix_list: StyleText | None = Field(default=None, description="Heading of the list of appendices "
                                       "(null: the list is not printed).")
    appendix_list_layout: Literal["heading", "line"] = Field(
        default="heading", description="'heading' with a paragraph each, or one 'Appendices: A; B' line.")


_SCALARS = ("title", "organisation", "body", "decision_maker", "meeting_date", "item", "report_date")


class PageFurniture(StrictModel):
    """What the running header and footer say (templates place them: {{ furniture.header }})."""

    header: list[Literal[_SCALARS]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["organisation"], description="Values joined by the separator: "
        + ", ".join(_SCALARS) + ".")
    footer: list[Literal[_SCALARS]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: ["body", "title"], description="Values joined by the separator.")
    separator: StyleText = Field(default=said("page.separator"), description="Between the values.")

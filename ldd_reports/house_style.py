"""A council's house style: one YAML file of structural rules (numbering, header block, positions, check)."""

from __future__ import annotations

import functools
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from .models.base import StrictModel, Text

__all__ = ["BackMatter", "ContactsRule", "FieldRow", "HEADER_FIELDS", "HeaderBlock", "HouseStyle",
           "ContactPiece", "ImplicationGroup", "ImplicationKindRule", "ImplicationsRule", "LabelFormat", "Numbering",
           "PARTS", "PageFurniture", "RecommendationsRule", "CheckRules", "TimetableRules", "house_style_names",
           "load_house_style",
           "resolve_house_style"]

#: The parts of a report, in the order a house style may arrange them.
PARTS = ("header_block", "summary", "recommendations", "body", "appendix_list", "background_papers",
         "contacts", "circulation", "appendices")

#: Values a header block (or a contact line) can show, by key.
HEADER_FIELDS = ("title", "organisation", "body", "decision_maker", "meeting_date", "item", "report_of",
                 "report_of.name", "report_of.job_title", "report_date", "lead_member", "contacts", "summary",
                 "recommendations", "wards_affected", "key_decision", "forward_plan_reference", "classification",
                 "options_rejected", "exempt_information", "delegation")
_CONTACT = re.compile(r"contact:(.+)")
#: The built-in style a decision route takes when the paper names none.
_STYLE_OF_ROUTE = {"executive": "executive", "cabinet_member": "cabinet_member", "officer": "officer"}

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

    @field_validator("sub_items", "lists")
    @classmethod
    def _label(cls, value: str) -> str:
        parse_label(value)
        return value


class FieldRow(StrictModel):
    """One labelled value of a header block or a contact line."""

    label: Text = Field(default="", description="The label as printed, e.g. 'REPORT OF:' ('' for none).")
    value: str = Field(description="What to show: " + ", ".join(HEADER_FIELDS) + ", or contact:ROLE "
                       "(the contact with that role).")
    format: Text = Field(default="{}", description="How the value is printed; {} is the value, e.g. 'Item {}'.")
    when_empty: Literal["omit", "placeholder"] | Text = Field(
        default="omit", description="If the paper has no value: 'omit' the row, show a 'placeholder' "
        "[TO COMPLETE: ...], or print this text (e.g. 'None').")

    @field_validator("value")
    @classmethod
    def _known(cls, value: str) -> str:
        if value in HEADER_FIELDS or _CONTACT.fullmatch(value):
            return value
        import difflib

        close = difflib.get_close_matches(value, HEADER_FIELDS, 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"unknown value {value!r}{hint} (known: {', '.join(HEADER_FIELDS)}, contact:ROLE)")

    @field_validator("format")
    @classmethod
    def _one_slot(cls, value: str) -> str:
        if value.count("{}") != 1 or re.search(r"\{(?!\})|(?<!\{)\}", value.replace("{}", "")):
            raise ValueError("format must hold {} exactly once and no other braces")
        return value


class HeaderBlock(StrictModel):
    """What the front of the paper shows before the summary, and how."""

    layout: Literal["table", "lines", "front_sheet", "none"] = Field(
        default="none", description="'table': a two-column table of labels and values; 'lines': one "
        "'LABEL: value' paragraph each; 'front_sheet': a table of fields on a page of its own; 'none'.")
    before_title: list[Literal["organisation", "body", "meeting_date", "item"]] = Field(
        default_factory=lambda: ["body", "meeting_date", "item"],
        description="Lines printed above the title (subtitle style).")
    title: bool = Field(default=True, description="Print the report's title (Title style) before the block.")
    summary_heading: Text = Field(default="Summary", description="Heading of the summary where it is a part "
                                  "of its own (not in the block).")
    fields: list[FieldRow] = Field(default_factory=list, description="The block's rows, in order.")


class RecommendationsRule(StrictModel):
    """Where the recommendations go and how they are introduced."""

    position: Literal["front", "body", "both"] = Field(
        default="front", description="'front': after the header block; 'body': in the body after the section "
        "named in after_section, as a numbered paragraph; 'both'.")
    after_section: Text | None = Field(default=None, description="body/both: the title (or 'type:TYPE') of the "
                                       "section the recommendations follow; default: the last section before "
                                       "the implications.")
    heading: Text | None = Field(default="Recommendations", description="Heading over the recommendations at "
                                 "the front (null: none).")
    reasons_heading: Text | None = Field(default="Reasons for the recommendations",
                                         description="Heading over the reasons at the front (null: none).")
    reasons_lead_in: Text = Field(default="For the following reasons:",
                                  description="In the body: the paragraph that introduces the reasons.")


class ImplicationKindRule(StrictModel):
    """A council's own title and 'none arising' sentence for one kind of implication."""

    title: Text | None = Field(default=None, description="e.g. 'Financial Implications'.")
    none: Text | None = Field(default=None, description="e.g. 'There are no financial implications arising "
                              "directly from this report.'")


class ImplicationGroup(StrictModel):
    """Implications printed together as labelled sub-items of one numbered paragraph."""

    title: Text = Field(description="The grouping paragraph, e.g. 'Resources:'.")
    kinds: list[str] = Field(min_length=1, description="The kinds in the group, e.g. [financial, human_resources].")


class ImplicationsRule(StrictModel):
    """How implications are laid out."""

    layout: Literal["headings", "run_in", "table"] = Field(
        default="headings", description="'headings': a heading each; 'run_in': a numbered paragraph each with "
        "a bold run-in title ('Financial Implications – ...'); 'table': one row each.")
    separator: Text = Field(default=" \u2013 ", description="run_in: between the bold title and the text.")
    columns: list[tuple[Text, Literal["title", "content", "sign_off"]]] = Field(
        default_factory=lambda: [("Issue", "title"), ("Implications", "content"), ("Sign-off", "sign_off")],
        description="table: (column heading, what it shows) pairs.")
    groups: list[ImplicationGroup] = Field(default_factory=list, description="run_in: groups (e.g. Resources).")
    sign_off_label: Text = Field(default="Sign-off:", description="headings and run_in: the label of an "
                                 "implication's sign-off line (a table shows it in its column).")
    kinds: dict[str, ImplicationKindRule] = Field(default_factory=dict,
                                                  description="Titles and 'none' sentences by kind.")


class ContactPiece(StrictModel):
    """One piece of a contact's line: a label and which of the contact's details follows it."""

    label: Text = Field(default="", description="e.g. 'CONTACT:' or 'extension:'.")
    value: Literal["name", "job_title", "telephone", "email", "role"] = Field(description="The detail shown.")


class ContactsRule(StrictModel):
    """How the report's contacts are shown at the end (the header block may show them too)."""

    layout: Literal["table", "lines", "none"] = Field(default="table", description="A table, a line each, or none.")
    heading: Text | None = Field(default=None, description="Heading above them (null: none).")
    line: list[ContactPiece] = Field(
        default_factory=lambda: [ContactPiece(label="CONTACT:", value="name"),
                                 ContactPiece(label="extension:", value="telephone")],
        description="lines: the pieces of each contact's line, printed when the contact has that detail.")
    separator: Text = Field(default="  ", description="lines: between the pieces.")


class BackMatter(StrictModel):
    """Headings of the parts at the end of the paper."""

    background_papers: Text = Field(default="Background Papers", description="Heading (or label) of the list.")
    background_papers_layout: Literal["heading", "line"] = Field(
        default="heading", description="'heading' with a paragraph each, or one 'Background papers: ...' line.")
    appendix_list: Text | None = Field(default=None, description="Heading of the list of appendices "
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
    separator: Text = Field(default=" \u2013 ", description="Between the values.")


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
        default_factory=list,
        description="Sections the paper must have: a heading ('Legal Implications'), 'type:risks', "
                    "'implications:legal', or a part ('summary', 'background_papers', 'contacts', 'circulation').")


class HouseStyle(StrictModel):
    """A council's house style: its Word template and the structure of its papers."""

    name: Text = Field(default="custom", description="Short name, e.g. 'continuous'.")
    description: Text = Field(default="", description="What the style is, in a line.")
    template: str | None = Field(default=None, description="Word template: a built-in name or a path to a .docx "
                                "relative to this file (default: the document kind's built-in template).")
    parts: list[Literal[PARTS]] = Field(  # type: ignore[valid-type]
        default_factory=lambda: list(PARTS), description="The report's parts in order: " + ", ".join(PARTS) + ".")
    numbering: Numbering = Field(default_factory=Numbering, description="Paragraph and list numbering.")
    header_block: HeaderBlock = Field(default_factory=HeaderBlock, description="The front of the paper.")
    recommendations: RecommendationsRule = Field(default_factory=RecommendationsRule,
                                                 description="Where the recommendations go.")
    implications: ImplicationsRule = Field(default_factory=ImplicationsRule, description="Implications layout.")
    contacts: ContactsRule = Field(default_factory=ContactsRule, description="Contacts at the end.")
    back_matter: BackMatter = Field(default_factory=BackMatter, description="Background papers and appendices.")
    page: PageFurniture = Field(default_factory=PageFurniture, description="Running header and footer.")
    check: CheckRules = Field(default_factory=CheckRules, description="The clerk's check.")
    timetable: TimetableRules = Field(default_factory=TimetableRules, description="Deadlines around the meeting.")
    base_dir: SkipJsonSchema[str | None] = Field(default=None, exclude=True, description="Set by the loader: "
                                                 "the file's folder (a template path is relative to it).")

    @model_validator(mode="after")
    def _consistent(self) -> HouseStyle:
        if self.numbering.paragraphs == "by_section" and not self.numbering.heading_levels:
            raise ValueError("numbering.heading_levels: by_section numbers at least the first heading level "
                             "(for paragraphs 1, 2, 3 under unnumbered headings use paragraphs: continuous)")
        if len(set(self.parts)) != len(self.parts):
            raise ValueError("parts lists a part twice")
        kinds = [k for g in self.implications.groups for k in g.kinds]
        unknown = [k for k in [*kinds, *self.implications.kinds] if k not in _implication_kinds()]
        if unknown:
            raise ValueError(f"unknown implication kind(s) {', '.join(unknown)}")
        if len(set(kinds)) != len(kinds):
            raise ValueError("an implication kind is in two groups")
        return self

    def template_path(self) -> str | os.PathLike[str] | None:
        """The template as given: a built-in name, or a path made absolute against the file's folder."""
        if self.template is None:
            return None
        if self.template.lower().endswith(".docx") and self.base_dir:
            return Path(self.base_dir, self.template)
        return self.template


def _implication_kinds() -> set[str]:
    from .models.sections import ImplicationKind

    return {k.value for k in ImplicationKind}


def _builtin_dir() -> Any:
    return resources.files("ldd_reports.house_styles")


def house_style_names() -> list[str]:
    """The built-in house styles, by name."""
    return sorted(p.name[:-5] for p in _builtin_dir().iterdir() if p.name.endswith(".yaml"))


@functools.lru_cache(maxsize=32)
def _builtin(name: str) -> HouseStyle:
    from .loaders import parse

    text = _builtin_dir().joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return _validate(parse(text, "yaml", f"{name}.yaml"), None)


def _validate(source: Any, base_dir: str | None) -> HouseStyle:
    from .errors import InputError
    from .loaders import problems_from

    try:
        style = HouseStyle.model_validate(source.data or {})
    except ValidationError as e:
        raise InputError(problems_from(e, source), source.file) from e
    return style.model_copy(update={"base_dir": base_dir}) if base_dir else style


def load_house_style(path: str | os.PathLike[str]) -> HouseStyle:
    """A house style from a YAML file; InputError names the field and line."""
    from .loaders import read

    return _validate(read(path), str(Path(path).resolve().parent))


def resolve_house_style(style: HouseStyle | str | os.PathLike[str] | None, document: Any = None,
                        base_dir: str | os.PathLike[str] | None = None) -> HouseStyle:
    """A house style given as a model, a built-in name or a path (relative to ``base_dir``).

    None takes the document's own ``house_style`` field, then the default for its decision body.
    """
    from .errors import InputError, Problem

    if isinstance(style, HouseStyle):
        return style
    if style is None and document is not None:
        style = getattr(document, "house_style", None)
        base_dir = base_dir or getattr(document, "_source_dir", None)
    if style is None:
        kind = getattr(getattr(getattr(document, "meeting", None), "body_kind", None), "value", None)
        return _builtin(_STYLE_OF_ROUTE.get(str(kind), "cabinet"))
    name = str(style)
    if name in house_style_names():
        return _builtin(name)
    if not name.lower().endswith((".yaml", ".yml")):
        known = ", ".join(house_style_names())
        raise InputError([Problem("house_style", f"no built-in house style {name!r} (known: {known}); a file "
                                  "must end .yaml or .yml")])
    path = Path(name)
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir, path)
    return load_house_style(path)

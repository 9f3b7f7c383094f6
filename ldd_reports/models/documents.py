"""The two documents ldd-reports writes: the decision paper and the signed commitment statement."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, PrivateAttr, Tag, ValidationInfo, field_validator, model_validator

from .. import display
from .base import Date, Name, PRINTED, StrictModel, Text, new_dict, new_list
from .blocks import Block, _text_or
from .decision import Decision
from .people import Contact, Meeting, Organisation, Person
from .sections import EXEMPT_PARAGRAPHS, Section, exempt_mismatches

__all__ = [
    "Circulation", "CirculationGroup", "Commitment", "CommitmentStatement", "Document", "Recommendations",
    "Report", "Signatory", "StandardRecommendation"
]

_DATE_FIELDS = ("{day}", "{month}", "{year}")
_SETTINGS = frozenset({"document", "text_format", "date_format", "language", "bilingual"})  # not words


class _DocumentBase(StrictModel):
    text_format: Literal["markup", "plain"] = Field(
        default="markup",
        description="'markup': **bold**, *italic*, ++underline++ and [links](https://...) are formatted; "
        "'plain': every character is printed as written.")
    date_format: str = Field(
        default="{day} {month} {year}",
        description="How dates are printed, from {day}, {month}, {weekday} and {year} (GOV.UK style by default).")
    organisation: Organisation = Field(description="The council or body the document is for.")
    house_style: str | None = Field(default=None, description="The council's house style: a built-in name "
                                    "(`ldd-reports house-styles`) or a .yaml file relative to this input.")
    language: Literal["en", "cy"] = Field(
        default="en", description="The language the document is written in: 'cy' for Welsh (its house style "
        "must be a Welsh one, `language: cy`, so that every word the library writes is Welsh too).")
    languages: list[Literal["cy", "en"]] = Field(
        default_factory=new_list, description="A bilingual paper's two languages, the one read first first: "
        "[cy, en]. Any text may then be {cy: ..., en: ...} (a list pairs item by item; a value written once, "
        "such as a name, is both versions'), and house_style {cy: ..., en: ...}.")
    bilingual: Literal["separate", "combined"] = Field(
        default="separate", description="A bilingual paper as two documents (separate, as councils publish: "
        "paper.cy.docx and paper.en.docx) or one with the first language's version first (combined).")
    _source_dir: str | None = PrivateAttr(default=None)  # the input file's folder: house_style is relative to it
    # A bilingual paper's versions, by language (each a document in one language), and where they differ
    _versions: dict[str, Any] = PrivateAttr(default_factory=new_dict)
    _parity: list[Any] = PrivateAttr(default_factory=new_list)

    def __eq__(self, other: object) -> bool:
        # Equal documents are equal wherever they were read from (pydantic compares private attributes too).
        return type(other) is type(self) and self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    def version(self, language: str) -> Any:
        """This paper in ``language`` (a bilingual paper's version in it; a paper in one language, itself)."""
        if language == self.language:
            return self
        if language in self._versions:
            return self._versions[language]
        from ..errors import InputError, Problem

        raise InputError([Problem("language", f"the paper has no version in {language!r}: it is in "
                                  + ", ".join(self.languages or [self.language]))])

    @model_validator(mode="after")
    def _defaults_in_its_language(self) -> Any:
        """A paper in another language than English never prints an English default (the pledge, the title):
        each one left unset is a placeholder naming the field, for the council's own words."""
        if self.language != "en":
            _placeholders_for_defaults(self, self.language, "")
        return self

    @field_validator("languages")
    @classmethod
    def _two_languages(cls, value: list[str]) -> list[str]:
        if value and (len(value) != 2 or value[0] == value[1]):
            raise ValueError("a bilingual paper has two languages, e.g. [cy, en] (Welsh read first)")
        return value

    @field_validator("date_format")
    @classmethod
    def _known_date_fields(cls, value: str) -> str:
        from ..content.dates import check_date_format
        return check_date_format(value)


def _placeholders_for_defaults(model: StrictModel, language: str, path: str) -> None:
    """Every English default left unset below ``model`` (a section's title too) as a placeholder naming it."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = f"{path}.{name}" if path else name
        if name not in model.model_fields_set and name not in _SETTINGS and info.annotation is str \
                and isinstance(info.default, str) and any(c.isalpha() for c in info.default):  # words, not a kind
            from ..content.messages import untranslated_text

            object.__setattr__(model, name, untranslated_text(here, language))
        elif isinstance(value, StrictModel):
            _placeholders_for_defaults(value, language, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, StrictModel):
                    _placeholders_for_defaults(item, language, f"{here}.{i}")


class StandardRecommendation(StrictModel):
    """A standard recommendation, worded for the decision body and naming the organisation."""

    standard: Literal["sign", "next_steps"] = Field(
        description="'sign' (that the organisation signs the Declaration) or 'next_steps' (endorse them).")


RecommendationItem = Annotated[Union[Annotated[Text, Tag("~text")],
                                     Annotated[StandardRecommendation, Tag("~standard")]], _text_or("standard")]


class Recommendations(StrictModel):
    """The recommendations, with the lead-in that names the decision body."""

    lead_in: Text | None = Field(default=None,
                                 description="e.g. 'That Cabinet:'; defaults to the decision body's usual lead-in.")
    items: list[RecommendationItem] = Field(min_length=1, description="The recommendations, numbered in order: "
                                            "text, or {standard: sign} / {standard: next_steps}.")
    reasons: list[Block] = Field(default_factory=new_list, description="Reasons for the recommendations.")

    @field_validator("lead_in")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value == "":  # it used to become the default silently; any other text prints as written
            raise ValueError("an empty lead-in would print nothing before the recommendations: leave the field "
                             "out for the decision body's usual lead-in, or write one")
        return value


class CirculationGroup(StrictModel):
    """A group of members a report went to before publication."""

    group: Text = Field(description="e.g. 'Local Member(s)', 'Other members'.")
    members: Text = Field(description="Who, or 'N/A'.")


class Circulation(StrictModel):
    """Members the report was circulated to before publication."""

    lead_in: Text = Field(default="The report was circulated to the following members prior to publication:",
                          description="Sentence before the list.")
    groups: list[CirculationGroup] = Field(min_length=1, description="The groups, in order.")


class Report(_DocumentBase):
    """A decision paper (Cabinet, Executive, Council or committee report)."""

    document: Literal["report"] = Field(default="report", description="Document kind.")
    title: Name = Field(default="Local Digital Declaration", description="Title of the report.")
    meeting: Meeting = Field(description="Decision body, meeting date and agenda item.")
    report_of: Person | None = Field(default=None, description="Who the report is by (name and job title).")
    report_date: Date | None = Field(default=None, description="Date of the report, if printed.")
    contacts: list[Contact] = Field(default_factory=new_list, description="Contact officers and members.")
    lead_member: Person | None = Field(default=None, description="Lead member or portfolio holder.")
    summary: list[Block] = Field(default_factory=new_list, description="Summary or purpose of the report.")
    recommendations: Recommendations = Field(description="What the body is asked to decide.")
    sections: list[Section] = Field(default_factory=new_list, description="The body of the paper, in order.")
    background_papers: list[Text] = Field(default_factory=new_list, description="Background papers; none prints 'None'.")
    circulation: Circulation | None = Field(default=None, description="Members the report went to before publication.")
    appendices: list[Section] = Field(default_factory=new_list, description="Appendices, in order (use `label`).")
    wards_affected: Text | None = Field(default=None, description="Wards affected, e.g. 'All wards' (front sheet).")
    key_decision: Annotated[bool | None, PRINTED] = Field(default=None, description="Whether it is a key decision "
                                                          "(front sheet).")
    forward_plan_reference: Text | None = Field(default=None, description="Forward Plan reference of a key decision.")
    classification: Text | None = Field(default=None, description="e.g. 'Public' (front sheet).")
    delegation: Text | None = Field(default=None, description="The power a Cabinet Member or officer decides "
                                    "under, e.g. 'Officer Scheme of Delegation, paragraph 4.2' (front sheet).")
    options_rejected: list[Block] = Field(default_factory=new_list, description="Options considered and rejected, "
                                          "with why (front sheet; also in the decision record).")
    one_line_summary: Text | None = Field(default=None, description="The paper in a line (for a website or social "
                                          "media): shown by a header-block 'one_line_summary' row; a house style "
                                          "may cap its length (check.characters).")
    urgency: Text | None = Field(default=None, description="Why the item is urgent (taken as a matter of urgency, "
                                 "s.100B(4)(b) LGA 1972): shown by a header-block 'urgency' row; makes rows "
                                 "printed 'when: urgent' print.")
    late_reason: Text | None = Field(default=None, description="Why the report is late (not published with the "
                                     "agenda): shown by a header-block 'late_reason' row; makes rows printed "
                                     "'when: late' print.")
    decision: Decision | None = Field(default=None, description="The decision as taken, for the decision record "
                                      "(`ldd-reports record`); the paper itself does not print it.")

    @field_validator("sections", "appendices")
    @classmethod
    def _exempt_in_nation(cls, value: list[Section], info: ValidationInfo) -> list[Section]:
        org = info.data.get("organisation")
        if org is None:  # already refused
            return value
        wrong = exempt_mismatches(value, org.nation.value, info.field_name or "")
        if wrong:
            allowed = EXEMPT_PARAGRAPHS.get(org.nation.value)
            where = ", ".join(wrong)
            if allowed is None:
                raise ValueError(f"{where}: exempt information is modelled for England and Wales (Schedule 12A to "
                                 f"the Local Government Act 1972), not for {org.nation.value.replace('_', ' ').title()}")
            raise ValueError(f"{where}: a council in {org.nation.value.title()} cites paragraphs "
                             f"{allowed.start}-{allowed.stop - 1} of Schedule 12A")
        return value

    @field_validator("decision")
    @classmethod
    def _decision_fits(cls, value: Decision | None, info: ValidationInfo) -> Decision | None:
        recs = info.data.get("recommendations")
        if value is None or recs is None:  # nothing to compare, or already refused
            return value
        if value.recommendations != "agreed" and len(value.recommendations) != len(recs.items):
            raise ValueError(f"decision.recommendations gives {len(value.recommendations)} outcome(s) for "
                             f"{len(recs.items)} recommendation(s): give one for each, in order (or 'agreed')")
        return value

    def _repr_html_(self) -> str:
        """The paper as a notebook shows it: the preview, through the hook the package installs."""
        return display.notebook_html(self)


class Commitment(StrictModel):
    """One of the organisation's specific commitments."""

    title: Name = Field(description="Short title of the commitment.")
    partners: Text | None = Field(default=None, description="Partners in the commitment.")
    mission: Text = Field(description="What it sets out to do.")
    impact: Text = Field(description="The impact it should have.")


class Signatory(StrictModel):
    """Who signs on the organisation's behalf."""

    name: Name = Field(description="Full name.")
    role: Text = Field(description="Job title or role.")


class CommitmentStatement(_DocumentBase):
    """The signed commitment an organisation publishes after signing the Declaration."""

    document: Literal["commitment"] = Field(description="Document kind.")
    pledge: Text = Field(default="My organisation will work towards the principles of the Local Digital Declaration.",
                         description="The pledge sentence.")
    commitments_lead_in: Text = Field(default="Our specific commitments are:", description="Sentence before the commitments.")
    commitments: list[Commitment] = Field(min_length=1, description="The specific commitments.")
    signatory: Signatory = Field(description="Who signs.")
    date: Date = Field(description="Date signed.")

    def _repr_html_(self) -> str:
        """The statement as a notebook shows it: the preview, through the hook the package installs."""
        return display.notebook_html(self)


def _document_tag(value: Any) -> str:
    kind = value.get("document", "report") if isinstance(value, dict) else getattr(value, "document", "report")
    return "~" + str(kind)


def document_model(value: Any) -> type[Report] | type[CommitmentStatement] | None:
    """The model an input's ``document`` field names ('report' by default), or None for a kind that is neither."""
    return _MODELS.get(_document_tag(value))


_MODELS: dict[str, type[Report] | type[CommitmentStatement]] = {"~report": Report, "~commitment": CommitmentStatement}


#: Either document, told apart by the `document` field ('report' by default).
Document = Annotated[
    Union[Annotated[Report, Tag("~report")], Annotated[CommitmentStatement, Tag("~commitment")]],
    Discriminator(_document_tag, custom_error_type="document_kind",
                  custom_error_message="'document' must be 'report' or 'commitment'"),
]

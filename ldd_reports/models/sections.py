"""The numbered sections of a paper, with the standard Declaration sections typed."""

from __future__ import annotations

from enum import Enum
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, PrivateAttr, Tag, ValidationInfo, field_validator, model_validator

from .base import Name, PRINTED, StrictModel, Text, new_list
from .blocks import Block, ListItem, _text_or

__all__ = [
    "DeclarationSection", "Exempt", "EXEMPT_PARAGRAPHS", "exempt_sections", "FirstAction", "FirstActionsSection",
    "GeneralSection", "Implication", "ImplicationKind", "ImplicationsSection", "ItemsSection",
    "RecommendationsSection", "Risk", "RisksSection", "Section", "StandardPick"
]

#: Standard catalogue items to include, by key, or "all" of them.
StandardPick = Union[Literal["all"], list[str], None]


def _known_keys(catalogue: str, value: StandardPick) -> StandardPick:
    """Refuse keys the content library does not have, naming the ones it does."""
    from ..content import library as content_library

    if isinstance(value, list):
        known = content_library.catalogue(catalogue)
        unknown = [key for key in value if key not in known]
        if unknown:
            raise ValueError(f"unknown standard {catalogue} item(s) {', '.join(unknown)}; "
                             f"known: {', '.join(known)}")
    return value


class Exempt(StrictModel):
    """Why a section or appendix is exempt information (not for publication)."""

    paragraph: Annotated[int, PRINTED] = Field(description="The paragraph of Schedule 12A to the Local Government Act 1972 the "
                           "information falls under: 1-7 (Part 1, England), e.g. 3 (financial or business affairs); "
                           "12-18 (Part 4, Wales), e.g. 14.")

    @field_validator("paragraph")
    @classmethod
    def _a_description(cls, value: int) -> int:
        if not (1 <= value <= 7 or 12 <= value <= 18):
            raise ValueError("Schedule 12A describes exempt information in paragraphs 1-7 (Part 1, England) and "
                             "12-18 (Part 4, Wales)")
        return value


#: The paragraphs of Schedule 12A each nation cites (Part 1 in England, Part 4 in Wales).
EXEMPT_PARAGRAPHS = {"england": range(1, 8), "wales": range(12, 19)}


def exempt_sections(sections: list[Any], path: str, into_exempt: bool = False) -> Iterator[tuple[str, Any]]:
    """(field path, section) of every exempt section, at any depth; inside an exempt one only with ``into_exempt``."""
    for i, sec in enumerate(sections):
        here = f"{path}[{i}]"
        if sec.exempt is not None:
            yield here, sec
            if not into_exempt:
                continue
        yield from exempt_sections(sec.subsections, f"{here}.subsections", into_exempt)


def exempt_mismatches(sections: list[Any], nation: str, path: str) -> list[str]:
    """Where a section (at any depth) cites a paragraph of Schedule 12A that is not its nation's."""
    allowed = EXEMPT_PARAGRAPHS.get(nation)
    return [f"{here}.exempt.paragraph" for here, sec in exempt_sections(sections, path, into_exempt=True)
            if allowed is None or sec.exempt.paragraph not in allowed]


class _SectionBase(StrictModel):
    title: Name = Field(description="The section heading.")
    label: Text | None = Field(default=None, description="A label before the title, e.g. 'Appendix A'.")
    numbered: bool | None = Field(default=None, description="Number the heading and paragraphs as the house style "
                                  "does (default: as the enclosing section; top-level sections are numbered).")
    content: list[Block] = Field(default_factory=new_list, description="Paragraphs and lists, before any typed items.")
    closing: list[Block] = Field(default_factory=new_list, description="Paragraphs and lists after the typed items.")
    subsections: list[Section] = Field(default_factory=new_list, description="Sub-sections, one heading level down.")
    exempt: Exempt | None = Field(default=None, description="Exempt information: left out of the public version "
                                  "(render --public), which says why in its place; the full version marks it NOT FOR "
                                  "PUBLICATION.")
    #: In the public version, the names (heading, title, 'type:TYPE') of the exempt section this one replaces,
    #: so a house style's rule that names it (recommendations after it) still finds its place.
    _withheld: frozenset[str] = PrivateAttr(default=frozenset())


class GeneralSection(_SectionBase):
    """A free section: heading, paragraphs, lists and sub-sections."""

    type: Literal["general"] = Field(default="general", description="Section kind.")


class ItemsSection(_SectionBase):
    """A typed list section: principles, benefits, requirements, next steps, funding, timescales."""

    type: Literal["principles", "benefits", "requirements", "next_steps", "funding", "timescales"] = Field(
        description="Section kind; also names the content-library catalogue `standard` picks from.")
    standard: StandardPick = Field(default=None, description="Standard items from the content library: 'all' or a list of keys.")
    items: list[ListItem] = Field(default_factory=new_list, description="The council's own items, after any standard ones.")
    style: Literal["bullets", "numbered"] = Field(default="bullets", description="How the items are listed.")

    @field_validator("standard")
    @classmethod
    def _standard_keys(cls, value: StandardPick, info: ValidationInfo) -> StandardPick:
        return _known_keys(info.data.get("type", "benefits"), value)


class Risk(StrictModel):
    """A risk, with its mitigation if one is given."""

    risk: Text = Field(description="The risk.")
    mitigation: Text | None = Field(default=None, description="How it is mitigated.")


class RisksSection(_SectionBase):
    """Risks of signing, as bullets or (when any has a mitigation) a Risk | Mitigation table."""

    type: Literal["risks"] = Field(description="Section kind.")
    standard: StandardPick = Field(default=None, description="Standard risks from the content library: 'all' or keys.")
    items: list[Annotated[Union[Annotated[Text, Tag("~text")], Annotated[Risk, Tag("~risk")]], _text_or("risk")]] = Field(
        default_factory=new_list, description="The council's own risks.")

    @field_validator("standard")
    @classmethod
    def _standard_keys(cls, value: StandardPick) -> StandardPick:
        return _known_keys("risks", value)


class FirstAction(StrictModel):
    """A candidate 'first action' project."""

    title: Text | None = Field(default=None, description="Short title of the action.")
    description: Text = Field(description="What the action is.")
    partners: list[Text] = Field(default_factory=new_list, description="Partner organisations, if any.")


class FirstActionsSection(_SectionBase):
    """First-action options the council could commit to."""

    type: Literal["first_actions"] = Field(description="Section kind.")
    standard: StandardPick = Field(default=None, description="Standard first-action options: 'all' or keys.")
    options: list[FirstAction] = Field(default_factory=new_list, description="The council's own options.")

    @field_validator("standard")
    @classmethod
    def _standard_keys(cls, value: StandardPick) -> StandardPick:
        return _known_keys("first_actions", value)


class ImplicationKind(str, Enum):
    """The implications councils' house styles ask for."""

    financial = "financial"
    legal = "legal"
    equalities = "equalities"
    environmental = "environmental"
    climate = "climate"
    human_resources = "human_resources"
    property = "property"
    risk_management = "risk_management"
    crime_and_disorder = "crime_and_disorder"
    health = "health"
    sustainability = "sustainability"
    human_rights = "human_rights"
    area_and_ward = "area_and_ward"
    data_protection = "data_protection"
    other = "other"


class Implication(StrictModel):
    """One implication: its paragraphs, or `none: true` for the standard 'no implications' sentence."""

    kind: ImplicationKind = Field(description="Which implication; 'other' needs a title.")
    title: Text | None = Field(default=None, description="Heading; defaults to e.g. 'Financial Implications'.")
    none: bool = Field(default=False, description="True: say there are no such implications arising.")
    content: list[Block] = Field(default_factory=new_list, description="Paragraphs and lists.")
    sign_off: Text | None = Field(default=None, description="Who cleared it, e.g. 'Head of Finance, 1 May 2026' "
                                  "(shown where the house style lays implications out as a table).")

    @model_validator(mode="after")
    def _content_or_none(self) -> Implication:
        if self.none and self.content:
            raise ValueError("give either 'none: true' or 'content', not both")
        if not self.none and not self.content:
            raise ValueError("give 'content' or 'none: true'")
        if self.kind is ImplicationKind.other and not self.title:
            raise ValueError("an 'other' implication needs a 'title'")
        return self


class ImplicationsSection(_SectionBase):
    """Implications: nested under one heading (e.g. 'Resources') or flat, one section each."""

    type: Literal["implications"] = Field(description="Section kind.")
    title: Text | None = Field(  # type: ignore[assignment]  # optional here only: a flat layout has none
        default=None, description="Heading when layout is 'nested' (default 'Implications').")
    layout: Literal["nested", "flat"] = Field(default="nested", description="'flat': each implication is a section of its own.")
    items: list[Implication] = Field(min_length=1, description="The implications, in order.")

    @model_validator(mode="after")
    def _flat_prints_no_heading(self) -> ImplicationsSection:
        # A flat layout has no heading of its own to hang anything on: refuse, never drop, text.
        if self.layout == "flat":
            extra = [name for name in ("label", "content", "closing", "subsections") if getattr(self, name)]
            if self.title is not None:
                extra.insert(0, "title")
            if extra:
                raise ValueError(f"a flat implications section prints no heading of its own, so it cannot have "
                                 f"{', '.join(extra)}; use layout: nested")
        return self


class DeclarationSection(_SectionBase):
    """The Local Digital Declaration's text, from the content library."""

    type: Literal["declaration"] = Field(description="Section kind.")
    title: Text = Field(default="The Local Digital Declaration", description="Heading.")
    numbered: bool = Field(default=False, description="The Declaration keeps its own structure: not numbered.")
    commitment_labels: Literal["letters", "bullets"] = Field(default="letters", description="Commitments as A-M or as bullets.")
    in_english: bool = Field(default=False, description="In a paper in another language (Welsh): quote the "
                             "Declaration in English, after a note in the paper's language saying so (message "
                             "declaration.quoted_in_english); otherwise each of its paragraphs is the council's "
                             "to translate. No official Welsh text has been published.")


class RecommendationsSection(_SectionBase):
    """Repeats the paper's recommendations where the house style restates them in the body."""

    type: Literal["recommendations"] = Field(description="Section kind.")
    title: Text = Field(default="Recommendations", description="Heading.")
    numbered: bool = Field(default=False, description="Number the heading.")


def _section_tag(value: Any) -> str:
    kind = value.get("type", "general") if isinstance(value, dict) else getattr(value, "type", "general")
    if kind in ("principles", "benefits", "requirements", "next_steps", "funding", "timescales"):
        return "~items"
    return "~" + str(kind)


Section = Annotated[
    Union[
        Annotated[GeneralSection, Tag("~general")],
        Annotated[ItemsSection, Tag("~items")],
        Annotated[RisksSection, Tag("~risks")],
        Annotated[FirstActionsSection, Tag("~first_actions")],
        Annotated[ImplicationsSection, Tag("~implications")],
        Annotated[DeclarationSection, Tag("~declaration")],
        Annotated[RecommendationsSection, Tag("~recommendations")],
    ],
    Discriminator(
        _section_tag,
        custom_error_type="section_type",
        custom_error_message="unknown section type; use general, principles, benefits, requirements, "
        "next_steps, funding, timescales, risks, first_actions, implications, declaration or recommendations",
    ),
]

"""Who: the organisation, its decision-making body and meeting, officers and signatories."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from .base import Date, Name, StrictModel, Text, Time, new_list
from .kinds import BodyKind, Nation, OrganisationKind

__all__ = ["BodyKind", "Contact", "Meeting", "MeetingStep", "Nation", "Organisation", "OrganisationKind", "Person"]


_NATION_OF_KIND = {"welsh": Nation.wales, "scottish": Nation.scotland, "northern_irish": Nation.northern_ireland}


class Organisation(StrictModel):
    """The council or sector body the paper is for."""

    name: Name = Field(description="Full name, e.g. 'Warwickshire County Council'.")
    short_name: Text | None = Field(
        default=None, description="Short form the paper's text uses, e.g. 'WCC' (not printed on its own; the check "
        "accepts it without being spelled out).")
    kind: OrganisationKind = Field(description="Kind of body; 'other' for a body that is not a local authority.")
    nation: Nation = Field(default=Nation.england, description="The nation whose law applies: by default Wales, "
                           "Scotland or Northern Ireland for a welsh, scottish or northern_irish kind, else England.")

    @model_validator(mode="before")
    @classmethod
    def _nation_from_kind(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        kind = value.get("kind")
        implied = _NATION_OF_KIND.get(str(kind.value if isinstance(kind, OrganisationKind) else kind))
        nation = value.get("nation")
        if nation is None:
            return {**value, "nation": implied or Nation.england}
        if implied is not None and str(getattr(nation, "value", nation)) != implied.value:
            raise ValueError(f"nation {getattr(nation, 'value', nation)!r} contradicts kind {kind!r} "
                             f"({implied.value}): leave nation out, or correct one of them")
        return value


class MeetingStep(StrictModel):
    """Another meeting on the paper's way: a later decision-maker and when it meets."""

    body: Name = Field(description="The body, e.g. 'Council'.")
    date: Date | None = Field(default=None, description="Date of that meeting, if known (YYYY-MM-DD).")


class Meeting(StrictModel):
    """The decision-making body and the meeting the paper goes to."""

    body: Name = Field(description="The body as the paper names it, e.g. 'Cabinet', 'Executive'.")
    body_kind: BodyKind = Field(default=BodyKind.cabinet, description="What kind of decision-maker the body is.")
    date: Date | None = Field(default=None, description="Date of the meeting (YYYY-MM-DD); leave it out while "
                                 "it is not known (a draft shows a placeholder, a final render refuses).")
    item: Text | None = Field(default=None, description="Agenda item number or reference, e.g. '6'.")
    time: Time | None = Field(default=None, description="Time the meeting starts, HH:MM (24-hour), e.g. '19:30'; "
                              "printed with the meeting date as the house style says ('7.30 pm').")
    also: list[MeetingStep] = Field(default_factory=new_list, description="The later meetings the paper goes to, in "
                                    "order (e.g. Cabinet, then Council): shown where the house style's header "
                                    "block has a 'meetings' row.")


class Person(StrictModel):
    """A named officer or member with their job title or role."""

    name: Name = Field(description="Full name.")
    job_title: Text | None = Field(default=None, description="Job title, role or portfolio.")


class Contact(StrictModel):
    """A contact for the report (a row of the contacts table)."""

    role: Text | None = Field(default=None, description="Role on this report, e.g. 'Report Author', 'Lead Member'.")
    name: Name = Field(description="Name (or post, where the paper names a post).")
    job_title: Text | None = Field(default=None, description="Job title.")
    telephone: Text | None = Field(default=None, description="Telephone number, as it should be printed.")
    email: Text | None = Field(default=None, description="Email address.")

"""The decision taken on a paper: what the decision record publishes (reg. 12 of SI 2012/2089)."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator

from .base import Date, StrictModel, Text, new_list
from .blocks import Block

__all__ = ["Conflict", "Decision", "Outcome"]


class Outcome(StrictModel):
    """What was decided on one recommendation, in the paper's order."""

    outcome: Literal["agreed", "amended", "rejected"] = Field(
        description="'agreed' as recommended, 'amended' (agreed in other words), or 'rejected'.")
    wording: Text | None = Field(default=None, description="The final wording as decided: required when "
                                 "amended; by default the recommendation's own.")

    @model_validator(mode="after")
    def _amended_says_how(self) -> Outcome:
        if self.outcome == "amended" and not (self.wording or "").strip():
            raise ValueError("an amended recommendation needs its final wording: give 'wording'")
        return self


class Conflict(StrictModel):
    """An interest declared by a member (or officer) consulted, and any dispensation."""

    member: Text = Field(description="Who declared it, e.g. 'Councillor A Jones'.")
    interest: Text = Field(description="The interest declared.")
    dispensation: Text | None = Field(default=None, description="The dispensation granted, by whom and when "
                                      "(none: no dispensation).")


#: 'agreed' (every recommendation as written) or an outcome for each, told apart by type (one clear error).
Outcomes = Annotated[Union[Annotated[Literal["agreed"], Tag("~all")], Annotated[list[Outcome], Tag("~each")]],
                     Discriminator(lambda v: "~all" if isinstance(v, str) else "~each")]


class Decision(StrictModel):
    """The decision as taken, for the decision record (`ldd-reports record`)."""

    date: Date = Field(description="The date the decision was taken.")
    decided_by: Text | None = Field(default=None, description="Who decided, e.g. 'Councillor Jane Smith, Cabinet "
                                    "Member for Digital Services' (default: the decision body).")
    reference: Text | None = Field(default=None, description="The decision's own reference number, if any.")
    recommendations: Outcomes = Field(
        description="'agreed' (every recommendation as written), or an outcome for each recommendation in order.")
    reasons: list[Block] = Field(default_factory=new_list, description="Reasons for the decision (default: the "
                                 "paper's reasons for its recommendations).")
    alternatives_rejected: list[Block] = Field(default_factory=new_list, description="Alternative options considered "
                                               "and rejected (default: the paper's options_rejected).")
    conflicts: list[Conflict] = Field(default_factory=new_list, description="Conflicts of interest declared and "
                                      "dispensations granted (none: the record says so).")
    call_in: Literal["applies", "urgent", "exempt"] = Field(
        default="applies", description="'applies' (the usual call-in period runs), 'urgent' (the urgency "
        "procedure waived call-in) or 'exempt' (not subject to call-in); the last two need call_in_reason.")
    call_in_reason: Text | None = Field(default=None, description="Why call-in does not apply (who agreed the "
                                        "urgency, or the rule that exempts the decision).")
    published: Date | None = Field(default=None, description="The date the record is published (default: the "
                                      "date the house style's timetable gives); call-in runs from it.")

    @model_validator(mode="after")
    def _consistent(self) -> Decision:
        if self.call_in != "applies" and not (self.call_in_reason or "").strip():
            raise ValueError(f"call_in is {self.call_in!r}: give call_in_reason (why call-in does not apply)")
        if self.call_in == "applies" and self.call_in_reason:
            raise ValueError("call_in_reason is given but call_in is 'applies': set call_in to 'urgent' or "
                             "'exempt', or leave the reason out")
        if self.published is not None and self.published < self.date:
            raise ValueError(f"published ({self.published.isoformat()}) is before the decision was taken "
                             f"({self.date.isoformat()})")
        return self

    def outcomes(self, count: int) -> list[Outcome]:
        """One outcome for each of ``count`` recommendations ('agreed' expands)."""
        if self.recommendations == "agreed":
            return [Outcome(outcome="agreed") for _ in range(count)]
        return list(self.recommendations)

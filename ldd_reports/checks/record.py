"""The clerk's check of a decision record: what the record says against the paper and the timetable."""

from __future__ import annotations

from collections.abc import Iterator

from ..content.wording import recommendation_texts
from ..governance.timetable import timetable
from ..house_styles.style import HouseStyle
from ..models import Report
from .findings import Finding

__all__ = ["record_findings"]

_MEETINGS = {"cabinet", "executive", "council", "committee"}  # a body that decides at its meeting


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def record_findings(doc: Report, style: HouseStyle) -> Iterator[Finding]:
    """Findings for the record of ``doc.decision`` beyond those every document gets (placeholders, prose)."""
    decision = doc.decision
    if decision is None:
        return
    t = timetable(doc, style)
    route = doc.meeting.body_kind.value
    if doc.meeting.date and decision.date < doc.meeting.date:
        yield Finding("error", "decision.date", f"the decision is dated {decision.date.isoformat()}, before the "
                                               f"meeting ({doc.meeting.date.isoformat()})", "decision")
    elif route in _MEETINGS and doc.meeting.date and decision.date != doc.meeting.date:
        yield Finding("warning", "decision.date", f"the decision is dated {decision.date.isoformat()} but "
                                                  f"{doc.meeting.body} met on {doc.meeting.date.isoformat()} "
                                                  "(an adjourned meeting?)", "decision")
    due = t.dates["decision_record_by"]
    if decision.published and due and decision.published > due:
        yield Finding("warning", "decision.published", f"the record is published on {decision.published.isoformat()}"
                                                       f", after the house style's deadline ({due.isoformat()})",
                      "timetable")
    if decision.call_in != "applies" and t.call_in == "not_applicable":
        yield Finding("warning", "decision.call_in", f"call_in is {decision.call_in!r}, but a {route.replace('_', ' ')}"
                                                     " decision is not subject to call-in anyway", "decision")
    if doc.key_decision and not doc.forward_plan_reference and decision.call_in != "urgent":
        yield Finding("warning", "forward_plan_reference", "a key decision's record gives its forward plan reference, "
                                                           "or says the urgency procedure was used", "decision")
    if decision.recommendations == "agreed":
        return
    for i, (outcome, original) in enumerate(zip(decision.recommendations, recommendation_texts(doc, style.words))):
        field = f"decision.recommendations[{i}]"
        if outcome.outcome == "agreed" and outcome.wording and not _same(outcome.wording, original):
            yield Finding("error", f"{field}.wording", "agreed in other words than the report's: mark it 'amended'",
                          "decision")
        elif outcome.outcome == "amended" and outcome.wording and _same(outcome.wording, original):
            yield Finding("warning", f"{field}.wording", "marked 'amended' but the wording is the report's own: "
                                                         "mark it 'agreed'", "decision")

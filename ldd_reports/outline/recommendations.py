"""The recommendations as outline blocks: at the front, in a header block, or as numbered body paragraphs."""

from __future__ import annotations

from typing import Any

from ..content.wording import lead_in, recommendation_texts
from ..models import Report
from .nodes import Block, Piece
from .outliner import SectionWriter

__all__ = ["recommendations"]


def recommendations(w: SectionWriter, heading: bool = True, in_body: bool = False, para: Any = None) -> list[Block]:
    """Lead-in, numbered recommendations and reasons: at the front, in a block, or as body paragraphs."""
    report: Report = w.doc
    rule = w.style.recommendations
    rec = report.recommendations
    route = report.meeting.body_kind.value
    lead = Piece(lead_in(report, w.words), "recommendations.lead_in", "officer" if rec.lead_in else "library", False,
                 w.markup if rec.lead_in else True, message=None if rec.lead_in else f"routes.{route}.lead_in")
    texts = recommendation_texts(report, w.words)
    # Standard items are already worded for the paper (recommendation_texts filled their fields).
    entries: list[tuple[Piece, list[Any]]] = [(w.officer(t, f"recommendations.items[{i}]") if isinstance(item, str)
                else Piece(t, f"recommendations.items[{i}]", "library", markup=True,
                           message=f"routes.{route}.{item.standard}"), [])
               for i, (item, t) in enumerate(zip(rec.items, texts))]
    out: list[Block] = []
    if in_body:  # 7. That Cabinet: a) ... / 8. For the following reasons: a) ...
        if heading and rule.heading:
            out.append(w.heading(w.label(rule.heading), 1, None, tags=frozenset({"recommendations"})))
        role = "paragraph" if para else "body"
        if rule.run_in and len(entries) == 1:  # '7. That Cabinet: Agrees that ...' as one paragraph
            out += w.paras(entries[0][0], role, para, lead=[lead, w.label(" ")])
        else:
            out += w.paras(lead, role, para, keep_next=True)
            out += w.items(entries, "numbered", para)
        if rec.reasons:
            reasons_para = para if rule.reasons_numbered else None
            reasons_lead = w.paras(w.label(rule.reasons_lead_in), "paragraph" if reasons_para else "body",
                                   reasons_para, keep_next=True)
            out += reasons_lead  # none for an empty lead-in: the reasons are then numbered in its place
            out += w.blocks(rec.reasons, "recommendations.reasons",
                            (reasons_para[0], reasons_para[1] + 1) if reasons_para and reasons_lead else reasons_para)
        return out
    if heading and rule.heading:
        out.append(w.heading(w.label(rule.heading), 1, None, tags=frozenset({"recommendations"})))
    out += w.paras(lead, keep_next=True)
    out += w.items(entries, "numbered", None)
    if rec.reasons:
        if rule.reasons_heading:
            out.append(w.heading(w.label(rule.reasons_heading), 2, None))
        out += w.blocks(rec.reasons, "recommendations.reasons", None)
    return out

"""A decision record's outline: the decision on each recommendation, reasons, alternatives, conflicts, call-in.

One more reader of the paper's model, written into an outline in the paper's house style (its
numbering, header layout and template), so the Word writer, the PDF and the check read it as
they read a paper. The wording is data (content/decision_record.yaml); the dates are the
timetable's (``timetable``), which honours the decision's urgency or call-in exemption.
"""

from __future__ import annotations

from ..content.wording import recommendation_texts
from ..errors import InputError, Problem
from ..governance.timetable import Timetable, timetable
from ..house_styles.rules import HeaderBlock
from ..house_styles.style import HouseStyle
from ..models import Report
from ..models.decision import Decision
from .front_matter import ReportParts, running_text
from .nodes import Block, Outline, Para, Piece
from .outliner import schemes_for

__all__ = ["build_record_outline"]


def build_record_outline(doc: Report, style: HouseStyle) -> Outline:
    """The decision record of ``doc`` (which must have a ``decision``) in its house style."""
    if doc.decision is None:
        raise InputError([Problem("decision", "a decision record needs the decision: add a 'decision:' block "
                                              "(date, recommendations, and what else was decided)")])
    outline = Outline(schemes=schemes_for(style))
    record = _Record(doc, doc.decision, style, outline)
    for name in style.record.parts:
        outline.parts[name] = record.part(name)
    running_text(record, outline, "header_block")
    return outline


class _Record(ReportParts):
    """The record's parts; the header block's rows come from the paper's parts and the decision's values."""

    def __init__(self, doc: Report, decision: Decision, style: HouseStyle, outline: Outline) -> None:
        super().__init__(doc, style, outline)
        self.decision = decision
        self.times: Timetable = timetable(doc, style)
        d, w = decision, self.w
        values = {
            "decided_by": [w.officer(d.decided_by, "decision.decided_by")] if d.decided_by
            else [w.officer(doc.meeting.body, "meeting.body")],
            "decision_date": [self.date(d.date, "decision.date")],
            "decision_reference": [w.officer(d.reference, "decision.reference")] if d.reference else None,
            "record_published": [self.date(d.published, "decision.published")] if d.published
            else [self.when("decision_record_by")],
            "call_in_ends": [self.when("call_in_ends")],
            "implement_from": [self.when("implement_from")],
        }
        self.decision_values = {k: v for k, v in values.items() if v}

    def when(self, key: str) -> Piece:
        """A timetable date, as the paper prints dates (the house style's wording: not the officer's)."""
        day = self.times.dates[key]
        if day is None:
            return Piece(self.w.word("paper.not_applicable"), f"timetable.{key}", "house_style",
                         message="paper.not_applicable")
        return self.w.date(day, f"timetable.{key}", "house_style")

    def heading(self, text: str, tag: str) -> Block:
        return self.w.heading(self.w.label(text), 1, tags=frozenset({f"record:{tag}"}))

    def part(self, name: str) -> list[Block]:
        rule, d = self.style.record, self.decision
        if name == "header_block":
            # A record is a form: its labels stand in a column, whatever the paper's header does, unless its style says.
            hb = HeaderBlock(layout=rule.layout, fields=rule.fields,
                             before_title=self.style.header_block.before_title)
            return self.header_block(hb, [self.w.label(rule.title)])
        if name == "summary":
            return ([self.heading(rule.summary_heading, "summary")] + self.w.blocks(self.doc.summary, "summary", None)
                    if self.doc.summary else [])
        if name == "decision":
            return [self.heading(rule.decision_heading, "decision")] + self.outcomes()
        if name == "reasons":
            blocks = (self.w.blocks(d.reasons, "decision.reasons", None) if d.reasons
                      else self.w.blocks(self.doc.recommendations.reasons, "recommendations.reasons", None))
            return [self.heading(rule.reasons_heading, "reasons")] + (blocks or self.missing("decision.reasons", "reasons"))
        if name == "alternatives_rejected":
            blocks = (self.w.blocks(d.alternatives_rejected, "decision.alternatives_rejected", None)
                      if d.alternatives_rejected else self.w.blocks(self.doc.options_rejected, "options_rejected", None))
            return [self.heading(rule.alternatives_heading, "alternatives_rejected")] + (
                blocks or self.missing("decision.alternatives_rejected", "alternatives"))
        if name == "conflicts":
            return [self.heading(rule.conflicts_heading, "conflicts")] + self.conflicts()
        if name == "signature":  # 'CONFIRMED AS A TRUE RECORD', then lines to sign on, with room to sign
            return [Para([self.styled(line)], space_before=36 if i else 24, keep_next=i < len(rule.signature) - 1)
                    for i, line in enumerate(rule.signature)]
        return [self.heading(rule.call_in_heading, "call_in")] + self.call_in()

    def missing(self, field: str, what: str) -> list[Block]:
        """A placeholder where the law asks for something the input does not give (a final record refuses it)."""
        text = self.w.word("paper.placeholder", what=self.w.word(f"record.missing.{what}"))
        return [Para([Piece(text, field, "house_style", message="paper.placeholder")])]  # one piece: found whole

    def outcomes(self) -> list[Block]:
        """The lead-in, then each recommendation as decided: 'Agreed:' and its final wording, numbered as listed."""
        doc, w = self.doc, self.w
        route = doc.meeting.body_kind.value
        lead = Piece(w.word(f"routes.{route}.decided"), "decision", "library", markup=True,
                     message=f"routes.{route}.decided")
        out: list[Block] = [*w.paras(lead, keep_next=True)]
        list_id = self.o.new_list("lists")
        texts = recommendation_texts(doc, w.words)
        for i, (outcome, original) in enumerate(zip(self.decision.outcomes(len(texts)), texts)):
            field = f"decision.recommendations[{i}]" if self.decision.recommendations != "agreed" else "decision"
            item = doc.recommendations.items[i]
            as_put = Piece(original, f"recommendations.items[{i}]", "officer" if isinstance(item, str) else "library",
                           markup=w.markup or not isinstance(item, str),
                           message=None if isinstance(item, str) else f"routes.{route}.{item.standard}")
            wording = w.officer(outcome.wording, f"{field}.wording") if outcome.wording else as_put
            pieces = w.say(f"record.outcome.{outcome.outcome}", bold=True, field=field, wording=wording)
            # The words before the wording lead its paragraph, those after end it; a message without
            # {wording} is a label before it: the decision's words are never the wording's to drop.
            at = next((i for i, p in enumerate(pieces) if p is wording), len(pieces))
            decided = w.paras(wording, "number", (list_id, 0), lead=pieces[:at])
            decided[-1].pieces += pieces[at + 1:]
            out += decided
            if outcome.wording and outcome.wording.strip() != original.strip():
                out += [Para([*w.say("record.as_recommended", field=field), as_put], indent=28)]
        return out

    def conflicts(self) -> list[Block]:
        w = self.w
        if not self.decision.conflicts:
            return [Para(w.say("record.no_conflicts"))]
        out: list[Block] = []
        for i, c in enumerate(self.decision.conflicts):
            path = f"decision.conflicts[{i}]"
            out.append(Para(w.say("record.conflict", member=w.officer(c.member, f"{path}.member"),
                                  interest=w.officer(c.interest, f"{path}.interest"))))
            if c.dispensation:
                out.append(Para(w.say("record.dispensation",
                                      dispensation=w.officer(c.dispensation, f"{path}.dispensation")), indent=28))
            else:
                out.append(Para(w.say("record.no_dispensation"), indent=28))
        return out

    def call_in(self) -> list[Block]:
        w, t = self.w, self.times
        # the dates as pieces of their own (their field is the timetable's)
        out: list[Block] = [Para(w.say(f"record.call_in.{t.call_in}", call_in_ends=self.when("call_in_ends"),
                                       implement_from=self.when("implement_from")))]
        if self.decision.call_in_reason:
            out.append(Para(w.say("record.call_in_reason",
                                  reason=w.officer(self.decision.call_in_reason, "decision.call_in_reason"))))
        return out

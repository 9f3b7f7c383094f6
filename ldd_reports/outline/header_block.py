"""The header block: the rows at the front of a paper (or a record), each a value, a fixed text or a contact."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..governance import exempt
from ..house_styles.rules import DECISION_FIELDS
from ..house_styles.style import FieldRow, HeaderBlock, HouseStyle
from ..markup import parse
from ..models import Report
from .fitting import text_width
from .nodes import Block, Outline, Para, Piece, Table
from .outliner import SectionWriter
from .recommendations import recommendations

__all__ = ["LABEL_COLUMN", "MAX_LABEL_COLUMN", "HeaderBlockParts"]

_VALUE = "\ue000"  # where a row's value goes in its format, while the format's markup is read
LABEL_COLUMN = 136  # points: where a header block's values start at least (fits a bold 12pt 'Recommendations')
MAX_LABEL_COLUMN = 216  # points: the widest label column (half the line); a longer label goes above its value
_BOLD = 1.12  # Arial Bold's advance widths over Arial's, near enough: the label column is measured in Arial
_GAP = 10  # points between the longest label and its value


def _label_width(label: list[Piece]) -> int:
    """Points a bold 12pt label needs before its value starts: never touching it."""
    return math.ceil(text_width("".join(p.text for p in label), 12) * _BOLD) + _GAP if label else 0


class HeaderBlockParts:
    """The header block's values and rows; mixed into the report's part builder, whose state it shares."""

    doc: Report
    style: HouseStyle
    o: Outline
    w: SectionWriter
    shown: set[str]  # the header values the parts showed (the running text and contacts ask)
    decision_values: dict[str, list[Piece]]

    def date(self, value: Any, field: str) -> Piece:
        if value is None:
            return Piece(self.w.word("paper.open_date"), field, "house_style", message="paper.open_date")
        return self.w.date(value, field)

    # -- header block ----------------------------------------------------------------------------
    def value(self, key: str) -> list[Block] | list[Piece] | None:
        """A header-block value: pieces for a line, blocks for the summary and recommendations."""
        d, w = self.doc, self.w
        self.shown.add(key)
        if key in DECISION_FIELDS:
            return self.decision_values.get(key)
        person = {"report_of": d.report_of, "lead_member": d.lead_member}.get(key)
        if key in ("report_of", "lead_member"):
            if person is None:
                return None
            return w.person(person, key)
        if key.startswith("contact:"):
            role = key[8:].strip().lower()
            hits = [(i, c) for i, c in enumerate(d.contacts) if (c.role or "").lower() == role]
            if not hits:
                return None
            i, c = hits[0]
            return w.person(c, f"contacts[{i}]")
        if key == "summary":
            return w.blocks(d.summary, "summary", None) or None
        if key == "options_rejected":
            return w.blocks(d.options_rejected, "options_rejected", None) or None
        if key == "exempt_information":
            lines: list[Block] = [
                Para([Piece(exempt.front_sheet_line(sec, appendix, d.organisation.nation.value, w.words),
                            f"{path}.exempt.paragraph",
                            "house_style", message="exempt.front_sheet")]) for path, sec, appendix in exempt.exempt_parts(d)]
            return lines or None
        if key == "recommendations":
            return recommendations(w, heading=False)
        if key == "key_decision":
            if d.key_decision is None:
                return None
            ref = d.forward_plan_reference
            return w.say("paper.yes" if d.key_decision else "paper.no", field="key_decision") + (
                w.say("paper.forward_plan", reference=w.officer(ref, "forward_plan_reference"))
                if ref else [])  # given for a decision that is not key: printed all the same, never dropped
        if key == "meeting_date":
            return w.meeting_date(d.meeting, "meeting")
        if key == "report_date":
            return [self.date(d.report_date, "report_date")] if d.report_date else None
        if key == "meetings":  # the paper's way: this meeting, then each later one
            steps = [(w.officer(d.meeting.body, "meeting.body"), w.meeting_date(d.meeting, "meeting"))]
            steps += [(w.officer(m.body, f"meeting.also[{i}].body"), w.meeting_date(m, f"meeting.also[{i}]"))
                      for i, m in enumerate(d.meeting.also)]
            if self.style.header_block.meetings == "table":  # data, with a header row: a real table
                cells: list[list[list[Block]]] = [[[Para([w.phrase(f"paper.meetings_table.{c}")], "table_heading")]
                                                   for c in ("meeting", "date")]]
                cells += [[[Para([body])], [Para(date)]] for body, date in steps]
                table: list[Block] = [Table(cells, 1, [1, 1])]
                return table
            path: list[Block] = [Para(w.say("paper.meeting_step", meeting=body, date=date)) for body, date in steps]
            return path
        field, value = {
            "title": ("title", d.title), "organisation": ("organisation.name", d.organisation.name),
            "body": ("meeting.body", d.meeting.body), "decision_maker": ("meeting.body", d.meeting.body),
            "item": ("meeting.item", d.meeting.item),
            "report_of.name": ("report_of.name", d.report_of.name if d.report_of else None),
            "report_of.job_title": ("report_of.job_title", d.report_of.job_title if d.report_of else None),
            "lead_member.name": ("lead_member.name", d.lead_member.name if d.lead_member else None),
            "lead_member.job_title": ("lead_member.job_title", d.lead_member.job_title if d.lead_member else None),
        }.get(key) or (key, getattr(d, key))
        return [w.officer(value, field)] if value else None

    def applies(self, when: str) -> bool:
        """Whether a row printed ``when`` ('exempt', 'urgent' ...) belongs in this paper."""
        d = self.doc
        if when == "always":  # most rows: no need to look for exempt parts
            return True
        exempt_parts = not self.w.public and any(True for _ in exempt.exempt_parts(d))
        return {"exempt": exempt_parts, "not_exempt": not exempt_parts,
                "urgent": bool(getattr(d, "urgency", None)), "late": bool(getattr(d, "late_reason", None)),
                "key_decision": bool(getattr(d, "key_decision", None))}[when]

    def styled(self, text: str) -> Piece:
        """A house style's own text in the paper's inline markup ('**{}**' makes the value bold)."""
        return Piece(text, "", "house_style", markup=self.w.markup)

    def formatted(self, fmt: str, value: list[Piece]) -> list[Piece]:
        """A row's value in its format ('Item {}'); in a markup paper the format's markup applies to the value
        too ('**{}**' makes it bold)."""
        before, _, after = fmt.partition("{}")
        if not self.w.markup:
            return ([self.w.label(before)] if before else []) + value + ([self.w.label(after)] if after else [])
        out: list[Piece] = []
        for span in parse(before + _VALUE + after):
            head, found, tail = span.text.partition(_VALUE)
            out += [Piece(head, "", "house_style", span.bold)] if head else []
            if found:
                out += [replace(p, bold=p.bold or span.bold) for p in value]
                out += [Piece(tail, "", "house_style", span.bold)] if tail else []
        return out

    def rows(self, row: FieldRow) -> list[tuple[list[Piece], list[Block]]]:
        """(label pieces, value blocks) for one row; 'contacts' expands to a row per detail."""
        if not self.applies(row.when):
            return []
        label = [self.w.label(row.label)] if row.label else []
        if row.text is not None:  # a row of fixed text: the release line, an urgency note
            return [(label, [Para([self.styled(row.text)])])]
        assert row.value is not None  # a row has a value or a text (the model says so)
        if row.value == "contacts":
            self.shown.add("contacts")
            out: list[tuple[list[Piece], list[Block]]] = []
            for i, c in enumerate(self.doc.contacts):
                role = ([self.w.officer(c.role, f"contacts[{i}].role")] if c.role else
                        [self.w.label(row.label)] if row.label else self.w.say("contacts.contact"))
                out.append((role, [Para(self.w.person(c, f"contacts[{i}]"))]))
                for part in ("telephone", "email"):
                    if getattr(c, part):
                        out.append((self.w.say(f"contacts.{part}"), [Para([self.w.detail(c, part, f"contacts[{i}]")])]))
            return out
        value = self.value(row.value)
        if not value:
            if row.when_empty == "omit":
                return []
            if row.when_empty == "placeholder":  # one piece: a placeholder is found whole
                value = [Piece(self.w.word("paper.placeholder", what=row.label.rstrip(":") or row.value), row.value,
                               "house_style", message="paper.placeholder")]
            else:
                value = [Piece(row.when_empty, row.value, "house_style")]
        if isinstance(value[0], Piece):
            return [(label, [Para(self.formatted(row.format, value))])]
        return [(label, value)]

    def header_block(self, hb: HeaderBlock | None = None, title: list[Piece] | None = None) -> list[Block]:
        """The block at the front: the house style's, or ``hb`` (a decision record's) under ``title``."""
        hb = hb or self.style.header_block
        out: list[Block] = []
        for key in hb.before_title:
            if isinstance(key, FieldRow):  # a labelled line above the title: 'Report to: Cabinet'
                for label, blocks in self.rows(key):
                    first = blocks[0] if blocks and isinstance(blocks[0], Para) else None
                    if first is not None:
                        out.append(Para([*label, *([self.w.label(" ")] if label else []), *first.pieces], "subtitle"))
                continue
            value = self.value(key)
            if value:
                pieces = self.w.say("paper.agenda_item", item=value[0]) if key == "item" else value  # type: ignore[arg-type]
                out.append(Para(pieces, "subtitle"))  # type: ignore[arg-type]
        if hb.title:
            out.append(Para(title or [self.w.officer(self.doc.title, "title")], "title"))
        rows = [r for row in hb.fields for r in self.rows(row)]
        if not rows:
            return out
        if hb.layout == "lines":
            for label, blocks in rows:
                first = blocks[0] if blocks and isinstance(blocks[0], Para) and blocks[0].role == "body" else None
                bold = [replace(p, bold=True) for p in label if p.text]
                if first is not None and not first.label:  # an empty label prints nothing, not a space
                    out.append(Para(bold + ([self.w.label(" ")] if bold else []) + first.pieces,
                                    keep_next=len(blocks) > 1))
                    out += blocks[1:]
                else:
                    out += ([Para(bold, keep_next=True)] if bold else []) + blocks
        else:  # table, front_sheet: label and value side by side; aligned lines, not a layout table,
            # so a screen reader meets each value after its label and no header cell that is not one
            widths = [_label_width(label) for label, _ in rows]
            column = max([LABEL_COLUMN, *(w for w in widths if w <= MAX_LABEL_COLUMN)])
            for (label, blocks), width in zip(rows, widths):
                bold = [replace(p, bold=True) for p in label if p.text]
                first = blocks[0] if blocks and isinstance(blocks[0], Para) and not blocks[0].num else None
                if first is not None and bold and width <= column:
                    first.pieces[:0] = bold + [self.w.label("\t")]
                    first.label_width, first.keep_next = column, len(blocks) > 1
                    rest = blocks[1:]
                elif first is not None and not bold:  # no label: the value alone, where values stand
                    first.indent, first.keep_next = column, len(blocks) > 1
                    rest = blocks[1:]
                else:  # no value to run on, or a label too long for any column: the label above its value
                    out += [Para(bold, keep_next=True)] if bold else []
                    first, rest = None, blocks
                for block in rest:  # numbered ones too: a recommendation's number stands in the value column
                    if isinstance(block, Para):
                        block.indent = column
                out += ([first] if first is not None else []) + rest
        return out

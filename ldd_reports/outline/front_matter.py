"""A report's outline: the header block, summary, recommendations and body (back matter: ``back_matter``); build_outline."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import InputError, Problem
from ..governance import exempt
from ..house_styles.rules import DECISION_FIELDS
from ..house_styles.style import FieldRow, HeaderBlock, HouseStyle
from ..markup import parse
from ..models import CommitmentStatement, ImplicationsSection, Report
from .back_matter import BackMatterParts
from .fitting import FURNITURE_WIDTH, text_width
from .nodes import Block, Outline, Para, Piece
from .outliner import SectionWriter, schemes_for
from .recommendations import recommendations
from .sections import section
from .statement import statement

__all__ = ["ReportParts", "build_outline", "running_text"]

LABEL_COLUMN = 136  # points: where a header block's values start (fits a bold 12pt 'Recommendations')


class ReportParts(BackMatterParts):
    """The parts of a report, each built once, in the house style's order."""

    def __init__(self, doc: Report, style: HouseStyle, outline: Outline) -> None:
        self.doc, self.style, self.o = doc, style, outline
        self.w = SectionWriter(doc, style, outline)
        self.shown: set[str] = set()  # the header values the parts showed (the running text and contacts ask)
        self.body_list: int | None = None
        self.decision_values: dict[str, list[Piece]] = {}  # a decision record's own values (outline.record)

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
            path: list[Block] = [Para(w.say("paper.meeting_step", meeting=body, date=date)) for body, date in steps]
            return path
        field, value = {
            "title": ("title", d.title), "organisation": ("organisation.name", d.organisation.name),
            "body": ("meeting.body", d.meeting.body), "decision_maker": ("meeting.body", d.meeting.body),
            "item": ("meeting.item", d.meeting.item),
            "report_of.name": ("report_of.name", d.report_of.name if d.report_of else None),
            "report_of.job_title": ("report_of.job_title", d.report_of.job_title if d.report_of else None),
        }.get(key) or (key, getattr(d, key))
        return [w.officer(value, field)] if value else None

    def rows(self, row: FieldRow) -> list[tuple[list[Piece], list[Block]]]:
        """(label pieces, value blocks) for one row; 'contacts' expands to a row per detail."""
        if row.value == "contacts":
            self.shown.add("contacts")
            out: list[tuple[list[Piece], list[Block]]] = []
            for i, c in enumerate(self.doc.contacts):
                role = ([self.w.officer(c.role, f"contacts[{i}].role")] if c.role else
                        [self.w.label(row.label)] if row.label else self.w.say("contacts.contact"))
                out.append((role, [Para(self.w.person(c, f"contacts[{i}]"))]))
                for part in ("telephone", "email"):
                    if getattr(c, part):
                        out.append((self.w.say(f"contacts.{part}"), [Para([self.detail(c, part, f"contacts[{i}]")])]))
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
            before, _, after = row.format.partition("{}")
            pieces = ([self.w.label(before)] if before else []) + value + ([self.w.label(after)] if after else [])
            return [([self.w.label(row.label)], [Para(pieces)])]
        return [([self.w.label(row.label)], value)]

    def header_block(self, hb: HeaderBlock | None = None, title: list[Piece] | None = None) -> list[Block]:
        """The block at the front: the house style's, or ``hb`` (a decision record's) under ``title``."""
        hb = hb or self.style.header_block
        out: list[Block] = []
        for key in hb.before_title:
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
                if first is not None and not first.label:
                    out.append(Para(bold + [self.w.label(" ")] + first.pieces, keep_next=len(blocks) > 1))
                    out += blocks[1:]
                else:
                    out.append(Para(bold, keep_next=True))
                    out += blocks
        else:  # table, front_sheet: label and value side by side; aligned lines, not a layout table,
            # so a screen reader meets each value after its label and no header cell that is not one
            for label, blocks in rows:
                bold = [replace(p, bold=True) for p in label if p.text]
                first = blocks[0] if blocks and isinstance(blocks[0], Para) and not blocks[0].num else None
                if first is not None:
                    first.pieces[:0] = bold + [self.w.label("\t")]
                    first.label_width, first.keep_next = LABEL_COLUMN, len(blocks) > 1
                    rest = blocks[1:]
                else:
                    out.append(Para(bold, keep_next=True))
                    rest = blocks
                for block in rest:
                    if isinstance(block, Para) and not block.num:
                        block.indent = LABEL_COLUMN
                out += ([first] if first is not None else []) + rest
        return out

    # -- the other parts ---------------------------------------------------------------------
    def part(self, name: str) -> list[Block]:
        d, w = self.doc, self.w
        if name != "recommendations" or self.style.recommendations.position != "body":
            self.shown.add(name)
        if name == "header_block":
            return self.header_block()
        if name == "summary":
            return ([w.heading(w.label(self.style.header_block.summary_heading), 1, tags=frozenset({"summary"}))]
                    + w.blocks(d.summary, "summary", None)) if d.summary else []
        if name == "recommendations":
            return recommendations(w) if self.style.recommendations.position != "body" else []
        if name == "body":
            return self.body()
        if name == "appendix_list":
            return self.appendix_list()
        if name == "background_papers":
            return self.background_papers()
        if name == "contacts":
            return self.contacts()
        if name == "circulation":
            return self.circulation()
        return self.appendices()

    def body(self) -> list[Block]:
        d, w, rule = self.doc, self.w, self.style.recommendations
        body_list = self.o.new_list("paragraphs") if self.style.numbering.paragraphs != "none" else None
        self.body_list = body_list
        at = self._recommendations_at() if rule.position in ("body", "both") else None
        out: list[Block] = []
        for i, sec in enumerate(d.sections):
            if at == i:
                out += self._body_recommendations(body_list)
            out += section(w, sec, f"sections[{i}]", 1, True, body_list)
        if at == len(d.sections):
            out += self._body_recommendations(body_list)
        return out

    def _body_recommendations(self, body_list: int | None) -> list[Block]:
        para = self.w.para_num(True, 1, body_list, False)
        head = self.w.heading_num(True, 1, body_list, False)
        self.shown.add("recommendations")
        out: list[Block] = []
        if self.style.recommendations.heading:
            out.append(self.w.heading(self.w.label(self.style.recommendations.heading), 1, head,
                                      tags=frozenset({"recommendations"})))
        return out + recommendations(self.w, heading=False, in_body=True, para=para)

    def _recommendations_at(self) -> int:
        """Index of the section the recommendations go before (after the named one)."""
        wanted = self.style.recommendations.after_section
        sections = self.doc.sections
        if wanted is None:
            first = next((i for i, s in enumerate(sections) if isinstance(s, ImplicationsSection)), len(sections))
            return first
        for i, sec in enumerate(sections):
            if wanted.lower() in exempt.names_of(sec):
                return i + 1
        raise InputError([Problem("sections", f"the house style puts the recommendations after the section "
                                              f"{wanted!r}, which the paper does not have")])

def build_outline(doc: Report | CommitmentStatement, style: HouseStyle, public: bool = False) -> Outline:
    """The document's outline in the house style: every part, numbered as it will print.

    ``public``: the version for publication, exempt parts replaced by the Schedule 12A statement
    (see :func:`ldd_reports.governance.exempt.public_version`); otherwise exempt parts are marked NOT FOR
    PUBLICATION.
    """
    outline = Outline(schemes=schemes_for(style))
    if isinstance(doc, CommitmentStatement):
        outline.parts["statement"] = statement(doc, style, outline)
        return outline
    if public:
        doc = exempt.public_version(doc, style.words)
    report = ReportParts(doc, style, outline)
    report.w.public = public
    for name in style.parts:
        outline.parts[name] = report.part(name)
    running_text(report, outline, "header_block")
    if style.header_block.layout == "front_sheet":  # the front sheet is a page of its own
        after = [b for name in style.parts[style.parts.index("header_block") + 1:] for b in outline.parts[name]]
        first = next((b for b in after if isinstance(b, Para)), None) if "header_block" in style.parts else None
        if first is not None:
            first.page_break = True
    return outline


def running_text(parts: ReportParts, outline: Outline, front: str) -> None:
    """The running header and footer (``outline.furniture``), from the house style's page rules.

    They repeat what the document says and show nothing new: a value the document prints nowhere
    else goes into the ``front`` part too when its line is cut to fit, or when it carries a footnote
    (the furniture prints its words without the note, which belongs to the body).
    """
    shown = set(parts.shown)
    for where, keys in (("header", parts.style.page.header), ("footer", parts.style.page.footer)):
        pieces: list[Piece] = []
        only_there: list[Block] = []
        noted: list[Block] = []
        for key in keys:
            value = parts.value(key)
            if value:
                pieces += ([parts.w.label(parts.style.page.separator)] if pieces else []) + value  # type: ignore[operator]
                if key not in shown and not (key == "title" and parts.style.header_block.title):
                    only_there.append(Para(list(value), "subtitle"))  # type: ignore[arg-type]
                    if any(p.markup and any(s.footnote is not None for s in parse(p.text)) for p in value):  # type: ignore[union-attr]
                        noted.append(only_there[-1])
        outline.furniture[where] = pieces
        if front in outline.parts:
            wide = text_width(outline.furniture_text()[where]) > FURNITURE_WIDTH
            outline.parts[front][:0] = only_there if wide else noted
    parts.shown = shown

"""The back matter of a report: appendix list, background papers, contacts, circulation, appendices."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from ..house_styles.style import HouseStyle
from ..markup import PLACEHOLDER
from ..models import Contact, Person, Report
from .fitting import text_width
from .nodes import Block, Outline, Para, Piece, Table
from .outliner import SectionWriter
from .sections import section

__all__ = ["BackMatterParts"]

_LINE_WIDTH = 451  # points: the built-in templates' text width on A4
_DETAILS_WIDTH = 200  # points: the contact details column at least (as the weights 2:3:4 gave it)
_CELL_POINTS = 12  # the table's text size
_CELL_PADDING = 14  # points: the cell's margins, and a little room


class BackMatterParts:
    """The parts after the body; mixed into the report's part builder, whose state it shares."""

    doc: Report
    style: HouseStyle
    o: Outline
    w: SectionWriter
    shown: set[str]  # the header values the parts showed (the running text and contacts ask)
    body_list: int | None
    list_made: bool  # whether the body's paragraph numbers have been made (paragraph_list)

    def paragraph_list(self) -> int | None:
        """The body's paragraph numbers (made once, by whichever numbered part comes first)."""
        if not self.list_made:
            self.body_list = self.o.new_list("paragraphs") if self.style.numbering.paragraphs != "none" else None
            self.list_made = True
        return self.body_list

    def part_heading(self, text: str, part: str, **kw: Any) -> Block:
        """A part's heading: numbered as a section of the body where the house style numbers the part."""
        numbered = part in self.style.numbering.parts
        num = self.w.heading_num(True, 1, self.paragraph_list(), False) if numbered else None
        return self.w.heading(self.w.label(text), 1, num, **kw)

    def appendix_list(self) -> list[Block]:
        d, w = self.doc, self.w
        heading = self.style.back_matter.appendix_list
        if not (heading and d.appendices):
            return []
        names = [w.heading_words(a, f"appendices[{i}]") for i, a in enumerate(d.appendices)]
        if self.style.back_matter.appendix_list_layout == "line":
            pieces = [Piece(heading, "", "house_style", True), w.label(" ")]
            for i, name in enumerate(names):
                pieces += (w.say("paper.list_separator") if i else []) + name
            return [Para(pieces, tags=frozenset({"appendix_list"}))]
        return [self.part_heading(heading, "appendix_list"), *[Para(name) for name in names]]

    def background_papers(self) -> list[Block]:
        w, bm = self.w, self.style.back_matter
        papers = [w.officer(p, f"background_papers[{i}]") for i, p in enumerate(self.doc.background_papers)]
        papers = papers or w.say("paper.none")
        if bm.background_papers_layout == "line":
            pieces = [Piece(bm.background_papers, "", "house_style", True), w.label(" ")]
            for i, p in enumerate(papers):
                pieces += (w.say("paper.list_separator") if i else []) + [p]
            return [Para(pieces, tags=frozenset({"background_papers"}))]
        return [self.part_heading(bm.background_papers, "background_papers", tags=frozenset({"background_papers"})),
                *[Para([p]) for p in papers]]

    def contacts(self) -> list[Block]:
        d, w, rule = self.doc, self.w, self.style.contacts
        if rule.layout == "none":
            self.shown.discard("contacts")
            return []
        people: list[tuple[Piece, Contact | Person, str]] = [
            (w.officer(c.role, f"contacts[{i}].role") if c.role else w.phrase("contacts.contact"), c, f"contacts[{i}]")
            for i, c in enumerate(d.contacts)]
        # The author and lead member join the table; as lines, only where the header has not named them.
        if d.report_of and (rule.layout == "table" or "report_of" not in self.shown):
            people.insert(0, (w.phrase("contacts.report_of"), d.report_of, "report_of"))
            self.shown.add("report_of")
        if d.lead_member and (rule.layout == "table" or "lead_member" not in self.shown):
            people.append((w.phrase("contacts.lead_member"), d.lead_member, "lead_member"))
            self.shown.add("lead_member")
        if not people:
            return []
        out: list[Block] = [self.part_heading(rule.heading, "contacts")] if rule.heading else []
        rows_of = self._one_row_each(people)
        if rule.layout == "lines":
            for _, group in rows_of:
                pieces: list[Piece] = []
                for part in rule.line:
                    for value in self._details(group, part.value):
                        pieces += [w.label(rule.separator)] if pieces else []
                        pieces += ([w.label(part.label + " ")] if part.label else [])
                        pieces.append(value)
                out.append(Para(pieces))
            return out
        # Only the columns the paper has something for: no empty 'Contact Information' column.
        details = any(getattr(person, n, None) for _, person, _ in people for n in ("email", "telephone"))
        columns = ("role", "name", "details") if details else ("role", "name")
        rows: list[list[list[Block]]] = [[[Para(w.say(f"contacts.table.{h}"), "table_heading")] for h in columns]]
        for roles, group in rows_of:
            cells = [self._details(group, "name", "job_title")]
            if details:
                cells.append(self._details(group, "email", "telephone"))
            rows.append([[Para(roles)], *[_cell(values) for values in cells]])
        return out + [Table(rows, 1, _contact_widths(people) if details else [2, 3])]

    def _one_row_each(self, people: list[tuple[Piece, Contact | Person, str]]
                      ) -> list[tuple[list[Piece], list[tuple[Contact | Person, str]]]]:
        """One row per person (the same name, as written), their roles joined: 'Report of and Report Author'."""
        by_name: dict[str, tuple[list[Piece], list[tuple[Contact | Person, str]]]] = {}
        for role, person, path in people:
            # The same name as written (a spelling merged away would be lost); one still to complete is nobody yet.
            key = path if PLACEHOLDER.search(person.name) else person.name
            roles, group = by_name.setdefault(key, ([], []))
            roles.append(role)
            group.append((person, path))
        out = []
        for roles, group in by_name.values():
            if len(roles) > 1:
                before: list[Piece] = []
                for i, role in enumerate(roles[:-1]):
                    before += (self.w.say("contacts.roles_separator") if i else []) + [role]
                roles = self.w.say("contacts.roles", roles=before, last=roles[-1])
            out.append((roles, group))
        return out

    def _details(self, group: list[tuple[Contact | Person, str]], *names: str) -> list[Piece]:
        """The group's values of these details, each value once (carrying every field it stands for)."""
        values: dict[tuple[str, str], Piece] = {}
        for name in names:
            for person, path in group:
                value = getattr(person, name, None)
                if not value:
                    continue
                key = (name, value)  # as written: a value printed once must be every field's words
                if key in values:
                    values[key] = replace(values[key], also=(*values[key].also, f"{path}.{name}"))
                else:
                    values[key] = self.w.detail(person, name, path)
        return list(values.values())

    def circulation(self) -> list[Block]:
        c, w = self.doc.circulation, self.w
        if c is None:
            return []
        return [Para([w.officer(c.lead_in, "circulation.lead_in")]), *[
            Para(w.say("paper.circulation_group", group=w.officer(g.group, f"circulation.groups[{i}].group", bold=True),
                       members=w.officer(g.members, f"circulation.groups[{i}].members")))
            for i, g in enumerate(c.groups)]]

    def appendices(self) -> list[Block]:
        n = self.style.numbering
        out: list[Block] = []
        for i, sec in enumerate(self.doc.appendices):
            list_id = (self.o.new_list("paragraphs") if n.appendices == "restart" else self.body_list) \
                if n.appendices != "none" and n.paragraphs != "none" else None
            out += section(self.w, sec, f"appendices[{i}]", 1, n.appendices != "none", list_id, appendix=True,
                                  page_break=True)
        return out


def _cell(values: list[Piece]) -> list[Block]:
    """A table cell: a paragraph per value, or an empty one."""
    return [Para([value]) for value in values] or [Para([])]


def _contact_widths(people: list[tuple[Piece, Any, str]]) -> list[int]:
    """Column widths (points) with room for the longest address on one line: an email never breaks mid-word."""
    longest = max((text_width(value, _CELL_POINTS) for _, person, _ in people for name in ("email", "telephone")
                   if (value := getattr(person, name, None))), default=0.0)
    details = min(max(_DETAILS_WIDTH, math.ceil(longest) + _CELL_PADDING), _LINE_WIDTH * 2 // 3)
    rest = _LINE_WIDTH - details
    return [rest * 2 // 5, rest - rest * 2 // 5, details]

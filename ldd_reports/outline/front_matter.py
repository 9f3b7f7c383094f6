"""A report's outline: its parts in the house style's order, the body, the running text; build_outline."""

from __future__ import annotations


from ..errors import InputError, Problem
from ..governance import exempt
from ..house_styles.style import HouseStyle
from ..markup import parse
from ..models import CommitmentStatement, ImplicationsSection, Report
from .back_matter import BackMatterParts
from .fitting import FURNITURE_WIDTH, text_width
from .header_block import HeaderBlockParts
from .nodes import Block, Outline, Para, Piece
from .outliner import SectionWriter, schemes_for
from .recommendations import recommendations
from .sections import section
from .statement import statement

__all__ = ["ReportParts", "build_outline", "running_text"]



class ReportParts(HeaderBlockParts, BackMatterParts):
    """The parts of a report, each built once, in the house style's order."""

    def __init__(self, doc: Report, style: HouseStyle, outline: Outline) -> None:
        self.doc, self.style, self.o = doc, style, outline
        self.w = SectionWriter(doc, style, outline)
        self.shown: set[str] = set()  # the header values the parts showed (the running text and contacts ask)
        self.body_list: int | None = None
        self.list_made = False
        self.decision_values: dict[str, list[Piece]] = {}  # a decision record's own values (outline.record)

    # -- the other parts ---------------------------------------------------------------------
    def part(self, name: str) -> list[Block]:
        d, w = self.doc, self.w
        if name != "recommendations" or self.style.recommendations.position != "body":
            self.shown.add(name)
        if name == "header_block":
            return self.header_block()
        if name == "summary":
            if not d.summary:
                return []
            numbered = "summary" in self.style.numbering.parts  # '1. Purpose of Report', its paragraphs 1.1
            para = w.para_num(True, 1, self.paragraph_list(), False) if numbered else None
            return [self.part_heading(self.style.header_block.summary_heading, "summary", tags=frozenset({"summary"})),
                    *w.blocks(d.summary, "summary", para)]
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
        body_list = self.paragraph_list()
        at = self._recommendations_at() if rule.position in ("body", "both") else None
        out: list[Block] = self._notes("body_start")
        for i, sec in enumerate(d.sections):
            if at == i:
                out += self._body_recommendations(body_list)
            out += section(w, sec, f"sections[{i}]", 1, True, body_list)
        if at == len(d.sections):
            out += self._body_recommendations(body_list)
        return out + self._notes("body_end")

    def _notes(self, at: str) -> list[Block]:
        """The house style's fixed notes for this place in the body, those that apply to this paper."""
        return [Para([self.styled(note.text)], tags=frozenset({"note"})) for note in self.style.notes
                if note.at == at and self.applies(note.when)]

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
    if style.header_block.layout == "front_sheet" and style.header_block.page_break:  # a page of its own
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

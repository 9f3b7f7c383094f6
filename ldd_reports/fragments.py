"""Turn a validated document into the XML fragments a template places (body, recommendations ...)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from . import content_library as lib
from .models import (BulletList, CommitmentStatement, DeclarationSection, FirstActionsSection,
                     ImplicationsSection, ItemsSection, NumberedList, RecommendationsSection, Report,
                     RisksSection, StandardText, Table)
from .models.sections import Risk
from .wordml import ABSTRACT_LETTERS, PartWriter, Style

__all__ = ["build_fragments", "heading_text", "lead_in", "library_fields", "recommendation_texts"]


def lead_in(report: Report) -> str:
    """The recommendations' lead-in: as given, or the decision route's ('That Cabinet:')."""
    route = lib.decision_route(report.meeting.body_kind.value)
    return report.recommendations.lead_in or route["lead_in"].format(body=report.meeting.body)


def heading_text(sec: Any) -> str:
    """A section's heading as printed: 'Appendix A \u2013 Title', or just the title."""
    title = sec.title or "Implications"  # only an implications section may leave it unset
    return f"{sec.label} \u2013 {title}" if sec.label else title


def recommendation_texts(report: Report) -> list[str]:
    """The recommendations as printed: standard ones worded for the decision body."""
    fields = library_fields(report)
    return [item if isinstance(item, str)
            else lib.fill(lib.recommendation(item.standard, report.meeting.body_kind.value), fields)
            for item in report.recommendations.items]


def library_fields(doc: Report | CommitmentStatement) -> dict[str, str]:
    """Values for the {fields} in content-library text, for this document and its date."""
    on = doc.meeting.date if isinstance(doc, Report) else doc.date
    dept = lib.department(on)
    org = doc.organisation
    return {"organisation": org.name, "short": org.short_name or org.name, "department": dept["name"],
            "department_short": dept["short"],
            "body": doc.meeting.body if isinstance(doc, Report) else org.name}


class _Body:
    """Writes sections and blocks; one instance per render."""

    def __init__(self, w: PartWriter, doc: Report | CommitmentStatement) -> None:
        self.w = w
        self.doc = doc
        self.report = doc if isinstance(doc, Report) else None
        self.fields = library_fields(doc)
        self.local_authority = doc.organisation.kind.is_local_authority

    # -- blocks -------------------------------------------------------------------------------
    def blocks(self, blocks: list[Any], numbered: bool) -> str:
        style = Style.numbered_para if numbered else Style.body
        out = []
        for block in blocks:
            if isinstance(block, str):
                out.append(self.w.paragraph(block, style))
            elif isinstance(block, BulletList):
                out.append(self.w.list_items(block.bullets))
            elif isinstance(block, NumberedList):
                out.append(self.w.list_items(block.numbered, "numbered"))
            elif isinstance(block, StandardText):
                out.append(self.library(lib.paragraph_text(block.standard, self.local_authority), style))
            elif isinstance(block, Table):
                out.append(self.w.table(block.header, block.rows))
        return "".join(out)

    def library(self, text: str, style: str) -> str:
        with self.w.trusted():
            return self.w.paragraph(lib.fill(text, self.fields), style)

    def library_items(self, items: list[str], kind: str = "bullets") -> str:
        with self.w.trusted():
            return self.w.list_items([lib.fill(t, self.fields) for t in items], kind)

    # -- sections -----------------------------------------------------------------------------
    def heading(self, text: str, level: int, numbered: bool, page_break: bool = False) -> str:
        return self.w.paragraph(text, Style.headings[min(level, 3) - 1], no_number=not numbered,
                                page_break=page_break, keep_next=True)

    def section(self, sec: Any, level: int = 1, page_break: bool = False) -> str:
        if isinstance(sec, ImplicationsSection) and sec.layout == "flat":
            return "".join(self.implication(i, level, sec.numbered) for i in sec.items)
        title = heading_text(sec)
        numbered = sec.numbered
        # Only first-level sections number their paragraphs (1.1, 1.2); deeper levels use the
        # number slot for their own headings (2.3 LDD Principles), as council papers do.
        para_numbered = numbered and level == 1
        out = [self.heading(title, level, numbered, page_break), self.blocks(sec.content, para_numbered)]
        out.append(self.typed(sec, level, para_numbered))
        out.append(self.blocks(sec.closing, para_numbered))
        out += [self.section(sub, level + 1) for sub in sec.subsections]
        return "".join(out)

    def typed(self, sec: Any, level: int, numbered: bool) -> str:
        if isinstance(sec, ItemsSection):
            picked = self.library_items(lib.pick(sec.type, sec.standard), sec.style)
            return picked + self.w.list_items(sec.items, sec.style)
        if isinstance(sec, RisksSection):
            return self.risks(sec)
        if isinstance(sec, FirstActionsSection):
            return self.first_actions(sec)
        if isinstance(sec, ImplicationsSection):
            return "".join(self.implication(i, level + 1, sec.numbered and level == 1) for i in sec.items)
        if isinstance(sec, DeclarationSection):
            # The Declaration is verbatim (no {fields}), so its XML is the same in every paper.
            return self.w.reusable(("declaration", sec.commitment_labels),
                                   lambda scratch: _Body(scratch, self.doc).declaration(sec))
        if isinstance(sec, RecommendationsSection):
            return self.recommendations(with_heading=False)
        return ""

    def risks(self, sec: RisksSection) -> str:
        standard = [(r["risk"], r.get("mitigation") or "") for r in lib.pick("risks", sec.standard)]
        own = [(r.risk, r.mitigation) if isinstance(r, Risk) else (r, None) for r in sec.items]
        if not any(m for _, m in standard + own):
            return self.library_items([r for r, _ in standard]) + self.w.list_items([r for r, _ in own])
        rows = [[lib.fill(r, self.fields), lib.fill(m, self.fields)] for r, m in standard]
        rows += [[r, m or ""] for r, m in own]
        return self.w.table(["Risk", "Mitigation"], rows, [4500, 4500], library_rows=len(standard))

    def first_actions(self, sec: FirstActionsSection) -> str:
        out = []
        for option in lib.pick("first_actions", sec.standard):
            out.append(self.library_items([_action_text(option.get("title"), option["description"],
                                                        option.get("partners", []))]))
        for option in sec.options:
            runs = (self.w.runs(option.title, bold=True) + self.w.runs(": ") if option.title else "")
            runs += self.w.runs(option.description)
            if option.partners:
                runs += self.w.runs(" (partners: ") + self.w.runs(", ".join(option.partners)) + self.w.runs(")")
            out.append(self.w.runs_paragraph(runs, Style.bullets[0]))
        return "".join(out)

    def implication(self, imp: Any, level: int, numbered: bool) -> str:
        default_title, none_sentence = lib.implication_text(imp.kind.value)
        out = [self.heading(imp.title or default_title, level, numbered)]
        para_numbered = numbered and level == 1
        if imp.none:
            out.append(self.library(none_sentence, Style.numbered_para if para_numbered else Style.body))
        out.append(self.blocks(imp.content, para_numbered))
        return "".join(out)

    def declaration(self, sec: DeclarationSection) -> str:
        d = lib.declaration()
        b = Style.body
        out = [self.library(d["title"], Style.title), self.library(d["subtitle"], Style.subtitle),
               self.library(d["date"], b)]
        intro = d["introduction"]
        out.append(self.heading(intro["heading"], 2, False))
        out += [self.library(p, b) for p in intro["paragraphs"]]
        out.append(self.library_items(intro["aims"]))
        out += [self.library(p, b) for p in intro["closing"]]
        for part in ("opportunity", "ambition"):
            out.append(self.heading(d[part]["heading"], 2, False))
            out += [self.library(p, b) for p in d[part]["paragraphs"]]
        out.append(self.library(d["ambition"]["principles_lead_in"], b))
        out.append(self.library_items(list(d["principles"].values()), "numbered"))
        c = d["commitments"]
        out += [self.heading(c["heading"], 2, False), self.library(c["mhclg"], b), self.library(c["lead_in"], b)]
        letters = self.w.new_list(ABSTRACT_LETTERS) if sec.commitment_labels == "letters" else None
        for group in c["groups"]:
            out.append(self.library(group["lead_in"], b))
            items = list(group["items"].values())
            if letters:
                with self.w.trusted():
                    out += [self.w.paragraph(t, Style.letters, num=(letters, 0)) for t in items]
            else:
                out.append(self.library_items(items))
        return "".join(out)

    # -- recommendations ----------------------------------------------------------------------
    def recommendations(self, with_heading: bool = True) -> str:
        assert self.report is not None
        rec = self.report.recommendations
        out = [self.heading("Recommendations", 1, False)] if with_heading else []
        out.append(self.w.paragraph(lead_in(self.report), Style.body, keep_next=True))
        out.append(self.w.list_items(recommendation_texts(self.report), "numbered"))
        if rec.reasons:
            out.append(self.heading("Reasons for the recommendations", 2, False))
            out.append(self.blocks(rec.reasons, False))
        return "".join(out)


def _action_text(title: str | None, description: str, partners: list[str]) -> str:
    text = f"**{title}**: {description}" if title else description
    return text + (f" (partners: {', '.join(partners)})" if partners else "")


def build_fragments(doc: Report | CommitmentStatement, w: PartWriter) -> dict[str, Markup]:
    """Every fragment a template may place with ``{{p fragments.NAME }}``."""
    if isinstance(doc, CommitmentStatement):
        parts = []
        for n, c in enumerate(doc.commitments, 1):
            parts.append(w.runs_paragraph(w.runs(f"Commitment {n}: ") + w.runs(c.title), Style.headings[1],
                                          keep_next=True))
            for label, value in (("Partners", c.partners), ("Mission", c.mission), ("Impact", c.impact)):
                if value:
                    parts.append(w.runs_paragraph(w.runs(label + ": ", bold=True) + w.runs(value), Style.body))
        return {"commitments": Markup("".join(parts))}
    body = _Body(w, doc)
    appendices = "".join(body.section(a, 1, page_break=True) for a in doc.appendices)
    papers = doc.background_papers or ["None"]
    circulation = ""
    if doc.circulation:
        circulation = w.paragraph(doc.circulation.lead_in, Style.body) + "".join(
            w.runs_paragraph(w.runs(g.group + ": ", bold=True) + w.runs(g.members), Style.body)
            for g in doc.circulation.groups)
    return {
        "summary": Markup(body.blocks(doc.summary, False) or w.paragraph("", Style.body)),
        "recommendations": Markup(body.recommendations(with_heading=False)),
        "body": Markup("".join(body.section(s) for s in doc.sections)),
        "background_papers": Markup("".join(w.paragraph(p, Style.body) for p in papers)),
        "circulation": Markup(circulation),
        "appendix_list": Markup("".join(w.paragraph(heading_text(a), Style.body) for a in doc.appendices)),
        "appendices": Markup(appendices),
    }

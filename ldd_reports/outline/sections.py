"""Sections to outline blocks: headings, paragraphs and each typed section, numbered as the style says."""

from __future__ import annotations

from typing import Any

from ..governance import exempt
from ..models import (DeclarationSection, FirstActionsSection, ImplicationsSection, ItemsSection,
                      RecommendationsSection, RisksSection)
from ..models.sections import Risk
from .declaration import declaration
from .implications import implications
from .nodes import Block, Para, Piece, Region
from .outliner import SectionWriter
from .recommendations import recommendations
from .shared import shared_section

__all__ = ["section"]


def section(w: SectionWriter, sec: Any, field: str, level: int, numbered: bool, list_id: int | None,
            appendix: bool = False, page_break: bool = False) -> list[Block]:
    """A section's blocks (its subsections' too): built, or copied from a paper whose build read the same."""
    return shared_section(_section, w, sec, field, level, numbered, list_id, appendix, page_break)


def _section(w: SectionWriter, sec: Any, field: str, level: int, numbered: bool, list_id: int | None,
             appendix: bool, page_break: bool) -> list[Block]:
    out = _blocks(w, sec, field, level, numbered, list_id, appendix, page_break)
    if sec.exempt is None or w.public:  # the public version's exempt parts are already statements
        return out
    # The full version: a banner where the part starts (after its heading) and a mark on every page.
    nation = w.doc.organisation.nation.value
    flat = isinstance(sec, ImplicationsSection) and sec.layout == "flat"
    banner = Piece(exempt.banner(sec, appendix, nation, w.words), f"{field}.exempt.paragraph", "house_style", bold=True,
                   message="exempt.banner")
    out.insert(0 if flat else 1, Para([banner], keep_next=True, tags=frozenset({"exempt"})))
    mark = Piece(exempt.running_mark(sec, appendix, nation, w.words), f"{field}.exempt.paragraph", "house_style",
                 message="exempt.running_mark")
    return [Region(out, [mark])]


def _blocks(w: SectionWriter, sec: Any, field: str, level: int, numbered: bool, list_id: int | None,
            appendix: bool, page_break: bool) -> list[Block]:
    numbered = sec.numbered if sec.numbered is not None else numbered
    if isinstance(sec, ImplicationsSection) and sec.layout == "flat":
        return implications(w, sec, field, level, numbered, list_id, appendix, heading=False)
    tags = frozenset({f"type:{sec.type}"})
    out: list[Block] = [w.heading_of(w.heading_words(sec, field), level,
                                     w.heading_num(numbered, level, list_id, appendix), page_break=page_break,
                                     tags=tags)]
    para = w.para_num(numbered, level, list_id, appendix)
    out += w.blocks(sec.content, f"{field}.content", para)
    out += typed(w, sec, field, level, numbered, list_id, appendix, para)
    out += w.blocks(sec.closing, f"{field}.closing", para)
    for i, sub in enumerate(sec.subsections):
        out += section(w, sub, f"{field}.subsections[{i}]", level + 1, numbered, list_id, appendix)
    return out


def typed(w: SectionWriter, sec: Any, field: str, level: int, numbered: bool, list_id: int | None, appendix: bool,
          para: Any) -> list[Block]:
    if isinstance(sec, ItemsSection):
        origin = "declaration" if sec.type == "principles" else "library"
        entries: list[tuple[Piece, list[Any]]] = [(w.library(text, f"{field}.standard", origin, f"{sec.type}:{key}"), [])
                   for key, text in w.standard_items(sec.type, sec.standard, f"{field}.standard")]
        return w.items(entries + w.officer_items(sec.items, f"{field}.items"), sec.style, para)
    if isinstance(sec, RisksSection):
        return risks(w, sec, field, para)
    if isinstance(sec, FirstActionsSection):
        return first_actions(w, sec, field)
    if isinstance(sec, ImplicationsSection):
        return implications(w, sec, field, level, numbered, list_id, appendix, heading=True)
    if isinstance(sec, DeclarationSection):
        return declaration(w, sec, field)
    if isinstance(sec, RecommendationsSection):
        return recommendations(w, heading=False)
    return []


def risks(w: SectionWriter, sec: RisksSection, field: str, para: Any) -> list[Block]:
    standard = [(w.library(r["risk"], f"{field}.standard", key=f"risks:{k}"),
                 w.library(r.get("mitigation") or "", f"{field}.standard", key=f"risks:{k}"))
                for k, r in w.standard_items("risks", sec.standard, f"{field}.standard")]
    own = [(w.officer(r.risk, f"{field}.items[{i}].risk"),
            w.officer(r.mitigation, f"{field}.items[{i}].mitigation") if r.mitigation else None)
           if isinstance(r, Risk) else (w.officer(r, f"{field}.items[{i}]"), None)
           for i, r in enumerate(sec.items)]
    if not any(m is not None and m.text for _, m in standard + own):
        return w.items([(r, []) for r, _ in standard + own], "bullets", para)
    rows = [[w.phrase("risks.risk"), w.phrase("risks.mitigation")]]
    rows += [[r, m or w.label("")] for r, m in standard + own]
    return [w.table(rows, [1, 1])]


def first_actions(w: SectionWriter, sec: FirstActionsSection, field: str) -> list[Block]:
    out: list[Block] = []
    for key, option in w.standard_items("first_actions", sec.standard, f"{field}.standard"):
        text = w.words.compose("first_actions.titled", {"title": f"**{option['title']}**",
                                                        "description": option["description"]}) \
            if option.get("title") else option["description"]
        if option.get("partners"):
            joined = w.word("first_actions.partner_separator").join(option["partners"])
            text += w.words.compose("first_actions.partners", {"partners": joined})
        out += w.items([(w.library(text, f"{field}.standard", key=f"first_actions:{key}"), [])],
                          "bullets", None)
    for i, option in enumerate(sec.options):
        path = f"{field}.options[{i}]"
        description = w.officer(option.description, f"{path}.description")
        pieces = w.say("first_actions.titled", title=w.officer(option.title, f"{path}.title", bold=True),
                       description=description) if option.title else [description]
        if option.partners:
            partners: list[Piece] = []
            for j, partner in enumerate(option.partners):
                partners += w.say("first_actions.partner_separator") if j else []
                partners.append(w.officer(partner, f"{path}.partners[{j}]"))
            pieces += w.say("first_actions.partners", partners=partners)
        out.append(w.o.number(Para(pieces, "bullet"), w.bullets, 0))
    return out

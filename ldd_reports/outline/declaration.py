"""The Local Digital Declaration's text, verbatim from the content library, as outline blocks."""

from __future__ import annotations

from ..content import library as lib
from ..models import DeclarationSection
from .nodes import Block, Para
from .outliner import SectionWriter

__all__ = ["declaration"]


def declaration(w: SectionWriter, sec: DeclarationSection, field: str) -> list[Block]:
    """Title, introduction and aims, opportunity, ambition, the five principles and commitments A-M.

    Verbatim (no {fields}): papers of one house style share it (``outline.shared``)."""
    blocks = _build(w, sec, field)
    if sec.in_english and w.style.language != "en":  # the English text in a paper in another language
        for block in blocks:
            if isinstance(block, Para):
                block.language = "en-GB"
        blocks.insert(0, Para(w.say("declaration.quoted_in_english")))  # said in the paper's language, first
    return blocks


def _build(w: SectionWriter, sec: DeclarationSection, field: str) -> list[Block]:
    d = lib.declaration()
    english = sec.in_english

    def para(text: str, role: str = "body") -> list[Para]:
        return w.paras(w.library(text, field, "declaration", english=english), role)

    def heading(text: str) -> Para:
        return w.heading(w.library(text, field, "declaration", english=english), 2)

    def items(texts: list[str], kind: str) -> list[Block]:
        return w.items([(w.library(t, field, "declaration", english=english), []) for t in texts], kind, None)

    out: list[Block] = [*para(d["title"], "title"), *para(d["subtitle"], "subtitle"), *para(d["date"])]
    intro = d["introduction"]
    out.append(heading(intro["heading"]))
    for text in intro["paragraphs"]:
        out += para(text)
    out += items(intro["aims"], "bullets")
    for text in intro["closing"]:
        out += para(text)
    for part in ("opportunity", "ambition"):
        out.append(heading(d[part]["heading"]))
        for text in d[part]["paragraphs"]:
            out += para(text)
    out += para(d["ambition"]["principles_lead_in"])
    out += items(list(d["principles"].values()), "numbered")
    c = d["commitments"]
    out += [heading(c["heading"]), *para(c["mhclg"]), *para(c["lead_in"])]
    letters = w.o.new_list("letters") if sec.commitment_labels == "letters" else None
    for group in c["groups"]:
        out += para(group["lead_in"])
        texts = list(group["items"].values())
        if letters is None:
            out += items(texts, "bullets")
        else:
            for text in texts:
                out += w.paras(w.library(text, field, "declaration", english=english), "letter", (letters, 0))
    return out

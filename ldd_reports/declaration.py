"""The Local Digital Declaration's text, verbatim from the content library, as outline blocks."""

from __future__ import annotations


from . import content_library as lib
from .models import DeclarationSection
from .outline import Block, Para
from .outliner import SectionWriter

__all__ = ["declaration"]


def declaration(w: SectionWriter, sec: DeclarationSection, field: str) -> list[Block]:
    """Title, introduction and aims, opportunity, ambition, the five principles and commitments A-M."""
    d = lib.declaration()

    def para(text: str, role: str = "body") -> list[Para]:
        return w.paras(w.library(text, field, "declaration"), role)

    def heading(text: str) -> Para:
        return w.heading(w.library(text, field, "declaration"), 2)

    def items(texts: list[str], kind: str) -> list[Block]:
        return w.items([(w.library(t, field, "declaration"), []) for t in texts], kind, None)

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
                out += w.paras(w.library(text, field, "declaration"), "letter", (letters, 0))
    return out

"""The Local Digital Declaration's text, verbatim from the content library, as outline blocks."""

from __future__ import annotations


from typing import Any

from ..content import library as lib
from ..models import DeclarationSection
from .nodes import Block, Outline, Para
from .outliner import SectionWriter

__all__ = ["declaration"]

# The Declaration is verbatim (no {fields}): its blocks depend only on the labels asked for, the
# field path and the house style's list schemes, so they are built once per process.
_BUILT: dict[tuple[Any, ...], tuple[list[Para], list[tuple[int, str]]]] = {}


def declaration(w: SectionWriter, sec: DeclarationSection, field: str) -> list[Block]:
    """Title, introduction and aims, opportunity, ambition, the five principles and commitments A-M."""
    quoted = sec.in_english and w.style.language != "en"  # the English text in a paper in another language
    key = (sec.commitment_labels, field, tuple(w.o.schemes.items()), w.style.language == "en" or quoted)
    if key not in _BUILT:
        scratch = SectionWriter(w.doc, w.style, Outline(schemes=w.o.schemes))
        built = _build(scratch, sec, field)
        _BUILT[key] = ([b for b in built if isinstance(b, Para)],
                       [(inst.id, inst.scheme) for inst in scratch.o.lists])
    paras, lists = _BUILT[key]
    # This paper's own list instances in place of the scratch ones (the bullets are shared).
    ids = {old: w.bullets if scheme == "bullets" else w.o.new_list(scheme) for old, scheme in lists}
    # A copy per paper (dataclasses.replace costs four times as much here).
    # Keywords, never positions: Para gains fields (a positional call once put tags in label_width).
    copies: list[Block] = [Para(b.pieces, b.role, b.level, num=(ids[b.num[0]], b.num[1]) if b.num else None,
                                keep_next=b.keep_next, page_break=b.page_break, space_before=b.space_before,
                                label_width=b.label_width, indent=b.indent, tags=b.tags, numbering=b.numbering,
                                language="en-GB" if quoted else None) for b in paras]
    if quoted:  # said in the paper's language, before the English
        copies.insert(0, Para(w.say("declaration.quoted_in_english")))
    return copies


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

"""Length rules a council sets: words per part or section, characters of a field, sides of A4."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..house_styles.style import CheckRules, HouseStyle
from ..markup import parse, plain_text
from ..outline.nodes import Outline, Para
from .findings import Finding

__all__ = ["PageCount", "WORDS_PER_PAGE", "length_findings", "words_in"]

#: Laid-out sides of A4 of a rendered paper, or None where nothing can lay it out (LibreOffice absent).
PageCount = Callable[[Any, HouseStyle], "int | None"]
#: Words on a side of A4 in 11-12pt Arial with headings and spacing: the estimate when nothing lays it out.
WORDS_PER_PAGE = 450
_WORD = re.compile(r"\w[\w'\u2019-]*")


def _words(paragraphs: list[Para]) -> int:
    """The words of the text, headings left out (a part's or section's words are what it says)."""
    return sum(len(_WORD.findall(plain_text(parse(p.text)) if any(x.markup for x in p.pieces) else p.text))
               for p in paragraphs if p.role != "heading")


def words_in(outline: Outline, name: str) -> int | None:
    """Words in a part ('summary') or a section as the check names it (its heading, 'type:X', 'implications:X');
    None if the paper has no such part."""
    name = name.lower()
    if name in outline.parts:
        return _words(list(outline.part_paragraphs(name)))
    paragraphs = list(outline.paragraphs())
    for i, para in enumerate(paragraphs):
        if name not in para.tags and not (para.role == "heading" and " ".join(para.text.lower().split()) == name):
            continue
        if para.role != "heading":  # a run-in implication: its own paragraph
            return _words([para])
        inside = []
        for later in paragraphs[i + 1:]:
            if later.role == "heading" and later.level <= para.level:
                break
            inside.append(later)
        return _words(inside)
    return None


def length_findings(doc: Any, outline: Outline, style: HouseStyle, pages: PageCount | None) -> Iterator[Finding]:
    """What breaks the house style's length rules, each with the rule it breaks."""
    rules: CheckRules = style.check
    for name, (least, most) in rules.words.items():
        count = words_in(outline, name)
        if count is not None and not least <= count <= most:
            yield Finding("error", name, f"has {count} words; the house style asks for {least} to {most}", "length")
    for path, most in rules.characters.items():
        text = "".join(p.text for p in outline.pieces() if p.field == path)
        if len(text) > most:
            yield Finding("error", path, f"is {len(text)} characters long; the house style allows {most}", "length")
    if rules.pages is not None:
        counted = pages(doc, style) if pages is not None else None
        if counted is not None and counted > rules.pages:
            yield Finding("error", "document", f"lays out on {counted} sides of A4 (LibreOffice); the house style "
                                               f"allows {rules.pages}", "pages")
        elif counted is None:
            estimate = math.ceil(_words(list(outline.paragraphs())) / WORDS_PER_PAGE)
            if estimate > rules.pages:
                yield Finding("warning", "document", f"about {estimate} sides of A4, estimated from its words "
                                                     f"(not laid out: LibreOffice was not used); the house style "
                                                     f"allows {rules.pages}", "pages")

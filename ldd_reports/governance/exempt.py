"""Exempt information (Schedule 12A to the Local Government Act 1972): the public version and its wording."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content import library as lib
from ..content.messages import Catalogue, catalogue, untranslated_content
from ..content.wording import heading_text
from ..models import GeneralSection, Report
from ..models.sections import exempt_sections

__all__ = ["banner", "exempt_parts", "front_sheet_line", "names_of", "public_version", "running_mark"]


def exempt_parts(doc: Report) -> Iterator[tuple[str, Any, bool]]:
    """(field path, section, is an appendix) of every exempt section and appendix, in order."""
    for here, sec in exempt_sections(doc.sections, "sections"):
        yield here, sec, False
    for here, sec in exempt_sections(doc.appendices, "appendices"):
        yield here, sec, True


def _fill(key: str, sec: Any, appendix: bool, nation: str, words: Catalogue) -> str:
    law = lib.exempt_information()["nations"][nation]  # the model refuses a paragraph of another nation's Part
    paragraph = sec.exempt.paragraph
    part = words.text("exempt.appendix" if appendix else "exempt.section")
    if key == "front_sheet":  # its label ("Appendix 2"), never its title: the title may itself be exempt
        part = sec.label or words.fill("exempt.one_part", {"part": part})
    schedule, description = law["schedule"], law["paragraphs"][paragraph]
    if words.language != "en":  # the law's words are kept in English: the council's message says them in its language
        schedule = description = untranslated_content("the law's words (write them into this message)",
                                                      words.language)
    return words.fill(f"exempt.{key}", {"part": part, "paragraph": paragraph, "schedule": schedule,
                                        "description": description})


def banner(sec: Any, appendix: bool, nation: str, words: Catalogue) -> str:
    """The full version's mark at the top of an exempt part."""
    return _fill("banner", sec, appendix, nation, words)


def running_mark(sec: Any, appendix: bool, nation: str, words: Catalogue) -> str:
    """The full version's mark in the running header of every page of an exempt part."""
    return _fill("running_mark", sec, appendix, nation, words)


def front_sheet_line(sec: Any, appendix: bool, nation: str, words: Catalogue) -> str:
    """What the front sheet says of one exempt part."""
    return _fill("front_sheet", sec, appendix, nation, words)


def names_of(sec: Any) -> set[str]:
    """The names a house-style rule may give a section (lower case): its heading, its title, 'type:TYPE'.

    In the public version a withheld section still answers to the names of the one it replaces.
    """
    return {heading_text(sec).lower(), (sec.title or "").lower(), f"type:{sec.type}"} | set(sec._withheld)


def public_version(doc: Report, words: Catalogue | None = None) -> Report:
    """The paper with every exempt part's words replaced by the Schedule 12A statement.

    Done on the model, before anything reads it, so no output (the body, appendix list, template
    data, footnotes, links) can carry an exempt word. A part keeps its label ('Appendix 2'); its
    title becomes 'Exempt information'.
    """
    words = words or catalogue()
    replaced = {path: GeneralSection(title=words.text("exempt.withheld_title"), label=sec.label, numbered=sec.numbered,
                                     content=[_fill("statement", sec, appendix, doc.organisation.nation.value, words)],
                                     exempt=sec.exempt)
                for path, sec, appendix in exempt_parts(doc)}
    if not replaced:
        return doc
    for path, sec, _ in exempt_parts(doc):
        replaced[path]._withheld = frozenset(names_of(sec))

    def swap(sections: list[Any], path: str) -> list[Any]:
        out = []
        for i, sec in enumerate(sections):
            here = f"{path}[{i}]"
            if here in replaced:
                out.append(replaced[here])
            elif sec.subsections:
                out.append(sec.model_copy(update={"subsections": swap(sec.subsections, f"{here}.subsections")}))
            else:
                out.append(sec)
        return out

    public = doc.model_copy(update={"sections": swap(doc.sections, "sections"),
                                    "appendices": swap(doc.appendices, "appendices")})
    public._source_dir = doc._source_dir
    return public

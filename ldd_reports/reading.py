"""A document's text in reading order, each piece with its field path and where it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from . import content_library as lib
from .fragments import lead_in, library_fields, recommendation_texts
from .markup import parse
from .models import (BulletList, CommitmentStatement, DeclarationSection, FirstActionsSection, ImplicationsSection,
                     ItemsSection, NestedItem, NumberedList, Report, RisksSection, StandardText, Table)
from .models.sections import Risk

__all__ = ["Reader", "TextItem", "texts"]


@dataclass(frozen=True)
class TextItem:
    field: str
    text: str  # plain text, markup removed
    origin: Literal["officer", "library", "declaration"]


def _plain(text: str, markup: bool) -> str:
    """Text as a reader sees it; placeholders become '...' (they are reported on their own)."""
    spans = parse(text, markup)
    notes = [s.footnote for s in spans if s.footnote]
    return "".join("..." if s.placeholder else s.text for s in spans) + "".join(f" {n}" for n in notes)


class Reader:
    def __init__(self, doc: Report | CommitmentStatement) -> None:
        self.markup = doc.text_format == "markup"
        self.fields = library_fields(doc)
        self.local_authority = doc.organisation.kind.is_local_authority

    def officer(self, field: str, text: str | None) -> Iterator[TextItem]:
        if text:
            yield TextItem(field, _plain(text, self.markup), "officer")

    def library(self, field: str, text: str, origin: Literal["library", "declaration"] = "library") -> Iterator[TextItem]:
        yield TextItem(field, _plain(lib.fill(text, self.fields), True), origin)

    def items(self, field: str, items: list[Any]) -> Iterator[TextItem]:
        for i, item in enumerate(items):
            if isinstance(item, NestedItem):
                yield from self.officer(f"{field}[{i}].text", item.text)
                yield from self.items(f"{field}[{i}].items", item.items)
            else:
                yield from self.officer(f"{field}[{i}]", item)

    def blocks(self, field: str, blocks: list[Any]) -> Iterator[TextItem]:
        for i, block in enumerate(blocks):
            path = f"{field}[{i}]"
            if isinstance(block, str):
                yield from self.officer(path, block)
            elif isinstance(block, BulletList):
                yield from self.items(f"{path}.bullets", block.bullets)
            elif isinstance(block, NumberedList):
                yield from self.items(f"{path}.numbered", block.numbered)
            elif isinstance(block, StandardText):
                yield from self.library(f"{path}.standard", lib.paragraph_text(block.standard, self.local_authority))
            elif isinstance(block, Table):
                for r, row in enumerate([block.header, *block.rows]):
                    for c, cell in enumerate(row):
                        yield from self.officer(f"{path}.rows[{r}][{c}]", cell)

    def section(self, field: str, sec: Any) -> Iterator[TextItem]:
        yield from self.officer(f"{field}.label", sec.label)
        yield from self.officer(f"{field}.title", sec.title)
        yield from self.blocks(f"{field}.content", sec.content)
        if isinstance(sec, ItemsSection):
            origin: Literal["library", "declaration"] = "declaration" if sec.type == "principles" else "library"
            for text in lib.pick(sec.type, sec.standard):
                yield from self.library(f"{field}.standard", text, origin)
            yield from self.items(f"{field}.items", sec.items)
        elif isinstance(sec, RisksSection):
            for risk in lib.pick("risks", sec.standard):
                yield from self.library(f"{field}.standard", f"{risk['risk']}. {risk.get('mitigation', '')}")
            for i, item in enumerate(sec.items):
                if isinstance(item, Risk):
                    yield from self.officer(f"{field}.items[{i}].risk", item.risk)
                    yield from self.officer(f"{field}.items[{i}].mitigation", item.mitigation)
                else:
                    yield from self.officer(f"{field}.items[{i}]", item)
        elif isinstance(sec, FirstActionsSection):
            for option in lib.pick("first_actions", sec.standard):
                yield from self.library(f"{field}.standard", f"{option['title']}: {option['description']}")
            for i, option in enumerate(sec.options):
                yield from self.officer(f"{field}.options[{i}].title", option.title)
                yield from self.officer(f"{field}.options[{i}].description", option.description)
        elif isinstance(sec, ImplicationsSection):
            for i, imp in enumerate(sec.items):
                title, none_sentence = lib.implication_text(imp.kind.value)
                yield from self.officer(f"{field}.items[{i}].title", imp.title or title)
                if imp.none:
                    yield from self.library(f"{field}.items[{i}].none", none_sentence)
                yield from self.blocks(f"{field}.items[{i}].content", imp.content)
        elif isinstance(sec, DeclarationSection):
            yield from self._declaration(field)
        yield from self.blocks(f"{field}.closing", sec.closing)
        for i, sub in enumerate(sec.subsections):
            yield from self.section(f"{field}.subsections[{i}]", sub)

    def _declaration(self, field: str) -> Iterator[TextItem]:
        d = lib.declaration()
        texts = [*d["introduction"]["paragraphs"], *d["introduction"]["aims"], *d["introduction"]["closing"],
                 *d["opportunity"]["paragraphs"], *d["ambition"]["paragraphs"], *d["principles"].values(),
                 d["commitments"]["mhclg"]]
        for group in d["commitments"]["groups"]:
            texts += list(group["items"].values())
        for text in texts:
            yield from self.library(field, text, "declaration")

    def document(self, doc: Report | CommitmentStatement) -> Iterator[TextItem]:
        if isinstance(doc, CommitmentStatement):
            yield from self.officer("pledge", doc.pledge)
            for i, c in enumerate(doc.commitments):
                for name in ("title", "partners", "mission", "impact"):
                    yield from self.officer(f"commitments[{i}].{name}", getattr(c, name))
            return
        yield from self.officer("title", doc.title)
        yield from self.blocks("summary", doc.summary)
        yield from self.officer("recommendations.lead_in", lead_in(doc))
        for i, (item, text) in enumerate(zip(doc.recommendations.items, recommendation_texts(doc))):
            if isinstance(item, str):
                yield from self.officer(f"recommendations.items[{i}]", text)
            else:
                yield from self.library(f"recommendations.items[{i}]", text)
        yield from self.blocks("recommendations.reasons", doc.recommendations.reasons)
        for i, sec in enumerate(doc.sections):
            yield from self.section(f"sections[{i}]", sec)
        for i, paper in enumerate(doc.background_papers):
            yield from self.officer(f"background_papers[{i}]", paper)
        for i, sec in enumerate(doc.appendices):
            yield from self.section(f"appendices[{i}]", sec)


def texts(doc: Report | CommitmentStatement) -> list[TextItem]:
    """Every piece of text a reader meets, in order: title, summary, recommendations, sections ..."""
    return list(Reader(doc).document(doc))

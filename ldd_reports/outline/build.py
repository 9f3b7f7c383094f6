"""The walk's entry: a document's outline in its house style (the paper, its public version, or the record)."""

from __future__ import annotations

from ..content.dates import LANGUAGE_NAMES
from ..errors import InputError, Problem
from ..house_styles.style import HouseStyle, StyleArg, resolve_house_style
from ..inputs.loaders import AnyDocument, DocumentArg, as_document
from ..models import Report
from .audit import refuse_dropped
from .front_matter import build_outline
from .keeps import keep_together, space_after_tables
from .nodes import Outline
from .record import build_record_outline

__all__ = ["document_outline", "outline_of"]


def outline_of(document: DocumentArg, house_style: StyleArg = None, *, public: bool = False,
               record: bool = False) -> Outline:
    """The document's outline in its house style (the one every output and the check read).

    ``record``: the outline of the decision record instead (the report's ``decision`` block).
    """
    doc = as_document(document)
    return document_outline(doc, resolve_house_style(house_style, doc), public=public, record=record)


def document_outline(document: AnyDocument, style: HouseStyle, *, public: bool = False,
                     record: bool = False) -> Outline:
    """:func:`outline_of` for a validated document and a resolved house style."""
    if document.language != style.language:  # never an English label in a Welsh paper, nor the reverse
        raise InputError([Problem("language", f"the document is in {LANGUAGE_NAMES[document.language]} but house style "
                                  f"{style.name!r} is in {LANGUAGE_NAMES[style.language]}: use a house style with language: "
                                  f"{document.language} (`ldd-reports house-styles --copy {style.name} -o ours.yaml`, "
                                  "then set its language and write its labels in that language)")])
    if not record:
        outline = build_outline(document, style, public)
    elif not isinstance(document, Report):
        raise InputError([Problem("document", "a decision record is made from a report with a 'decision:' "
                                              "block, not from a commitment statement")])
    else:
        outline = build_record_outline(document, style)
    refuse_dropped(document, outline, style, record=record, public=public)
    keep_together(outline)
    space_after_tables(outline)
    return outline

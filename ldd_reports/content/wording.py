"""The library's own wording of a paper, from the catalogue: lead-ins, recommendations, headings, fields."""

from __future__ import annotations

from collections import ChainMap
from typing import TYPE_CHECKING, Any

from ..markup import escape
from . import library as lib
from .facts import NATION_NAMES, reference_date
from .messages import Catalogue, catalogue

if TYPE_CHECKING:  # annotations only: the content sits below the models, which validate against it
    from ..models import CommitmentStatement, Report

__all__ = ["heading_text", "implication_wording", "lead_in", "library_fields", "recommendation_texts"]


def lead_in(report: Report, words: Catalogue) -> str:
    """The recommendations' lead-in: as given, or the decision route's ('That Cabinet:')."""
    if report.recommendations.lead_in:
        return report.recommendations.lead_in
    return words.fill(f"routes.{report.meeting.body_kind.value}.lead_in", library_fields(report))


def heading_text(sec: Any, words: Catalogue | None = None) -> str:
    """A section's heading as printed: 'Appendix A \u2013 Title', or just the title."""
    words = words or catalogue()
    title = sec.title or words.text("implications.heading")  # only an implications section may leave it unset
    return words.fill("paper.labelled_heading", {"label": sec.label, "title": title}) if sec.label else title


def recommendation_texts(report: Report, words: Catalogue) -> list[str]:
    """The recommendations as printed: standard ones worded for the decision body."""
    fields = library_fields(report)
    route = report.meeting.body_kind.value
    return [item if isinstance(item, str) else words.fill(f"routes.{route}.{item.standard}", fields)
            for item in report.recommendations.items]


def library_fields(doc: Report | CommitmentStatement) -> dict[str, str]:
    """Values for the {fields} in content-library text, for this document and its date."""
    dept = lib.department(reference_date(doc))
    org = doc.organisation
    officer = {"organisation": org.name, "short": org.short_name or org.name,
               "body": doc.meeting.body if doc.document == "report" else org.name}
    if doc.text_format == "plain":  # the officer's words keep their own format inside library text
        officer = {key: escape(value) for key, value in officer.items()}
    return {**officer, "department": dept["name"], "department_short": dept["short"],
            "nation": NATION_NAMES[org.nation.value]}


def implication_wording(kind: str, rules: dict[str, Any], words: Catalogue, fields: dict[str, str]
                        ) -> tuple[str, str | None, str]:
    """(title, its message id or None for the house style's own, 'none arising' sentence) for a kind."""
    own = rules.get(kind)
    values = ChainMap[str, str]({"name": words.text(f"implications.kinds.{kind}.name")}, fields)  # reads only what it names
    # the house style's own sentence was checked against the same fields when it loaded
    none = lib.fill(own.none, values) if own is not None and own.none else words.fill("implications.none", values)
    if own is not None and own.title:
        return own.title, None, none
    return words.text(f"implications.kinds.{kind}.title"), f"implications.kinds.{kind}.title", none

"""The library's own wording of a paper: lead-ins, recommendation texts, headings, standard-text fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..markup import escape
from . import library as lib
from .facts import NATION_NAMES, reference_date

if TYPE_CHECKING:  # annotations only: the content sits below the models, which validate against it
    from ..models import CommitmentStatement, Report

__all__ = ["heading_text", "implication_wording", "lead_in", "library_fields",
           "recommendation_texts"]


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
    dept = lib.department(reference_date(doc))
    org = doc.organisation
    officer = {"organisation": org.name, "short": org.short_name or org.name,
               "body": doc.meeting.body if doc.document == "report" else org.name}
    if doc.text_format == "plain":  # the officer's words keep their own format inside library text
        officer = {key: escape(value) for key, value in officer.items()}
    return {**officer, "department": dept["name"], "department_short": dept["short"],
            "nation": NATION_NAMES[org.nation.value]}


def implication_wording(kind: str, rules: dict[str, Any]) -> tuple[str, str]:
    """(title, 'none arising' sentence) for a kind: the house style's own, else the library's."""
    title, none_sentence = lib.implication_text(kind)
    own = rules.get(kind)
    if own is not None:
        title = own.title or title
        none_sentence = own.none or none_sentence
    return title, none_sentence

"""A document's properties (title, subject, author, language...): plain text every output sets the same way."""

from __future__ import annotations

from ..content.dates import LANGUAGES
from ..content.messages import Catalogue, catalogue
from ..content.wording import library_fields
from ..inputs.loaders import AnyDocument
from ..markup import parse, plain_text
from ..models import Report

__all__ = ["core_properties"]


def core_properties(doc: AnyDocument, draft: bool = False, record: bool = False,
                    words: Catalogue | None = None) -> dict[str, str]:
    """Title, subject, author, keywords and language, set explicitly on every output (plain text: no markup)."""
    props = _core_properties(doc, draft, record, words or catalogue())
    if doc.text_format == "markup":
        props = {key: plain_text(parse(value)) for key, value in props.items()}
    return props


def _core_properties(doc: AnyDocument, draft: bool, record: bool, words: Catalogue) -> dict[str, str]:
    org = doc.organisation.name
    is_report = isinstance(doc, Report)
    body = doc.meeting.body if isinstance(doc, Report) else org
    values = {**library_fields(doc), "organisation": org, "short": doc.organisation.short_name or org, "body": body,
              "title": doc.title if isinstance(doc, Report) else ""}  # as written: the properties are not markup

    def say(message_id: str) -> str:
        return words.fill(f"properties.{message_id}", values)

    if isinstance(doc, Report) and record:
        title, subject, creator = say("record_title"), say("record_subject"), org
    elif isinstance(doc, Report):
        title, subject = doc.title, say("report_subject")
        creator = doc.report_of.name if doc.report_of else (doc.contacts[0].name if doc.contacts else org)
        if "[TO COMPLETE" in creator:  # a draft's author is a person or the council, never a placeholder
            creator = org
    else:
        title, subject, creator = say("statement_title"), say("statement_subject"), doc.signatory.name
    kind = "record" if record else "report" if is_report else "statement"
    return {"title": title, "subject": subject, "creator": creator, "language": LANGUAGES[words.language],
            "keywords": say("keywords"), "category": say(f"{kind}_category"), "description": say("description"),
            "status": say("draft" if draft else "final")}

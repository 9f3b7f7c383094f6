"""A document's properties (title, subject, author, language...): plain text every output sets the same way."""

from __future__ import annotations

from ..inputs.loaders import AnyDocument
from ..markup import parse, plain_text
from ..models import Report

__all__ = ["core_properties"]


def core_properties(doc: AnyDocument, draft: bool = False, record: bool = False) -> dict[str, str]:
    """Title, subject, author, keywords and language, set explicitly on every output (plain text: no markup)."""
    props = _core_properties(doc, draft, record)
    if doc.text_format == "markup":
        props = {key: plain_text(parse(value)) for key, value in props.items()}
    return props


def _core_properties(doc: AnyDocument, draft: bool, record: bool) -> dict[str, str]:
    org = doc.organisation.name
    if isinstance(doc, Report) and record:
        title = f"Record of decision: {doc.title}"
        subject = f"Decision of {doc.meeting.body}, {org}"
        creator = org
    elif isinstance(doc, Report):
        title = doc.title
        subject = f"{doc.meeting.body} report for {org}"
        creator = doc.report_of.name if doc.report_of else (doc.contacts[0].name if doc.contacts else org)
        if "[TO COMPLETE" in creator:  # a draft's author is a person or the council, never a placeholder
            creator = org
    else:
        title = f"Local Digital Declaration commitment: {org}"
        subject = f"Signed commitment of {org} to the Local Digital Declaration"
        creator = doc.signatory.name
    return {"title": title, "subject": subject, "creator": creator, "language": "en-GB",
            "keywords": "Local Digital Declaration", "category": "Decision record" if record
            else "Committee report" if isinstance(doc, Report) else "Commitment statement",
            "description": f"Drafted with ldd-reports for {org}",
            "status": "DRAFT" if draft else "Final"}

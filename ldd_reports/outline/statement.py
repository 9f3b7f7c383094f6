"""The signed commitment statement as outline blocks."""

from __future__ import annotations

from ..content.dates import format_date
from ..house_styles.style import HouseStyle
from ..models import CommitmentStatement
from .nodes import Block, Outline, Para, Piece
from .outliner import SectionWriter

__all__ = ["statement"]


def statement(doc: CommitmentStatement, style: HouseStyle, outline: Outline) -> list[Block]:
    """Signed on behalf of ..., the pledge, each commitment, and the signature."""
    w = SectionWriter(doc, style, outline)
    out: list[Block] = [Para([w.label("Signed on behalf of "), w.officer(doc.organisation.name, "organisation.name")],
                             "title"),
                        Para([w.officer(doc.pledge, "pledge")]),
                        Para([w.officer(doc.commitments_lead_in, "commitments_lead_in")])]
    for n, c in enumerate(doc.commitments):
        path = f"commitments[{n}]"
        heading = w.heading(Piece(f"Commitment {n + 1}: ", "", "house_style"), 2)
        heading.pieces.append(w.officer(c.title, f"{path}.title"))
        out.append(heading)
        for label, name in (("Partners", "partners"), ("Mission", "mission"), ("Impact", "impact")):
            if getattr(c, name):
                out.append(Para([Piece(label + ": ", "", "house_style", True),
                                 w.officer(getattr(c, name), f"{path}.{name}")]))
    out += [Para([w.label("Signed:")]),
            Para([w.officer(doc.signatory.name, "signatory.name")], space_before=36),
            Para([w.officer(doc.signatory.role, "signatory.role")]),
            Para([w.label("Date: "), Piece(format_date(doc.date, doc.date_format), "date", "officer")])]
    outline.furniture = {"header": [w.officer(doc.organisation.name, "organisation.name")],
                         "footer": [w.label("Local Digital Declaration commitment")]}
    return out

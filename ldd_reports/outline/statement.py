"""The signed commitment statement as outline blocks."""

from __future__ import annotations

from ..house_styles.style import HouseStyle
from ..models import CommitmentStatement
from .nodes import Block, Outline, Para
from .outliner import SectionWriter

__all__ = ["statement"]


def statement(doc: CommitmentStatement, style: HouseStyle, outline: Outline) -> list[Block]:
    """Signed on behalf of ..., the pledge, each commitment, and the signature."""
    w = SectionWriter(doc, style, outline)
    organisation = w.officer(doc.organisation.name, "organisation.name")
    out: list[Block] = [Para(w.say("statement.signed_on_behalf", organisation=organisation), "title"),
                        Para([w.officer(doc.pledge, "pledge")]),
                        Para([w.officer(doc.commitments_lead_in, "commitments_lead_in")])]
    for n, c in enumerate(doc.commitments):
        path = f"commitments[{n}]"
        out.append(w.heading_of(w.say("statement.commitment", number=str(n + 1),
                                      title=w.officer(c.title, f"{path}.title")), 2))
        for name in ("partners", "mission", "impact"):
            if getattr(c, name):
                out.append(Para(w.say(f"statement.{name}", bold=True,
                                      text=w.officer(getattr(c, name), f"{path}.{name}"))))
    out += [Para(w.say("statement.signed")),
            Para([w.officer(doc.signatory.name, "signatory.name")], space_before=36),
            Para([w.officer(doc.signatory.role, "signatory.role")]),
            Para(w.say("statement.date", date=w.date(doc.date, "date")))]
    outline.furniture = {"header": [organisation], "footer": w.say("statement.footer")}
    return out

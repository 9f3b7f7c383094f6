"""Drafting: a complete new paper from four facts, and the placeholders still open in a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from . import content_library as lib
from . import facts
from .errors import Problem
from .markup import PLACEHOLDER
from .models import BodyKind, OrganisationKind, Report

__all__ = ["body_kind_of", "new_report", "new_report_yaml", "open_items"]


def body_kind_of(body: str) -> BodyKind:
    """Guess the kind of decision-maker from its name ('Cabinet', 'Audit Committee' ...)."""
    name = body.lower()
    for word, kind in (("cabinet member", BodyKind.cabinet_member), ("portfolio holder", BodyKind.cabinet_member),
                       ("cabinet", BodyKind.cabinet), ("executive", BodyKind.executive),
                       ("committee", BodyKind.committee), ("council", BodyKind.council)):
        if word in name:
            return kind
    return BodyKind.officer


def new_report(organisation: str, kind: OrganisationKind | str, body: str, date: dt.date | str | None,
               body_kind: BodyKind | str | None = None) -> Report:
    """A complete, valid sign-up paper from the content library, with placeholders marked."""
    kind = OrganisationKind(kind)
    body_kind = BodyKind(body_kind) if body_kind else body_kind_of(body)
    fields = {"organisation": organisation, "body": body, "kind": kind.value, "body_kind": body_kind.value,
              "date": str(date)}

    def fill(value: Any) -> Any:
        if isinstance(value, str):
            return lib.fill(value, fields)
        if isinstance(value, list):
            return [fill(v) for v in value]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value

    data = fill(lib.new_report_skeleton()["report"])
    if date is None:  # not known yet: left out, so a draft shows a placeholder and a final render refuses
        del data["meeting"]["date"]
    circ = facts.Circumstances.of(_report(data))  # a blank name or body is an InputError naming the field
    return _report(_as_at(data, circ))


def _report(data: dict[str, Any]) -> Report:
    from .loaders import Source, validate

    report = validate(Source(data))
    assert isinstance(report, Report)  # the skeleton is a report's
    return report


def _as_at(value: Any, circ: facts.Circumstances) -> Any:
    """The skeleton without the standard paragraphs that have nothing to say on the paper's date."""
    if isinstance(value, list):
        return [_as_at(v, circ) for v in value
                if not (isinstance(v, dict) and set(v) == {"standard"} and isinstance(v["standard"], str)
                        and "." in v["standard"] and facts.paragraph(v["standard"], circ).text is None)]
    if isinstance(value, dict):
        return {k: _as_at(v, circ) for k, v in value.items()}
    return value


def new_report_yaml(report: Report) -> str:
    """The report as input YAML, with a header saying how to finish it."""
    body = yaml.safe_dump(report.model_dump(mode="json", exclude_defaults=True), sort_keys=False,
                          allow_unicode=True, width=100)
    head = ("# Local Digital Declaration paper drafted by `ldd-reports new`.\n"
            "# Replace every [TO COMPLETE: ...] with what only the council knows, then run\n"
            "#   ldd-reports check THIS.yaml   and   ldd-reports render THIS.yaml -o paper.docx\n"
            "# (use --draft to render before everything is complete).\n")
    return head + body


def open_items(document: Any, outline: Any = None) -> list[Problem]:
    """Every field still holding a [TO COMPLETE: ...] placeholder, in order.

    With the document's ``outline``, also the placeholders its house style prints for a value the
    paper has not given (e.g. a front sheet's 'Wards affected').
    """
    found: list[Problem] = []
    for piece in outline.pieces() if outline is not None else ():
        problem = Problem(piece.field, piece.text)
        if piece.origin == "house_style" and PLACEHOLDER.search(piece.text) and problem not in found:
            found.append(problem)  # once, though the header block and the footer may both show it
    meeting = getattr(document, "meeting", None)
    if meeting is not None and meeting.date is None and not any(p.field == "meeting.date" for p in found):
        found.append(Problem("meeting.date", "[TO COMPLETE: meeting date]"))
    if b"[TO COMPLETE:" not in document.model_dump_json().encode():
        return found  # the usual case, found far faster than by walking every field

    def walk(value: Any, path: str) -> None:
        if isinstance(value, str):
            found.extend(Problem(path, m.group()) for m in PLACEHOLDER.finditer(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(document.model_dump(mode="python"), "")
    return found

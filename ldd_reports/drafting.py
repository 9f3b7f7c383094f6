"""Drafting: a complete new paper from four facts, with a placeholder for each thing only the officer knows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from .content import facts
from .content import library as lib
from .models import BodyKind, OrganisationKind, Report

__all__ = ["body_kind_of", "new_report", "new_report_yaml"]


def body_kind_of(body: str) -> BodyKind:
    """Guess the kind of decision-maker from its name ('Cabinet', 'Audit Committee' ...)."""
    name = body.lower()
    guesses, otherwise = lib.route_guesses()
    return BodyKind(next((route for word, route in guesses if word in name), otherwise))


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
    from .inputs.loaders import validate
    from .inputs.source import Source

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

"""The clerk's check: what a committee clerk would send back, as findings with severity and field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from pydantic import Field

from . import content_library as lib
from .drafting import open_items
from .fragments import recommendation_texts
from .models import (CommitmentStatement, DeclarationSection, FirstActionsSection, ImplicationsSection, ItemsSection,
                     Report, RisksSection, StandardText, StrictModel)
from .reading import TextItem
from .reading import texts as reading_texts

__all__ = ["Finding", "HouseStyle", "check", "load_house_style"]

Severity = Literal["error", "warning"]
_BODIES = ("Cabinet", "Executive", "Council", "Committee")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[A-Z0-9\"'(\u2018\u201c])")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w'\u2019&/-]*")
_ACRONYM = re.compile(r"(?<![\w.])([A-Z][A-Za-z]*[A-Z]|[A-Z]{2,})(s?)(?![\w.])")


@dataclass(frozen=True)
class Finding:
    """One thing the check found: how serious, where (dotted field path) and what."""

    severity: Severity
    field: str
    message: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.severity:7} {self.field or '(document)'}: {self.message} [{self.code}]"


class HouseStyle(StrictModel):
    """A council's house-style rules for the check (YAML: `ldd-reports check --house-style FILE`)."""

    profile: Literal["default", "plain_english"] = Field(
        default="default", description="'plain_english': sentences over 40 words are errors, not warnings.")
    required_sections: list[str] = Field(
        default_factory=list,
        description="Sections the paper must have: a heading ('Legal Implications'), 'type:risks', "
                    "'implications:legal', or a part ('summary', 'background_papers', 'contacts', 'circulation').")


def load_house_style(path: Any) -> HouseStyle:
    """A house style from YAML; InputError names the field and line."""
    from pydantic import ValidationError

    from .errors import InputError
    from .loaders import problems_from, read

    source = read(path)
    try:
        return HouseStyle.model_validate(source.data or {})
    except ValidationError as e:
        raise InputError(problems_from(e, source), source.file) from e


def _acronyms(doc: Report | CommitmentStatement, texts: list[TextItem]) -> Iterator[Finding]:
    known = lib.acronyms()
    exempt = set(known["widely_known"])
    if doc.organisation.short_name:
        exempt.add(doc.organisation.short_name)  # the paper's header names the organisation in full
    seen: set[str] = set()
    before = ""
    for t in texts:
        for m in _ACRONYM.finditer(t.text):
            acronym = m.group(1)
            if acronym in seen or acronym in exempt:
                continue
            seen.add(acronym)
            context = before + t.text[: m.start()]
            expansion = known["expansions"].get(acronym)
            in_brackets = t.text[m.start() - 1: m.start()] == "(" and t.text[m.end(): m.end() + 1] == ")"
            if in_brackets or (expansion and expansion.lower() in context.lower()):
                continue
            if t.origin == "declaration":
                continue
            hint = f" ({expansion})" if expansion else ""
            yield Finding("warning", t.field, f"'{acronym}' is used before it is spelled out{hint}", "acronym")
        before += "\n" + t.text


def _sentences(texts: list[TextItem], style: HouseStyle) -> Iterator[Finding]:
    for t in texts:
        if t.origin == "declaration":
            continue  # the Declaration is quoted verbatim
        for sentence in _SENTENCE.split(t.text):
            words = len(_WORD.findall(sentence))
            if words > 40:
                severity: Severity = "error" if style.profile == "plain_english" else "warning"
                yield Finding(severity, t.field, f"a sentence of {words} words (over 40): {sentence[:60]}...",
                              "sentence_length")
            elif words > 25:
                yield Finding("warning", t.field, f"a sentence of {words} words (GOV.UK advises 25 or fewer): "
                                                  f"{sentence[:60]}...", "sentence_length")


def _body_named(doc: Report, texts: list[TextItem]) -> Iterator[Finding]:
    body = doc.meeting.body.lower()
    pattern = re.compile(r"\bThat (?:the )?(%s)\b|\b(%s) is (?:recommended|asked)\b" % ("|".join(_BODIES),
                                                                                        "|".join(_BODIES)))
    for t in texts:
        if t.origin != "officer":
            continue
        for m in pattern.finditer(t.text):
            named = m.group(1) or m.group(2)
            if named.lower() not in body:
                yield Finding("error", t.field, f"names '{named}' but the paper goes to {doc.meeting.body}: "
                                                f"'{m.group(0)}'", "decision_body")


def _stale(doc: Report) -> Iterator[Finding]:
    meeting = doc.meeting.date

    def judge(field: str, what: str, as_at: dt.date | None) -> Iterator[Finding]:
        if as_at and (meeting - as_at).days > 365:
            yield Finding("warning", field, f"{what} is a fact as at {as_at.isoformat()}, over 12 months before the "
                                            f"meeting: check it is still right", "stale_fact")

    def blocks(field: str, items: list[Any]) -> Iterator[Finding]:
        for i, block in enumerate(items):
            if isinstance(block, StandardText):
                yield from judge(f"{field}[{i}].standard", f"standard paragraph '{block.standard}'",
                                 lib.paragraph(block.standard).get("as_at"))

    def section(field: str, sec: Any) -> Iterator[Finding]:
        yield from blocks(f"{field}.content", sec.content)
        yield from blocks(f"{field}.closing", sec.closing)
        if isinstance(sec, (ItemsSection, RisksSection, FirstActionsSection)):
            name = sec.type
            for key in lib.keys_of(sec.standard, name):
                yield from judge(f"{field}.standard", f"standard {name} item '{key}'", lib.entry(name, key).get("as_at"))
        if isinstance(sec, ImplicationsSection):
            for i, imp in enumerate(sec.items):
                yield from blocks(f"{field}.items[{i}].content", imp.content)
        for i, sub in enumerate(sec.subsections):
            yield from section(f"{field}.subsections[{i}]", sub)

    yield from blocks("summary", doc.summary)
    for i, sec in enumerate(doc.sections):
        yield from section(f"sections[{i}]", sec)
    for i, sec in enumerate(doc.appendices):
        yield from section(f"appendices[{i}]", sec)


def _department(doc: Report, texts: list[TextItem]) -> Iterator[Finding]:
    current = lib.department(doc.meeting.date)
    others = {d["short"]: d for d in lib.departments() if d["short"] != current["short"]}
    for dept in others.values():
        for t in texts:
            if t.origin == "officer" and re.search(rf"\b{dept['short']}\b", t.text):
                yield Finding("warning", t.field, f"names {dept['short']}, but on {doc.meeting.date.isoformat()} the "
                                                  f"department is {current['name']} ({current['short']})",
                              "department_name")
                break


def _dates(doc: Report) -> Iterator[Finding]:
    if doc.report_date and doc.report_date > doc.meeting.date:
        yield Finding("error", "report_date", f"the report is dated {doc.report_date.isoformat()}, after the "
                                              f"meeting on {doc.meeting.date.isoformat()}", "dates")
    if doc.meeting.date.weekday() >= 5:
        yield Finding("warning", "meeting.date", f"the meeting falls on a {doc.meeting.date.strftime('%A')}", "dates")


def _parts(doc: Report) -> set[str]:
    found = {"summary"} if doc.summary else set()
    found |= {name for name in ("background_papers", "contacts", "circulation") if getattr(doc, name)}

    def walk(sec: Any) -> None:
        found.update({(sec.title or "implications").lower(), f"type:{sec.type}"})
        if isinstance(sec, ImplicationsSection):
            for imp in sec.items:
                found.update({(imp.title or lib.implication_text(imp.kind.value)[0]).lower(),
                              f"implications:{imp.kind.value}"})
        for sub in sec.subsections:
            walk(sub)

    for sec in [*doc.sections, *doc.appendices]:
        walk(sec)
    return found


def _structure(doc: Report, style: HouseStyle) -> Iterator[Finding]:
    present = _parts(doc)
    for required in style.required_sections:
        if required.lower() not in present:
            yield Finding("error", "sections", f"the house style requires '{required}', which the paper lacks",
                          "missing_section")
    seen: dict[str, int] = {}
    for i, item in enumerate(recommendation_texts(doc)):
        key = " ".join(item.lower().split())
        if key in seen:
            yield Finding("error", f"recommendations.items[{i}]", f"repeats recommendation {seen[key] + 1}",
                          "duplicate_recommendation")
        seen.setdefault(key, i)

    def empty(field: str, sec: Any) -> Iterator[Finding]:
        has_items = bool(getattr(sec, "standard", None) or getattr(sec, "items", None) or getattr(sec, "options", None))
        typed = isinstance(sec, (DeclarationSection, ImplicationsSection)) or sec.type == "recommendations"
        if not (sec.content or sec.closing or sec.subsections or has_items or typed):
            yield Finding("warning", field, f"section '{sec.title}' is empty", "empty_section")
        for i, sub in enumerate(sec.subsections):
            yield from empty(f"{field}.subsections[{i}]", sub)

    for i, sec in enumerate(doc.sections):
        yield from empty(f"sections[{i}]", sec)


def check(doc: Report | CommitmentStatement, house_style: HouseStyle | None = None) -> list[Finding]:
    """Every finding for a document, errors first, each in reading order."""
    style = house_style or HouseStyle()
    texts = reading_texts(doc)
    findings = [Finding("error", p.field, f"still to complete: {p.message}", "placeholder") for p in open_items(doc)]
    findings += _acronyms(doc, texts)
    findings += _sentences(texts, style)
    if isinstance(doc, Report):
        findings += _body_named(doc, texts)
        findings += _stale(doc)
        findings += _department(doc, texts)
        findings += _dates(doc)
        findings += _structure(doc, style)
    return sorted(findings, key=lambda f: f.severity != "error")

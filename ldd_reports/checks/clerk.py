"""The clerk's check: what a committee clerk would send back, as findings with severity and field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..content import facts
from ..content import library as lib
from ..content.messages import Catalogue
from ..content.wording import library_fields, recommendation_texts
from ..house_styles.style import CheckRules, HouseStyle, resolve_house_style
from ..inputs.loaders import as_document
from ..markup import parse
from ..models import CommitmentStatement, DeclarationSection, ImplicationsSection, Report
from ..outline.audit import hidden_values
from ..outline.build import document_outline
from ..outline.nodes import Outline
from .findings import Finding, Severity
from .lengths import PageCount, length_findings
from .placeholders import open_items

__all__ = ["Finding", "TextItem", "check", "texts"]

_BODIES = ("Cabinet", "Executive", "Council", "Committee")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+(?=[A-Z0-9\"'(\u2018\u201c])")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f][\w'\u2019&/-]*")
_IDENTIFIERS = {"reference", "forward_plan_reference", "item", "telephone", "email"}  # codes, not prose
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_WORD = re.compile(r"[A-Za-z]+")
_LONGEST_ACRONYM = 6  # SOCITM, LOTI: longer words in capitals are headings and emphasis (APPENDIX, CABINET)
_ACRONYM = re.compile(r"(?<![\w.])([A-Z][A-Za-z]*[A-Z]|[A-Z]{2,})(s?)(?![\w.])")


@dataclass(frozen=True)
class TextItem:
    """A piece of the paper's text as a reader meets it: field path, plain text, origin, library key."""

    field: str
    text: str  # plain text, markup removed; placeholders as '...' (they are reported on their own)
    origin: str
    key: str | None = None


def _plain(text: str, markup: bool) -> str:
    spans = parse(text, markup)
    notes = [s.footnote for s in spans if s.footnote]
    return "".join("..." if s.placeholder else s.text for s in spans) + "".join(f" {n}" for n in notes)


def texts(outline: Outline) -> list[TextItem]:
    """Every piece of text the paper prints, in reading order (from the outline the writers read)."""
    return [TextItem(p.field, _plain(p.text, p.markup), p.origin, p.key) for p in outline.pieces() if p.text]


def _may_be_acronym(word: str, lowered: set[str], expansions: dict[str, str]) -> bool:
    """Not a Roman numeral (II, IV), a word the paper also writes in lower case, or a long word in capitals."""
    if word in expansions:
        return True
    if _ROMAN.fullmatch(word) or word.lower() in lowered:
        return False
    return not (word.isalpha() and word.isupper() and len(word) > _LONGEST_ACRONYM)


def _acronyms(doc: Report | CommitmentStatement, texts: list[TextItem]) -> Iterator[Finding]:
    known = lib.acronyms()
    exempt = set(known["widely_known"])
    if doc.organisation.short_name:
        exempt.add(doc.organisation.short_name)  # the paper's header names the organisation in full
    seen: set[str] = set()
    before = ""
    # A word also written in lower or title case ("Cabinet") is that word in capitals, not an acronym.
    written = {w for t in texts for w in _WORD.findall(t.text) if not w.isupper()}
    lowered = {w.lower() for w in written}
    for t in texts:
        if t.origin == "house_style" or t.field.rsplit(".", 1)[-1] in _IDENTIFIERS:
            before += "\n" + t.text  # the style's own labels ("REPORT OF:") and references: not prose
            continue
        for m in _ACRONYM.finditer(t.text):
            acronym = m.group(1)
            if acronym in seen or acronym in exempt or not _may_be_acronym(acronym, lowered, known["expansions"]):
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


def _sentences(texts: list[TextItem], rules: CheckRules) -> Iterator[Finding]:
    for t in texts:
        if t.origin in ("declaration", "house_style"):
            continue  # the Declaration is quoted verbatim; labels are not sentences
        for sentence in _SENTENCE.split(t.text):
            words = len(_WORD.findall(sentence))
            if words > 40:
                severity: Severity = "error" if rules.profile == "plain_english" else "warning"
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


def _stale(doc: Report, texts: list[TextItem], outline: Outline) -> Iterator[Finding]:
    """Facts the officer chose or wrote that are not what the library knows on the paper's date.

    Library text the paper did not pin is as at its date already (see ``facts``): never reported.
    """
    circ = facts.Circumstances.of(doc)
    when, fields = circ.on.isoformat(), library_fields(doc)
    for field, key, why in outline.left_out:
        yield Finding("warning", field, f"{_what(key)} has nothing to say on {when} ({why}), so it is left out",
                      "withdrawn_fact")
    seen: set[tuple[str, str]] = set()
    for t in texts:
        if not t.key or "@" not in t.key or (t.field, t.key) in seen:
            continue
        seen.add((t.field, t.key))
        key, pinned = t.key.split("@", 1)
        now = facts.paragraph(key.split(":", 1)[1], circ)
        then = facts.paragraph(key.split(":", 1)[1], circ, dt.date.fromisoformat(pinned))
        if now.since != then.since:
            newer = lib.fill(now.text, fields) if now.text else f"nothing ({now.why})"
            yield Finding("warning", t.field, f"{_what(key)} is quoted as at {pinned}; on {when} the library "
                                              f"says: {newer}", "stale_fact")
    claims = list(facts.outdated_claims(circ))
    for t in texts:
        if t.origin != "officer":
            continue
        for pattern, fact in claims:
            found = pattern.search(t.text)
            if found:
                newer = lib.fill(fact.text, fields) if fact.text else fact.why
                yield Finding("warning", t.field, f"'{found.group(0)}' is out of date on {when}: {newer}",
                              "stale_fact")
                break


def _what(key: str) -> str:
    kind, name = key.split(":", 1)
    return f"standard paragraph '{name}'" if kind == "paragraph" else f"standard {kind} item '{name}'"


def _department(doc: Report, texts: list[TextItem]) -> Iterator[Finding]:
    if doc.meeting.date is None:
        return
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
    if doc.meeting.date is None:
        return
    if doc.report_date and doc.report_date > doc.meeting.date:
        yield Finding("error", "report_date", f"the report is dated {doc.report_date.isoformat()}, after the "
                                              f"meeting on {doc.meeting.date.isoformat()}", "dates")
    if doc.meeting.date.weekday() >= 5:
        yield Finding("warning", "meeting.date", f"the meeting falls on a {doc.meeting.date.strftime('%A')}", "dates")


def _timetable(doc: Report, style: HouseStyle, today: dt.date | None = None) -> Iterator[Finding]:
    """A report date or meeting date that misses the statutory timetable (see ``timetable``)."""
    from ..governance.timetable import bank_holiday, timetable

    if doc.meeting.date is None or doc.organisation.nation.value not in lib.timetable_rules()["nations"]:
        return
    t, today = timetable(doc, style), today or dt.date.today()
    agenda, deadline = t.dates["agenda_published_by"], t.dates["report_deadline"]
    holiday = bank_holiday(doc.meeting.date, t.nation)
    if holiday:
        yield Finding("warning", "meeting.date", f"the meeting falls on a bank holiday ({holiday})", "dates")
    # A report dated on or after the meeting is left alone: after, the dates rule reports it; the
    # same day, papers often print the meeting's date as theirs.
    dated = doc.report_date if doc.report_date is not None and doc.report_date < doc.meeting.date else None
    if dated and agenda and dated > agenda:
        yield Finding("warning", "report_date", f"the report is dated {dated.isoformat()}, after the agenda "
                                              f"must be published ({agenda.isoformat()})", "timetable")
    elif dated and deadline and dated > deadline:
        yield Finding("warning", "report_date", f"the report is dated {dated.isoformat()}, after the "
                                                f"report deadline ({deadline.isoformat()})", "timetable")
    if doc.meeting.date < today:
        return  # a paper for a past meeting: its notices are history
    notice = t.dates["forward_plan_notice_by"]
    if notice and notice < today and not doc.forward_plan_reference:
        yield Finding("error", "meeting.date", f"a key decision needs 28 clear days' notice in the forward plan, "
                                               f"by {notice.isoformat()}; give its forward_plan_reference, or a "
                                               "later meeting (or use the urgency procedure)", "timetable")
    private = t.dates["private_meeting_notice_by"]
    if private and private < today:
        yield Finding("warning", "meeting.date", f"a meeting with exempt information needs 28 clear days' notice "
                                                 f"of the private part, by {private.isoformat()}", "timetable")
    if agenda and agenda < today:
        yield Finding("warning", "meeting.date", f"the agenda had to be published by {agenda.isoformat()}",
                      "timetable")


def _parts(doc: Report, outline: Outline) -> set[str]:
    """What the paper has, as a house style names it: headings, 'type:X', 'implications:X', parts."""
    found = {name for name in ("summary", "background_papers", "contacts", "circulation") if getattr(doc, name)}
    for para in outline.paragraphs():
        found |= para.tags
        if para.role == "heading":
            found.add(" ".join(para.text.lower().split()))
    return found


def _structure(doc: Report, outline: Outline, rules: CheckRules, words: Catalogue) -> Iterator[Finding]:
    present = _parts(doc, outline)
    for required in rules.required_sections:
        if required.lower() not in present:
            yield Finding("error", "sections", f"the house style requires '{required}', which the paper lacks",
                          "missing_section")
    seen: dict[str, int] = {}
    for i, item in enumerate(recommendation_texts(doc, words)):
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


def _declaration_language(doc: Report) -> list[Finding]:
    """In a paper in another language: whether each copy of the Declaration is quoted in English or translated."""
    if doc.language == "en":
        return []
    found = []
    for part in ("sections", "appendices"):
        for i, sec in enumerate(getattr(doc, part)):
            if getattr(sec, "type", None) == "declaration":
                found.append(Finding("note", f"{part}[{i}]", "the Declaration is quoted in English, after a note "
                                     "saying so (in_english)" if sec.in_english else "the Declaration is the "
                                     "council's to translate, paragraph by paragraph (or in_english: true quotes "
                                     "it in English with a note)", "declaration_language"))
    return found


def check(document: Report | CommitmentStatement | Mapping[str, Any], house_style: HouseStyle | str | None = None,
          *, today: dt.date | None = None, record: bool = False, pages: PageCount | None = None) -> list[Finding]:
    """Every finding for a document in its house style, errors first, each in reading order.

    ``today``: the date the timetable rules compare notices with (default: today). ``record``:
    check the decision record of the report's ``decision`` block instead of the paper. ``pages``:
    what counts the paper's laid-out sides of A4 for the house style's page rule
    (:func:`ldd_reports.pipeline.laid_out_pages`, which uses LibreOffice); without it they are estimated.
    """
    doc = as_document(document)  # a dict is validated first (InputError names its fields)
    if doc.languages:  # a bilingual paper: each version in its own house style, and where the two differ
        # A style given is the one for the version in its language; the other version keeps its own.
        given = resolve_house_style(house_style, doc) if house_style is not None else None
        findings = [Finding("error", p.field, p.message, "parity") for p in doc._parity]
        for language in doc.languages:
            style = given if given is not None and given.language == language else None
            findings += [replace(f, field=f"{f.field} [{language}]") for f in
                         _check_one(doc.version(language), style, today, record, pages)]
        return sorted(findings, key=lambda f: ("error", "warning", "note").index(f.severity))
    return _check_one(doc, house_style, today, record, pages)


def _check_one(doc: Report | CommitmentStatement, house_style: HouseStyle | str | None, today: dt.date | None,
               record: bool, pages: PageCount | None) -> list[Finding]:
    style = resolve_house_style(house_style, doc)
    rules = style.check
    outline = document_outline(doc, style, record=record)
    items = texts(outline)
    findings = [Finding("error", p.field, f"still to complete: {p.message}", "placeholder")
                for p in open_items(doc, outline, style.words, record)]
    findings += [Finding("note", path, f"not printed, as the house style says: {reason}", "hidden")
                 for path, reason in hidden_values(doc, style, record=record)]
    findings += _acronyms(doc, items)
    findings += _sentences(items, rules)
    if record and isinstance(doc, Report):
        from .record import record_findings

        findings += record_findings(doc, style)
    elif isinstance(doc, Report):
        findings += _body_named(doc, items)
        findings += _stale(doc, items, outline)
        findings += _department(doc, items)
        findings += _dates(doc)
        findings += _timetable(doc, style, today)
        findings += _structure(doc, outline, rules, style.words)
        findings += length_findings(doc, outline, style, pages)
        findings += _declaration_language(doc)
    return sorted(findings, key=lambda f: ("error", "warning", "note").index(f.severity))

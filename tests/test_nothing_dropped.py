"""Nothing dropped, by construction: one audit of every value the input gives against the outline's fields."""

from __future__ import annotations

import json

import pytest

import ldd_reports
from ldd_reports import HouseStyle, InputError
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.outline.audit import carried, input_values
from ldd_reports.outline.build import outline_of

from conftest import SAMPLES, minimal_report, open_docx


def _style(base: str, **update: object) -> HouseStyle:
    data = resolve_house_style(base).model_dump(mode="json", exclude={"base_dir"})
    for key, value in update.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    return HouseStyle.model_validate(data)


def _fields(info: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.field for p in info.value.problems]


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.yaml")))
def test_every_sample_carries_every_value_its_input_gives(name):
    doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
    values = [v for v in input_values(doc) if not v.startswith("decision.") and v != "organisation.short_name"]
    assert len(values) >= 8 and set(values) <= carried(outline_of(doc))


def test_an_implications_table_without_a_content_column_is_refused_naming_each_implication():
    data = minimal_report(sections=[{"type": "implications", "items": [
        {"kind": "financial", "content": ["Costs are met from the digital budget."], "sign_off": "Head of Finance"},
        {"kind": "legal", "none": True}]}])
    style = _style("front_sheet", implications={"columns": [["Issue", "title"]]})
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.as_document(data), style)
    assert _fields(info) == ["sections[0].items[0].content", "sections[0].items[0].sign_off"]
    assert "never prints it" in info.value.problems[0].message and "hidden:" in info.value.problems[0].message


def test_a_record_that_leaves_out_the_conflict_and_the_urgency_reason_is_refused():
    doc = ldd_reports.load(SAMPLES / "cabinet_member_decision_2026.yaml")
    decision = doc.decision.model_copy(update={"call_in": "urgent", "call_in_reason": "The Fund closes on Friday."})
    doc = doc.model_copy(update={"decision": decision})
    style = _style("cabinet_member", record={"parts": ["header_block", "decision"]})
    with pytest.raises(InputError) as info:
        outline_of(doc, style, record=True)
    fields = _fields(info)
    assert "decision.conflicts[0].interest" in fields and "decision.call_in_reason" in fields
    assert all(f.startswith("decision.") for f in fields)
    assert "record.parts and record.fields" in info.value.problems[0].message


def test_a_forward_plan_reference_is_printed_for_a_decision_that_is_not_key(tmp_path):
    data = minimal_report(key_decision=False, forward_plan_reference="FP/2026/117")
    out = tmp_path / "paper.docx"
    ldd_reports.render(ldd_reports.as_document(data), out, house_style="front_sheet", draft=True)
    assert "No (Forward Plan reference FP/2026/117)" in [p.text.split("\t")[-1] for p in open_docx(out).paragraphs]


def test_a_style_that_never_prints_the_organisation_body_or_date_is_refused():
    style = _style("cabinet", header_block={"layout": "none", "before_title": []}, page={"header": [], "footer": []})
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.as_document(minimal_report()), style)
    assert _fields(info) == ["organisation.name", "meeting.body", "meeting.date"]


def test_contact_lines_without_the_telephone_are_refused_naming_the_contact():
    data = minimal_report(contacts=[{"name": "Jo Evans", "telephone": "01234 567890"}])
    style = _style("continuous", contacts={"line": [{"label": "CONTACT:", "value": "name"}]})
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.as_document(data), style)
    assert _fields(info) == ["contacts[0].telephone"]
    assert "contacts.layout and contacts.line" in info.value.problems[0].message


def test_a_value_the_style_hides_with_a_reason_is_left_out_and_the_check_says_so(capsys):
    data = minimal_report(contacts=[{"name": "Jo Evans", "telephone": "01234 567890"}])
    style = _style("continuous", contacts={"line": [{"label": "CONTACT:", "value": "name"}]},
                   hidden={"contacts[].telephone": "the switchboard number is on the agenda"})
    doc = ldd_reports.as_document(data)
    assert "01234 567890" not in " ".join(p.text for p in outline_of(doc, style).paragraphs())
    notes = [f for f in ldd_reports.check(doc, style) if f.severity == "note"]
    assert [(f.field, f.code) for f in notes] == [("contacts[0].telephone", "hidden")]
    assert "the switchboard number is on the agenda" in notes[0].message


def test_a_hidden_field_that_is_no_field_of_the_input_is_refused_with_a_suggestion(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text(json.dumps({"name": "ours", "hidden": {"contacts[].telefone": "no"}}), "utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load_house_style(path)
    assert info.value.problems[0].field == "hidden"
    assert "did you mean 'contacts[].telephone'" in info.value.problems[0].message


def test_the_public_version_is_audited_too_but_for_the_paragraphs_its_statements_give():
    doc = ldd_reports.load(SAMPLES / "front_sheet_cabinet_2026.yaml")
    outline_of(doc, public=True)  # the statements print the paragraph; nothing else may go
    style = _style("front_sheet", parts=["header_block", "body"])
    with pytest.raises(InputError) as info:
        outline_of(doc, style, public=True)
    assert "appendices" in _fields(info)


def test_a_field_paths_parent_is_the_path_without_its_last_name_or_index():
    import random

    from ldd_reports.outline.audit import _LAST, _parent

    assert [_parent(p) for p in ("sections[2].title", "sections[2]", "sections", "")] == \
        ["sections[2]", "sections", "", ""]
    generator = random.Random(24)
    pieces = ["a", "b", ".", "[", "]", "1", "2", "\u0663", "_"]  # (U+0663: a digit, as \d reads one)
    for _ in range(20000):
        path = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 12)))
        assert _parent(path) == (_LAST.sub("", path) if _LAST.search(path) else ""), path


def test_a_value_carried_only_by_a_piece_of_a_field_within_it_is_not_dropped():
    """The audit's quick look (each value a piece's own field) falls back on every piece's parents."""
    import dataclasses

    from ldd_reports.outline.audit import refuse_dropped

    doc = ldd_reports.Report.model_validate(minimal_report())
    style = resolve_house_style(None, doc)
    outline = outline_of(doc, style)
    title = next(para for para in outline.paragraphs() if any(p.field == "sections[0].title" for p in para.pieces))
    title.pieces = [dataclasses.replace(p, field="sections[0].title.words") if p.field == "sections[0].title" else p
                    for p in title.pieces]
    refuse_dropped(doc, outline, style)  # 'sections[0].title' is carried, by a field within it
    title.pieces = [dataclasses.replace(p, field="sections[0].heading") if p.field.startswith("sections[0].title")
                    else p for p in title.pieces]
    with pytest.raises(InputError) as info:
        refuse_dropped(doc, outline, style)
    assert _fields(info) == ["sections[0].title"]


def test_the_audit_walks_every_field_that_may_hold_text_and_only_those():
    import enum
    from typing import Any, Literal

    from pydantic import BaseModel

    from ldd_reports.models.base import Text
    from ldd_reports.outline.audit import _text_fields

    class Colour(enum.Enum):
        RED = "red"

    class Inner(BaseModel):
        words: Text = ""

    class Outer(BaseModel):
        kind: Literal["a", "b"] = "a"
        flag: bool = False
        count: int | None = None
        colour: Colour = Colour.RED
        style: str = ""  # a plain string that is not an officer's text
        words: Text = ""
        inner: Inner | None = None
        items: list[Inner] = []
        labels: dict[str, str] = {}
        anything: Any = None
        either: int | Inner = 0

    walked = dict(_text_fields(Outer))
    assert walked == {"words": True, "inner": False, "items": False, "labels": False, "anything": False,
                      "either": False}

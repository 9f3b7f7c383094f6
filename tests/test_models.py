"""The input models: strict, documented, with errors that name the field and the YAML line."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError
import yaml

import ldd_reports
from ldd_reports import InputError
from ldd_reports.inputs.schema import json_schema

from conftest import SAMPLE_NAMES, minimal_report, sample_path


def _properties(schema: dict):
    for name, definition in schema.get("$defs", {}).items():
        for prop, spec in definition.get("properties", {}).items():
            yield f"{name}.{prop}", spec


def test_every_field_in_the_schema_has_a_description():
    undocumented = [name for name, spec in _properties(json_schema()) if not spec.get("description")]
    assert undocumented == []


def test_schema_forbids_unknown_fields_everywhere():
    loose = [name for name, d in json_schema()["$defs"].items()
             if d.get("type") == "object" and d.get("additionalProperties") is not False]
    assert loose == []


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_samples_load(name):
    doc = ldd_reports.load(sample_path(name))
    assert doc.organisation.name


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_model_dump_yaml_round_trip(name):
    doc = ldd_reports.load(sample_path(name))
    text = yaml.safe_dump(doc.model_dump(mode="json"), allow_unicode=True, sort_keys=False)
    again = ldd_reports.loads(text)
    assert again == doc


def test_json_input_loads_like_yaml(tmp_path):
    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    path = tmp_path / "w.json"
    path.write_text(doc.model_dump_json(), encoding="utf-8")
    assert ldd_reports.load(path) == doc


def test_unknown_field_names_field_and_line():
    text = "organisation:\n  name: X\n  kind: county\n  nmae: typo\nmeeting: {body: Cabinet, date: 2026-01-05}\n" \
           "recommendations: {items: [Agree]}\n"
    with pytest.raises(InputError) as info:
        ldd_reports.loads(text, file="in.yaml")
    problem = info.value.problems[0]
    assert (problem.field, problem.line, problem.file) == ("organisation.nmae", 4, "in.yaml")
    assert "in.yaml, line 4: organisation.nmae" in str(info.value)


def test_nested_error_path_skips_union_tags_and_gives_line():
    text = yaml.safe_dump(minimal_report(sections=[
        {"title": "A", "content": ["p"]},
        {"type": "risks", "title": "Risks", "items": ["ok", {"rsk": "typo"}]},
    ]), sort_keys=False)
    with pytest.raises(InputError) as info:
        ldd_reports.loads(text)
    fields = {p.field for p in info.value.problems}
    assert "sections[1].items[1].risk" in fields
    assert "sections[1].items[1].rsk" in fields
    lines = text.splitlines()
    line = next(p.line for p in info.value.problems if p.field.endswith(".rsk"))
    assert "rsk" in lines[line - 1]


def test_unknown_section_type_is_one_clear_error():
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(minimal_report(sections=[{"type": "benefit", "title": "x"}])))
    assert len(info.value.problems) == 1
    assert info.value.problems[0].field == "sections[0]"
    assert "unknown section type" in info.value.problems[0].message


def test_missing_required_field_is_named():
    data = minimal_report()
    del data["meeting"]["body"]
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    assert [p.field for p in info.value.problems] == ["meeting.body"]


def test_duplicate_key_is_an_error_with_both_lines():
    text = "organisation: {name: X, kind: county}\nmeeting: {body: Cabinet, date: 2026-01-05}\n" \
           "recommendations: {items: [A]}\nmeeting: {body: Council, date: 2026-01-05}\n"
    with pytest.raises(InputError) as info:
        ldd_reports.loads(text)
    assert info.value.problems[0].line == 4
    assert "duplicate key 'meeting'" in info.value.problems[0].message
    assert "line 2" in info.value.problems[0].message


def test_control_character_names_field_and_position():
    data = minimal_report()
    data["sections"][0]["content"] = ["ok", "bad\x07bell"]
    with pytest.raises(InputError) as info:
        ldd_reports.loads(json.dumps(data), format="json")
    problem = info.value.problems[0]
    assert problem.field == "sections[0].content[1]"
    assert "U+0007" in problem.message and "position 4" in problem.message


def test_vertical_tab_becomes_a_line_break():
    data = minimal_report()
    data["sections"][0]["content"] = ["one\x0btwo"]
    doc = ldd_reports.loads(json.dumps(data), format="json")
    assert doc.sections[0].content[0] == "one\ntwo"


def test_implication_needs_content_or_none():
    data = minimal_report(sections=[{"type": "implications", "items": [{"kind": "legal"}]}])
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    assert "give 'content' or 'none: true'" in info.value.problems[0].message
    assert info.value.problems[0].field == "sections[0].items[0]"


def test_bad_date_format_field_is_refused():
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(minimal_report(date_format="%d %B %Y {dya}")))
    assert info.value.problems[0].field == "date_format"


def test_building_a_report_in_python():
    report = ldd_reports.Report(
        organisation={"name": "Rugby Borough Council", "kind": "district"},
        meeting={"body": "Cabinet", "date": "2026-12-10"},
        recommendations={"items": ["Agree to sign."]},
    )
    assert report.meeting.date.isoformat() == "2026-12-10"
    with pytest.raises(ValidationError):
        ldd_reports.Report(organisation={"name": "X", "kind": "county"}, meeting={"body": "C", "date": "2026-01-01"},
                           recommendations={"items": ["A"]}, unexpected=True)


def test_yaml_syntax_error_has_line():
    with pytest.raises(InputError) as info:
        ldd_reports.loads("organisation: {name: X\nmeeting: [\n")
    assert info.value.problems[0].line is not None
    assert "not valid YAML" in info.value.problems[0].message


def test_the_characters_refused_are_exactly_those_xml_1_0_cannot_hold():
    """XML 1.0's Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; every other
    code point is refused, and no allowed one (checked over all of Unicode)."""
    from ldd_reports.models.base import _NOT_XML

    def allowed(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF

    assert [c for c in range(0x110000) if (_NOT_XML.match(chr(c)) is None) != allowed(c)] == []


def _input_model_fields(private: bool = False) -> list[tuple[str, str, object]]:
    """(model, field, FieldInfo) of every pydantic model in the input models and house styles, every module of both;
    with ``private``, its private attributes too (ModelPrivateAttr)."""
    import importlib
    import inspect
    import pkgutil

    from pydantic import BaseModel

    import ldd_reports.house_styles
    import ldd_reports.models

    found = []
    for package in (ldd_reports.models, ldd_reports.house_styles):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            for _, model in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
                if issubclass(model, BaseModel) and model.__module__ == module.name:
                    found += [(model.__name__, name, info) for name, info in model.model_fields.items()]
                    if private:
                        found += [(model.__name__, name, attribute)
                                  for name, attribute in model.__private_attributes__.items()]
    return found


def test_no_field_of_the_models_or_house_styles_has_a_builtin_default_factory():
    # Pydantic parses a builtin factory's signature from its text for every field as it builds a validator
    # (12 ms of each process's start for 33 fields), and for each private attribute as the first instance is
    # made (12 reads); models.base.new_list and new_dict are read at once.
    seen = [(model, name, info.default_factory) for model, name, info in _input_model_fields(private=True)
            if getattr(info, "default_factory", None) is not None]
    assert len(seen) > 30 and any(name.startswith("_") for _, name, _ in seen)
    assert [(model, name) for model, name, factory in seen if getattr(factory, "__module__", None) == "builtins"] == []


def test_the_models_validators_of_a_value_alone_are_not_pydantics_functional_validators():
    # pydantic reads an AfterValidator's or BeforeValidator's signature at every field that has it (233 reads,
    # 8 ms of each start): models.base.After and Before are the same steps, without the read
    from pydantic import AfterValidator, BeforeValidator

    from ldd_reports.models.base import After, Before

    metadata = [meta for _, _, info in _input_model_fields() for meta in info.metadata]
    ours = [meta for meta in metadata if isinstance(meta, (After, Before))]
    assert len(ours) > 80  # each model counted once, in the module that defines it
    assert [meta for meta in metadata if isinstance(meta, (AfterValidator, BeforeValidator))] == []


def test_after_and_before_run_where_pydantics_validators_would():
    from typing import Annotated

    from pydantic import BaseModel, ValidationError

    from ldd_reports.models.base import After, Before

    steps: list[str] = []

    doubled = Annotated[int, Before(lambda v: steps.append(f"before {v!r}") or v.strip()),
                        After(lambda v: steps.append(f"after {v!r}") or v * 2)]

    class Probe(BaseModel):
        value: doubled

    assert Probe(value=" 21 ").value == 42
    assert steps == ["before ' 21 '", "after 21"]  # before: the value as given; after: the validated int
    with pytest.raises(ValidationError):
        Probe(value="x")
    assert Probe.model_json_schema()["properties"]["value"]["type"] == "integer"

"""The wording catalogue: every word the library writes is a message a house style can override, safely."""

from __future__ import annotations

import json

import pytest
import yaml

import ldd_reports
from ldd_reports import HouseStyle, InputError
from ldd_reports.cli import main
from ldd_reports.content.messages import MAX_MESSAGE, MessageError, defaults, parse, vocabulary
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.outline.build import outline_of

from conftest import SAMPLES, minimal_report, open_docx

RECORD_SAMPLE = SAMPLES / "cabinet_member_decision_2026.yaml"


def _style_file(tmp_path, **extra: object):
    """The sample's own house style with ``extra`` set, written beside a copy of the sample."""
    style = resolve_house_style("cabinet_member").model_dump(mode="json", exclude={"base_dir"})
    style.update(name="ours", **extra)
    path = tmp_path / "ours.yaml"
    path.write_text(yaml.safe_dump(style, sort_keys=False), "utf-8")
    return path


def test_a_message_names_only_fields_of_its_vocabulary():
    assert parse("{body} resolved:", frozenset({"body"})) == (parse("{body}", None)[0], " resolved:")
    assert parse("50%% {{literal}} braces") == ("50%% {literal} braces",)
    for text, says in [("{organisation.__class__.__mro__}", "not a field"), ("{organisation:>900000000}", "not a field"),
                       ("{0}", "not a field"), ("{oops}", "did you mean"), ("50% {", "stray '{'"),
                       ("a } b", "stray '}'"), ("x" * (MAX_MESSAGE + 1), "at most")]:
        with pytest.raises(MessageError, match=says):
            parse(text, frozenset({"organisation", "oops_"} if "oops" in text else {"organisation"}))


def test_every_message_of_the_library_parses_in_its_own_vocabulary_and_has_a_known_id_shape():
    messages = defaults()
    assert len(messages) > 100
    for message_id, text in messages.items():
        parse(text, vocabulary(message_id))  # the library's own words obey the rules a house style's do
        assert all(part.replace("_", "").isalnum() for part in message_id.split(".")), message_id
    assert vocabulary("record.conflict") >= {"member", "interest", "organisation", "body"}


def test_a_house_style_words_the_record_in_its_own_way(tmp_path):
    style = _style_file(tmp_path, wording={
        "routes.cabinet_member.decided": "Having read the report, including its recommendations and proposals, "
                                         "and following consideration of all other relevant matters, the "
                                         "decision-maker made the following decision:",
        "record.outcome.agreed": "{wording}",  # no outcome labels
        "record.no_conflicts": "The decision-maker(s) did not declare a personal or prejudicial interest in the "
                               "matters set out in the report.",
        "record.outcome.amended": "**Resolved as amended:** {wording} (as amended)"})
    data = yaml.safe_load(RECORD_SAMPLE.read_text("utf-8"))
    data["house_style"] = str(style)
    data["decision"].pop("conflicts", None)  # none declared: the record says so, in the council's words
    (tmp_path / "paper.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    out = tmp_path / "record.docx"
    assert main(["record", str(tmp_path / "paper.yaml"), "-o", str(out)]) == 0
    paragraphs = open_docx(out).paragraphs
    texts = [p.text for p in paragraphs]
    assert any(t.startswith("Having read the report, including its recommendations") for t in texts)
    assert "Agreed:" not in " ".join(texts) and "resolved:" not in " ".join(texts)
    assert "The decision-maker(s) did not declare a personal or prejudicial interest" in " ".join(texts)
    amended = next(p for p in paragraphs if p.text.startswith("Resolved as amended: "))
    assert amended.text.endswith("(as amended)")  # the words after {wording} end its paragraph
    assert amended.runs[0].bold and amended.runs[0].text == "Resolved as amended:"  # the paper's inline markup
    agreed = [p for p in paragraphs if p.style.name == "List Number"]
    assert agreed and agreed[0].text.startswith("Agree that Eastbrook Borough Council signs")


def test_a_message_without_its_main_field_still_prints_the_officers_words():
    style = resolve_house_style("cabinet_member").model_copy(update={"wording": {"record.outcome.agreed": "Yes."}})
    doc = ldd_reports.load(RECORD_SAMPLE)
    texts = [p.text for p in outline_of(doc, style, record=True).paragraphs()]
    assert any(t.startswith("Yes.Agree that Eastbrook Borough Council") for t in texts)  # a label before it: not lost


@pytest.mark.parametrize(("wording", "says"), [
    ({"record.outcome.agred": "x"}, "did you mean 'record.outcome.agreed'"),
    ({"record.conflict": "{member} {interst}"}, "did you mean {interest}"),
    ({"record.conflict": "{member.__class__}"}, "not a field"),
    ({"paper.yes": "Yes {"}, "stray '{'"),
])
def test_a_house_styles_wrong_wording_is_refused_at_load_naming_the_field_and_line(tmp_path, wording, says):
    path = _style_file(tmp_path, wording=wording)
    with pytest.raises(InputError) as info:
        ldd_reports.load_house_style(path)
    problem = info.value.problems[0]
    assert problem.field == "wording" and says in problem.message and problem.line is not None


@pytest.mark.parametrize("sentence", ["{organisation.__class__.__mro__}", "{organisation:>900000000}", "{oops}",
                                      "50% {"])
def test_a_none_sentence_is_read_as_a_message_never_formatted_by_python(tmp_path, sentence):
    path = _style_file(tmp_path, implications={"kinds": {"financial": {"none": sentence}}})
    with pytest.raises(InputError) as info:
        ldd_reports.load_house_style(path)
    assert info.value.problems[0].field == "implications.kinds.financial.none"
    assert main(["check", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "--house-style", str(path)]) == 1


def test_a_none_sentence_uses_the_papers_fields_and_prints_braces_in_names_as_written():
    style = resolve_house_style("cabinet").model_copy(update={"implications": resolve_house_style(
        "cabinet").implications.model_copy(update={"kinds": {"financial": HouseStyle.model_validate(
            {"implications": {"kinds": {"financial": {"none": "{organisation} has no {name} implications {{here}}."}}}}
        ).implications.kinds["financial"]}})})
    data = minimal_report(organisation={"name": "Rugby {x} Council", "kind": "district"}, text_format="plain",
                          sections=[{"type": "implications", "items": [{"kind": "financial", "none": True}]}])
    texts = [p.text for p in outline_of(ldd_reports.as_document(data), style).paragraphs()]
    assert "Rugby {x} Council has no financial implications {here}." in texts


def test_every_house_style_string_is_bounded_so_no_style_can_ask_for_a_gigabyte(tmp_path):
    path = _style_file(tmp_path, contacts={"layout": "lines", "separator": "x" * 1_500_000})
    with pytest.raises(InputError) as info:
        ldd_reports.load_house_style(path)
    assert info.value.problems[0].field == "contacts.separator"
    assert "is 1,500,000 characters long: a house style's text is at most 2,000" in info.value.problems[0].message


def test_the_wording_command_lists_every_id_with_its_text_and_fields_and_the_styles_own(tmp_path, capsys):
    path = _style_file(tmp_path, wording={"record.outcome.agreed": "{wording}"})
    assert main(["wording", "--format", "json", "--house-style", str(path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in rows} == set(defaults())
    agreed = next(row for row in rows if row["id"] == "record.outcome.agreed")
    assert agreed == {"id": "record.outcome.agreed", "text": "{wording}", "house_style": True,
                      "fields": sorted(vocabulary("record.outcome.agreed"))}
    assert main(["wording", "record.call_in"]) == 0
    out = capsys.readouterr().out
    assert "record.call_in.applies: 'This decision may be called in" in out and "(also call_in_ends" in out
    assert "paper.yes" not in out


def test_house_styles_copy_writes_a_builtin_to_start_from(tmp_path, capsys):
    out = tmp_path / "ours.yaml"
    assert main(["house-styles", "--copy", "continuous", "-o", str(out)]) == 0
    assert ldd_reports.load_house_style(out).numbering == resolve_house_style("continuous").numbering
    assert main(["house-styles", "--copy", "continuous", "-o", str(out)]) == 1  # exists: not replaced
    assert main(["house-styles", "--copy", "nope", "-o", str(tmp_path / "x.yaml")]) == 1
    assert "known: cabinet" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # no -o: a usage error
        main(["house-styles", "--copy", "continuous"])
    assert usage.value.code == 2


def _style_strings(style: HouseStyle) -> set[str]:
    """Every string the house style holds, and the parts of a row format around its '{}'."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.update({value, value.strip(), *value.split("{}")})
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(style.model_dump())
    return found


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.yaml")))
def test_every_word_of_every_sample_comes_from_the_input_the_content_library_or_a_message(name):
    doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
    style = resolve_house_style(None, doc)
    strings = _style_strings(style)
    known = set(defaults())
    for record in (False, True) if getattr(doc, "decision", None) is not None else (False,):
        outline = outline_of(doc, style, record=record)
        pieces = [*outline.pieces(), *(p for line in outline.furniture.values() for p in line)]
        assert len(pieces) > 20
        for piece in pieces:
            if not piece.text.strip():
                continue  # layout: a space or tab between a label and its value
            where = (name, record, piece)
            if piece.message is not None:
                assert piece.message in known, where
            elif piece.origin == "officer":
                assert piece.field, where  # the officer's words, with the field they came from
            elif piece.origin == "declaration" or (piece.origin == "library" and piece.key):
                pass  # the content library: the Declaration verbatim, standard paragraphs and items by key
            elif piece.field.startswith("timetable."):
                assert piece.text[0].isdigit(), where  # a date the timetable worked out
            else:
                assert piece.origin == "house_style" and piece.text.strip() in strings, where


def test_a_house_styles_own_words_default_to_the_catalogues_and_are_set_in_the_style_not_in_wording(tmp_path):
    style = HouseStyle()
    said = {k.removeprefix("style."): v for k, v in defaults().items() if k.startswith("style.")}
    assert style.header_block.summary_heading == said["header_block.summary_heading"]
    assert style.recommendations.reasons_lead_in == said["recommendations.reasons_lead_in"]
    assert [h for h, _ in style.implications.columns] == [said[f"implications.columns.{c}"]
                                                          for c in ("title", "content", "sign_off")]
    assert [row.label for row in style.record.fields][:2] == [said["record.fields.decided_by"],
                                                             said["record.fields.decision_date"]]
    assert style.record.signature == [said["record.signature.signed"], said["record.signature.date"]]
    path = _style_file(tmp_path, wording={"style.record.title": "Decision notice"})
    with pytest.raises(InputError) as info:
        ldd_reports.load_house_style(path)
    assert "does not set record.title: set that in the house style instead" in info.value.problems[0].message

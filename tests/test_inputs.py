"""Inputs as a person types them, and inputs that try to break the loader: each refused with its field."""

from __future__ import annotations

import json
import os
import sys

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError
from ldd_reports.inputs.source import MAX_BYTES, MAX_DEPTH

from conftest import minimal_report

BASE = yaml.safe_dump(minimal_report(), sort_keys=False)


def _problems(text: str, fmt: str = "yaml") -> list:
    with pytest.raises(InputError) as info:
        ldd_reports.loads(text, fmt)
    return info.value.problems


def test_unquoted_numbers_and_telephone_numbers_stay_as_typed():
    text = BASE.replace("meeting:\n", "meeting:\n  item: 7\n", 1)
    text += "contacts:\n- name: A Person\n  telephone: 01234 567890\n"
    doc = ldd_reports.loads(text)
    assert doc.meeting.item == "7"
    assert doc.contacts[0].telephone == "01234 567890"  # a number would have lost the leading 0


def test_an_impossible_unquoted_date_is_an_error_on_its_field():
    text = BASE.replace("date: '2026-12-10'", "date: 2026-02-30")
    line = text.splitlines().index("  date: 2026-02-30") + 1
    problems = _problems(text)
    assert [(p.field, p.line) for p in problems] == [("meeting.date", line)]
    assert "day value is outside expected range" in problems[0].message


def test_yes_and_no_are_words_in_text_and_booleans_where_a_boolean_is_wanted():
    doc = ldd_reports.loads(BASE + "key_decision: yes\nwards_affected: no\n")
    assert doc.key_decision is True
    assert doc.wards_affected == "no"  # YAML 1.1 would have made this False


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_deep_nesting_is_refused_in_yaml_and_json(fmt):
    deep = "[" * 500 + "]" * 500
    text = f'{{"document": "report", "sections": {deep}}}'
    problems = _problems(text, fmt)
    assert f"nested more than {MAX_DEPTH} levels deep" in problems[0].message


def test_a_5000_digit_integer_in_json_is_an_error_on_its_field_not_a_crash():
    data = minimal_report()
    data["meeting"]["item"] = 0
    text = json.dumps(data).replace('"item": 0', '"item": ' + "9" * 5000)
    doc = ldd_reports.loads(text, "json")  # item is text: the digits are kept as written
    assert doc.meeting.item == "9" * 5000


def test_json_nan_is_refused():
    problems = _problems('{"document": "report", "x": NaN}', "json")
    assert "NaN is not a JSON value" in problems[0].message


def test_json_counts_values_as_yaml_does():
    text = json.dumps({"document": "report", "sections": [[0] * 1000] * 250})
    problems = _problems(text, "json")
    assert "more than" in problems[0].message and "values" in problems[0].message


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero and FIFOs are POSIX")
def test_a_device_or_a_fifo_is_refused_without_reading_it(tmp_path):
    fifo = tmp_path / "input.yaml"
    os.mkfifo(fifo)  # opening it for reading would block for ever
    for name in (fifo, "/dev/zero"):
        with pytest.raises(InputError) as info:
            ldd_reports.load(name)
        assert "not a regular file" in str(info.value)


def test_the_size_limit_counts_bytes_read(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(BASE + "# " + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load(big)
    assert "larger than" in str(info.value)


def test_did_you_mean_for_a_choice_and_for_a_field_name():
    text = BASE.replace("kind: district", "kind: distrct").replace("title: Background", "titel: Background")
    problems = _problems(text)
    by_field = {p.field: p.message for p in problems}
    assert by_field["organisation.kind"].endswith("did you mean 'district'?")
    assert by_field["sections[0].titel"].endswith("did you mean 'title'?")


def test_problems_are_sorted_by_line():
    text = BASE.replace("kind: district", "kind: nonsense").replace("body: Cabinet", "body: Cabinet\n  colour: 3")
    text += "zebra: 1\n"
    lines = [p.line for p in _problems(text)]
    assert lines == sorted(lines) and len(lines) == 3


def test_a_python_tag_is_refused_even_under_the_yaml_namespace():
    problems = _problems("organisation: !!python/name:os.system\n")
    assert "not allowed" in problems[0].message


# -- libyaml reads, the pure-Python parser reports ------------------------------------------------------------
_LIBYAML = getattr(yaml, "CSafeLoader", None)
_needs_libyaml = pytest.mark.skipif(_LIBYAML is None, reason="this PyYAML was built without libyaml")

#: What the two parsers could read differently: folding, chomping, escapes, line breaks, comments, flows.
_TRICKY = [
    "a: plain text\n  folded onto\n\n  two lines  \n",
    "a: >\n  folded\n    more indented\n  back\n\n  para\nb: |+\n  kept\n\n\nc: |-\n  stripped\n",
    'a: "esc \\x41 \\u00e9 \\U0001F600 \\/ \\N \\_ \\L \\P \\t tab\\\n  joined"\n',
    "a: 'it''s # not a comment'  # a comment\nb: [x, 'y', \"z\", {k: v}]\nc: {}\nd: []\n",
    "a: ~\nb: null\nc:\nd: ''\ne: \"null\"\nf: 'Null'\ng: yes\nh: 0o17\ni: 1_000\nj: 2026-02-30\n",
    'a: "line\u2028separated\u0085nel"\r\nb: crlf\r\nc: >\r\n  folded\r\n  crlf\r\n',
    "? complex key\n: value\n'quoted key': 1\n\"another\": &anchor [1, 2]\nalias: *anchor\n",
    "- Caerdydd & Môn <b> {{ x }} “quotes” ŵ ŷ\n- - nested\n  - list\n-\n  k: v\n",
    "a: 'multi\n\n  line single'\nb: \"multi\n\n  line double\"\n",
]


def _both(text: str):
    """What the loader reads (libyaml first) and what the pure-Python parser alone reads, errors included."""
    from ldd_reports.inputs import source

    def read(parse):
        try:
            found = parse()
        except InputError as e:
            return [(p.message, p.line) for p in e.problems]
        return found.data, found.lines

    def reference():
        fast, source._LIBYAML = source._LIBYAML, None
        try:
            return source._yaml_source(text, None)
        finally:
            source._LIBYAML = fast

    return read(lambda: source._yaml_source(text, None)), read(reference)


def _libyaml_alone(text: str):
    """What libyaml itself reads (no falling back): it must read valid documents, not leave them to PyYAML."""
    from ldd_reports.inputs import source

    found = source._composed(_LIBYAML(text), None)
    return found.data, found.lines


@_needs_libyaml
@pytest.mark.parametrize("text", _TRICKY)
def test_libyaml_reads_what_the_pure_python_parser_reads(text):
    fast, reference = _both(text)
    assert fast == reference == _libyaml_alone(text)
    assert fast[0]  # read as data


@_needs_libyaml
def test_libyaml_reads_every_sample_and_house_style_as_the_pure_python_parser_does():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [*(root / "sample_inputs").rglob("*.yaml"), *(root / "ldd_reports" / "house_styles").glob("*.yaml")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, reference = _both(text)
        assert fast == reference == _libyaml_alone(text), path.name


@_needs_libyaml
def test_libyaml_reads_generated_documents_as_the_pure_python_parser_does():
    from hypothesis import given, settings, strategies as st

    text = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t #:'\"-[]{}&*!|>%@`,?"),
                   max_size=40)
    data = st.recursive(text | st.none() | st.booleans(), lambda children: st.lists(children, max_size=4)
                        | st.dictionaries(text, children, max_size=4), max_leaves=12)
    styles = st.sampled_from([None, "'", '"', "|", ">"])

    @settings(max_examples=300, deadline=None)
    @given(data, styles, st.booleans(), st.sampled_from([20, 80]))
    def check(value, style, flow, width):
        source = yaml.safe_dump({"v": value}, default_style=style, default_flow_style=flow, width=width,
                                allow_unicode=True)
        fast, reference = _both(source)
        assert fast == reference == _libyaml_alone(source)

    check()


@_needs_libyaml
def test_what_libyaml_refuses_is_reported_in_the_pure_python_parsers_words():
    # libyaml says "mapping values are not allowed in this context"; the message is PyYAML's, with its line
    with pytest.raises(yaml.YAMLError, match="in this context"):
        _LIBYAML("a: x: 1\n").get_single_node()
    problems = _problems("title: one\na: x: 1\n")
    assert problems[0].message == "not valid YAML: mapping values are not allowed here" and problems[0].line == 2
    problems = _problems("organisation:\n\tname: A Council\n")
    assert "a tab character" in problems[0].message and problems[0].line == 2
    problems = _problems("title: one\ntitle: two\n")
    assert "duplicate key 'title' (the first is on line 1)" in problems[0].message and problems[0].line == 2


def test_without_libyaml_the_pure_python_parser_reads_alone(monkeypatch):
    from ldd_reports.inputs import source

    monkeypatch.setattr(source, "_LIBYAML", None)
    doc = ldd_reports.loads(BASE)
    assert doc.organisation.name == minimal_report()["organisation"]["name"]
    assert "a tab character" in _problems("organisation:\n\tname: A Council\n")[0].message


def test_an_input_is_validated_by_the_model_it_names_and_another_kind_gets_the_unions_error():
    """A report builds only the report's validators (a batch of reports never builds the commitment
    statement's); a commitment statement still validates; a kind that is neither is refused on its field."""
    import subprocess

    code = ("import ldd_reports\nfrom ldd_reports.models import CommitmentStatement, Report\n"
            "ldd_reports.loads(open('sample_inputs/warwickshire_cabinet_2020.yaml', encoding='utf-8').read())\n"
            "print(Report.__pydantic_complete__, CommitmentStatement.__pydantic_complete__)\n")
    from conftest import ROOT

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split() == ["True", "False"]
    statement = ldd_reports.load(ROOT / "sample_inputs" / "conwy_commitment_2019.yaml")
    assert statement.document == "commitment"
    with pytest.raises(InputError) as info:
        ldd_reports.loads("document: memo\norganisation: {name: X, kind: county}\n")
    assert "'document' must be 'report' or 'commitment'" in str(info.value) and info.value.problems[0].line == 1

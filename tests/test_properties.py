"""Property tests: generated YAML and JSON inputs reach load() and every command; only the library's own errors come out.

Documents are grown from a valid paper by replacing values at random places with generated
values (numbers, dates, booleans, nulls, deep or wide structures, odd text), so most cases get
past the first check and into validation, rendering and checking. The CLI runs with --debug,
so an unexpected exception fails the test instead of meeting the last-resort handler.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ldd_reports
from ldd_reports import LddReportsError
from ldd_reports.cli import main

from conftest import minimal_report

FIELD_NAMES = ["organisation", "name", "kind", "meeting", "date", "body", "body_kind", "item", "sections", "title",
               "content", "type", "recommendations", "items", "standard", "contacts", "telephone", "house_style",
               "text_format", "date_format", "key_decision", "document", "signatory", "numbered"]
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                   st.sampled_from(["2026-02-30", "2026-12-10", "01234 567890", "yes", "no", "~", "cabinet",
                                    "district", "executive", "plain", "{day:>300000000}", "{{ x }}", "[TO COMPLETE: x]",
                                    "general", "principles", "all", "sign", "nonsense.yaml", "cabinet"]))
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=6)), inner,
                                                 max_size=4)), max_leaves=20)


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        data = data[key]
    return data


def _paths(data: Any, here: tuple = ()) -> list[tuple]:
    out = [here]
    if isinstance(data, dict):
        for key, item in data.items():
            out += _paths(item, here + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            out += _paths(item, here + (i,))
    return out


typed = st.one_of(st.text(max_size=30), st.integers(), st.sampled_from(
    ["2026-02-30", "2026-12-10", "01234 567890", "7", "yes", "cabinet", "executive", "{{ x }}", "[TO COMPLETE: x]",
     "**b** [l](https://x.org) [^n]", "Cyngor Sir Ynys Môn & <Partners>"]))


@st.composite
def documents(draw: Any) -> Any:
    data = minimal_report(contacts=[{"name": "A Person", "telephone": "01234 567890"}])
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(data)
        leaves = [p for p in paths if p and not isinstance(_at(data, p), (dict, list))]
        # Mostly a typed value at a leaf (so the paper still validates and renders); sometimes any shape anywhere.
        if leaves and draw(st.integers(0, 3)):
            path, new = draw(st.sampled_from(leaves)), draw(typed)
        else:
            path, new = draw(st.sampled_from(paths)), draw(value)
        if not path:
            data = new
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = new
        if not isinstance(data, (dict, list)):
            break
    return data


def _write(data: Any, fmt: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / f"input.{fmt}"
    if fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_load_raises_nothing_but_the_librarys_own_errors(fmt):
    @SETTINGS
    @given(documents())
    def case(data):
        path = _write(data, fmt)
        try:
            ldd_reports.load(path)
        except LddReportsError:
            pass

    case()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_as_yaml_is_a_document_or_an_input_error(text):
    try:
        ldd_reports.loads(text)
    except LddReportsError:
        pass


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_command_exits_0_or_1_without_an_unexpected_exception(fmt, capsys):
    @SETTINGS
    @given(documents())
    def case(data):
        path = _write(data, fmt)
        out = path.parent / "out.docx"
        rows = path.parent / "rows.csv"
        rows.write_text("organisation.name\nRugby Borough Council\n", encoding="utf-8")
        for args in (["validate", str(path)], ["validate", "--format", "json", str(path)],
                     ["check", str(path)], ["check", "--format", "json", str(path)],
                     ["render", str(path), "-o", str(out), "--draft", "--force"],
                     ["render", str(path), "-o", str(out), "--force"],
                     ["batch", str(rows), "--base", str(path), "--out", str(path.parent / "b"), "--workers", "1",
                      "--quiet", "--force"]):
            assert main(["--debug", *args]) in (0, 1), args  # --debug: an unexpected exception propagates
        capsys.readouterr()

    case()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["word/document.xml", "[Content_Types].xml", "word/styles.xml",
                                                   "word/_rels/document.xml.rels", None]))
def test_template_commands_survive_any_bytes_or_a_damaged_part(data, part):
    import io
    import zipfile

    from docx_fixtures import build

    folder = Path(tempfile.mkdtemp())
    template = folder / "t.docx"
    if part is None:
        template.write_bytes(data)
    else:  # a real template with one part replaced by the generated bytes
        with zipfile.ZipFile(io.BytesIO(build.build("cabinet_report"))) as src, zipfile.ZipFile(template, "w") as dst:
            for name in src.namelist():
                dst.writestr(name, data if name == part else src.read(name))
    paper = folder / "paper.json"
    paper.write_text(json.dumps(minimal_report()), encoding="utf-8")
    assert main(["--debug", "template", "check", str(template)]) in (0, 1)
    assert main(["--debug", "render", str(paper), "--template", str(template), "-o", str(folder / "o.docx")]) in (0, 1)

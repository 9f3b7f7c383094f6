"""Exempt information: the public version carries none of it, anywhere, and says why in its place."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError
from ldd_reports.house_style import resolve_house_style

from conftest import SAMPLES, minimal_report, needs_soffice, open_docx
from docx_fixtures import build, make_template

SAMPLE = SAMPLES / "front_sheet_cabinet_2026.yaml"
EXEMPT_WORDS = ["Brightwater", "Geodata", "18,450", "12% discount", "Quotation from", "31 January 2027"]
STATEMENT = ("This appendix is not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local "
             "Government Act 1972 (information relating to the financial or business affairs of any particular "
             "person (including the authority holding that information)).")


def every_byte(data: bytes) -> str:
    """Every member of a .docx, decompressed, as one text (what a determined reader could find)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_the_public_docx_has_none_of_the_exempt_words_and_the_statement():
    doc = ldd_reports.load(SAMPLE)
    full, public = every_byte(ldd_reports.render_bytes(doc)), every_byte(ldd_reports.render_bytes(doc, public=True))
    for word in EXEMPT_WORDS:
        assert word in full, word  # the test would notice if the words were never there
        assert word not in public, word
    assert STATEMENT in public and STATEMENT not in full


def test_the_full_version_marks_the_part_and_the_front_sheet_lists_it(tmp_path):
    out = tmp_path / "full.docx"
    ldd_reports.render(ldd_reports.load(SAMPLE), out)
    texts = [p.text for p in open_docx(out).paragraphs]
    banner = texts.index("NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local "
                         "Government Act 1972")
    assert texts[banner - 1] == "Appendix 2 \u2013 Quotation from Brightwater Geodata Ltd"
    assert ("Exempt information\tAppendix 2 is exempt: not for publication by virtue of paragraph 3 of Part 1 of "
            "Schedule 12A to the Local Government Act 1972.") in texts


def test_the_public_version_keeps_the_label_lists_the_appendix_and_the_front_sheet_line(tmp_path):
    out = tmp_path / "public.docx"
    ldd_reports.render(ldd_reports.load(SAMPLE), out, public=True)
    texts = [p.text for p in open_docx(out).paragraphs]
    assert texts.count("Appendix 2 \u2013 Exempt information") == 2  # the appendix list and the heading
    assert texts[texts.index(STATEMENT) - 1] == "Appendix 2 \u2013 Exempt information"
    assert not any("NOT FOR PUBLICATION" in t for t in texts)
    assert any(t.startswith("Exempt information\tAppendix 2 is exempt") for t in texts)
    assert "Appendix 1 \u2013 The first action's plan" in texts  # what is not exempt stays


def test_a_template_cannot_reach_exempt_words_in_the_public_version(tmp_path):
    template = make_template(tmp_path, build.p("{{ doc.appendices[1].title }} {{ doc.appendices[1].content }}"))
    doc = ldd_reports.load(SAMPLE)
    public = every_byte(ldd_reports.render_bytes(doc, template, public=True))
    assert "Brightwater" not in public and "Exempt information" in public


def test_an_exempt_sub_section_and_a_footnote_in_it_leave_no_trace():
    data = minimal_report(sections=[{"title": "Costs", "content": ["Open text."], "subsections": [
        {"title": "Tender Zephyrine", "exempt": {"paragraph": 3},
         "content": ["Price from [Zephyrine Ltd](https://zephyrine.example) is 99,999.[^Zephyrine note.]"]}]}])
    doc = ldd_reports.loads(json.dumps(data), format="json")
    public = every_byte(ldd_reports.render_bytes(doc, public=True))
    assert "zephyrine" not in public.lower() and "99,999" not in public  # text, link and footnote
    assert "This section is not for publication by virtue of paragraph 3" in public
    assert "Open text." in public


def test_batch_public_leaves_the_exempt_words_out(tmp_path):
    base = yaml.safe_load(SAMPLE.read_text("utf-8"))
    rows = tmp_path / "rows.csv"
    rows.write_text("organisation.name\nRugby Borough Council\n", encoding="utf-8")
    result = ldd_reports.render_many(base, rows, tmp_path / "out", public=True, workers=1)
    assert not result.failures
    public = every_byte(result.written[0].read_bytes())
    assert "Brightwater" not in public and STATEMENT in public


@pytest.mark.parametrize("paragraph", [0, 8, "three"])
def test_a_paragraph_outside_1_to_7_is_refused_with_its_field(paragraph):
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["appendices"][1]["exempt"]["paragraph"] = paragraph
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    assert [p.field for p in info.value.problems] == ["appendices[1].exempt.paragraph"]


def test_a_house_style_that_never_says_what_is_exempt_is_refused(tmp_path):
    style = resolve_house_style("cabinet")
    fields = [f for f in style.header_block.fields if f.value != "exempt_information"]
    lean = style.model_copy(update={"header_block": style.header_block.model_copy(update={"fields": fields})})
    with pytest.raises(InputError, match="exempt information"):
        ldd_reports.render_bytes(ldd_reports.load(SAMPLE), house_style=lean)


@needs_soffice
@pytest.mark.libreoffice
def test_the_public_pdf_has_none_of_the_exempt_words(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    fitz = pytest.importorskip("fitz")
    out = tmp_path / "public.pdf"
    ldd_reports.render(ldd_reports.load(SAMPLE), out, public=True)
    raw = out.read_bytes().decode("latin-1")
    with pikepdf.open(out) as pdf:  # every stream, decompressed
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                raw += obj.read_bytes().decode("latin-1")
        raw += str(pdf.docinfo) + str(pdf.open_metadata())
    with fitz.open(out) as pdf:
        text = " ".join(page.get_text() for page in pdf)
    for word in EXEMPT_WORDS:
        assert word not in raw and word not in text, word
    assert "not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A" in " ".join(text.split())

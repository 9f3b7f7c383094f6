"""Exempt information: the public version carries none of it, anywhere, and says why in its place."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError
from ldd_reports.house_styles.style import resolve_house_style

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


@pytest.mark.parametrize("paragraph", [0, 8, 11, 19, "three"])
def test_a_paragraph_schedule_12a_does_not_have_is_refused_with_its_field(paragraph):
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["appendices"][1]["exempt"]["paragraph"] = paragraph
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    assert [p.field for p in info.value.problems] == ["appendices[1].exempt.paragraph"]


def test_a_house_style_without_the_front_sheet_line_still_marks_each_exempt_part_with_its_paragraph():
    style = resolve_house_style("cabinet")
    fields = [f for f in style.header_block.fields if f.value != "exempt_information"]
    lean = style.model_copy(update={"header_block": style.header_block.model_copy(update={"fields": fields})})
    outline = ldd_reports.outline_of(ldd_reports.load(SAMPLE), lean)
    marked = [p for p in outline.pieces() if p.field.endswith(".exempt.paragraph")]
    assert marked and all("NOT FOR PUBLICATION" in p.text for p in marked)  # nothing the input says is lost


@needs_soffice
@pytest.mark.libreoffice
def test_the_public_pdf_has_none_of_the_exempt_words(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    fitz = pytest.importorskip("pymupdf")
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


# -- every page of an exempt part, and Wales ---------------------------------------------------------------

LONG = [f"Commercial paragraph {i}: the supplier's prices, discounts and terms, set out at length so that "
        "the part runs over several pages of the paper. " * 4 for i in range(24)]
MARK = "NOT FOR PUBLICATION (Schedule 12A, paragraph {})"


def _multi_page(**org: str) -> dict:
    return minimal_report(
        organisation={"name": "Rugby Borough Council", "kind": "district", **org},
        sections=[{"title": "Background", "content": ["Open paragraph."]},
                  {"title": "Commercial terms", "content": LONG, "exempt": {"paragraph": 3}},
                  {"title": "Next steps", "content": ["Open again."]}],
        appendices=[{"label": "Appendix 1", "title": "Public appendix", "content": ["Open appendix."]},
                    {"label": "Appendix 2", "title": "Quotation", "content": LONG, "exempt": {"paragraph": 3}},
                    {"label": "Appendix 3", "title": "Named staff", "content": ["Short."], "exempt": {"paragraph": 1}}])


def test_each_exempt_part_is_a_word_section_whose_header_adds_the_mark(tmp_path):
    out = tmp_path / "full.docx"
    ldd_reports.render(_multi_page(), out)
    d = open_docx(out)
    headers = [s.header.paragraphs[0].text for s in d.sections]
    # before, the exempt section, after it (to Appendix 1), Appendix 2, Appendix 3 (the last section)
    assert headers == ["Rugby Borough Council\t", MARK.format(3), "Rugby Borough Council\t", MARK.format(3),
                       MARK.format(1)]
    assert all(s.header.paragraphs[1].text.startswith("Rugby Borough Council") for s in d.sections[1::2])
    assert d.sections[-1].start_type == 2  # NEW_PAGE: the last exempt appendix ends the document
    assert d.paragraphs[-1].text == "Short."  # no empty section (a blank page) after it
    assert ldd_reports.check_docx(out) == []


def test_the_public_version_has_no_exempt_sections():
    data = every_byte(ldd_reports.render_bytes(ldd_reports.loads(yaml.safe_dump(_multi_page())), public=True))
    assert "NOT FOR PUBLICATION" not in data and "headerLddRegion" not in data


@needs_soffice
@pytest.mark.libreoffice
def test_every_page_of_an_exempt_part_and_no_other_is_marked_in_the_pdf(tmp_path):
    fitz = pytest.importorskip("pymupdf")
    out = tmp_path / "full.pdf"
    ldd_reports.render(_multi_page(), out)
    with fitz.open(out) as pdf:
        pages = [page.get_text().splitlines() for page in pdf]
    total = len(pages)
    marked, open_pages = [], []
    for n, lines in enumerate(pages, start=1):
        body = " ".join(lines)
        assert f"Page {n} of {total}" in body  # one run of page numbers through the sections
        exempt = "Commercial paragraph" in body or "Short." in body
        (marked if lines[0].startswith("NOT FOR PUBLICATION") else open_pages).append(n)
        assert lines[0].startswith("NOT FOR PUBLICATION") == exempt, (n, lines[:3])
    assert len(marked) >= 6  # two parts of several pages each, and Appendix 3
    assert not any(lines == [] or len(lines) <= 2 for lines in pages)  # no blank page at a section break


def test_a_welsh_council_cites_part_4_and_its_public_version_says_so(tmp_path):
    data = _multi_page(name="Cyngor Sir Ynys M\u00f4n", kind="welsh")
    for part in (data["sections"][1], data["appendices"][1]):
        part["exempt"]["paragraph"] = 14
    data["appendices"][2]["exempt"]["paragraph"] = 12
    doc = ldd_reports.loads(yaml.safe_dump(data, allow_unicode=True))
    assert doc.organisation.nation.value == "wales"
    full = tmp_path / "full.docx"
    ldd_reports.render(doc, full)
    texts = [p.text for p in open_docx(full).paragraphs]
    assert ("NOT FOR PUBLICATION by virtue of paragraph 14 of Part 4 of Schedule 12A to the Local Government Act "
            "1972") in texts
    assert open_docx(full).sections[1].header.paragraphs[0].text == MARK.format(14)
    public = every_byte(ldd_reports.render_bytes(doc, public=True))
    assert ("This appendix is not for publication by virtue of paragraph 12 of Part 4 of Schedule 12A to the Local "
            "Government Act 1972 (information relating to a particular individual).") in public


@pytest.mark.parametrize("kind, paragraph, says", [
    ("district", 14, "a council in England cites paragraphs 1-7"),
    ("welsh", 3, "a council in Wales cites paragraphs 12-18"),
    ("scottish", 3, "modelled for England and Wales"),
])
def test_a_paragraph_of_another_nations_part_is_refused_naming_the_field(kind, paragraph, says):
    data = minimal_report(organisation={"name": "A Council", "kind": kind},
                          appendices=[{"title": "Quote", "content": ["x"], "exempt": {"paragraph": paragraph}}])
    with pytest.raises(InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    [problem] = info.value.problems
    assert "appendices[0].exempt.paragraph" in str(problem) and says in str(problem)


def test_a_nation_that_contradicts_the_kind_is_refused():
    data = minimal_report(organisation={"name": "A Council", "kind": "welsh", "nation": "england"})
    with pytest.raises(InputError, match="contradicts kind"):
        ldd_reports.loads(yaml.safe_dump(data))


def test_a_template_first_page_header_stays_on_the_first_page_only():
    """A region's sections, and the sections after one, drop titlePg and a page-number restart."""
    from ldd_reports.word.sections import SectionBreaks, finish

    final = ('<w:sectPr><w:headerReference w:type="first" r:id="rIdFirst"/><w:pgNumType w:start="1"/>'
             '<w:titlePg/></w:sectPr>')
    breaks = SectionBreaks(final)
    start, end = breaks.start(False), breaks.end("NOT FOR PUBLICATION")
    assert final in start  # the first section keeps the template's own properties
    assert "titlePg" not in end and 'w:start="1"' not in end and 'r:id="rIdLddRegion1"' in end
    body = f"<w:body><w:p/>{start}<w:p><w:r><w:t>x</w:t></w:r></w:p>{end}<w:p><w:r><w:t>after</w:t></w:r></w:p>" \
           f"{final}</w:body>"
    out = finish(body.encode(), breaks).decode()
    last = out[out.rindex("<w:sectPr"):]
    assert "titlePg" not in last and 'w:start="1"' not in last  # the section after the region
    ending = finish(f"<w:body><w:p/>{start}<w:p><w:r><w:t>x</w:t></w:r></w:p>{end}{final}</w:body>".encode(),
                    breaks).decode()
    assert ending.count("<w:sectPr") == 2 and 'r:id="rIdLddRegion1"' in ending[ending.rindex("<w:sectPr"):]

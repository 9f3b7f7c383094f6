"""Rendered documents, reopened: text, styles, numbering, tables, fields and properties."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pytest

import ldd_reports
from ldd_reports import OutputExistsError

from conftest import ROOT, SAMPLE_NAMES, SEEDS, TOOLS, W, all_text, label_values, minimal_report, open_docx, part_xml, text_paths

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

FIDELITY = [
    ("warwickshire_cabinet_2020", "000_5cc4991259b097b3.txt", []),
    ("london_councils_executive_2019", "002_2042db1354dbdcc3.txt", ["--to", "Co-publishers"]),
    # The Conwy statement is printed after the Declaration in seed 003 (not 002, as issue 2 says).
    ("conwy_commitment_2019", "003_f3a1dd59cb6f8669.txt",
     ["--from", "Signed on behalf of Conwy County Borough Council"]),
]


@pytest.mark.parametrize("name,seed,extra", FIDELITY)
def test_seed_fidelity_at_least_097(rendered, name, seed, extra):
    out = subprocess.run([sys.executable, str(TOOLS / "seed_fidelity.py"), str(rendered[name]),
                          str(SEEDS / seed), *extra], capture_output=True, text=True, check=True)
    recall = float(re.search(r"recall ([0-9.]+)", out.stdout).group(1))
    assert recall >= 0.97, out.stdout


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_no_template_syntax_or_markup_leaks(rendered, name):
    text = all_text(rendered[name])
    for leak in ("{{", "{%", "**", "<u>", "</u>", "](http"):
        assert leak not in text, leak


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_core_properties_are_set_explicitly(rendered, name):
    cp = open_docx(rendered[name]).core_properties
    doc = ldd_reports.load(f"sample_inputs/{name}.yaml")
    assert cp.language == "en-GB"
    assert cp.title and doc.organisation.name in cp.subject
    assert cp.author and cp.author != "python-docx"
    assert "python-docx" not in (cp.comments or "")
    assert cp.keywords == "Local Digital Declaration"


def test_proofing_language_is_en_gb(rendered):
    styles = part_xml(rendered["warwickshire_cabinet_2020"], "word/styles.xml")
    assert re.search(r'<w:docDefaults>.*<w:lang w:val="en-GB"', styles, re.S)


def test_headings_use_heading_styles(rendered):
    d = open_docx(rendered["warwickshire_cabinet_2020"])
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["Executive Summary"] == "Heading 1"
    assert styles["Supporting Information"] == "Heading 1"
    assert styles["LDD Principles"] == "Heading 2"
    assert styles["Financial Implications"] == "Heading 1"
    assert styles["Local Digital Declaration"] == "Title"


def test_recommendations_are_a_numbered_list_that_restarts(rendered):
    path = rendered["warwickshire_cabinet_2020"]
    d = open_docx(path)
    recs = [p for p in d.paragraphs if p.text.startswith(("Agrees that", "Endorses the"))]
    assert [p.style.name for p in recs] == ["List Number", "List Number"]
    num_ids = {p._p.pPr.numPr.numId.val for p in recs}
    assert len(num_ids) == 1
    numbering = part_xml(path, "word/numbering.xml")
    num_id = num_ids.pop()
    assert re.search(rf'<w:num w:numId="{num_id}"><w:abstractNumId w:val="\d+"/><w:lvlOverride w:ilvl="0">'
                     r'<w:startOverride w:val="1"/>', numbering)


def test_numbered_lists_restart_under_each_paragraph_and_outside_numbered_paragraphs(tmp_path):
    data = minimal_report(sections=[
        {"title": "A", "content": ["first", {"numbered": ["a1", "a2"]}, "second", {"numbered": ["b1"]}]},
        {"title": "B", "numbered": False, "content": [{"numbered": ["c1", "c2"]}, {"numbered": ["d1"]}]}])
    out = tmp_path / "r.docx"
    ldd_reports.render(data, out)
    labels = dict((text, label) for label, text in ldd_reports.outline_of(ldd_reports.loads(json.dumps(data))).labelled())
    # In a numbered paragraph a list is its sub-items (a, b), restarting after the next paragraph;
    # outside numbered paragraphs each list is a list of its own, starting at 1.
    assert [labels[t] for t in ("first", "a1", "a2", "second", "b1")] == ["1.1", "a)", "b)", "1.2", "a)"]
    assert [labels[t] for t in ("c1", "c2", "d1")] == ["1.", "2.", "1."]
    d = open_docx(out)
    ids = {p.text: p._p.pPr.numPr.numId.val for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None}
    assert ids["a1"] == ids["first"] == ids["b1"]  # sub-levels of the paragraph numbering
    assert ids["c1"] == ids["c2"] != ids["d1"]
    assert ids["Agree that the Council signs the Local Digital Declaration."] not in (ids["c1"], ids["d1"])


def test_body_paragraphs_are_numbered_under_numbered_headings(rendered):
    d = open_docx(rendered["warwickshire_cabinet_2020"])
    para = next(p for p in d.paragraphs if p.text.startswith("The original declaration was co-authored"))
    assert para.style.name == "Numbered Paragraph"
    assert para._p.pPr.numPr is not None  # direct numbering too: LibreOffice ignores a style's level


def test_contacts_table_has_a_repeating_header_row(rendered):
    d = open_docx(rendered["warwickshire_cabinet_2020"])
    table = next(t for t in d.tables if t.rows[0].cells[1].text == "Name")
    assert table._tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None
    assert [c.text for c in table.rows[1].cells] == ["Report Author", "Spencer Payne",
                                                      "spencerpayne@warwickshire.gov.uk"]
    assert len(table.rows) == 5
    assert table.style.name == "Table Grid"


def test_executive_header_block_is_label_value_lines_not_a_table(rendered):
    d = open_docx(rendered["london_councils_executive_2019"])
    values = label_values(d)
    assert list(values) == ["Item", "Report by", "Job title", "Date", "Contact Officer", "Telephone", "Email",
                            "Summary", "Recommendations"]
    assert values["Item"] == "6"
    assert values["Summary"].startswith("This report outlines the terms")
    # No layout table: the first table a screen reader meets is a data table.
    assert all(t.rows[0].cells[0].text != "Item" for t in d.tables)
    email = next(p for p in d.paragraphs if p.text.startswith("Email\t"))
    link = email._p.find(f"{W}hyperlink")
    assert link is not None  # a mailto link, its text the address as written
    rel = d.part.rels[link.get(f"{{{RELS}}}id")]
    assert rel.target_ref == "mailto:guy.ware@londoncouncils.gov.uk"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_footer_has_page_field(rendered, name):
    footer = open_docx(rendered[name]).sections[0].footer
    instr = [e.text for e in footer._element.iter(f"{W}instrText")]
    assert any(t.strip() == "PAGE" for t in instr)
    assert any(t.strip() == "NUMPAGES" for t in instr)


def test_header_names_the_organisation(rendered):
    header = open_docx(rendered["london_councils_executive_2019"]).sections[0].header
    assert header.paragraphs[0].text.startswith("London Councils")
    assert "DRAFT" not in header.paragraphs[0].text


def test_links_are_real_hyperlinks(rendered):
    path = rendered["london_councils_executive_2019"]
    rels = part_xml(path, "word/_rels/document.xml.rels")
    assert 'Target="https://localdigital.gov.uk/declaration/" TargetMode="External"' in rels
    assert "<w:hyperlink " in part_xml(path, "word/document.xml")


def test_footnote_is_a_real_footnote(rendered):
    path = rendered["london_councils_executive_2019"]
    assert "<w:footnoteReference " in part_xml(path, "word/document.xml")
    notes = part_xml(path, "word/footnotes.xml")
    assert "Brent, Camden, Croydon" in notes and "Kensington &amp; Chelsea" in notes


def test_declaration_appendix_lettered_a_to_m(rendered):
    d = open_docx(rendered["london_councils_executive_2019"])
    lettered = [p for p in d.paragraphs if p.style.name == "List Letter"]
    assert len(lettered) == 13
    assert len({p._p.pPr.numPr.numId.val for p in lettered}) == 1  # A-F then G-M: one list
    assert lettered[0].text.startswith("Make sure that digital expertise")


def test_inline_markup_becomes_word_formatting(tmp_path):
    data = minimal_report(sections=[{"title": "A", "content": ["a **bold** b *it* c ++under++ d"]}])
    out = tmp_path / "m.docx"
    ldd_reports.render(data, out)
    para = next(p for p in open_docx(out).paragraphs if p.text.startswith("a bold"))
    runs = {r.text: r for r in para.runs}
    assert para.text == "a bold b it c under d"
    assert runs["bold"].bold and runs["it"].italic and runs["under"].underline
    assert not runs["a "].bold


SPECIAL = 'Fish & Chips <b>not bold</b> "quoted" \'single\' {{ x }} {% if y %} {%p z %} ]]> Llanfairpwll ŵŷ Cymraeg 😀 עברית'


def test_special_characters_come_out_literally(tmp_path):
    data = minimal_report(text_format="plain", title=SPECIAL,
                          organisation={"name": SPECIAL, "kind": "district"},
                          sections=[{"title": SPECIAL, "content": [SPECIAL, {"bullets": [SPECIAL]}]}])
    out = tmp_path / "s.docx"
    ldd_reports.render(data, out)
    d = open_docx(out)
    texts = [p.text for p in d.paragraphs]
    assert texts.count(SPECIAL) >= 3  # title, heading, paragraph (+ bullet)
    header = d.sections[0].header.paragraphs[0].text.rstrip("\t")
    assert header.endswith("\u2026") and SPECIAL.startswith(header[:-1])  # fitted to one line, cut at a word
    assert d.core_properties.title == SPECIAL  # not double-escaped
    assert SPECIAL in d.core_properties.subject


def test_a_name_cut_to_fit_the_running_header_is_printed_in_full_on_the_first_page(tmp_path):
    long = "The Council of the Royal Borough and City of Somewhere Far Longer Than Any Council Name Is " * 2
    out = tmp_path / "long.docx"
    ldd_reports.render(minimal_report(organisation={"name": long.strip(), "kind": "district"}), out,
                       house_style="executive")
    d = open_docx(out)
    assert d.sections[0].header.paragraphs[0].text.split("\t")[0].endswith("\u2026")  # cut to one line
    assert d.paragraphs[0].text == long.strip() and d.paragraphs[0].style.name == "Subtitle"
    short = tmp_path / "short.docx"
    ldd_reports.render(minimal_report(), short, house_style="executive")
    assert open_docx(short).paragraphs[0].text != minimal_report()["organisation"]["name"]  # fits: not repeated


def test_newlines_break_lines_and_blank_lines_split_paragraphs(tmp_path):
    data = minimal_report(sections=[{"title": "A", "content": ["one\ntwo\n\nthree"]}])
    out = tmp_path / "n.docx"
    ldd_reports.render(data, out)
    d = open_docx(out)
    texts = [p.text for p in d.paragraphs]
    assert "one\ntwo" in texts and "three" in texts


def test_render_to_a_binary_stream():
    buf = io.BytesIO()
    ldd_reports.render(ldd_reports.load("sample_inputs/conwy_commitment_2019.yaml"), buf)
    buf.seek(0)
    d = open_docx(buf)
    assert d.paragraphs[0].text == "Signed on behalf of Conwy County Borough Council"
    assert any(p.text == "Date: March 20 2019" for p in d.paragraphs)


def test_render_accepts_a_plain_dict(tmp_path):
    out = tmp_path / "d.docx"
    ldd_reports.render(json.loads(json.dumps(minimal_report())), out)
    assert "Background" in [p.text for p in open_docx(out).paragraphs]


def test_existing_output_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "x.docx"
    out.write_bytes(b"clerk's edits")
    with pytest.raises(OutputExistsError):
        ldd_reports.render(minimal_report(), out)
    assert out.read_bytes() == b"clerk's edits"
    ldd_reports.render(minimal_report(), out, force=True)
    assert open_docx(out).paragraphs


def test_default_template_follows_the_decision_body(rendered):
    exec_doc = open_docx(rendered["london_councils_executive_2019"])
    cab_doc = open_docx(rendered["warwickshire_cabinet_2020"])
    assert list(label_values(exec_doc))[1] == "Report by"
    assert cab_doc.paragraphs[0].text == "Cabinet"


def test_implication_none_renders_the_standard_sentence(tmp_path):
    data = minimal_report(sections=[{"type": "implications", "title": "Resources", "items": [
        {"kind": "health", "none": True}, {"kind": "financial", "content": ["Costs are met from budgets."]}]}])
    out = tmp_path / "i.docx"
    ldd_reports.render(data, out)
    d = open_docx(out)
    styles = {p.text: p.style.name for p in d.paragraphs}
    assert styles["Resources"] == "Heading 1"
    assert styles["Health Implications"] == "Heading 2"
    assert "There are no health implications arising from this report." in styles


@pytest.mark.parametrize("style", ldd_reports.house_style_names())
def test_no_house_style_drops_any_field(tmp_path, style):
    """Every officer-written value of a report that sets every field is in the output, in every house style."""
    from ldd_reports.content.dates import format_date
    from ldd_reports.markup import parse

    doc = ldd_reports.load(ROOT / "tests" / "fixtures" / "every_field.yaml")
    out = tmp_path / f"{style}.docx"
    ldd_reports.render(doc, out, house_style=style)
    text = all_text(out)
    data = doc.model_dump(mode="json")
    missing = []
    for path in text_paths(data):
        value = data
        for part in path:
            value = value[part]
        plain = "".join(s.text for s in parse(value))
        if plain not in text:
            missing.append((path, plain))
    assert missing == []
    for date in (doc.meeting.date, doc.report_date):
        assert format_date(date, doc.date_format) in text


def test_plain_text_format_holds_inside_standard_paragraphs_that_quote_the_name(tmp_path):
    from conftest import all_text

    name = "Evil [click](https://evil.example) **Council**"
    for text_format, linked in (("plain", False), ("markup", True)):
        data = minimal_report(text_format=text_format, recommendations={"items": [{"standard": "sign"}]})
        data["organisation"]["name"] = name
        out = tmp_path / f"{text_format}.docx"
        ldd_reports.render(ldd_reports.loads(__import__("json").dumps(data), "json"), out)
        text = all_text(out)
        rels = part_xml(out, "word/_rels/document.xml.rels")
        assert ("evil.example" in rels) is linked
        if not linked:  # the name comes out as typed where the library's own recommendation quotes it
            assert f"Agrees that {name} signs the Local Digital Declaration." in text


def test_every_indent_in_every_sample_is_a_number_word_accepts(tmp_path):
    """A Declaration paragraph once carried its numbering tuple as its indent: invalid OOXML Word refuses."""
    import re as _re

    from conftest import SAMPLES, part_xml

    seen = 0
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = ldd_reports.load(path)
        for language in doc.languages or [doc.language]:  # a bilingual sample: each version
            out = tmp_path / f"{path.stem}.{language}.docx"
            ldd_reports.render(doc, out, draft=True, language=language)
            xml = part_xml(out, "word/document.xml")
            values = _re.findall(r'<w:(?:ind|spacing)\b[^>]*?w:(?:left|right|hanging|firstLine|before|after)="([^"]*)"',
                                 xml)
            bad = [v[:60] for v in values if not _re.fullmatch(r"-?\d+", v)]
            assert bad == [], path.name
            seen += len(values)
    assert seen > 10  # the samples do set indents and spacing

"""The layout check: each rule fires on a document made to break it, and is silent on every paper we write."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.shared import Pt

import ldd_reports
from ldd_reports.cli import main
from ldd_reports.outputs.layout import LayoutFinding, check_layouts, check_pdf
from ldd_reports.outputs.pdf import PdfError

from conftest import SAMPLES, needs_soffice

RECORDS = ["cabinet_member_decision_2026", "committee_policy_resources_2026", "continuous_cabinet_2026",
           "front_sheet_cabinet_2026", "officer_decision_2026"]


def _touching(document: docx.document.Document) -> None:
    line = document.add_paragraph()
    line.add_run("Report Author").bold = True
    line.add_run("Tom Hughes")  # no tab, no space: the label runs into its value
    document.add_paragraph("Agenda item 5")


def _label_past_its_column(document: docx.document.Document) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT

    line = document.add_paragraph()
    line.paragraph_format.left_indent, line.paragraph_format.first_line_indent = Pt(136), Pt(-136)
    line.paragraph_format.tab_stops.add_tab_stop(Pt(136), WD_TAB_ALIGNMENT.LEFT)
    line.add_run("Options considered and rejected").bold = True  # wider than the 136pt column
    line.add_run("\tNot signing: rejected, because the Council would lose access to the community of signatories.")


def _split_word(document: docx.document.Document) -> None:
    document.add_paragraph("Contact: " + "digital.programme.office.of.the.chief.executive" * 2 + "@example.gov.uk")


def _stranded_heading(document: docx.document.Document) -> None:
    document.add_paragraph("Body text.")
    document.add_heading("First action", 1)
    document.add_paragraph("On the next page.").paragraph_format.page_break_before = True


def _stranded_lead_in(document: docx.document.Document) -> None:
    document.add_paragraph("Options include:")
    document.add_paragraph("one option", style="List Bullet").paragraph_format.page_break_before = True
    document.add_paragraph("another", style="List Bullet")


def _table(document: docx.document.Document, rows: list[list[str]], header: bool = True):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, rows):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    if header:  # a repeating header row: LibreOffice tags its cells TH
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return table


def _broken_table(document: docx.document.Document) -> None:
    document.add_paragraph("Before the table.")
    table = _table(document, [[f"Step {i}", f"Month {i}"] for i in range(4)], header=False)
    for row in table.rows:
        row.height = Pt(250)  # four rows taller than a page


def _empty_column(document: docx.document.Document) -> None:
    _table(document, [["Role", "Name", "Contact Information"], ["Report of", "Chief Digital Officer", ""],
                      ["Report Author", "Head of Digital", ""]])


def _same_person(document: docx.document.Document) -> None:
    _table(document, [["Role", "Name", "Contact Information"], ["Report of", "Sam Okafor", "01632 960 417"],
                      ["Report Author", "Sam Okafor", "sam@example.gov.uk"]])


def _against_the_border(document: docx.document.Document) -> None:
    _table(document, [["Meeting", "Date"], ["Cabinet", "10 December 2026"]])
    document.add_paragraph("The report was circulated to members.")  # no space above it


def _wrapping_header(document: docx.document.Document) -> None:
    document.sections[0].header.paragraphs[0].text = "Cabinet, the Local Digital Declaration and what it asks " * 3
    document.add_paragraph("Body.")


BROKEN = {"label_touches_value": (_touching, "Report AuthorTom Hughes"),
          "value_misaligned": (_label_past_its_column, "Options considered and rejected"),
          "word_split": (_split_word, "@example.gov.uk"), "stranded_heading": (_stranded_heading, "First action"),
          "stranded_lead_in": (_stranded_lead_in, "Options include:"),
          "table_split": (_broken_table, "Step 0"), "empty_column": (_empty_column, "Contact Information"),
          "repeated_person": (_same_person, "Sam Okafor"),
          "text_against_table": (_against_the_border, "The report was circulated"),
          "header_wraps": (_wrapping_header, "Cabinet, the Local")}


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> dict[str, list[LayoutFinding]]:
    folder = tmp_path_factory.mktemp("broken")
    paths = {}
    for code, (make, _) in BROKEN.items():
        document = docx.Document()
        make(document)
        paths[code] = folder / f"{code}.docx"
        document.save(str(paths[code]))
    results = check_layouts(list(paths.values()))
    return {code: results[str(path)] for code, path in paths.items()}  # type: ignore[misc]


@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("code", BROKEN)
def test_each_rule_fires_on_a_document_made_to_break_it_naming_the_page_and_the_text(broken, code):
    found = broken[code]
    assert [f.code for f in found] == [code], found  # that rule, and no other
    finding = found[0]
    assert finding.page == 1 and finding.field == "page 1" and finding.severity == "error"
    assert BROKEN[code][1].split("@")[0][:15] in finding.text or BROKEN[code][1] in finding.text
    assert f"page 1: {finding.message}" in str(finding)


@pytest.fixture(scope="module")
def ours(tmp_path_factory) -> dict[str, object]:
    """Every sample, every sample's record, and a batch paper, as the library writes them."""
    folder = tmp_path_factory.mktemp("ours")
    paths = []
    for sample in sorted(SAMPLES.glob("*.yaml")):
        doc = ldd_reports.load(sample)
        for language in doc.languages or [doc.language]:  # a bilingual sample: each version
            paths.append(folder / f"{sample.stem}.{language}.docx")
            ldd_reports.render(doc, paths[-1], language=language)
        if sample.stem in RECORDS:
            paths.append(folder / f"{sample.stem}_record.docx")
            ldd_reports.render(ldd_reports.load(sample), paths[-1], record=True)
    rows = [{"organisation.name": "King's Lynn and West Norfolk Borough Council", "organisation.kind": "district"}]
    result = ldd_reports.render_many(SAMPLES / "batch_base.yaml", [(2, row) for row in rows], folder / "batch",
                                     workers=1)
    assert result.ok, result.failures
    paths += result.written
    assert len(paths) == 13 + 5 + 1  # 11 samples, two of them in two languages; 5 records; a batch paper
    return check_layouts(paths)  # type: ignore[return-value]


@needs_soffice
@pytest.mark.libreoffice
def test_the_layout_check_finds_nothing_on_any_sample_record_or_batch_paper(ours):
    assert {name: found for name, found in ours.items() if found} == {}


def test_an_untagged_pdf_is_refused_with_the_reason():
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    data = io.BytesIO()
    pdf.save(data)
    with pytest.raises(PdfError, match="not tagged"):
        check_pdf(data.getvalue())


def test_without_pdfplumber_the_check_names_the_extra_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(__import__("sys").modules, "pdfplumber", None)  # import fails as if not installed
    with pytest.raises(PdfError, match=r"ldd-reports\[layout\]"):
        check_pdf(b"%PDF-1.7")


def test_the_command_refuses_what_it_cannot_read_with_exit_1(tmp_path, capsys):
    (tmp_path / "paper.txt").write_text("not a document")
    assert main(["check-layout", str(tmp_path / "paper.txt"), str(tmp_path / "missing.docx"), "--format",
                 "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report[str(tmp_path / "paper.txt")][0]["message"] == "the layout check reads a .docx or a .pdf"
    assert report[str(tmp_path / "missing.docx")][0]["code"] == "not_checked"


@needs_soffice
@pytest.mark.libreoffice
def test_the_command_exits_1_on_a_finding_and_0_on_a_clean_paper(tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    document = docx.Document()
    _stranded_heading(document)
    document.save(str(bad))
    good = tmp_path / "good.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / "warwickshire_cabinet_2020.yaml"), good)
    assert main(["check-layout", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "page 1: a heading is the last line of the page: 'First action' [stranded_heading]" in out
    pdf = tmp_path / "good.pdf"
    ldd_reports.render(ldd_reports.load(SAMPLES / "warwickshire_cabinet_2020.yaml"), pdf)  # our tagged PDF is read as it is
    assert main(["check-layout", str(good), str(pdf), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {str(good): [], str(pdf): []}
    assert not (tmp_path / "bad.pdf").exists()  # LibreOffice's PDF went to a folder of its own
    assert Path(good).stat().st_size > 0

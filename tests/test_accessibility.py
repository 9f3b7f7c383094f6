"""check-docx: each planted accessibility fault is found where it is; samples and house styles are clean."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

import ldd_reports
from ldd_reports import check_docx, house_style_names
from ldd_reports.cli import main

from conftest import SAMPLES, minimal_report
from docx_fixtures import build

P = build.p
TITLE, H1, H2, H3 = (P("Paper title", "Title"), P("Background", "Heading1"), P("Detail", "Heading2"),
                     P("Deeper", "Heading3"))
CLEAN = TITLE + H1 + P("Some text.", "BodyText") + H2 + P("More text.", "BodyText")
HEADER_ROW = '<w:trPr><w:tblHeader/></w:trPr>'


def table(header: bool) -> str:
    rows = "".join(f'<w:tr>{HEADER_ROW if header and r == 0 else ""}<w:tc><w:p><w:r><w:t>cell {r}</w:t></w:r></w:p>'
                   "</w:tc></w:tr>" for r in range(2))
    return f"<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


def image(descr: str | None) -> str:
    attr = f' descr="{descr}"' if descr is not None else ""
    return ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
            f'wordprocessingDrawing"><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="Logo"{attr}/></wp:inline>'
            "</w:drawing></w:r></w:p>")


def link(text: str) -> str:
    return f'<w:p><w:hyperlink r:id="rIdX"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink></w:p>'


def run(text: str, rpr: str) -> str:
    return f'<w:p><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx(body: str, *, title: str | None = "Paper title", language: bool = True) -> bytes:
    """The cabinet template's package with this body, title and language (a hand-edited file, in effect)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build.build("cabinet_report"))) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename).decode("utf-8")
            if item.filename == "word/document.xml":
                data = data[:data.index("<w:body>") + 8] + body + data[data.index("<w:sectPr>"):]
            elif item.filename == "docProps/core.xml":
                start, end = data.index("<dc:title>"), data.index("</dc:title>") + len("</dc:title>")
                data = data[:start] + (f"<dc:title>{title}</dc:title>" if title else "") + data[end:]
                if not language:
                    data = data.replace("<dc:language>en-GB</dc:language>", "")
            elif item.filename == "word/styles.xml" and not language:
                data = data.replace('<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>', "")
            dst.writestr(item, data.encode("utf-8"))
    return out.getvalue()


def codes(data: bytes) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for f in check_docx(data):
        found.setdefault(f.code, []).append(f.field)
    return found


def test_a_clean_document_has_no_findings():
    assert check_docx(docx(CLEAN)) == []


@pytest.mark.parametrize("fault,body,kwargs,code,where", [
    ("no title", CLEAN, {"title": None}, "no_title", "document properties"),
    ("no language", CLEAN, {"language": False}, "no_language", "document properties"),
    ("skipped heading level", TITLE + H1 + H3, {}, "heading_skipped", 'paragraph 3 "Deeper"'),
    ("first heading not level 1", H2 + P("Text", "BodyText"), {}, "first_heading", 'paragraph 1 "Detail"'),
    ("table without header row", CLEAN + table(False) + P("After.", "BodyText"), {}, "table_header",
     'table 1 "cell 0"'),
    ("image without alt text", CLEAN + image(None), {}, "image_alt", 'image 1 "Logo"'),
    ("empty spacing paragraph", TITLE + H1 + P("One.", "BodyText") + P("") + P("Two.", "BodyText"), {},
     "empty_paragraph", "paragraph 4 (empty)"),
    ("click here", CLEAN + link("click here"), {}, "link_text", 'paragraph 6 "click here"'),
    ("bare address as link text", CLEAN + link("https://example.org/a"), {}, "link_address",
     'paragraph 6 "https://example.org/a"'),
    ("address not a link", CLEAN + P("Write to jo@example.gov.uk today.", "BodyText"), {}, "unlinked_address",
     'paragraph 6 "Write to jo@example.gov.uk today."'),
    ("pale text", CLEAN + run("Faint words", '<w:color w:val="BBBBBB"/>'), {}, "contrast",
     'paragraph 6 "Faint words"'),
    ("text on a dark highlight", CLEAN + run("Hidden words", '<w:highlight w:val="darkBlue"/>'), {}, None, None),
    ("typed list number", CLEAN + P("1. First thing", "BodyText"), {}, "typed_list", 'paragraph 6 "1. First thing"'),
    ("typed bullet", CLEAN + P("\u2022 A point", "BodyText"), {}, "typed_list", 'paragraph 6 "\u2022 A point"'),
])
def test_each_planted_fault_is_found_where_it_is(fault, body, kwargs, code, where):
    found = codes(docx(body, **kwargs))
    if code is None:  # auto-coloured text on a dark highlight is white: readable, no finding
        assert found == {}, fault
        return
    assert list(found) == [code], fault
    assert found[code] == [where], fault


def test_text_on_a_pale_highlight_with_pale_colour_is_a_contrast_error():
    found = check_docx(docx(CLEAN + run("Yellow on yellow", '<w:color w:val="FFFF00"/><w:highlight w:val="yellow"/>')))
    assert [(f.code, f.severity) for f in found] == [("contrast", "error")]
    assert "1.0:1" in found[0].message


def test_empty_paragraphs_word_needs_are_not_findings():
    body = ("<w:p><w:pPr><w:sectPr/></w:pPr></w:p>" + CLEAN  # a section break
            + table(True) + P("") + table(True).replace("cell 0", "other 0") + P(""))  # between tables, at the end
    assert codes(docx(body.replace("<w:p><w:r><w:t>cell 1</w:t></w:r></w:p>", "<w:p/>"))) == {}  # an empty cell


def test_an_alt_text_or_decorative_image_passes():
    assert codes(docx(CLEAN + image("The council's crest"))) == {}


@pytest.mark.parametrize("name", sorted(p.stem for p in SAMPLES.glob("*.yaml")))
def test_every_sample_output_has_no_findings(name):
    doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
    for language in doc.languages or [doc.language]:  # a bilingual sample: each version
        assert check_docx(ldd_reports.render_bytes(doc, language=language)) == []
        assert check_docx(ldd_reports.render_bytes(doc, draft=True, language=language)) == []


@pytest.mark.parametrize("style", house_style_names())
def test_every_house_style_renders_with_no_findings(tmp_path, style):
    data = minimal_report(contacts=[{"role": "Report Author", "name": "Jo Evans", "email": "jo@example.gov.uk",
                                     "telephone": "01234 567890"},
                                    {"role": "Lead Director", "name": "Sam Lee", "job_title": "Director"}],
                          wards_affected="All", key_decision=True, forward_plan_reference="2026/1",
                          classification="Public", report_of={"name": "Alex Morgan", "job_title": "Director"},
                          appendices=[{"title": "Notes", "content": ["An appendix."]}],
                          delegation="Scheme of Delegation, paragraph 4")
    doc = ldd_reports.loads(json.dumps(data), format="json")
    assert check_docx(ldd_reports.render_bytes(doc, house_style=style)) == []
    assert check_docx(ldd_reports.render_bytes(doc, house_style=style, draft=True)) == []


def test_cli_reports_findings_with_where_and_exits_1_on_errors(tmp_path, capsys):
    bad, good = tmp_path / "bad.docx", tmp_path / "good.docx"
    bad.write_bytes(docx(TITLE + H1 + H3, title=None))
    good.write_bytes(docx(CLEAN))
    assert main(["check-docx", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: 0 error(s), 0 warning(s)\n"
    assert main(["check-docx", str(bad), str(good), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for f in report[str(bad)]] == ["no_title", "heading_skipped"]
    assert report[str(bad)][1]["field"] == 'paragraph 3 "Deeper"' and report[str(good)] == []
    (tmp_path / "not.docx").write_text("not a zip")
    assert main(["check-docx", str(tmp_path / "not.docx")]) == 1
    assert "not a Word document" in capsys.readouterr().err


def test_a_warning_alone_exits_0(tmp_path):
    path = tmp_path / "w.docx"
    path.write_bytes(docx(CLEAN + P("1. Typed", "BodyText")))
    assert main(["check-docx", str(path)]) == 0


def test_check_docx_reads_paths_bytes_and_streams(rendered):
    path = rendered["warwickshire_cabinet_2020"]
    data = Path(path).read_bytes()
    assert check_docx(path) == check_docx(data) == check_docx(io.BytesIO(data)) == []

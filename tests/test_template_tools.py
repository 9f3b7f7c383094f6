"""A council's own template: init, check (each problem with where it is), LibreOffice-saved templates."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest

import ldd_reports
from ldd_reports import TemplateError
from ldd_reports.cli import main
from ldd_reports.templating.check import check_template

from conftest import ROOT, minimal_report, open_docx
from docx_fixtures import build, make_template

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def codes(findings):
    return {(f.severity, f.code) for f in findings}


def test_init_copies_a_built_in_template_that_checks_clean(tmp_path, capsys):
    out = tmp_path / "ours.docx"
    assert main(["template", "init", "--from", "council_report", "-o", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "report_templates" / "council_report.docx").read_bytes()
    assert main(["template", "init", "--from", "council_report", "-o", str(out)]) == 1  # no overwrite
    assert main(["template", "check", str(out), "--house-style", "continuous"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out


def test_check_names_unknown_variables_with_did_you_mean(tmp_path):
    body = (build.p("{{ doc.titel }}") + build.p("{{ doc.meeting.bdy }}") + build.p("{{ fragments.bodyy }}")
            + build.p("{{ docs.title }}"))
    found = check_template(make_template(tmp_path, body))
    messages = [f.message for f in found if f.code == "unknown_variable"]
    assert any("'titel'" in m and "did you mean 'title'" in m for m in messages)
    assert any("meeting has no field 'bdy'" in m and "'body'" in m for m in messages)
    assert any("no fragment 'bodyy'" in m and "'body'" in m for m in messages)
    assert any("unknown variable 'docs'" in m and "'doc'" in m for m in messages)
    assert all(f.field.startswith("word/document.xml") for f in found if f.code == "unknown_variable")


def test_check_finds_parts_never_shown_and_render_refuses_them(tmp_path):
    template = make_template(tmp_path, build.p("{{p fragments.header_block }}") + build.p("{{p fragments.body }}"),
                             paper=False)
    missing = {f.message.split("paper's ")[1].split(" ")[0] for f in check_template(template)
               if f.code == "part_not_shown"}
    assert {"summary", "recommendations", "background_papers", "contacts", "appendices"} <= missing
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    assert "never shows the paper's recommendations" in str(info.value)
    assert "header_block" not in str(info.value).split("never shows")[1].split("(")[0]


def test_check_finds_split_tags_unbalanced_blocks_and_missing_styles(tmp_path):
    split = ('<w:p><w:r><w:t xml:space="preserve">{{ doc.ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
             '<w:t>tle }}</w:t></w:r></w:p>')
    template = make_template(tmp_path, build.p("intro") + split + build.p("{% if draft %}open"),
                             drop_style="ListNumber")
    found = check_template(template)
    by_code = {f.code: f for f in found}
    assert by_code["split_tag"].severity == "warning" and "paragraph 2" in by_code["split_tag"].field
    assert by_code["syntax"].severity == "error" and "line" in by_code["syntax"].field
    assert by_code["missing_style"].message == "no style named 'List Number' (styles are found by name)"
    assert main(["template", "check", str(template)]) == 1


def test_check_warns_when_style_numbering_cannot_show_the_house_style_labels():
    found = check_template(ROOT / "report_templates" / "cabinet_report.docx", "continuous")
    [warning] = [f for f in found if f.code == "list_definition"]
    assert "Numbered Paragraph" in warning.field and "'%1.%2'" in warning.message and "'%1.'" in warning.message
    assert not [f for f in check_template(ROOT / "report_templates" / "cabinet_report.docx", "cabinet")
                if f.code == "list_definition"]


def test_styles_are_found_by_name_not_id(tmp_path):
    """A template whose style ids differ (as LibreOffice writes them) still renders with the right styles."""
    source = build.build("council_report")
    out = tmp_path / "renamed.docx"
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:styleId="NumberedParagraph"', b'w:styleId="Numbered_20_Paragraph"')
            dst.writestr(item, data)
    doc = tmp_path / "paper.docx"
    ldd_reports.render(minimal_report(), doc, out)
    para = next(p for p in open_docx(doc).paragraphs if p.text == "A paragraph.")
    assert para.style.name == "Numbered Paragraph"


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
@pytest.mark.parametrize("name", ["cabinet_report", "council_report", "executive_report"])
def test_built_in_template_saved_by_libreoffice_still_renders(tmp_path, name):
    shutil.copy(ROOT / "report_templates" / f"{name}.docx", tmp_path / "in.docx")
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
                    str(tmp_path / "in.docx")], check=True, capture_output=True, timeout=180)
    saved = tmp_path / "saved" / "in.docx"
    assert saved.read_bytes() != (tmp_path / "in.docx").read_bytes()
    out = tmp_path / "london.docx"  # London's paper has a footnote: LibreOffice dropped the empty footnotes part
    ldd_reports.render(ldd_reports.load(ROOT / "sample_inputs" / "london_councils_executive_2019.yaml"), out, saved)
    d = open_docx(out)
    assert any(p.text.startswith("In July 2018, local authorities") and p.style.name == "Numbered Paragraph"
               for p in d.paragraphs)
    with zipfile.ZipFile(out) as z:
        assert b"Brent, Camden" in z.read("word/footnotes.xml")

"""Templates: rebuilt from code, found by name, checked against the model, rendered in a sandbox."""

from __future__ import annotations

import io
import zipfile

import pytest

import ldd_reports
from ldd_reports import TemplateError
from ldd_reports.templating.templates import default_template, list_templates, templates_dir

from conftest import ROOT, minimal_report, open_docx, part_xml
from docx_fixtures import build, make_template

def test_checked_in_templates_match_their_build_script():
    for name in build.TEMPLATES:
        checked_in = (ROOT / "report_templates" / f"{name}.docx").read_bytes()
        assert checked_in == build.build(name), f"{name}.docx is stale: run make templates"


def test_the_built_in_templates_ship_patched_and_render_without_loading_docxtpl(tmp_path):
    """report_templates/patched.json is their parts as docxtpl patches them now; a render of every built-in
    template reads it and never imports docxtpl (or python-docx), while a council's own template is patched."""
    import subprocess
    import sys

    from ldd_reports.templating.templates import patched_file

    assert (ROOT / "report_templates" / "patched.json").read_text("utf-8") == patched_file(), \
        "report_templates/patched.json is stale: run make templates"
    own = make_template(tmp_path, build.p("{{p fragments.paper }}"), paper=False, name="own.docx")
    code = ("import sys, ldd_reports\n"
            "for name in sys.argv[2:]:\n"
            "    ldd_reports.render_bytes(ldd_reports.load(name), draft=True)\n"
            "print('BUILT-IN', 'docxtpl' in sys.modules, 'docx' in sys.modules)\n"
            "ldd_reports.render_bytes(ldd_reports.load(sys.argv[2]), sys.argv[1], draft=True)\n"
            "print('OWN', 'docxtpl' in sys.modules)\n")
    samples = [str(ROOT / "sample_inputs" / f"{name}.yaml") for name in (
        "warwickshire_cabinet_2020", "london_councils_executive_2019", "conwy_commitment_2019",
        "committee_policy_resources_2026")]
    done = subprocess.run([sys.executable, "-c", code, str(own), *samples], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split("\n")[:2] == ["BUILT-IN False False", "OWN True"], done.stdout + done.stderr


def test_build_check_mode_detects_a_stale_file(tmp_path, capsys):
    from ldd_reports.templating.templates import patched_file

    for name in build.TEMPLATES:
        (tmp_path / f"{name}.docx").write_bytes(build.build(name))
    (tmp_path / "patched.json").write_bytes(patched_file().encode())
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "cabinet_report.docx").write_bytes(b"edited by hand")
    assert build.main(["--check", "--out", str(tmp_path)]) == 1
    assert "cabinet_report.docx" in capsys.readouterr().err


def test_built_in_templates_are_listed_with_descriptions():
    names = {t.name: t.description for t in list_templates()}
    assert set(names) == {"cabinet_report", "council_report", "executive_report", "commitment_statement"}
    assert all(names.values())
    assert templates_dir().is_dir()


def test_default_template_by_document_kind():
    assert default_template(ldd_reports.load("sample_inputs/conwy_commitment_2019.yaml")) == "commitment_statement"
    assert default_template(ldd_reports.load("sample_inputs/london_councils_executive_2019.yaml")) == "executive_report"
    assert default_template(ldd_reports.load("sample_inputs/warwickshire_cabinet_2020.yaml")) == "cabinet_report"


def test_template_chosen_by_name_or_path(tmp_path):
    report = ldd_reports.loads(__import__("yaml").safe_dump(minimal_report()))
    by_name, by_path = tmp_path / "a.docx", tmp_path / "b.docx"
    ldd_reports.render(report, by_name, "executive_report")
    ldd_reports.render(report, by_path, templates_dir() / "executive_report.docx")
    for out in (by_name, by_path):
        # executive_report's styles number Numbered Paragraph 1, 2, 3 (cabinet_report's 1.1)
        styles = part_xml(out, "word/styles.xml")
        para = styles[styles.index('w:styleId="NumberedParagraph"'):]
        assert '<w:ilvl w:val="0"/>' in para[:para.index("</w:style>")]


def test_unknown_template_name_lists_the_known_ones():
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), "no_such_template")
    assert "cabinet_report" in str(info.value)


def test_sandbox_blocks_class_walking(tmp_path):
    template = make_template(tmp_path, build.p("{{ ''.__class__.__mro__ }}"))
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), out, template)
    assert "t" in info.value.template and not out.exists()


def test_undefined_variable_is_a_template_error(tmp_path):
    template = make_template(tmp_path, build.p("{{ doc.no_such_field }}"))
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    assert "no_such_field" in str(info.value)


def test_syntax_error_names_template_tag_and_line(tmp_path):
    template = make_template(tmp_path, build.p("fine") + build.p("{% if doc.title %}unclosed"))
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    err = info.value
    assert err.template == "t.docx" and err.line is not None
    assert "word/document.xml" in str(err)


def test_template_missing_a_required_style_is_refused(tmp_path):
    template = make_template(tmp_path, build.p("{{p fragments.paper }}"), drop_style="ListNumber")
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), template)
    assert "List Number" in str(info.value)


def test_tag_split_across_runs_still_works(tmp_path):
    split = ('<w:p><w:r><w:t xml:space="preserve">Org: {{ doc.organ</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
             '<w:t>isation.name }}</w:t></w:r></w:p>')
    template = make_template(tmp_path, split)
    out = tmp_path / "split.docx"
    ldd_reports.render(minimal_report(), out, template)
    assert open_docx(out).paragraphs[0].text == "Org: Rugby Borough Council"


def test_not_a_docx_is_a_template_error(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), fake)
    assert "not a Word document" in str(info.value)


def test_zip_with_path_traversal_is_refused(tmp_path):
    bad = tmp_path / "evil.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("../../outside.txt", "x")
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), bad)
    assert "unsafe part name" in str(info.value)


def test_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/big.bin", b"\0" * (60 * 1024 * 1024))
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), bomb)
    assert "zip bomb" in str(info.value)


def test_oversized_template_file_is_refused(tmp_path, monkeypatch):
    from ldd_reports.templating import templates

    big = make_template(tmp_path, build.p("{{p fragments.paper }}"), name="big.docx")
    monkeypatch.setattr(templates, "MAX_TEMPLATE_BYTES", big.stat().st_size - 1)
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), io.BytesIO(), big)
    assert "larger than" in str(info.value) and info.value.template == "big.docx"

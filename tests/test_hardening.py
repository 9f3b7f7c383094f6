"""Hardening round three (issue 19): each case a new user or the red team broke, reproduced and held."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ldd_reports
from ldd_reports import batch
from ldd_reports.word import package
from ldd_reports.outputs import pdf
from ldd_reports.checks.accessibility import check_docx
from ldd_reports.errors import InputError, LddReportsError
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.limits import LimitExceeded
from ldd_reports.word.package import TEMP_SUFFIX, temp_prefix

from conftest import ROOT, SAMPLES, W, minimal_report, needs_soffice, open_docx
from docx_fixtures import build, make_template

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and /dev/zero are POSIX")


def cli(*args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "ldd_reports", *args], capture_output=True, cwd=cwd,
                          timeout=timeout)


def parts_of(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def with_part(data: bytes, name: str, text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, text.encode() if item.filename == name else src.read(item.filename))
    return out.getvalue()


# -- footnotes in what the running header and footer repeat ----------------------------------------
def noted_report() -> dict:
    data = minimal_report(title="Signing the Declaration[^As agreed in 2019.] now")
    data["organisation"]["name"] = "Rugby Borough Council[^A district council.]"
    data["meeting"]["body"] = "Cabinet[^The executive.]"
    return data


def test_a_footnote_in_the_title_organisation_or_body_is_referenced_from_the_body_only():
    parts = parts_of(ldd_reports.render_bytes(noted_report()))
    running = [n for n in parts if re.fullmatch(r"word/(header|footer)\d*\.xml", n)]
    assert running and not any("footnoteReference" in parts[n] for n in running)
    refs = re.findall(r'<w:footnoteReference w:id="(\d+)"/>', parts["word/document.xml"])
    notes = re.findall(r'<w:footnote w:id="(\d+)">', parts["word/footnotes.xml"])
    assert len(refs) == len(set(refs)) and sorted(refs) == sorted(notes)
    for text in ("A district council.", "As agreed in 2019.", "The executive."):  # no note's text is lost
        assert text in parts["word/footnotes.xml"]
    header_text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", parts[running[0]]))
    assert "Rugby Borough Council" in header_text and "[^" not in header_text


def test_the_running_text_and_core_properties_carry_words_not_markup():
    data = minimal_report(title="**A first action** on digital: " + "a long title that goes on " * 6)
    parts = parts_of(ldd_reports.render_bytes(data))
    footer = next(parts[n] for n in parts if n.startswith("word/footer"))
    shown = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer))
    assert "A first action on digital" in shown and "**" not in shown and "long\u2026" in shown  # cut at a word
    assert "<dc:title>A first action on digital" in parts["docProps/core.xml"]


def test_check_docx_reports_duplicate_dangling_and_running_note_references():
    data = ldd_reports.render_bytes(noted_report())
    assert not [f for f in check_docx(data) if "note" in f.code]
    parts = parts_of(data)
    body = parts["word/document.xml"].replace('w:id="2"/>', 'w:id="1"/>').replace(
        '<w:footnoteReference w:id="3"/>', '<w:footnoteReference w:id="3"/></w:r><w:r><w:footnoteReference w:id="99"/>')
    header_name = next(n for n in parts if n.startswith("word/header"))
    header = parts[header_name].replace("</w:p>", '<w:r><w:footnoteReference w:id="4"/></w:r></w:p>', 1)
    broken = with_part(with_part(data, "word/document.xml", body), header_name, header)
    codes = [f.code for f in check_docx(broken)]
    assert {"duplicate_note", "dangling_note", "note_in_furniture"} <= set(codes)


@needs_soffice
@pytest.mark.libreoffice
def test_libreoffice_opens_a_paper_with_notes_in_its_furniture(tmp_path):
    out = tmp_path / "noted.pdf"
    ldd_reports.render(noted_report(), out)
    assert out.read_bytes().startswith(b"%PDF")


# -- PDF through LibreOffice, from a relative folder -----------------------------------------------
@needs_soffice
@pytest.mark.libreoffice
def test_a_pdf_batch_into_a_relative_folder_writes_every_row(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = tmp_path / "rows.csv"
    rows.write_text("organisation.name\nRugby Borough Council\nWarwick District Council\n", encoding="utf-8")
    result = batch.render_many(SAMPLES / "batch_base.yaml", "rows.csv", "pdfs", format="pdf", workers=1)
    assert result.ok, [str(f) for f in result.failures]
    assert sorted(p.name for p in Path("pdfs").iterdir()) == ["Rugby Borough Council.pdf",
                                                              "Warwick District Council.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in Path("pdfs").iterdir())


@needs_soffice
@pytest.mark.libreoffice
def test_convert_writes_beside_a_relative_docx(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("sub").mkdir()
    Path("sub/paper.docx").write_bytes(ldd_reports.render_bytes(minimal_report()))
    result = pdf.convert([Path("sub/paper.docx")])[Path("sub/paper.docx")]
    assert isinstance(result, Path) and result == (tmp_path / "sub" / "paper.pdf")
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == ["paper.pdf"]  # nothing written outside sub/


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for LibreOffice")
def test_a_pdf_failure_names_the_output_not_a_temporary_file(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'cannot convert' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("LDD_SOFFICE", str(fake))
    out = tmp_path / "paper.pdf"
    with pytest.raises(pdf.PdfError) as info:
        ldd_reports.render(minimal_report(), out)
    assert str(out) in str(info.value) and "ldd-pdf-" not in str(info.value) and not out.exists()


# -- one bounded reader ----------------------------------------------------------------------------
@POSIX
def test_check_docx_and_template_check_refuse_a_fifo_and_a_device_without_reading(tmp_path):
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    for args in (("check-docx", str(fifo)), ("template", "check", str(fifo)), ("check-docx", "/dev/zero")):
        result = cli(*args, timeout=30)  # a blocking open would hang here
        assert result.returncode == 1 and b"not a regular file" in result.stdout + result.stderr, args


def test_check_docx_refuses_a_zip_bomb(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/styles.xml", b" " * (40 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(InputError) as info:
        check_docx(bomb)
    assert "zip bomb" in str(info.value) and str(bomb) in str(info.value)


@pytest.mark.parametrize("part", ["word/styles.xml", "word/_rels/document.xml.rels", "docProps/core.xml"])
def test_check_docx_names_a_malformed_part(part):
    data = with_part(ldd_reports.render_bytes(minimal_report()), part, "<broken")
    with pytest.raises(InputError) as info:
        check_docx(data)
    assert info.value.problems[0].field == part and "not well-formed" in str(info.value)


# -- a single render is bounded as a batch row is ----------------------------------------------------
def test_a_single_render_with_a_runaway_template_stops_at_its_time_limit(tmp_path):
    # The paper's characters three times over: billions of steps, minutes unbounded.
    template = make_template(tmp_path, build.p("{% for a in fragments.paper %}{% for b in fragments.paper %}"
                                               "{% for c in fragments.paper %}{% endfor %}{% endfor %}{% endfor %}"))
    with pytest.raises(LimitExceeded) as info:
        ldd_reports.render_bytes(minimal_report(), template, time_limit=1)
    assert "time limit" in str(info.value)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory bound reads /proc/self/statm (Linux)")
def test_a_single_render_that_grows_without_end_stops_at_its_memory_limit(tmp_path):
    template = make_template(tmp_path, build.p("{% for a in fragments.paper %}{{ 'x' * 1000000 }}{% endfor %}"))
    with pytest.raises(LimitExceeded) as info:
        ldd_reports.render_bytes(minimal_report(), template, memory_limit=300 * 1024 * 1024)
    assert "MB of memory" in str(info.value)


def test_render_time_limit_is_a_command_line_flag(tmp_path):
    template = make_template(tmp_path, build.p("{% for a in fragments.paper %}{% for b in fragments.paper %}"
                                               "{% for c in fragments.paper %}{% endfor %}{% endfor %}{% endfor %}"))
    result = cli("render", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "--template", str(template),
                 "-o", str(tmp_path / "x.docx"), "--time-limit", "1")
    assert result.returncode == 1 and b"time limit" in result.stderr and not (tmp_path / "x.docx").exists()


# -- an interrupted batch's clean-up reads each folder once ------------------------------------------
def test_clean_up_lists_each_folder_once_and_removes_only_its_own_temporaries(tmp_path, monkeypatch):
    tasks = [(i, {}, str(tmp_path / f"Council {i}.docx")) for i in range(2000)]
    ours = [tmp_path / f"{temp_prefix(Path(tasks[i][2]))}abcd_123{TEMP_SUFFIX}" for i in (0, 1999)]
    others = [tmp_path / f".Somebody else.docx.abcd_123{TEMP_SUFFIX}", tmp_path / "Council 5.docx"]
    for path in ours + others:
        path.write_bytes(b"x")
    listed = []
    real = os.scandir
    monkeypatch.setattr(package.os, "scandir", lambda folder: listed.append(folder) or real(folder))
    package.remove_temporaries(Path(out) for _, _, out in tasks)
    assert listed == [tmp_path]  # once for 2,000 outputs, not a glob per output
    assert not any(p.exists() for p in ours) and all(p.exists() for p in others)


# -- labels linear in the list --------------------------------------------------------------------
def lettered(count: int) -> dict:
    return minimal_report(sections=[{"title": "Options", "content": [{"numbered": [f"Option {n}" for n in
                                                                                   range(count)]}]}])


def test_a_lettered_list_keeps_word_labels_up_to_its_cap_and_refuses_beyond_it():
    from ldd_reports.outline.nodes import MAX_LETTERED

    labels = [label for label, text in ldd_reports.outline_of(lettered(MAX_LETTERED)).labelled()
              if text.startswith("Option ")]
    assert len(labels) == MAX_LETTERED and labels[26] in ("aa)", "(aa)") and max(map(len, labels)) <= 5
    with pytest.raises(InputError) as info:
        ldd_reports.preview(lettered(MAX_LETTERED + 1))
    assert info.value.problems[0].field.startswith("sections[0].content[0].numbered")


# -- input edges ------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_a_blank_organisation_name_is_refused_naming_the_field(value):
    data = minimal_report()
    data["organisation"]["name"] = value
    with pytest.raises(InputError) as info:
        ldd_reports.render_bytes(data)
    assert info.value.problems[0].field == "organisation.name" and "blank" in str(info.value)


def test_a_blank_csv_cell_keeps_the_base_and_a_cell_of_spaces_fails_its_row(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("organisation.name,meeting.body\nRugby Borough Council,\nWarwick District Council,   \n",
                    encoding="utf-8")
    result = batch.render_many(SAMPLES / "batch_base.yaml", rows, tmp_path / "out", workers=1)
    assert [p.name for p in result.written] == ["Rugby Borough Council.docx"]
    assert [f.row for f in result.failures] == [3] and result.failures[0].problems[0].field == "meeting.body"


def test_new_refuses_a_blank_organisation_as_a_usage_error(tmp_path):
    result = cli("new", "--organisation", " ", "--kind", "district", "--body", "Cabinet", "-o", str(tmp_path / "n.yaml"))
    assert result.returncode == 2 and b"--organisation: must not be blank" in result.stderr


def test_a_rows_house_style_is_found_beside_the_base_and_a_missing_one_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "base.yaml").write_bytes((SAMPLES / "batch_base.yaml").read_bytes())
    (folder / "ours.yaml").write_bytes((ROOT / "ldd_reports" / "house_styles" / "committee.yaml").read_bytes())
    rows = folder / "rows.csv"
    rows.write_text("organisation.name,house_style\nRugby Borough Council,ours.yaml\nWarwick District Council,"
                    "gone.yaml\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the base's folder
    result = batch.render_many(folder / "base.yaml", rows, tmp_path / "out", workers=1)
    assert [p.name for p in result.written] == ["Rugby Borough Council.docx"]
    assert [f.row for f in result.failures] == [3] and str(folder / "gone.yaml") in str(result.failures[0])


@pytest.mark.parametrize("date", ["0001-01-15", "9999-12-20", "1899-12-31"])
def test_a_date_out_of_a_papers_range_is_refused_by_render_and_check(date):
    data = minimal_report()
    data["meeting"]["date"] = date
    for call in (ldd_reports.render_bytes, ldd_reports.check):
        with pytest.raises(InputError) as info:
            call(data)
        assert info.value.problems[0].field == "meeting.date" and "between 1900 and 2199" in str(info.value)


def test_a_date_written_another_way_is_told_the_form(tmp_path):
    source = tmp_path / "p.yaml"
    source.write_text("organisation: {name: Rugby Borough Council, kind: district}\n"
                      "meeting: {body: Cabinet, date: 10/12/2026}\nrecommendations: {items: [Agree.]}\n",
                      encoding="utf-8")
    with pytest.raises(InputError) as info:
        ldd_reports.load(source)
    problem = info.value.problems[0]
    assert (problem.field, problem.line) == ("meeting.date", 2) and "YYYY-MM-DD" in problem.message


@pytest.mark.parametrize("bad", [None, "x.yaml", [1, 2], 5, b"organisation: x"])
def test_something_that_is_not_a_document_is_an_input_error(bad):
    for call in (ldd_reports.render_bytes, ldd_reports.check, ldd_reports.outline_of):
        with pytest.raises(InputError):
            call(bad)


def test_a_dict_nested_too_deep_is_refused_like_a_file(tmp_path):
    deep: list = []
    for _ in range(200):
        deep = [deep]
    data = minimal_report(sections=[{"title": "Background", "content": [deep]}])
    for call in (ldd_reports.render_bytes, ldd_reports.check):
        with pytest.raises(InputError) as info:
            call(data)
        assert "nested more than" in str(info.value)


def test_a_non_text_cell_fails_its_own_row_only(tmp_path):
    rows = [(2, {"organisation.name": 5}), (3, {"organisation.name": "Rugby Borough Council"}), (4, ["x"])]
    result = batch.render_many(SAMPLES / "batch_base.yaml", rows, tmp_path / "out", workers=1)  # type: ignore[arg-type]
    assert [p.name for p in result.written] == ["Rugby Borough Council.docx"]
    assert [f.row for f in result.failures] == [2, 3]  # the list is not a (line, row) pair: its position, 3
    assert result.failures[0].problems[0].field == "organisation.name" and "not text" in str(result.failures[0])


def test_public_version_finds_the_withheld_section_its_house_style_names():
    data = minimal_report(sections=[{"title": "Background", "content": ["Why."]},
                                    {"title": "Commercial terms", "exempt": {"paragraph": 3},
                                     "content": ["Brightwater quoted 18,450 pounds."]},
                                    {"title": "Next steps", "content": ["What follows."]}])
    style = resolve_house_style("committee")
    style = style.model_copy(update={"recommendations": style.recommendations.model_copy(
        update={"after_section": "Commercial terms"})})
    text = "\n".join(p.text for p in open_docx(io.BytesIO(ldd_reports.render_bytes(
        data, house_style=style, public=True))).paragraphs)
    assert "Brightwater" not in text and "Schedule 12A" in text
    assert text.index("Schedule 12A to the Local") < text.index("That Cabinet") < text.index("What follows.")


def test_a_link_with_no_words_shows_its_address_and_a_title_is_printed():
    data = minimal_report(sections=[{"title": "Background", "content": [
        "See [](https://www.localdigital.gov.uk) and [GOV.UK](https://www.gov.uk \"the home page\")."]}])
    document = open_docx(io.BytesIO(ldd_reports.render_bytes(data)))
    para = next(p for p in document.paragraphs if p.text.startswith("See"))
    assert para.text == "See https://www.localdigital.gov.uk and GOV.UK (the home page)."
    links = para._p.findall(f"{W}hyperlink")
    assert [("".join(t.text for t in link.iter(f"{W}t"))) for link in links] == ["https://www.localdigital.gov.uk",
                                                                                "GOV.UK"]


# -- a newcomer's first hour at the command line ---------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="a closed pipe as POSIX shells make one")
def test_a_closed_pipe_ends_quietly():
    process = subprocess.Popen([sys.executable, "-m", "ldd_reports", "house-styles"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()  # the reader has gone before the first line (as `| head -0` would)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 141 and err == b""


def test_debug_is_accepted_after_the_command():
    for args in (("house-styles", "--debug"), ("template", "check", "council_report", "--debug")):
        assert cli(*args).returncode == 0, args


@pytest.mark.parametrize("name", ["r.txt", "r.doc", "r.odt", "r.html", "r"])
def test_an_output_extension_that_is_no_format_is_a_usage_error(tmp_path, name):
    result = cli("render", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "-o", str(tmp_path / name))
    assert result.returncode == 2 and b".docx or .pdf" in result.stderr and not (tmp_path / name).exists()


def test_an_extension_contradicting_format_is_a_usage_error(tmp_path):
    result = cli("render", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "-o", str(tmp_path / "r.docx"),
                 "--format", "pdf")
    assert result.returncode == 2 and b"--format says pdf" in result.stderr


def test_dash_writes_the_docx_to_standard_output(tmp_path):
    result = cli("render", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and not (tmp_path / "-").exists()
    document = open_docx(io.BytesIO(result.stdout))
    assert any("Local Digital Declaration" in p.text for p in document.paragraphs)
    for args, starts in ((("template", "init", "-o", "-"), b"PK"),
                         (("preview", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "-o", "-"), b"<!DOCTYPE html>"),
                         (("new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", "Cabinet",
                           "-o", "-"), b"# ")):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0 and result.stdout.startswith(starts), args
    assert not (tmp_path / "-").exists()


def test_draft_then_final_lists_what_is_open_and_an_existing_file_says_force(tmp_path):
    source = tmp_path / "rugby.yaml"
    assert cli("new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", "Cabinet",
               "-o", str(source)).returncode == 0
    assert cli("render", str(source), "--draft", "-o", str(tmp_path / "rugby.docx")).returncode == 0
    final = cli("render", str(source), "-o", str(tmp_path / "rugby.docx"))
    assert final.returncode == 1 and b"still to complete before a final render" in final.stderr
    again = cli("render", str(source), "--draft", "-o", str(tmp_path / "rugby.docx"))
    assert again.returncode == 1 and b"pass --force" in again.stderr and b"force=True" not in again.stderr


def test_deleting_the_line_a_placeholder_says_to_delete_leaves_a_valid_input(tmp_path):
    source = tmp_path / "rugby.yaml"
    assert cli("new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", "Cabinet",
               "-o", str(source)).returncode == 0
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    marked = [i for i, line in enumerate(lines) if "or delete this line" in line]
    assert marked
    source.write_text("".join(line for i, line in enumerate(lines) if i not in marked), encoding="utf-8")
    result = cli("validate", str(source))
    assert result.returncode == 0, result.stderr


def test_messages_for_tabs_a_docx_given_as_input_and_files_named(tmp_path):
    tabbed = tmp_path / "tabbed.yaml"
    tabbed.write_text("organisation:\n\tname: Rugby\n", encoding="utf-8")
    result = cli("validate", str(tabbed))
    assert result.returncode == 1 and b"replace the tab with spaces" in result.stderr
    paper = tmp_path / "paper.docx"
    paper.write_bytes(ldd_reports.render_bytes(minimal_report()))
    result = cli("validate", str(paper))
    assert b"this is a Word document" in result.stderr and b"UTF-8" not in result.stderr
    record = cli("record", str(SAMPLES / "warwickshire_cabinet_2020.yaml"), "-o", str(tmp_path / "r.docx"))
    assert record.returncode == 1 and b"input:" not in record.stderr
    assert str(SAMPLES / "warwickshire_cabinet_2020.yaml").encode() in record.stderr.split(b"\n")[1]
    broken = tmp_path / "broken.docx"
    broken.write_bytes(with_part(paper.read_bytes(), "word/styles.xml", "<broken"))
    checked = cli("check-docx", str(broken))
    assert checked.returncode == 1 and b"input:" not in checked.stderr and f"{broken}:".encode() in checked.stderr


def test_template_check_takes_a_built_in_templates_name():
    result = cli("template", "check", "council_report")
    assert result.returncode == 0 and b"No such file" not in result.stdout + result.stderr
    assert b"council_report: 0 error(s)" in result.stdout


def test_an_empty_reasons_lead_in_prints_no_empty_paragraph():
    data = minimal_report(recommendations={"items": ["Agree that the Council signs the Declaration."],
                                           "reasons": ["It commits the Council to the principles."]})
    style = resolve_house_style("committee")
    style = style.model_copy(update={"recommendations": style.recommendations.model_copy(
        update={"reasons_lead_in": ""})})
    outline = ldd_reports.outline_of(data, style)
    assert all(para.text.strip() for para in outline.paragraphs() if para.label)
    assert any(text == "It commits the Council to the principles." for _, text in outline.labelled())


def test_validate_refuses_an_input_its_house_style_cannot_show(tmp_path):
    (tmp_path / "ours.yaml").write_text("name: ours\nparts: [header_block, summary, recommendations, body]\n",
                                        encoding="utf-8")
    source = tmp_path / "p.yaml"
    source.write_text("house_style: ours.yaml\norganisation: {name: Rugby Borough Council, kind: district}\n"
                      "meeting: {body: Cabinet, date: 2026-12-10}\nrecommendations: {items: [Agree.]}\n"
                      "contacts: [{name: Tom Hughes, email: tom@example.gov.uk}]\n", encoding="utf-8")
    result = cli("validate", str(source))
    assert result.returncode == 1 and b"contacts" in result.stderr and b"valid report" not in result.stdout


def test_the_acronym_check_passes_over_words_in_capitals_and_roman_numerals():
    data = minimal_report(sections=[{"title": "Background", "content": [
        "See APPENDIX A and part II. The CABINET agreed. The Cabinet met. The XYZQ will help."]}])
    flagged = [f.message for f in ldd_reports.check(data) if f.code == "acronym"]
    assert len(flagged) == 1 and "'XYZQ'" in flagged[0]


def test_a_house_style_files_did_you_mean_comes_from_house_style_fields(tmp_path):
    style = tmp_path / "ours.yaml"
    style.write_text("name: ours\nnumberng:\n  paragraphs: by_section\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        resolve_house_style(str(style))
    assert "did you mean 'numbering'?" in str(info.value) and info.value.problems[0].line == 2



@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory bound reads /proc/self/statm (Linux)")
def test_a_render_in_a_side_thread_never_sets_the_process_memory_limit():
    import resource
    import threading

    before = resource.getrlimit(resource.RLIMIT_AS)
    seen: list[object] = []

    def work() -> None:
        try:  # a 1-byte bound would fail at once if it were applied to the whole process from here
            seen.append(len(ldd_reports.render_bytes(minimal_report(), memory_limit=1)))
        except LddReportsError as e:
            seen.append(e)
        seen.append(resource.getrlimit(resource.RLIMIT_AS))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    assert isinstance(seen[0], int) and seen[0] > 1000 and seen[1] == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the memory bound reads /proc/self/statm (Linux)")
def test_the_memory_bound_reads_the_size_of_the_process_it_runs_in_forked_or_not():
    """The size is read from a file kept open; a forked worker reads its own, not the parent's it inherited."""
    from ldd_reports.limits import _address_space

    first = _address_space()
    grown = bytearray(64 * 1024 * 1024)  # 64 MB more address space, seen on the next read
    assert first and (_address_space() or 0) >= first + 60 * 1024 * 1024
    del grown
    # Forked from a process of its own (no threads there): the parent has read once, so its file is open
    script = """if True:
        import os
        from ldd_reports.limits import _address_space
        parent = _address_space()
        reading, writing = os.pipe()
        pid = os.fork()
        if pid == 0:
            more = bytearray(128 * 1024 * 1024)
            os.write(writing, str(_address_space()).encode())
            os._exit(0)
        os.close(writing)
        child = int(os.read(reading, 100))
        os.waitpid(pid, 0)
        print(parent, child, _address_space())
    """
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    parent, child, parent_after = map(int, done.stdout.split())
    assert child >= parent + 120 * 1024 * 1024 and parent_after < child

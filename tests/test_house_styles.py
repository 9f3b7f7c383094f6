"""House styles: each rule rendered and read back, as LibreOffice lays the labels out and from the outline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
import yaml

import ldd_reports
from ldd_reports import HouseStyle, InputError, house_style_names, load_house_style, outline_of
from ldd_reports.cli import main

from conftest import SAMPLES, SEEDS, TOOLS, W, label_values, minimal_report, open_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
ALL_SAMPLES = sorted(p.stem for p in SAMPLES.glob("*.yaml") if p.stem != "batch_base")
LABEL = re.compile(r"^\s*(\(?[0-9a-zA-Z]{1,4}(?:\.[0-9]{1,2})?[.)]?)\s+(\S.*)$")


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Every sample rendered and converted to text by LibreOffice (one soffice call)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs it")
    out = tmp_path_factory.mktemp("laid_out")
    docs = []
    for name in ALL_SAMPLES:
        doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
        ldd_reports.render(doc, out / f"{name}.docx", language=doc.language)  # a bilingual sample: its first
        docs.append(str(out / f"{name}.docx"))
    subprocess.run([SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to",
                    "txt:Text (encoded):UTF8", "--outdir", str(out), *docs], check=True, capture_output=True, timeout=300)
    return {name: (out / f"{name}.txt").read_text("utf-8-sig").splitlines() for name in ALL_SAMPLES}


def labels_of(lines: list[str]) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in map(LABEL.match, lines) if m]


def test_the_built_in_house_styles_are_listed_and_valid(capsys):
    assert house_style_names() == ["cabinet", "cabinet_member", "committee", "continuous", "executive", "front_sheet",
                                   "officer"]
    assert main(["house-styles"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in house_style_names())


@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", [n for n in ALL_SAMPLES if "commitment" not in n])
def test_outline_labels_are_the_labels_libreoffice_lays_out(laid_out, name):
    """Every numbered paragraph of the outline shows, in LibreOffice, the label the outline gave it."""
    shown = labels_of(laid_out[name])
    expected = outline_of(ldd_reports.load(SAMPLES / f"{name}.yaml")).labelled()
    assert expected
    i = 0
    for label, text in expected:
        words = " ".join(re.sub(r"\*\*|\[([^\]]*)\]\([^)]*\)", r"\1", text).split()[:6])
        while i < len(shown) and not " ".join(shown[i][1].split()).startswith(words):
            i += 1
        assert i < len(shown), f"{label} {words!r} not laid out with a label"
        assert shown[i][0] == label, f"{words!r}: outline {label}, LibreOffice {shown[i][0]}"
        i += 1


@needs_soffice
@pytest.mark.libreoffice
def test_continuous_numbering_sub_items_appendix_restart_and_run_in_titles(laid_out):
    lines = laid_out["continuous_cabinet_2026"]
    appendix = next(i for i, line in enumerate(lines) if line.startswith("Appendix 1"))
    body, after = labels_of(lines[:appendix]), labels_of(lines[appendix:])
    numbers = [label for label, _ in body if re.fullmatch(r"\d+\.", label)]
    assert numbers == [f"{n}." for n in range(1, 16)]  # 1..15 straight through, across headings
    headings = [line for line in lines[:appendix] if line in ("Background", "The Declaration", "Proposal")]
    assert len(headings) == 3  # the headings themselves carry no number
    seven = [label for label, _ in body[body.index(next(b for b in body if b[0] == "7.")) + 1:][:5]]
    assert seven == ["a)", "b)", "c)", "d)", "e)"]  # a)-e) inside paragraph 7
    assert [label for label, _ in after if re.fullmatch(r"\d+\.", label)] == ["1.", "2.", "3."]
    assert [label for label, _ in after if label.endswith(")")] == ["a)", "b)"]
    text = dict(body)
    assert text["13."].startswith("Legal Implications \u2013 The Council has the power")
    assert text["12."] == "Resources:"
    run_in = [t for label, t in body if label in ("a)", "b)", "c)") and "Implications \u2013" in t]
    assert [t.split(" \u2013 ")[0] for t in run_in] == ["Financial Implications", "Human Resources Implications",
                                                       "Property Implications"]
    ten = lines.index(next(line for line in lines if "10. That Cabinet:" in line))
    assert "11. For the following reasons:" in " ".join(lines[ten:ten + 5])


@needs_soffice
@pytest.mark.libreoffice
def test_committee_style_numbers_headings_and_restates_recommendations(laid_out):
    body = labels_of(laid_out["committee_policy_resources_2026"])
    assert ("4.", "Recommendations") in body
    assert ("4.1", "That the Policy and Resources Committee:") in body
    assert ("(a)", "Agrees that Eastbridge City Council signs the Local Digital Declaration.") in body
    assert ("4.2", "Reasons for the recommendations:") in body
    assert ("5.", "Financial Implications") in body and ("5.1", "There are no direct costs in signing the "
                                                                "Declaration.") in body


@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.parametrize("name,seed,extra", [
    ("warwickshire_cabinet_2020", "000_5cc4991259b097b3.txt", []),
    ("london_councils_executive_2019", "002_2042db1354dbdcc3.txt", ["--to", "Co-publishers"]),
])
def test_seed_papers_keep_every_label_and_their_order(rendered, name, seed, extra):
    out = subprocess.run([sys.executable, str(TOOLS / "layout_fidelity.py"), str(rendered[name]),
                          str(SEEDS / seed), *extra], capture_output=True, text=True, check=True,
                         timeout=300)
    m = re.search(r"labels ([0-9.]+) \((\d+)/(\d+)\), order ([0-9.]+)", out.stdout)
    assert m and m.group(1) == "1.000" and m.group(4) == "1.000", out.stdout


def test_front_sheet_fields_page_and_implications_table(tmp_path):
    out = tmp_path / "f.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / "front_sheet_cabinet_2026.yaml"), out)
    d = open_docx(out)
    values = label_values(d)
    assert list(values)[:4] == ["Final Decision-Maker", "Lead Director", "Lead Officer and Report Author",
                                "Lead Member"]
    assert values["Key decision"] == "Yes (Forward Plan reference 2026/041)"
    assert values["Lead Officer and Report Author"] == "Tom Hughes, Head of Digital"
    summary = next(p for p in d.paragraphs if p.text == "Executive Summary")
    assert summary._p.pPr.find(f"{W}pageBreakBefore") is not None  # the front sheet is a page of its own
    implications = next(t for t in d.tables if t.rows[0].cells[0].text == "Issue")
    assert [c.text for c in implications.rows[0].cells] == ["Issue", "Implications", "Sign-off"]
    assert [c.text for c in implications.rows[2].cells] == [
        "Legal Implications", "The Council has the power to sign under the Localism Act 2011.",
        "Monitoring Officer, 20 November 2026"]
    assert implications._tbl.tr_lst[0].trPr.find(f"{W}tblHeader") is not None  # a data table's header repeats


def test_front_sheet_placeholder_for_a_missing_field_blocks_a_final_render(tmp_path):
    data = yaml.safe_load((SAMPLES / "front_sheet_cabinet_2026.yaml").read_text("utf-8"))
    del data["wards_affected"]
    doc = ldd_reports.loads(yaml.safe_dump(data))
    with pytest.raises(ldd_reports.OpenItemsError) as info:
        ldd_reports.render(doc, tmp_path / "final.docx")
    assert [p.field for p in info.value.open_items] == ["wards_affected"]
    ldd_reports.render(doc, tmp_path / "draft.docx", draft=True)
    values = label_values(open_docx(tmp_path / "draft.docx"))
    assert values["Wards affected"] == "[TO COMPLETE: Wards affected]"


def test_header_lines_have_bold_labels_and_report_of_on_one_line(tmp_path):
    out = tmp_path / "c.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / "continuous_cabinet_2026.yaml"), out)
    para = next(p for p in open_docx(out).paragraphs if p.text.startswith("REPORT OF:"))
    assert para.text == "REPORT OF: Alex Morgan, Director of Resources"
    assert para.runs[0].text == "REPORT OF:" and para.runs[0].bold
    contact = next(p for p in open_docx(out).paragraphs if p.text.startswith("CONTACT:"))
    assert contact.text == ("CONTACT: Jo Evans  /  Digital Services Manager  /  extension: 1234  /  "
                            "email: jo.evans@northfield.example.gov.uk")


def style_with(**rules: object) -> HouseStyle:
    return HouseStyle.model_validate({"name": "test", **rules})


def labels(data: dict, style: HouseStyle) -> dict[str, str]:
    return {t: label for label, t in outline_of(ldd_reports.loads(json.dumps(data)), style).labelled()}


def test_numbering_none_and_sub_item_labels():
    data = minimal_report(sections=[{"title": "A", "content": ["one", {"numbered": ["x", "y"]}]}])
    assert labels(data, style_with(numbering={"paragraphs": "none"})).get("one") is None
    assert labels(data, style_with(numbering={"paragraphs": "continuous", "sub_items": "(i)"}))["y"] == "(ii)"
    assert labels(data, style_with(numbering={"paragraphs": "by_section", "sub_items": "(a)"}))["x"] == "(a)"
    bullets = outline_of(ldd_reports.loads(json.dumps(data)), style_with(numbering={"sub_items": "bullets"}))
    assert next(p for p in bullets.paragraphs() if p.text == "x").role == "bullet"


def test_nested_sections_inherit_numbered():
    data = minimal_report(sections=[{"title": "A", "numbered": False, "content": ["a"],
                                     "subsections": [{"title": "B", "content": ["b"]}]},
                                    {"title": "C", "content": ["c"]}])
    found = labels(data, style_with(numbering={"paragraphs": "continuous"}))
    assert "a" not in found and "b" not in found and found["c"] == "1."


def test_recommendations_in_the_body_after_a_named_section_and_both():
    data = minimal_report(sections=[{"title": "Background", "content": ["bg"]},
                                    {"title": "Proposal", "content": ["pr"]},
                                    {"title": "Other", "content": ["ot"]}])
    style = style_with(numbering={"paragraphs": "continuous"},
                       recommendations={"position": "body", "after_section": "Proposal"})
    found = labels(data, style)
    assert (found["bg"], found["pr"], found["That Cabinet:"], found["ot"]) == ("1.", "2.", "3.", "4.")
    both = outline_of(ldd_reports.loads(json.dumps(data)), style.model_copy(update={
        "recommendations": style.recommendations.model_copy(update={"position": "both"})}))
    texts = [p.text for p in both.paragraphs()]
    assert texts.count("Agree that the Council signs the Local Digital Declaration.") == 2
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.loads(json.dumps(data)), style_with(
            recommendations={"position": "body", "after_section": "Proposals"}))
    assert "Proposals" in str(info.value)


def test_a_part_the_house_style_never_shows_is_refused_not_dropped():
    data = minimal_report(summary=["A summary."], circulation={"groups": [{"group": "Local Member(s)",
                                                                           "members": "N/A"}]})
    style = style_with(parts=["header_block", "recommendations", "body"])
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.loads(json.dumps(data)), style)
    # Background papers print "None" when there are none, so leaving them out drops nothing here.
    assert sorted(p.field for p in info.value.problems) == ["circulation", "summary"]
    assert "never prints it: show it (parts" in info.value.problems[0].message


def test_house_style_file_errors_name_the_field_and_line(tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text("name: ours\nnumbering:\n  paragraphs: continuous\n  sub_items: a]\nheader_block:\n"
                    "  fields:\n    - {label: 'TITLE:', value: titel}\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_house_style(path)
    problems = {p.field: p for p in info.value.problems}
    assert problems["numbering.sub_items"].line == 4
    assert problems["header_block.fields[0].value"].line == 7
    assert "did you mean 'title'" in problems["header_block.fields[0].value"].message


def test_input_names_its_house_style_file_relative_to_itself(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "ours.yaml").write_text(
        "name: ours\ntemplate: ours.docx\nnumbering: {paragraphs: continuous}\n", encoding="utf-8")
    assert main(["template", "init", "--from", "council_report", "-o", str(tmp_path / "styles" / "ours.docx")]) == 0
    data = minimal_report(house_style="styles/ours.yaml", sections=[{"title": "A", "content": ["one", "two"]},
                                                                     {"title": "B", "content": ["three"]}])
    (tmp_path / "paper.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "paper.docx"
    assert main(["render", str(tmp_path / "paper.yaml"), "-o", str(out)]) == 0
    found = {t: label for label, t in outline_of(ldd_reports.load(tmp_path / "paper.yaml")).labelled()}
    assert (found["one"], found["two"], found["three"]) == ("1.", "2.", "3.")
    assert open_docx(out).core_properties.title == "Local Digital Declaration"
    data["house_style"] = "styles/missing.yaml"
    (tmp_path / "paper.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["render", str(tmp_path / "paper.yaml"), "-o", str(out), "--force"]) == 1


def test_house_style_json_schema(capsys):
    assert main(["schema", "--house-style"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"numbering", "header_block", "recommendations", "implications", "contacts", "parts", "check",
            "template"} <= set(schema["properties"])
    assert "base_dir" not in schema["properties"]


def test_running_header_and_footer_come_from_the_house_style(tmp_path):
    data = minimal_report(title="Signing up", house_style=None)
    style = style_with(page={"header": ["organisation", "meeting_date"], "footer": ["title"], "separator": " | "})
    out = tmp_path / "page.docx"
    ldd_reports.render(ldd_reports.loads(json.dumps(data)), out, house_style=style)
    section = open_docx(out).sections[0]
    assert section.header.paragraphs[0].text.startswith("Rugby Borough Council | 10 December 2026")
    assert section.footer.paragraphs[0].text.startswith("Signing up\t")
    outline = outline_of(ldd_reports.loads(json.dumps(data)), style)
    assert [p.field for p in outline.furniture["header"]] == ["organisation.name", "", "meeting.date"]


def test_showing_only_the_authors_name_would_drop_the_job_title_so_it_is_refused():
    data = minimal_report(report_of={"name": "Alex Morgan", "job_title": "Director of Resources"})
    rows = [{"label": "Report by", "value": "report_of.name"}]
    with pytest.raises(InputError) as info:
        outline_of(ldd_reports.loads(json.dumps(data)), style_with(header_block={"layout": "table", "fields": rows},
                                                                   contacts={"layout": "none"}))
    assert [p.field for p in info.value.problems] == ["report_of.job_title"]
    rows.append({"label": "Job title", "value": "report_of.job_title"})
    outline_of(ldd_reports.loads(json.dumps(data)), style_with(header_block={"layout": "table", "fields": rows},
                                                               contacts={"layout": "none"}))


def test_which_heading_levels_take_a_number():
    data = minimal_report(sections=[{"title": "A", "content": ["a"],
                                     "subsections": [{"title": "Sub", "content": ["s"]}]}])
    two = labels(data, style_with(numbering={"paragraphs": "by_section", "heading_levels": 2}))
    assert (two["A"], two["a"], two["Sub"]) == ("1.", "1.1", "1.2") and "s" not in two
    one = labels(data, style_with(numbering={"paragraphs": "by_section", "heading_levels": 1}))
    assert (one["A"], one["a"], one["s"]) == ("1.", "1.1", "1.2") and "Sub" not in one
    with pytest.raises(ValueError):
        style_with(numbering={"paragraphs": "by_section", "heading_levels": 0})


def test_background_papers_as_a_line_and_the_appendix_list():
    data = minimal_report(background_papers=["Report of 13 November 2018", "Minutes"],
                          appendices=[{"label": "Appendix 1", "title": "Options", "content": ["x"]}])
    style = style_with(back_matter={"background_papers": "Background papers:", "background_papers_layout": "line",
                                    "appendix_list": "Appendices"})
    texts = [p.text for p in outline_of(ldd_reports.loads(json.dumps(data)), style).paragraphs()]
    assert "Background papers: Report of 13 November 2018; Minutes" in texts
    at = texts.index("Appendices")
    assert texts[at + 1] == "Appendix 1 \u2013 Options"

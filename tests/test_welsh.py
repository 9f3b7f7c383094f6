"""A Welsh paper (language: cy): Welsh wording, dates and language tags, and never a silent English word."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from importlib import resources

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError, OpenItemsError
from ldd_reports.content.dates import format_date, format_time
from ldd_reports.content.messages import defaults
from ldd_reports.markup import PLACEHOLDER
from ldd_reports.outline.build import outline_of

from conftest import minimal_report, needs_soffice, open_docx

STYLE = """name: cymraeg
language: cy
header_block:
  layout: table
  fields:
    - {label: "Dyddiad", value: meeting_date}
    - {label: "Pwnc", value: title}
"""


def _style(tmp_path, extra: str = "") -> str:
    path = tmp_path / "cymraeg.yaml"
    path.write_text(STYLE + extra, encoding="utf-8")
    return str(path)


def _welsh(**data: object):
    return ldd_reports.as_document(minimal_report(language="cy", **data))


def test_welsh_dates_and_times_come_from_cldr():
    day = dt.date(2026, 3, 14)
    assert format_date(day, language="cy") == "14 Mawrth 2026"
    assert format_date(day, "{weekday}, {day} {month} {year}", "cy") == "Dydd Sadwrn, 14 Mawrth 2026"
    assert format_date(day, "{weekday}, {day} {month} {year}") == "Saturday, 14 March 2026"  # English unchanged
    assert format_time(dt.time(19, 30), language="cy").startswith("7.30 ")
    assert format_time(dt.time(19, 30)) == "7.30 pm"


def test_the_welsh_catalogue_holds_only_known_messages_each_with_its_source():
    text = resources.files("ldd_reports.content").joinpath("messages.cy.yaml").read_text(encoding="utf-8")
    entries = yaml.safe_load(text)["messages"]
    assert entries and set(entries) <= set(defaults())
    assert all(entry["text"].strip() and len(entry["source"]) > 20 for entry in entries.values())


def test_a_welsh_paper_in_an_english_house_style_is_refused_naming_the_language():
    with pytest.raises(InputError) as caught:
        outline_of(_welsh(), "cabinet")
    problem = caught.value.problems[0]
    assert problem.field == "language" and "Welsh" in problem.message and "language: cy" in problem.message


def test_a_welsh_style_refuses_english_ordinals(tmp_path):
    with pytest.raises(InputError, match="ordinal"):
        ldd_reports.load_house_style(_style(tmp_path, "dates: {format: '{ordinal} {month} {year}'}\n"))


def test_a_welsh_draft_has_welsh_words_dates_and_tags_and_placeholders_for_what_has_no_welsh(tmp_path):
    out = tmp_path / "papur.docx"
    ldd_reports.render(_welsh(), out, house_style=_style(tmp_path), draft=True)
    texts = [p.text for p in open_docx(out).paragraphs]
    assert "Dyddiad\t10 Rhagfyr 2026" in texts and "Argymhellion" in texts  # Welsh date; the library's sourced Welsh
    assert "[TO COMPLETE: Welsh for paper.none]" in texts  # no published Welsh: the council's to supply
    with zipfile.ZipFile(out) as package:
        styles = package.read("word/styles.xml").decode()
        core = package.read("docProps/core.xml").decode()
    assert 'w:lang w:val="cy-GB"' in styles and 'w:val="en-GB"' not in styles
    assert "<dc:language>cy-GB</dc:language>" in core
    assert '<html lang="cy-GB">' in ldd_reports.preview(_welsh(), house_style=_style(tmp_path))


def test_no_english_library_wording_in_a_welsh_paper(tmp_path):
    outline = outline_of(_welsh(), ldd_reports.load_house_style(_style(tmp_path)))
    english = {text for text in defaults().values() if re.search(r"[A-Za-z]{3}", text)}
    written = [p for p in outline.pieces() if p.origin != "officer" and p.text.strip()]
    assert written
    assert not [p.text for p in written if p.text in english and not PLACEHOLDER.search(p.text)]


def test_a_final_welsh_render_lists_every_missing_welsh_message_and_renders_once_they_are_given(tmp_path):
    with pytest.raises(OpenItemsError) as caught:
        ldd_reports.render(_welsh(), tmp_path / "papur.docx", house_style=_style(tmp_path))
    settings = [p.field.removeprefix("house style: ") for p in caught.value.open_items]
    assert "wording.paper.none" in settings and "back_matter.background_papers" in settings
    assert not (tmp_path / "papur.docx").exists()
    # Give the Welsh each refusal names, where it names it: the paper renders, with no placeholder.
    wording = {s.removeprefix("wording."): f"CY {s}" for s in settings if s.startswith("wording.")}
    extra = "wording:\n" + "".join(f"  {k}: \"{v}\"\n" for k, v in wording.items())
    for setting in (s for s in settings if not s.startswith("wording.")):
        section, name = setting.split(".")
        extra += f"{section}: {{{name}: 'CY {setting}'}}\n"
    ldd_reports.render(_welsh(), tmp_path / "papur.docx", house_style=_style(tmp_path, extra))
    texts = [p.text for p in open_docx(tmp_path / "papur.docx").paragraphs]
    assert "CY wording.paper.none" in texts and not any("TO COMPLETE" in t for t in texts)


def test_the_check_names_each_missing_welsh_message_as_an_error(tmp_path):
    style = ldd_reports.load_house_style(_style(tmp_path))
    found = ldd_reports.check(_welsh(), style)
    missing = [f for f in found if f.code == "placeholder" and "Welsh for" in f.message]
    assert missing and all(f.severity == "error" for f in missing)
    assert "house style: wording.paper.none" in {f.field for f in missing}


def test_the_librarys_standard_english_content_is_a_placeholder_naming_its_field(tmp_path):
    doc = _welsh(sections=[{"title": "Cefndir", "content": [{"standard": "background.launch"}]}])
    outline = outline_of(doc, ldd_reports.load_house_style(_style(tmp_path)))
    assert "[TO COMPLETE: Welsh for sections[0].content[0].standard]" in [p.text for p in outline.paragraphs()]


@needs_soffice
@pytest.mark.libreoffice
def test_the_welsh_pdf_says_lang_cy(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    out = tmp_path / "papur.pdf"
    ldd_reports.render(_welsh(), out, house_style=_style(tmp_path), draft=True)
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "cy"

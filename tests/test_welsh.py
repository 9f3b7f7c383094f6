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
wording:
  properties.report_subject: "Adroddiad {body}"
  properties.keywords: "Datganiad Digidol Lleol"
  properties.report_category: "Adroddiad pwyllgor"
  properties.description: "Ar gyfer {organisation}"
  properties.final: "Terfynol"
  properties.draft: "DRAFFT"
header_block:
  layout: table
  fields:
    - {label: "Dyddiad", value: meeting_date}
    - {label: "Pwnc", value: title}
"""


def _style(tmp_path, extra: str = "", wording: str = "") -> str:
    """The Welsh test style; ``wording``: more of its messages (lines under its wording:)."""
    path = tmp_path / "cymraeg.yaml"
    path.write_text(STYLE.replace("wording:\n", "wording:\n" + wording) + extra, encoding="utf-8")
    return str(path)


def _welsh(**data: object):
    return ldd_reports.as_document(minimal_report(language="cy", title="Datganiad Digidol Lleol", **data))


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
    extra = "".join(f"{section}: {{{name}: 'CY {setting}'}}\n" for setting in settings
                    if not setting.startswith("wording.") for section, name in [setting.split(".")])
    ldd_reports.render(_welsh(), tmp_path / "papur.docx",
                       house_style=_style(tmp_path, extra, "".join(f'  {k}: "{v}"\n' for k, v in wording.items())))
    texts = [p.text for p in open_docx(tmp_path / "papur.docx").paragraphs]
    assert "CY wording.paper.none" in texts and not any("TO COMPLETE" in t for t in texts)


def test_a_property_message_with_no_welsh_is_an_open_item_of_a_final_render(tmp_path):
    """The document's properties, worked out once for a final render, are what open_items reads: a property
    message the style leaves without Welsh is refused by name, as open_items names it working them out itself."""
    from ldd_reports.checks.placeholders import open_items
    from ldd_reports.outline.properties import core_properties

    path = tmp_path / "cymraeg.yaml"
    path.write_text(STYLE.replace('  properties.keywords: "Datganiad Digidol Lleol"\n', ""), encoding="utf-8")
    style = ldd_reports.load_house_style(path)
    doc = _welsh()
    outline = outline_of(doc, style)
    alone = open_items(doc, outline, style.words)
    assert "house style: wording.properties.keywords" in {p.field for p in alone}
    assert open_items(doc, outline, style.words, properties=core_properties(doc, words=style.words)) == alone
    with pytest.raises(OpenItemsError) as caught:
        ldd_reports.render_bytes(doc, house_style=style)
    assert "house style: wording.properties.keywords" in {p.field for p in caught.value.open_items}


def test_the_check_names_each_missing_welsh_message_as_an_error(tmp_path):
    style = ldd_reports.load_house_style(_style(tmp_path))
    found = ldd_reports.check(_welsh(), style)
    missing = [f for f in found if f.code == "placeholder" and "Welsh for" in f.message]
    assert missing and all(f.severity == "error" for f in missing)
    assert "house style: wording.paper.none" in {f.field for f in missing}


def test_the_librarys_standard_english_content_is_a_placeholder_naming_its_field(tmp_path):
    doc = _welsh(sections=[{"title": "Cefndir", "content": [{"standard": "background.launch"}]}])
    outline = outline_of(doc, ldd_reports.load_house_style(_style(tmp_path)))
    assert "[TO COMPLETE: Welsh for sections.0.content.0.standard]" in [p.text for p in outline.paragraphs()]


@needs_soffice
@pytest.mark.libreoffice
def test_the_welsh_pdf_says_lang_cy(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    out = tmp_path / "papur.pdf"
    ldd_reports.render(_welsh(), out, house_style=_style(tmp_path), draft=True)
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "cy"


BILINGUAL = {
    "languages": ["cy", "en"],
    "organisation": {"name": "Cyngor Bwrdeistref Sirol Conwy", "kind": "welsh"},
    "title": {"cy": "Datganiad Digidol Lleol", "en": "Local Digital Declaration"},
    "meeting": {"body": "Cabinet", "date": "2026-12-10"},
    "recommendations": {"items": [{"cy": "Bod y Cabinet yn cytuno.", "en": "That Cabinet agrees."}]},
    "sections": [{"title": {"cy": "Cefndir", "en": "Background"}, "content": [
        {"cy": "Lansiwyd y Datganiad ar 4 Gorffennaf 2018.", "en": "The Declaration was launched on 4 July 2018."}]}],
}


def _bilingual(tmp_path, **changes: object):
    style = _style(tmp_path, "back_matter: {background_papers: Papurau Cefndir}\n", "  paper.none: Dim\n"
                   "  routes.cabinet.lead_in: 'Bod y Cabinet:'\n")
    return ldd_reports.as_document({**BILINGUAL, "house_style": {"cy": style, "en": "cabinet"}, **changes})


def test_a_bilingual_input_is_a_version_per_language_each_in_its_house_style(tmp_path):
    doc = _bilingual(tmp_path)
    assert (doc.language, doc.version("en").language) == ("cy", "en")
    assert (doc.title, doc.version("en").title) == ("Datganiad Digidol Lleol", "Local Digital Declaration")
    assert doc.version("en").organisation.name == doc.organisation.name  # written once: both versions'
    out = tmp_path / "paper.docx"
    ldd_reports.render(doc, out)
    assert not out.exists()  # one file per language, beside it
    welsh = [p.text for p in open_docx(tmp_path / "paper.cy.docx").paragraphs]
    english = [p.text for p in open_docx(tmp_path / "paper.en.docx").paragraphs]
    assert "Cefndir" in welsh and "10 Rhagfyr 2026" in welsh and "Background" not in welsh
    assert "Background" in english and "10 December 2026" in english and "Cefndir" not in english


def test_the_english_version_is_the_english_paper_it_would_be_alone(tmp_path):
    english_only = {key: value["en"] if isinstance(value, dict) and "en" in value else value
                    for key, value in BILINGUAL.items() if key != "languages"}
    english_only["recommendations"] = {"items": ["That Cabinet agrees."]}
    english_only["sections"] = [{"title": "Background", "content": ["The Declaration was launched on 4 July 2018."]}]
    when = dt.datetime(2026, 12, 1, 9, 0)
    alone = ldd_reports.render_bytes(ldd_reports.as_document(english_only), when=when)
    version = ldd_reports.render_bytes(_bilingual(tmp_path), language="en", when=when)
    with zipfile.ZipFile(__import__("io").BytesIO(alone)) as a, zipfile.ZipFile(__import__("io").BytesIO(version)) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_a_bilingual_paper_published_separately_needs_a_file_name_or_a_language(tmp_path):
    import io

    from ldd_reports import RenderError

    with pytest.raises(RenderError, match="one file per language"):
        ldd_reports.render(_bilingual(tmp_path), io.BytesIO(), draft=True)
    stream = io.BytesIO()
    ldd_reports.render(_bilingual(tmp_path), stream, language="en")
    assert stream.getvalue().startswith(b"PK")


def test_removing_one_welsh_text_makes_the_check_fail_naming_the_field_and_the_language(tmp_path):
    assert not [f for f in ldd_reports.check(_bilingual(tmp_path)) if f.code == "parity"]
    sections = [{"title": {"cy": "Cefndir", "en": "Background"}, "content": [
        {"en": "The Declaration was launched on 4 July 2018."}]}]
    found = ldd_reports.check(_bilingual(tmp_path, sections=sections))
    parity = [f for f in found if f.code == "parity"]
    assert [(f.field, f.severity) for f in parity] == [("sections[0].content[0]", "error")]
    assert "no Welsh version (cy)" in parity[0].message
    # and the final render refuses it, naming the field; a draft shows the placeholder
    with pytest.raises(OpenItemsError) as caught:
        ldd_reports.render(_bilingual(tmp_path, sections=sections), tmp_path / "p.docx")
    assert [p.field for p in caught.value.open_items] == ["sections[0].content[0]"]


def test_the_parity_check_pairs_lists_links_and_figures(tmp_path):
    sections = [{"title": {"cy": "Cefndir", "en": "Background"}, "content": {
        "cy": ["Un.", "Dau ar 5 Mai: https://localdigital.gov.uk/cy"],
        "en": ["One.", "Two on 4 May: https://localdigital.gov.uk", "Three."]}}]
    messages = [f.message for f in ldd_reports.check(_bilingual(tmp_path, sections=sections)) if f.code == "parity"]
    assert messages == ["2 items in Welsh and 3 in English: the versions pair item by item"]
    paired = [{"title": {"cy": "Cefndir", "en": "Background"}, "content": [
        {"cy": "Dau ar 5 Mai: https://localdigital.gov.uk/cy", "en": "Two on 4 May: https://localdigital.gov.uk"}]}]
    messages = [f.message for f in ldd_reports.check(_bilingual(tmp_path, sections=paired)) if f.code == "parity"]
    assert any(m.startswith("the links differ") for m in messages)
    assert any(m.startswith("the figures and dates differ") for m in messages)


def test_render_language_writes_one_version_and_the_command_names_each_file(tmp_path, capsys):
    import shutil

    from ldd_reports.cli import main

    style = _style(tmp_path, "back_matter: {background_papers: Papurau Cefndir}\n", "  paper.none: Dim\n"
                   "  routes.cabinet.lead_in: 'Bod y Cabinet:'\n")
    shutil.copy(style, tmp_path / "cy.yaml")
    paper = tmp_path / "paper.yaml"
    paper.write_text(yaml.safe_dump({**BILINGUAL, "house_style": {"cy": "cy.yaml", "en": "cabinet"}},
                                    allow_unicode=True), encoding="utf-8")
    assert main(["render", str(paper), "-o", str(tmp_path / "out.docx")]) == 0
    assert capsys.readouterr().out.split() == ["wrote", str(tmp_path / "out.cy.docx"), "wrote",
                                               str(tmp_path / "out.en.docx")]
    assert main(["render", str(paper), "-o", str(tmp_path / "en.docx"), "--language", "en"]) == 0
    assert "Background" in [p.text for p in open_docx(tmp_path / "en.docx").paragraphs]


def test_a_version_that_cannot_be_finished_leaves_neither_file(tmp_path):
    sections = [{"title": {"cy": "Cefndir", "en": "Background"}, "content": [{"cy": "Lansiwyd y Datganiad."}]}]
    with pytest.raises(OpenItemsError):  # the English is missing: the Welsh is fine, but is not written alone
        ldd_reports.render(_bilingual(tmp_path, sections=sections), tmp_path / "paper.docx")
    assert not list(tmp_path.glob("paper*.docx"))


def _combined_sample(tmp_path):
    from conftest import SAMPLES

    data = yaml.safe_load((SAMPLES / "conwy_cabinet_bilingual_2026.yaml").read_text("utf-8"))
    data["bilingual"] = "combined"
    data["house_style"]["cy"] = str(SAMPLES / data["house_style"]["cy"])
    return ldd_reports.as_document(data)


def test_a_combined_paper_is_one_document_welsh_first_each_version_a_section_with_its_own_furniture(tmp_path):
    out = tmp_path / "both.docx"
    ldd_reports.render(_combined_sample(tmp_path), out)
    document = open_docx(out)
    assert len(document.sections) == 2
    texts = [p.text for p in document.paragraphs]
    welsh, english = texts.index("Datganiad Digidol Lleol"), texts.index("Local Digital Declaration")
    assert welsh < texts.index("Cefndir") < english < texts.index("Background")
    # which version rules, said at the top of each, in its language (the Welsh style's setting)
    assert texts[0] == "Os yw'r fersiynau'n wahanol, y fersiwn Gymraeg sy'n awdurdodol."
    assert texts[english - 4] == "If the versions differ, the Welsh version is authoritative."
    footers = [" ".join(p.text for p in section.footer.paragraphs) for section in document.sections]
    assert "Tudalen" in footers[0] and "Datganiad Digidol Lleol" in footers[0]
    assert "Page" in footers[1] and "Local Digital Declaration" in footers[1]
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert 'w:lang w:val="cy-GB"' in styles  # the first language's, which every Welsh run inherits
    english_xml = body[body.index("Local Digital Declaration") - 400:]
    assert '<w:lang w:val="en-GB"/>' in english_xml and '<w:lang w:val="en-GB"/>' not in body[:body.index("Cefndir")]


def test_a_combined_paper_with_exempt_parts_is_refused_until_sections_can_nest(tmp_path):
    from ldd_reports import TemplateError

    from conftest import SAMPLES

    data = yaml.safe_load((SAMPLES / "conwy_cabinet_bilingual_2026.yaml").read_text("utf-8"))
    data.update(bilingual="combined", house_style={"cy": str(SAMPLES / data["house_style"]["cy"]), "en": "cabinet"})
    data["appendices"] = [{"label": "Atodiad 1", "title": {"cy": "Dyfynbris", "en": "Quotation"},
                           "exempt": {"paragraph": 14}, "content": [{"cy": "Pris.", "en": "Price."}]}]
    with pytest.raises(TemplateError, match="exempt parts"):
        ldd_reports.render(ldd_reports.as_document(data), tmp_path / "both.docx", draft=True)
    assert not (tmp_path / "both.docx").exists()


@needs_soffice
@pytest.mark.libreoffice
def test_a_combined_pdf_reads_welsh_first_and_says_lang_cy(tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    pikepdf = pytest.importorskip("pikepdf")
    out = tmp_path / "both.pdf"
    ldd_reports.render(_combined_sample(tmp_path), out)
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "cy"
    with pdfplumber.open(out) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert "Datganiad Digidol Lleol" in pages[0] and "Tudalen 1 o" in pages[0]
    english = next(i for i, text in enumerate(pages) if "Local Digital Declaration" in text.splitlines()[3:6]
                   or "Recommendations" in text)
    assert english > 0 and "Page" in pages[english]


def test_a_bilingual_batch_writes_a_file_a_language_or_combined_papers(tmp_path):
    style = _style(tmp_path, "back_matter: {background_papers: Papurau Cefndir}\n",
                   "  paper.none: Dim\n  routes.cabinet.lead_in: 'Bod y Cabinet:'\n")
    base = {**BILINGUAL, "house_style": {"cy": style, "en": "cabinet"}}
    rows = [(2, {"organisation.name": "Cyngor Gwynedd"}), (3, {"organisation.name": "Cyngor Sir Ynys Môn"})]
    separate = ldd_reports.render_many(base, rows, tmp_path / "separate", workers=2, draft=True)  # a file a language
    assert separate.ok and separate.total == 4 and sorted(p.name for p in separate.written) == [
        "Cyngor Gwynedd.cy.docx", "Cyngor Gwynedd.en.docx", "Cyngor Sir Ynys Môn.cy.docx", "Cyngor Sir Ynys Môn.en.docx"]
    welsh = [p.text for p in open_docx(tmp_path / "separate" / "Cyngor Gwynedd.cy.docx").paragraphs]
    english = [p.text for p in open_docx(tmp_path / "separate" / "Cyngor Gwynedd.en.docx").paragraphs]
    assert "Cefndir" in welsh and "Background" not in welsh and "Background" in english and "Cefndir" not in english
    result = ldd_reports.render_many({**base, "bilingual": "combined"}, rows, tmp_path / "out", workers=1, draft=True)
    assert result.ok and len(result.written) == 2
    document = open_docx(tmp_path / "out" / "Cyngor Gwynedd.docx")
    texts = [p.text for p in document.paragraphs]
    assert len(document.sections) == 2 and texts.index("Cefndir") < texts.index("Background")


def test_an_english_default_is_never_printed_in_a_welsh_paper(tmp_path):
    untitled = ldd_reports.as_document(minimal_report(language="cy"))
    assert untitled.title == "[TO COMPLETE: Welsh text of title]"
    assert ldd_reports.as_document(minimal_report()).title == "Local Digital Declaration"  # English unchanged
    statement = ldd_reports.as_document({"document": "commitment", "language": "cy",
                                         "organisation": {"name": "Cyngor Conwy", "kind": "welsh"},
                                         "commitments": [{"title": "Cydweithio", "mission": "Tîm", "impact": "Gwell"}],
                                         "signatory": {"name": "Huw McKee", "role": "Pennaeth TG"},
                                         "date": "2019-03-20"})
    assert statement.pledge == "[TO COMPLETE: Welsh text of pledge]"
    assert statement.commitments_lead_in == "[TO COMPLETE: Welsh text of commitments_lead_in]"


def test_the_preview_shows_either_version(tmp_path):
    doc = _bilingual(tmp_path)
    welsh, english = ldd_reports.preview(doc), ldd_reports.preview(doc, language="en")
    assert '<html lang="cy-GB">' in welsh and "Cefndir" in welsh and "Background" not in welsh
    assert '<html lang="en-GB">' in english and "Background" in english and "Cefndir" not in english


def test_a_welsh_record_asks_for_each_of_its_words_and_the_english_record_is_as_before(tmp_path):
    decision = {"date": "2026-12-10", "reference": "Cofnod 12", "recommendations": [{"outcome": "agreed"}],
                "reasons": [{"cy": "Mae'r Cyngor yn cytuno.", "en": "The Council agrees."}],
                "alternatives_rejected": [{"cy": "Peidio: gwrthodwyd.", "en": "Not signing: rejected."}]}
    doc = _bilingual(tmp_path, decision=decision)
    with pytest.raises(OpenItemsError) as caught:
        ldd_reports.render(doc, tmp_path / "record.docx", record=True)
    fields = {p.field for p in caught.value.open_items}
    assert "house style: record.title" in fields and "house style: wording.record.outcome.agreed" in fields
    assert "house style: record.fields (the label of the decided_by row)" in fields
    assert not list(tmp_path.glob("record*.docx"))
    ldd_reports.render(doc, tmp_path / "record.docx", record=True, draft=True)
    welsh = [p.text for p in open_docx(tmp_path / "record.cy.docx").paragraphs]
    assert "10 Rhagfyr 2026" in welsh and "[TO COMPLETE: Welsh for style.record.title]" in welsh
    assert not any("Record of decision" in text for text in welsh)
    english = [p.text for p in open_docx(tmp_path / "record.en.docx").paragraphs]
    assert "Record of decision" in english and "10 December 2026" in english


def test_the_declaration_in_a_welsh_paper_is_the_councils_translation_or_quoted_in_english(tmp_path):
    style = ldd_reports.load_house_style(_style(tmp_path))
    sections = [{"type": "declaration", "title": "Y Datganiad"}]
    translated = outline_of(_welsh(sections=sections), style)
    texts = [p.text for p in translated.paragraphs()]
    officer = "Agree that the Council signs the Local Digital Declaration."  # minimal_report's own words
    assert texts.count("[TO COMPLETE: Welsh for sections.0]") > 10
    assert not [t for t in texts if "Declaration" in t and t != officer and "TO COMPLETE" not in t]
    quoted = outline_of(_welsh(sections=[{**sections[0], "in_english": True}]), style)
    paras = list(quoted.paragraphs())
    note = next(i for i, p in enumerate(paras) if "declaration.quoted_in_english" in p.text)
    english = [p for p in paras[note + 1:] if p.language == "en-GB"]
    assert english and any("Local Digital Declaration" in p.text for p in english)
    # an English paper is unchanged by the cache the two Welsh ones filled
    plain = outline_of(ldd_reports.as_document(minimal_report(sections=sections)), "cabinet")
    assert not any(p.language or "TO COMPLETE" in p.text for p in plain.paragraphs())
    out = tmp_path / "papur.docx"
    ldd_reports.render(_welsh(sections=[{**sections[0], "in_english": True}]), out, house_style=style, draft=True)
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode()
    assert '<w:lang w:val="en-GB"/>' in body


def test_an_unset_section_title_in_a_welsh_paper_is_a_placeholder(tmp_path):
    doc = _welsh(sections=[{"type": "declaration"}])
    assert doc.sections[0].title == "[TO COMPLETE: Welsh text of sections.0.title]"


def test_the_check_names_how_the_declaration_is_given_in_a_welsh_paper(tmp_path):
    style = ldd_reports.load_house_style(_style(tmp_path))
    for in_english, words in ((True, "quoted in English"), (False, "the council's to translate")):
        doc = _welsh(sections=[{"type": "declaration", "title": "Y Datganiad", "in_english": in_english}])
        notes = [f for f in ldd_reports.check(doc, style) if f.code == "declaration_language"]
        assert [(f.field, f.severity) for f in notes] == [("sections[0]", "note")] and words in notes[0].message


def test_a_text_written_once_in_a_bilingual_paper_is_a_parity_error_but_a_name_is_not(tmp_path):
    sections = [{"title": {"cy": "Cefndir", "en": "Background"}, "content": ["The Declaration was launched in 2018."]}]
    found = [f for f in ldd_reports.check(_bilingual(tmp_path, sections=sections)) if f.code == "parity"]
    assert [f.field for f in found] == ["sections[0].content[0]"] and "written once" in found[0].message
    # names, dates and addresses are the same in both: the bilingual fixture writes them once and is clean
    assert not [f for f in ldd_reports.check(_bilingual(tmp_path)) if f.code == "parity"]


@needs_soffice
@pytest.mark.libreoffice
def test_a_batch_of_welsh_first_pdfs_says_lang_cy(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    style = _style(tmp_path, "back_matter: {background_papers: Papurau Cefndir}\n",
                   "  paper.none: Dim\n  routes.cabinet.lead_in: 'Bod y Cabinet:'\n")
    base = {**BILINGUAL, "bilingual": "combined", "house_style": {"cy": style, "en": "cabinet"}}
    result = ldd_reports.render_many(base, [(2, {"organisation.name": "Cyngor Gwynedd"})], tmp_path / "out",
                                     workers=1, format="pdf")
    assert result.ok, result.failures
    with pikepdf.open(result.written[0]) as pdf:
        assert str(pdf.Root.Lang) == "cy"
    separate = ldd_reports.render_many({**base, "bilingual": "separate"}, [(2, {"organisation.name": "Cyngor Gwynedd"})],
                                       tmp_path / "separate", workers=1, format="pdf")
    assert separate.ok, separate.failures
    langs = {}
    for path in separate.written:
        with pikepdf.open(path) as pdf:
            langs[path.name] = str(pdf.Root.Lang)
    assert langs == {"Cyngor Gwynedd.cy.pdf": "cy", "Cyngor Gwynedd.en.pdf": "en-GB"}


def test_a_welsh_exempt_part_never_quotes_the_law_in_english(tmp_path):
    appendix = {"label": {"cy": "Atodiad 1", "en": "Appendix 1"}, "title": {"cy": "Dyfynbris", "en": "Quotation"},
                "exempt": {"paragraph": 14}, "content": [{"cy": "Pris.", "en": "Price."}]}
    style = _style(tmp_path, "back_matter: {background_papers: Papurau Cefndir}\n",
                   '  exempt.running_mark: "NID I\'W GYHOEDDI (paragraff {paragraph}; {description})"\n')
    doc = ldd_reports.as_document({**BILINGUAL, "house_style": {"cy": style, "en": "cabinet"}, "appendices": [appendix]})
    ldd_reports.render(doc, tmp_path / "paper.docx", draft=True)
    welsh = open_docx(tmp_path / "paper.cy.docx")
    marks = [p.text for section in welsh.sections for p in section.header.paragraphs if "NID I'W GYHOEDDI" in p.text]
    assert marks and "[TO COMPLETE: Welsh for the law's words" in marks[0] and "information" not in marks[0].lower()
    english = open_docx(tmp_path / "paper.en.docx")
    assert any("NOT FOR PUBLICATION" in p.text for section in english.sections for p in section.header.paragraphs)


def test_one_version_of_a_combined_paper_is_that_version_alone(tmp_path):
    ldd_reports.render(_combined_sample(tmp_path), tmp_path / "en.docx", language="en")
    document = open_docx(tmp_path / "en.docx")
    texts = [p.text for p in document.paragraphs]
    assert len(document.sections) == 1 and "Background" in texts and "Cefndir" not in texts
    import io

    welsh = open_docx(io.BytesIO(ldd_reports.render_bytes(_combined_sample(tmp_path), language="cy")))
    whole = open_docx(io.BytesIO(ldd_reports.render_bytes(_combined_sample(tmp_path))))
    assert (len(welsh.sections), len(whole.sections)) == (1, 2)  # the Welsh alone, and the combined paper

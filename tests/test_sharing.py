"""Work shared between papers (issue 24): what repeats is made once, and nothing else is held."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
import zlib

import docx
import pytest

import ldd_reports
from ldd_reports.caches import repeated
from ldd_reports.word import archive

from conftest import sample_path

def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every CRC right
        return {info.filename: z.read(info) for info in z.infolist()}

def test_the_archive_holds_every_part_as_given_content_types_first_and_opens_in_python_docx():
    parts = {"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<R/>",
             "word/media/\u00e9.png": bytes(range(256)) * 40}
    data = archive.zip_parts(parts)
    assert _parts(data) == parts
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [info.filename for info in z.infolist()]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert all(info.compress_type == zipfile.ZIP_DEFLATED and info.date_time == (1980, 1, 1, 0, 0, 0)
                   for info in z.infolist())
        assert {(info.external_attr >> 16) & 0o777 for info in z.infolist()} == {0o644}
    paper = ldd_reports.render_bytes(ldd_reports.load(sample_path("warwickshire_cabinet_2020")))
    assert "Warwickshire" in "\n".join(p.text for p in docx.Document(io.BytesIO(paper)).paragraphs)

@pytest.mark.parametrize("codec", ["isal", "zlib"])
def test_a_paper_zipped_with_either_deflate_opens_whole(monkeypatch, codec):
    """The fast extra's ISA-L where it is installed, zlib where it is not: the same parts, any reader."""
    if codec == "isal":
        isal_zlib = pytest.importorskip("isal.isal_zlib")
        assert archive._codec is isal_zlib  # installed (the test extras have it): it is the one used
    else:
        monkeypatch.setattr(archive, "_codec", zlib)
    archive._deflated.cache_clear()  # no stream made by the other codec
    try:
        paper = ldd_reports.render_bytes(ldd_reports.load(sample_path("warwickshire_cabinet_2020")),
                                         when=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        with zipfile.ZipFile(io.BytesIO(paper)) as z:
            assert z.testzip() is None
            body = z.read("word/document.xml")
        packed, crc = archive._deflate(body)
        assert zlib.decompress(packed, -15) == body and crc == zlib.crc32(body)
        assert "Warwickshire" in "\n".join(p.text for p in docx.Document(io.BytesIO(paper)).paragraphs)
    finally:
        archive._deflated.cache_clear()


def test_a_result_is_kept_only_once_its_arguments_repeat_and_a_full_cache_starts_again():
    calls: list[str] = []

    @repeated(2)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert upper("once") == "ONCE" and upper.cache_info().kept == 0  # met once: only its hash is held
    assert upper("twice") == upper("twice") == "TWICE"
    assert upper.cache_info().kept == 1
    assert upper("twice") == "TWICE" and calls.count("twice") == 2  # the third call is answered from the cache
    for text in ("a", "a", "b", "b"):  # a third result to keep: the full cache starts again
        upper(text)
    info = upper.cache_info()
    assert info.kept == 1 and info.seen <= 2
    upper("twice")
    assert calls.count("twice") == 3  # dropped with the rest


def test_the_numbering_part_is_made_once_for_papers_numbering_the_same_lists():
    from ldd_reports.outline.build import outline_of
    from ldd_reports.word import writer

    writer._numbering_part.cache_clear()
    outlines = [outline_of(ldd_reports.load(sample_path(name))) for name in
                ("warwickshire_cabinet_2020", "warwickshire_cabinet_2020", "warwickshire_cabinet_2020",
                 "london_councils_executive_2019")]
    parts = [writer.numbering_xml(None, outline, 3, 5) for outline in outlines]
    fresh = [writer._numbering_part.__wrapped__(None, tuple(o.schemes.items()), tuple(o.lists), 3, 5) for o in outlines]
    assert parts == fresh  # what the cache gives is what a fresh build gives
    assert parts[0] == parts[1] == parts[2] != parts[3]
    assert writer._numbering_part.cache_info().hits == 1  # the third paper's, kept when the second came
    assert writer.numbering_xml(None, outlines[0], 4, 5) != parts[0]  # the ids are part of what is kept


def test_the_caches_of_a_batch_hold_what_repeats_not_each_rows_own_paragraphs():
    from ldd_reports.markup import _parse_cached
    from ldd_reports.word.archive import _deflated
    from ldd_reports.word.wordml import _run
    from ldd_reports.word.writer import _cached_paragraph

    caches = (_cached_paragraph, _run, _parse_cached, _deflated)
    for cache in caches:
        cache.cache_clear()
    base = ldd_reports.load(sample_path("warwickshire_cabinet_2020")).model_dump(mode="json", exclude_unset=True)
    for n in range(12):  # twelve councils, each named in paragraphs of its own
        base["organisation"]["name"] = f"Council Number {n} of Many"
        ldd_reports.render_bytes(ldd_reports.loads(json.dumps(base), format="json"), draft=True)
    for cache in caches:
        assert cache.cache_info().kept > 0, cache  # the standard content, the same in every paper
    for cache in (_cached_paragraph, _run, _deflated):  # made once a paper: a council's own are never held
        held = repr(cache.cache_keys())
        assert "Council Number" not in held, cache
    # A name is parsed several times within its paper (so it repeats), but the cache stays within its size
    assert _parse_cached.cache_info().kept <= 1024


def test_equal_inputs_give_equal_files_and_a_kept_part_is_the_same_bytes():
    doc = ldd_reports.load(sample_path("london_councils_executive_2019"))

    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    first, second, third = (ldd_reports.render_bytes(doc, when=when) for _ in range(3))
    assert first == second == third  # the third reuses deflated parts; the file is byte for byte the same


def test_a_body_that_only_prints_or_tests_its_fragments_is_placed_as_written():
    from ldd_reports.templating.templates import as_written

    assert as_written("<w:body>{{ fragments.paper }}</w:body>", "fragments")
    assert as_written("{% if fragments.summary %}{{ fragments.summary }}{% elif fragments.body %}x{% endif %}", "fragments")
    assert as_written("{{ fragments['paper'] }}{{ doc.title|upper }}", "fragments")
    for used in ("{{ fragments.paper|upper }}", "{% if fragments.a|length > 3 %}x{% endif %}",
                 "{% for name in fragments %}{{ name }}{% endfor %}", "{% set f = fragments %}{{ f.paper }}",
                 "{{ fragments.paper ~ 'x' }}", "{% if not fragments.summary %}x{% endif %}"):
        assert not as_written(used, "fragments"), used


def test_fragments_placed_into_a_checked_body_give_the_same_file_as_a_whole_render(monkeypatch):
    """The body is parsed around stand-ins and the library's XML put in their places: byte for byte the
    same .docx as rendering it whole and parsing everything."""
    from ldd_reports import pipeline

    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    docs = [ldd_reports.load(sample_path(name)) for name in ("warwickshire_cabinet_2020", "conwy_commitment_2019",
                                                              "london_councils_executive_2019")]
    placed = [ldd_reports.render_bytes(doc, when=when) for doc in docs]
    parsed: list[int] = []
    original = pipeline._render_part

    def whole(prepared, part, context, fragments=None, furniture=None):
        parsed.append(len(context["fragments"]) if fragments is None else -1)
        return original(prepared, part, context)  # never with stand-ins

    monkeypatch.setattr(pipeline, "_render_part", whole)
    assert [ldd_reports.render_bytes(doc, when=when) for doc in docs] == placed
    assert -1 in parsed  # the body had been placed as written


def test_a_template_that_uses_a_fragments_text_is_rendered_whole_and_its_xml_still_checked(tmp_path):
    from docx_fixtures import build, make_template

    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    lengths = make_template(tmp_path, build.p("{% if fragments.paper|length > 1000 %}LONG PAPER{% endif %}"))
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(ldd_reports.render_bytes(doc, lengths))).paragraphs)
    assert "LONG PAPER" in text  # the real fragment's length (a stand-in has 23 characters)
    broken = make_template(tmp_path, build.p("{{ fragments.summary }}") + "</w:p>", name="broken.docx")
    with pytest.raises(ldd_reports.TemplateError, match="not well-formed"):
        ldd_reports.render_bytes(doc, broken)


def test_a_body_the_same_around_its_stand_ins_is_parsed_once_and_any_other_body_is_checked(tmp_path, monkeypatch):
    """A body that renders the same around the stand-ins (but for the nonce) is parsed and checked once; a body
    whose own text differs (it prints the row's words) is parsed and checked again, and refused when it must be."""
    from docx_fixtures import make_template

    from ldd_reports import pipeline

    checked: list[str] = []
    original = pipeline._parsed_and_checked
    monkeypatch.setattr(pipeline, "_parsed_and_checked",
                        lambda prepared, part, data: checked.append(part) or original(prepared, part, data))
    pipeline._CHECKED.clear()
    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    first, second = (ldd_reports.render_bytes(doc, when=when) for _ in range(2))
    assert first == second and checked.count("word/document.xml") == 1  # the second body: no parse
    assert checked.count("word/header1.xml") == 1  # (the header too: it prints its words as written)

    # A body whose own text is the title, in a field's instruction: checked every time its text differs
    titled = make_template(tmp_path, '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                           'xml:space="preserve">{{ doc.title }}</w:instrText></w:r><w:r><w:fldChar '
                           'w:fldCharType="end"/></w:r></w:p>')
    ldd_reports.render_bytes(doc, titled, draft=True)
    ldd_reports.render_bytes(doc, titled, draft=True)
    before = checked.count("word/document.xml")
    fetching = doc.model_copy(update={"title": "INCLUDETEXT http://example.org/x"})
    with pytest.raises(ldd_reports.TemplateError, match="INCLUDETEXT"):
        ldd_reports.render_bytes(fetching, titled, draft=True)
    assert checked.count("word/document.xml") == before + 1
    assert len(pipeline._CHECKED) <= pipeline._CHECKED_MOST


def _council(name: str):
    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    return doc.model_copy(update={"organisation": doc.organisation.model_copy(update={"name": name})})


def test_a_header_printing_its_words_as_written_is_parsed_once_and_carries_each_papers_words(monkeypatch):
    """The running header and footer print their words as plain text: rendered around stand-ins, parsed once for
    every council, each paper's words (escaped) in their places; the same bytes as rendering them whole."""
    from ldd_reports import pipeline

    checked: list[str] = []
    original = pipeline._parsed_and_checked
    monkeypatch.setattr(pipeline, "_parsed_and_checked",
                        lambda prepared, part, data: checked.append(part) or original(prepared, part, data))
    pipeline._CHECKED.clear()
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    names = ["Rugby Borough Council", "Telford & Wrekin <Council> \"O'Neill\"", "Cyngor Sir Ynys M\u00f4n"]
    papers = [ldd_reports.render_bytes(_council(name), when=when) for name in names]
    assert checked.count("word/header1.xml") == 1 and checked.count("word/footer1.xml") == 1
    for name, paper in zip(names, papers):
        header = docx.Document(io.BytesIO(paper)).sections[0].header
        assert name in "\n".join(p.text for p in header.paragraphs)
    monkeypatch.setattr(pipeline, "_printed", lambda furniture, markup: None)  # every part rendered whole
    assert [ldd_reports.render_bytes(_council(name), when=when) for name in names] == papers
    assert checked.count("word/header1.xml") == 1 + len(names)


def test_words_that_print_runs_of_their_own_render_the_header_whole(monkeypatch):
    from ldd_reports import pipeline

    whole: list[str] = []
    original = pipeline._render_part
    monkeypatch.setattr(pipeline, "_render_part", lambda prepared, part, context, fragments=None, furniture=None:
                        (whole.append(part) if furniture is None else None)
                        or original(prepared, part, context, fragments, furniture))
    doc = _council("Rugby Borough Council")
    ldd_reports.render_bytes(doc, draft=True)
    assert "word/header1.xml" not in whole and "word/footer1.xml" not in whole
    whole.clear()
    open_title = doc.model_copy(update={"title": "Signing [TO COMPLETE: the title]"})
    paper = ldd_reports.render_bytes(open_title, draft=True)  # the footer's placeholder prints as runs of its own
    # one word that prints runs of its own: every part printing the words is rendered whole (header and footer)
    assert "word/footer1.xml" in whole and "word/header1.xml" in whole
    with zipfile.ZipFile(io.BytesIO(paper)) as z:
        footer = z.read("word/footer1.xml").decode()
    assert 'w:val="Placeholder"' in footer and "[TO COMPLETE: the title]" in footer  # highlighted, as in the body


def test_the_running_words_in_a_field_instruction_are_checked_as_the_template_would_print_them(tmp_path):
    """A header that prints the running words inside a field's instruction is rendered whole, so a council named
    after a fetching field is refused, as it was before the words had stand-ins."""
    import zipfile as zf

    from ldd_reports.templating.templates import templates_dir

    source = templates_dir() / "cabinet_report.docx"
    out = tmp_path / "fielded.docx"
    with zf.ZipFile(source) as src, zf.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/header1.xml":
                text = data.decode()
                run = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                       '{{ furniture.header }}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
                data = text.replace("</w:p>", run + "</w:p>", 1).encode()
            dst.writestr(item, data)
    ldd_reports.render_bytes(_council("Rugby Borough Council"), out, draft=True)  # an odd field, but no fetching one
    ldd_reports.render_bytes(_council("Rugby Borough Council"), out, draft=True)
    with pytest.raises(ldd_reports.TemplateError, match="INCLUDETEXT"):
        ldd_reports.render_bytes(_council("INCLUDETEXT http://example.org/x"), out, draft=True)


def test_a_template_doing_more_with_the_furniture_than_print_it_is_rendered_whole():
    from ldd_reports.templating.templates import as_written

    assert as_written("<w:t>{{ furniture.header }}</w:t>{% if furniture.footer %}x{% endif %}", "furniture")
    assert as_written("<w:t>{{ doc.title }}</w:t>", "furniture")  # not used at all
    for used in ("{{ furniture.header|upper }}", "{% for k in furniture %}{{ k }}{% endfor %}",
                 "{{ furniture.header ~ '!' }}", '<w:pStyle w:val="{{ furniture.header|length }}"/>'):
        assert not as_written(used, "furniture"), used


def test_the_document_is_dumped_for_a_template_only_when_it_reads_it():
    from ldd_reports.templating.sandbox import template_data

    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    record = template_data(doc)
    assert callable(object.__getattribute__(record, "_fields"))  # nothing dumped yet (the built-in templates never read it)
    assert record.organisation.name == "Warwickshire County Council" and "title" in record
    assert object.__getattribute__(record, "_fields") == doc.model_dump()


def test_a_fragment_placed_in_an_attribute_is_rendered_whole_and_refused_as_before(tmp_path):
    from docx_fixtures import make_template

    doc = ldd_reports.load(sample_path("warwickshire_cabinet_2020"))
    in_attribute = make_template(tmp_path, '<w:p><w:pPr><w:pStyle w:val="{{ fragments.paper }}"/></w:pPr></w:p>',
                                 paper=False)
    with pytest.raises(ldd_reports.TemplateError, match="not well-formed"):  # never a corrupt file
        ldd_reports.render_bytes(doc, in_attribute)


# -- a row validated over its base ----------------------------------------------------------------
def _row_docs(base_name: str, rows: list[dict[str, str]]):
    from ldd_reports.inputs.csv_rows import apply_row, set_columns
    from ldd_reports.inputs.loaders import validate, validate_over
    from ldd_reports.inputs.source import Source, read

    data = read(sample_path(base_name)).data
    base = validate(Source(data))
    for row in rows:
        yield base, validate_over(base, apply_row(data, row), set_columns(row)), validate(Source(apply_row(data, row)))


def test_a_row_validated_over_its_base_equals_the_row_validated_whole_and_shares_what_it_leaves_alone():
    import csv

    with open(sample_path("councils_batch").with_suffix(".csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for base, over, whole in _row_docs("batch_base", rows):
        assert over == whole and over.model_dump_json() == whole.model_dump_json()
        assert over.model_fields_set == whole.model_fields_set
        assert over.organisation is not base.organisation  # the row's own, validated
        assert over.sections is not base.sections and all(a is b for a, b in zip(over.sections, base.sections))
        assert over.recommendations is base.recommendations


def test_a_row_setting_the_language_or_a_bilingual_base_is_validated_whole():
    rows = [{"organisation.name": "Cyngor Sir Ynys Môn", "language": "cy"}]
    for base, over, whole in _row_docs("batch_base", rows):
        assert over == whole and over.language == "cy"
        assert not any(a is b for a, b in zip(over.sections, base.sections))
    for base, over, whole in _row_docs("conwy_cabinet_bilingual_2026", [{"organisation.name": "Cyngor Gwynedd"}]):
        assert over == whole and over.version("en") == whole.version("en")
        assert not any(a is b for a, b in zip(over.sections, base.sections))


def test_a_row_that_breaks_a_rule_across_fields_is_refused_as_the_whole_row_is():
    from ldd_reports.errors import InputError

    row = {"organisation.kind": "scottish"}  # its exempt parts cite Schedule 12A, which is not Scots law
    with pytest.raises(InputError) as over:
        list(_row_docs("front_sheet_cabinet_2026", [row]))
    from ldd_reports.inputs.csv_rows import apply_row
    from ldd_reports.inputs.loaders import validate
    from ldd_reports.inputs.source import Source, read

    with pytest.raises(InputError) as whole:
        validate(Source(apply_row(read(sample_path("front_sheet_cabinet_2026")).data, row)))
    assert over.value.problems == whole.value.problems and "Scotland" in str(over.value)


# -- a batch's base values held unchanged: each walk's answer for them worked out once --------------
def test_an_answer_for_a_value_held_unchanged_is_worked_out_once_and_for_any_other_each_time():
    from ldd_reports.caches import for_unchanged, hold_unchanged, is_unchanged

    held, other, calls = [1], [1], []

    def work(value):
        calls.append(value)
        return len(calls)

    try:
        hold_unchanged([held])
        assert is_unchanged(held) and not is_unchanged(other)  # by identity: an equal object is another
        assert [for_unchanged(held, "k", lambda: work(held)) for _ in range(3)] == [1, 1, 1]
        assert for_unchanged(held, "other key", lambda: work(held)) == 2
        assert [for_unchanged(other, "k", lambda: work(other)) for _ in range(2)] == [3, 4]
        hold_unchanged([other])  # letting go of what was held before
        assert not is_unchanged(held) and for_unchanged(held, "k", lambda: work(held)) == 5
    finally:
        hold_unchanged(())


@pytest.mark.parametrize("base_name", ["batch_base", "front_sheet_cabinet_2026"])
def test_the_walks_over_a_row_give_the_same_answers_with_its_bases_values_held_as_without(base_name):
    """The placeholder search, the values the audit looks for and the shared sections' lookups answer for a row
    with its base's values held unchanged (as a batch worker holds them) exactly as with nothing held; and a
    row's own values (its organisation) are never among those held."""
    import csv

    from ldd_reports.batch.workers import values_of
    from ldd_reports.caches import hold_unchanged, is_unchanged
    from ldd_reports.checks.placeholders import _any_placeholder, open_items
    from ldd_reports.house_styles.style import resolve_house_style
    from ldd_reports.outline.audit import input_values
    from ldd_reports.outline.build import document_outline

    with open(sample_path("councils_batch").with_suffix(".csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))[:12]
    rows[3] = {**rows[3], "organisation.name": "[TO COMPLETE: council]"}  # a row's own placeholder is still found

    def answers(doc):
        style = resolve_house_style(None, doc)
        outline = document_outline(doc, style)
        return (_any_placeholder(doc), input_values(doc), open_items(doc, outline, style.words),
                [(part, [getattr(b, "text", None) for b in blocks]) for part, blocks in outline.parts.items()])

    from ldd_reports.outline import shared

    found = []
    for base, over, _ in _row_docs(base_name, rows):
        hold_unchanged(())
        alone = answers(over)
        found.append(alone[0])
        try:
            hold_unchanged(values_of(base))
            assert any(is_unchanged(sec) for sec in over.sections) and not is_unchanged(over.organisation)
            assert answers(over) == alone
            assert answers(over) == alone  # the second time from what was worked out the first
            kept = [entry for group in shared._KEPT.values() for entry in group]
            assert any(entry.seen is sec for entry in kept for sec in over.sections)  # compared once, then known
        finally:
            hold_unchanged(())
    assert found[3] is True and not any(found[:3])  # the fourth row's own placeholder, found with its base held


def test_a_batch_holds_its_bases_values_only_while_it_runs(tmp_path):
    from ldd_reports.caches import _UNCHANGED

    result = ldd_reports.render_many(sample_path("batch_base"), [(2, {"organisation.name": "Rugby Borough Council"})],
                                     tmp_path, workers=1)
    assert result.ok and len(result.written) == 1
    assert not _UNCHANGED  # a later paper of the caller's own objects is walked afresh


def test_a_templates_last_section_is_found_once_and_each_paper_gets_its_own_breaks():
    """SectionBreaks.of keeps the body's last w:sectPr for a template's bytes (the same for every paper), and
    gives each paper breaks of its own: one paper's regions never show in the next's."""
    import re as _re

    from ldd_reports.templating.templates import prepare, resolve_template
    from ldd_reports.word.sections import SectionBreaks, _final_section

    for name in ("cabinet_report", "executive_report", "commitment_statement"):
        body = prepare(resolve_template(name, None)).parts["word/document.xml"]
        text = body.decode("utf-8")
        last = list(_re.finditer(r"<w:sectPr\b[^>]*>.*?</w:sectPr>", text[:text.rfind("</w:body>")], _re.S))[-1].group()
        first, second = SectionBreaks.of(body), SectionBreaks.of(body)  # (kept the second time it comes)
        hits = _final_section.cache_info().hits  # type: ignore[attr-defined]
        third = SectionBreaks.of(body)
        assert _final_section.cache_info().hits == hits + 1  # type: ignore[attr-defined]
        assert first.final == second.final == third.final == last
        first.end("NOT FOR PUBLICATION")
        assert first.marks and not second.marks and not third.marks
    assert SectionBreaks.of(None).final == "<w:sectPr/>"

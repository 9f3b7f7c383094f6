"""Sections shared between papers (issue 24): a section is built once and copied into each paper whose
build would read the same; what it reads decides whether it is shared, and the copy equals a fresh build."""

from __future__ import annotations

import csv
import dataclasses
import json

import pytest

import ldd_reports
from ldd_reports.inputs.csv_rows import apply_row
from ldd_reports.inputs.source import read
from ldd_reports.outline import shared
from ldd_reports.outline.build import outline_of
from ldd_reports.outline.nodes import Para, Piece, Region, Table

from conftest import SAMPLES, sample_path


def _dump(outline: object) -> dict:
    """Everything an outline holds (parts, furniture, lists, what was left out, each list's counts), but the
    note of which blocks are copies (of blocks that a fresh build makes itself)."""
    dump = dataclasses.asdict(outline)  # type: ignore[call-overload]
    del dump["_copied"]
    return dump


def _versions() -> list[tuple[str, object, dict]]:
    """(name, document, how) for every sample: the paper, its public version, its record, each language."""
    out = []
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = ldd_reports.load(path)
        for version in [doc.version(code) for code in doc.languages] if doc.languages else [doc]:
            ways = [{}, {"public": True}] + ([{"record": True}] if getattr(version, "decision", None) else [])
            for how in ways:
                out.append((f"{path.stem}:{version.language}:{how}", version, how))
    return out


def test_every_sample_built_from_kept_sections_equals_its_fresh_build():
    versions = _versions()
    fresh = {}
    for name, doc, how in versions:
        shared.clear()
        fresh[name] = _dump(outline_of(doc, **how))
    shared.clear()
    for _ in range(3):  # each paper beside the others: what one kept, another may be given
        warm = {name: _dump(outline_of(doc, **how)) for name, doc, how in versions}
    assert shared.info().hits > 0
    for name, _, _ in versions:
        assert warm[name] == fresh[name], name


def _rows(every: int = 5) -> list[dict]:
    base = read(sample_path("batch_base")).data
    with open(SAMPLES / "councils_batch.csv", encoding="utf-8") as f:
        return [apply_row(base, row) for row in list(csv.DictReader(f))[::every]]


def test_batch_rows_built_from_kept_sections_equal_their_fresh_builds():
    docs = [ldd_reports.loads(json.dumps(row), format="json") for row in _rows()]
    fresh = []
    for doc in docs:
        shared.clear()
        fresh.append(_dump(outline_of(doc)))
    shared.clear()
    warm = [_dump(outline_of(doc)) for doc in docs]
    done = shared.info()
    assert done.hits > done.builds  # most sections of most rows are copies
    for doc, a, b in zip(docs, warm, fresh):
        assert a == b, doc.organisation.name


def test_a_section_naming_its_council_is_each_rows_own_and_never_kept():
    shared.clear()
    base = read(sample_path("batch_base")).data
    names = [f"Council Number {n} of Many" for n in range(6)]
    for name in names:  # in Wales the funding paragraph names the body: "... are open to {organisation} in Wales"
        row = apply_row(base, {"organisation.name": name, "organisation.kind": "welsh"})
        outline = outline_of(ldd_reports.loads(json.dumps(row), format="json"))
        funding = [p.text for p in outline.paragraphs() if "funding are for councils in England" in p.text]
        assert funding and all(name in text for text in funding), funding
        assert not any(other in text for text in funding for other in names if other != name)
    assert shared.info().hits > 0  # the other sections were shared
    held = " ".join(p.text for block in shared.kept_blocks()
                    for p in ([block] if isinstance(block, Para) else block.paragraphs()))
    assert "The Declaration" in held  # the sections that do not name the council are kept ...
    assert "Council Number" not in held  # ... and none of it names one council


def test_a_kept_section_is_copied_so_one_paper_changing_its_blocks_changes_no_other():
    doc = ldd_reports.load(sample_path("batch_base"))
    shared.clear()
    fresh = _dump(outline_of(doc))
    outline_of(doc), outline_of(doc)  # seen, then kept
    given = outline_of(doc)
    for para in given.paragraphs():  # what later passes (keeps, a front sheet's page break) and a caller may do
        para.keep_next = not para.keep_next
        para.pieces.append(Piece("changed"))
    assert _dump(outline_of(doc)) == fresh


def test_a_section_whose_build_reads_the_document_is_built_for_each_paper():
    doc = ldd_reports.load(sample_path("front_sheet_cabinet_2026"))  # exempt parts: the banner names the nation
    assert any(sec.exempt for sec in [*doc.sections, *doc.appendices])
    shared.clear()
    fresh = _dump(outline_of(doc))
    for _ in range(3):
        assert _dump(outline_of(doc)) == fresh
    assert shared.info().unshared > 0


def test_the_memo_holds_at_most_a_few_sections_a_key_and_starts_again_when_full(monkeypatch):
    shared.clear()
    base = read(sample_path("batch_base")).data
    for n in range(10):  # each paper's first section its own: a new entry under the same key each time
        row = apply_row(base, {"sections[0].title": f"Background {n}"})
        outline_of(ldd_reports.loads(json.dumps(row), format="json"))
    groups = shared._KEPT.values()
    assert max(len(group) for group in groups) <= shared._PER_KEY
    monkeypatch.setattr(shared, "_MOST", 8)
    shared.clear()
    for n in range(4):
        row = apply_row(base, {"sections[0].title": f"Background {n}"})
        outline_of(ldd_reports.loads(json.dumps(row), format="json"))
        held = shared.info()
        assert held.kept + held.seen + held.unshared <= 8


def test_copies_carry_every_field_and_share_no_list():
    piece = Piece("Text", "sections[0].content[0]", "officer")
    scheme_para = Para([piece], "number", 1, num=(2, 1), keep_next=True, page_break=True, space_before=6,
                       label_width=72, indent=12, tags=frozenset({"x"}), numbering=None, language="en-GB")
    assert all(getattr(scheme_para, f.name) != f.default for f in dataclasses.fields(Para)
               if f.name not in ("pieces", "numbering") and f.default is not dataclasses.MISSING)
    copy = scheme_para.copy()
    assert dataclasses.asdict(copy) == dataclasses.asdict(scheme_para)
    assert copy.pieces is not scheme_para.pieces
    table = Table([[[scheme_para], [Para([piece])]]], 1, [1, 2])
    region = Region([table], [piece])
    again = region.copy()
    assert dataclasses.asdict(again) == dataclasses.asdict(region)
    assert again.blocks[0].rows[0][0][0] is not scheme_para and again.mark is not region.mark


@pytest.fixture(autouse=True)
def _fresh_memo():
    shared.clear()
    yield
    shared.clear()


_WHEN = __import__("datetime").datetime(2026, 1, 1, tzinfo=__import__("datetime").timezone.utc)


def test_papers_written_from_kept_runs_are_the_bytes_of_papers_written_afresh():
    docs = [(path.stem, ldd_reports.load(path)) for path in sorted(SAMPLES.glob("*.yaml"))]
    docs += [(f"row {n}", ldd_reports.loads(json.dumps(row), format="json")) for n, row in enumerate(_rows(20))]
    fresh = {}
    for name, doc in docs:
        shared.clear()
        fresh[name] = ldd_reports.render_bytes(doc, draft=True, when=_WHEN)
    shared.clear()
    for _ in range(4):  # seen, kept, copied and written, copied and its XML reused
        for name, doc in docs:
            assert ldd_reports.render_bytes(doc, draft=True, when=_WHEN) == fresh[name], name


def test_a_run_after_other_links_is_written_with_its_own_link_ids():
    from ldd_reports.pipeline import build_fragments
    from ldd_reports.templating.templates import prepare, resolve_template

    base = read(sample_path("batch_base")).data
    plain = ldd_reports.loads(json.dumps(base), format="json")
    linked = ldd_reports.loads(json.dumps({**base, "summary": ["See [the Declaration](https://localdigital.gov.uk)."]}),
                               format="json")
    prepared = prepare(resolve_template(None, plain))
    shared.clear()
    fresh = build_fragments(outline_of(linked), prepared)[1].links
    for _ in range(4):  # the plain paper's runs kept, their XML written with the plain paper's link ids
        build_fragments(outline_of(plain), prepared)
    fragments, writer = build_fragments(outline_of(linked), prepared)
    assert writer.links == fresh and len(fresh) > 1  # the summary's link first, then the sections' own
    for url, rid in writer.links.items():
        assert fragments["paper"].count(f'r:id="{rid}"') >= 1, url


def test_a_copied_run_changed_after_copying_is_written_as_it_now_is():
    from ldd_reports.pipeline import build_fragments
    from ldd_reports.templating.templates import prepare, resolve_template

    doc = ldd_reports.load(sample_path("batch_base"))
    prepared = prepare(resolve_template(None, doc))
    shared.clear()
    for _ in range(4):
        build_fragments(outline_of(doc), prepared)
    outline = outline_of(doc)
    copied = [block for block in outline.parts["body"] if isinstance(block, Para) and block.role == "heading"]
    copied[2].pieces.append(Piece(" (changed after copying)"))
    assert "(changed after copying)" in build_fragments(outline, prepared)[0]["body"]


def test_papers_built_in_threads_at_once_equal_their_fresh_builds():
    from concurrent.futures import ThreadPoolExecutor

    docs = [ldd_reports.loads(json.dumps(row), format="json") for row in _rows(14)]
    fresh = []
    for doc in docs:
        shared.clear()
        fresh.append(_dump(outline_of(doc)))
    shared.clear()
    with ThreadPoolExecutor(4) as pool:  # (the memo's lookups and entries under its lock; builds outside it)
        built = list(pool.map(lambda doc: _dump(outline_of(doc)), docs * 3))
    assert built == fresh * 3


def test_a_section_or_house_style_changed_in_place_after_a_render_is_built_again():
    from ldd_reports.house_styles.style import resolve_house_style

    doc = ldd_reports.load(sample_path("batch_base"))
    style = resolve_house_style(None, doc).model_copy(deep=True)  # a style of the caller's own (not the built-in)
    shared.clear()
    for _ in range(3):  # kept, then copied
        outline_of(doc)
    doc.sections[0].title = "Background, as changed in the notebook"  # the same object, changed in place
    assert "Background, as changed in the notebook" in [p.text for p in outline_of(doc).paragraphs()]
    for _ in range(3):
        outline_of(doc, style)
    style.wording = {**style.wording, "risks.risk": "Hazard"}  # the risks table's heading, in this council's words
    changed = _dump(outline_of(doc, style))
    assert "Hazard" in [p.text for p in outline_of(doc, style).paragraphs()]
    shared.clear()
    assert changed == _dump(outline_of(doc, style))


def test_a_built_in_house_style_is_kept_under_its_name_and_any_other_under_its_words():
    from ldd_reports.house_styles.style import resolve_house_style, style_key

    builtin = resolve_house_style("cabinet")
    assert style_key(builtin) == "built-in:cabinet" and style_key(resolve_house_style("cabinet")) == "built-in:cabinet"
    own = builtin.model_copy(deep=True)  # equal, but the caller's: it may change in place
    assert style_key(own) == own.model_dump_json()
    own.wording = {**own.wording, "risks.risk": "Hazard"}
    assert style_key(own) == own.model_dump_json() != builtin.model_dump_json()


def test_a_copied_paragraph_has_every_field_of_the_original_and_a_list_of_pieces_of_its_own():
    import dataclasses

    from ldd_reports.outline.nodes import Para, Piece, Scheme

    values = {"pieces": [Piece("Text", "summary")], "role": "heading", "level": 2, "num": (3, 1), "keep_next": True,
              "page_break": True, "space_before": 6, "label_width": 40, "indent": 20, "tags": frozenset({"type:risks"}),
              "numbering": (Scheme("paragraphs", ()), (1, 2)), "language": "en-GB"}
    fields = {field.name for field in dataclasses.fields(Para)}
    assert set(values) == fields, "a new field of Para: give it a value here, and copy it in Para.copy"
    original = Para(**values)
    copy = original.copy()
    assert {name: getattr(copy, name) for name in fields} == values and type(copy) is Para
    assert copy.pieces is not original.pieces
    copy.keep_next = False
    assert original.keep_next is True

"""Clerk-ready pages: what must stay together does, and no table column is left empty."""

from __future__ import annotations

import ldd_reports
from ldd_reports.outline.build import outline_of
from ldd_reports.outline.keeps import SMALL_TABLE

from conftest import minimal_report, open_docx


def _outline(**data: object):
    return outline_of(ldd_reports.as_document(minimal_report(**data)), "cabinet")


def test_a_lead_in_stays_with_its_list_and_a_lists_first_item_with_its_second():
    outline = _outline(sections=[{"title": "Next steps", "content": [
        "The Council will:", {"bullets": ["publish its plan", "join a first action", "report back"]},
        "A closing paragraph."]}])
    paras = {p.text: p for p in outline.paragraphs()}
    assert paras["The Council will:"].keep_next
    assert paras["publish its plan"].keep_next and not paras["join a first action"].keep_next
    assert not paras["report back"].keep_next and not paras["A closing paragraph."].keep_next


def test_a_small_table_is_kept_on_one_page_and_a_long_one_may_break():
    def table(rows: int):
        return {"header": ["Step", "When"], "rows": [[f"step {i}", f"month {i}"] for i in range(rows)]}

    outline = _outline(sections=[{"title": "Plan", "content": ["Short:", table(3), "Long:", table(SMALL_TABLE + 2)]}])
    short, long = (b for b in outline.parts["body"] if type(b).__name__ == "Table")
    assert all(p.keep_next for row in short.rows[:-1] for cell in row for p in cell)
    assert not any(p.keep_next for p in short.rows[-1][0])
    assert not any(p.keep_next for row in long.rows for cell in row for p in cell)
    assert next(p for p in outline.paragraphs() if p.text == "Short:").keep_next


def test_keep_with_next_reaches_the_word_document(tmp_path):
    out = tmp_path / "paper.docx"
    ldd_reports.render(ldd_reports.as_document(minimal_report(sections=[{"title": "Next steps", "content": [
        "The Council will:", {"bullets": ["publish its plan", "report back"]}]}])), out)
    lead = next(p for p in open_docx(out).paragraphs if p.text == "The Council will:")
    assert lead.paragraph_format.keep_with_next


def test_a_contacts_table_has_no_column_the_paper_has_nothing_for(tmp_path):
    out = tmp_path / "paper.docx"
    data = minimal_report(contacts=[{"role": "Report Author", "name": "Jo Evans"}])
    ldd_reports.render(ldd_reports.as_document(data), out, house_style="cabinet")
    table = next(t for t in open_docx(out).tables if t.rows[0].cells[0].text == "Role")
    assert [c.text for c in table.rows[0].cells] == ["Role", "Name"]
    with_email = minimal_report(contacts=[{"role": "Report Author", "name": "Jo Evans", "email": "jo@example.gov.uk"}])
    ldd_reports.render(ldd_reports.as_document(with_email), out, house_style="cabinet", force=True)
    table = next(t for t in open_docx(out).tables if t.rows[0].cells[0].text == "Role")
    assert [c.text for c in table.rows[0].cells] == ["Role", "Name", "Contact Information"]

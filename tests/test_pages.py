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


def test_the_label_column_fits_the_longest_label_and_a_label_too_long_for_any_goes_above_its_value():
    from ldd_reports.house_styles.style import HouseStyle, resolve_house_style
    from ldd_reports.outline.header_block import LABEL_COLUMN, MAX_LABEL_COLUMN
    from ldd_reports.outline.fitting import text_width

    def style(*labels: str) -> HouseStyle:
        data = resolve_house_style("front_sheet").model_dump(mode="json", exclude={"base_dir"})
        data["header_block"]["fields"] = [{"label": "Date", "value": "meeting_date"},
                                          *({"label": label, "value": "wards_affected"} for label in labels)]
        return HouseStyle.model_validate(data)

    doc = ldd_reports.as_document(minimal_report(wards_affected="All wards"))
    short = next(p for p in outline_of(doc, style("Wards")).paragraphs() if p.text.startswith("Date"))
    assert short.label_width == LABEL_COLUMN
    long_label = "Lead Officer and Report Author"
    paras = list(outline_of(doc, style(long_label)).paragraphs())
    row = next(p for p in paras if p.text.startswith(long_label))
    assert row.label_width >= text_width(long_label, 12) * 1.1 > LABEL_COLUMN  # never touching its value
    assert next(p for p in paras if p.text.startswith("Date")).label_width == row.label_width  # one column
    huge = "Options considered, evaluated in full and rejected by the officers"
    paras = list(outline_of(doc, style(huge)).paragraphs())
    label = next(p for p in paras if p.text == huge)
    value = paras[paras.index(label) + 1]
    assert label.keep_next and value.text == "All wards" and value.indent <= MAX_LABEL_COLUMN


def test_a_contacts_table_gives_the_longest_address_a_line_of_its_own():
    from ldd_reports.outline.fitting import text_width

    email = "digital.programme@westmere-county.example.gov.uk"  # 287pt at 12pt: wider than 200
    outline = _outline(contacts=[{"role": "Report Author", "name": "Jo Evans", "email": email}])
    table = next(b for b in outline.parts["contacts"] if type(b).__name__ == "Table")
    widths = table.widths
    assert widths is not None and len(widths) == 3
    assert widths[2] * 451 / sum(widths) - 10.8 >= text_width(email, 12)  # fits inside the cell's margins
    short = _outline(contacts=[{"role": "Report Author", "name": "Jo Evans", "email": "jo@x.gov.uk"}])
    table = next(b for b in short.parts["contacts"] if type(b).__name__ == "Table")
    assert table.widths[2] == 200  # the usual width where an address fits it


def test_one_row_per_person_with_their_roles_joined_and_every_value_carried(tmp_path):
    out = tmp_path / "paper.docx"
    data = minimal_report(report_of={"name": "Sam Okafor", "job_title": "Head of Digital"}, contacts=[
        {"role": "Report Author", "name": "Sam Okafor", "job_title": "Head of Digital",
         "email": "sam@example.gov.uk"},
        {"role": "Finance", "name": "Jo Evans", "email": "jo@example.gov.uk"},
        {"role": "Data Protection", "name": "Jo Evans", "email": "dpo@example.gov.uk"}])
    ldd_reports.render(ldd_reports.as_document(data), out, house_style="cabinet")
    table = next(t for t in open_docx(out).tables if t.rows[0].cells[0].text == "Role")
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert rows == [["Report of and Report Author", "Sam Okafor\nHead of Digital", "sam@example.gov.uk"],
                    ["Finance and Data Protection", "Jo Evans", "jo@example.gov.uk\ndpo@example.gov.uk"]]
    # The value printed once stands for both fields: the audit finds neither dropped.
    outline = _outline(report_of={"name": "Sam Okafor"}, contacts=[{"role": "Report Author", "name": "Sam Okafor"}])
    name = next(p for b in outline.parts["contacts"] if type(b).__name__ == "Table"
                for row in b.rows[1:] for p in row[1][0].pieces)
    assert (name.field, name.also) == ("report_of.name", ("contacts[0].name",))


def test_three_roles_of_one_person_read_as_a_list():
    outline = _outline(contacts=[{"role": role, "name": "Jo Evans"} for role in ("Author", "Finance", "Legal")])
    table = next(b for b in outline.parts["contacts"] if type(b).__name__ == "Table")
    assert [p.text for p in table.rows[1][0]] == ["Author, Finance and Legal"]
    assert len(table.rows) == 2


def test_a_header_blocks_numbered_recommendations_stand_in_its_value_column(tmp_path):
    from conftest import SAMPLES, W

    out = tmp_path / "paper.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / "london_councils_executive_2019.yaml"), out)
    paras = open_docx(out).paragraphs
    lead = next(p for p in paras if p.text.startswith("Recommendations\t"))
    column = int(lead._p.pPr.find(f"{W}ind").get(f"{W}left"))
    first = paras[[p._p for p in paras].index(lead._p) + 1]
    assert first.text.startswith("Agree that London Councils") and first._p.pPr.find(f"{W}numPr") is not None
    indent = first._p.pPr.find(f"{W}ind")
    # past the label column by the list's own indent, the number hanging in front of the text
    assert int(indent.get(f"{W}left")) > column and int(indent.get(f"{W}hanging")) == 567
    body = next(p for p in paras if p.text.startswith("In July 2018"))
    assert body._p.pPr.find(f"{W}ind") is None  # the body's numbered paragraphs keep their numbering's indent


def test_the_paragraph_after_a_table_has_space_above_it_in_its_part_or_the_next():
    from ldd_reports.outline.keeps import TABLE_GAP

    outline = _outline(contacts=[{"role": "Report Author", "name": "Jo Evans"}],
                       circulation={"lead_in": "Circulated to:", "groups": [{"group": "Members", "members": "All"}]},
                       sections=[{"title": "Plan", "content": [
                           {"header": ["Step", "When"], "rows": [["one", "May"]]}, "After the table."]},
                           {"title": "Next", "content": ["More."]}])
    paras = {p.text: p for p in outline.paragraphs()}
    assert paras["After the table."].space_before == TABLE_GAP
    assert paras["Circulated to:"].space_before == TABLE_GAP  # the circulation part follows the contacts table
    assert paras["More."].space_before == 0 and paras["Next"].space_before == 0  # a heading keeps its style's


def test_two_names_still_to_complete_are_two_rows_not_one_person():
    outline = _outline(report_of={"name": "[TO COMPLETE: name]"},
                       contacts=[{"role": "Report Author", "name": "[TO COMPLETE: name]"}])
    table = next(b for b in outline.parts["contacts"] if type(b).__name__ == "Table")
    assert [[p.text for p in row[0]] for row in table.rows[1:]] == [["Report of"], ["Report Author"]]


def test_names_that_differ_only_in_spacing_stay_two_rows_so_neither_spelling_is_lost():
    outline = _outline(report_of={"name": "Sam Okafor"}, contacts=[{"role": "Report Author", "name": "Sam\u00a0Okafor"}])
    table = next(b for b in outline.parts["contacts"] if type(b).__name__ == "Table")
    assert [p.text for row in table.rows[1:] for p in row[1]] == ["Sam Okafor", "Sam\u00a0Okafor"]

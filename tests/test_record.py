"""The decision record: `ldd-reports record` from a paper's input and its decision block."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError, OpenItemsError
from ldd_reports.cli import main
from ldd_reports.content.dates import format_date
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.governance.timetable import timetable
from ldd_reports.content.messages import catalogue
from ldd_reports.content.wording import recommendation_texts

from conftest import SAMPLES, all_text, minimal_report, needs_soffice, open_docx

#: The samples with a decision block, and when call-in ends (worked out by hand: see each sample).
RECORDS = {
    "cabinet_member_decision_2026": dt.date(2026, 12, 24),  # record 17 Dec + 5 working days
    "front_sheet_cabinet_2026": dt.date(2026, 12, 18),  # published 11 Dec + 5 working days
    "continuous_cabinet_2026": None,  # the urgency procedure
    "committee_policy_resources_2026": None,  # a committee's decision: no call-in
    "officer_decision_2026": None,  # an officer's non-key decision: no call-in
}
NO_CONFLICT = "No conflict of interest was declared and no dispensation was granted."


def _paragraphs(path):
    return [p for p in open_docx(path).paragraphs]


def _after(texts: list[str], heading: str) -> list[str]:
    """The paragraphs under a heading, up to the next one."""
    i = texts.index(heading)
    return texts[i + 1:i + 1 + next((j for j, t in enumerate(texts[i + 1:]) if t in _HEADINGS), len(texts))]


_HEADINGS = {"Summary", "Decision", "Reasons for the decision", "Alternative options considered and rejected",
             "Conflicts of interest and dispensations", "Call-in"}


@pytest.mark.parametrize("name", RECORDS)
def test_each_sample_record_carries_decision_reasons_alternatives_conflicts_and_call_in(tmp_path, name):
    doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
    decision = doc.decision
    assert decision is not None
    out = tmp_path / "record.docx"
    assert main(["record", str(SAMPLES / f"{name}.yaml"), "-o", str(out)]) == 0
    paras = _paragraphs(out)
    texts = [p.text for p in paras]
    style = resolve_house_style(None, doc)
    assert next(p for p in paras if p.style.name == "Title").text == style.record.title
    for heading in _HEADINGS - {"Summary"}:
        assert next(p for p in paras if p.text == heading).style.name == "Heading 1", heading

    # The decision: each recommendation with its outcome and final wording, numbered.
    decided = [t for t in _after(texts, "Decision")]
    outcomes = decision.outcomes(len(doc.recommendations.items))
    labels = {"agreed": "Agreed: ", "amended": "Agreed as amended: ", "rejected": "Not agreed: "}
    for outcome, original in zip(outcomes, recommendation_texts(doc, catalogue())):
        assert labels[outcome.outcome] + (outcome.wording or original) in decided
        if outcome.outcome == "amended":
            assert "The report recommended: " + original in decided
    numbered = [p for p in paras if p.style.name == "List Number" and p.text.split(":")[0] + ": " in labels.values()]
    assert len(numbered) == len(outcomes)

    # Reasons and alternatives: the decision's own, else the paper's.
    reasons = decision.reasons or doc.recommendations.reasons
    assert _after(texts, "Reasons for the decision") == reasons
    alternatives = decision.alternatives_rejected or doc.options_rejected
    assert _after(texts, "Alternative options considered and rejected") == alternatives

    conflicts = _after(texts, "Conflicts of interest and dispensations")
    if decision.conflicts:
        c = decision.conflicts[0]
        assert conflicts[0] == f"{c.member} declared an interest: {c.interest}"
        assert conflicts[1] == f"Dispensation: {c.dispensation}"
    else:
        assert conflicts == [NO_CONFLICT]

    call_in = " ".join(_after(texts, "Call-in"))
    ends = RECORDS[name]
    if ends:
        assert f"called in until the end of {format_date(ends, doc.date_format)}" in call_in
        assert any(t == "Call-in ends\t" + format_date(ends, doc.date_format) or
                   t == "Call-in ends " + format_date(ends, doc.date_format) for t in texts)
    else:
        assert call_in.startswith("Call-in does not apply")
        assert "called in until" not in call_in
    if decision.call_in_reason:
        assert "Reason: " + decision.call_in_reason in call_in
    # The record is checked like a paper, and as a Word document: the samples pass both.
    assert [f for f in ldd_reports.check(doc, record=True) if f.severity == "error"] == []
    assert [f for f in ldd_reports.check_docx(out) if f.severity == "error"] == []


def test_every_sample_with_a_decision_is_tested_here_and_recorded_by_make_demo():
    decided = {p.stem for p in SAMPLES.glob("*.yaml") if "decision" in (yaml.safe_load(p.read_text("utf-8")) or {})}
    assert decided == set(RECORDS)
    makefile = (SAMPLES.parent / "Makefile").read_text(encoding="utf-8")
    assert all(f"{name}.yaml" in makefile for name in RECORDS)


def test_the_paper_itself_does_not_print_the_decision(tmp_path):
    doc = ldd_reports.load(SAMPLES / "front_sheet_cabinet_2026.yaml")
    ldd_reports.render(doc, tmp_path / "paper.docx")
    text = all_text(tmp_path / "paper.docx")
    assert "CAB/2026/112" not in text and "Record of decision" not in text


def test_core_properties_name_the_record(tmp_path):
    out = tmp_path / "r.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / "cabinet_member_decision_2026.yaml"), out, record=True)
    props = open_docx(out).core_properties
    assert props.title == "Record of decision: Signing the Local Digital Declaration"
    assert props.category == "Decision record"


def _with_decision(**decision: object) -> dict:
    data = minimal_report(options_rejected=["Not signing: rejected."],
                          recommendations={"items": ["Agree that the Council signs.", "Note the next steps."],
                                           "reasons": ["It fits the digital strategy."]})
    data["decision"] = {"date": "2026-12-10", "recommendations": "agreed", **decision}
    return data


def test_officers_words_come_out_exactly_as_written(tmp_path):
    hostile = "Agree & sign <now> \"quoted\" {{ not a tag }} {% raw %} ŵ ŷ â – Cyngor Sir Ynys Môn"
    data = _with_decision(recommendations=[{"outcome": "amended", "wording": hostile}, {"outcome": "rejected"}],
                          decided_by="Y Cynghorydd Siân Ŵyn", conflicts=[{"member": "Cllr <A> & B",
                                                                          "interest": "{{ x }}"}])
    data["text_format"] = "plain"
    out = tmp_path / "r.docx"
    ldd_reports.render(data, out, record=True)
    texts = [p.text for p in _paragraphs(out)]
    assert "Agreed as amended: " + hostile in texts
    assert "Not agreed: Note the next steps." in texts
    assert "Cllr <A> & B declared an interest: {{ x }}" in texts
    assert "No dispensation was granted." in texts
    assert any("Y Cynghorydd Siân Ŵyn" in t for t in texts)


@pytest.mark.parametrize(("decision", "field", "words"), [
    ({"recommendations": [{"outcome": "amended"}]}, "decision.recommendations.0", "final wording"),
    ({"recommendations": [{"outcome": "agreed"}]}, "decision", "1 outcome(s) for 2 recommendation(s)"),
    ({"recommendations": [{"outcome": "passed"}, {"outcome": "agreed"}]}, "decision.recommendations.0.outcome",
     "agreed"),
    ({"call_in": "urgent"}, "decision", "call_in_reason"),
    ({"call_in_reason": "because"}, "decision", "call_in is 'applies'"),
    ({"published": "2026-12-09"}, "decision", "before the decision was taken"),
])
def test_a_bad_decision_block_is_refused_naming_its_field_and_line(tmp_path, decision, field, words):
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(_with_decision(**decision), sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as e:
        ldd_reports.load(path)
    problem = next(p for p in e.value.problems if p.field.startswith("decision"))
    assert problem.field.replace("[", ".").replace("]", "") == field
    assert words in problem.message
    assert problem.line is not None
    assert pickle.loads(pickle.dumps(e.value)).problems == e.value.problems


def test_without_a_decision_block_the_record_is_refused_naming_the_field(tmp_path, capsys):
    path = tmp_path / "paper.yaml"
    path.write_text(yaml.safe_dump(minimal_report()), encoding="utf-8")
    assert main(["record", str(path), "-o", str(tmp_path / "r.docx")]) == 1
    err = capsys.readouterr().err
    assert "decision" in err and str(path) in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists()
    assert main(["check", "--record", str(path)]) == 1


def test_a_final_record_refuses_a_missing_reason_and_a_draft_marks_it(tmp_path):
    data = _with_decision()
    data["recommendations"].pop("reasons")
    with pytest.raises(OpenItemsError) as e:
        ldd_reports.render(data, tmp_path / "r.docx", record=True)
    assert [p.field for p in e.value.open_items] == ["decision.reasons"]
    assert not (tmp_path / "r.docx").exists()
    ldd_reports.render(data, tmp_path / "r.docx", record=True, draft=True)
    assert "[TO COMPLETE: reasons for the decision]" in all_text(tmp_path / "r.docx")
    found = ldd_reports.check(_load(data), record=True)
    assert ("error", "decision.reasons", "placeholder") in {(f.severity, f.field, f.code) for f in found}


def _load(data: dict) -> ldd_reports.Report:
    doc = ldd_reports.loads(json.dumps(data), "json")
    assert isinstance(doc, ldd_reports.Report)
    return doc


def test_the_record_check_compares_the_decision_with_the_paper_and_the_timetable():
    doc = _load(_with_decision(date="2026-12-09", published="2026-12-31",
                               recommendations=[{"outcome": "agreed", "wording": "Agree something else."},
                                                {"outcome": "amended", "wording": "Note the next steps."}]))
    found = {(f.severity, f.field, f.code) for f in ldd_reports.check(doc, record=True)}
    assert ("error", "decision.date", "decision") in found  # before the meeting
    assert ("warning", "decision.published", "timetable") in found  # after the house style's two working days
    assert ("error", "decision.recommendations[0].wording", "decision") in found  # agreed, reworded
    assert ("warning", "decision.recommendations[1].wording", "decision") in found  # amended, same words
    assert ldd_reports.check(_load(_with_decision()), record=True) == []


def test_the_timetable_follows_the_decision_urgency_and_publication():
    style = resolve_house_style("cabinet")
    plain = timetable(_load(_with_decision(date="2026-12-14")), style)
    assert plain.decided == dt.date(2026, 12, 14) and plain.call_in == "applies"
    assert plain.dates["decision_record_by"] == dt.date(2026, 12, 16)  # two working days after the decision
    assert plain.dates["call_in_ends"] == dt.date(2026, 12, 23)
    assert plain.dates["implement_from"] == dt.date(2026, 12, 24)
    published = timetable(_load(_with_decision(published="2026-12-11")), style)
    assert published.dates["call_in_ends"] == dt.date(2026, 12, 18)  # counted from the actual publication
    assert published.dates["decision_record_by"] == dt.date(2026, 12, 14)  # still due as the style says
    urgent = timetable(_load(_with_decision(call_in="urgent", call_in_reason="Agreed by the scrutiny chair.")),
                       style)
    assert urgent.call_in == "urgent" and urgent.dates["call_in_ends"] is None
    assert urgent.dates["implement_from"] == dt.date(2026, 12, 11)  # the next working day
    exempt = timetable(_load(_with_decision(date="2026-12-24", call_in="exempt", call_in_reason="Rule 16.")), style)
    assert exempt.dates["implement_from"] == dt.date(2026, 12, 29)  # over Christmas and Boxing Day


def test_timetable_json_reports_the_decision(tmp_path, capsys):
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(_with_decision(call_in="urgent", call_in_reason="Urgent.")), encoding="utf-8")
    assert main(["timetable", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decided"] == "2026-12-10" and data["call_in"] == "urgent"
    assert data["call_in_ends"] is None and data["implement_from"] == "2026-12-11"


def test_a_house_style_words_its_own_record(tmp_path):
    style = tmp_path / "style.yaml"
    style.write_text("name: ours\nheader_block: {layout: lines}\nrecord:\n  title: Decision notice\n  layout: lines\n"
                     "  parts: [header_block, decision, call_in, reasons, alternatives_rejected, conflicts]\n"
                     "  fields: [{label: 'DECIDED ON:', value: decision_date}]\n  decision_heading: Resolved\n",
                     encoding="utf-8")
    out = tmp_path / "r.docx"
    ldd_reports.render(_load(_with_decision()), out, record=True, house_style=str(style))
    texts = [p.text for p in _paragraphs(out)]
    assert texts[texts.index("Decision notice") + 1] == "DECIDED ON: 10 December 2026"
    assert texts.index("Resolved") < texts.index("Call-in") < texts.index("Reasons for the decision")


@pytest.mark.parametrize("name", ["committee_policy_resources_2026", "continuous_cabinet_2026"])
def test_a_records_labels_stand_in_a_column_though_its_paper_runs_them_on(tmp_path, name):
    from conftest import label_values

    assert resolve_house_style(None, ldd_reports.load(SAMPLES / f"{name}.yaml")).header_block.layout == "lines"
    out = tmp_path / "record.docx"
    ldd_reports.render(ldd_reports.load(SAMPLES / f"{name}.yaml"), out, record=True)
    rows = label_values(open_docx(out))
    assert rows["Decision taken by"] and rows["Date of decision"] and rows["Implement from"]
    assert not any(p.text.startswith("Decision taken by ") for p in _paragraphs(out))


@needs_soffice
@pytest.mark.libreoffice
def test_record_as_tagged_pdf(tmp_path):
    pikepdf = pytest.importorskip("pikepdf")
    out = tmp_path / "record.pdf"
    assert main(["record", str(SAMPLES / "cabinet_member_decision_2026.yaml"), "-o", str(out)]) == 0
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Record of decision: Signing the Local Digital Declaration"
        assert pdf.Root.MarkInfo.Marked


def test_a_decision_value_the_house_style_does_not_show_is_refused_never_dropped(tmp_path):
    style = tmp_path / "style.yaml"
    style.write_text("name: ours\nrecord:\n  fields: [{label: 'Date', value: decision_date}]\n", encoding="utf-8")
    doc = _load(_with_decision(reference="CAB/1", decided_by="Cabinet (all present)"))
    with pytest.raises(InputError) as e:
        ldd_reports.render(doc, tmp_path / "r.docx", record=True, house_style=str(style))
    assert {p.field for p in e.value.problems} == {"decision.reference", "decision.decided_by"}
    assert not (tmp_path / "r.docx").exists()

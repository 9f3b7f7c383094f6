"""The content library, `ldd-reports new`, and draft versus final renders."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest
import yaml

import ldd_reports
from ldd_reports import InputError, OpenItemsError
from ldd_reports.content import library as lib
from ldd_reports.cli import main
from ldd_reports.checks.placeholders import open_items
from ldd_reports.drafting import new_report, new_report_yaml

from conftest import SAMPLES, SEEDS, TOOLS, all_text, minimal_report, open_docx, part_xml


@pytest.fixture(scope="module")
def rugby(tmp_path_factory):
    """The issue's acceptance run: new, then a draft render."""
    folder = tmp_path_factory.mktemp("rugby")
    yml, out = folder / "rugby.yaml", folder / "rugby.docx"
    assert main(["new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", "Cabinet",
                 "--date", "2026-12-10", "-o", str(yml)]) == 0
    assert main(["render", str(yml), "--draft", "-o", str(out)]) == 0
    return yml, out


def test_new_writes_a_valid_complete_input(rugby):
    yml, _ = rugby
    report = ldd_reports.load(yml)
    assert report.organisation.name == "Rugby Borough Council"
    assert report.meeting.date.isoformat() == "2026-12-10"
    types = [s.type for s in report.sections]
    for kind in ("benefits", "funding", "risks", "requirements", "first_actions", "next_steps", "implications",
                 "timescales"):
        assert kind in types
    assert report.appendices[0].type == "declaration"
    assert yml.read_text(encoding="utf-8").startswith("# Local Digital Declaration paper drafted")


def test_draft_highlights_every_placeholder_and_is_marked_draft(rugby):
    yml, out = rugby
    report = ldd_reports.load(yml)
    items = open_items(report)
    assert len(items) >= 10
    d = open_docx(out)
    text = all_text(out)
    for item in items:
        assert item.message in text, f"{item.field} is not shown in the draft"
    document = part_xml(out, "word/document.xml")
    highlighted = re.findall(r'<w:rStyle w:val="Placeholder"/>(?:<w:b/>)?<w:highlight w:val="yellow"/>.*?'
                             r"<w:t[^>]*>(\[TO COMPLETE:[^<]*\])</w:t>", document)
    assert len(highlighted) >= len([i for i in items if "contacts" not in i.field and "report_of" not in i.field])
    assert "DRAFT" in d.sections[0].header.paragraphs[0].text
    assert d.core_properties.content_status == "DRAFT"


def test_final_render_refuses_and_lists_every_open_field(rugby, tmp_path):
    yml, _ = rugby
    out = tmp_path / "final.docx"
    result = subprocess.run([sys.executable, "-m", "ldd_reports", "render", str(yml), "--final", "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert not out.exists()
    for item in open_items(ldd_reports.load(yml)):
        assert f"{item.field}: {item.message}" in result.stderr
    with pytest.raises(OpenItemsError) as info:
        ldd_reports.render(ldd_reports.load(yml), out)  # final is the default
    assert {p.field for p in info.value.open_items} >= {"meeting.item", "report_of.name", "contacts[0].email"}


def test_completed_paper_renders_final(rugby, tmp_path):
    yml, _ = rugby
    text = re.sub(r"\[TO COMPLETE: [^\]]*\]", "Completed", yml.read_text(encoding="utf-8"))
    report = ldd_reports.loads(text)
    out = tmp_path / "final.docx"
    ldd_reports.render(report, out)
    d = open_docx(out)
    assert "DRAFT" not in d.sections[0].header.paragraphs[0].text
    assert d.core_properties.content_status == "Final"


@pytest.mark.parametrize("kind,says,not_says", [
    ("other", "would not be able to bid directly for the Local Digital Fund", "Only local authorities can bid"),
    ("unitary", "Only local authorities can bid directly for the Local Digital Fund", "would not be able to bid"),
])
def test_fund_eligibility_follows_the_kind_of_body(tmp_path, kind, says, not_says):
    out = tmp_path / "p.docx"
    ldd_reports.render(new_report("Example Body", kind, "Executive", "2019-03-01"), out, draft=True)  # the Fund open
    text = all_text(out)
    assert says in text and not_says not in text


@pytest.mark.parametrize("body,lead_in,first", [
    ("Cabinet", "That Cabinet:", "Agrees that"),
    ("Executive", "Executive is recommended to:", "Agree that"),
    ("Council", "That Council:", "Agrees that"),
    ("Audit and Governance Committee", "That the Audit and Governance Committee:", "Agrees that"),
])
def test_recommendation_lead_in_follows_the_decision_body(body, lead_in, first):
    from ldd_reports.content.messages import catalogue
    from ldd_reports.content.wording import lead_in as printed_lead_in, recommendation_texts

    report = new_report("Example Council", "district", body, "2026-12-10")
    assert printed_lead_in(report, catalogue()) == lead_in
    assert recommendation_texts(report, catalogue())[0].startswith(f"{first} Example Council")


def test_department_is_named_as_on_the_papers_date(tmp_path):
    texts = {}
    for date in ("2022-06-01", "2026-12-10"):
        out = tmp_path / f"{date}.docx"
        ldd_reports.render(new_report("Example Council", "district", "Cabinet", date), out, draft=True)
        texts[date] = all_text(out)
    assert "Department for Levelling Up, Housing and Communities (DLUHC) supports signatories" in texts["2022-06-01"]
    assert "Ministry of Housing, Communities and Local Government (MHCLG) supports signatories" in texts["2026-12-10"]


def test_declaration_appendix_carries_seed_003(tmp_path):
    out = tmp_path / "d.docx"
    ldd_reports.render(new_report("Example Council", "district", "Cabinet", "2026-12-10"), out, draft=True)
    result = subprocess.run([sys.executable, str(TOOLS / "seed_fidelity.py"), str(out),
                             str(SEEDS / "003_f3a1dd59cb6f8669.txt"), "--to", "and related networks and events)."],
                            capture_output=True, text=True, check=True)
    recall = float(re.search(r"recall ([0-9.]+)", result.stdout).group(1))
    assert recall >= 0.98, result.stdout


def test_every_library_item_has_a_source_and_dates_are_dates():
    import datetime as dt

    entries = {f"paragraphs.{k}": v for k, v in lib._data("paragraphs").items()}
    for name, items in lib._data("catalogues").items():
        entries.update({f"{name}.{k}": v for k, v in items.items()})
    assert len(entries) > 40
    for key, entry in entries.items():
        assert entry.get("source"), key
        if "as_at" in entry:
            assert isinstance(entry["as_at"], dt.date), key
    texts = [(k, v) for k, e in entries.items() for v in e.get("variants", [e])]  # each dated variant too
    money = [(k, v) for k, v in texts if "£" in str(v.get("text", ""))]
    assert money and all(isinstance(v.get("as_at"), dt.date) for _, v in money)  # figures say when they were true


def test_standard_items_by_key_plus_own_items(tmp_path):
    data = yaml.safe_load(new_report_yaml(new_report("Example Council", "district", "Cabinet", "2026-12-10")))
    data["sections"] = [{"type": "benefits", "title": "Benefits", "standard": ["gds_academy"],
                         "items": ["Our own benefit"]}]
    data["appendices"] = []
    out = tmp_path / "b.docx"
    ldd_reports.render(ldd_reports.loads(yaml.safe_dump(data)), out, draft=True)
    bullets = [p.text for p in open_docx(out).paragraphs if p.style.name == "List Bullet"]
    assert bullets == [lib.entry("benefits", "gds_academy")["text"], "Our own benefit"]


def test_unknown_standard_key_names_the_known_ones():
    data = {"organisation": {"name": "X", "kind": "county"}, "meeting": {"body": "Cabinet", "date": "2026-01-05"},
            "recommendations": {"items": ["A"]},
            "sections": [{"type": "risks", "title": "Risks", "standard": ["scrutiny", "asteroids"]}]}
    with pytest.raises(ldd_reports.InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    problem = info.value.problems[0]
    assert problem.field == "sections[0].standard"
    assert "asteroids" in problem.message and "scrutiny" in problem.message


def test_new_refuses_to_overwrite(rugby, capsys):
    yml, _ = rugby
    before = yml.read_bytes()
    assert main(["new", "--organisation", "X", "--kind", "county", "--body", "Cabinet", "--date", "2026-12-10",
                 "-o", str(yml)]) == 1
    assert yml.read_bytes() == before


def test_new_with_a_bad_date_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "ldd_reports", "new", "--organisation", "X", "--kind", "county",
                             "--body", "Cabinet", "--date", "10/12/2026", "-o", "x.yaml"], capture_output=True, text=True)
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_an_empty_lead_in_is_refused_not_replaced_by_the_default():
    data = minimal_report()
    data["recommendations"]["lead_in"] = ""
    with pytest.raises(ldd_reports.InputError) as info:
        ldd_reports.loads(yaml.safe_dump(data))
    assert [p.field for p in info.value.problems] == ["recommendations.lead_in"]


def test_a_meeting_date_not_known_yet_is_a_placeholder_in_a_draft(tmp_path, capsys):
    out = tmp_path / "rugby.yaml"
    assert main(["new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", "Cabinet",
                 "-o", str(out)]) == 0
    report = ldd_reports.load(out)
    assert report.meeting.date is None
    assert "meeting.date" in [p.field for p in open_items(report)]
    with pytest.raises(ldd_reports.OpenItemsError) as info:
        ldd_reports.render(report, tmp_path / "final.docx")
    assert "meeting.date" in [p.field for p in info.value.open_items]
    draft = tmp_path / "draft.docx"
    ldd_reports.render(report, draft, draft=True)
    d = open_docx(draft)
    placeholder = next(p for p in d.paragraphs if p.text == "[TO COMPLETE: meeting date]")
    assert placeholder.runs[0].font.highlight_color is not None  # highlighted, not an invented date



@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_quick_look_for_placeholders_answers_as_the_documents_json_does(path):
    """open_items looks for a placeholder's start among the document's values before naming each one: the same
    answer as searching its JSON, for every sample, and with each of a spread of its texts made a placeholder."""
    from ldd_reports.checks.placeholders import _any_placeholder
    from ldd_reports.inputs.loaders import as_document

    try:
        doc = ldd_reports.load(path)
    except InputError:
        pytest.skip("not a paper on its own (a batch's base)")
    assert _any_placeholder(doc) == ("[TO COMPLETE:" in doc.model_dump_json())
    data = doc.model_dump(mode="json", exclude_unset=True)
    texts: list[tuple[Any, Any]] = []  # (container, key) of every text, however deep

    def walk(value: Any) -> None:
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            if isinstance(item, str) and item.strip() and "[TO COMPLETE:" not in item:
                texts.append((value, key))
            walk(item)

    walk(data)
    found = 0
    for container, key in texts[::5]:  # a spread over the whole document, in reasonable time
        was = container[key]
        container[key] = f"{was} [TO COMPLETE: x]"
        try:
            changed = as_document(data)
        except InputError:
            continue  # a value with a form of its own (an email address, a kind)
        finally:
            container[key] = was
        in_json = "[TO COMPLETE:" in changed.model_dump_json()
        assert _any_placeholder(changed) == in_json, key
        found += in_json
    assert found >= 3

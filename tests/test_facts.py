"""Facts as at the meeting date: each library entry's variant for the date, kind and nation; the check
reports only what the officer wrote or pinned, naming the newer fact."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

import ldd_reports
from ldd_reports import check
from ldd_reports.content import library as lib, facts
from ldd_reports.drafting import new_report, new_report_yaml

from conftest import minimal_report


def outline_text(doc) -> str:
    return "\n".join(p.text for p in ldd_reports.outline_of(doc).paragraphs())


def findings(data):
    return check(ldd_reports.loads(yaml.safe_dump(data, allow_unicode=True)))


def stale(found):
    return [(f.code, f.field) for f in found if f.code in ("stale_fact", "withdrawn_fact")]


def test_a_paper_for_december_2026_states_no_stale_fact_and_no_open_fund():
    doc = new_report("Rugby Borough Council", "district", "Cabinet", "2026-12-10")
    found = check(doc)
    assert stale(found) == []
    text = outline_text(doc)
    assert "As at 19 February 2024, 361 organisations had signed the Declaration" in text
    assert "no immediate plans for another round" in text
    assert "Access to the Local Digital Fund" not in text and "Councils can bid" not in text
    assert "GDS Local was launched on 22 November 2025" in text
    assert "Cyber Assessment Framework (CAF) for local government" in text
    assert "£74.6 million in all, supporting 268 councils in England" in text
    assert "Ministry of Housing, Communities and Local Government (MHCLG)" in text


def test_a_paper_for_march_2019_describes_the_fund_as_available_and_signatories_as_then():
    doc = new_report("Rugby Borough Council", "district", "Cabinet", "2019-03-01")
    assert stale(check(doc)) == []
    text = outline_text(doc)
    assert "The Local Digital Fund opened on 24 September 2018 with £7.5 million. Councils can bid" in text
    assert "Access to the Local Digital Fund" in text
    assert "As at 8 February 2019, 145 organisations had signed the Declaration." in text
    for later in ("GDS Local", "Cyber Assessment Framework", "evaluation", "361", "no immediate plans"):
        assert later not in text, later


@pytest.mark.parametrize("date", ["2018-08-01", "2020-09-10", "2021-10-01", "2023-08-01", "2024-03-01",
                                  "2025-12-01", "2026-11-23"])
def test_new_for_any_date_writes_a_paper_with_no_stale_fact(date):
    doc = ldd_reports.loads(new_report_yaml(new_report("Example Council", "county", "Cabinet", date)))
    assert stale(check(doc)) == []
    on = dt.date.fromisoformat(date)
    dept = lib.department(on)["short"]
    assert f"({dept}) supports signatories" in outline_text(doc)


def test_the_department_follows_the_date():
    text = outline_text(new_report("Example Council", "county", "Cabinet", "2022-06-01"))
    assert "Department for Levelling Up, Housing and Communities (DLUHC) supports signatories" in text


@pytest.mark.parametrize("kind, nation", [("welsh", "Wales"), ("scottish", "Scotland"),
                                          ("northern_irish", "Northern Ireland")])
def test_bodies_outside_england_are_told_what_applies_to_them(kind, nation):
    for date, says in (("2019-03-01", f"The Local Digital Fund is for councils in England: as a body in {nation}"),
                       ("2026-12-10", "The Local Digital programme and its funding are for councils in England")):
        doc = new_report("Cyngor Example", kind, "Cabinet", date)
        text = outline_text(doc)
        assert says in text
        assert "Access to the Local Digital Fund" not in text  # not a benefit they can have
        assert "GDS Local" not in text and "Cyber Assessment Framework" not in text
        assert stale(check(doc)) == []


def test_a_sector_body_in_2019_is_told_it_cannot_bid_directly():
    text = outline_text(new_report("London Councils", "other", "Executive", "2019-02-26"))
    assert "As it is not a local authority, London Councils would not be able to bid directly" in text


def test_a_chosen_paragraph_with_nothing_to_say_on_the_date_is_left_out_and_reported():
    data = minimal_report(sections=[{"title": "Funding", "content": ["Our text.", {"standard": "funding.partners"}]}])
    found = findings(data)
    assert stale(found) == [("withdrawn_fact", "sections[0].content[1].standard")]
    message = next(f.message for f in found if f.code == "withdrawn_fact")
    assert "2026-12-10" in message and "no round open" in message
    data["meeting"]["date"] = "2019-03-01"
    assert stale(findings(data)) == []


def test_a_named_catalogue_item_with_nothing_to_say_is_reported_and_all_leaves_it_out_quietly():
    named = minimal_report(sections=[{"type": "benefits", "title": "Benefits", "standard": ["fund_access"]}])
    assert stale(findings(named)) == [("withdrawn_fact", "sections[0].standard")]
    every = minimal_report(sections=[{"type": "benefits", "title": "Benefits", "standard": "all"}])
    assert stale(findings(every)) == []


def test_a_pinned_fact_is_reported_with_the_newer_one():
    data = minimal_report(sections=[{"title": "A", "content": [
        {"standard": "background.signatories", "as_at": "2022-08-02"}]}])
    found = findings(data)
    assert stale(found) == [("stale_fact", "sections[0].content[0].standard")]
    message = next(f.message for f in found if f.code == "stale_fact")
    assert "as at 2022-08-02" in message and "361 organisations" in message
    assert "288 organisations" in outline_text(ldd_reports.loads(yaml.safe_dump(data)))  # quoted as pinned


@pytest.mark.parametrize("date, text, flagged", [
    ("2026-12-10", "Signing gives us access to the Local Digital Fund.", True),
    ("2019-03-01", "Signing gives us access to the Local Digital Fund.", False),
    ("2026-12-10", "We could bid for funding from the Local Digital Fund.", True),
    ("2026-12-10", "Over 288 organisations have signed.", True),
    ("2023-01-10", "Over 288 organisations have signed.", False),
    ("2026-12-10", "The Fund opened in 2018.", False),
])
def test_what_the_officer_wrote_is_checked_against_the_date(date, text, flagged):
    data = minimal_report(meeting={"body": "Cabinet", "date": date},
                          sections=[{"title": "A", "content": [text]}])
    found = [f for f in findings(data) if f.code == "stale_fact"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].field == "sections[0].content[0]"


def test_library_text_is_never_reported_as_stale():
    """Every standard paragraph and item, at dates across the range: the check has nothing to say of them."""
    paragraphs = [{"standard": key} for key in lib.all_paragraphs()]
    for date in ("2018-10-01", "2021-01-01", "2024-06-01", "2026-12-10"):
        data = minimal_report(meeting={"body": "Cabinet", "date": date},
                              sections=[{"title": "A", "content": paragraphs},
                                        {"type": "benefits", "title": "B", "standard": "all"},
                                        {"type": "funding", "title": "F", "standard": "all"}])
        assert [f for f in findings(data) if f.code == "stale_fact"] == []


def test_every_variant_is_dated_in_order_and_sourced():
    entries = dict(lib.all_paragraphs())
    for name, items in lib.all_catalogues().items():
        entries.update({f"{name}.{k}": v for k, v in items.items()})
    dated = 0
    for key, entry in entries.items():
        variants = entry.get("variants")
        if not variants:
            continue
        dated += 1
        starts = [v["from"] for v in variants]
        assert all(isinstance(d, dt.date) for d in starts) and starts == sorted(starts), key
        assert starts[0] <= dt.date(2018, 7, 4), key  # every date from the launch has an answer
        for v in variants:
            assert v.get("source") or entry.get("source"), key
            if v.get("text") is None and "by_kind" not in v:
                assert v.get("why"), key  # nothing to say, and why
            if "£" in str(v.get("text", "")):
                assert isinstance(v.get("as_at"), dt.date), key
    assert dated >= 10


def test_circumstances_come_from_the_paper():
    doc = ldd_reports.loads(yaml.safe_dump(minimal_report(organisation={"name": "X", "kind": "welsh"})))
    circ = facts.Circumstances.of(doc)
    assert (circ.on, circ.local_authority, circ.nation) == (dt.date(2026, 12, 10), True, "wales")

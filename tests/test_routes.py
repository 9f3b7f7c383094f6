"""Decision routes: a Cabinet Member decision and an officer decision, each with its own wording and house style."""

from __future__ import annotations

import pytest

import ldd_reports
from ldd_reports.batch import render_many
from ldd_reports.cli import main
from ldd_reports.house_styles.style import resolve_house_style

from conftest import SAMPLES, all_text, minimal_report, open_docx

ROUTES = {
    "cabinet_member_decision_2026": ("cabinet_member", "Decision maker",
                                     "The Cabinet Member for Digital and Customer Services is recommended to:"),
    "officer_decision_2026": ("officer", "Decision taker", "The Chief Digital Officer is recommended to:"),
}


@pytest.mark.parametrize("name", ROUTES)
def test_each_route_sample_renders_in_its_own_style_and_wording(tmp_path, name):
    style, first_label, lead_in = ROUTES[name]
    doc = ldd_reports.load(SAMPLES / f"{name}.yaml")
    assert resolve_house_style(None, doc).name == style  # chosen by the route
    out = tmp_path / "paper.docx"
    ldd_reports.render(doc, out)
    texts = [p.text for p in open_docx(out).paragraphs]
    assert texts[2].startswith(first_label + "\t" + doc.meeting.body)
    assert any(t.startswith("Delegated power\t" + doc.delegation) for t in texts)
    i = texts.index(lead_in)
    assert texts[i + 1].startswith("Agree that ") and texts[i + 2].startswith("Endorse the proposed")
    assert [f for f in ldd_reports.check(doc) if f.severity == "error"] == []


def test_route_samples_come_out_right_through_batch(tmp_path):
    rows = tmp_path / "rows.csv"
    for name, (_, _, lead_in) in ROUTES.items():
        rows.write_text("organisation.name,meeting.date\nAshby Test Council,2026-12-16\n"
                        "Cyngor Prawf Môn,2026-12-18\n", encoding="utf-8")
        out = tmp_path / name
        result = render_many(SAMPLES / f"{name}.yaml", rows, out, workers=1)
        assert result.ok and len(result.written) == 2, result.failures
        for path in result.written:
            text = all_text(path)
            assert lead_in in text
            assert "Agree that " + path.stem in text  # each row's own organisation in the wording


@pytest.mark.parametrize("route, body", [("cabinet_member", "Cabinet Member for Resources"),
                                         ("officer", "Chief Digital Officer")])
def test_new_route_writes_a_paper_for_that_route(tmp_path, route, body):
    out = tmp_path / "p.yaml"
    assert main(["new", "--organisation", "Rugby Borough Council", "--kind", "district", "--body", body,
                 "--route", route, "--date", "2026-12-10", "-o", str(out)]) == 0
    lead_in = f"The {body} is recommended to:"
    doc = ldd_reports.load(out)
    assert doc.meeting.body_kind.value == route
    assert resolve_house_style(None, doc).name == route
    paper = tmp_path / "p.docx"
    ldd_reports.render(doc, paper, draft=True)
    texts = [p.text for p in open_docx(paper).paragraphs]
    assert lead_in in texts
    assert any(t.startswith("Delegated power\t[TO COMPLETE") for t in texts)  # the open item a route needs


def test_every_route_is_data_with_all_it_decides_and_every_guess_names_a_route():
    from typing import get_args

    from ldd_reports.content import library as lib
    from ldd_reports.content.messages import defaults
    from ldd_reports.drafting import body_kind_of
    from ldd_reports.models import BodyKind, StandardRecommendation

    standard = set(get_args(StandardRecommendation.model_fields["standard"].annotation))
    words = set(defaults())
    for kind in BodyKind:
        route = lib.decision_route(kind.value)
        assert set(route) == {"call_in", "private_meeting_notice", "house_style"}, kind
        assert {f"routes.{kind.value}.{key}" for key in ("lead_in", "decided", *standard)} <= words, kind
        assert route["call_in"] in ("always", "never", "key_decisions")
        assert route["house_style"] in ldd_reports.house_style_names()
    guesses, otherwise = lib.route_guesses()
    assert {route for _, route in guesses} | {otherwise} <= {k.value for k in BodyKind}
    assert body_kind_of("Cabinet Member for Resources") == BodyKind.cabinet_member  # before "cabinet"
    assert body_kind_of("Chief Digital Officer") == BodyKind(otherwise)


def test_a_route_takes_its_call_in_and_default_house_style_from_the_data(monkeypatch):
    from ldd_reports.content import library as lib
    from ldd_reports.governance.timetable import timetable

    report = ldd_reports.as_document(minimal_report(meeting={"body": "Policy and Resources Committee",
                                                             "body_kind": "committee", "date": "2026-12-10"}))
    assert resolve_house_style(None, report).name == "cabinet"
    assert timetable(report, resolve_house_style(None, report)).dates.get("call_in_ends") is None
    real = lib.decision_route

    def committee_with_call_in(kind: str):
        route = dict(real(kind))
        if kind == "committee":
            route.update(call_in="always", house_style="continuous")
        return route

    monkeypatch.setattr(lib, "decision_route", committee_with_call_in)  # as if the YAML said so
    assert resolve_house_style(None, report).name == "continuous"
    assert timetable(report, resolve_house_style("cabinet")).dates.get("call_in_ends") is not None

"""A client of the documented API, as a council's Python team would write it: `mypy --strict` must pass.

`tests/test_typing.py` type-checks this file with the package and also runs ``main`` (so every
call here is real, not only well-typed). It uses no pydantic mypy plugin: a client needs none.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import ldd_reports
from ldd_reports import (AnyDocument, BatchResult, CommitmentStatement, Finding, HouseStyle, InputError,
                         LddReportsError, OpenItemsError, OutputExistsError, Problem, Report, TemplateError)
from ldd_reports.models import (Decision, GeneralSection, ItemsSection, Meeting, Organisation, OrganisationKind,
                                Outcome, Person, Recommendations, StandardRecommendation, StandardText)
from ldd_reports.outline import Outline
from ldd_reports.outputs.layout import LayoutFinding

SAMPLES = Path(__file__).resolve().parents[2] / "sample_inputs"


def typed_report() -> Report:
    """Keyword construction with the typed sub-models: no dicts, no type errors."""
    return Report(
        organisation=Organisation(name="Rugby Borough Council", kind=OrganisationKind.district),
        meeting=Meeting(body="Cabinet", date=dt.date(2026, 12, 10), item="7"),
        title="Signing the Local Digital Declaration",
        report_of=Person(name="Sam Okafor", job_title="Head of Digital"),
        recommendations=Recommendations(items=[StandardRecommendation(standard="sign"),
                                               "Note the first action in section 2."],
                                        reasons=["Signing commits the Council to shared standards."]),
        sections=[GeneralSection(title="Background", content=[StandardText(standard="background.launch"),
                                                              "In July 2018 **MHCLG** and GDS launched it."]),
                  ItemsSection(type="principles", title="The principles", standard="all")],
        options_rejected=["Not signing: rejected."],
        decision=Decision(date=dt.date(2026, 12, 10), recommendations=[Outcome(outcome="agreed"),
                                                                       Outcome(outcome="agreed")]),
    )


def main(out: Path) -> list[Finding]:
    """Every documented call, once; returns the check's findings."""
    report = typed_report()
    ldd_reports.render(report, out / "rugby.docx", force=True)
    buf = io.BytesIO()
    ldd_reports.render(report, buf)
    data: bytes = ldd_reports.render_bytes(report, draft=True, house_style="continuous")
    assert data[:2] == b"PK"
    ldd_reports.render(report, out / "record.docx", record=True, force=True)
    from_dict: AnyDocument = ldd_reports.as_document(
        {"organisation": {"name": "Rugby Borough Council", "kind": "district"},
         "meeting": {"body": "Cabinet", "date": "2026-12-10"},
         "recommendations": {"items": ["Agree that the Council signs the Local Digital Declaration."]}})
    ldd_reports.render({"organisation": {"name": "Rugby Borough Council", "kind": "district"},
                        "meeting": {"body": "Cabinet", "date": "2026-12-10"},
                        "recommendations": {"items": ["Agree."]}}, out / "dict.docx", force=True)
    ldd_reports.render_bytes({"organisation": {"name": "R", "kind": "district"}, "meeting": {"body": "Cabinet"},
                              "recommendations": {"items": ["Agree."]}}, draft=True)

    findings: list[Finding] = ldd_reports.check(report)
    findings += ldd_reports.check(report, record=True, today=dt.date(2026, 11, 1))
    for finding in findings:
        assert finding.severity in ("error", "warning") and isinstance(finding.field, str)
    outline: Outline = ldd_reports.outline_of(from_dict, "continuous")
    labelled: list[tuple[str, str]] = outline.labelled()
    assert labelled
    page: str = ldd_reports.preview(report, record=True)
    shown: str = report._repr_html_()
    assert page and shown

    doc: AnyDocument = ldd_reports.load(SAMPLES / "conwy_commitment_2019.yaml")
    if isinstance(doc, CommitmentStatement):
        assert doc.signatory.name
    again: AnyDocument = ldd_reports.loads((SAMPLES / "warwickshire_cabinet_2020.yaml").read_text("utf-8"))
    assert isinstance(again, Report) and again.meeting.date is not None

    style: HouseStyle = ldd_reports.load_house_style(SAMPLES.parent / "ldd_reports" / "house_styles" / "officer.yaml")
    names: list[str] = ldd_reports.house_style_names()
    assert style.name in names
    templates = [t.name for t in ldd_reports.list_templates()]
    assert "cabinet_report" in templates
    new: Report = ldd_reports.new_report("Ashby Council", "district", "Cabinet", dt.date(2026, 12, 10))
    assert new.organisation.name == "Ashby Council"
    docx_findings: list[Finding] = ldd_reports.check_docx(out / "rugby.docx")
    assert not [f for f in docx_findings if f.severity == "error"]
    layout_check: Callable[[str | Path], list[LayoutFinding]] = ldd_reports.check_layout  # LibreOffice: not run here
    assert callable(layout_check)
    rows = out / "rows.csv"
    rows.write_text("organisation.name\nAshby Council\n", encoding="utf-8")
    result: BatchResult = ldd_reports.render_many(SAMPLES / "batch_base.yaml", rows, out / "batch", workers=1,
                                                  force=True)
    assert result.ok and len(result.written) == 1

    try:
        ldd_reports.loads("organisation: {name: X, kind: parish}\n")
    except InputError as e:
        problems: list[Problem] = e.problems
        assert problems[0].field and problems[0].line
    try:
        ldd_reports.render(report, out / "rugby.docx")
    except OutputExistsError as e:
        assert isinstance(e, LddReportsError)
    for error in (OpenItemsError, TemplateError):
        assert issubclass(error, LddReportsError)
    return findings


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print(len(main(Path(folder))), "finding(s)")

"""The HTML preview: a notebook's _repr_html_ and `ldd-reports preview`, read from the same outline as the .docx."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import ldd_reports
from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.cli import main
from ldd_reports.content.wording import recommendation_texts

from conftest import SAMPLES, minimal_report, needs_soffice, soffice_convert

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed; .ci/run installs "
                                    "Debian's chromium package")
REPORTS = sorted(p.stem for p in SAMPLES.glob("*.yaml") if p.stem != "batch_base")
_LABEL = re.compile(r"^\s*((?:\d+\.)+\d*|\d+\.\d+|[a-z]\)|\([a-z]\)|\([ivx]+\)|[ivx]+\.)\s+(\S.*)$")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_preview_shows_labels_tables_placeholders_and_escapes_the_officers_words():
    data = minimal_report(title="Tom & Jerry <script>alert(1)</script> {{ x }} Môn",
                          summary=["[TO COMPLETE: a summary]"],
                          sections=[{"title": "Background", "content": [
                              "**Bold** and a [link](https://example.org) and [bad](javascript:alert(1)).",
                              {"numbered": ["First", "Second"]},
                              {"header": ["Risk", "Mitigation"], "rows": [["Cost", "None"]]}]}])
    page = ldd_reports.preview(data_doc(data))
    assert "<script>" not in page and "Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; {{ x }} Môn" in page
    assert '<mark class="ldd-placeholder">[TO COMPLETE: a summary]</mark>' in page
    assert '<strong>Bold</strong>' in page and '<a href="https://example.org">link</a>' in page
    assert 'href="javascript' not in page
    assert '<span class="ldd-label">1.</span>' in page and '<th scope="col"><p class="ldd-table_heading">Risk' in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert "<title>Tom &amp; Jerry &lt;script&gt;" in page


def data_doc(data: dict) -> ldd_reports.Report:
    from ldd_reports.inputs.loaders import validate
    from ldd_reports.inputs.source import Source

    doc = validate(Source(data))
    assert isinstance(doc, ldd_reports.Report)
    return doc


def test_the_preview_has_the_outline_labels_in_order():
    doc = ldd_reports.load(SAMPLES / "warwickshire_cabinet_2020.yaml")
    page = ldd_reports.preview(doc)
    labels = re.findall(r'<span class="ldd-label">([^<]*)</span>', page)
    expected = [html.escape(label) for label, _ in ldd_reports.outline_of(doc).labelled()]
    assert [x for x in labels if x not in ("\u2022", "\u2013", "\u25aa")] == expected


def test_notebook_display_of_a_report_a_statement_and_a_broken_one():
    report = ldd_reports.load(SAMPLES / "front_sheet_cabinet_2026.yaml")
    shown = report._repr_html_()
    assert shown.startswith('<div class="ldd-preview"><style>') and "NOT FOR PUBLICATION" in shown
    statement = ldd_reports.load(SAMPLES / "conwy_commitment_2019.yaml")
    assert "Conwy County Borough Council" in statement._repr_html_()
    broken = report.model_copy(update={"house_style": "no_such_style"})
    assert "No preview:" in broken._repr_html_() and "no_such_style" in broken._repr_html_()


def test_cli_preview_writes_a_page_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "paper.html"
    assert main(["preview", str(SAMPLES / "officer_decision_2026.yaml"), "-o", str(out)]) == 0
    assert "Westmere County Council" in out.read_text("utf-8")
    assert main(["preview", str(SAMPLES / "officer_decision_2026.yaml"), "-o", str(out)]) == 1
    assert "exists" in capsys.readouterr().err
    assert main(["preview", str(SAMPLES / "officer_decision_2026.yaml"), "-o", str(out), "--record", "--force"]) == 0
    assert "Officer decision record" in out.read_text("utf-8")


def _browser_text(page: Path, out: Path) -> str:
    """What headless Chromium lays out for the page: its printed PDF's text."""
    fitz = pytest.importorskip("pymupdf")
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             f"--print-to-pdf={out}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert out.exists(), result.stderr
    with fitz.open(out) as pdf:
        return _words(" ".join(p.get_text() for p in pdf))


def _screenshot(page: Path, out: Path) -> bytes:
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=900,1400",
                    f"--screenshot={out}", page.as_uri()], capture_output=True, timeout=120)
    return out.read_bytes()


@needs_chromium
@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.browser
def test_in_chromium_each_sample_shows_title_recommendations_and_the_docx_labels(tmp_path):
    docs = {name: ldd_reports.load(SAMPLES / f"{name}.yaml") for name in REPORTS}
    for name, doc in docs.items():
        ldd_reports.render(doc, tmp_path / f"{name}.docx", language=doc.language)  # a bilingual sample: its first
        assert main(["preview", str(SAMPLES / f"{name}.yaml"), "-o", str(tmp_path / f"{name}.html")]) == 0
    soffice_convert([tmp_path / f"{n}.docx" for n in docs], tmp_path, "txt:Text (encoded):UTF8")
    for name, doc in docs.items():
        shown = _browser_text(tmp_path / f"{name}.html", tmp_path / f"{name}.pdf")
        docx_lines = (tmp_path / f"{name}.txt").read_text("utf-8-sig").splitlines()
        # The Word document's numbered paragraphs as LibreOffice lays them out: label, then text.
        numbered = [(m.group(1), _words(m.group(2))) for m in map(_LABEL.match, docx_lines) if m]
        assert numbered or doc.document == "commitment", name  # a statement numbers nothing
        at = 0
        for label, text in numbered:
            start = " ".join(text.split()[:4])
            found = shown.find(f"{label} {start}", at)
            assert found >= 0, f"{name}: '{label} {start}' not shown (in order) by the browser"
            at = found
        title = doc.title if isinstance(doc, ldd_reports.Report) else doc.organisation.name
        assert _words(title) in shown, name
        if isinstance(doc, ldd_reports.Report):
            for rec in recommendation_texts(doc, resolve_house_style(None, doc).words):
                assert _words(re.sub(r"\*\*|\+\+", "", rec)) in shown, f"{name}: {rec}"
    png = _screenshot(tmp_path / "warwickshire_cabinet_2020.html", tmp_path / "shot.png")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000  # a laid-out page, not a blank one

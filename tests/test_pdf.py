"""PDF output: tagged through LibreOffice, passes an independent PDF/UA checker, furniture on one line."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pikepdf
import pytest

import ldd_reports
from ldd_reports import PdfError
from ldd_reports.outputs import pdf as pdf_module
from ldd_reports.cli import main
from ldd_reports.house_styles.style import resolve_house_style

from conftest import SAMPLES, minimal_report, needs_soffice, sample_path

pytestmark = [needs_soffice, pytest.mark.libreoffice]
ALL_SAMPLES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))  # every sample input, the batch's base too


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample as PDF, from the command line (-o NAME.pdf picks the format)."""
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for name in ALL_SAMPLES:
        out[name] = folder / f"{name}.pdf"
        language = ldd_reports.load(sample_path(name)).language  # a bilingual sample: its first, the Welsh
        assert main(["render", str(sample_path(name)), "-o", str(out[name]), "--language", language]) == 0
    return out


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_sample_pdf_passes_an_independent_pdf_ua_checker(pdfs, name):
    outloud = pytest.importorskip("outloud")
    result = outloud.check(str(pdfs[name]))
    assert getattr(result, "error", None) is None  # the checker read the file
    errors = [f"{f.rule}: {f.message}" for f in result.findings if f.severity == "error"]
    assert errors == []
    assert result.stats["tagged"]


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_pdf_has_title_language_bookmarks_and_tab_order(pdfs, name):
    doc = ldd_reports.load(sample_path(name))
    with pikepdf.open(pdfs[name]) as pdf:
        assert str(pdf.Root.Lang) == ("cy" if doc.language == "cy" else "en-GB")
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        words = resolve_house_style(None, doc).words  # the title in the document's language
        expected = doc.title if doc.document == "report" else \
            words.fill("properties.statement_title", {"organisation": doc.organisation.name})
        assert str(pdf.docinfo.Title) == expected
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        with pdf.open_outline() as outline:
            assert outline.root and outline.root[0].title  # bookmarks from the headings, the title first
            if doc.document == "report" and resolve_house_style(None, doc).header_block.title:
                assert outline.root[0].title == doc.title  # the title is the first heading
        for page in pdf.pages:
            if "/Annots" in page.obj and len(page.obj.Annots):
                assert page.obj.Tabs == pikepdf.Name.S
                assert all(int(a.F) & 4 for a in page.obj.Annots)  # links print


def _lines_in(page, top: float, bottom: float) -> list[str]:
    """Text lines (by baseline) whose box lies between top and bottom (points from the top)."""
    lines: dict[int, list[str]] = {}
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            y0, y1 = line["bbox"][1], line["bbox"][3]
            if y0 >= top and y1 <= bottom:
                lines.setdefault(round(y1), []).append("".join(s["text"] for s in line["spans"]))
    return [" ".join(parts) for _, parts in sorted(lines.items())]


def test_longest_names_in_the_batch_keep_header_and_footer_on_one_line(tmp_path):
    fitz = pytest.importorskip("pymupdf")
    with open(SAMPLES / "councils_batch.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    body = max((r["meeting.body"] for r in rows), key=len)
    org = max((r["organisation.name"] for r in rows), key=len)
    data = minimal_report(organisation={"name": org, "kind": "district"}, meeting={"body": body, "date": "2026-12-10"},
                          title="Signing the Local Digital Declaration and publishing our commitments to it")
    out = tmp_path / "long.pdf"
    ldd_reports.render(data, out, draft=True)
    with fitz.open(out) as pdf:
        for page in pdf:
            height = page.rect.height
            header = _lines_in(page, 0, 72)  # the top margin
            footer = _lines_in(page, height - 72, height)
            assert len(header) == 1 and header[0].endswith("DRAFT"), header
            assert len(footer) == 1 and "Page" in footer[0], footer
            assert footer[0].rstrip().endswith(f"of {len(pdf)}")


def test_batch_to_pdf_goes_through_one_libreoffice(tmp_path, monkeypatch):
    rows = tmp_path / "rows.csv"
    rows.write_text("organisation.name,organisation.kind\nAdur District Council,district\n"
                    "Cyngor Gwynedd,unitary\nBad Row,no_such_kind\n", encoding="utf-8")
    started = []
    real = subprocess.Popen

    def counting(command, *args, **kwargs):
        started.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(pdf_module.subprocess, "Popen", counting)
    result = ldd_reports.render_many(SAMPLES / "batch_base.yaml", rows, tmp_path / "out", format="pdf", workers=1)
    assert sorted(p.name for p in result.written) == ["Adur District Council.pdf", "Cyngor Gwynedd.pdf"]
    assert [f.row for f in result.failures] == [4]
    assert len(started) == 1  # one LibreOffice for the batch
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["Adur District Council.pdf",
                                                                   "Cyngor Gwynedd.pdf"]  # no staging left
    with pikepdf.open(result.written[0]) as pdf:
        assert "/StructTreeRoot" in pdf.Root


def test_batch_cli_format_pdf(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text("organisation.name,organisation.kind\nRugby Borough Council,district\n", encoding="utf-8")
    assert main(["batch", str(rows), "--base", str(SAMPLES / "batch_base.yaml"), "--out", str(tmp_path / "o"),
                 "--format", "pdf", "--quiet"]) == 0
    assert (tmp_path / "o" / "Rugby Borough Council.pdf").read_bytes().startswith(b"%PDF-")


def test_a_timeout_is_an_error_and_leaves_no_file(tmp_path):
    docx = tmp_path / "paper.docx"
    docx.write_bytes(ldd_reports.render_bytes(ldd_reports.load(sample_path("conwy_commitment_2019"))))
    result = pdf_module.convert([docx], timeout=0.01)[docx]
    assert isinstance(result, PdfError) and "did not finish within" in str(result)
    assert not docx.with_suffix(".pdf").exists()


def test_groups_stay_under_libreoffices_silent_limit():
    files = [Path(f"/x/{i:03}.docx") for i in range(395)]
    groups = pdf_module._groups(files, 1)
    assert [len(g) for g in groups] == [198, 197] and sum(groups, []) == files
    assert [len(g) for g in pdf_module._groups(files, 4)] == [99, 99, 99, 98]
    assert [len(g) for g in pdf_module._groups(files[:99], 8)] == [99]  # a small batch: one process


def test_missing_libreoffice_names_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LDD_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "p.pdf"
    assert main(["render", str(sample_path("conwy_commitment_2019")), "-o", str(out)]) == 1
    assert "apt-get install libreoffice-writer-nogui" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.delenv("LDD_SOFFICE")
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))
    with pytest.raises(PdfError, match="libreoffice-writer-nogui"):
        pdf_module.find_soffice()

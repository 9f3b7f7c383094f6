"""Word fidelity: no formatting Word ignores, a theme part, and an independent OOXML validator's verdict."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ldd_reports

from conftest import ROOT, SAMPLES

AUDIT = shutil.which("openxml-audit", path=str(Path(sys.executable).parent))
#: numId 0 ('no numbering', ISO/IEC 29500-1 17.9.19) is valid OOXML the validator does not know.
_NUM_ID_ZERO = "Numbering definition '0' referenced but not found"


@pytest.mark.parametrize("name", ["cabinet_report", "council_report", "executive_report", "commitment_statement"])
def test_each_built_in_template_has_a_theme_and_a_placeholder_style_word_honours(name):
    with zipfile.ZipFile(ROOT / "report_templates" / f"{name}.docx") as z:
        assert "word/theme/theme1.xml" in z.namelist()
        assert b'Target="theme/theme1.xml"' in z.read("word/_rels/document.xml.rels")
        styles = z.read("word/styles.xml").decode()
    placeholder = styles[styles.index('w:styleId="Placeholder"'):]
    assert "<w:highlight" not in placeholder[:placeholder.index("</w:style>")]  # on the runs instead


def test_a_placeholder_run_carries_its_own_highlight():
    data = ldd_reports.render_bytes(ldd_reports.new_report("Rugby Borough Council", "district", "Cabinet", None),
                                    draft=True)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert '<w:rStyle w:val="Placeholder"/><w:highlight w:val="yellow"/>' in body


@pytest.mark.skipif(AUDIT is None, reason="openxml-audit is not installed (a test extra: `make test` installs it)")
def test_openxml_audit_strict_finds_nothing_in_any_sample_record_or_batch_paper_but_numid_zero(tmp_path):
    for path in sorted(SAMPLES.glob("*.yaml")):
        doc = ldd_reports.load(path)
        ldd_reports.render(doc, tmp_path / f"{path.stem}.docx")
        if getattr(doc, "decision", None) is not None:
            ldd_reports.render(doc, tmp_path / f"{path.stem}_record.docx", record=True)
    row = {"organisation.name": "King's Lynn and West Norfolk Borough Council", "organisation.kind": "district"}
    batch = ldd_reports.render_many(SAMPLES / "batch_base.yaml", [(2, row)], tmp_path, workers=1)  # a batch paper
    assert batch.ok and len(batch.written) == 1
    # One file a run: in one recursive run the validator's cross-part cache, keyed by id() of a
    # package, can answer for an earlier file once that one is freed (a footnote 'not found').
    reports = [report for path in sorted(tmp_path.glob("*.docx")) for report in json.loads(subprocess.run(
        [AUDIT, "-f", "office2019", "--policy", "strict", "-o", "json", "-m", "0", str(path)],
        capture_output=True, text=True, timeout=120).stdout)]
    assert len(reports) >= 15
    found = [(Path(r["file"]).name, e["description"]) for r in reports for e in r.get("errors", [])
             if e["description"] != _NUM_ID_ZERO]
    assert not found

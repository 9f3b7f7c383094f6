"""Every sample output opens in LibreOffice (converted to PDF) and reopens in python-docx."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import SAMPLE_NAMES, open_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")]


def test_samples_convert_to_pdf(rendered, tmp_path):
    profile = tmp_path / "profile"
    docs = [str(rendered[name]) for name in SAMPLE_NAMES]
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), *docs], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    for name in SAMPLE_NAMES:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), result.stdout + result.stderr
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 1
        assert open_docx(rendered[name]).paragraphs

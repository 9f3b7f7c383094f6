"""The built wheel carries the templates and content: install it apart and render from it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, sample_path

pytestmark = pytest.mark.slow


def test_wheel_installs_and_renders(tmp_path):
    dist, target = tmp_path / "dist", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(dist.glob("ldd_reports-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for part in ("ldd_reports/report_templates/cabinet_report.docx", "ldd_reports/report_templates/executive_report.docx",
                 "ldd_reports/report_templates/commitment_statement.docx", "ldd_reports/content/declaration.yaml",
                 "ldd_reports/py.typed"):
        assert part in names
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    out = tmp_path / "out.docx"
    code = ("import ldd_reports, sys; from ldd_reports.templates import templates_dir;"
            "assert ldd_reports.__file__.startswith(sys.argv[1]), ldd_reports.__file__;"
            "assert str(templates_dir()).startswith(sys.argv[1]), templates_dir();"
            "ldd_reports.render(ldd_reports.load(sys.argv[2]), sys.argv[3])")
    env = {**os.environ, "PYTHONPATH": str(target)}
    subprocess.run([sys.executable, "-c", code, str(target), str(sample_path("london_councils_executive_2019")),
                    str(out)], check=True, env=env, cwd=tmp_path)
    assert out.stat().st_size > 5000

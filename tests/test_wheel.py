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
                 "ldd_reports/report_templates/patched.json", "ldd_reports/py.typed"):
        assert part in names
    # every module and data file of every layer: a subpackage missing from pyproject's lists would be absent
    package = ROOT / "ldd_reports"
    shipped = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
               if p.is_file() and p.suffix in (".py", ".yaml", ".json", ".css", ".typed", ".txt")}
    assert len(shipped) > 80 and shipped <= set(names), sorted(shipped - set(names))
    # the command the wheel installs is the program (its collector paused while it starts), not bare main()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "ldd-reports = ldd_reports.cli:run" in zipfile.ZipFile(wheel).read(entry_points).decode()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    out = tmp_path / "out.docx"
    code = ("import ldd_reports, sys; from ldd_reports.templating.templates import templates_dir;"
            "assert ldd_reports.__file__.startswith(sys.argv[1]), ldd_reports.__file__;"
            "assert str(templates_dir()).startswith(sys.argv[1]), templates_dir();"
            "ldd_reports.render(ldd_reports.load(sys.argv[2]), sys.argv[3])")
    env = {**os.environ, "PYTHONPATH": str(target)}
    subprocess.run([sys.executable, "-c", code, str(target), str(sample_path("london_councils_executive_2019")),
                    str(out)], check=True, env=env, cwd=tmp_path)
    assert out.stat().st_size > 5000


def test_wheel_metadata_and_types_as_a_client_sees_them(tmp_path):
    """One version (the package's), an SPDX licence, and mypy --strict passing on a client of the installed wheel."""
    import email

    import ldd_reports

    dist, target = tmp_path / "dist", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(dist.glob("ldd_reports-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        meta = email.message_from_bytes(z.read(next(n for n in z.namelist() if n.endswith("/METADATA"))))
        assert any(n.endswith("licenses/LICENSE") for n in z.namelist())
    assert meta["Version"] == ldd_reports.__version__
    assert meta["License-Expression"] == "MIT"
    assert "Typing :: Typed" in meta.get_all("Classifier")
    assert any(url.startswith("Changelog, ") for url in meta.get_all("Project-URL"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                    str(wheel)], check=True)
    client = tmp_path / "client.py"
    client.write_text((ROOT / "tests" / "typing" / "client.py").read_text("utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(client)],
                            capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "MYPYPATH": str(target)})
    assert result.returncode == 0, result.stdout


def test_the_sdist_carries_its_tests_and_they_collect(tmp_path):
    import tarfile

    code = "import sys; from setuptools import build_meta; print(build_meta.build_sdist(sys.argv[1]))"
    built = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, cwd=ROOT, capture_output=True,
                           text=True).stdout.strip().splitlines()[-1]
    with tarfile.open(tmp_path / built) as tar:
        tar.extractall(tmp_path, filter="data")
    tree = tmp_path / built.removesuffix(".tar.gz")
    for needed in ("LICENSE", "CHANGELOG.md", "tests/conftest.py", "tests/typing/client.py",
                   "sample_inputs/warwickshire_cabinet_2020.yaml", "report_templates/cabinet_report.docx"):
        assert (tree / needed).exists(), needed

    def collected(where):
        out = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                             cwd=where, capture_output=True, text=True)
        assert out.returncode == 0, out.stdout[-2000:]
        return out.stdout.strip().splitlines()[-1].split(" in ")[0]

    assert collected(tree) == collected(ROOT)

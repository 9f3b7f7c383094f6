"""The README's first ten minutes run as written (the command line, then a notebook cell run twice); docs link up."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from ldd_reports.cli import main

from conftest import ROOT, SAMPLES, all_text, open_docx

README = (ROOT / "README.md").read_text("utf-8")
PYTHON_API = (ROOT / "docs" / "python-api.md").read_text("utf-8")


def _block(text: str, after: str, language: str) -> str:
    """The first fenced block in ``language`` after the text ``after``."""
    m = re.compile(rf"```{language}\n(.*?)```", re.S).search(text, text.index(after))
    assert m is not None, after
    return m.group(1)


def test_the_readme_is_a_first_ten_minutes_under_150_lines():
    assert len(README.splitlines()) <= 150
    for heading in ("## The two commands", "## Getting started", "## Where to go next"):
        assert heading in README


def test_the_first_paper_from_the_command_line_runs_as_written(tmp_path, monkeypatch, capsys):
    shutil.copytree(SAMPLES, tmp_path / "sample_inputs")
    monkeypatch.chdir(tmp_path)
    commands = [line for line in _block(README, "**A first paper from the command line.**", "sh").splitlines()
                if line.strip()]
    assert len(commands) >= 4
    for line in commands:
        command, _, comment = line.partition("#")
        argv = shlex.split(command)
        assert argv[0] == "ldd-reports", line
        expected = 1 if "(exit 1)" in comment else 0  # the README says where a command fails on purpose
        assert main(argv[1:]) == expected, line
    capsys.readouterr()
    assert "Warwickshire County Council" in all_text(tmp_path / "warwickshire.docx")
    draft = open_docx(tmp_path / "rugby-draft.docx")
    assert any("Rugby Borough Council" in p.text for p in draft.paragraphs)
    assert "[TO COMPLETE:" in (tmp_path / "rugby.yaml").read_text("utf-8")


@pytest.mark.parametrize(("page", "after"), [(README, "**In a notebook**"), (PYTHON_API, "## Python and notebooks")],
                         ids=["readme", "python-api"])
def test_the_python_examples_run_twice_as_a_notebook_cell_is_rerun(tmp_path, monkeypatch, page, after):
    shutil.copytree(SAMPLES, tmp_path / "sample_inputs")
    monkeypatch.chdir(tmp_path)
    code = compile(_block(page, after, "python"), after, "exec")
    for _ in range(2):
        namespace: dict[str, object] = {}
        exec(code, namespace)
        report = namespace["report"]
        assert "<div class=\"ldd-preview\">" in report._repr_html_()  # what the notebook shows
    assert os.path.getsize(tmp_path / "rugby.docx") > 5000


def test_the_readme_says_how_to_reach_the_command():
    start = README.index("## Getting started")
    text = README[start:README.index("\n## ", start + 5)]
    for needed in (". .venv/bin/activate", ".venv\\Scripts\\activate", ".venv/bin/ldd-reports --version",
                   "ldd_reports.models", "docs/input-reference.md"):
        assert needed in text, needed


_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_local_link_in_the_readme_and_docs_resolves_and_every_page_is_reachable():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    linked: set[Path] = set()
    for page in pages:
        for target in _LINK.findall(page.read_text("utf-8")):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            path = (page.parent / target).resolve()
            assert path.exists(), f"{page.name}: {target}"
            linked.add(path)
    readme_links = {(ROOT / t).resolve() for t in _LINK.findall(README)}
    assert set(pages[1:]) <= readme_links, "a page in docs/ the README does not link to"
    assert {ROOT / "CHANGELOG.md", ROOT / "LICENSE"} <= linked


_PATH = re.compile(r"`((?:ldd_reports|tests|benchmarks|report_templates|sample_inputs|docs)/[\w./*-]+)`")


def test_every_file_the_docs_name_exists():
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for name in _PATH.findall(page.read_text("utf-8")):
            assert list(ROOT.glob(name)), f"{page.name} names {name}, which is not there"

"""The README's Python examples run as written, twice in a row (a notebook cell is re-run)."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import ROOT, SAMPLES

README = (ROOT / "README.md").read_text("utf-8")


def _example(after: str) -> str:
    """The first ```python block after the text ``after``."""
    start = README.index(after)
    m = re.compile(r"```python\n(.*?)```", re.S).search(README, start)
    assert m is not None, after
    return m.group(1)


@pytest.mark.parametrize("after", ["**In a notebook**", "## Python and notebooks"])
def test_readme_example_runs_twice(tmp_path, monkeypatch, after):
    shutil.copytree(SAMPLES, tmp_path / "sample_inputs")
    monkeypatch.chdir(tmp_path)
    code = compile(_example(after), f"README.md ({after})", "exec")
    for _ in range(2):
        namespace: dict[str, object] = {}
        exec(code, namespace)
        report = namespace["report"]
        assert "<div class=\"ldd-preview\">" in report._repr_html_()  # what the notebook shows
    assert os.path.getsize(tmp_path / "rugby.docx") > 5000


def test_readme_says_how_to_reach_the_command():
    start = README.index("## Getting started")
    text = README[start:README.index("\n## ", start + 5)]
    for needed in (". .venv/bin/activate", ".venv\\Scripts\\activate", ".venv/bin/ldd-reports --version",
                   "ldd_reports.models", "docs/input-reference.md", "CHANGELOG.md"):
        assert needed in text, needed

"""Packaging: the declared run-time dependencies are exactly what the package imports; one version."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys

import ldd_reports
from ldd_reports.cli import main

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_distributions() -> set[str]:
    modules = set()
    for path in (ROOT / "ldd_reports").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m != "ldd_reports"}
    owners = metadata.packages_distributions()
    return {d.lower().replace("_", "-") for m in third_party for d in owners[m]}


def test_declared_dependencies_are_exactly_the_imported_ones():
    requires = metadata.requires("ldd-reports") or []
    declared = {_name(r) for r in requires if "extra ==" not in r}
    # The layout extra: imported only by the layout check, which names the extra when it is missing; the
    # fast extra: imported where it is installed, zlib standing in where it is not
    layout = {_name(r) for r in requires if re.search(r"""extra\s*==\s*["']layout["']""", r)}
    fast = {_name(r) for r in requires if re.search(r"""extra\s*==\s*["']fast["']""", r)}
    assert layout == {"pdfplumber"} and fast == {"isal"}
    assert declared | layout | fast == _imported_distributions()
    assert "python-docx" not in declared  # the tests' tool, not the package's


def test_one_version_everywhere(capsys):
    assert metadata.version("ldd-reports") == ldd_reports.__version__
    try:
        main(["--version"])
    except SystemExit as e:
        assert e.code == 0
    assert ldd_reports.__version__ in capsys.readouterr().out
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## [{ldd_reports.__version__}]" in changelog

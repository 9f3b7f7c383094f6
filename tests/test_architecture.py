"""The architecture: layers as folders, each importing only those below (import-linter), a small top level."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import ldd_reports

from conftest import ROOT

PACKAGE = ROOT / "ldd_reports"
LINT = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter's contracts (pyproject.toml) over the package in ``root``; function-level imports count."""
    assert LINT is not None, "lint-imports is missing: `make test` installs the test extras"
    env = {**os.environ, "PYTHONPATH": str(root), "NO_COLOR": "1"}
    return subprocess.run([LINT, "--no-cache", "--config", str(root / "pyproject.toml")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_every_layer_imports_only_the_layers_below_it_and_no_siblings_import_in_a_circle():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "ldd_reports", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


#: A deferred import upwards breaks the layers; one back between two modules of a layer closes a circle
#: (the package writer imports wordml) and breaks the siblings contract.
BREAKS = {
    "upwards": ("models/base.py", "from ..outline import nodes",
                ["ldd_reports.models is not allowed to import ldd_reports.outline",
                 "ldd_reports.models.base -> ldd_reports.outline.nodes"]),
    "circle": ("word/wordml.py", "from . import package",
               ["No cycles are allowed in ldd_reports.word", ".wordml -> .package"]),
}


@pytest.mark.parametrize("case", sorted(BREAKS))
def test_a_deferred_import_that_breaks_the_architecture_is_reported(copy, case):
    module, line, expected = BREAKS[case]
    path = copy / "ldd_reports" / module
    path.write_text(path.read_text("utf-8") + f"\n\ndef _later():\n    {line}  # noqa: F401\n", "utf-8")
    result = _lint(copy)
    assert result.returncode != 0
    for text in expected:
        assert text in result.stdout, result.stdout


def test_the_top_level_holds_at_most_ten_modules_and_each_layer_says_what_it_owns():
    top = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__"))
    assert len(top) <= 10, top
    layers = [p.parent for p in PACKAGE.glob("*/__init__.py")]
    assert {p.name for p in layers} >= {"inputs", "content", "house_styles", "outline", "governance", "word",
                                        "outputs", "templating", "checks", "models", "cli"}
    for layer in layers:
        text = (layer / "__init__.py").read_text("utf-8")
        doc = re.match(r'"""(.+?)(?:"""|\n\n)', text)  # one line, alone or above a blank line
        assert doc is not None and "\n" not in doc.group(1), f"{layer.name}/__init__.py: a one-line summary"


#: ``ldd_reports.x.y`` or ``from ldd_reports.x import a, b`` as the README and docs/ write them.
_DOTTED = re.compile(r"\bldd_reports(?:\.[A-Za-z_]\w*)+")
_FROM = re.compile(r"^\s*from (ldd_reports(?:\.\w+)*) import \(?([\w, ]+)", re.M)


def _documented_paths() -> set[str]:
    found: set[str] = set()
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text("utf-8")
        found |= set(_DOTTED.findall(text))
        for module, names in _FROM.findall(text):
            found |= {f"{module}.{name.strip()}" for name in names.split(",") if name.strip()}
    return found


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            value = getattr(value, name)
        return value
    raise ModuleNotFoundError(dotted)


def test_every_import_path_the_docs_name_still_works():
    paths = _documented_paths()
    assert {"ldd_reports.render", "ldd_reports.models", "ldd_reports.markup.escape"} <= paths
    broken = []
    for dotted in sorted(paths):
        try:
            _resolve(dotted)
        except (ImportError, AttributeError) as e:
            broken.append(f"{dotted}: {e}")
    assert not broken


def test_a_document_shows_in_a_notebook_through_the_installed_hook_and_preview_stays_the_function():
    report = ldd_reports.load(ROOT / "sample_inputs" / "warwickshire_cabinet_2020.yaml")
    shown = report._repr_html_()
    assert shown.startswith('<div class="ldd-preview">') and "Warwickshire County Council" in shown
    assert ldd_reports.preview(report).startswith("<!DOCTYPE html>")  # the function, not the module


def test_the_flat_layouts_paths_still_import_the_moved_modules_with_a_deprecation_warning():
    import ldd_reports.inputs.loaders as loaders

    with pytest.warns(DeprecationWarning, match=r"ldd_reports\.loaders is now ldd_reports\.inputs\.loaders"):
        old = importlib.import_module("ldd_reports.loaders")
    assert old is loaders and old.__spec__.name == "ldd_reports.inputs.loaders"  # the module, its own spec
    sys.modules.pop("ldd_reports.house_style", None)
    with pytest.warns(DeprecationWarning, match="house_styles.style"):
        from ldd_reports.house_style import HouseStyle
    assert HouseStyle is ldd_reports.HouseStyle
    with pytest.warns(DeprecationWarning, match="inputs.filenames"):  # as 0.1's README wrote it
        assert ldd_reports.filenames.safe_filename("a/b") == "a-b.docx"  # type: ignore[attr-defined]
    from ldd_reports.checks import Finding, check  # the package re-exports the old module's names

    assert check is ldd_reports.check and Finding is ldd_reports.Finding


def test_every_moved_module_is_found_at_its_new_path_and_no_old_name_hides_a_current_module():
    from ldd_reports.moved import MOVED

    for old, new in MOVED.items():
        assert (PACKAGE / (new.replace(".", "/") + ".py")).is_file(), new
        assert not (PACKAGE / f"{old}.py").exists() and not (PACKAGE / old).is_dir(), old


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["render", "--help"], ["new", "--help"]])
def test_version_and_help_build_no_model(args):
    """The command line answers --version and --help without importing pydantic or any input model."""
    code = ("import sys\nfrom ldd_reports.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'docxtpl', 'jinja2', 'lxml')"
            " or m.startswith('ldd_reports.models.') and m != 'ldd_reports.models.kinds')\n"
            "print('IMPORTED', heavy)")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "IMPORTED []"
    assert "ldd-reports" in done.stdout


def test_a_batch_in_one_process_never_imports_multiprocessing(tmp_path):
    """The worker pool's machinery (multiprocessing, concurrent.futures) is imported only for two workers or more."""
    rows = tmp_path / "rows.csv"
    names = ["Rugby Borough Council", "Warwick District Council", "Stratford-on-Avon District Council",
             "North Warwickshire Borough Council"]  # four: two workers take at least two rows each
    rows.write_text("organisation.name,organisation.kind\n" + "".join(f"{n},district\n" for n in names),
                    encoding="utf-8")
    code = ("import sys\nfrom ldd_reports.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('IMPORTED', sorted(m for m in sys.modules if m.split('.')[0] in ('multiprocessing', 'concurrent')))")
    base = str(ROOT / "sample_inputs" / "batch_base.yaml")
    for workers, pool in (("1", False), ("2", True)):
        done = subprocess.run([sys.executable, "-c", code, "batch", str(rows), "--base", base, "--out",
                               str(tmp_path / workers), "--workers", workers, "--quiet", "--draft"],
                              capture_output=True, text=True, check=True)
        imported = done.stdout.strip().splitlines()[-1]
        assert ("concurrent.futures.process" in imported) is pool, imported
        assert len(list((tmp_path / workers).glob("*.docx"))) == 4

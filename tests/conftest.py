"""Shared helpers: sample inputs, rendering to a temporary folder, reopening outputs."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

import ldd_reports

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
#: The seed papers and their measuring tools, kept in the repository (a fresh clone has no ../shared).
SEEDS = ROOT / "tests" / "seeds"
TOOLS = ROOT / "tests" / "tools"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SAMPLE_NAMES = ["warwickshire_cabinet_2020", "london_councils_executive_2019", "conwy_commitment_2019"]


def sample_path(name: str) -> Path:
    return SAMPLES / f"{name}.yaml"


def all_text(path: Path) -> str:
    """Every paragraph's text (body, tables, headers, footers, footnotes), one per line."""
    from lxml import etree

    lines = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("word/") and name.endswith(".xml") and not name.startswith("word/_rels"):
                root = etree.fromstring(z.read(name))
                for p in root.iter(f"{W}p"):
                    lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(lines)


def part_xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample rendered once for the session."""
    out = tmp_path_factory.mktemp("samples")
    paths = {}
    for name in SAMPLE_NAMES:
        target = out / f"{name}.docx"
        ldd_reports.render(ldd_reports.load(sample_path(name)), target)
        paths[name] = target
    return paths


# Fields that hold a choice or a key, not officer text, and short_name, which the templates
# do not print (the check uses it).
NOT_TEXT = {"document", "type", "kind", "body_kind", "text_format", "date_format", "layout", "style",
            "commitment_labels", "standard", "short_name", "date", "report_date", "nation", "language", "bilingual"}

def text_paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every officer-written string in a dumped model."""
    if isinstance(value, dict):
        return [p for k, v in value.items() if k not in NOT_TEXT for p in text_paths(v, path + (k,))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in text_paths(v, path + (i,))]
    return [path] if isinstance(value, str) else []


def minimal_report(**overrides: object) -> dict:
    data: dict = {
        "organisation": {"name": "Rugby Borough Council", "kind": "district"},
        "meeting": {"body": "Cabinet", "date": "2026-12-10"},
        "recommendations": {"items": ["Agree that the Council signs the Local Digital Declaration."]},
        "sections": [{"title": "Background", "content": ["A paragraph."]}],
    }
    data.update(overrides)
    return data


def open_docx(path: Path) -> docx.document.Document:
    return docx.Document(path if hasattr(path, "read") else str(path))


SOFFICE = __import__("shutil").which("soffice") or __import__("shutil").which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")


def soffice_convert(paths: list[Path], out_dir: Path, to: str = "pdf") -> None:
    """Convert files with LibreOffice in one call (its own profile), asserting each came out."""
    import subprocess

    profile = out_dir / "lo-profile"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to,
                             "--outdir", str(out_dir), *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for path in paths:
        assert (out_dir / f"{Path(path).stem}.{to.split(':')[0]}").exists(), f"{path}: {result.stdout}{result.stderr}"


def label_values(document: docx.document.Document) -> dict[str, str]:
    """A header block's 'label<TAB>value' lines (table and front-sheet layouts) as {label: value}."""
    out: dict[str, str] = {}
    for p in document.paragraphs:
        if "\t" in p.text and p._p.pPr is not None and p._p.pPr.find(f"{W}tabs") is not None:
            label, _, value = p.text.partition("\t")
            out.setdefault(label, value)
    return out

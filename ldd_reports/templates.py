"""Find templates (built-in by name, or a council's own .docx) and prepare them once for reuse.

Preparing a template opens its zip defensively, patches its XML with docxtpl's tag patcher
(so Word-split tags and ``{{p``/``{%tr`` work), compiles each part in the sandbox, and checks
it defines every style the fragments use. The result is cached for the life of the process.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from jinja2.sandbox import SecurityError

from .environment import make_environment
from .errors import TemplateError
from .wordml import ABSTRACT_LETTERS, ABSTRACT_NUMBERED, Style

__all__ = ["MAX_TEMPLATE_BYTES", "PreparedTemplate", "TemplateInfo", "default_template", "list_templates",
           "prepare", "resolve_template", "templates_dir"]

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_RATIO = 200  # deflate rarely beats ~20:1 on Word XML; far more is a zip bomb
TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class TemplateInfo:
    """A built-in template: its name, file and what it is for."""

    name: str
    path: Path
    description: str


def templates_dir() -> Path:
    """Where the built-in templates are: inside the installed package, or the source checkout."""
    spec = importlib.util.find_spec("ldd_reports.report_templates")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if any(Path(location).glob("*.docx")):
                return Path(location)
    return Path(__file__).resolve().parent.parent / "report_templates"


def _description(path: Path) -> str:
    """A template describes itself in its core properties (dc:description)."""
    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    m = re.search(r"<dc:description>([^<]*)</dc:description>", core)
    return html.unescape(m.group(1)) if m else ""


def list_templates() -> list[TemplateInfo]:
    """The built-in templates, by name."""
    return [TemplateInfo(p.stem, p, _description(p)) for p in sorted(templates_dir().glob("*.docx"))]


def default_template(document: Any) -> str:
    """The built-in template for a document: its kind, and for reports the decision body."""
    if getattr(document, "document", "report") == "commitment":
        return "commitment_statement"
    kind = document.meeting.body_kind.value
    return "executive_report" if kind == "executive" else "cabinet_report"


def resolve_template(template: str | os.PathLike[str] | None, document: Any) -> Path:
    """A built-in template's name, or a path to a .docx; None picks the document's default."""
    name = default_template(document) if template is None else template
    path = Path(name)
    if isinstance(name, str) and path.suffix.lower() != ".docx" and os.sep not in name and "/" not in name:
        path = templates_dir() / f"{name}.docx"
        if not path.exists():
            known = ", ".join(t.name for t in list_templates())
            raise TemplateError(f"no built-in template of that name (known: {known})", str(name))
    if not path.is_file():
        raise TemplateError("file not found", str(path))
    return path.resolve()


@dataclass
class PreparedTemplate:
    """A template read, patched and compiled once; rendering only fills it in."""

    name: str
    parts: dict[str, bytes]  # every part, as in the file
    compiled: dict[str, jinja2.Template]  # templated parts (document, headers, footers)
    style_numbers: dict[str, tuple[int, int]]  # styleId -> (numId, ilvl) from styles.xml
    rels_name: str = "word/_rels/document.xml.rels"


def _read_zip(path: Path) -> dict[str, bytes]:
    name = path.name
    size = path.stat().st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"file is larger than {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB", name)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise TemplateError(f"more than {MAX_MEMBERS} parts", name)
            total = 0
            for info in infos:
                pure = PurePosixPath(info.filename)
                if pure.is_absolute() or ".." in pure.parts or "\\" in info.filename or ":" in info.filename:
                    raise TemplateError(f"unsafe part name {info.filename!r}", name)
                total += info.file_size
                if total > MAX_UNPACKED_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
                    raise TemplateError("unpacks far larger than it is (zip bomb?)", name)
            parts = {}
            for info in infos:
                if info.is_dir():
                    continue
                with z.open(info) as f:  # read with a cap: the header's sizes could lie
                    data = f.read(info.file_size + 1)
                if len(data) > info.file_size:
                    raise TemplateError(f"part {info.filename!r} is larger than its header says", name)
                parts[info.filename] = data
    except zipfile.BadZipFile as e:
        raise TemplateError(f"not a .docx (zip) file: {e}", name) from e
    if "word/document.xml" not in parts:
        raise TemplateError("no word/document.xml: not a Word document", name)
    return parts


def _patch(xml: str) -> str:
    """docxtpl's tag patcher, without the rest of DocxTemplate (imported here: it is slow to import)."""
    from docxtpl import DocxTemplate

    patched = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)  # one paragraph a line: useful error lines


_STYLE = re.compile(r'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', re.S)
_NUMPR = re.compile(r'<w:numPr>(?=.*?<w:ilvl w:val="(\d+)"/>)?(?=.*?<w:numId w:val="(\d+)"/>).*?</w:numPr>', re.S)


def _style_numbers(parts: dict[str, bytes]) -> dict[str, tuple[int, int]]:
    """The numbering each paragraph style carries (numId, ilvl), from styles.xml."""
    found = {}
    for sid, body in _STYLE.findall(parts.get("word/styles.xml", b"").decode("utf-8", "replace")):
        m = _NUMPR.search(body)
        if m and m.group(2) != "0":
            found[sid] = (int(m.group(2)), int(m.group(1) or 0))
    return found


def _check_styles(parts: dict[str, bytes], name: str) -> None:
    styles = parts.get("word/styles.xml", b"").decode("utf-8", "replace")
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    missing = sorted(Style.required() - defined)
    if missing:
        raise TemplateError("missing the style(s) the report content uses: " + ", ".join(missing), name)
    numbering = parts.get("word/numbering.xml", b"").decode("utf-8", "replace")
    for abstract in (ABSTRACT_NUMBERED, ABSTRACT_LETTERS):
        if f'w:abstractNumId="{abstract}"' not in numbering:
            raise TemplateError(f"numbering.xml lacks abstract list {abstract} (numbered lists, letters)", name)


def _compile(source: str, part: str, name: str) -> jinja2.Template:
    env = _environment()
    try:
        return env.from_string(source)
    except jinja2.TemplateSyntaxError as e:
        line = source.splitlines()[e.lineno - 1] if e.lineno and e.lineno <= len(source.splitlines()) else ""
        tag = re.search(r"({[{%][^}%]*[}%]})", re.sub(r"<[^>]+>", "", line))
        raise TemplateError(f"{part}: {e.message}", name, tag.group(1) if tag else None, e.lineno) from e
    except SecurityError as e:
        raise TemplateError(f"{part}: {e}", name) from e


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    return make_environment()


@functools.lru_cache(maxsize=32)
def _prepare_cached(path: str, mtime: int, size: int) -> PreparedTemplate:
    p = Path(path)
    parts = _read_zip(p)
    _check_styles(parts, p.name)
    compiled = {}
    for part, data in parts.items():
        if TEMPLATED.fullmatch(part):
            try:
                xml = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise TemplateError(f"{part} is not UTF-8", p.name) from e
            compiled[part] = _compile(_patch(xml), part, p.name)
    return PreparedTemplate(p.stem, parts, compiled, _style_numbers(parts))


def prepare(path: Path) -> PreparedTemplate:
    """The prepared template for a file (cached; a changed file is prepared again)."""
    stat = path.stat()
    return _prepare_cached(str(path), stat.st_mtime_ns, stat.st_size)

"""Find templates (built-in by name, or a council's own .docx) and prepare them once for reuse.

Preparing a template opens its zip defensively, patches its XML with docxtpl's tag patcher
(so Word-split tags and ``{{p``/``{%tr`` work; the built-in templates' parts ship patched, in
report_templates/patched.json), compiles each part in the sandbox, and checks it defines every
style the fragments use. The result is cached for the life of the process.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib.util
import json
import os
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

from ..errors import InputError, TemplateError, TemplateWarning
from ..inputs import files
from ..word.wordml import STYLE_NAMES
from .safety import sanitise
from .sandbox import make_environment

__all__ = ["MAX_TEMPLATE_BYTES", "PreparedTemplate", "TemplateInfo", "compile_part", "default_template",
           "fragments_used", "list_templates", "parse_part", "patch_tags", "patched", "patched_file", "prepare",
           "read_package",
           "resolve_template", "style_table", "templates_dir"]

MAX_TEMPLATE_BYTES = files.MAX_PACKAGE_BYTES
TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*)\.xml")


@dataclass(frozen=True)
class TemplateInfo:
    """A built-in template: its name, file and what it is for."""

    name: str
    path: Path
    description: str


@functools.lru_cache(maxsize=1)  # looked up for every paper of a batch
@functools.lru_cache(maxsize=1)  # where the package is does not change while it runs (found once, not a paper)
def templates_dir() -> Path:
    """Where the built-in templates are: inside the installed package, or the source checkout."""
    spec = importlib.util.find_spec("ldd_reports.report_templates")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if any(Path(location).glob("*.docx")):
                return Path(location)
    return Path(__file__).resolve().parents[2] / "report_templates"  # the source checkout, beside the package


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
    if path.suffix.lower() in (".docm", ".dotm"):
        raise TemplateError("a macro-enabled file cannot be a template: save it as a .docx without macros", str(name))
    if isinstance(name, str) and path.suffix.lower() != ".docx" and os.sep not in name and "/" not in name:
        built_in = _built_in(name)
        if built_in is None:
            known = ", ".join(t.name for t in list_templates())
            raise TemplateError(f"no built-in template of that name (known: {known})", str(name))
        return built_in
    if not path.is_file():  # a FIFO or device is never opened
        raise TemplateError("not a regular file" if path.exists() else "file not found", str(path))
    return path.resolve()


@functools.lru_cache(maxsize=16)  # the package's own files: found once, not for every paper
def _built_in(name: str) -> Path | None:
    path = templates_dir() / f"{name}.docx"
    return path.resolve() if path.is_file() else None


@dataclass
class PreparedTemplate:
    """A template read, patched and compiled once; rendering only fills it in."""

    name: str
    parts: dict[str, bytes]  # every part, as in the file
    compiled: dict[str, jinja2.Template]  # templated parts (document, headers, footers)
    ids: dict[str, str]  # role -> the template's style id, found by the style's name
    numbered_styles: set[str]  # style ids whose definition carries numbering
    fragments_used: frozenset[str]  # the fragments.NAME the template places anywhere
    sources: dict[str, str]  # templated parts' patched source, for `template check`
    stripped: tuple[str, ...] = ()  # what the safety policy removed (templating.safety)
    rels_name: str = "word/_rels/document.xml.rels"
    # The body only prints its fragments ({{ fragments.X }}) or tests them ({% if fragments.X %}): rendered with
    # stand-ins, checked, and the library's fragments put in their place (see pipeline); else rendered whole.
    placed_as_written: bool = False
    # The parts that print the running header's and footer's words only as written ({{ furniture.X }}): the
    # same, with the words' escaped text in the stand-ins' places, where they print as plain text.
    furniture_as_written: frozenset[str] = frozenset()


def read_package(path: Path) -> dict[str, bytes]:
    """A template's parts, read with the bounded reader's checks (a TemplateError naming the file)."""
    try:
        parts = files.read_package(path, path.name, MAX_TEMPLATE_BYTES)
    except InputError as e:
        raise TemplateError(e.problems[0].message, path.name) from e
    if "word/document.xml" not in parts:
        raise TemplateError("no word/document.xml: not a Word document", path.name)
    return parts


PATCHED_FILE = "patched.json"  # beside the built-in templates: their parts as patch_tags leaves them


@functools.lru_cache(maxsize=1)
def _patched_built_ins() -> dict[str, str]:
    try:
        data: dict[str, str] = json.loads((templates_dir() / PATCHED_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # not there (a tree without it): each part is patched, as any template's
        return {}
    return data


def _key(xml: str) -> str:
    return hashlib.sha256(xml.encode("utf-8")).hexdigest()


def patched(xml: str) -> str:
    """A templated part's XML with its tags patched: the built-in templates' parts as shipped (their
    patching done when they were built, so docxtpl, a tenth of a second to import, is not loaded),
    anything else by :func:`patch_tags`. Looked up by the part's exact text: a changed part is patched."""
    return _patched_built_ins().get(_key(xml)) or patch_tags(xml)


def patched_file() -> str:
    """report_templates/patched.json as ``make templates`` writes it: each built-in template's templated
    parts, patched, by the SHA-256 of their text."""
    table = {}
    for info in list_templates():
        for part, data in read_package(info.path).items():
            if TEMPLATED.fullmatch(part):
                xml = data.decode("utf-8")
                table[_key(xml)] = patch_tags(xml)
    return json.dumps(dict(sorted(table.items())), indent=0, ensure_ascii=False) + "\n"


def patch_tags(xml: str) -> str:
    """docxtpl's tag patcher, without the rest of DocxTemplate (imported here: it is slow to import)."""
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]  # docxtpl ships no types

    patched = DocxTemplate.patch_xml(DocxTemplate.__new__(DocxTemplate), xml)
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)  # one paragraph a line: useful error lines


_STYLE = re.compile(r'<w:style\b([^>]*)>(.*?)</w:style>', re.S)
_STYLE_ID = re.compile(r'w:styleId="([^"]+)"')
_STYLE_NAME = re.compile(r'<w:name w:val="([^"]*)"')


def _norm(name: str) -> str:
    return " ".join(html.unescape(name).lower().split())


def style_table(parts: dict[str, bytes]) -> tuple[dict[str, str], set[str]]:
    """(normalised style name -> style id, ids of paragraph styles that carry numbering) from styles.xml."""
    by_name: dict[str, str] = {}
    numbered = set()
    for attrs, body in _STYLE.findall(parts.get("word/styles.xml", b"").decode("utf-8", "replace")):
        sid, name = _STYLE_ID.search(attrs), _STYLE_NAME.search(body)
        if not sid:
            continue
        by_name.setdefault(_norm(name.group(1) if name else sid.group(1)), sid.group(1))
        if "<w:numPr>" in body and '<w:numId w:val="0"/>' not in body:
            numbered.add(sid.group(1))
    return by_name, numbered


def style_ids(parts: dict[str, bytes], name: str) -> tuple[dict[str, str], set[str]]:
    """Each role's style id, found by the style's name (LibreOffice renames ids when it saves)."""
    by_name, numbered = style_table(parts)
    missing = sorted({STYLE_NAMES[r] for r in STYLE_NAMES if _norm(STYLE_NAMES[r]) not in by_name})
    if missing:
        raise TemplateError("missing the style(s) the report content uses (by name): " + ", ".join(missing), name)
    return {role: by_name[_norm(n)] for role, n in STYLE_NAMES.items()}, numbered


def parse_part(source: str) -> Any:
    """A templated part's Jinja syntax tree (for finding what it uses)."""
    return _environment().parse(source)


def fragments_used(sources: dict[str, str]) -> frozenset[str]:
    """Every fragments.NAME (or fragments['NAME']) the templated parts mention."""
    from jinja2 import nodes

    used = set()
    for source in sources.values():
        for node in parse_part(source).find_all((nodes.Getattr, nodes.Getitem)):
            if isinstance(node.node, nodes.Name) and node.node.name == "fragments":
                attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
                if isinstance(attr, str):
                    used.add(attr)
    return frozenset(used)


def _item_of(node: Any, group: str) -> bool:
    from jinja2 import nodes

    return isinstance(node, (nodes.Getattr, nodes.Getitem)) and isinstance(node.node, nodes.Name) \
        and node.node.name == group


def as_written(source: str, group: str) -> bool:
    """Whether a part uses the values of ``group`` (fragments, furniture) only to print one (``{{ group.X }}``)
    or to test one (``{% if group.X %}``), if at all: nothing the template does with their text could then
    depend on it."""
    from jinja2 import nodes

    tree = parse_part(source)
    plain = [child for output in tree.find_all(nodes.Output) for child in output.nodes if _item_of(child, group)]
    plain += [test.test for test in tree.find_all(nodes.If) if _item_of(test.test, group)]
    named = {id(use.node) for use in plain}
    return all(id(name) in named for name in tree.find_all(nodes.Name) if name.name == group)


def compile_part(source: str, part: str, name: str) -> jinja2.Template:
    env = _environment()
    try:
        template: jinja2.Template = env.from_string(source)
        return template
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
    safe = sanitise(read_package(p), p.name)
    parts = safe.parts
    for item in safe.stripped:  # once per template per process: prepared templates are cached
        warnings.warn(f"template {p.name!r}: removed {item} (not allowed in a template)", TemplateWarning,
                      stacklevel=2)
    ids, numbered = style_ids(parts, p.name)
    compiled, sources = {}, {}
    for part, data in parts.items():
        if TEMPLATED.fullmatch(part):
            try:
                xml = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise TemplateError(f"{part} is not UTF-8", p.name) from e
            sources[part] = patched(xml)
            compiled[part] = compile_part(sources[part], part, p.name)
    body = sources.get("word/document.xml")
    furniture = frozenset(part for part, source in sources.items() if "furniture" in source
                          and as_written(source, "furniture"))
    return PreparedTemplate(p.stem, parts, compiled, ids, numbered, fragments_used(sources), sources,
                            placed_as_written=body is not None and as_written(body, "fragments"),
                            furniture_as_written=furniture, stripped=safe.stripped)


def prepare(path: Path) -> PreparedTemplate:
    """The prepared template for a file (cached; a changed file is prepared again)."""
    stat = path.stat()
    return _prepare_cached(str(path), stat.st_mtime_ns, stat.st_size)

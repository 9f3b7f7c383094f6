"""Build the baseline's docxtpl templates and the floor's finished papers from the library's own output.

For every kind of row in the CSV (kind of organisation, kind of decision body) the library renders
the base paper with ``{{ org }}`` and ``{{ body }}`` where the row's names go: that is the floor's
finished paper. The rows that share a house style share one docxtpl template: the body paragraphs
all their papers hold, and the ones only some hold inside ``{%p if %}`` blocks (what a person
writing the template by hand would do). Papers whose other parts differ get a template each.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from ldd_reports.house_styles.style import resolve_house_style
from ldd_reports.inputs.csv_rows import apply_row
from ldd_reports.inputs.loaders import validate
from ldd_reports.inputs.source import Source, read
from ldd_reports.pipeline import render_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
_NS = re.compile(rb' xmlns(?::\w+)?="[^"]*"')


def _key(row: dict[str, str]) -> str:
    return f"{row['organisation.kind']}/{row['meeting.body_kind']}"


def tagged_papers(base_path: Path, rows_path: Path) -> dict[str, tuple[str, bytes]]:
    """{kind of row: (house style, the library's paper with tags for the names)}."""
    base = read(base_path).data
    papers: dict[str, tuple[str, bytes]] = {}
    with open(rows_path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            key = _key(row)
            if key not in papers:
                tagged = {**row, "organisation.name": "{{ org }}", "meeting.body": "{{ body }}"}
                doc = validate(Source(apply_row(base, tagged)))
                style = resolve_house_style(None, doc)
                papers[key] = (f"{style.name}:{style.template_path()}", render_bytes(doc, when=WHEN))
    return papers


def _body(xml: bytes) -> tuple[bytes, list[bytes], bytes]:
    """document.xml as (up to <w:body>, each child of the body without repeated namespaces, the rest)."""
    root = etree.fromstring(xml)
    body = root.find(f"{{{W}}}body")
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    end = xml.rindex(b"</w:body>")
    children = [_NS.sub(b"", etree.tostring(child), count=0) for child in body]
    return xml[:start], children, xml[end:]


def _condition(keys: set[str], every: set[str]) -> str:
    """The shortest test for exactly ``keys`` among ``every``: by kind, by body kind, else by both."""
    for index, name in ((0, "kind"), (1, "body_kind")):
        values = {k.split("/")[index] for k in keys}
        if {k for k in every if k.split("/")[index] in values} == keys:
            return f"{name} in {sorted(values)!r}".replace("'", '"')
    parts = sorted(keys)
    return f'kind ~ "/" ~ body_kind in {parts!r}'.replace("'", '"')


def _control(tag: str) -> bytes:
    return f"<w:p><w:r><w:t>{{%p {tag} %}}</w:t></w:r></w:p>".encode()


def merge(documents: dict[str, bytes]) -> tuple[bytes, int]:
    """One document.xml for papers that differ in some body paragraphs, and its number of if-blocks."""
    keys = list(documents)
    head, children, tail = _body(documents[keys[0]])
    merged = [(child, {keys[0]}) for child in children]
    for key in keys[1:]:
        _, theirs, _ = _body(documents[key])
        ours = [child for child, _ in merged]
        matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
        out: list[tuple[bytes, set[str]]] = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                out += [(child, held | {key}) for child, held in merged[i1:i2]]
            else:
                out += merged[i1:i2] + [(child, {key}) for child in theirs[j1:j2]]
        merged = out
    every, blocks, pieces, i = set(keys), 0, [], 0
    while i < len(merged):
        child, held = merged[i]
        if held == every:
            pieces.append(child)
            i += 1
            continue
        run = []
        while i < len(merged) and merged[i][1] == held:
            run.append(merged[i][0])
            i += 1
        pieces += [_control("if " + _condition(held, every)), *run, _control("endif")]
        blocks += 1
    return head + b"".join(pieces) + tail, blocks


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def build(base_path: Path, rows_path: Path, folder: Path) -> dict[str, int]:
    """Write the templates (folder/templates) and finished papers (folder/papers), each with a
    manifest.json of kind of row -> file; returns each template's number of if-blocks."""
    papers = tagged_papers(base_path, rows_path)
    (folder / "papers").mkdir(parents=True, exist_ok=True)
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    floor = {}
    for n, (key, (_, data)) in enumerate(papers.items()):
        floor[key] = f"paper{n}.docx"
        (folder / "papers" / floor[key]).write_bytes(data)
    (folder / "papers" / "manifest.json").write_text(json.dumps(floor, indent=1), encoding="utf-8")
    # Rows sharing a house style and every part but the body share a template
    groups: dict[tuple[str, frozenset[tuple[str, bytes]]], dict[str, dict[str, bytes]]] = {}
    for key, (style, data) in papers.items():
        parts = _parts(data)
        rest = frozenset((name, part) for name, part in parts.items() if name != "word/document.xml")
        groups.setdefault((style, rest), {})[key] = parts
    manifest, blocks = {}, {}
    for n, members in enumerate(groups.values()):
        name = f"template{n}.docx"
        first = next(iter(members.values()))
        document, blocks[name] = merge({key: parts["word/document.xml"] for key, parts in members.items()})
        with zipfile.ZipFile(folder / "templates" / name, "w", zipfile.ZIP_DEFLATED) as z:
            for part, data in first.items():
                z.writestr(part, document if part == "word/document.xml" else data)
        manifest.update(dict.fromkeys(members, name))
    (folder / "templates" / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return blocks

"""Property tests: hostile text in every string field of every sample reaches the document intact.

Each generated case replaces every officer-written string of a document at once, renders
it, parses every XML part strictly, reopens it with python-docx, and checks that each string
is in the document literally (no character lost, nothing evaluated). The three samples and a
fixture that sets every field, 130 cases each: 520 generated cases per run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

import ldd_reports
from ldd_reports.inputs.loaders import validate
from ldd_reports.inputs.source import Source

from conftest import ROOT, SAMPLE_NAMES, W, open_docx, sample_path, text_paths

DOCUMENTS = {name: sample_path(name) for name in SAMPLE_NAMES}
NAMES = {"name", "body", "title"}  # the fields that must not be blank (models.base.Name)
DOCUMENTS["every_field"] = ROOT / "tests" / "fixtures" / "every_field.yaml"

HOSTILE = ["&", "<", ">", '"', "'", "&amp;", "<w:p>", "</w:t>", "{{ x }}", "{{ 7*7 }}", "{% if x %}", "{%p if x %}",
           "{%tr for %}", "{{p x }}", "{#", "]]>", "<![CDATA[", "\\", "%", "}}", "Ŵŷ Llanfairpwllgwyngyll",
           "Ysgol Gymraeg", "عربى", "עברית", "\u202e", "😀", "👩‍💻", "\t", "\n", "\x0b", "  ", "[TO COMPLETE: x]",
           "**", "*", "__", "[a](https://x)", "\u00a0", "\ufeff", "\U0001F600", "\u0301"]

# Any character XML 1.0 can hold (no surrogates, no C0 controls but tab and newline).
xml_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r") .filter(
    lambda c: c in "\t\n\x0b" or ord(c) >= 0x20 and c not in "\ufffe\uffff")
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(xml_char, min_size=1, max_size=12)),
                        min_size=1, max_size=6).map("".join)


def set_path(data: Any, path: tuple, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def expected(text: str) -> list[str]:
    """What the document must contain: the text as validated, split the documented way."""
    text = text.replace("\x0b", "\n")
    return [part.strip("\n") for part in re.split(r"\n\n+", text) if part.strip("\n")]


def document_text(data: bytes) -> str:
    """Paragraph texts, tabs and breaks included, from every part that shows text."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", name):
                for p in etree.fromstring(z.read(name)).iter(f"{W}p"):
                    bits = []
                    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
                        bits.append(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab" else "\n")
                    lines.append("".join(bits))
    return "\n".join(lines)


def assert_strict_xml(data: bytes) -> None:
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name), parser)  # raises on anything malformed


def hostile_document(name: str, values: list[str]) -> tuple[Any, list[tuple[tuple, str]]]:
    data = ldd_reports.load(DOCUMENTS[name]).model_dump(mode="json")
    data["text_format"] = "plain"
    paths = text_paths(data)
    planted = []
    for path, value in zip(paths, values):
        if not value.strip() and path[-1] in NAMES:
            value += "x"  # a name, body or title of only spaces is refused (test_hardening), not printed
        set_path(data, path, value)
        planted.append((path, value))
    return validate(Source(data)), planted


PATH_COUNTS = {name: len(text_paths(ldd_reports.load(path).model_dump(mode="json")))
               for name, path in DOCUMENTS.items()}


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_hostile_text_in_every_field_comes_out_literally(name):
    count = PATH_COUNTS[name]

    # No shrinking: a case with every field hostile shrinks for minutes; the failure prints as is.
    @settings(max_examples=130, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(hostile_text, min_size=count, max_size=count))
    def case(values):
        doc, planted = hostile_document(name, values)
        data = ldd_reports.render_bytes(doc, draft=True)
        assert_strict_xml(data)
        reopened = open_docx(io.BytesIO(data))
        assert reopened.paragraphs
        text = document_text(data)
        for path, value in planted:
            for part in expected(value):
                assert part in text, f"{path}: {part!r} lost"
        title = doc.title if hasattr(doc, "title") else None
        if title is not None:
            assert reopened.core_properties.title == title

    case()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.libreoffice
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; .ci/run installs it")
def test_libreoffice_round_trip_keeps_hostile_text(tmp_path):
    """A sample of hostile outputs through LibreOffice (docx -> text): it opens them, and the text survives."""
    rng = __import__("random").Random(20181)
    docs = []
    for i in range(8):
        name = SAMPLE_NAMES[i % len(SAMPLE_NAMES)]
        values = ["".join(rng.choice(HOSTILE[:24]) + rng.choice(["a", "ŵ", " ", "1"]) for _ in range(4))
                  for _ in range(PATH_COUNTS[name])]
        doc, planted = hostile_document(name, values)
        out = tmp_path / f"h{i}.docx"
        ldd_reports.render(doc, out, draft=True)
        docs.append((out, planted))
    profile = tmp_path / "profile"
    result = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                             "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "txt"), *[str(d) for d, _ in docs]],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for out, planted in docs:
        text = (tmp_path / "txt" / f"{out.stem}.txt").read_text(encoding="utf-8-sig")
        body = [v for p, v in planted if p[0] in ("sections", "commitments") and p[-1] != "title"]
        assert body
        for value in body:
            for part in expected(value):
                for line in part.split("\n"):
                    assert line.strip() in text, f"{out.name}: {line!r} lost in LibreOffice"

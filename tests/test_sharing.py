"""Work shared between papers (issue 24): what repeats is made once, and nothing else is held."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx

import ldd_reports
from ldd_reports.word import archive

from conftest import sample_path

def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every CRC right
        return {info.filename: z.read(info) for info in z.infolist()}

def test_the_archive_holds_every_part_as_given_content_types_first_and_opens_in_python_docx():
    parts = {"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<R/>",
             "word/media/\u00e9.png": bytes(range(256)) * 40}
    data = archive.zip_parts(parts)
    assert _parts(data) == parts
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [info.filename for info in z.infolist()]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert all(info.compress_type == zipfile.ZIP_DEFLATED and info.date_time == (1980, 1, 1, 0, 0, 0)
                   for info in z.infolist())
        assert {(info.external_attr >> 16) & 0o777 for info in z.infolist()} == {0o644}
    paper = ldd_reports.render_bytes(ldd_reports.load(sample_path("warwickshire_cabinet_2020")))
    assert "Warwickshire" in "\n".join(p.text for p in docx.Document(io.BytesIO(paper)).paragraphs)

def test_a_part_is_kept_deflated_only_once_its_bytes_repeat():
    repeats = archive._Repeats(size=2)
    once, twice = b"<a>" + b"x" * 500 + b"</a>", b"<b>" + b"y" * 500 + b"</b>"
    first = repeats.deflated(twice)
    assert once not in repeats.kept and twice not in repeats.kept  # met once: only its hash remembered
    assert repeats.deflated(twice) == first and twice in repeats.kept
    repeats.deflated(once)
    assert once not in repeats.kept
    for data in (b"1" * 50, b"2" * 50, b"1" * 50, b"2" * 50):  # two more repeating parts push the oldest out
        repeats.deflated(data)
    assert twice not in repeats.kept and len(repeats.kept) == 2

def test_equal_inputs_give_equal_files_and_a_kept_part_is_the_same_bytes():
    doc = ldd_reports.load(sample_path("london_councils_executive_2019"))

    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    first, second, third = (ldd_reports.render_bytes(doc, when=when) for _ in range(3))
    assert first == second == third  # the third reuses deflated parts; the file is byte for byte the same

"""Assemble the output .docx: rendered parts, list restarts, hyperlinks, core properties; write atomically."""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape

from .errors import OutputExistsError, RenderError
from .wordml import HYPERLINK_REL

__all__ = ["add_footnotes", "add_hyperlinks", "add_numbering", "core_xml", "write_output", "zip_parts"]

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def core_xml(props: dict[str, str], when: dt.datetime) -> bytes:
    """docProps/core.xml written from scratch: nothing left from the template or python-docx."""
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = "".join(f"<{tag}>{escape(props[key])}</{tag}>" for key, tag in (
        ("title", "dc:title"), ("subject", "dc:subject"), ("creator", "dc:creator"), ("keywords", "cp:keywords"),
        ("description", "dc:description"), ("category", "cp:category"), ("language", "dc:language"),
        ("creator", "cp:lastModifiedBy"), ("status", "cp:contentStatus")) if props.get(key))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{fields}<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>').encode("utf-8")


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Word wants the separator notes (-1, 0) in a footnotes part; LibreOffice drops an empty part on saving.
_EMPTY_FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>'
                    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                    '</w:r></w:p></w:footnote></w:footnotes>').encode("utf-8")


def _ensure_part(parts: dict[str, bytes], rels_name: str, kind: str, empty: bytes) -> bytes:
    """word/KIND.xml as the template has it, or a new empty one with its relationship and content type."""
    name = f"word/{kind}.xml"
    if name not in parts:
        rels = parts[rels_name].decode("utf-8")
        end = rels.rindex("</Relationships>")
        parts[rels_name] = (rels[:end] + f'<Relationship Id="rIdLdd{kind.title()}" Type="{_REL}{kind}" '
                            f'Target="{kind}.xml"/>' + rels[end:]).encode("utf-8")
        types = parts["[Content_Types].xml"].decode("utf-8")
        end = types.rindex("</Types>")
        parts["[Content_Types].xml"] = (types[:end] + f'<Override PartName="/{name}" ContentType="'
                                        f'{_TYPE.format(kind)}"/>' + types[end:]).encode("utf-8")
        parts[name] = empty
    return parts[name]


def add_numbering(parts: dict[str, bytes], numbering: bytes, rels_name: str) -> None:
    """Set word/numbering.xml; a template without one also gets its relationship and content type."""
    _ensure_part(parts, rels_name, "numbering", numbering)
    parts["word/numbering.xml"] = numbering


def add_footnotes(parts: dict[str, bytes], notes: list[str], rels_name: str) -> None:
    """Append the notes to the template's footnotes part (made, with its separators, if it has none)."""
    if not notes:
        return
    text = _ensure_part(parts, rels_name, "footnotes", _EMPTY_FOOTNOTES).decode("utf-8")
    end = text.rindex("</w:footnotes>")
    parts["word/footnotes.xml"] = (text[:end] + "".join(notes) + text[end:]).encode("utf-8")


def add_hyperlinks(rels: bytes, links: dict[str, str]) -> bytes:
    if not links:
        return rels
    extra = "".join(f'<Relationship Id="{rid}" Type="{HYPERLINK_REL}" Target="{escape(url, {chr(34): "&quot;"})}" '
                    'TargetMode="External"/>' for url, rid in links.items())
    text = rels.decode("utf-8")
    end = text.rindex("</Relationships>")
    return (text[:end] + extra + text[end:]).encode("utf-8")


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """The .docx bytes; [Content_Types].xml first, as Word and some validators expect."""
    buf = io.BytesIO()
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
    # Level 1: a third of level 6's time for Word XML, and files only a few per cent larger.
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name in names:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, parts[name], compresslevel=1)
    return buf.getvalue()


def write_output(data: bytes, out: str | os.PathLike[str] | IO[bytes], force: bool = False,
                 durable: bool = True) -> None:
    """Write to a stream, or atomically to a path: a temporary file beside it, then a rename.

    A failure leaves no partial file, and an existing file is only replaced with ``force``.
    The file is flushed to disk before the rename when ``durable`` or when it replaces an
    existing file (which a clerk may have edited); a batch writing new files skips that.
    """
    if hasattr(out, "write"):
        out.write(data)  # type: ignore[union-attr]
        return
    path = Path(out)  # type: ignore[arg-type]
    replacing = path.exists()
    if replacing and not force:
        raise OutputExistsError(str(path))
    if path.is_dir():
        raise RenderError("is a folder, not a file name", str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise RenderError(f"cannot write here: {e.strerror or e}", str(path)) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable or replacing:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise RenderError(f"cannot write: {e.strerror or e}", str(path)) from e
        raise

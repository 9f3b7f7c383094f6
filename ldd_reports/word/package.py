"""Assemble the output .docx: rendered parts, list restarts, hyperlinks, core properties; write atomically."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from ..errors import OutputExistsError, RenderError
from .wordml import HYPERLINK_REL, xml_text

__all__ = ["TEMP_SUFFIX", "add_footnotes", "add_hyperlinks", "add_numbering", "core_xml", "remove_temporaries", "set_language",
           "temp_prefix", "write_output"]

#: Temporary files are ".NAME.XXXX.ldd-tmp" beside the output (so an interrupted batch can find its own).
TEMP_SUFFIX = ".ldd-tmp"


def core_xml(props: dict[str, str], when: dt.datetime) -> bytes:
    """docProps/core.xml written from scratch: nothing left from the template or python-docx."""
    stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = "".join(f"<{tag}>{xml_text(props[key])}</{tag}>" for key, tag in (
        ("title", "dc:title"), ("subject", "dc:subject"), ("creator", "dc:creator"), ("keywords", "cp:keywords"),
        ("description", "dc:description"), ("category", "cp:category"), ("language", "dc:language"),
        ("creator", "cp:lastModifiedBy"), ("status", "cp:contentStatus")) if props.get(key))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{fields}<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>').encode()


_LANG = re.compile(rb'(<w:lang\b[^>]*?\bw:val=")[^"]*(")')
_THEME_LANG = re.compile(rb'(<w:themeFontLang\b[^>]*?\bw:val=")[^"]*(")')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Word wants the separator notes (-1, 0) in a footnotes part; LibreOffice drops an empty part on saving.
_EMPTY_FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_W}>'
                    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                    '</w:r></w:p></w:footnote></w:footnotes>').encode()


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


def set_language(parts: dict[str, bytes], tag: str) -> None:
    """Every language the template's styles and settings name becomes ``tag`` ('cy-GB'): the runs inherit it."""
    for name, pattern in (("word/styles.xml", _LANG), ("word/settings.xml", _THEME_LANG)):
        if name in parts:
            parts[name] = pattern.sub(lambda m: m.group(1) + tag.encode() + m.group(2), parts[name])


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
    extra = "".join(f'<Relationship Id="{rid}" Type="{HYPERLINK_REL}" Target="{xml_text(url, quote=True)}" '
                    'TargetMode="External"/>' for url, rid in links.items())
    text = rels.decode("utf-8")
    end = text.rindex("</Relationships>")
    return (text[:end] + extra + text[end:]).encode("utf-8")


def temp_prefix(path: Path) -> str:
    """The start of a temporary file's name beside ``path`` (short enough in bytes for any name)."""
    return "." + path.name.encode("utf-8")[:100].decode("utf-8", "ignore") + "."


def remove_temporaries(outputs: Iterable[Path]) -> None:
    """The temporary files interrupted writes left beside ``outputs`` (".NAME.XXXXXXXX.ldd-tmp"), and no others.

    One listing of each folder, each entry matched against the outputs' prefixes in a set: linear
    in the files, where a glob per output was quadratic (minutes for a 100,000-row batch).
    """
    prefixes: dict[Path, set[str]] = {}
    for path in outputs:
        prefixes.setdefault(path.parent, set()).add(temp_prefix(path))
    for folder, wanted in prefixes.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            # mkstemp puts a random part with no "." between the prefix (which ends ".") and the suffix
            if entry.name.endswith(TEMP_SUFFIX) and entry.name[:-len(TEMP_SUFFIX)].rpartition(".")[0] + "." in wanted:
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass


@functools.lru_cache(maxsize=1)
def _new_file_mode() -> int:
    """The mode a new file gets under this process's umask (mkstemp's own 0600 would ignore it)."""
    mask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return 0o666 & ~mask


def write_output(data: bytes, out: str | os.PathLike[str] | IO[bytes], force: bool = False,
                 durable: bool = True) -> None:
    """Write to a stream, or atomically to a path: a temporary file beside it (on Linux a new file's is unnamed),
    then into place.

    A failure leaves no partial file. Without ``force`` the file is linked into place, which
    fails if the name exists (no window between a check and the write); with ``force`` it
    replaces the old file and keeps that file's mode. New files honour the umask. The file is
    flushed to disk first when ``durable`` or when it replaces a file (a clerk may have edited
    it); a batch writing new files skips that.
    """
    if hasattr(out, "write"):
        out.write(data)
        return
    path = Path(out)
    try:
        old = os.stat(path)
    except FileNotFoundError:
        old = None
    except (OSError, ValueError) as e:
        raise _cannot_write(path, e, here=True) from e
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise RenderError("is a folder, not a file name", str(path))
    if old is not None and not force:
        raise OutputExistsError(str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as e:
        raise _cannot_write(path, e, here=True) from e
    if old is None:
        try:
            if _written_unnamed(data, path, durable):
                return
        except FileExistsError as e:  # made since the look above
            if not force:
                raise OutputExistsError(str(path)) from e
        except OSError as e:
            raise _cannot_write(path, e) from e
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    except (OSError, ValueError) as e:
        raise _cannot_write(path, e, here=True) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if hasattr(os, "fchmod"):  # POSIX; on Windows a new file has no mode bits to keep
                os.fchmod(f.fileno(), stat.S_IMODE(old.st_mode) if old else _new_file_mode())
            if durable or old is not None:
                os.fsync(f.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, FileExistsError):
            raise OutputExistsError(str(path)) from e
        if isinstance(e, OSError):
            raise _cannot_write(path, e) from e
        raise


def _cannot_write(path: Path, error: Exception, here: bool = False) -> RenderError:
    """The error naming ``path``: writing failed (``here``: before any byte, at the folder or its name)."""
    return RenderError(f"cannot write{' here' if here else ''}: {getattr(error, 'strerror', None) or error}", str(path))


_UNNAMED = getattr(os, "O_TMPFILE", 0)  # Linux: a file made in a folder with no name until it is linked


def _written_unnamed(data: bytes, path: Path, durable: bool) -> bool:
    """Linux: ``data`` written to an unnamed file in ``path``'s folder, then linked in as ``path`` (refusing an
    existing name) -- one name made and none removed, where a named temporary file is made, linked and removed
    (155 us a file to 185 us in a batch). The file is never seen part-written: until linked it has no name, and
    it is gone when closed. False, having written nothing, where the folder's file system has no unnamed files
    (or there is no /proc to link through): the named temporary file then."""
    if not _UNNAMED:
        return False
    try:
        fd = os.open(path.parent, _UNNAMED | os.O_WRONLY, 0o666)  # the umask applies, as to any new file
    except OSError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
        try:  # linkat(AT_SYMLINK_FOLLOW) of /proc's name for the descriptor: an absolute source ignores
            # src_dir_fd, which is given only so that Python calls linkat (link() would not follow /proc's link)
            os.link(f"/proc/self/fd/{fd}", path, src_dir_fd=fd, follow_symlinks=True)
        except FileExistsError:
            raise
        except OSError:
            return False
        return True
    finally:
        os.close(fd)


def _place_new(tmp: str, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if nothing is there (FileExistsError if something is)."""
    try:
        os.link(tmp, path)  # atomic, and refuses an existing name
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (FAT, some network shares): Windows' rename refuses an existing
        # name; elsewhere claim the name first, then replace the claim.
        if os.name == "nt":
            os.rename(tmp, path)
            return
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            os.replace(tmp, path)
        except BaseException:
            os.unlink(path)  # our empty claim, not somebody's file
            raise
        return
    os.unlink(tmp)

"""Bounded reading of the files a user names: regular files only, a size cap, zip packages checked.

Every command that opens a file reads it here, so none can hang on a FIFO, read /dev/zero until
memory runs out, or unpack a zip bomb. Failures are :class:`InputError` naming the file.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from pathlib import PurePosixPath

from ..errors import InputError, Problem

__all__ = ["MAX_MEMBERS", "MAX_PACKAGE_BYTES", "MAX_RATIO", "MAX_UNPACKED_BYTES", "read_bytes", "read_package"]

MAX_PACKAGE_BYTES = 20 * 1024 * 1024  # a .docx of a council paper is tens of KB; a template a few MB
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_RATIO = 200  # deflate rarely beats ~20:1 on Word XML; far more is a zip bomb


def _refuse(name: str, message: str) -> InputError:
    return InputError([Problem("", message, name)], name)


def read_bytes(path: str | os.PathLike[str], limit: int, what: str = "the file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (counted as read, not as the file system says)."""
    name = os.fspath(path)
    try:
        # stat first: opening a FIFO would block, and /dev/zero has no size to check
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise _refuse(name, f"not a regular file (a folder, pipe or device cannot be {what})")
        with open(path, "rb") as f:  # in pieces: read(limit + 1) sets aside the whole limit (50 MB for a CSV) at once
            pieces, held = [], 0
            while held <= limit and (piece := f.read(min(1 << 20, limit + 1 - held))):
                pieces.append(piece)
                held += len(piece)
            data = b"".join(pieces)
    except OSError as e:
        raise _refuse(name, f"cannot read the file: {e.strerror or e}") from e
    except ValueError as e:  # a NUL in the name, a name too long for the platform
        raise _refuse(name, f"cannot read the file: {e}") from e
    if len(data) > limit:
        raise _refuse(name, f"larger than {_size(limit)}: too large to be {what}")
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"


def read_package(source: str | os.PathLike[str] | bytes, name: str | None = None,
                 limit: int = MAX_PACKAGE_BYTES) -> dict[str, bytes]:
    """Every part of a zip package (a .docx), by name, with the zip-bomb and part-name checks.

    ``source`` is a path or the package's bytes. At most ``limit`` bytes packed, MAX_UNPACKED_BYTES
    unpacked and MAX_MEMBERS parts, none unpacking to more than MAX_RATIO times its packed size; part
    names may not leave the package (absolute, '..', drive letters, backslashes).
    """
    if isinstance(source, bytes):
        label = name or "document"
        if len(source) > limit:
            raise _refuse(label, f"larger than {_size(limit)}")
        data = source
    else:
        label = name or os.fspath(source)
        data = read_bytes(source, limit, "a Word document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(label, f"more than {MAX_MEMBERS} parts")
            total = 0
            for info in infos:
                pure = PurePosixPath(info.filename)
                if pure.is_absolute() or ".." in pure.parts or "\\" in info.filename or ":" in info.filename:
                    raise _refuse(label, f"unsafe part name {info.filename!r}")
                total += info.file_size
                if total > MAX_UNPACKED_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
                    raise _refuse(label, "unpacks far larger than it is (zip bomb?)")
            parts = {}
            for info in infos:
                if info.is_dir():
                    continue
                with z.open(info) as f:  # read with a cap: the header's sizes could lie
                    part = f.read(info.file_size + 1)
                if len(part) > info.file_size:
                    raise _refuse(label, f"part {info.filename!r} is larger than its header says")
                parts[info.filename] = part
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as e:
        raise _refuse(label, f"not a Word document (.docx is a zip package): {e}") from e
    except (OSError, ValueError, zlib.error) as e:  # a corrupt member (bad CRC, bad compression data)
        raise _refuse(label, f"a damaged Word document: {e}") from e
    return parts


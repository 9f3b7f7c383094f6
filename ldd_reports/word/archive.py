"""The .docx as a zip archive: each part deflated once for as long as its bytes repeat."""

from __future__ import annotations

import struct
import types
import zlib
from collections.abc import Mapping

from ..caches import repeated
from ..errors import RenderError

_codec: types.ModuleType
try:  # ISA-L's deflate (the 'fast' extra): a fifth of zlib's time at level 1 on Word XML, and a smaller stream
    from isal import isal_zlib as _codec
except ImportError:  # zlib's: the same format, the same paper
    _codec = zlib

__all__ = ["zip_parts"]

# What the standard library's zipfile writes, but for one thing it cannot do: place bytes already
# deflated. The parts a template leaves alone (styles, theme, settings, fonts) and those the same
# in every paper of a batch are deflated once; 14 fresh zlib streams a paper cost more than the body.
_VERSION = 20  # deflate
_UTF8 = 0x800  # names are UTF-8
_DOS_DATE = (1 << 5) | 1  # 1980-01-01, 00:00: the date every part carries, so equal inputs give equal files
_ATTRIBUTES = 0o644 << 16
_MADE_BY = (3 << 8) | _VERSION  # Unix, as zipfile on POSIX writes (so the attributes read as rw-r--r--)


def _deflate(data: bytes) -> tuple[bytes, int]:
    """(the raw deflate stream, its CRC-32)"""
    # Level 1: a third of zlib's level 6 time for Word XML, and files only a few per cent larger.
    stream = _codec.compressobj(1, zlib.DEFLATED, -15)
    return stream.compress(data) + stream.flush(), _codec.crc32(data)


# Parts seen twice keep their deflated bytes; a part met once leaves only its hash (a paper's body is never held)
_deflated = repeated(256)(_deflate)


def zip_parts(parts: Mapping[str, bytes]) -> bytes:
    """The .docx bytes; [Content_Types].xml first, as Word and some validators expect."""
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels"))
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in names:
        data = parts[name]
        if len(data) > 0xFFFFFFFF:
            raise RenderError(f"{name} is too large for a .docx (over 4 GB)")
        packed, crc = _deflated(data)
        encoded = name.encode("utf-8")
        fields = (_VERSION, _UTF8, zlib.DEFLATED, 0, _DOS_DATE, crc, len(packed), len(data), len(encoded))
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded
        directory.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", _MADE_BY, *fields, 0, 0, 0, 0,
                                     _ATTRIBUTES, offset) + encoded)
        out += (local, packed)
        offset += len(local) + len(packed)
    central = b"".join(directory)
    if offset + len(central) > 0xFFFFFFFF or len(names) > 0xFFFF:  # no Word document comes near zip64's limits
        raise RenderError("the document is too large for a .docx (over 4 GB)")
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(names), len(names), len(central), offset, 0)
    return b"".join(out) + central + end

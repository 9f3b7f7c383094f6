"""Safe, unique output file names from untrusted text such as an organisation's name."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_NAME_BYTES", "safe_filename"]

# Windows refuses these as a file's name whatever the extension ("nul.docx"), superscript digits
# and the console devices included.
_DIGITS = "0123456789\u00b9\u00b2\u00b3"
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
                     *(f"COM{d}" for d in _DIGITS), *(f"LPT{d}" for d in _DIGITS)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_STEM = 100  # characters: a name a person can read in a folder listing
MAX_NAME_BYTES = 255  # what ext4, NTFS (in UTF-16 units, fewer) and APFS allow for one name
_ROOM = 12  # bytes kept for a uniqueness suffix ("-123") and the extension


def _visible(text: str) -> str:
    """Drop format characters (bidi overrides such as U+202E, zero-width spaces and joiners, BOM)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _fit(stem: str, limit: int) -> str:
    """``stem`` cut, at a character boundary, to at most ``limit`` bytes of UTF-8."""
    data = stem.encode("utf-8")
    return stem if len(data) <= limit else data[:limit].decode("utf-8", "ignore")


def safe_filename(name: str, suffix: str = ".docx", used: set[str] | None = None) -> str:
    """A file name (no folders) from ``name``, safe on Windows and POSIX, unique within ``used``.

    Path separators, '..', characters Windows forbids, bidi and zero-width controls and reserved
    device names (CON, NUL, COM1, COM¹, CONIN$ ...) cannot survive; the name fits 255 bytes;
    uniqueness ignores case, as Windows does. ``used`` is updated.
    """
    stem = _visible(unicodedata.normalize("NFC", name))
    stem = _UNSAFE.sub("-", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = _fit(stem[:MAX_STEM], MAX_NAME_BYTES - _ROOM - len(suffix.encode("utf-8"))).rstrip(" .-") or "document"
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-file"
    if used is None:
        return stem + suffix
    candidate, n = stem + suffix, 1
    while candidate.casefold() in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate.casefold())
    return candidate

"""Safe, unique output file names from untrusted text such as an organisation's name."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_filename"]

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
MAX_STEM = 100


def safe_filename(name: str, suffix: str = ".docx", used: set[str] | None = None) -> str:
    """A file name (no folders) from ``name``, safe on Windows and POSIX, unique within ``used``.

    Path separators, '..', characters Windows forbids and reserved device names (CON, NUL,
    COM1 ...) cannot survive; uniqueness ignores case, as Windows does. ``used`` is updated.
    """
    stem = unicodedata.normalize("NFC", name)
    stem = _UNSAFE.sub("-", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")
    stem = re.sub(r"\.{2,}", ".", stem)
    stem = stem[:MAX_STEM].rstrip(" .-") or "document"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = f"{stem}-file"
    if used is None:
        return stem + suffix
    candidate, n = stem + suffix, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem}-{n}{suffix}"
    used.add(candidate.lower())
    return candidate

"""Fit a line of text to a width: running headers and footers that never wrap, whatever the names."""

from __future__ import annotations

import functools
import json
from importlib import resources

__all__ = ["FURNITURE_POINTS", "FURNITURE_WIDTH", "fit", "text_width"]

#: The built-in templates' running header and footer: 9pt Arial on an A4 line of 451pt, whose right
#: end holds 'Page 999 of 999' or DRAFT; the left text gets the rest, less a gap.
FURNITURE_POINTS = 9.0
FURNITURE_WIDTH = 451.3 - 80.0
_ELLIPSIS = "\u2026"


@functools.lru_cache(maxsize=1)
def _metrics() -> tuple[dict[str, int], int, int]:
    data = json.loads(resources.files("ldd_reports.outline.fonts").joinpath("liberation_sans.json").read_text("utf-8"))
    return data["widths"], data["default"], data["units_per_em"]


def text_width(text: str, points: float = FURNITURE_POINTS) -> float:
    """Width of ``text`` in points, set in Arial (Liberation Sans) at ``points``."""
    widths, default, units = _metrics()
    return sum(widths.get(c, default) for c in text) * points / units


def fit(text: str, width: float = FURNITURE_WIDTH, points: float = FURNITURE_POINTS) -> str:
    """``text`` as is when it fits on one line of ``width`` points, else cut at a word with an ellipsis.

    Bold or a wider font in a council's own template would need more room: the margin for error is
    the gap left before the right-hand text.
    """
    if text_width(text, points) <= width:
        return text
    room = width - text_width(_ELLIPSIS, points)
    widths, default, units = _metrics()
    used, cut = 0.0, 0
    for i, c in enumerate(text):
        used += widths.get(c, default) * points / units
        if used > room:
            break
        cut = i + 1
    head = text[:cut]
    word = head.rfind(" ")
    if word > cut // 2:  # end at a word where that loses little
        head = head[:word]
    return head.rstrip(" ,;:\u2013-") + _ELLIPSIS

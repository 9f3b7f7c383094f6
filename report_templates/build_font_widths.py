"""Write ldd_reports/outline/fonts/liberation_sans.json: advance widths of Liberation Sans (metric-compatible
with Arial, the built-in templates' font), used to keep running headers and footers on one line.

    python report_templates/build_font_widths.py [FONT.ttf]   # needs fonttools (not a run-time dependency)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
OUT = Path(__file__).resolve().parent.parent / "ldd_reports" / "outline" / "fonts" / "liberation_sans.json"


def main(argv: list[str]) -> int:
    from fontTools.ttLib import TTFont

    font = TTFont(argv[0] if argv else FONT)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    units = font["head"].unitsPerEm
    widths = {}
    for code in range(0x20, 0x2100):  # Latin, Greek, Cyrillic, punctuation: what council names use
        if code in cmap:
            widths[chr(code)] = round(hmtx[cmap[code]][0] * 1000 / units)
    # "default": a character not listed (CJK and the like) counts as one em
    data = {"font": "Liberation Sans Regular (metrics of Arial)", "units_per_em": 1000,
            "default": 1000, "widths": widths}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT} ({len(widths)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

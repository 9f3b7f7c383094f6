"""Measure rendering one long paragraph full of inline markup, and whether the time grows linearly.

    python benchmarks/bench_markup.py

Renders a paper whose background section is one paragraph of 100,000 characters of mixed markup
(bold, italic, underline, links, escapes, footnotes, unclosed delimiters), then 200,000, in one
run; prints the median of three renders each and their ratio. Targets from issue 9: under 2 s
for 100,000 characters, and 200,000 at most 2.5x the time of 100,000.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ldd_reports
from ldd_reports.markup import parse

# Every kind of markup, and the pathological shapes: unclosed delimiters, brackets never closed.
PATTERN = ("**bold** *it* ++under++ [a link](https://www.localdigital.gov.uk/) \\*lit\\* *a **b [c "
           "snake_case 5 * 3 [^a note] __strong__ _em_ ")


def paragraph(chars: int) -> str:
    return (PATTERN * (chars // len(PATTERN) + 1))[:chars]


def render_seconds(chars: int) -> float:
    data = {"organisation": {"name": "Rugby Borough Council", "kind": "district"},
            "meeting": {"body": "Cabinet", "date": "2026-12-10"},
            "recommendations": {"items": ["Agree."]},
            "sections": [{"title": "Background", "content": [paragraph(chars)]}]}
    doc = ldd_reports.loads(__import__("json").dumps(data), "json")
    times = []
    for _ in range(3):
        parse.__globals__["_parse_cached"].cache_clear()
        started = time.perf_counter()
        ldd_reports.render_bytes(doc)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    render_seconds(1_000)  # warm up: imports, the template, the parser
    small, large = render_seconds(100_000), render_seconds(200_000)
    ratio = large / small
    print(f"100,000 characters of markup: {small:.2f} s   (target: under 2 s)  {'ok' if small < 2 else 'MISSED'}")
    print(f"200,000 characters of markup: {large:.2f} s")
    print(f"ratio 200k / 100k:            {ratio:.2f}x  (target: at most 2.5x, linear)  "
          f"{'ok' if ratio <= 2.5 else 'MISSED'}")
    return 0 if small < 2 and ratio <= 2.5 else 1


if __name__ == "__main__":
    sys.exit(main())

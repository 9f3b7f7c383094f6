"""Measure a long paper and a long table, and whether render time grows linearly with their size.

    python benchmarks/bench_size.py

Renders (draft, .docx bytes) a paper whose body holds N short numbered paragraphs (5,000 then
10,000) and a paper with one table of N rows (2,500 then 5,000); prints the median of three renders
of each size, the time per paragraph or row, and the ratio of the larger to the smaller (linear: 2.0;
issue 24 asks for time linear in size). Each paragraph and row differs, so no cache answers for it.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import ldd_reports

BASE = {"organisation": {"name": "Rugby Borough Council", "kind": "district"},
        "meeting": {"body": "Cabinet", "date": "2026-12-10"},
        "recommendations": {"items": ["Agree that the Council signs the Local Digital Declaration."]}}


def paragraphs(n: int) -> dict[str, object]:
    return {**BASE, "sections": [{"title": "Background", "content": [
        f"Paragraph {i}: the Council will publish its plan and report on progress." for i in range(n)]}]}


def table(n: int) -> dict[str, object]:
    return {**BASE, "sections": [{"title": "Plan", "content": [{"header": ["Step", "Owner", "When"], "rows": [
        [f"Step {i}", f"Officer {i % 97}", f"Month {i % 12 + 1}"] for i in range(n)]}]}]}


def seconds(data: dict[str, object]) -> float:
    doc = ldd_reports.as_document(data)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        ldd_reports.render_bytes(doc, draft=True, time_limit=None, memory_limit=None)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ldd_reports.render_bytes(ldd_reports.as_document(paragraphs(10)), draft=True)  # imports and templates first
    for what, make, sizes in (("paragraphs", paragraphs, (5_000, 10_000)), ("table rows", table, (2_500, 5_000))):
        small, large = (seconds(make(n)) for n in sizes)
        print(f"{sizes[0]:>6,} {what}: {small:6.2f} s ({small / sizes[0] * 1e6:5.0f} us each)   "
              f"{sizes[1]:>6,}: {large:6.2f} s ({large / sizes[1] * 1e6:5.0f} us each)   "
              f"ratio {large / small:4.2f} (linear: 2.00)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

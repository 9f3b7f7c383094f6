"""The baseline: a plain docxtpl batch, as a competent user would write it instead of ldd-reports.

    python benchmarks/docxtpl_script.py TEMPLATES/manifest.json ROWS.csv OUT_DIR [--workers N]

One Word template per house style holding the paper's text, with {{ org }} and {{ body }} tags and
{%p if %} blocks for the paragraphs that follow the kind of organisation or of decision body
(benchmarks/baseline_templates.py builds them from the library's own output); for each CSV row a
fresh DocxTemplate, render, save; the rows spread over a pool of processes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from multiprocessing import Pool
from pathlib import Path

from docxtpl import DocxTemplate


def render(job: tuple[str, dict[str, str], str]) -> None:
    template, context, out = job
    tpl = DocxTemplate(template)
    tpl.render(context, autoescape=True)
    tpl.save(out)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest", type=Path)
    ap.add_argument("rows", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    args = ap.parse_args()
    manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    jobs = []
    with open(args.rows, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            kind, body_kind = row["organisation.kind"], row["meeting.body_kind"]
            template = args.manifest.parent / manifest[f"{kind}/{body_kind}"]
            context = {"org": row["organisation.name"], "body": row["meeting.body"], "kind": kind,
                       "body_kind": body_kind}
            jobs.append((str(template), context, str(args.out / f"{i}.docx")))
    with Pool(args.workers) as pool:
        pool.map(render, jobs, chunksize=16)


if __name__ == "__main__":
    main()

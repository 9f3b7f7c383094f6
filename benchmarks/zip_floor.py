"""The floor: one finished paper re-zipped per row with only the names in it replaced.

    python benchmarks/zip_floor.py PAPERS/manifest.json ROWS.csv OUT_DIR [--workers N]

No template, no XML work: each process reads the finished papers once (one a kind of row, with
{{ org }} and {{ body }} where the names go), then for each row replaces those two strings in
every part and writes the zip. No batch can do less and still write a paper per row.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import zipfile
from multiprocessing import Pool
from pathlib import Path
from xml.sax.saxutils import escape

_PAPERS: dict[str, list[tuple[zipfile.ZipInfo, bytes]]] = {}


def _load(manifest: Path) -> None:
    for key, name in json.loads(manifest.read_text(encoding="utf-8")).items():
        with zipfile.ZipFile(manifest.parent / name) as z:
            _PAPERS[key] = [(info, z.read(info)) for info in z.infolist()]


def write(job: tuple[str, str, str, str]) -> None:
    key, org, body, out = job
    org_xml, body_xml = escape(org).encode(), escape(body).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in _PAPERS[key]:
            z.writestr(info, data.replace(b"{{ org }}", org_xml).replace(b"{{ body }}", body_xml))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest", type=Path)
    ap.add_argument("rows", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.rows, encoding="utf-8-sig", newline="") as f:
        jobs = [(f"{row['organisation.kind']}/{row['meeting.body_kind']}", row["organisation.name"],
                 row["meeting.body"], str(args.out / f"{i}.docx")) for i, row in enumerate(csv.DictReader(f))]
    with Pool(args.workers, initializer=_load, initargs=(args.manifest,)) as pool:
        pool.map(write, jobs, chunksize=16)


if __name__ == "__main__":
    main()

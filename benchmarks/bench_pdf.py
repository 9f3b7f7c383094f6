"""The batch to PDF (one LibreOffice for many papers) against one `soffice --convert-to pdf` per paper.

    python benchmarks/bench_pdf.py              # the whole 395-paper sample batch (about 10 minutes)
    python benchmarks/bench_pdf.py --papers 60  # the first 60 rows

Both sides start from the same .docx papers' input and end with tagged PDFs: the batch renders and
converts (``render_many(format='pdf')``); the baseline renders the .docx files the same way, then
starts one LibreOffice per paper, as a script calling soffice in a loop would.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ldd_reports import render_many  # noqa: E402
from ldd_reports.outputs.pdf import _FILTER, find_soffice  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=0, help="only the first N rows (default: all)")
    args = ap.parse_args()
    with open(ROOT / "sample_inputs" / "councils_batch.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    body = body[:args.papers] if args.papers else body
    soffice = find_soffice()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "rows.csv"
        with open(source, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([header, *body])
        base = ROOT / "sample_inputs" / "batch_base.yaml"

        started = time.perf_counter()
        result = render_many(base, source, folder / "batch", format="pdf")
        batch = time.perf_counter() - started
        assert not result.failures, result.failures

        started = time.perf_counter()
        docx = render_many(base, source, folder / "one_each")
        for path in docx.written:
            profile = folder / "profile"  # one profile, as a loop would share; a fresh process each time
            subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                            _FILTER, "--outdir", str(path.parent), str(path)], check=True, capture_output=True,
                           timeout=300)
        each = time.perf_counter() - started
    n = len(body)
    print(f"papers: {n}")
    print(f"batch --format pdf: {batch:.1f} s ({batch / n * 1000:.0f} ms per paper)")
    print(f"one soffice per paper: {each:.1f} s ({each / n * 1000:.0f} ms per paper)")
    print(f"ratio: {batch / each:.3f} (target <= 0.15, issue 24; issue 10 asked <= 0.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A page of a sample paper as a PNG for docs/publication.md: laid out by LibreOffice, drawn by pypdfium2.

Run by `make docs` (pypdfium2 comes with the layout extra). Usage:
    python docs/page_image.py SAMPLE.yaml PAGE OUT.png
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import ldd_reports
from ldd_reports.outputs.pdf import docx_to_pdf

DOTS_PER_INCH = 60  # a page 496 pixels wide: readable on the page, small in the repository
WHEN = dt.datetime(2026, 12, 1, 9, 0)  # a fixed timestamp: the image changes only when the paper does


def page_image(sample: Path, page: int) -> bytes:
    import pypdfium2

    document = ldd_reports.load(sample)
    pdf = pypdfium2.PdfDocument(docx_to_pdf(ldd_reports.render_bytes(document, when=WHEN)))
    try:
        image = pdf[page - 1].render(scale=DOTS_PER_INCH / 72).to_pil().convert("L")
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    sample, page, out = Path(argv[0]), int(argv[1]), Path(argv[2])
    try:
        out.write_bytes(page_image(sample, page))
    except ldd_reports.LddReportsError as e:  # LibreOffice missing, say: what to install
        print(f"page_image: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out} (page {page} of {sample.name})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

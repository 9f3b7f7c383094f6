"""Write ldd_reports/parsed_markup.json: the library's own texts that hold markup, as markdown-it-py parses them.

Run by `make docs` (a test fails when the file is not what this writes now). Usage:
    python docs/parsed_markup.py OUT.json

The texts are those the parser meets while every sample input is drafted, in its own house style and
in each built-in one, every language: the standard paragraphs, the Declaration's commitments and the
catalogues' items as the library composes them. A text holding a string of the input itself (an
officer's paragraph, a council's name) is the input's, not the library's, and is left out. Any text
not in the file is parsed as it comes, so the file decides only how often the parser is imported.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ldd_reports
from ldd_reports import markup
from ldd_reports.errors import LddReportsError
from ldd_reports.house_styles.style import house_style_names
from ldd_reports.inputs.source import read

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_inputs"
OWN_WORDS = 12  # characters: a string of the input this long inside a text makes the text the input's


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def library_texts() -> list[str]:
    """Every text with markup the library writes into the samples' drafts, in every house style."""
    met: list[str] = []
    parse, from_file = markup.parse_with_markdown_it, markup.library_spans

    def noted(text: str) -> tuple[markup.Span, ...]:
        met.append(text)
        return parse(text)

    markup.parse_with_markdown_it = noted  # type: ignore[assignment]  # (the module's own calls look it up)
    markup.library_spans = lambda: {}  # type: ignore[assignment]  # every text to the parser, none from the file
    texts: set[str] = set()
    try:
        for sample in sorted(SAMPLES.glob("*.yaml")):
            own = [s for s in _strings(read(sample).data) if len(s) >= OWN_WORDS]
            document = ldd_reports.load(sample)
            versions = [document.version(code) for code in document.languages] or [document]
            for version in versions:
                for style in [None, *house_style_names()]:
                    markup._parse_cached.cache_clear()  # type: ignore[attr-defined]
                    met.clear()
                    try:
                        ldd_reports.render_bytes(version, draft=True, house_style=style)
                    except LddReportsError:
                        continue  # a style that cannot print this input (it says which field): no texts of it
                    texts.update(text for text in met if not any(s in text for s in own))
    finally:
        markup.parse_with_markdown_it, markup.library_spans = parse, from_file  # type: ignore[assignment]
        markup._parse_cached.cache_clear()  # type: ignore[attr-defined]
    return sorted(texts)


def file_text() -> str:
    return markup.spans_json(library_texts())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    Path(argv[0]).write_text(file_text(), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

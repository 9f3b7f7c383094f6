"""Outputs beside the .docx: tagged PDF through LibreOffice and the HTML preview, each a reader of the outline."""

from __future__ import annotations

from typing import Literal

__all__ = ["FORMATS", "OutputFormat"]

#: A paper's file formats (``render(format=)``, ``--format``).
OutputFormat = Literal["docx", "pdf"]
#: Each format by the extension that names it: what ``-o paper.pdf`` means.
FORMATS: dict[str, OutputFormat] = {".docx": "docx", ".pdf": "pdf"}

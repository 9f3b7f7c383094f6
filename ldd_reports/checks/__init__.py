"""The checks: the clerk's (of a paper), the decision record's, the accessibility of any .docx, and their findings."""

from __future__ import annotations

from typing import Any

__all__ = ["Finding", "TextItem", "check", "texts"]  # the 0.1 module ldd_reports.checks, whose names these were


def __getattr__(name: str) -> Any:
    # On first use, so that importing one check (templating imports the findings) loads no other.
    if name == "Finding":
        from .findings import Finding

        return Finding
    if name in ("TextItem", "check", "texts"):
        from . import clerk

        return getattr(clerk, name)
    raise AttributeError(f"module 'ldd_reports.checks' has no attribute {name!r}")

"""How a document shows itself in a notebook: a hook the package installs, so the models import no output."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

__all__ = ["install", "notebook_html"]

_SHOW: Callable[[Any], str] | None = None


def install(show: Callable[[Any], str]) -> None:
    """Set what a document's ``_repr_html_`` returns (``ldd_reports`` installs the HTML preview)."""
    global _SHOW
    _SHOW = show


def notebook_html(document: Any) -> str:
    """The installed display of ``document``, or its repr escaped where none is installed."""
    if _SHOW is None:
        return f"<pre>{html.escape(repr(document))}</pre>"
    return _SHOW(document)

"""ldd-reports: draft UK council decision papers on the Local Digital Declaration as Word documents."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import display as _display
from . import moved as _moved
from .errors import (InputError, LddReportsError, OpenItemsError, OutputExistsError, Problem, RenderError,
                     TemplateError, TemplateWarning)

if TYPE_CHECKING:  # the public API, imported on first use so `import ldd_reports` stays fast
    from .batch import BatchResult, render_many
    from .checks.accessibility import check_docx
    from .checks.clerk import check
    from .checks.findings import Finding
    from .outputs.layout import check_layout
    from .outputs.pdf import PdfError
    from .drafting import new_report
    from .house_styles.style import HouseStyle, house_style_names, load_house_style
    from .inputs.loaders import AnyDocument, as_document, load, loads
    from .models import CommitmentStatement, Report
    from .outline.build import outline_of
    from .pipeline import render, render_bytes
    from .outputs.html import preview
    from .templating.templates import list_templates

__version__ = "0.1.0"

__all__ = [
    "AnyDocument",
    "BatchResult",
    "CommitmentStatement",
    "Finding",
    "HouseStyle",
    "InputError",
    "LddReportsError",
    "OpenItemsError",
    "OutputExistsError",
    "PdfError",
    "Problem",
    "RenderError",
    "Report",
    "TemplateError",
    "TemplateWarning",
    "as_document",
    "check",
    "check_docx",
    "check_layout",
    "house_style_names",
    "list_templates",
    "load",
    "load_house_style",
    "loads",
    "new_report",
    "outline_of",
    "preview",
    "render",
    "render_bytes",
    "render_many",
    "__version__",
]

_LAZY = {
    "BatchResult": "batch", "render_many": "batch",
    "Finding": "checks.findings", "check": "checks.clerk", "check_docx": "checks.accessibility",
    "check_layout": "outputs.layout",
    "PdfError": "outputs.pdf",
    "HouseStyle": "house_styles.style", "house_style_names": "house_styles.style",
    "load_house_style": "house_styles.style",
    "new_report": "drafting",
    "load": "inputs.loaders", "loads": "inputs.loaders", "as_document": "inputs.loaders",
    "AnyDocument": "inputs.loaders",
    "CommitmentStatement": "models", "Report": "models",
    "outline_of": "outline.build", "render": "pipeline", "render_bytes": "pipeline",
    "list_templates": "templating.templates", "preview": "outputs.html",
}


def __getattr__(name: str) -> Any:
    if name in _moved.MOVED:  # ``ldd_reports.filenames.safe_filename``, as 0.1 wrote it
        return _moved.moved(name)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ldd_reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def _notebook_html(document: Any) -> str:
    from .outputs.html import notebook_html  # on first display: the preview reads the whole outline walk

    return notebook_html(document)


# The models show themselves in a notebook through this hook, so they never import an output.
_display.install(_notebook_html)
_moved.install()


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

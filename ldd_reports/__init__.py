"""ldd-reports: draft UK council decision papers on the Local Digital Declaration as Word documents."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import display as _display
from .errors import (InputError, LddReportsError, OpenItemsError, OutputExistsError, Problem, RenderError,
                     TemplateError, TemplateWarning)

if TYPE_CHECKING:  # the public API, imported on first use so `import ldd_reports` stays fast
    from .batch import BatchResult, render_many
    from .accessibility import check_docx
    from .checks import Finding, check
    from .pdf import PdfError
    from .drafting import new_report
    from .house_style import HouseStyle, house_style_names, load_house_style
    from .loaders import AnyDocument, as_document, load, loads
    from .models import CommitmentStatement, Report
    from .pipeline import outline_of, render, render_bytes
    from .preview import preview
    from .templates import list_templates

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
    "Finding": "checks", "check": "checks", "check_docx": "accessibility", "PdfError": "pdf",
    "HouseStyle": "house_style", "house_style_names": "house_style", "load_house_style": "house_style",
    "new_report": "drafting",
    "load": "loaders", "loads": "loaders", "as_document": "loaders", "AnyDocument": "loaders",
    "CommitmentStatement": "models", "Report": "models",
    "outline_of": "pipeline", "render": "pipeline", "render_bytes": "pipeline",
    "list_templates": "templates", "preview": "preview",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ldd_reports' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def _notebook_html(document: Any) -> str:
    from .preview import notebook_html  # on first display: the preview imports the whole pipeline

    # Loading the module bound ``ldd_reports.preview`` to it, hiding the function of that name:
    # unbind it, so the next ``ldd_reports.preview(...)`` finds the function (see __getattr__).
    if isinstance(globals().get("preview"), type(importlib)):
        del globals()["preview"]
    return notebook_html(document)


# The models show themselves in a notebook through this hook, so they never import an output.
_display.install(_notebook_html)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

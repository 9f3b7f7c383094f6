"""ldd-reports: draft UK council decision papers on the Local Digital Declaration as Word documents."""

from .errors import (InputError, LddReportsError, OpenItemsError, OutputExistsError, Problem, RenderError,
                     TemplateError)
from .loaders import load, loads
from .models import CommitmentStatement, Report
from .render import render, render_bytes
from .templates import list_templates

__version__ = "0.1.0"

__all__ = [
    "CommitmentStatement",
    "InputError",
    "LddReportsError",
    "OpenItemsError",
    "OutputExistsError",
    "Problem",
    "RenderError",
    "Report",
    "TemplateError",
    "list_templates",
    "load",
    "loads",
    "render",
    "render_bytes",
    "__version__",
]

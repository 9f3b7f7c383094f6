"""The flat layout's module paths (0.1: ``ldd_reports.loaders``...), importable still, with a DeprecationWarning."""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import importlib.machinery

__all__ = ["MOVED", "install"]

#: Each old module and where it lives now. ``preview`` and ``checks`` are not here: the first is the
#: function ``ldd_reports.preview``, the second the package ``ldd_reports.checks`` (which re-exports).
MOVED = {
    "accessibility": "checks.accessibility", "back_matter": "outline.back_matter", "csv_rows": "inputs.csv_rows",
    "content_library": "content.library", "dates": "content.dates", "decision_record": "outline.record",
    "declaration": "outline.declaration", "docx_writer": "word.writer", "environment": "templating.sandbox",
    "exempt": "governance.exempt", "facts": "content.facts", "filenames": "inputs.filenames",
    "files": "inputs.files", "findings": "checks.findings", "fitting": "outline.fitting",
    "front_matter": "outline.front_matter", "house_style": "house_styles.style",
    "house_style_rules": "house_styles.rules", "implications": "outline.implications",
    "loaders": "inputs.loaders", "outliner": "outline.outliner", "package": "word.package", "pdf": "outputs.pdf",
    "recommendations": "outline.recommendations", "record_checks": "checks.record", "reference": "inputs.reference",
    "schema": "inputs.schema", "sections_outline": "outline.sections", "statement": "outline.statement",
    "template_check": "templating.check", "template_safety": "templating.safety",
    "templates": "templating.templates", "timetable": "governance.timetable", "word_sections": "word.sections",
    "wording": "content.wording", "wordml": "word.wordml",
}


def moved(old: str) -> ModuleType:
    """The module ``ldd_reports.<old>`` now is, after a DeprecationWarning naming its new path."""
    new = f"ldd_reports.{MOVED[old]}"
    warnings.warn(f"ldd_reports.{old} is now {new}: import it from there", DeprecationWarning, stacklevel=3)
    return importlib.import_module(new)


class _Finder:
    """Finds an old path and loads it as the module it moved to (the same object, not a copy).

    A meta path finder and loader by its methods, not by importlib.abc's classes: importing those
    (with importlib.resources) was a fifth of ``ldd-reports --version``.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
                  ) -> importlib.machinery.ModuleSpec | None:
        package, _, old = fullname.rpartition(".")
        if package != "ldd_reports" or old not in MOVED:
            return None
        import importlib.util  # only when an old path is imported

        return importlib.util.spec_from_loader(fullname, self)  # type: ignore[arg-type]  # a Loader by its methods

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = moved(spec.name.rpartition(".")[2])
        spec.loader_state = module.__spec__  # the import system sets the alias's spec on it: put the real one back
        return module

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run (the module was loaded at its new path) but restoring its own spec."""
        alias = module.__spec__
        if alias is not None and alias.loader_state is not None:
            module.__spec__ = alias.loader_state


def install() -> None:
    """Let ``import ldd_reports.loaders`` (and the rest) find the moved modules; once per process."""
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.append(_Finder())

"""The one exception hierarchy of ldd-reports: every user-facing failure is an LddReportsError."""

from __future__ import annotations

from dataclasses import dataclass, replace

__all__ = [
    "LddReportsError",
    "InputError",
    "Problem",
    "TemplateError",
    "RenderError",
    "OpenItemsError",
    "OutputExistsError",
    "TemplateWarning",
    "close_matches",
]


def close_matches(word: str, possibilities: list[str] | tuple[str, ...], n: int = 3, cutoff: float = 0.6
                  ) -> list[str]:
    """The names nearest ``word``, for a message's 'did you mean' (difflib, imported only when one is wrong)."""
    from difflib import get_close_matches

    return get_close_matches(word, possibilities, n, cutoff)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is (dotted field path, file, line) and what."""

    field: str
    message: str
    file: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file or "input"
        if self.line is not None:
            where += f", line {self.line}"
        return f"{where}: {self.field or '(document)'}: {self.message}"


class LddReportsError(Exception):
    """Root of every error ldd-reports raises on purpose (bad input, template or render).

    Every subclass pickles with its fields (``__reduce__``), so errors cross process
    boundaries intact (a batch renders in worker processes).
    """

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), self._fields())

    def _fields(self) -> tuple[object, ...]:
        return self.args


class InputError(LddReportsError):
    """The input document is invalid; ``problems`` lists every problem with field and line."""

    def __init__(self, problems: list[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        first = self.problems[0] if self.problems else None
        self.field = first.field if first else None
        self.line = first.line if first else None
        count = len(self.problems)
        head = f"{file or 'input'}: {count} problem{'s' if count != 1 else ''}"
        super().__init__(head + "".join(f"\n  - {p}" for p in self.problems))

    def located(self, file: str) -> InputError:
        """The same problems, each placed in ``file`` where it had no file of its own (a record's, a .docx's)."""
        return InputError([p if p.file else replace(p, file=file) for p in self.problems], self.file or file)

    def _fields(self) -> tuple[object, ...]:
        return self.problems, self.file


class TemplateError(LddReportsError):
    """A .docx template is unusable: bad syntax, a forbidden construct, a missing style."""

    def __init__(self, message: str, template: str | None = None, tag: str | None = None,
                 line: int | None = None) -> None:
        self.template = template
        self.tag = tag
        self.line = line
        where = f"template {template!r}" if template else "template"
        if tag:
            where += f", tag {tag!r}"
        if line is not None:
            where += f", line {line}"
        self.message = message
        super().__init__(f"{where}: {message}")

    def _fields(self) -> tuple[object, ...]:
        return self.message, self.template, self.tag, self.line


class RenderError(LddReportsError):
    """Rendering or writing the output failed; the output path was left untouched."""

    def __init__(self, message: str, output: str | None = None) -> None:
        self.output = output
        self.message = message
        super().__init__(f"{output}: {message}" if output else message)

    def _fields(self) -> tuple[object, ...]:
        return self.message, self.output


class OpenItemsError(RenderError):
    """A final render was refused because placeholders are still open (``open_items``)."""

    def __init__(self, open_items: list[Problem]) -> None:
        self.open_items = list(open_items)
        lines = "".join(f"\n  - {p.field}: {p.message}" for p in self.open_items)
        super().__init__(f"{len(self.open_items)} item(s) still to complete before a final render:{lines}")

    def _fields(self) -> tuple[object, ...]:
        return (self.open_items,)


class OutputExistsError(RenderError):
    """The output file exists and overwriting was not asked for (a clerk may have edited it)."""

    def __init__(self, output: str) -> None:
        super().__init__("already exists; pass force=True (CLI: --force) to overwrite it", output)

    def _fields(self) -> tuple[object, ...]:
        return (self.output,)


class TemplateWarning(UserWarning):
    """Something was removed from a template under the safety policy (the render goes on without it)."""

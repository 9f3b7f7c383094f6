"""What every command shares: exit codes, usage errors, input expansion, printing findings."""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import os
import sys
from pathlib import Path
from collections.abc import Mapping
from typing import Any

from ..errors import LddReportsError, OutputExistsError, Problem

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_PIPE", "EXIT_USAGE", "HOUSE_STYLE_HELP", "STDOUT", "Usage", "error_line",
           "expand", "iso_date", "output_format", "print_findings", "problem_dict", "refuse_clashes", "write_to"]

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader closed the pipe
HOUSE_STYLE_HELP = "built-in house style name (see house-styles) or a .yaml file (default: the input's own)"


class Usage(Exception):
    """A usage error found after parsing (exit 2)."""


STDOUT = "-"


def output_format(output: Path | None, given: str | None, formats: Mapping[str, str], what: str) -> str | None:
    """The format an output is written in: its extension's (``formats``: suffix -> format), else ``given``.

    An extension no format has, or one that contradicts ``--format``, is a usage error (exit 2)
    rather than a Word file under a misleading name. ``-o -`` (standard output) takes ``given``.
    """
    if output is None or str(output) == STDOUT:
        if output is not None and sys.stdout.isatty():
            raise Usage("-o - writes the file to standard output: redirect it (> paper.docx) or pipe it")
        return given
    suffix = output.suffix.lower()
    if suffix not in formats:
        choices = " or ".join(sorted(set(formats)))
        raise Usage(f"-o {output}: {what} is written as {choices}, not "
                    f"{suffix or 'a name without an extension'}")
    if given is not None and given != formats[suffix]:
        raise Usage(f"-o {output} is {formats[suffix]} but --format says {given}: leave one out")
    return formats[suffix]


def write_to(data: bytes, output: Path, force: bool) -> str:
    """Write ``data`` to a file (atomically) or standard output; the line that says so."""
    if str(output) == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "wrote standard output"
    from ..word.package import write_output

    write_output(data, output, force=force)
    return f"wrote {output}"


def error_line(error: LddReportsError) -> str:
    """An error as the command line prints it: in its words (``--force``), not the Python argument's."""
    if isinstance(error, OutputExistsError):
        return f"ldd-reports: {error.output}: already exists; pass --force to overwrite it"
    return f"ldd-reports: {error}"


def refuse_clashes(plan: list[tuple[str, Path]], others: list[str | None]) -> None:
    """Before writing anything: no output is an input, and no two inputs share an output."""
    inputs = {_key(name) for name, _ in plan} | {_key(o) for o in others if o and Path(o).exists()}
    seen: dict[str, str] = {}
    for name, out in plan:
        key = _key(out)
        if key in inputs:
            raise Usage(f"the output {out} is an input: it would be destroyed")
        if key in seen:
            raise Usage(f"{seen[key]} and {name} would both be written to {out}")
        seen[key] = name


def _key(path: str | Path) -> str:
    """A path as the file system compares it (Windows and macOS ignore case)."""
    return os.path.normcase(os.path.realpath(path))


def expand(names: list[str]) -> list[str]:
    """Expand wildcards the shell left alone (Windows' cmd and PowerShell pass them through)."""
    out: list[str] = []
    for name in names:
        matches = sorted(glob.glob(name)) if glob.has_magic(name) and not Path(name).exists() else []
        out += matches or [name]
    return out


def problem_dict(problem: Problem) -> dict[str, object]:
    return {"field": problem.field, "message": problem.message, "file": problem.file, "line": problem.line}


def print_findings(name: str, found: list[Any]) -> None:
    """A file's findings as text: a count line, then one line each (check and check-docx alike)."""
    errors, warnings = (sum(f.severity == kind for f in found) for kind in ("error", "warning"))
    notes = len(found) - errors - warnings
    print(f"{name}: {errors} error(s), {warnings} warning(s)" + (f", {notes} note(s)" if notes else ""))
    for finding in found:
        print(f"  {finding}")


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None

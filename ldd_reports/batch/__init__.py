"""Batch drafting: one paper per CSV row over a base input, across processes, every failure a row's."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..caches import hold_unchanged
from ..collector import resume_for_rows
from ..errors import InputError, LddReportsError, Problem
from ..inputs.csv_rows import Row, RowFailure, RowStream, apply_row, check_rows, read_rows
from ..inputs.filenames import safe_filename
from ..limits import DEFAULT_MEMORY, DEFAULT_SECONDS, usable_cores
from ..word.package import remove_temporaries
from .pool import outcomes
from .workers import Stopped, Task, init_worker, stop

__all__ = ["BatchResult", "RowFailure", "apply_row", "read_rows", "render_many"]


@dataclass
class BatchResult:
    """What a batch wrote, which rows failed, and which outputs it left alone because they exist."""

    written: list[Path] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)  # not rendered: there already, no force
    skipped: list[Path] = field(default_factory=list)  # not rendered: there already, skip_existing
    interrupted: str | None = None  # the signal that stopped the batch ("SIGTERM", "SIGINT")
    total: int = 0  # papers the CSV asks for: one a row (one a language for a separate bilingual base)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures and not self.existing and not self.interrupted


def _signals() -> Callable[[], None]:
    """SIGTERM stops the batch as Ctrl-C does (main thread only); returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, stop)

    def undo() -> None:
        signal.signal(signal.SIGTERM, previous)
    return undo


Planned = tuple[int, Mapping[str, str], str]  # (CSV line, row, output path)


class _Plan:
    """Each row's tasks (one a language for a separate bilingual base) with its output's unique name,
    the same on every pass over the rows; a ragged row passes through as its failure."""

    def __init__(self, source: Iterable[Row | RowFailure], folder: Path, default_name: str, suffix: str,
                 languages: list[str]) -> None:
        self.source, self.folder, self.default, self.suffix = source, folder, default_name, suffix
        self.languages = languages

    def __iter__(self) -> Iterator[Planned | RowFailure]:
        used: set[str] = set()
        for item in self.source:
            if isinstance(item, RowFailure):
                yield item
                continue
            line, row = item
            out = self.folder / safe_filename(row.get("organisation.name") or self.default, self.suffix, used)
            if not self.languages:
                yield line, row, str(out)
            for code in self.languages:  # language is a field path: each version sets it
                yield line, {**row, "language": code}, str(out.with_name(f"{out.stem}.{code}{out.suffix}"))

    def lines_and_outputs(self) -> Iterator[tuple[int, str]]:
        return ((item[0], item[2]) for item in self if not isinstance(item, RowFailure))

    def outputs(self) -> Iterator[str]:
        return (out for _, out in self.lines_and_outputs())


def _to_pdf(result: BatchResult, finals: dict[str, str], force: bool, lines: dict[str, int],
            languages: dict[str, str]) -> None:
    """The rendered .docx files to their PDFs through one LibreOffice; a file it fails is its row's failure."""
    from ..word.package import write_output
    from ..outputs.pdf import PdfError, convert, finish_pdf

    docx = list(result.written)
    result.written = []
    try:
        converted = convert(docx)
    except PdfError as e:  # no LibreOffice: every row says so
        converted = dict.fromkeys(docx, e)
    for path, pdf in converted.items():
        line = lines[str(path)]
        try:
            if isinstance(pdf, PdfError):
                raise pdf
            # the title LibreOffice took from the .docx; the language the paper is in (its /Lang)
            data = finish_pdf(pdf.read_bytes(), language=languages.get(str(path), "en-GB"))
            write_output(data, finals[str(path)], force=force, durable=False)
        except PdfError as e:  # named by the PDF the row asked for, not the staged .docx
            result.failures.append(RowFailure(line, [Problem("", str(PdfError(e.message, finals[str(path)])))]))
        except LddReportsError as e:
            result.failures.append(RowFailure(line, [Problem("", str(e))]))
        else:
            result.written.append(Path(finals[str(path)]))


def _written_since(out: str, began: float) -> bool:
    try:
        return os.stat(out).st_mtime >= began - 1  # file-system clocks can be a second coarse
    except OSError:
        return False


def render_many(base: Any, rows: Iterable[Row] | str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
                template: str | os.PathLike[str] | None = None, workers: int | None = None, draft: bool = False,
                force: bool = False, skip_existing: bool = False,
                progress: Callable[[int, int, int], None] | None = None, house_style: Any = None,
                time_limit: float | None = DEFAULT_SECONDS, memory_limit: int | None = DEFAULT_MEMORY,
                format: str = "docx", public: bool = False) -> BatchResult:
    """Render one paper per row into ``out_dir``; rows that fail are reported, the rest written.

    ``base`` is a document, a dict or a path to YAML/JSON; ``rows`` a CSV path or (line, row)
    pairs whose keys are dotted field paths. Files are named from each row's organisation
    (sanitised, unique). Outputs that exist are left alone and listed in ``existing`` (or
    ``skipped`` with ``skip_existing``) unless ``force``. ``workers`` processes (at least 1; default: the
    cores this process may use, :func:`ldd_reports.limits.usable_cores`) each prepare the template once.
    Each row has ``time_limit`` seconds and ``memory_limit`` bytes (where the platform allows: see
    :func:`ldd_reports.limits.bounded`).
    ``progress(done, total, failed)`` is called as rows finish. ``house_style`` (a name, a .yaml
    path or a HouseStyle) applies to every row; by default the base's own ``house_style``,
    relative to the base file. SIGTERM or Ctrl-C stops the workers, removes temporary files and
    returns what was written, with ``interrupted`` set. ``format='pdf'``: the papers are rendered
    as .docx in a hidden folder, then one LibreOffice process lays them all out as tagged PDF.
    ``public``: the versions for publication (exempt parts left out; see ``render_bytes``).
    A CSV is read as the workers need its rows, never all held at once (except for PDF, laid out at the end).
    """
    from ..house_styles.style import resolve_house_style
    from ..inputs.source import read
    from ..templating.templates import resolve_template

    if workers is not None and workers < 1:  # (before anything is made)
        raise ValueError(f"workers must be at least 1, not {workers}")
    started, began = time.perf_counter(), time.time()
    if isinstance(base, (str, os.PathLike)):
        base_data = read(base).data
    elif hasattr(base, "model_dump"):
        base_data = base.model_dump(mode="json", exclude_unset=True)
    else:
        base_data = dict(base)
    if not isinstance(base_data, dict):
        raise InputError([Problem("", "the base must be a mapping of fields", str(base))], str(base))
    result = BatchResult()
    source: Iterable[Row | RowFailure]
    if isinstance(rows, (str, os.PathLike)):
        source = RowStream(rows)  # the header checked now; the rows read as they are drafted
    else:
        good, bad = check_rows(rows)
        source = [*good, *bad]
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError([Problem("", f"cannot make the folder: {e.strerror or e}", str(folder))]) from e
    template_path = str(resolve_template(template, None)) if template is not None else None
    org = base_data.get("organisation")
    name = org.get("name") if isinstance(org, dict) else None  # the base may be invalid: each row will say so
    languages = base_data.get("languages")
    if not (isinstance(languages, list) and languages and base_data.get("bilingual", "separate") == "separate"):
        languages = []
    plan = _Plan(source, folder, name if isinstance(name, str) and name else "document", "." + format,
                 [str(code) for code in languages])
    # One pass before any paper: count, refuse a clash with an input, find the outputs already there
    inputs = {Path(p).resolve() for p in (base, rows, template_path) if isinstance(p, (str, os.PathLike))}
    # An output is a plain name in the folder: it can be an input only if that input is in the folder, or if
    # the name is a link already there (resolving every output's path took a third of this pass).
    real_folder = folder.resolve()
    clashing = {p.name for p in inputs if p.parent == real_folder}
    there: set[str] = set()
    count = 0
    for item in plan:
        if isinstance(item, RowFailure):
            result.failures.append(item)
            continue
        planned = item[2]
        try:
            found: os.stat_result | None = os.lstat(planned)
        except (OSError, ValueError):
            found = None
        if (os.path.basename(planned) in clashing or (found is not None and stat.S_ISLNK(found.st_mode))) \
                and Path(planned).resolve() in inputs:
            raise InputError([Problem("", "an output would overwrite an input of the batch", planned)])
        if not force and found is not None:
            there.add(planned)
        count += 1
    unreadable = len(result.failures)
    result.total = count + unreadable
    (result.skipped if skip_existing else result.existing).extend(Path(p) for p in sorted(there))
    count -= len(there)

    def pending() -> Iterator[Task]:  # the same tasks, in the same order, on every pass
        return ((seq, line, row, out) for seq, (line, row, out) in enumerate(
            item for item in plan if not isinstance(item, RowFailure) and item[2] not in there))

    tasks: Iterable[Task] = pending()

    workers = workers or usable_cores()
    # --house-style is relative to where the command runs; the base's own house_style to the base file.
    base_dir = Path(base).resolve().parent if isinstance(base, (str, os.PathLike)) else None
    if house_style is not None:
        style = resolve_house_style(house_style)
    elif base_data.get("house_style") is not None and not isinstance(base_data["house_style"], dict):
        style = resolve_house_style(base_data["house_style"], None, base_dir)  # (one a language: each its own)
    else:
        style = None
    init = (base_data, template_path, draft, force, style, (time_limit, memory_limit), public,
            str(base_dir) if base_dir is not None else None)
    init_worker(*init, in_worker=False)  # here too: forked workers inherit the prepared templates

    finals: dict[str, str] = {}
    if format == "pdf":  # render to .docx beside the PDFs to be, hidden, then lay them all out at once
        staging = Path(tempfile.mkdtemp(prefix=".ldd-pdf-", dir=folder))
        pdf_tasks = list(tasks)
        finals = {str(staging / (Path(out).stem + ".docx")): out for _, _, _, out in pdf_tasks}
        tasks = [(seq, line, row, str(staging / (Path(out).stem + ".docx"))) for seq, line, row, out in pdf_tasks]
    resume_for_rows()  # the command line's start was made without the collector; the rows are not
    undo = _signals()
    # Which tasks wrote their paper, by place: a byte each while the workers run (the paths are the plan's,
    # made again once they have stopped, not held a row at a time).
    done, n_written = bytearray(count), 0
    try:
        for chunk in outcomes(tasks, count, workers, init):
            for seq, line, out, problems in chunk:
                if out:
                    done[seq], n_written = 1, n_written + 1
                else:
                    result.failures.append(RowFailure(line, problems))
            if progress:  # (the CSV's own failures, ragged rows, count among the failed from the start)
                progress(n_written + len(result.failures) - unreadable, count, len(result.failures))
        result.written = [Path(out) for seq, _, _, out in (tasks if finals else pending()) if done[seq]]
        if finals:
            from ..outputs.pdf import pdf_language

            first = str((base_data.get("languages") or [base_data.get("language", "en")])[0])  # read first
            _to_pdf(result, finals, force, {out: line for _, line, _, out in tasks},
                    {out: pdf_language(str(row.get("language") or first)) for _, _, row, out in tasks})
    except KeyboardInterrupt as e:
        result.interrupted = str(e) if isinstance(e, Stopped) else "SIGINT"
        staged = list(finals) if finals else None
        remove_temporaries(Path(out) for out in (staged or plan.outputs()))
        # Workers report a chunk at a time: count what is on disk, written since the batch began.
        failed = {f.row for f in result.failures}
        result.written = [Path(out) for line, out in plan.lines_and_outputs() if line not in failed
                          and out not in there and _written_since(out, began)] if not finals else []
    finally:
        undo()
        hold_unchanged(())  # the base's values are this batch's alone
        if finals:
            shutil.rmtree(staging, ignore_errors=True)
    result.failures.sort(key=lambda f: f.row)
    result.seconds = time.perf_counter() - started
    return result

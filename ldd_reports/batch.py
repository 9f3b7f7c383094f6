"""Batch drafting: one paper per CSV row over a base input, across processes, every failure a row's."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, LddReportsError, Problem, TemplateError
from .inputs.csv_rows import Row, RowFailure, apply_row, check_rows, read_rows
from .inputs.filenames import safe_filename
from .limits import DEFAULT_MEMORY, DEFAULT_SECONDS, bounded
from .word.package import remove_temporaries

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


class _Stopped(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` (temporary files) runs."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped(signal.Signals(signum).name)


# -- one row, in whichever process runs it --------------------------------------------------------
_WORKER: dict[str, Any] = {}
Task = tuple[int, Mapping[str, str], str]  # (CSV line, row, output path)
Outcome = tuple[int, "str | None", list[Problem]]


def _init_worker(base: dict[str, Any], template: str | None, draft: bool, force: bool, style: Any,
                 limits: tuple[float | None, int | None], public: bool = False, base_dir: str | None = None,
                 in_worker: bool = True) -> None:
    """Once per process: keep the base and house style, and draft the base (imports, its template prepared).

    A worker forked from the parent, which drafted the base first, has all of that already, shared
    with the parent page for page; another template a row asks for is prepared on its first use.
    """
    from .inputs.loaders import validate
    from .inputs.source import Source
    from .pipeline import render_bytes

    if in_worker:  # the parent handles Ctrl-C and stops the workers; an idle one (this, starting) just exits
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _worker_stop)
    if not _WORKER.get("drafted"):  # A draft of the base: every import a row needs happens now, not during a
        # row, where a stop signal landing in import machinery (a module lock's callback) would be printed.
        try:
            doc = validate(Source(base))
            if base_dir is not None:
                _beside(doc, base_dir)
            render_bytes(doc, template, draft=True, house_style=style, time_limit=None, memory_limit=None)
        except LddReportsError:
            pass  # a base that needs its rows to be whole: each row reports its own problem
    _WORKER.update(base=base, template=template, draft=draft, force=force, style=style, limits=limits, public=public,
                   base_dir=base_dir, drafted=True)


def _render_row(task: Task) -> Outcome:
    """One row, start to finish; whatever goes wrong is this row's failure, never the batch's."""
    from .inputs.loaders import validate
    from .inputs.source import Source
    from .word.package import write_output
    from .pipeline import render_bytes

    line, row, out = task
    try:
        with bounded(*_WORKER["limits"]):
            doc = validate(Source(apply_row(_WORKER["base"], row)))
            if _WORKER["base_dir"] is not None:  # a row's house_style: beside the base
                _beside(doc, _WORKER["base_dir"])
            # New files are not fsynced one by one (a quarter of a batch's time): they are atomic and can be
            # made again. A file being replaced (--force) is still flushed before the rename.
            # A bilingual paper published separately: this task's version (render_many made one task a language)
            version = row.get("language") if doc.languages and doc.bilingual == "separate" else None
            data = render_bytes(doc, _WORKER["template"], draft=_WORKER["draft"], house_style=_WORKER["style"],
                                public=_WORKER["public"], time_limit=None, memory_limit=None,  # bounded here
                                language=version)
            write_output(data, out, force=_WORKER["force"], durable=False)
    except ValueError as e:  # a column that is not a field path of the base
        return line, None, [Problem("", str(e))]
    except InputError as e:
        return line, None, e.problems
    except TemplateError as e:
        return line, None, [Problem("template", str(e))]
    except LddReportsError as e:
        return line, None, [Problem("", str(e))]
    except Exception as e:
        return line, None, [Problem("", f"unexpected {type(e).__name__}: {e}")]
    return line, out, []


def _beside(doc: Any, folder: str) -> None:
    """The document (every version of a bilingual one) reads its house_style file from ``folder``."""
    for version in [doc, *doc._versions.values()]:
        version._source_dir = folder


def _worker_stop(signum: int, frame: Any) -> None:
    """In a worker: unwind a row in progress (its temporary file goes), or just exit when idle."""
    if _WORKER.get("busy"):
        raise _Stopped(signal.Signals(signum).name)
    os._exit(128 + signum)


def _render_chunk(tasks: list[Task]) -> list[Outcome]:
    """A worker's share; only ever run in a worker process."""
    _WORKER["busy"] = True
    try:
        return [_render_row(t) for t in tasks]
    except _Stopped:
        os._exit(143)  # the row's temporary file was removed on the way out; the parent is stopping
    finally:
        _WORKER["busy"] = False


def _outcomes(tasks: list[Task], workers: int, init: tuple[Any, ...]) -> Iterator[list[Outcome]]:
    """Chunks of outcomes as they finish; at most a few chunks in flight, so memory stays flat."""
    if workers == 1 or len(tasks) < 2 * workers:
        for task in tasks:
            yield [_render_row(task)]
        return
    size = max(1, min(16, len(tasks) // (workers * 4)))  # small chunks: even load, steady progress
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    # What the parent made (modules, validators, the prepared template) is shared with forked workers until
    # written to; frozen, the collector never touches it, so the pages stay shared (no copy in each worker).
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init)
    pending: set[Future[list[Outcome]]] = set()
    finished = False
    try:
        for chunk in chunks:
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
            pending.add(pool.submit(_render_chunk, chunk))
        for future in as_completed(pending):
            yield future.result()
        finished = True
    finally:
        gc.unfreeze()
        if finished:
            pool.shutdown()
        else:  # interrupted: stop the workers now (SIGTERM: each removes its temporary file)
            processes = list((getattr(pool, "_processes", None) or {}).values())  # no public handle
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(5)
            if not any(process.is_alive() for process in processes):
                # Join the pool's manager thread now: left running, it races the interpreter's exit hook
                # (CPython's concurrent.futures until 3.13), which may print "Bad file descriptor".
                pool.shutdown(wait=True)


def _signals() -> Callable[[], None]:
    """SIGTERM stops the batch as Ctrl-C does (main thread only); returns the undo."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _stop)

    def undo() -> None:
        signal.signal(signal.SIGTERM, previous)
    return undo


def _plan(row_list: list[Row], folder: Path, default_name: str, suffix: str) -> list[Task]:
    used: set[str] = set()
    return [(line, row, str(folder / safe_filename(row.get("organisation.name") or default_name, suffix, used)))
            for line, row in row_list]


def _to_pdf(result: BatchResult, finals: dict[str, str], force: bool, lines: dict[str, int],
            languages: dict[str, str]) -> None:
    """The rendered .docx files to their PDFs through one LibreOffice; a file it fails is its row's failure."""
    from .word.package import write_output
    from .outputs.pdf import PdfError, convert, finish_pdf

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
    ``skipped`` with ``skip_existing``) unless ``force``. ``workers`` processes (default: the
    machine's cores) each prepare the template once. Each row has ``time_limit`` seconds and
    ``memory_limit`` bytes (where the platform allows: see :func:`ldd_reports.limits.bounded`).
    ``progress(done, total, failed)`` is called as rows finish. ``house_style`` (a name, a .yaml
    path or a HouseStyle) applies to every row; by default the base's own ``house_style``,
    relative to the base file. SIGTERM or Ctrl-C stops the workers, removes temporary files and
    returns what was written, with ``interrupted`` set. ``format='pdf'``: the papers are rendered
    as .docx in a hidden folder, then one LibreOffice process lays them all out as tagged PDF.
    ``public``: the versions for publication (exempt parts left out; see ``render_bytes``).
    """
    from .house_styles.style import resolve_house_style
    from .inputs.source import read
    from .templating.templates import resolve_template

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
    if isinstance(rows, (str, os.PathLike)):
        row_list, result.failures = read_rows(rows)
    else:
        row_list, result.failures = check_rows(rows)
    result.total = len(row_list) + len(result.failures)
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError([Problem("", f"cannot make the folder: {e.strerror or e}", str(folder))]) from e
    template_path = str(resolve_template(template, None)) if template is not None else None
    org = base_data.get("organisation")
    name = org.get("name") if isinstance(org, dict) else None  # the base may be invalid: each row will say so
    tasks = _plan(row_list, folder, name if isinstance(name, str) and name else "document", "." + format)
    languages = base_data.get("languages")
    if isinstance(languages, list) and languages and base_data.get("bilingual", "separate") == "separate":
        # A paper a language: the version named by the task's row (language is a field path; each version sets it)
        tasks = [(line, {**row, "language": str(code)}, str(Path(out).with_name(f"{Path(out).stem}.{code}{Path(out).suffix}")))
                 for line, row, out in tasks for code in languages]
        result.total += (len(languages) - 1) * len(row_list)
    inputs = {Path(p).resolve() for p in (base, rows, template_path) if isinstance(p, (str, os.PathLike))}
    clash = [out for _, _, out in tasks if Path(out).resolve() in inputs]
    if clash:
        raise InputError([Problem("", "an output would overwrite an input of the batch", clash[0])])
    if not force:
        there = {out for _, _, out in tasks if os.path.lexists(out)}
        (result.skipped if skip_existing else result.existing).extend(Path(p) for p in sorted(there))
        tasks = [t for t in tasks if t[2] not in there]

    workers = max(1, workers or os.cpu_count() or 1)
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
    _init_worker(*init, in_worker=False)  # here too: forked workers inherit the prepared templates

    finals: dict[str, str] = {}
    if format == "pdf":  # render to .docx beside the PDFs to be, hidden, then lay them all out at once
        staging = Path(tempfile.mkdtemp(prefix=".ldd-pdf-", dir=folder))
        finals = {str(staging / (Path(out).stem + ".docx")): out for _, _, out in tasks}
        tasks = [(line, row, str(staging / (Path(out).stem + ".docx"))) for line, row, out in tasks]
    undo = _signals()
    try:
        for chunk in _outcomes(tasks, workers, init):
            for line, out, problems in chunk:
                if out:
                    result.written.append(Path(out))
                else:
                    result.failures.append(RowFailure(line, problems))
                if progress:
                    progress(len(result.written) + len(result.failures), len(tasks), len(result.failures))
        if finals:
            from .outputs.pdf import pdf_language

            first = str((base_data.get("languages") or [base_data.get("language", "en")])[0])  # read first
            _to_pdf(result, finals, force, {out: line for line, _, out in tasks},
                    {out: pdf_language(str(row.get("language") or first)) for _, row, out in tasks})
    except KeyboardInterrupt as e:
        result.interrupted = str(e) if isinstance(e, _Stopped) else "SIGINT"
        remove_temporaries(Path(out) for _, _, out in tasks)
        # Workers report a chunk at a time: count what is on disk, written since the batch began.
        failed = {f.row for f in result.failures}
        result.written = [Path(out) for line, _, out in tasks if line not in failed and _written_since(out, began)
                          and out not in finals]  # a staged .docx is not a paper; its folder goes
    finally:
        undo()
        if finals:
            shutil.rmtree(staging, ignore_errors=True)
    tasks = [(line, row, finals.get(out, out)) for line, row, out in tasks]
    order = {out: i for i, (_, _, out) in enumerate(tasks)}
    result.written.sort(key=lambda p: order[str(p)])
    result.failures.sort(key=lambda f: f.row)
    result.seconds = time.perf_counter() - started
    return result

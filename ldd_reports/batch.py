"""Batch drafting: one paper per CSV row over a base input, across processes, bad rows reported."""

from __future__ import annotations

import csv
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, as_completed, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, LddReportsError, Problem
from .filenames import safe_filename

__all__ = ["BatchResult", "RowFailure", "apply_row", "read_rows", "render_many"]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class RowFailure:
    """A row that was not written: its CSV line and what was wrong (field and message)."""

    row: int
    problems: list[Problem]

    def __str__(self) -> str:
        return f"row {self.row}: " + "; ".join(f"{p.field or '(row)'}: {p.message}" for p in self.problems)


@dataclass
class BatchResult:
    """What a batch wrote and which rows failed."""

    written: list[Path] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def read_rows(path: str | os.PathLike[str]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs from a CSV whose header names dotted field paths."""
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames:
                raise InputError([Problem("", "the CSV has no header row", name, 1)], name)
            rows = []
            for row in reader:
                if None in row:
                    raise InputError([Problem("", "more cells than the header has columns", name, reader.line_num)],
                                     name)
                rows.append((reader.line_num, {k: v for k, v in row.items() if k}))
            return rows
    except OSError as e:
        raise InputError([Problem("", f"cannot read the file: {e.strerror or e}", name)], name) from e
    except (csv.Error, UnicodeDecodeError) as e:
        raise InputError([Problem("", f"not a readable UTF-8 CSV: {e}", name)], name) from e


def apply_row(base: Mapping[str, Any], row: Mapping[str, str]) -> dict[str, Any]:
    """The base input with each non-empty cell set at its column's dotted path (a.b[0].c).

    Only the containers along each path are copied; the rest is shared with ``base``, which is
    never modified (a deep copy per row would cost more than rendering the paper).
    """
    data = dict(base)
    for column, value in row.items():
        if value is None or value == "":
            continue  # an empty cell keeps the base's value
        parts: list[str | int] = [int(i) if i else k for k, i in _PART.findall(column)]
        if not parts:
            raise ValueError(f"column {column!r} is not a field path")
        parent: Any = data
        for here, nxt in zip(parts, parts[1:]):
            child = _child(parent, here, column)
            if child is None:
                child = [] if isinstance(nxt, int) else {}
            elif isinstance(child, (dict, list)):
                child = type(child)(child)  # copy on write: base is shared, never changed
            else:
                raise ValueError(f"column {column!r}: {here!r} holds a value, not fields")
            parent[here] = child
            parent = child
        _child(parent, parts[-1], column, setting=True)
        parent[parts[-1]] = value.strip()
    return data


def _child(parent: Any, key: str | int, column: str, setting: bool = False) -> Any:
    if isinstance(key, int):
        if not isinstance(parent, list) or key >= len(parent):
            raise ValueError(f"column {column!r}: the base has no item {key} there")
        return parent[key]
    if not isinstance(parent, dict):
        raise ValueError(f"column {column!r}: {key!r} is not inside a mapping")
    return None if setting else parent.get(key)


# -- one row, in whichever process runs it --------------------------------------------------------
_WORKER: dict[str, Any] = {}
Task = tuple[int, Mapping[str, str], str]  # (CSV line, row, output path)
Outcome = tuple[int, "str | None", list[Problem]]


def _init_worker(base: dict[str, Any], template: str | None, draft: bool, force: bool, style: Any) -> None:
    """Once per process: keep the base and house style, import the pipeline, prepare the templates."""
    from .pipeline import render_bytes  # noqa: F401
    from .templates import list_templates, prepare

    _WORKER.update(base=base, template=template, draft=draft, force=force, style=style)
    for path in [Path(template)] if template else [t.path for t in list_templates()]:
        prepare(path.resolve())


def _render_row(task: Task) -> Outcome:
    from .loaders import Source, validate
    from .package import write_output
    from .pipeline import render_bytes

    line, row, out = task
    try:
        doc = validate(Source(apply_row(_WORKER["base"], row)))
        # New files are not fsynced one by one (a quarter of a batch's time): they are atomic and can be
        # made again. A file being replaced (--force) is still flushed before the rename.
        data = render_bytes(doc, _WORKER["template"], draft=_WORKER["draft"], house_style=_WORKER["style"])
        write_output(data, out, force=_WORKER["force"], durable=False)
    except ValueError as e:  # a column that is not a field path of the base
        return line, None, [Problem("", str(e))]
    except InputError as e:
        return line, None, e.problems
    except LddReportsError as e:
        return line, None, [Problem("", str(e))]
    return line, out, []


def _render_chunk(tasks: list[Task]) -> list[Outcome]:
    return [_render_row(t) for t in tasks]


def _outcomes(tasks: list[Task], workers: int, init: tuple[Any, ...]) -> Iterator[list[Outcome]]:
    """Chunks of outcomes as they finish; at most a few chunks in flight, so memory stays flat."""
    if workers == 1 or len(tasks) < 2 * workers:
        for task in tasks:
            yield [_render_row(task)]
        return
    size = max(1, min(16, len(tasks) // (workers * 4)))  # small chunks: even load, steady progress
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=init) as pool:
        pending: set[Future[list[Outcome]]] = set()
        try:
            for chunk in chunks:
                if len(pending) >= 2 * workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield future.result()
                pending.add(pool.submit(_render_chunk, chunk))
            for future in as_completed(pending):
                yield future.result()
        finally:
            for future in pending:
                future.cancel()


def render_many(base: Any, rows: Iterable[tuple[int, Mapping[str, str]]] | str | os.PathLike[str],
                out_dir: str | os.PathLike[str], *, template: str | os.PathLike[str] | None = None,
                workers: int | None = None, draft: bool = False, force: bool = False,
                progress: Callable[[int, int, int], None] | None = None, house_style: Any = None) -> BatchResult:
    """Render one paper per row into ``out_dir``; rows that fail are reported, the rest written.

    ``base`` is a document, a dict or a path to YAML/JSON; ``rows`` a CSV path or (line, row)
    pairs whose keys are dotted field paths. Files are named from each row's organisation
    (sanitised, unique). ``workers`` processes (default: the machine's cores) each prepare the
    template once. ``progress(done, total, failed)`` is called as rows finish. ``house_style``
    (a name, a .yaml path or a HouseStyle) applies to every row; by default the base's own
    ``house_style``, relative to the base file.
    """
    from .house_style import resolve_house_style
    from .loaders import read
    from .templates import resolve_template

    started = time.perf_counter()
    if isinstance(base, (str, os.PathLike)):
        base_data = read(base).data
    elif hasattr(base, "model_dump"):
        base_data = base.model_dump(mode="json", exclude_unset=True)
    else:
        base_data = dict(base)
    if not isinstance(base_data, dict):
        raise InputError([Problem("", "the base must be a mapping of fields", str(base))], str(base))
    row_list = read_rows(rows) if isinstance(rows, (str, os.PathLike)) else list(rows)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    template_path = None
    if template is not None:
        template_path = str(resolve_template(template, None))

    default_name = str((base_data.get("organisation") or {}).get("name") or "document")
    used: set[str] = set()
    tasks: list[Task] = [(line, row, str(folder / safe_filename(row.get("organisation.name") or default_name,
                                                                 used=used)))
                         for line, row in row_list]
    workers = max(1, workers or os.cpu_count() or 1)
    # --house-style is relative to where the command runs; the base's own house_style to the base file.
    base_dir = Path(base).resolve().parent if isinstance(base, (str, os.PathLike)) else None
    if house_style is not None:
        style = resolve_house_style(house_style)
    elif base_data.get("house_style") is not None:
        style = resolve_house_style(base_data["house_style"], None, base_dir)
    else:
        style = None
    init = (base_data, template_path, draft, force, style)
    _init_worker(*init)  # here too: forked workers inherit the prepared templates

    result = BatchResult()
    for chunk in _outcomes(tasks, workers, init):
        for line, out, problems in chunk:
            if out:
                result.written.append(Path(out))
            else:
                result.failures.append(RowFailure(line, problems))
            if progress:
                progress(len(result.written) + len(result.failures), len(tasks), len(result.failures))
    order = {out: i for i, (_, _, out) in enumerate(tasks)}
    result.written.sort(key=lambda p: order[str(p)])
    result.failures.sort(key=lambda f: f.row)
    result.seconds = time.perf_counter() - started
    return result

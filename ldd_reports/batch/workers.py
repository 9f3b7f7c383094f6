"""A batch's worker processes: each drafts rows into papers, every failure its row's, never the batch's."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Mapping
from typing import Any

from ..caches import hold_unchanged
from ..collector import pause_for_start, resume_for_rows
from ..errors import InputError, LddReportsError, Problem, TemplateError
from ..inputs.csv_rows import apply_row, set_columns
from ..limits import bounded

__all__ = ["Outcome", "Stopped", "Task", "beside", "init_worker", "render_chunk", "render_row", "replaces_existing",
           "stop", "values_of"]


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` (temporary files) runs."""


def stop(signum: int, frame: Any) -> None:
    raise Stopped(signal.Signals(signum).name)


# -- one row, in whichever process runs it --------------------------------------------------------
_WORKER: dict[str, Any] = {}
Task = tuple[int, int, Mapping[str, str], str]  # (its place in the batch, CSV line, row, output path)
Outcome = tuple[int, int, "str | None", list[Problem]]  # (place, line, the file written or None, problems)


def init_worker(base: dict[str, Any], template: str | None, draft: bool, force: bool, style: Any,
                 limits: tuple[float | None, int | None], public: bool = False, base_dir: str | None = None,
                 in_worker: bool = True) -> None:
    """Once per process: keep the base and house style, and draft the base (imports, its template prepared).

    A worker forked from the parent, which drafted the base first, has all of that already, shared
    with the parent page for page; another template a row asks for is prepared on its first use.
    """
    from ..inputs.loaders import validate
    from ..inputs.source import Source
    from ..pipeline import render_bytes

    if in_worker:  # the parent handles Ctrl-C and stops the workers; an idle one (this, starting) just exits
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _worker_stop)
    if not in_worker or not _WORKER.get("drafted"):  # A draft of the base: every import a row needs happens now,
        # not during a row, where a stop signal landing in import machinery (a module lock's callback) would be
        # printed. The parent drafts each batch's base; a worker forked from it has that draft already.
        if in_worker:  # started afresh (spawned, not forked): its start is made as the program's is
            pause_for_start()
        _WORKER["base_doc"] = None
        hold_unchanged(())
        try:
            doc = validate(Source(base))
            _WORKER["base_doc"] = doc  # its fields stand in for those a row leaves alone (validate_over)
            hold_unchanged(values_of(doc))  # never changed: each walk's answer for them worked out once
            if base_dir is not None:
                beside(doc, base_dir)
            render_bytes(doc, template, draft=True, house_style=style, time_limit=None, memory_limit=None)
        except LddReportsError:
            pass  # a base that needs its rows to be whole: each row reports its own problem
        finally:
            if in_worker:
                resume_for_rows()
    _WORKER.update(base=base, template=template, draft=draft, force=force, style=style, limits=limits, public=public,
                   base_dir=base_dir, drafted=True)


def render_row(task: Task) -> Outcome:
    """One row, start to finish; whatever goes wrong is this row's failure, never the batch's."""
    from ..inputs.loaders import validate_over
    from ..word.package import write_output
    from ..pipeline import render_bytes

    seq, line, row, out = task
    try:
        with bounded(*_WORKER["limits"]):
            doc = validate_over(_WORKER.get("base_doc"), apply_row(_WORKER["base"], row), set_columns(row))
            if _WORKER["base_dir"] is not None:  # a row's house_style: beside the base
                beside(doc, _WORKER["base_dir"])
            # New files are not fsynced one by one (a quarter of a batch's time): they are atomic and can be
            # made again. A file being replaced (--force) is still flushed before the rename.
            # A bilingual paper published separately: this task's version (render_many made one task a language)
            version = row.get("language") if doc.languages and doc.bilingual == "separate" else None
            data = render_bytes(doc, _WORKER["template"], draft=_WORKER["draft"], house_style=_WORKER["style"],
                                public=_WORKER["public"], time_limit=None, memory_limit=None,  # bounded here
                                language=version)
            write_output(data, out, force=_WORKER["force"], durable=False)
    except ValueError as e:  # a column that is not a field path of the base
        return seq, line, None, [Problem("", str(e))]
    except InputError as e:
        return seq, line, None, e.problems
    except TemplateError as e:
        return seq, line, None, [Problem("template", str(e))]
    except LddReportsError as e:
        return seq, line, None, [Problem("", str(e))]
    except Exception as e:
        return seq, line, None, [Problem("", f"unexpected {type(e).__name__}: {e}")]
    return seq, line, out, []


def replaces_existing() -> bool:
    """Whether this process's batch replaces outputs that exist (``force``), as its init_worker was told."""
    return bool(_WORKER.get("force"))


def values_of(document: Any) -> Iterator[object]:
    """Every model the document holds below itself, however deep: what a row's document shares with its base."""
    from pydantic import BaseModel

    stack = list(document.__dict__.values())
    while stack:
        value = stack.pop()
        if isinstance(value, BaseModel):
            yield value
            stack.extend(value.__dict__.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.values())


def beside(doc: Any, folder: str) -> None:
    """The document (every version of a bilingual one) reads its house_style file from ``folder``."""
    for version in [doc, *doc._versions.values()]:
        version._source_dir = folder


def _worker_stop(signum: int, frame: Any) -> None:
    """In a worker: unwind a row in progress (its temporary file goes), or just exit when idle."""
    if _WORKER.get("busy"):
        raise Stopped(signal.Signals(signum).name)
    os._exit(128 + signum)


def render_chunk(tasks: list[Task]) -> list[Outcome]:
    """A worker's share; only ever run in a worker process."""
    _WORKER["busy"] = True
    try:
        return [render_row(t) for t in tasks]
    except Stopped:
        os._exit(143)  # the row's temporary file was removed on the way out; the parent is stopping
    finally:
        _WORKER["busy"] = False

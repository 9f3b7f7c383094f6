"""A batch's pool of worker processes: rows handed out in chunks, this process one of the workers, a worker
that stops abruptly replaced and its rows drafted again, each alone."""

from __future__ import annotations

import itertools
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..collector import frozen_for_workers
from ..errors import Problem
from . import workers as _workers  # by module: the row drafted here is the one a worker drafts (and a test patches)
from .workers import Outcome, Task

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

__all__ = ["STOPPED", "chunk_size", "forking", "outcomes"]

#: A row's problem when the worker process drafting it stopped abruptly twice (killed, or crashed in a library)
STOPPED = "the worker process drafting this row stopped abruptly (it was killed, or crashed); nothing was written for it"


def outcomes(tasks: Iterable[Task], count: int, workers: int, init: tuple[Any, ...]) -> Iterator[list[Outcome]]:
    """Outcomes as they finish (a chunk's at once), ``count`` tasks drawn from ``tasks`` as the workers need
    them: at most a few chunks in flight, so memory stays flat, and the workers forked before the rows are read.

    This process is one of the ``workers``: it drafts one row at a time, where the rows' caches are its own
    and nothing waits on a fork, and between rows keeps each of the others two chunks ahead (the chunk it
    drafts and the next), so none waits for work while this one drafts. A worker that stops abruptly (killed,
    or crashed in a library) takes its chunks with it: the rest of the batch goes on in new workers, and each
    row of those chunks is drafted again, alone, so that a row which stops its worker again fails by itself
    (:data:`STOPPED`) and no other row with it.
    """
    if workers == 1 or count < 2 * workers:
        for task in tasks:
            yield [_workers.render_row(task)]
        return
    stream, left = iter(tasks), count
    # What the parent made (modules, validators, the prepared template) is shared with forked workers until
    # written to; frozen, the collector never touches it, so the pages stay shared (no copy in each worker).
    with frozen_for_workers():
        pool = _Pool(workers - 1, init)
        try:
            while True:
                while len(pool.pending) < 2 * pool.size:
                    chunk = list(itertools.islice(stream, chunk_size(left, workers)))
                    if not chunk:
                        break
                    left -= len(chunk)
                    pool.submit(chunk)
                mine = next(stream, None)
                if mine is None:
                    break
                left -= 1
                yield [_workers.render_row(mine)]
                yield from pool.finished(wait=False)
            yield from pool.finished(wait=True)
            for lost in pool.take_lost():  # drafted again, one at a time, in a worker of their own
                yield _again(pool, lost)
        except BaseException:  # interrupted: stop the workers now (SIGTERM: each removes its temporary file)
            pool.stop()
            raise
        pool.close()


def _again(pool: _Pool, task: Task) -> list[Outcome]:
    """A row whose worker stopped: written already (by that worker, before it stopped), or drafted again alone."""
    seq, line, _, out = task
    if not _workers.replaces_existing() and os.path.lexists(out):  # planned only if absent: the lost worker wrote it
        return [(seq, line, out, [])]
    pool.submit([task])
    done = list(pool.finished(wait=True))
    if pool.take_lost():  # it stopped this worker too
        return [(seq, line, None, [Problem("", STOPPED)])]
    return done[0]


class _Pool:
    """The other workers: a ProcessPoolExecutor, made again when one of its processes stops abruptly (an
    executor whose process died refuses more work), and the chunks that were lost with it."""

    def __init__(self, size: int, init: tuple[Any, ...]) -> None:
        self.size, self.init = size, init
        self.executor: ProcessPoolExecutor | None = None
        self.pending: dict[Future[list[Outcome]], list[Task]] = {}
        self.lost: list[Task] = []

    def submit(self, chunk: list[Task]) -> None:
        # Here, not at the top: a batch in one process never needs multiprocessing (20M of its 1,490M instructions)
        from concurrent.futures import ProcessPoolExecutor

        if self.executor is None:
            self.executor = ProcessPoolExecutor(max_workers=self.size, mp_context=forking(),
                                                initializer=_workers.init_worker, initargs=self.init)
        self.pending[self.executor.submit(_workers.render_chunk, chunk)] = chunk

    def finished(self, wait: bool) -> Iterator[list[Outcome]]:
        """The outcomes of the chunks done (all of them, ``wait``). When a worker has stopped, the executor is
        let go (the next chunk starts a new one, forked from this process) and every chunk it had not
        finished is set aside in ``lost``."""
        from concurrent.futures import wait as wait_for
        from concurrent.futures.process import BrokenProcessPool

        done = wait_for(self.pending).done if wait else [f for f in self.pending if f.done()]
        broken = False
        for future in done:
            try:
                outcome = future.result()
            except BrokenProcessPool:
                broken = True
                continue
            del self.pending[future]
            yield outcome
        if broken and self.executor is not None:
            self.executor.shutdown(wait=True)  # every one of its chunks settled: finished, or lost with it
            self.executor = None
            pending, self.pending = self.pending, {}
            for future, chunk in pending.items():
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    self.lost += chunk
                else:
                    yield outcome

    def take_lost(self) -> list[Task]:
        lost, self.lost = sorted(self.lost), []
        return lost

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()

    def stop(self) -> None:
        """Interrupted: the workers stopped now (SIGTERM: each removes its temporary file)."""
        pool, self.executor = self.executor, None
        if pool is None:
            return
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


def forking() -> BaseContext | None:
    """The multiprocessing context for the workers: fork on Linux while this process runs one thread and the
    program has chosen no start method, else None (the program's choice, or the platform's default).

    Forked workers share what this process prepared (modules, validators, the template) page for page, where
    a worker started afresh imports and drafts the base again (a quarter of a second). Python 3.14 made
    forkserver Linux's default because fork is unsafe beside other threads: with one thread it is not.
    """
    import multiprocessing  # (here: a batch in one process never needs it)

    if (sys.platform.startswith("linux") and threading.active_count() == 1
            and multiprocessing.get_start_method(allow_none=True) is None):
        return multiprocessing.get_context("fork")
    return None


def chunk_size(left: int, workers: int) -> int:
    """How many of the ``left`` rows go to a worker at once: at most 16, fewer as the batch nears its end (a
    quarter of a worker's share of what is left, down to one): few round trips, and no worker left drafting
    a long last chunk while the others idle."""
    return max(1, min(16, left // (workers * 4)))

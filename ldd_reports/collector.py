"""The garbage collector paused while the command line starts, resumed before a batch's rows, and kept off
the pages that forked workers share."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["frozen_for_workers", "pause_for_start", "resume_for_rows", "set_aside_for_exit"]

_paused = False


def pause_for_start() -> None:
    """The collector off until the process ends or a batch's rows begin: for the command line only (a program
    that imports ldd_reports keeps its collector as it set it).

    A command's start makes objects that last as long as the process (modules, classes, validators, the
    wording catalogue, a prepared template), and next to no reference cycles: a hundred passes of the
    collector over them found nothing and cost 25-35 ms, 7% of a one-paper render. A command on one input
    or a few ends long before its garbage matters.
    """
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_for_rows() -> None:
    """Before a batch's rows, if the command line paused it: what the start made set aside for the life of the
    process (``gc.freeze``: no pass looks at it again, and forked workers keep sharing its pages), and the
    collector on again, as it was, for the rows (each leaves a few cycles: thousands of rows would add up)."""
    global _paused
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False


@contextlib.contextmanager
def frozen_for_workers() -> Iterator[None]:
    """What the process holds set aside while workers fork from it and run: no pass of the collector writes to
    those pages, so they stay shared with the workers.

    Afterwards it is unfrozen only if nothing was frozen before: a library caller's objects are its collector's
    again, while what was set aside already stays so (the command line's start, by :func:`resume_for_rows`, or
    a program's own ``gc.freeze``). Unfrozen, the program's start cost a pass of the collector over all of it
    at exit (0.15-0.2 s of a 395-row batch's 1.2-1.4 s).
    """
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def set_aside_for_exit() -> None:
    """The program's objects frozen as it ends: the interpreter's last pass of the collector, which runs even
    with it off, went over all of them (55M instructions, 4% of a one-paper render) for nothing the program
    needs: its files are written and closed by then, and Python never promises ``__del__`` at exit."""
    gc.freeze()

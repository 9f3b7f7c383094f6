"""The garbage collector paused while the command line starts, resumed before a batch's rows, and kept off
the pages that forked workers share."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["frozen_for_workers", "pause_for_start", "resume_for_rows", "set_aside_for_exit"]

_paused = False
_start_set_aside = False  # the command line's start, frozen by resume_for_rows for the life of the process


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
    global _paused, _start_set_aside
    if _paused:
        gc.freeze()
        gc.enable()
        _paused = False
        _start_set_aside = True


@contextlib.contextmanager
def frozen_for_workers() -> Iterator[None]:
    """What the process holds set aside while workers fork from it and run: no pass of the collector writes to
    those pages, so they stay shared with the workers.

    Afterwards a library caller's objects are its collector's again (``gc.unfreeze``); the command line's
    start stays set aside, as it was before: unfrozen, the collector's pass at the program's exit went over
    all of it (0.15-0.2 s of a 395-row batch's 1.2-1.4 s).
    """
    gc.freeze()
    try:
        yield
    finally:
        if not _start_set_aside:
            gc.unfreeze()


def set_aside_for_exit() -> None:
    """The program's objects frozen as it ends: the interpreter's last pass of the collector, which runs even
    with it off, went over all of them (55M instructions, 4% of a one-paper render) for nothing the program
    needs: its files are written and closed by then, and Python never promises ``__del__`` at exit."""
    gc.freeze()

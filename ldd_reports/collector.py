"""The garbage collector paused while the command line starts, and resumed before a batch's rows."""

from __future__ import annotations

import gc

__all__ = ["pause_for_start", "resume_for_rows"]

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

"""A one-line progress bar for the terminal; silent when output is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["ProgressBar"]


class ProgressBar:
    """Call with (done, total, failed) as work finishes; ``close()`` ends the line."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.width = width
        self.started = time.perf_counter()
        self.drawn = False
        self.last = 0.0

    def __call__(self, done: int, total: int, failed: int) -> None:
        now = time.perf_counter()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return  # redraw at most ten times a second
        self.last = now
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        note = f", {failed} failed" if failed else ""
        self.stream.write(f"\r[{bar}] {done}/{total}{note} {now - self.started:.1f} s")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()

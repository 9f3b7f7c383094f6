"""What the benchmarks measure a command by: wall time, CPU of its whole process tree, peak RSS."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

try:  # POSIX: the CPU of every process a command waited for (workers included)
    import resource
except ImportError:  # Windows: wall time and no CPU figure
    resource = None  # type: ignore[assignment]


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc (Linux)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _children(self, pid: int) -> list[int]:
        """The processes ``pid`` started, from /proc/PID/task/*/children (a few small reads)."""
        kids: list[int] = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            pass
        return kids

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            return 0

    def _run(self) -> None:
        # Sampled every 20 ms; cheap enough not to compete with the command (timing runs take no samples)
        while not self._stop.is_set():
            tree, frontier = {self.pid}, [self.pid]
            while frontier:
                kids = self._children(frontier.pop())
                tree.update(kids)
                frontier += kids
            self.peak = max(self.peak, sum(self._rss(p) for p in tree))
            self._stop.wait(0.02)

    def __enter__(self) -> TreeMemory:
        if os.path.isdir("/proc"):
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.thread.is_alive():
            self.thread.join()


@dataclass
class Run:
    wall: float
    cpu: float | None  # user + system seconds of the command and every process it waited for
    peak: int  # bytes; 0 where /proc is not there


def _cpu() -> float | None:
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# As an installed package runs: with its bytecode (some shells set PYTHONDONTWRITEBYTECODE, which
# leaves an editable install compiling every module of the library in every process).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def compile_package(folder: str) -> None:
    """Write the bytecode of the package in ``folder`` (pip does this on install)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", folder], check=True, capture_output=True, env=ENV)


def measure(cmd: list[str], memory: bool = False) -> Run:
    """Run ``cmd`` to the end (exit if it fails) and measure it; ``memory``: sample its peak RSS too (a
    thread of this process reads /proc meanwhile, so timing runs leave it off)."""
    before = _cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    if memory:
        with TreeMemory(proc.pid) as tree:
            stdout, stderr = proc.communicate()
        peak = tree.peak
    else:
        stdout, stderr = proc.communicate()
        peak = 0
    wall = time.perf_counter() - started
    after = _cpu()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout}\n{stderr}")
    return Run(wall, None if before is None or after is None else after - before, peak)

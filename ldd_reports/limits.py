"""What a process may use: wall-clock and memory bounds for one paper's render (a single render, a batch row),
where the platform allows, and the cores a batch may take."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import signal
import threading
from collections.abc import Iterator
from typing import Any

from .errors import RenderError

__all__ = ["DEFAULT_MEMORY", "DEFAULT_SECONDS", "LimitExceeded", "bounded", "cgroup_cpus", "usable_cores"]

DEFAULT_SECONDS = 60.0  # a paper renders in milliseconds; a minute is a template gone wrong
DEFAULT_MEMORY = 1024 * 1024 * 1024  # bytes beyond what the process already uses


class LimitExceeded(RenderError):
    """A render ran longer, or asked for more memory, than its bound."""


_STATM: list[int] = []  # [pid, fd]: /proc/self/statm kept open by the process that opened it, read again each time


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None where it cannot be read."""
    # Read once a batch row: opening the file each time cost half of the bound's time
    try:
        if not _STATM or _STATM[0] != os.getpid():  # a forked worker reads its own, not its parent's
            if _STATM:
                os.close(_STATM[1])
            _STATM[:] = [os.getpid(), os.open("/proc/self/statm", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))]
        return int(os.pread(_STATM[1], 256, 0).split()[0]) * _page_size()
    except (OSError, ValueError, IndexError, AttributeError):
        if _STATM:
            with contextlib.suppress(OSError):
                os.close(_STATM[1])
            _STATM.clear()
        return None


@functools.lru_cache(maxsize=1)
def _page_size() -> int:
    return os.sysconf("SC_PAGE_SIZE")


def _on_alarm(signum: int, frame: Any) -> None:
    raise LimitExceeded("took longer than its time limit (a template looping over too much?)")


@contextlib.contextmanager
def bounded(seconds: float | None = DEFAULT_SECONDS, memory: int | None = DEFAULT_MEMORY) -> Iterator[None]:
    """Run the block with a wall-clock bound (SIGALRM) and an address-space bound (RLIMIT_AS).

    Each applies only where it can: POSIX, the main thread (a server's worker threads render
    unbounded: the memory limit is the whole process's, and only the main thread gets SIGALRM),
    and for memory Linux (where the process's current size can be read). Elsewhere the block runs unbounded; the sandbox's own
    caps on arithmetic, repetition and padding still hold everywhere.
    """
    main = threading.current_thread() is threading.main_thread()
    alarm = bool(seconds) and hasattr(signal, "setitimer") and main
    previous_handler = None
    previous_limit = None
    try:
        import resource
    except ImportError:  # Windows
        resource = None  # type: ignore[assignment]
    if memory and resource is not None and main:  # the limit is the process's: never set it from a side thread
        size = _address_space()
        if size is not None:
            previous_limit = resource.getrlimit(resource.RLIMIT_AS)
            hard = previous_limit[1]
            soft = size + memory if hard == resource.RLIM_INFINITY else min(hard, size + memory)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    if alarm and seconds:
        previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except MemoryError:
        raise LimitExceeded(f"needed more than {memory // (1024 * 1024) if memory else '?'} MB of memory") from None
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous_handler)
        if previous_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, previous_limit)


def usable_cores() -> int:
    """The cores this process may use, at least one: those its CPU affinity allows (Linux), fewer where its
    control group caps its CPU time (a container's ``--cpus``, a Kubernetes CPU limit), rounded up.

    ``os.cpu_count()`` counts the machine's: in a container limited to two CPUs on a 64-core host it says 64,
    and a batch forking a worker a core would be throttled and hold 64 processes' memory.
    """
    counted = getattr(os, "process_cpu_count", None)  # 3.13+: the affinity's count
    if counted is not None:
        cores = counted()
    elif hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count()
    cores = cores or 1
    quota = cgroup_cpus()
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


def cgroup_cpus(root: str = "/sys/fs/cgroup", own: str = "/proc/self/cgroup") -> float | None:
    """The CPUs this process's control group (or one above it) may use, as quota / period, or None (no cap, or
    not Linux). cgroup v2 (``cpu.max``: "200000 100000"; "max" for none) and v1 (``cpu.cfs_quota_us``)."""
    try:
        with open(own, encoding="ascii") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in lines:  # "0::/path" (v2), "4:cpu,cpuacct:/path" (v1)
        _, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        if controllers == "":
            caps = [_quota(os.path.join(root, *parts, "cpu.max"), None) for parts in _upward(path)]
        elif "cpu" in controllers.split(","):
            caps = [_quota(os.path.join(root, "cpu", *parts, "cpu.cfs_quota_us"),
                           os.path.join(root, "cpu", *parts, "cpu.cfs_period_us")) for parts in _upward(path)]
        else:
            continue
        found = [cap for cap in caps if cap is not None]
        if found:
            return min(found)
    return None


def _upward(path: str) -> list[list[str]]:
    """A control group's path and each above it, as parts: /a/b gives [a, b], [a], []."""
    parts = [part for part in path.split("/") if part]
    return [parts[:n] for n in range(len(parts), -1, -1)]


def _quota(quota_file: str, period_file: str | None) -> float | None:
    try:
        with open(quota_file, encoding="ascii") as f:
            fields = f.read().split()
        if period_file is not None:
            with open(period_file, encoding="ascii") as f:
                fields += f.read().split()
        quota, period = fields[0], fields[1]
        if quota in ("max", "-1"):
            return None
        cpus = int(quota) / int(period)
    except (OSError, UnicodeDecodeError, ValueError, IndexError, ZeroDivisionError):
        return None
    return cpus if cpus > 0 else None

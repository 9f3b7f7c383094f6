"""Caches that keep a result only once its arguments repeat: a batch's standard content, never one row's own."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

__all__ = ["CacheInfo", "repeated"]

Result = TypeVar("Result")


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    kept: int  # results held
    seen: int  # arguments met once (only their hashes are held)


def repeated(size: int) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Cache a function of hashable positional arguments, keeping a result the second time its
    arguments come, at most ``size`` of them.

    A batch's paragraphs that name one council come once and are never reused: an LRU cache fills
    with them (memory growing with the batch). Here they leave only a hash, forgotten too once
    ``size // 8`` hashes are held (enough for a paper's worth of first sightings, at least 256);
    a full cache starts again, so it follows what repeats now.
    """
    first_sightings = max(256, size // 8)

    def decorate(function: Callable[..., Result]) -> Callable[..., Result]:
        kept: dict[tuple[Any, ...], Result] = {}
        seen: set[int] = set()
        counts = [0, 0]

        @functools.wraps(function)
        def cached(*args: Any) -> Result:
            try:
                result = kept[args]
            except KeyError:
                pass
            else:
                counts[0] += 1
                return result
            counts[1] += 1
            result = function(*args)
            key = hash(args)
            if key in seen:
                seen.discard(key)
                if len(kept) >= size:
                    kept.clear()
                kept[args] = result
            else:
                if len(seen) >= first_sightings:
                    seen.clear()
                seen.add(key)
            return result

        def cache_info() -> CacheInfo:
            return CacheInfo(counts[0], counts[1], len(kept), len(seen))

        def cache_clear() -> None:
            kept.clear()
            seen.clear()
            counts[:] = [0, 0]

        cached.cache_info = cache_info  # type: ignore[attr-defined]
        cached.cache_keys = lambda: list(kept)  # type: ignore[attr-defined]  # the arguments held
        cached.cache_clear = cache_clear  # type: ignore[attr-defined]
        return cached

    return decorate

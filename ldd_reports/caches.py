"""Caches that keep a result only once its arguments repeat (a batch's standard content, never one row's own),
and what is worked out once of values held unchanged (a batch's base)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypeVar

__all__ = ["CacheInfo", "for_unchanged", "hold_unchanged", "is_unchanged", "repeated"]

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


# -- values held unchanged ---------------------------------------------------------------------------
# A batch row's document holds its base's validated values wherever the row leaves them alone (pydantic takes
# a model as it is), so every walk over it meets the same objects row after row. The worker that validated
# the base holds them here; each walk's answer for one of them is then worked out once. Only the holder's own
# objects, which nothing changes (a row's document is built around them, never into them), and held by
# reference, so an id is never another object's.
_UNCHANGED: dict[int, tuple[object, dict[Hashable, Any]]] = {}


def hold_unchanged(values: Iterable[object]) -> None:
    """Hold ``values`` as objects their owner never changes, letting go of any held before (``()``: none)."""
    _UNCHANGED.clear()
    for value in values:
        _UNCHANGED[id(value)] = (value, {})


def is_unchanged(value: object) -> bool:
    held = _UNCHANGED.get(id(value))
    return held is not None and held[0] is value


def for_unchanged(value: object, key: Hashable, compute: Callable[[], Result]) -> Result:
    """``compute()``: worked out once for ``value`` and ``key`` while ``value`` is held unchanged, else each time.
    The answer is shared: keep it immutable (a tuple, not a list)."""
    held = _UNCHANGED.get(id(value))
    if held is None or held[0] is not value:
        return compute()
    memo = held[1]
    try:
        return memo[key]  # type: ignore[no-any-return]
    except KeyError:
        result = memo[key] = compute()
        return result

"""Rendering record pages on every core.

Record pages are nearly all of a build's work and independent of each other, and Python runs
one thread at a time; so large sites render them in worker processes. Workers are forked: they
inherit the site index and the renderer as they are, nothing is copied or pickled on the way
in, and only the finished pages travel back, in order.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this, starting workers costs more than it saves.
MIN_ITEMS = 400


def available_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def render_all(render: Callable[[Item], Result], items: Sequence[Item], workers: int,
               min_items: int = MIN_ITEMS, chunksize: int = 32) -> Iterator[Result]:
    """`map(render, items)`, in order, spread over `workers` forked processes when worth it.

    Tasks are positions in `items`: `render` (often a bound method of a large object) and the
    items reach the workers by the fork, never pickled once per task.
    """
    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(render, items)
        return
    with _forked_pool(workers, render, items) as pool:
        yield from pool.imap(_render_one, range(len(items)), chunksize=chunksize)


def _forked_pool(workers: int, render: Callable, items: Sequence):
    """Workers forked with `render` and `items` as their job.

    The parent's objects are frozen for the fork (gc.freeze): a worker's garbage collector
    would otherwise walk, and so write to, every object it inherited, and each page of memory
    written is copied (copy-on-write): most of the parent's heap, in every worker.
    """
    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(render, items))
    finally:
        gc.unfreeze()


# Each worker's job, set once when the worker starts. A module global is the standard way to
# hand forked pool workers an object that must not be pickled with every task.
_job: tuple[Callable, Sequence] | None = None


def _adopt(render: Callable, items: Sequence) -> None:
    global _job
    _job = (render, items)


def _render_one(position: int):
    render, items = _job
    return render(items[position])


class Background:
    """Items being rendered by a pool while the caller does other work (or lazily, in one process)."""

    def __init__(self, results: Iterator, pool=None):
        self._results = results
        self._pool = pool

    def results(self) -> Iterator:
        """Results as they complete (in no particular order); raises a worker's exception."""
        try:
            yield from self._results
        except BaseException:
            self.cancel()
            raise
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def render_in_background(render: Callable[[Item], Result], items: Sequence[Item], workers: int,
                         chunksize: int = 32) -> Background:
    """Start `map(render, items)` in `workers` forked processes and return at once.

    With one worker, few items or no fork, nothing starts: items are rendered in this process
    as the results are read.
    """
    if workers <= 1 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return Background(map(render, items))
    pool = _forked_pool(workers, render, items)
    return Background(pool.imap_unordered(_render_one, range(len(items)), chunksize=chunksize), pool)

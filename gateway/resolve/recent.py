"""The last results of a costly look-up, kept by their input: names and goods descriptions repeat from
document to document, so a repeated one costs a dictionary lookup.

At most `size` results are kept, the oldest dropped first (none when `size` is 0). Reads take no lock (a
dictionary read is atomic under the GIL); writes do, because the service resolves in several threads. The
key carries whatever the result depends on (the glossary version among it), so a reload is a miss, never
a stale hit; `keep_version` also empties the memo when the version changes.

A miss is computed once however many threads meet it at the same time (a single flight): the first
computes, the others wait for its result; when the computation fails, each waiter gets its error, and the
next look-up of the key computes again. Without it, after a start, every worker thread that met the same
new name resolved it itself (about 0.2 s of CPU a worker, plans/notes-served9.md).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Flight(Generic[V]):
    """One computation under way, which the threads that miss the same key wait for."""

    def __init__(self) -> None:
        self.owner = threading.get_ident()
        self.done = threading.Event()
        self.result: V | None = None
        self.error: BaseException | None = None

    def wait(self) -> V:
        """The computation's result, once there; its error, raised, when it failed."""
        self.done.wait()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return self.result


class Recent(Generic[K, V]):
    """A bounded first-in-first-out memo of `compute`, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[K, V] = {}
        self._flights: dict[K, _Flight[V]] = {}
        self._lock = threading.Lock()
        self._version: object = None

    def get(self, key: K, compute: Callable[[], V], keep: bool = True) -> V:
        """The kept result for `key`, or `compute()`'s, kept; a thread that misses a key another thread
        is computing waits for that result instead of computing it again. With `keep` False a miss is
        computed and not kept: a one-off look-up (the unresolved queue's check) pushes out nothing that
        repeats."""
        found = self._kept.get(key)
        if found is not None:
            return found
        if self.size <= 0 or not keep:
            return compute()
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                return found
            flight = self._flights.get(key)
            leads = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if leads:
            return self._fly(key, flight, compute)
        if flight.owner == threading.get_ident():  # compute asked for its own key: no waiting on itself
            return compute()
        return flight.wait()

    def _fly(self, key: K, flight: _Flight[V], compute: Callable[[], V]) -> V:
        """`compute()`'s result, kept and handed to the threads waiting on `flight`; its error, raised
        here and in each of them (nothing kept: the next look-up computes again)."""
        try:
            found = compute()
        except BaseException as error:
            flight.error = error
            raise
        else:
            flight.result = found
            self._keep(key, found)
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()
        return found

    def _keep(self, key: K, found: V) -> None:
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.pop(next(iter(self._kept)), None)
            self._kept[key] = found

    def keep_version(self, version: object) -> None:
        """Forget every result when `version` (of what the results depend on: the glossary) changed."""
        if version != self._version:
            with self._lock:
                self._kept.clear()
                self._version = version

    def clear(self) -> None:
        """Forget every result (the next look-up of each computes it again)."""
        with self._lock:
            self._kept.clear()

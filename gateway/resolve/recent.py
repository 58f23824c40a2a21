"""The last results of a costly look-up, kept by their input: names and goods descriptions repeat from
document to document, so a repeated one costs a dictionary lookup.

At most `size` results are kept, the oldest dropped first (none when `size` is 0). Reads take no lock (a
dictionary read is atomic under the GIL); writes do, because the service resolves in several threads. The
key carries whatever the result depends on (the glossary version among it), so a reload is a miss, never
a stale hit; `keep_version` also empties the memo when the version changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A bounded first-in-first-out memo of `compute`, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[K, V] = {}
        self._lock = threading.Lock()
        self._version: object = None

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The kept result for `key`, or `compute()`'s, kept."""
        found = self._kept.get(key)
        if found is None:
            found = compute()
            if self.size <= 0:
                return found
            with self._lock:
                if len(self._kept) >= self.size:
                    self._kept.pop(next(iter(self._kept)), None)
                self._kept[key] = found
        return found

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

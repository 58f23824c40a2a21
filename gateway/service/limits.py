"""Fairness between national systems: at most so many documents of one key are being received at once.

A system that posts faster than the gateway can read gets 429 for the extra documents (with Retry-After)
instead of taking every worker thread from the other countries.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from gateway.service.errors import TooManyRequests


class PostLimit:
    """Counts the documents of each key being received; refuses one more than `per_key`."""

    def __init__(self, per_key: int) -> None:
        self.per_key = per_key
        self._lock = threading.Lock()
        self._busy: dict[str, int] = {}

    @contextmanager
    def admit(self, key_id: str) -> Iterator[None]:
        """Hold one of the key's places while the block runs; TooManyRequests when none is free."""
        with self._lock:
            if self._busy.get(key_id, 0) >= self.per_key:
                raise TooManyRequests.because(
                    f"This key already has {self.per_key} documents being received; post again shortly."
                )
            self._busy[key_id] = self._busy.get(key_id, 0) + 1
        try:
            yield
        finally:
            with self._lock:
                self._busy[key_id] -= 1
                if not self._busy[key_id]:
                    del self._busy[key_id]

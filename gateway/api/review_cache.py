"""Payloads read for the review pages, kept while an officer pages through them.

A delivery's payload never changes, and reading a large one along the model is the page's main cost (a
5.2 MB manifest of 2,000 goods items: ~0.3 s, and ~25 MB of Python objects). An officer reads a message
page after page and comes back to the inbox, so each process keeps the readings of the payloads it read
last, by the payload's digest (not the delivery's ID: two stores, or a pruned and re-received message,
must never share one) and the reading officer's country, within a budget of payload bytes: about five
times that in memory. A payload larger than the budget is read each time, as before. No FastAPI here.

A reading depends on the payload's bytes alone, so two countries whose agreements share the same
elements of a message (their payloads byte for byte the same) would read the same thing; but a reading
kept for one country is never used for another's officer, for how fast a page comes tells whether it
was kept: a KG officer timing a large message's page would learn that a CN officer had opened the same
message in the last minutes (plans/notes-sec18.md).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from gateway.api.review_page import Reading, guesses_in, read_message
from gateway.model import Model

READINGS_BUDGET = 8_000_000
"""Payload bytes whose readings a process keeps (their objects take about five times as much)."""
COUNTS_KEPT = 4096
"""Inbox rows' guess counts a process keeps (a few bytes each)."""

T = TypeVar("T")


class Kept(Generic[T]):
    """The values of the payloads used last, within `budget` units (a payload's bytes, or 1 each)."""

    def __init__(self, budget: int, cost: Callable[[bytes], int]) -> None:
        self.budget, self.cost = budget, cost
        self.used = 0
        self._kept: OrderedDict[bytes, tuple[T, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> T | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def put(self, key: bytes, payload: bytes, value: T) -> None:
        cost = self.cost(payload)
        if cost > self.budget:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = (value, cost)
            self.used += cost
            while self.used > self.budget:
                _, (_, freed) = self._kept.popitem(last=False)
                self.used -= freed

    def __len__(self) -> int:
        return len(self._kept)


class Readings:
    """The review pages' readings of payloads (`read_message`) and inbox rows' guess counts (`guesses_in`),
    kept by the payload's digest."""

    def __init__(self, budget: int = READINGS_BUDGET, counts: int = COUNTS_KEPT) -> None:
        self.readings: Kept[Reading] = Kept(budget, len)
        self.counts: Kept[int] = Kept(counts, lambda _: 1)

    def reading(self, payload: bytes, model: Model, country: str) -> Reading:
        """The payload read along `model`, as `read_message` reads it, for an officer of `country`."""
        key = _key(payload, model, country)
        found = self.readings.get(key)
        if found is None:
            found = read_message(payload, model)
            self.readings.put(key, payload, found)
        return found

    def guesses(self, payload: bytes, model: Model, country: str) -> int:
        """How many of the payload's names are guesses, as `guesses_in` counts them, for `country`."""
        key = _key(payload, model, country)
        if (read := self.readings.get(key)) is not None:
            return read.guesses
        found = self.counts.get(key)
        if found is None:
            found = guesses_in(payload, model)
            self.counts.put(key, payload, found)
        return found


def _key(payload: bytes, model: Model, country: str) -> bytes:
    """The payload's digest, the reading country and the model's namespace (a reading depends on nothing
    else; the country keeps one country's readings from another's)."""
    digest = hashlib.blake2b(payload, digest_size=20, person=b"review-page").digest()
    return digest + f"{country}:{model.namespace}".encode()

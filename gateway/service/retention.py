"""Retention: the messages older than GATEWAY_RETENTION_DAYS whose every delivery has ended are emptied
(`Store.prune`), a batch at a time, by `gateway store prune` or by a bounded sweep of the serving process.

A batch is one transaction of the store: a message goes whole (its original, harmonized form, issues,
deliveries and events) or not at all, and its row stays as status `pruned` with what identifies it, so
that the same document posted again is still a repeat (`message.pruned`, never delivered twice). A
message with any delivery pending, retrying, held, or unread in an inbox (a non-delivery notice too)
is kept however old. Unresolved names and officers' corrections are the terminologists' work, not
documents: they are kept. Processes sharing a store (`gateway serve --workers N`) sweep at once: on
PostgreSQL one of them takes a batch and the others skip their turn; SQLite's writers queue.

Identity retention: past GATEWAY_IDENTITY_RETENTION_DAYS (longer) the row a pruned message left is
deleted too (`Store.forget`, `forget_older`), under the same rules, and the same document posted again
is then received as new.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from gateway.store.port import Pruned, Store
from gateway.sweep import start_sweep

log = logging.getLogger("gateway.retention")
T = TypeVar("T")
BATCH = 500
"""Messages a transaction: a batch holds the write lock for tens of milliseconds (bench/prune.py)."""
BATCHES_PER_TURN = 20
"""Batches a turn of the background sweep: at most 10,000 messages, then the next turn goes on."""


def cutoff(now: datetime, days: float) -> datetime:
    """The time before which a message received is older than `days` days at `now`."""
    return now - timedelta(days=days)


def prune_older(
    store: Store, now: datetime, days: float, batches: int | None = None, batch: int = BATCH
) -> Pruned:
    """Empty the messages older than `days` whose every delivery has ended, `batch` a transaction, at most
    `batches` batches (None: until none is left); each batch that removed messages is logged."""

    def one() -> Pruned:
        pruned = store.prune(cutoff(now, days), now, batch)
        if pruned.messages:
            log.info("store:pruned", extra=_fields(pruned, days))
        return pruned

    return sum(_in_batches(one, lambda pruned: pruned.messages, batch, batches), Pruned())


def count_older(store: Store, now: datetime, days: float) -> Pruned:
    """What `prune_older` would remove at `now`, counted; nothing changes."""
    return store.prune(cutoff(now, days), now, None, dry_run=True)


def forget_older(
    store: Store, now: datetime, days: float, batches: int | None = None, batch: int = BATCH
) -> int:
    """Delete the rows of the pruned messages received more than `days` days before `now`, `batch` a
    transaction, at most `batches` batches (None: until none is left); each batch is logged."""

    def one() -> int:
        gone = store.forget(cutoff(now, days), batch)
        if gone:
            log.info("store:forgotten", extra={"forgotten_messages": gone, "identity_retention_days": days})
        return gone

    return sum(_in_batches(one, lambda gone: gone, batch, batches))


def _in_batches(
    one: Callable[[], T], removed: Callable[[T], int], batch: int, batches: int | None
) -> list[T]:
    """What `one` did batch after batch, at most `batches` of them (None: no bound), until a batch
    `removed` fewer than `batch` messages: the last of them, or another process holds the lock
    (PostgreSQL)."""
    done: list[T] = []
    while batches is None or len(done) < batches:
        done.append(one())
        if removed(done[-1]) < batch:
            break
    return done


def count_forgettable(store: Store, now: datetime, days: float) -> int:
    """How many rows `forget_older` would delete at `now`; nothing changes."""
    return store.forget(cutoff(now, days), None, dry_run=True)


def start_retention(
    store: Store,
    clock: Callable[[], datetime],
    days: float,
    pruned: Callable[[Pruned], object],
    every: timedelta,
    identity_days: float | None = None,
    forgotten: Callable[[int], object] = lambda _: None,
    first: timedelta | None = None,
) -> threading.Event:
    """Prune in a background thread every `every` (the first time after `first`, None: `every`), at
    most BATCHES_PER_TURN batches a turn, then (with `identity_days`) forget as many; `pruned` and
    `forgotten` are told what each turn removed (the metrics). Set the returned event to stop it."""

    def turn() -> None:
        pruned(prune_older(store, clock(), days, BATCHES_PER_TURN))
        if identity_days is not None:
            forgotten(forget_older(store, clock(), identity_days, BATCHES_PER_TURN))

    return start_sweep(
        turn,
        every.total_seconds(),
        "retention",
        log,
        "store:prune-failed",
        None if first is None else first.total_seconds(),
    )


def _fields(pruned: Pruned, days: float) -> dict[str, object]:
    return {"pruned_messages": pruned.messages, "pruned_deliveries": pruned.deliveries,
            "pruned_events": pruned.events, "pruned_bytes": pruned.bytes, "retention_days": days}  # fmt: skip

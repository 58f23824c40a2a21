"""Pull deliveries past their time to live: expired, and the sender told, in the same transaction.

A pull delivery waits in the partner's inbox; the inbox stops showing it once its time to live has run
out. This sweep then finishes it as expired through the store, which writes the `non-delivery-notice`
to the sender's inbox with it. Several processes may sweep at once: the store's lease lets one finish
each delivery.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from gateway.store.port import Outcome, Store
from gateway.sweep import start_sweep

log = logging.getLogger("gateway.expiry")
LEASE = timedelta(seconds=30)
BATCH = 500


def expire_pull_deliveries(store: Store, now: datetime, worker: str = "expiry") -> int:
    """Expire every pull delivery past its time to live; how many this call expired."""
    expired = 0
    for delivery in store.expiring(now, BATCH):
        if store.claim(delivery.id, worker, now + LEASE, now) is None:
            continue
        if store.finish(delivery.id, worker, Outcome.expired(now)):
            expired += 1
            log.info(
                "delivery:expired", extra={"message_id": delivery.message_id, "delivery_id": delivery.id}
            )
    return expired


def start_expiry(store: Store, clock: Callable[[], datetime], every: timedelta) -> threading.Event:
    """Sweep in a background thread every `every`; set the returned event to stop it."""
    return start_sweep(
        lambda: expire_pull_deliveries(store, clock()),
        every.total_seconds(),
        "pull-expiry",
        log,
        "expiry sweep failed",
    )

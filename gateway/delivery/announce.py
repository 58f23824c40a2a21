"""Announcing new push and file deliveries to the work queue right after their message is committed.

`gateway serve` with its in-process dispatcher shares one queue between intake and the dispatcher; with
Redis (`GATEWAY_REDIS_URL`), every serving process publishes to the stream that `gateway worker`
processes read. Either way a new delivery starts without waiting for the next sweep
(`GATEWAY_DELIVERY_SWEEP_SECONDS`), which stays the fallback: an announcement that fails is logged and
the sweep finds the delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

import redis
from sqlalchemy.exc import DBAPIError

from gateway.delivery.queue import RedisStreamQueue, WorkQueue
from gateway.service.announcer import Announcer, NoAnnouncer
from gateway.settings import Settings
from gateway.store.outage import first_line
from gateway.store.port import Accepted, Store

log = logging.getLogger("gateway.delivery")
DISPATCHED_METHODS = ("push", "file")


class QueueAnnouncer:
    """Publishes the push and file deliveries of each message just stored to `queue`."""

    def __init__(self, store: Store, queue: WorkQueue, methods: Sequence[str] = DISPATCHED_METHODS) -> None:
        self.store, self.queue, self.methods = store, queue, tuple(methods)
        self.failing: str | None = None  # why the last announcement failed; None when it worked

    def announce(self, accepted: Accepted) -> None:
        if not accepted.created:
            return  # a repeat: its deliveries were announced (or swept) the first time
        try:
            ids = self.store.pending_ids(accepted.message_id, self.methods)  # IDs only: no payloads read
            if ids:
                self.queue.publish(ids)
        except (redis.RedisError, DBAPIError, OSError) as exc:
            reason = f"{type(exc).__name__}: {first_line(exc)}"
            if reason != self.failing:  # once while Redis is away, not once per document
                log.warning("delivery:announce-failed %s", reason)
            self.failing = reason
            return
        if self.failing is not None:
            log.info("delivery:announce-resumed")
            self.failing = None


def announcer_from_settings(settings: Settings, store: Store) -> Announcer:
    """For a serving process without a dispatcher of its own: the Redis stream of the `gateway worker`
    processes when `redis_url` is set, else nothing to announce to (the workers sweep the store)."""
    if settings.redis_url is None:
        return NoAnnouncer()
    lease = timedelta(seconds=settings.delivery_lease_seconds)
    return QueueAnnouncer(store, RedisStreamQueue.from_url(settings.redis_url, lease))

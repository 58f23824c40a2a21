"""Whether the store can write, as this process last learned it: for /ready and `gateway_store_writable`.

A full disk or a SQLite file that became read-only does not stop reads: a probe that reads says ready
while every post is answered 503 `store.unavailable`. So a write that fails because the store is
unavailable (`gateway.store.outage`) marks the store as not writable, with the reason; a document
stored marks it writable again. While it is marked, /ready and a scrape of /metrics probe a write
themselves (`Store.probe_write`, a row of 1 MiB written and deleted), so that the gateway says ready
again as soon as space is back, even when no post comes in because the load balancer took it out. A
probe runs only while the store is marked: a healthy gateway's /ready still only reads.

Each serving process learns from its own writes (with `--workers N`, a worker that has not yet failed a
write says writable until its first one fails).
"""

from __future__ import annotations

import logging
import threading

from gateway.service.errors import StoreUnavailable
from gateway.store.outage import unavailable
from gateway.store.port import Store

log = logging.getLogger("gateway.store")


class StoreWrites:
    """The store's ability to write, marked by writes that fail and cleared by writes that succeed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._failing: str | None = None
        self._probing = threading.Lock()

    @property
    def failing(self) -> str | None:
        """Why the last write failed, while no write has succeeded since; None when writes work."""
        return self._failing

    def failed(self, reason: str) -> None:
        """A write failed because the store is unavailable (`reason`: the driver's one line)."""
        if self._failing is None:
            log.warning("store:unwritable", extra={"code": StoreUnavailable.code, "reason": reason})
        self._failing = reason

    def succeeded(self) -> None:
        """A write committed: the store writes again."""
        if self._failing is not None:
            log.info("store:writable", extra={"after": self._failing})  # not `reason`: nothing fails now
            self._failing = None

    def check(self) -> str | None:
        """None when the store can write; else why not. Probes a write only while writes are failing
        (one probe at a time: concurrent checks take the last one's answer)."""
        if self._failing is None:
            return None
        if not self._probing.acquire(blocking=False):
            return self._failing
        try:
            self.store.probe_write()
        except Exception as failure:  # the store still unavailable: the reason; anything else is a bug
            reason = unavailable(failure)
            if reason is None:
                raise
            self._failing = reason
            return reason
        finally:
            self._probing.release()
        self.succeeded()
        return None

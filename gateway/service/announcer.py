"""The `Announcer` port: intake tells delivery about a message just committed, so that its push and file
deliveries start at once instead of at the dispatcher's next sweep.

Announcing is a hint, never the truth: the outbox rows are already committed, and a dispatcher's sweep
finds every due delivery whether or not it was announced (after a lost announcement, a Redis outage or
a restart). The implementation that publishes to the work queue is
`gateway.delivery.announce.QueueAnnouncer`.
"""

from __future__ import annotations

from typing import Protocol

from gateway.store.port import Accepted


class Announcer(Protocol):
    """Told after each commit of `Store.accept`; must not raise (the sweep is the fallback)."""

    def announce(self, accepted: Accepted) -> None: ...


class NoAnnouncer:
    """No delivery to tell in this process (a dispatcher elsewhere sweeps the store)."""

    def announce(self, accepted: Accepted) -> None:
        """Nothing: the next sweep finds the new deliveries."""

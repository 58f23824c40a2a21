"""The partner's side of push delivery: verify a message, then accept each webhook-id once.

The gateway retries until it hears a 2xx, so a partner may see the same message again (its answer was
lost, the gateway's worker was restarted). The webhook-id stays the same across those attempts;
`WebhookReceiver` answers a repeat as a duplicate, which the partner acknowledges with 2xx again but does
not process twice. Record the id in the same transaction as the processing (`SqliteSeenWebhooks` takes
the partner's own SQLite connection for that), so that a crash cannot record one without the other.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from gateway.delivery.webhooks import WebhookVerifier


class SeenWebhooks(Protocol):
    """The webhook-ids a receiver has accepted; `first_time` records one and says whether it was new."""

    def first_time(self, webhook_id: str) -> bool: ...


class MemorySeenWebhooks:
    """Seen webhook-ids in memory: for tests and receivers that keep their state elsewhere."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._lock = threading.Lock()

    def first_time(self, webhook_id: str) -> bool:
        with self._lock:
            if webhook_id in self._seen:
                return False
            self._seen.add(webhook_id)
            return True


class SqliteSeenWebhooks:
    """Seen webhook-ids in a SQLite table, which survives the receiver's restarts. Pass the connection
    the receiver also writes the message with, and commit both together."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        connection.execute("CREATE TABLE IF NOT EXISTS seen_webhook (webhook_id TEXT PRIMARY KEY)")

    def first_time(self, webhook_id: str) -> bool:
        cursor = self.connection.execute(
            "INSERT OR IGNORE INTO seen_webhook (webhook_id) VALUES (?)", (webhook_id,)
        )
        return cursor.rowcount == 1


@dataclass(frozen=True, slots=True)
class Receipt:
    """A verified message: its webhook-id and whether it had been received before."""

    webhook_id: str
    duplicate: bool


class WebhookReceiver:
    """Verification and idempotency together: `receive` raises `InvalidWebhook` for a message that does
    not verify (answer 400 or 401 with its issue code) and otherwise says whether it is a repeat."""

    def __init__(self, verifier: WebhookVerifier, seen: SeenWebhooks | None = None) -> None:
        self.verifier = verifier
        self.seen = seen if seen is not None else MemorySeenWebhooks()

    def receive(self, body: bytes, headers: Mapping[str, str]) -> Receipt:
        webhook_id = self.verifier.verify(body, headers)
        return Receipt(webhook_id, duplicate=not self.seen.first_time(webhook_id))

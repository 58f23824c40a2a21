"""A pull delivery nobody read in time expires, and the sender finds a non-delivery notice in its inbox."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from gateway.service.expiry import expire_pull_deliveries
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def test_an_unread_pull_delivery_expires_and_the_sender_is_told() -> None:
    store = MemoryStore(lambda: T0)
    message = NewMessage("m-1", "KZ", "R-1", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    store.accept(
        message, [NewDelivery("CN", "message", "pull", None, b"<m/>", T0, T0 + timedelta(days=2))], []
    )
    assert expire_pull_deliveries(store, T0 + timedelta(days=1)) == 0
    assert expire_pull_deliveries(store, T0 + timedelta(days=2, seconds=1)) == 1
    assert expire_pull_deliveries(store, T0 + timedelta(days=3)) == 0, "once"
    assert store.inbox("CN", 0, 10) == []
    (notice,) = store.inbox("KZ", 0, 10)
    assert notice.kind == "non-delivery-notice" and json.loads(notice.payload)["recipient"] == "CN"
    assert [e.name for e in store.events("m-1")][-2:] == ["delivery:expired", "delivery:queued"]

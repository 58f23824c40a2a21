"""The inbox as a use case: a delivery is readable until its time to live runs out unread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.access.keys import Principal
from gateway.service.errors import Forbidden, NotFound
from gateway.service.inbox import Inbox
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
CN = Principal("k1", "Urumqi customs", "CN", "partner")


def inbox_at(now: list[datetime]) -> tuple[Inbox, int]:
    store = MemoryStore(lambda: now[0])
    message = NewMessage("m-1", "KZ", "R-1", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    store.accept(
        message, [NewDelivery("CN", "message", "pull", None, b"<m/>", T0, T0 + timedelta(days=2))], []
    )
    return Inbox(store, lambda: now[0]), store.deliveries("m-1")[0].id


def test_a_delivery_is_readable_until_it_expires_unread() -> None:
    now = [T0]
    inbox, delivery_id = inbox_at(now)
    assert inbox.get(CN, "CN", delivery_id).payload == b"<m/>"
    now[0] = T0 + timedelta(days=3)
    with pytest.raises(NotFound):
        inbox.get(CN, "CN", delivery_id)
    assert inbox.read(CN, "CN", 0, 10) == []


def test_an_acknowledged_delivery_stays_readable_and_others_may_not_read_it() -> None:
    now = [T0]
    inbox, delivery_id = inbox_at(now)
    inbox.acknowledge(CN, "CN", delivery_id)
    now[0] = T0 + timedelta(days=3)
    assert inbox.get(CN, "CN", delivery_id).state == "delivered"
    with pytest.raises(Forbidden):
        inbox.get(Principal("k2", "Kyrgyz customs", "KG", "partner"), "CN", delivery_id)


def test_a_delivery_past_its_time_to_live_cannot_be_acknowledged_into_reading() -> None:
    """Before the expiry sweep finishes it, a late delivery is out of the inbox: acknowledging it is
    refused, so it is neither read late (an acknowledged delivery stays readable) nor counted delivered
    where the sender must be told it was not."""
    now = [T0]
    inbox, delivery_id = inbox_at(now)
    now[0] = T0 + timedelta(days=3)
    with pytest.raises(NotFound, match="expired"):
        inbox.acknowledge(CN, "CN", delivery_id)
    with pytest.raises(NotFound):
        inbox.get(CN, "CN", delivery_id)
    assert inbox.store.delivery(delivery_id).state == "pending"  # type: ignore[union-attr]  # the sweep's

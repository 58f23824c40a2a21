"""Message status after a dead letter: the sender sees the notice it was sent, the resend and the delivery;
the recipient sees only its own part."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from gateway.access.keys import Principal
from gateway.service.operations import Operations
from gateway.service.status import message_status
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage, Outcome

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
KZ_SYSTEM = Principal("k1", "Kazakhstan State Revenue Committee", "KZ", "national")
CN_PARTNER = Principal("k2", "GACC Urumqi", "CN", "partner")
OPERATOR = Principal("k3", "Hub operations", None, "operator")


def dead_then_resent_and_delivered() -> MemoryStore:
    store = MemoryStore(lambda: T0)
    message = NewMessage("m-1", "KZ", "KZ-1", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    push = NewDelivery("CN", "message", "push", "https://cn.invalid/hook", b"<m/>", T0, T0 + 60 * MINUTE)
    store.accept(message, [push], [])
    store.claim(1, "w", T0 + MINUTE, T0)
    store.finish(1, "w", Outcome.dead(T0, "push.refused: 400 Bad Request"))
    Operations(store, lambda: T0 + 5 * MINUTE).resend(OPERATOR, 1)
    store.claim(1, "w", T0 + 6 * MINUTE, T0 + 5 * MINUTE)
    store.finish(1, "w", Outcome.delivered(T0 + 5 * MINUTE))
    return store


def test_the_sender_sees_the_notice_then_the_resend_that_succeeded() -> None:
    status = message_status(dead_then_resent_and_delivered(), KZ_SYSTEM, "m-1")
    kinds = [(d.recipient, d.kind, d.state) for d in status.deliveries]
    assert kinds == [("CN", "message", "delivered"), ("KZ", "non-delivery-notice", "pending")]
    notice = json.loads(status.deliveries[1].payload)
    assert (notice["state"], notice["failed_at"]) == ("dead", T0.isoformat()), "true at that time"
    names = [e.name for e in status.events if e.recipient == "CN"]
    assert names[-4:] == ["delivery:dead", "delivery:resent", "delivery:attempted", "delivery:delivered"]


def test_the_recipient_sees_neither_the_notice_nor_its_event() -> None:
    status = message_status(dead_then_resent_and_delivered(), CN_PARTNER, "m-1")
    assert [d.kind for d in status.deliveries] == ["message"]
    assert {e.recipient for e in status.events} <= {None, "CN"}

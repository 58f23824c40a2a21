"""The operator's resend: a dead letter goes back in the queue, except one past its time to live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.access.keys import Principal
from gateway.service.errors import DeliveryExpired, NotFound
from gateway.service.operations import Operations
from gateway.store.memory import MemoryStore
from gateway.store.port import NewDelivery, NewMessage, Outcome

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
HOUR = timedelta(hours=1)
OPERATOR = Principal("k3", "Hub operations", None, "operator")


def one_dead_letter() -> MemoryStore:
    store = MemoryStore(lambda: T0)
    message = NewMessage("m-1", "KZ", "KZ-1", "d", "kz-eaeu-pi", None, b"x", b"<m/>", (), "routed", T0)
    store.accept(
        message, [NewDelivery("CN", "message", "push", "https://cn.invalid/hook", b"<m/>", T0, T0 + HOUR)], []
    )
    store.claim(1, "w", T0 + HOUR, T0)
    store.finish(1, "w", Outcome.dead(T0, "push.refused: 400 Bad Request"))
    return store


def test_a_dead_letter_within_its_time_to_live_is_resent() -> None:
    store = one_dead_letter()
    resent = Operations(store, lambda: T0 + HOUR / 2).resend(OPERATOR, 1)
    assert (resent.state, resent.next_attempt_at) == ("pending", T0 + HOUR / 2)


def test_a_dead_letter_past_its_time_to_live_is_not_resent_and_stays_dead() -> None:
    store = one_dead_letter()
    events = store.events("m-1")
    with pytest.raises(DeliveryExpired) as refused:
        Operations(store, lambda: T0 + HOUR).resend(OPERATOR, 1)
    assert refused.value.issues[0].code == "delivery.expired" and "stays dead" in str(refused.value)
    assert store.delivery(1).state == "dead" and store.events("m-1") == events  # type: ignore[union-attr]
    assert len(store.inbox("KZ", 0, 10)) == 1, "the sender has its one notice, no second"


def test_a_delivery_that_is_not_dead_is_not_found() -> None:
    with pytest.raises(NotFound):
        Operations(one_dead_letter(), lambda: T0).resend(OPERATOR, 99)

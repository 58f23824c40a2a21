"""Held deliveries: a suspended direction's deliveries are held (not attempted, not in the inbox), resumed
when it is in force again (a pull delivery under a new ID, after a partner's cursor), and expired with the
sender's notice once their time to live has passed; the same on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

from gateway.store.port import DeliveryMethod, NewDelivery, NewEvent, NewMessage, Outcome, Store
from gateway.store.transitions import HELD_EXPIRED

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
HOUR = timedelta(hours=1)
REASON = "KG customs moves its data centre"


def accept(store: Store, number: int, sender: str, method: DeliveryMethod, *recipients: str) -> list[int]:
    """A document of `sender` to each of `recipients` by `method`, time to live one hour; its delivery IDs."""
    original = f"{sender}-{number}".encode()
    message = NewMessage(
        f"m{number:03d}", sender, f"{sender}-{number:03d}", hashlib.sha256(original).hexdigest(),
        "kz-eaeu-pi", "pre-arrival", original, b"<Declaration/>", (), "routed", T0,
    )  # fmt: skip
    endpoint = None if method == "pull" else "http://127.0.0.1:9/in"
    store.accept(
        message,
        [NewDelivery(r, "message", method, endpoint, b"<D/>", T0, T0 + HOUR) for r in recipients],
        [NewEvent("message:received")],
    )
    return [d.id for d in store.deliveries(message.message_id)]


def names(store: Store, message_id: str) -> list[str]:
    return [event.name for event in store.events(message_id)]


def test_a_hold_takes_the_direction_s_waiting_messages_only(store: Store) -> None:
    kz_to_kg, kz_to_cn = accept(store, 1, "KZ", "push", "KG", "CN")
    [uz_to_kg] = accept(store, 2, "UZ", "push", "KG")
    [leased] = accept(store, 3, "KZ", "push", "KG")
    store.claim(leased, "w", T0 + timedelta(minutes=1), T0)  # being attempted now: left to its dispatcher
    assert store.hold("KZ", "KG", REASON, T0) == [kz_to_kg]
    assert [d.id for d in store.due(T0, 10)] == [kz_to_cn, uz_to_kg], "a held delivery is never due"
    assert store.claim(kz_to_kg, "w", T0 + HOUR, T0) is None
    assert store.delivery_counts()["held"] == 1
    assert store.held_directions() == [("KZ", "KG")]
    held = store.events("m001")[-1]
    assert (held.name, held.recipient, dict(held.detail)) == (
        "delivery:held", "KG", {"delivery_id": kz_to_kg, "reason": REASON},
    )  # fmt: skip
    assert store.hold("KZ", "KG", REASON, T0) == [], "holding again changes nothing"


def test_a_held_pull_delivery_leaves_the_inbox_and_comes_back_after_the_cursor(store: Store) -> None:
    [first] = accept(store, 1, "KZ", "pull", "KG")
    [second] = accept(store, 2, "UZ", "pull", "KG")
    store.hold("KZ", "KG", REASON, T0)
    inbox = store.inbox("KG", 0, 10, T0)
    assert [d.id for d in inbox] == [second], "the partner reads UZ's, not KZ's held one"
    cursor = inbox[-1].id
    [again] = store.resume("KZ", "KG", T0 + timedelta(minutes=5))
    assert again > cursor and [d.id for d in store.inbox("KG", cursor, 10, T0)] == [again]
    assert store.delivery(first) is None and store.delivery(again).state == "pending"  # type: ignore[union-attr]
    assert [d.id for d in store.deliveries("m001")] == [again], "one delivery per recipient, as before"
    resumed = store.events("m001")[-1]
    assert (resumed.name, dict(resumed.detail)) == (
        "delivery:resumed", {"delivery_id": again, "previous_id": first},
    )  # fmt: skip
    assert store.acknowledge("KG", again, T0) and store.held_directions() == []


def test_a_resumed_push_delivery_keeps_its_attempts_and_a_later_retry_time(store: Store) -> None:
    [fresh] = accept(store, 1, "KZ", "push", "KG")
    [tried] = accept(store, 2, "KZ", "push", "KG")
    store.claim(tried, "w", T0 + timedelta(minutes=1), T0)
    store.finish(tried, "w", Outcome.retry(T0, T0 + timedelta(minutes=30), "push.http-503: HTTP 503"))
    assert store.hold("KZ", "KG", REASON, T0) == [fresh, tried]
    assert store.resume("KZ", "KG", T0 + timedelta(minutes=10)) == [fresh, tried]
    resumed = {d.id: d for d in (store.delivery(fresh), store.delivery(tried)) if d is not None}
    assert (resumed[fresh].state, resumed[fresh].next_attempt_at) == ("pending", T0 + timedelta(minutes=10))
    assert (resumed[tried].state, resumed[tried].attempts) == ("retrying", 1), "no attempt burned or given"
    assert resumed[tried].next_attempt_at == T0 + timedelta(minutes=30), "the partner's wait still holds"
    assert resumed[tried].last_error == "push.http-503: HTTP 503"
    assert [d.id for d in store.due(T0 + timedelta(minutes=10), 10)] == [fresh]


def test_the_dispatcher_holds_a_delivery_it_claimed_without_counting_an_attempt(store: Store) -> None:
    [delivery_id] = accept(store, 1, "KZ", "push", "KG")
    store.claim(delivery_id, "w", T0 + timedelta(minutes=1), T0)
    assert store.finish(delivery_id, "w", Outcome.held(T0, REASON))
    held = store.delivery(delivery_id)
    assert held is not None and (held.state, held.attempts, held.lease_owner) == ("held", 0, None)
    assert names(store, "m001")[-1] == "delivery:held"


def test_a_held_delivery_past_its_time_to_live_expires_and_its_sender_is_told(store: Store) -> None:
    [push] = accept(store, 1, "KZ", "push", "KG")
    [pull] = accept(store, 2, "KZ", "pull", "KG")
    store.hold("KZ", "KG", REASON, T0)
    assert store.expire_held(T0 + HOUR - timedelta(seconds=1), 10) == []
    assert store.expire_held(T0 + HOUR, 10) == [push, pull]
    assert store.held_directions() == [] and store.resume("KZ", "KG", T0 + HOUR) == []
    notices = store.inbox("KZ", 0, 10, T0 + HOUR)
    assert [json.loads(n.payload)["reason"] for n in notices] == [HELD_EXPIRED, HELD_EXPIRED]
    assert names(store, "m001")[-2:] == ["delivery:expired", "delivery:queued"]
    assert store.delivery(push).state == "expired"  # type: ignore[union-attr]

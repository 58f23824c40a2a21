"""Retention (`Store.prune`) on every version of the store: a message goes whole once every delivery has
ended and it is old enough, never while one is still on its way."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from gateway.store.port import (
    NewDelivery,
    NewEvent,
    NewMessage,
    Outcome,
    Pruned,
    ReferenceConflict,
    Store,
)
from tests.store.test_store import T0, new_message, outbox

YEAR = timedelta(days=365)
LATER = T0 + 10 * YEAR  # far past any retention
LEASE = T0 + timedelta(minutes=5)


def message(n: int, received_at: datetime = T0) -> NewMessage:
    found = new_message(f"m-{n}", f"KZ-2026-{n:04d}", f"digest-{n}")
    return NewMessage(**{**{k: getattr(found, k) for k in found.__slots__}, "received_at": received_at})


def keep(store: Store, n: int, *recipients: str, method: str = "pull", at: datetime = T0) -> str:
    received = NewEvent("message:received", None, {"n": n})
    return store.accept(message(n, at), outbox(*recipients, method=method), [received]).message_id


def acknowledge_all(store: Store, message_id: str) -> None:
    for delivery in store.deliveries(message_id):
        assert store.acknowledge(delivery.recipient, delivery.id, T0)


def push_ends(store: Store, message_id: str, outcome: Outcome) -> None:
    for delivery in store.deliveries(message_id):
        assert store.claim(delivery.id, "w", LEASE, T0) is not None
        assert store.finish(delivery.id, "w", outcome)


def whole(store: Store, message_id: str) -> bool:
    kept = store.message(message_id)
    return (
        kept is not None
        and kept.status == "routed"
        and bool(kept.original)
        and bool(store.events(message_id))
    )


def test_a_finished_message_goes_whole_and_leaves_what_identifies_it(store: Store) -> None:
    done = keep(store, 1, "CN", "KG")
    acknowledge_all(store, done)
    young = keep(store, 2, "CN", at=LATER)
    acknowledge_all(store, young)
    pruned = store.prune(LATER, LATER, 100)
    assert (
        pruned.messages == 1 and pruned.deliveries == 2 and pruned.events == 5
    )  # received, 2 queued, 2 delivered
    assert pruned.bytes == len(message(1).original) + len(b"<HarmonizedMessage/>") + len(b"<to CN/><to KG/>")
    stub = store.message(done)
    assert stub is not None and stub.status == "pruned" and stub.pruned_at == LATER
    assert (stub.sender, stub.reference, stub.digest, stub.received_at) == (
        "KZ",
        "KZ-2026-0001",
        "digest-1",
        T0,
    )
    assert stub.original == b"" and stub.harmonized is None and stub.issues == ()
    assert store.deliveries(done) == [] and store.events(done) == []
    assert whole(store, young)  # received at LATER: not older than the retention
    assert store.prune(LATER, LATER, 100) == Pruned()  # nothing more to do


def test_a_delivery_on_its_way_keeps_its_message_at_any_age(store: Store) -> None:
    unread = keep(store, 1, "CN")  # in the partner's inbox, not acknowledged
    retrying = keep(store, 2, "CN", method="push")
    push_ends(store, retrying, Outcome.retry(T0, T0 + YEAR, "push.http-503: busy"))
    held = keep(store, 3, "CN")
    assert store.hold("KZ", "CN", "agreement suspended", T0)
    dead = keep(store, 4, "CN", method="push")
    push_ends(store, dead, Outcome.dead(T0, "push.http-404: gone"))  # its notice waits in KZ's inbox
    assert store.prune(LATER, LATER, 100) == Pruned()
    assert all(whole(store, m) for m in (unread, retrying, held, dead))


def test_a_dead_or_expired_message_goes_once_its_sender_read_the_notice(store: Store) -> None:
    dead = keep(store, 1, "CN", method="push")
    push_ends(store, dead, Outcome.dead(T0, "push.http-404: gone"))
    expired = keep(store, 2, "KG", method="push")
    push_ends(store, expired, Outcome.expired(T0))
    resent = keep(store, 3, "CN", method="push")
    push_ends(store, resent, Outcome.dead(T0, "push.http-404: gone"))
    for notice in store.inbox("KZ", 0, 10):
        assert store.acknowledge("KZ", notice.id, T0)
    assert store.resend(store.deliveries(resent)[0].id, T0)  # an operator put it back: on its way again
    assert store.prune(LATER, LATER, 100).messages == 2
    assert [store.message(m).status for m in (dead, expired, resent)] == ["pruned", "pruned", "routed"]  # type: ignore[union-attr]


def test_an_unrouted_message_goes_by_its_age_alone(store: Store) -> None:
    unrouted = new_message("m-1")
    store.accept(
        NewMessage(**{**{k: getattr(unrouted, k) for k in unrouted.__slots__}, "status": "unrouted"}), [], []
    )
    assert store.prune(T0, LATER, 100) == Pruned()  # received at T0: not before it
    assert store.prune(T0 + timedelta(seconds=1), LATER, 100).messages == 1


def test_batches_take_the_oldest_first(store: Store) -> None:
    for n in range(5):
        acknowledge_all(store, keep(store, n, "CN", at=T0 + n * timedelta(days=1)))
    assert store.prune(LATER, LATER, 2).messages == 2
    assert [store.message(f"m-{n}").status for n in range(5)] == ["pruned"] * 2 + ["routed"] * 3  # type: ignore[union-attr]


def test_the_dry_run_counts_what_would_go_and_changes_nothing(store: Store) -> None:
    for n in range(3):
        acknowledge_all(store, keep(store, n, "CN", "KG"))
    keep(store, 9, "CN")  # unread: stays
    counted = store.prune(LATER, LATER, 1, dry_run=True)  # a dry run counts every batch at once
    assert counted.messages == 3 and all(whole(store, f"m-{n}") for n in range(3))
    assert store.prune(LATER, LATER, 100) == counted


def test_a_pruned_document_sent_again_is_a_repeat_not_a_new_message(store: Store) -> None:
    acknowledge_all(store, keep(store, 1, "CN"))
    store.prune(LATER, LATER, 100)
    again = store.accept(message(1, LATER), outbox("CN"), [])
    assert again.message_id == "m-1" and not again.created  # nothing is delivered twice
    assert store.deliveries("m-1") == [] and store.inbox("CN", 0, 10) == []
    other = message(1, LATER)
    with pytest.raises(ReferenceConflict):
        store.accept(NewMessage(**{**{k: getattr(other, k) for k in other.__slots__}, "digest": "x"}), [], [])


def test_processes_pruning_at_once_prune_each_message_once(store: Store) -> None:
    for n in range(40):
        acknowledge_all(store, keep(store, n, "CN"))
    with ThreadPoolExecutor(4) as pool:
        batches = list(pool.map(lambda _: _prune_all(store), range(4)))
    assert sum(batches) == 40
    assert all(store.message(f"m-{n}").status == "pruned" for n in range(40))  # type: ignore[union-attr]


def _prune_all(store: Store) -> int:
    total = 0
    while (pruned := store.prune(LATER, LATER, 3)).messages or store.prune(
        LATER, LATER, 3, dry_run=True
    ).messages:
        total += pruned.messages
    return total


def test_the_payload_of_its_own_is_counted_once(store: Store) -> None:
    own = NewDelivery("CN", "message", "pull", None, b"<only for CN/>", T0, None)
    same = NewDelivery("KG", "message", "pull", None, b"<HarmonizedMessage/>", T0, None)
    store.accept(message(1), [own, same], [])
    acknowledge_all(store, "m-1")
    expected = len(message(1).original) + len(b"<HarmonizedMessage/>") + len(b"<only for CN/>")
    assert store.prune(LATER, LATER, 100).bytes == expected

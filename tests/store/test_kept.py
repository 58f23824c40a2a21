"""What retention cannot take (`Store.kept`, `Store.kept_count`) on every version of the store: the
messages older than a time whose deliveries have not all ended, with the deliveries that keep them."""

from __future__ import annotations

from datetime import timedelta

from gateway.store.port import Outcome, Store
from tests.store.test_retention import LATER, T0, YEAR, acknowledge_all, keep, push_ends

DAY = timedelta(days=1)


def test_the_messages_a_delivery_keeps_are_listed_oldest_first_with_it(store: Store) -> None:
    unread = keep(store, 1, "CN", "KG", at=T0 + DAY)  # KG reads it, CN never does
    store.acknowledge("KG", store.deliveries(unread)[1].id, T0)
    dead = keep(store, 2, "CN", method="push")  # dead: its notice waits in KZ's inbox
    push_ends(store, dead, Outcome.dead(T0, "push.http-404: gone"))
    held = keep(store, 3, "KG", at=T0 + 2 * DAY)
    assert store.hold("KZ", "KG", "agreement suspended", T0)
    acknowledge_all(store, keep(store, 4, "CN"))  # ended: retention takes it, not listed
    keep(store, 5, "CN", at=LATER)  # young: not listed
    store.prune(LATER - YEAR, LATER, 100)  # the finished one goes; the pruned are never listed
    found = store.kept(LATER - YEAR, 10)
    assert [k.message_id for k in found] == [dead, unread, held]
    assert [(d.recipient, d.kind, d.state) for d in found[0].waiting] == [
        ("KZ", "non-delivery-notice", "pending")
    ]
    assert [(d.recipient, d.state) for d in found[1].waiting] == [("CN", "pending")]
    assert [(d.recipient, d.state) for d in found[2].waiting] == [("KG", "held")]
    assert (found[1].sender, found[1].reference, found[1].received_at) == ("KZ", "KZ-2026-0001", T0 + DAY)
    assert store.kept(LATER - YEAR, 2) == found[:2]
    assert store.kept_count(LATER - YEAR) == (3, T0)
    assert store.kept_count(T0) == (0, None)

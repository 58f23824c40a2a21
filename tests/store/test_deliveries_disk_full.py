"""Deliveries in flight when the disk fills (SQLite's own SQLITE_FULL: tests/store/full_disk.py): a
worker's report of a delivery either lands whole (its state and its one event) or fails as the store
being unavailable and changes nothing, the worker's claim kept; once space is back the same report
lands, and every delivery ends delivered with one `delivery:delivered` event, none twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from gateway.store.database import sqlite_url
from gateway.store.outage import unavailable
from gateway.store.port import Outcome
from gateway.store.sql import SqlStore
from tests.store.full_disk import Disk
from tests.store.test_retention import LEASE, keep
from tests.store.test_store import T0, new_message, outbox

MESSAGES = 80


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlStore]:
    opened = SqlStore.open(sqlite_url(tmp_path / "gateway.sqlite3"))
    yield opened
    opened.close()


def delivered_events(store: SqlStore, message_id: str) -> int:
    return sum(e.name == "delivery:delivered" for e in store.events(message_id))


def test_reports_of_deliveries_in_flight_land_whole_or_not_at_all_and_land_once_space_is_back(
    store: SqlStore,
) -> None:
    disk = Disk(store)
    ids = [keep(store, n, "CN", method="push") for n in range(MESSAGES)]
    flying = {m: store.deliveries(m)[0].id for m in ids}
    for delivery_id in flying.values():
        assert store.claim(delivery_id, "w", LEASE, T0) is not None
    disk.fill(headroom=0)
    failed = []
    for message_id, delivery_id in flying.items():
        try:
            assert store.finish(delivery_id, "w", Outcome.delivered(T0))
        except OperationalError as full:
            assert unavailable(full) == "OperationalError: database or disk is full"
            failed.append(message_id)
    assert failed, "the disk filled under the reports"
    for message_id, delivery_id in flying.items():
        found = store.delivery(delivery_id)
        assert found is not None
        if message_id in failed:
            assert (found.state, found.lease_owner, delivered_events(store, message_id)) == (
                "pending",
                "w",
                0,
            )
        else:
            assert (found.state, delivered_events(store, message_id)) == ("delivered", 1)
    with pytest.raises(OperationalError):  # a new document meanwhile: refused whole
        store.accept(new_message("m-new", "KZ-NEW", "digest-new"), outbox("CN"), [])
    assert store.message("m-new") is None

    disk.free()
    for message_id in failed:
        assert store.finish(flying[message_id], "w", Outcome.delivered(T0))
    for message_id, delivery_id in flying.items():
        found = store.delivery(delivery_id)
        assert found is not None and found.state == "delivered"
        assert delivered_events(store, message_id) == 1
    store.probe_write()  # and the probe /ready runs writes again

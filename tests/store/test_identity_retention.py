"""Identity retention (`Store.forget`) on every version of the store: the row a pruned message leaves
goes once it is older than the second, longer period, and the same document posted again is then a
new message; what is not pruned, or is younger, stays."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from gateway.store.port import Store
from gateway.store.sql import SqlStore
from tests.store.test_retention import LATER, T0, YEAR, acknowledge_all, keep, message, whole
from tests.store.test_store import outbox

DAY = timedelta(days=1)


def test_a_pruned_row_goes_and_the_document_is_then_received_as_new(store: Store) -> None:
    acknowledge_all(store, keep(store, 1, "CN"))
    store.prune(LATER, LATER, 100)
    assert store.forget(T0, 100) == 0  # received at T0: not before it
    assert store.forget(T0 + DAY, 100, dry_run=True) == 1 and store.message("m-1") is not None
    assert store.forget(T0 + DAY, 100) == 1
    assert store.message("m-1") is None
    again = store.accept(message(1, LATER), outbox("CN"), [])
    assert again.created and again.message_id == "m-1"  # the same ID: the test's message, not a reuse
    assert [d.recipient for d in store.inbox("CN", 0, 10)] == ["CN"]  # delivered again, as new


def test_only_pruned_rows_go_the_oldest_first(store: Store) -> None:
    for n in range(4):
        acknowledge_all(store, keep(store, n, "CN", at=T0 + n * DAY))
    unread = keep(store, 9, "CN")  # not pruned: its row is the message itself
    finished_late = keep(store, 8, "CN")
    store.prune(LATER, LATER, 100)
    acknowledge_all(store, finished_late)  # ended after the prune: still whole
    assert store.forget(LATER, 2) == 2
    assert [store.message(f"m-{n}") is None for n in range(4)] == [True, True, False, False]
    assert store.forget(LATER, 100) == 2
    assert whole(store, unread) and whole(store, finished_late)
    assert store.forget(LATER, 100, dry_run=True) == 0


def test_processes_forgetting_at_once_delete_each_row_once(store: Store) -> None:
    for n in range(30):
        acknowledge_all(store, keep(store, n, "CN"))
    store.prune(LATER, LATER, 100)
    with ThreadPoolExecutor(3) as pool:
        counts = list(pool.map(lambda _: _forget_all(store), range(3)))
    assert sum(counts) == 30 and store.forget(LATER + YEAR, 100, dry_run=True) == 0


def _forget_all(store: Store) -> int:
    total = 0
    while (gone := store.forget(LATER + YEAR, 4)) or store.forget(LATER + YEAR, 4, dry_run=True):
        total += gone
    return total


@pytest.mark.parametrize("store", ["sqlite", "postgresql"], indirect=True)
def test_a_repost_whose_identity_goes_while_it_is_stored_is_received_as_new(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's sweep forgets the row between the repost's failed insert and its read of the row
    it collided with: the post is received as new, not answered with a server error."""
    assert isinstance(store, SqlStore)
    acknowledge_all(store, keep(store, 1, "CN"))
    store.prune(LATER, LATER, 100)
    read = store._by_reference

    def forgotten_meanwhile(conn: object, sender: str, reference: str) -> object:
        store.forget(T0 + DAY, 100)  # commits on its own connection before this read begins
        return read(conn, sender, reference)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_by_reference", forgotten_meanwhile)
    again = store.accept(message(1, LATER), outbox("CN"), [])
    assert again.created and again.message_id == "m-1"
    assert [d.recipient for d in store.inbox("CN", 0, 10)] == ["CN"]

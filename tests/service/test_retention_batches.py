"""`prune_older`, what `gateway store prune` and the background sweep run: batches, a bound on a turn,
a log line per batch saying how much went, and the dry run's count."""

from __future__ import annotations

import logging

import pytest

from gateway.service.retention import count_forgettable, count_older, forget_older, prune_older
from gateway.store.memory import MemoryStore
from tests.store.test_retention import LATER, T0, acknowledge_all, keep

DAYS = 365


@pytest.fixture
def store() -> MemoryStore:
    """Five delivered messages received at T0 and one unread."""
    found = MemoryStore()
    for n in range(5):
        acknowledge_all(found, keep(found, n, "CN", "KG"))
    keep(found, 9, "CN")
    return found


def test_batches_go_until_none_is_left_each_logged(
    store: MemoryStore, caplog: pytest.LogCaptureFixture
) -> None:
    assert count_older(store, LATER, DAYS).messages == 5
    with caplog.at_level(logging.INFO, "gateway.retention"):
        pruned = prune_older(store, LATER, DAYS, batch=2)
    assert (pruned.messages, pruned.deliveries) == (5, 10)
    lines = [r for r in caplog.records if r.getMessage() == "store:pruned"]
    assert [r.__dict__["pruned_messages"] for r in lines] == [2, 2, 1]
    assert {r.__dict__["retention_days"] for r in lines} == {DAYS}
    assert sum(r.__dict__["pruned_bytes"] for r in lines) == pruned.bytes > 0
    assert count_older(store, LATER, DAYS).messages == 0


def test_a_turn_of_the_sweep_is_bounded(store: MemoryStore) -> None:
    assert prune_older(store, LATER, DAYS, batches=1, batch=2).messages == 2
    assert prune_older(store, LATER, DAYS, batches=1, batch=2).messages == 2


def test_nothing_younger_than_the_retention_goes(store: MemoryStore) -> None:
    assert prune_older(store, T0, DAYS).messages == 0
    assert count_older(store, T0, DAYS).messages == 0


def test_identities_go_in_batches_each_logged(store: MemoryStore, caplog: pytest.LogCaptureFixture) -> None:
    prune_older(store, LATER, DAYS)
    # received at T0, ten years before LATER
    assert count_forgettable(store, LATER, 11 * DAYS) == 0 and count_forgettable(store, LATER, 9 * DAYS) == 5
    with caplog.at_level(logging.INFO, "gateway.retention"):
        assert forget_older(store, LATER, 9 * DAYS, batches=2, batch=2) == 4
        assert forget_older(store, LATER, 9 * DAYS, batch=2) == 1
    lines = [r for r in caplog.records if r.getMessage() == "store:forgotten"]
    assert [r.__dict__["forgotten_messages"] for r in lines] == [2, 2, 1]
    assert {r.__dict__["identity_retention_days"] for r in lines} == {9 * DAYS}
    assert store.message("m-0") is None and store.message("m-9") is not None  # the unread one: kept

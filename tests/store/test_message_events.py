"""`Store.message_events`: the events of many messages in one call (the dead-letter list reads the
attempts of every dead letter with it), the same on memory, SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gateway.store.port import Outcome, Store
from tests.delivery.outbox import accept_documents

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def test_the_events_of_many_messages_come_by_message_in_order(store: Store) -> None:
    message_ids = accept_documents(store, 3, "http://127.0.0.1:9/inbox", T0)
    store.claim(2, "w", T0 + timedelta(minutes=1), T0)
    store.finish(2, "w", Outcome.dead(T0, "push.refused: HTTP 422 Unprocessable Entity"))
    found = store.message_events([message_ids[1], message_ids[0], message_ids[1], "unknown"])
    assert set(found) == {message_ids[0], message_ids[1], "unknown"} and found["unknown"] == []
    for message_id in message_ids[:2]:
        assert found[message_id] == store.events(message_id), "each message's events, as events() gives them"
    names = [event.name for event in found[message_ids[1]]]
    assert names[-3:-1] == ["delivery:attempted", "delivery:dead"]


def test_more_messages_than_one_query_takes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("gateway.store.sql.EVENTS_QUERY_IDS", 2)
    message_ids = accept_documents(store, 5, "http://127.0.0.1:9/inbox", T0)
    found = store.message_events(message_ids)
    assert [len(found[m]) for m in message_ids] == [len(store.events(m)) for m in message_ids]
    assert all(event.message_id == m for m in message_ids for event in found[m])

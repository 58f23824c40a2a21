"""Counting unresolved names in one upsert per batch gives what counting them one at a time gives: the
count, the five example messages, first and last seen, the first script (SQLite and PostgreSQL against
the memory store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.store.memory import MemoryStore
from gateway.store.port import UnresolvedCount, UnresolvedName
from gateway.store.sql import SqlStore
from tests.store.conftest import fresh_sql_store
from tests.store.test_store import MINUTE, T0

TEXTS = [("place", "Хоргос", "ru"), ("place", "Хоргос", None), ("party", "ЖШС «Алтын»", "kk")]


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


def sightings(first: int, count: int) -> list[UnresolvedName]:
    """`count` sightings cycling through TEXTS, out of time order, some without a message."""
    return [
        UnresolvedName(
            kind,
            text,
            language,
            "Latn" if n % 5 == 1 else "Cyrl",
            "KZ",
            f"m-{n}" if n % 4 else None,
            T0 + ((n * 7) % 11) * MINUTE,
        )
        for n in range(first, first + count)
        for kind, text, language in [TEXTS[n % len(TEXTS)]]
    ]


def test_names_counted_together_are_counted_as_one_at_a_time(sql_store: SqlStore) -> None:
    one_at_a_time = MemoryStore()
    for batch in (sightings(0, 2), sightings(2, 17), sightings(19, 5)):
        sql_store.record_unresolved(batch)  # new names and names seen before, mixed in one call
        for name in batch:
            one_at_a_time.record_unresolved([name])
    counted, expected = (sorted(s.unresolved(10), key=by_name) for s in (sql_store, one_at_a_time))
    assert counted == expected
    assert [u.count for u in counted] == [8, 8, 8]


def by_name(count: UnresolvedCount) -> tuple[str, str, str]:
    return (count.kind, count.text, count.language or "")

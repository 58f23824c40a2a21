"""The accept path's inserts sent straight to the driver store what SQLAlchemy's own inserts store, value
for value (times as SQLite compares them as text, bytes, NULLs), and a unique key broken through them is
SQLAlchemy's `IntegrityError` (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import String, bindparam, cast, insert, select
from sqlalchemy.exc import IntegrityError

from gateway.store.driver import DriverInsert, DriverQuery
from gateway.store.sql import SqlStore
from gateway.store.tables import api_keys, deliveries, events, messages
from tests.store.conftest import fresh_sql_store

AT = datetime(
    2026, 11, 24, 7, 5, 3, tzinfo=UTC
)  # no microseconds: SQLite text the driver alone would write shorter
MESSAGE = {
    "message_id": "m-1", "sender": "KZ", "reference": "R-1", "digest": "d", "format": "kz-eaeu-pi",
    "kind": None, "original": b"<a/>", "harmonized": b"<h>\xd0\x96</h>", "issues": "[]", "status": "routed",
    "received_at": AT,
}  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


def as_text(store: SqlStore, table_name: str) -> list[tuple[object, ...]]:
    """Every row of the table, each column as the database holds it (cast to text)."""
    table = {"events": events, "deliveries": deliveries}[table_name]
    columns = [cast(c, String) if c.name != "id" else c for c in table.c if c.name not in ("id", "payload")]
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(*columns).order_by(table.c.id))]


def test_driver_inserts_store_what_sqlalchemy_stores(sql_store: SqlStore) -> None:
    event = {"message_id": "m-1", "name": "message:received", "recipient": None, "detail": "{}", "at": AT}
    delivery = {
        "message_id": "m-1", "recipient": "CN", "kind": "message", "method": "pull", "endpoint": None,
        "payload": b"<p/>", "state": "pending", "attempts": 0, "next_attempt_at": AT, "expires_at": None,
    }  # fmt: skip
    columns = [c.name for c in deliveries.c if c.name != "id"]
    with sql_store.engine.begin() as conn:
        DriverInsert(messages, list(MESSAGE)).one(conn, MESSAGE)
        conn.execute(insert(events), [event])
        DriverInsert(events, list(event)).many(conn, [event])
        first = conn.execute(insert(deliveries).returning(deliveries.c.id), delivery).scalar_one()
        second = DriverInsert(deliveries, columns, returning="id").one(conn, delivery)
    assert second == first + 1
    for table in ("events", "deliveries"):
        core, driver = as_text(sql_store, table)
        assert core == driver
    assert sql_store.message("m-1") is not None and sql_store.message("m-1").received_at == AT  # type: ignore[union-attr]


def test_a_broken_unique_key_is_sqlalchemys_integrity_error(sql_store: SqlStore) -> None:
    with sql_store.engine.begin() as conn:
        DriverInsert(messages, list(MESSAGE)).one(conn, MESSAGE)
    with pytest.raises(IntegrityError), sql_store.engine.begin() as conn:
        DriverInsert(messages, list(MESSAGE)).one(conn, MESSAGE | {"message_id": "m-2"})  # same reference


def test_the_key_lookup_on_the_driver_reads_what_sqlalchemy_reads(sql_store: SqlStore) -> None:
    key = {
        "key_id": "k1", "secret_hash": "h", "organisation": "KGD", "country": "KZ", "role": "national",
        "created_at": AT, "expires_at": None, "revoked_at": AT,
    }  # fmt: skip
    query = select(api_keys).where(api_keys.c.key_id == bindparam("key_id"))
    with sql_store.engine.begin() as conn:
        conn.execute(insert(api_keys), key)
        core = dict(conn.execute(query, {"key_id": "k1"}).one()._mapping)
    assert DriverQuery(query).first(sql_store.engine, {"key_id": "k1"}) == core == key
    assert DriverQuery(query).first(sql_store.engine, {"key_id": "k2"}) is None

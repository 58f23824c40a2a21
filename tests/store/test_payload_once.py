"""A delivery whose payload is the harmonized message itself (an agreement that withholds nothing) is
stored once, with the message (migration 0002), and read back whole by every read of the outbox, on
SQLite and PostgreSQL; a store migrated from 0001 with rows in it keeps every payload."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, insert, inspect, select, text

from gateway.store.database import MIGRATIONS, make_engine, migrate, sqlite_url
from gateway.store.port import NewDelivery, NewEvent
from gateway.store.sql import SqlStore
from gateway.store.tables import deliveries, messages
from tests.store.conftest import fresh_sql_store
from tests.store.test_store import T0, new_message

HARMONIZED = b"<HarmonizedMessage/>"  # new_message()'s harmonized bytes


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


def _outbox(*payloads: bytes) -> list[NewDelivery]:
    recipients = ("UZ", "CN", "KG")
    return [
        NewDelivery(to, "message", "pull", None, p, T0, None)
        for to, p in zip(recipients, payloads, strict=False)
    ]


def _stored_payloads(engine: Engine) -> dict[str, bytes | None]:
    with engine.connect() as conn:
        return {
            row.recipient: row.payload
            for row in conn.execute(select(deliveries.c.recipient, deliveries.c.payload))
        }


def test_a_payload_equal_to_the_message_is_stored_once_and_read_whole(sql_store: SqlStore) -> None:
    sql_store.accept(new_message(), _outbox(bytes(HARMONIZED), b"<to CN/>"), [NewEvent("message:received")])
    assert _stored_payloads(sql_store.engine) == {"UZ": None, "CN": b"<to CN/>"}
    read = {d.recipient: d.payload for d in sql_store.deliveries("m-1")}
    assert read == {"UZ": HARMONIZED, "CN": b"<to CN/>"}
    assert [d.payload for d in sql_store.inbox("UZ", 0, 10)] == [HARMONIZED]
    uz = sql_store.deliveries("m-1")[0]
    claimed = sql_store.claim(uz.id, "worker-1", T0 + timedelta(minutes=1), T0)
    assert claimed is not None and claimed.payload == HARMONIZED
    assert (
        sql_store.claim(uz.id, "worker-2", T0 + timedelta(minutes=1), T0) is None
    )  # still one lease, one delivery
    found = sql_store.delivery(uz.id)
    assert found is not None and found.payload == HARMONIZED


def test_upgrading_a_store_with_rows_keeps_every_payload(
    request: pytest.FixtureRequest, tmp_path: Path, database: str
) -> None:
    engine = _empty_database(request, tmp_path, database)
    _migrate_to(engine, "0001")
    with engine.begin() as conn:
        old_columns = [column for column in messages.c.keys() if column != "pruned_at"]  # noqa: SIM118  # a ColumnCollection iterates columns; pruned_at came with 0008
        values = {column: getattr(new_message(), column) for column in old_columns}
        conn.execute(insert(messages), values | {"issues": "[]"})
        for recipient, payload in (("UZ", HARMONIZED), ("CN", b"<to CN/>")):
            conn.execute(
                insert(deliveries).values(
                    message_id="m-1", recipient=recipient, kind="message", method="pull", payload=payload,
                    state="pending", attempts=0, next_attempt_at=T0,
                )
            )  # fmt: skip
    migrate(engine)
    assert _stored_payloads(engine) == {"UZ": None, "CN": b"<to CN/>"}
    store = SqlStore(engine)
    assert {d.recipient: d.payload for d in store.deliveries("m-1")} == {"UZ": HARMONIZED, "CN": b"<to CN/>"}
    _migrate_to(engine, "0001")  # and back: every row holds its payload again
    assert _stored_payloads(engine) == {"UZ": HARMONIZED, "CN": b"<to CN/>"}
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _empty_database(request: pytest.FixtureRequest, tmp_path: Path, database: str) -> Engine:
    if database == "sqlite":
        return make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    server: str = request.getfixturevalue("postgres_url")
    name = f"upgrade_{tmp_path.name.lower().replace('-', '_')}"[:60]
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_engine(server.rsplit("/", 1)[0] + f"/{name}")


def _migrate_to(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if revision == "0001" and _has_version_table(connection):
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)


def _has_version_table(connection: Connection) -> bool:
    return "alembic_version" in inspect(connection).get_table_names()

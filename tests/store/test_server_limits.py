"""The PostgreSQL timeouts are settings (GATEWAY_POSTGRES_*_TIMEOUT_SECONDS), applied by the store that
`open_store` builds, against the real server the suite starts: a statement running past its limit, one
waiting past its lock limit and a server that never answers the connection each end as the database
being unavailable (503 `store.unavailable` at the edge) instead of a wait as long as the database's."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import text

from gateway.settings import Settings
from gateway.store.database import ServerLimits, make_engine
from gateway.store.outage import unavailable
from gateway.store.sql import SqlStore, open_store


def store_of(url: str, **limits: float) -> SqlStore:
    return open_store(Settings(database_url=url, **limits))  # type: ignore[arg-type]


def shown(store: SqlStore, name: str) -> str:
    with store.engine.connect() as conn:
        return str(conn.execute(text(f"SHOW {name}")).scalar_one())


def connect_timeout(store: SqlStore) -> str:
    raw = store.engine.raw_connection()
    try:
        return str(raw.driver_connection.info.get_parameters()["connect_timeout"])  # type: ignore[union-attr]
    finally:
        raw.close()


def test_the_defaults_are_five_thirty_and_five_seconds(postgres_engine_url: str) -> None:
    store = store_of(postgres_engine_url)
    try:
        assert (shown(store, "lock_timeout"), shown(store, "statement_timeout")) == ("5s", "30s")
        assert connect_timeout(store) == "5"
    finally:
        store.close()


def test_the_settings_are_what_the_connections_get(postgres_engine_url: str) -> None:
    store = store_of(
        postgres_engine_url,
        postgres_connect_timeout_seconds=3,
        postgres_lock_timeout_seconds=1.5,
        postgres_statement_timeout_seconds=90,
    )
    try:
        assert (shown(store, "lock_timeout"), shown(store, "statement_timeout")) == ("1500ms", "90s")
        assert connect_timeout(store) == "3"
    finally:
        store.close()


def test_a_statement_past_its_setting_is_the_database_unavailable(postgres_engine_url: str) -> None:
    store = store_of(postgres_engine_url, postgres_statement_timeout_seconds=0.2)
    try:
        assert shown(store, "statement_timeout") == "200ms"
        with pytest.raises(Exception) as failure, store.engine.connect() as conn:
            conn.execute(text("SELECT pg_sleep(3)"))
        assert "QueryCanceled" in str(unavailable(failure.value))
    finally:
        store.close()


def test_a_lock_held_past_its_setting_is_the_database_unavailable(postgres_engine_url: str) -> None:
    store = store_of(postgres_engine_url, postgres_lock_timeout_seconds=0.1)
    holder = psycopg.connect(postgres_engine_url.replace("postgresql+psycopg", "postgresql"))
    try:
        assert shown(store, "lock_timeout") == "100ms"
        holder.execute("LOCK TABLE messages IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(Exception) as failure:
            store.message("m-1")
        assert "LockNotAvailable" in str(unavailable(failure.value))
    finally:
        holder.rollback()
        holder.close()
        store.close()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


def test_a_server_that_never_answers_is_given_up_after_the_connect_setting(silent_server: int) -> None:
    engine = make_engine(
        f"postgresql+psycopg://postgres@127.0.0.1:{silent_server}/postgres", limits=ServerLimits(2)
    )
    failures: list[BaseException] = []

    def connect() -> None:
        try:
            engine.connect().close()
        except Exception as failure:
            failures.append(failure)

    trying = threading.Thread(target=connect, daemon=True)
    trying.start()
    trying.join(60)  # without a connect timeout it would wait for ever
    engine.dispose()
    assert not trying.is_alive() and failures and unavailable(failures[0]) is not None


def test_the_settings_reach_the_connect_arguments() -> None:
    url = "postgresql+psycopg://gateway@127.0.0.1/gateway"
    given = ServerLimits(7, 0.25, 45).connect_args(url)
    assert given == {"connect_timeout": 7, "options": "-c lock_timeout=250 -c statement_timeout=45000"}
    assert (
        ServerLimits(1, 0.0001, 1).connect_args(url)["options"]
        == "-c lock_timeout=1 -c statement_timeout=1000"
    )
    assert ServerLimits().connect_args(url + "?connect_timeout=9&options=-c%20x%3D1") == {}  # the URL's own

"""The accept path's transaction, savepoints and statements run on the database driver (store/
driver_transaction.py, driver.py, counting.py): a failure anywhere in it leaves nothing half written,
alone or in a batch, and the connection goes back to the pool with no transaction or lock held; the
unresolved names of many documents are counted in several statements as they are in one (SQLite and
PostgreSQL)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from gateway.store import counting, sql, sql_base
from gateway.store.driver import ROWS_PER_STATEMENT, DriverInsert
from gateway.store.memory import MemoryStore
from gateway.store.port import NewEvent, UnresolvedName
from gateway.store.sql import SqlStore
from gateway.store.tables import events
from tests.store.conftest import fresh_sql_store
from tests.store.test_group_commit import Commits, accept, while_first_commit_held
from tests.store.test_store import MINUTE, T0, new_message, outbox


@pytest.fixture(params=["sqlite", "postgresql"])
def sql_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(8) as threads:
        yield threads


def failing_for(message_id: str, send: Callable[..., Any]) -> Callable[..., Any]:
    """`send` (a driver statement's method), failing as the disk would when it writes `message_id`'s rows."""

    def send_or_fail(conn: Any, values: Any, *rest: Any) -> Any:
        if values.get("message_id") == message_id:
            raise OperationalError("INSERT", {}, RuntimeError("disk I/O error"))
        return send(conn, values, *rest)

    return send_or_fail


def nothing_kept(store: SqlStore, message_id: str) -> bool:
    with store.engine.connect() as conn:
        written = conn.execute(select(events.c.id).where(events.c.message_id == message_id)).first()
    return store.message(message_id) is None and store.deliveries(message_id) == [] and written is None


def test_an_outbox_row_that_fails_leaves_no_message_and_the_document_can_come_again(
    sql_store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_base.ADD_DELIVERY, "one", failing_for("m-1", sql_base.ADD_DELIVERY.one))
    with pytest.raises(OperationalError):
        accept(sql_store, 1)  # the message row was written before the outbox row failed
    assert nothing_kept(sql_store, "m-1") and sql_store.unresolved(10) == []
    monkeypatch.undo()
    assert accept(sql_store, 1) == "m-1"  # the reference was not taken; the pool's connection works
    assert len(sql_store.deliveries("m-1")) == 2 and [u.count for u in sql_store.unresolved(10)] == [1, 1]


def test_a_write_that_fails_in_a_batch_is_undone_alone(
    sql_store: SqlStore, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sql_base.ADD_DELIVERY, "one", failing_for("m-2", sql_base.ADD_DELIVERY.one))
    commits = Commits(sql_store, hold_first=True)
    calls = [lambda n=n: accept(sql_store, n) for n in (1, 2, 3)]
    first, one, failed, three = while_first_commit_held(sql_store, pool, commits, calls)
    with pytest.raises(OperationalError):
        failed.result()
    assert (first.result(), one.result(), three.result()) == ("m-0", "m-1", "m-3")
    assert commits.count == 2  # the failed write was in the second batch, which committed the others
    assert nothing_kept(sql_store, "m-2")
    assert [len(sql_store.deliveries(f"m-{n}")) for n in (0, 1, 3)] == [2, 2, 2]
    assert [u.count for u in sql_store.unresolved(10)] == [3, 3]  # m-2's names not counted


def test_a_count_that_fails_fails_the_whole_batch_and_keeps_none_of_it(
    sql_store: SqlStore, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    commits = Commits(sql_store, hold_first=True)
    upsert = counting._UPSERT.run
    batches = iter([upsert])  # the held batch counts; the next one fails

    def count_or_fail(conn: Any, rows: Any) -> Any:
        send = next(batches, None)
        if send is None:
            raise OperationalError("INSERT", {}, RuntimeError("disk I/O error"))
        return send(conn, rows)

    monkeypatch.setattr(counting._UPSERT, "run", count_or_fail)
    calls = [lambda n=n: accept(sql_store, n) for n in (1, 2)]
    first, *batch = while_first_commit_held(sql_store, pool, commits, calls)
    assert first.result() == "m-0"
    for future in batch:
        with pytest.raises(OperationalError):
            future.result()
    assert nothing_kept(sql_store, "m-1") and nothing_kept(sql_store, "m-2")
    assert [u.count for u in sql_store.unresolved(10)] == [1, 1]


def test_a_failed_accept_leaves_no_write_lock_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SqlStore.open(f"sqlite:///{tmp_path / 'gateway.sqlite3'}")
    monkeypatch.setattr(sql._ADD_MESSAGE, "one", failing_for("m-1", sql._ADD_MESSAGE.one))
    with pytest.raises(OperationalError):
        accept(store, 1)
    other = sqlite3.connect(tmp_path / "gateway.sqlite3", timeout=0.5, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # "database is locked" if the failed accept still held it
    other.execute("ROLLBACK")
    other.close()
    store.close()


def test_many_documents_names_are_counted_in_several_statements_as_in_one(sql_store: SqlStore) -> None:
    distinct = ROWS_PER_STATEMENT + 37
    names = [
        UnresolvedName("place", f"Хоргос-{n % distinct}", "ru", "Cyrl", "KZ", f"m-{n}", T0 + n * MINUTE)
        for n in range(2 * ROWS_PER_STATEMENT + 80)
    ]
    one_at_a_time = MemoryStore()
    for batch in (names[:90], names[90:]):
        sql_store.record_unresolved(batch)
        for name in batch:
            one_at_a_time.record_unresolved([name])
    limit = 2 * ROWS_PER_STATEMENT
    assert sorted(sql_store.unresolved(limit), key=repr) == sorted(one_at_a_time.unresolved(limit), key=repr)
    assert len(sql_store.unresolved(limit)) == distinct


def test_a_batch_of_documents_with_more_names_than_one_statement_takes_counts_them_all(
    sql_store: SqlStore, pool: ThreadPoolExecutor
) -> None:
    def post(n: int) -> str:
        names = [UnresolvedName("party", f"ТОО {n}-{k}", "ru", "Cyrl", "KZ", f"m-{n}", T0) for k in range(30)]
        message = new_message(f"m-{n}", f"KZ-{n}")
        return sql_store.accept(
            message, outbox("CN"), [NewEvent("message:received", None, {})], names
        ).message_id

    commits = Commits(sql_store, hold_first=True)
    futures = while_first_commit_held(sql_store, pool, commits, [lambda n=n: post(n) for n in range(1, 8)])
    assert sorted(f.result() for f in futures) == sorted(f"m-{n}" for n in range(8))
    assert commits.count == 2  # seven documents, 210 names: one batch, three upserts
    counted = sql_store.unresolved(1000)
    assert len(counted) == 2 + 7 * 30 and {u.count for u in counted} == {1}


def test_times_converted_once_per_object_are_each_their_own(sql_store: SqlStore) -> None:
    """The driver's converters remember the last time they converted: equal times from other objects,
    and other times in turn, are each written as SQLAlchemy writes them."""
    times = [T0, T0 + timedelta(microseconds=1), T0, T0.astimezone(), T0 + MINUTE, T0 + MINUTE]
    rows = [{"message_id": None, "name": f"e{n}", "recipient": None, "detail": "{}", "at": at}
            for n, at in enumerate(times)]  # fmt: skip
    insert = DriverInsert(events, list(rows[0]))
    with sql_store.engine.begin() as conn:
        for row in rows:
            insert.one(conn, row)
        insert.many(conn, rows)
    with sql_store.engine.connect() as conn:
        stored = [row.at for row in conn.execute(select(events.c.at).order_by(events.c.id))]
    assert stored == times + times


def test_threads_converting_times_at_once_each_write_their_own(sql_store: SqlStore) -> None:
    """Many threads accept at once, each with its own received time: each message keeps its own."""
    together = threading.Barrier(8)

    def post(n: int) -> None:
        message = replace(new_message(f"m-{n}", f"KZ-{n}"), received_at=T0 + n * MINUTE)
        together.wait(5)
        sql_store.accept(message, outbox("CN"), [])

    with ThreadPoolExecutor(8) as threads:
        list(threads.map(post, range(8)))
    for n in range(8):
        found = sql_store.message(f"m-{n}")
        assert found is not None and found.received_at == T0 + n * MINUTE

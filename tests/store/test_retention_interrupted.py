"""A batch of retention interrupted before it commits (an exception, or the process killed) leaves every
message of it whole, on SQLite and PostgreSQL: the batch is one transaction. A resend of a dead letter
committed while a batch waits for it keeps its message."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

from gateway.store.port import Outcome
from gateway.store.sql import SqlStore
from gateway.store.tables import deliveries
from tests.store.conftest import fresh_sql_store
from tests.store.test_retention import LATER, T0, acknowledge_all, keep, push_ends, whole

KILLED_AT_THE_LAST_STATEMENT = """
import os, signal, sys
from sqlalchemy import event, select, update
from gateway.store.database import make_engine
from gateway.store.sql import SqlStore
from tests.store.test_retention import LATER

store = SqlStore(make_engine(sys.argv[1]))

@event.listens_for(store.engine, "before_cursor_execute")
def kill(conn, cursor, statement, *args):
    if statement.startswith("UPDATE messages"):  # events and deliveries deleted, not committed
        os.kill(os.getpid(), signal.SIGKILL)

store.prune(LATER, LATER, 100)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def sql(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    store = fresh_sql_store(request, tmp_path)
    yield store
    store.close()


def finished(store: SqlStore, count: int) -> list[str]:
    ids = [keep(store, n, "CN", "KG") for n in range(count)]
    for message_id in ids:
        acknowledge_all(store, message_id)
    return ids


def test_an_exception_mid_batch_leaves_each_message_whole(sql: SqlStore) -> None:
    ids = finished(sql, 5)

    def fail(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.startswith("UPDATE messages"):
            raise RuntimeError("the disk is full")

    event.listen(sql.engine, "before_cursor_execute", fail)
    with pytest.raises(RuntimeError):
        sql.prune(LATER, LATER, 100)
    event.remove(sql.engine, "before_cursor_execute", fail)
    assert all(whole(sql, m) and len(sql.deliveries(m)) == 2 for m in ids)
    assert sql.prune(LATER, LATER, 100).messages == 5  # and the next turn takes them


def test_a_process_killed_mid_batch_leaves_each_message_whole(sql: SqlStore) -> None:
    ids = finished(sql, 5)
    url = sql.engine.url.render_as_string(hide_password=False)
    root = Path(__file__).resolve().parents[2]
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AT_THE_LAST_STATEMENT, url], check=False, cwd=root,
        env={"PYTHONPATH": str(root)}, capture_output=True, timeout=120,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr.decode()
    sql.engine.dispose()
    assert all(whole(sql, m) and len(sql.deliveries(m)) == 2 for m in ids)
    assert sql.prune(LATER, LATER, 100).messages == 5


def test_a_resend_committed_while_a_batch_waits_keeps_its_message(sql: SqlStore) -> None:
    dead = keep(sql, 1, "CN", method="push")
    push_ends(sql, dead, Outcome.dead(T0, "push.http-404: gone"))
    for notice in sql.inbox("KZ", 0, 10):
        assert sql.acknowledge("KZ", notice.id, T0)
    (letter,) = [d.id for d in sql.deliveries(dead) if d.kind == "message"]
    with sql.engine.connect() as operator, ThreadPoolExecutor(1) as pool:
        operator.begin()  # an operator's resend, as `resend` writes it, not committed yet
        operator.execute(select(deliveries.c.id).where(deliveries.c.id == letter).with_for_update())
        operator.execute(update(deliveries).where(deliveries.c.id == letter).values(state="pending"))
        pruning = pool.submit(sql.prune, LATER, LATER, 100)
        time.sleep(0.3)  # the batch reads the letter as dead and waits for its lock
        operator.commit()
        assert pruning.result(timeout=60).messages == 0
    assert whole(sql, dead) and [d.state for d in sql.deliveries(dead)] == ["pending", "delivered"]
